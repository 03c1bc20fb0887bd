// sitmap's Fullscreen control: window.sitmapPlugins.fullscreen(map, opts) adds it to `map` and returns it.
// Defined once per page, whatever the number of maps or controls (the guard below).
(function () {
    "use strict";
    var plugins = window.sitmapPlugins = window.sitmapPlugins || {};
    if (plugins.fullscreen) { return; }
    plugins.fullscreen = function (map, opts) {
        var control = L.control({ position: opts.position });
        control.onAdd = function () {
            var bar = L.DomUtil.create("div", "leaflet-bar leaflet-control sitmap-fullscreen");
            var button = L.DomUtil.create("a", "", bar);
            button.href = "#";
            button.setAttribute("role", "button");
            button.innerHTML = opts.icon;
            var container = map.getContainer();
            function sync() {
                var on = document.fullscreenElement === container;
                button.title = on ? opts.titleCancel : opts.title;
                button.setAttribute("aria-label", button.title);
                map.invalidateSize();
            }
            L.DomEvent.disableClickPropagation(bar);
            L.DomEvent.on(button, "click", function (e) {
                L.DomEvent.preventDefault(e);
                if (document.fullscreenElement) {
                    document.exitFullscreen();
                } else {
                    container.requestFullscreen();
                }
            });
            document.addEventListener("fullscreenchange", sync);
            if (!document.fullscreenEnabled) { bar.style.display = "none"; }
            sync();
            return bar;
        };
        return control.addTo(map);
    };
})();
