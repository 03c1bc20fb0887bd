// Reference overlays (Area of Separation, Lines A and B, limitation bands, admin-1, the basemap's land):
// static GeoJSON drawn with SVG, a class per feature id, and permanent labels hidden below their zoom.
// Loaded by sitmap.webmap.js (see its docstring for the rules every snippet follows).
(function () {
  if (window.sitmapReference) { return; }
  // o: pane, zIndex, styles (by the feature's sitmap_style), attribution (the caller's fixed HTML),
  // labels ([lon, lat, text, class, min zoom]), deferred (features added after the first paint).
  // data: a function returning the GeoJSON, called when the features are added: a deferred layer's JSON
  // (the land's and admin-1's, ~0.9 MB) is parsed after the events are drawn, not before them.
  window.sitmapReference = function (map, o, data) {
    window.sitmapCommon.pane(map, o.pane, o.zIndex);
    var renderer = L.svg({ pane: o.pane });
    var layer = L.geoJSON(null, {
      pane: o.pane, renderer: renderer, interactive: false, attribution: o.attribution,
      style: function (f) {
        var s = L.extend({}, o.styles[f.properties.sitmap_style] || o.styles["default"]);
        s.className = "sitmap-ref sitmap-ref-" + f.properties.sitmap_class;
        return s;
      }
    });
    function fill() {
      layer.addData(data());
      var rows = o.labels;
      // The labels' pane first: when the fill is deferred the layer is on the map already, and a marker
      // added to it needs its pane at once. Above the events: "Line A", "Line B" stay readable over a
      // crowd of markers (their halo keeps the markers under them visible).
      if (rows.length) {
        window.sitmapCommon.pane(map, "sitmap-reflabels", 455).style.pointerEvents = "none";
      }
      var labels = rows.map(function (r) {
        var icon = L.divIcon({ className: "sitmap-reflabel sitmap-reflabel-" + r[3],
                               html: "<span>" + r[2] + "</span>", iconSize: null });
        var mk = L.marker([r[1], r[0]], { pane: "sitmap-reflabels", interactive: false,
                                          keyboard: false, icon: icon });
        mk.sitmapMinZoom = r[4];
        layer.addLayer(mk);
        return mk;
      });
      function zoomed() {
        var z = map.getZoom();
        labels.forEach(function (mk) { mk.setOpacity(z >= mk.sitmapMinZoom ? 1 : 0); });
      }
      if (labels.length) {
        map.on("zoomend", zoomed);
        layer.on("add", zoomed);
        zoomed();
      }
    }
    if (o.deferred) { window.sitmapCommon.afterPaint(fill); } else { fill(); }
    return layer;
  };
})();
