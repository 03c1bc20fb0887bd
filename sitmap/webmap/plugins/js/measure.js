// sitmap's MeasureDistance control: window.sitmapPlugins.measure(map, opts) adds it to `map` and returns it.
// Defined once per page, whatever the number of maps or controls (the guard below).
(function () {
    "use strict";
    var plugins = window.sitmapPlugins = window.sitmapPlugins || {};
    if (plugins.measure) { return; }
    plugins.measure = function (map, opts) {
        var RAD = Math.PI / 180;
        // Vincenty inverse on WGS84; null when it does not converge (near-antipodal).
        function vincenty(p, q) {
            var a = 6378137, f = 1 / 298.257223563, b = a * (1 - f);
            var dL = ((q.lng - p.lng + 540) % 360 - 180) * RAD;
            var U1 = Math.atan((1 - f) * Math.tan(p.lat * RAD));
            var U2 = Math.atan((1 - f) * Math.tan(q.lat * RAD));
            var sinU1 = Math.sin(U1), cosU1 = Math.cos(U1);
            var sinU2 = Math.sin(U2), cosU2 = Math.cos(U2);
            var lambda = dL, lambdaP, iter = 0, sinLambda, cosLambda, sinSigma, cosSigma;
            var sigma, sinAlpha, cosSqAlpha, cos2SigmaM, C, t1, t2;
            do {
                sinLambda = Math.sin(lambda);
                cosLambda = Math.cos(lambda);
                t1 = cosU2 * sinLambda;
                t2 = cosU1 * sinU2 - sinU1 * cosU2 * cosLambda;
                sinSigma = Math.sqrt(t1 * t1 + t2 * t2);
                if (sinSigma === 0) { return 0; }
                cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
                sigma = Math.atan2(sinSigma, cosSigma);
                sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma;
                cosSqAlpha = 1 - sinAlpha * sinAlpha;
                cos2SigmaM = cosSqAlpha !== 0 ? cosSigma - 2 * sinU1 * sinU2 / cosSqAlpha : 0;
                C = f / 16 * cosSqAlpha * (4 + f * (4 - 3 * cosSqAlpha));
                lambdaP = lambda;
                lambda = dL + (1 - C) * f * sinAlpha * (sigma + C * sinSigma
                    * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
            } while (Math.abs(lambda - lambdaP) > 1e-12 && ++iter < 200);
            if (iter >= 200) { return null; }
            var uSq = cosSqAlpha * (a * a - b * b) / (b * b);
            var A = 1 + uSq / 16384 * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)));
            var B = uSq / 1024 * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)));
            var dSigma = B * sinSigma * (cos2SigmaM + B / 4 * (cosSigma
                * (-1 + 2 * cos2SigmaM * cos2SigmaM) - B / 6 * cos2SigmaM
                * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
            return b * A * (sigma - dSigma);
        }
        function geodesic(p, q) {
            p = L.latLng(p); q = L.latLng(q);
            var d = vincenty(p, q);
            // Spherical fallback (mean Earth radius) only where Vincenty fails to converge.
            return d === null ? L.CRS.Earth.distance(p, q) * 6371008.8 / 6371000 : d;
        }
        function format(m) {
            if (m < 1000) { return Math.round(m) + " m"; }
            return (m / 1000).toFixed(m < 10000 ? 2 : 1) + " km";
        }
        var points = [], active = false, bar, button, result;
        var layer = L.layerGroup();
        var line = L.polyline([], {
            color: opts.color, weight: 2, dashArray: "6 4", interactive: false
        }).addTo(layer);
        function total() {
            var sum = 0;
            for (var i = 1; i < points.length; i++) { sum += geodesic(points[i - 1], points[i]); }
            return sum;
        }
        function redraw() {
            line.setLatLngs(points);
            layer.eachLayer(function (l) { if (l !== line) { layer.removeLayer(l); } });
            points.forEach(function (p) {
                L.circleMarker(p, {
                    radius: 3, color: opts.color, fillOpacity: 1, interactive: false
                }).addTo(layer);
            });
            if (!active) { result.textContent = ""; return; }
            result.textContent = points.length < 2 ? opts.hint : format(total());
            result.title = points.length < 2 ? "" : Math.round(total()) + " m (WGS84 geodesic)";
        }
        function add(e) { points.push(e.latlng); redraw(); }
        function undo(e) {
            L.DomEvent.preventDefault(e.originalEvent);
            points.pop();
            redraw();
        }
        function onKey(e) { if (e.key === "Escape") { stop(); } }
        function start() {
            active = true;
            points = [];
            layer.addTo(map);
            map.on("click", add).on("contextmenu", undo);
            map.doubleClickZoom.disable();
            map.getContainer().style.cursor = "crosshair";
            // Clicks go to the ruler, not to the layers under it (markers, footprints, 1974 overlays):
            // measure.css turns their pointer events off while the map carries this class.
            L.DomUtil.addClass(map.getContainer(), "sitmap-measuring");
            document.addEventListener("keydown", onKey);
            L.DomUtil.addClass(bar, "sitmap-measure-on");
            redraw();
        }
        function stop() {
            active = false;
            points = [];
            map.off("click", add).off("contextmenu", undo);
            map.doubleClickZoom.enable();
            map.getContainer().style.cursor = "";
            L.DomUtil.removeClass(map.getContainer(), "sitmap-measuring");
            document.removeEventListener("keydown", onKey);
            L.DomUtil.removeClass(bar, "sitmap-measure-on");
            redraw();
            map.removeLayer(layer);
        }
        var control = L.control({ position: opts.position });
        control.onAdd = function () {
            bar = L.DomUtil.create("div", "leaflet-bar leaflet-control sitmap-measure");
            button = L.DomUtil.create("a", "", bar);
            button.href = "#";
            button.title = opts.title;
            button.setAttribute("role", "button");
            button.setAttribute("aria-label", opts.title);
            button.innerHTML = opts.icon;
            result = L.DomUtil.create("div", "sitmap-measure-result", bar);
            L.DomEvent.disableClickPropagation(bar);
            L.DomEvent.on(button, "click", function (e) {
                L.DomEvent.preventDefault(e);
                if (active) { stop(); } else { start(); }
            });
            return bar;
        };
        control.geodesicDistance = geodesic;
        control.totalDistance = total;
        control.isActive = function () { return active; };
        control.points = function () { return points.slice(); };
        return control.addTo(map);
    };
})();
