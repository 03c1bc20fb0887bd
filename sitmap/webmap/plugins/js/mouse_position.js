// sitmap's MousePosition control: window.sitmapPlugins.mousePosition(map, opts) adds it to `map` and returns it.
// Defined once per page, whatever the number of maps or controls (the guard below).
(function () {
    "use strict";
    var plugins = window.sitmapPlugins = window.sitmapPlugins || {};
    if (plugins.mousePosition) { return; }
    plugins.mousePosition = function (map, opts) {
        var control = L.control({ position: opts.position });
        control.onAdd = function () {
            var div = L.DomUtil.create("div", "leaflet-control sitmap-mouse-position");
            div.textContent = opts.emptyText;
            map.on("mousemove", function (e) {
                var ll = e.latlng.wrap();
                div.textContent = "lat " + ll.lat.toFixed(opts.decimals)
                    + ", lon " + ll.lng.toFixed(opts.decimals);
            });
            map.on("mouseout", function () { div.textContent = opts.emptyText; });
            return div;
        };
        return control.addTo(map);
    };
})();
