// sitmap's MiniMap control: window.sitmapPlugins.minimap(map, opts, data) adds it to `map` and returns it.
// Defined once per page, whatever the number of maps or controls (the guard below).
(function () {
    "use strict";
    var plugins = window.sitmapPlugins = window.sitmapPlugins || {};
    if (plugins.minimap) { return; }
    plugins.minimap = function (map, opts, data) {
        var control = L.control({ position: opts.position });
        var box, inner;
        control.onAdd = function () {
            box = L.DomUtil.create("div", "leaflet-control leaflet-control-minimap sitmap-minimap");
            box.style.width = opts.width + "px";
            box.style.height = opts.height + "px";
            box.title = opts.title;
            box.setAttribute("role", "img");
            box.setAttribute("aria-label", opts.title);
            inner = L.DomUtil.create("div", "sitmap-minimap-map", box);
            inner.style.background = opts.sea;
            // Clicks and wheel turns on the overview must not reach the main map (and its listeners).
            L.DomEvent.disableClickPropagation(box);
            L.DomEvent.disableScrollPropagation(box);
            return box;
        };
        control.addTo(map);
        // Created after the control is in the page, so the inner map knows its size.
        var mini = L.map(inner, {
            attributionControl: false, zoomControl: false, dragging: false, touchZoom: false,
            scrollWheelZoom: false, doubleClickZoom: false, boxZoom: false, keyboard: false,
            fadeAnimation: false, zoomAnimation: false, renderer: L.svg({ padding: 0.2 })
        });
        var land = L.geoJSON(null, { interactive: false, style: opts.land }).addTo(mini);
        var extent = L.rectangle(map.getBounds(), L.extend({ interactive: false }, opts.extent));
        function sync() {
            var z = Math.max(opts.minZoom, Math.min(opts.maxZoom, map.getZoom() + opts.zoomOffset));
            mini.setView(map.getCenter(), z, { animate: false });
            extent.setBounds(map.getBounds());
        }
        sync();
        extent.addTo(mini);
        map.on("moveend zoomend resize", sync);
        mini.on("click", function (e) { map.panTo(e.latlng); });
        control.overview = mini;
        control.extent = extent;
        control.land = land;
        // The land follows the main map's first paint (`sitmapCommon.afterPaint` where sitmap's map
        // script is present), under the extent rectangle.
        var later = window.sitmapCommon ? window.sitmapCommon.afterPaint : function (fn) { fn(); };
        later(function () { land.addData(data); extent.bringToFront(); });
        return control;
    };
})();
