// The count discs of the events layer: a number of events drawn as one disc (clusters made in the browser,
// grid cells made by the server). Loaded before js/events.js, whose layer state `st` they draw into.
(function () {
  if (window.sitmapDiscs) { return; }
  var C = window.sitmapCommon, D = window.sitmapDiscs = {};

  function fmtCount(n) {
    return n < 1000 ? String(n) : (n < 10000 ? (n / 1000).toFixed(1) : Math.round(n / 1000)) + "k";
  }

  // A count disc: small and a little see-through, so the Area of Separation and the lines stay readable
  // under it; filled with the colour of its most common type. Discs that would touch are merged first.
  function discRadius(n) { return Math.min(17, 8 + 3 * Math.log10(n + 1)); }
  D.draw = function (st, discs, className) {
    var map = st.map, P = st.P, z = map.getZoom();
    function place(d) { var p = map.project([d.y / d.n, d.x / d.n], z); d.sx = p.x; d.sy = p.y; return d; }
    function merge(a, b) {
      var d = { n: a.n + b.n, x: a.x + b.x, y: a.y + b.y, types: {}, pad: Math.max(a.pad, b.pad),
                bounds: L.latLngBounds([]).extend(a.bounds).extend(b.bounds) };
      [a, b].forEach(function (s) {
        Object.keys(s.types).forEach(function (t) { d.types[t] = (d.types[t] || 0) + s.types[t]; });
      });
      return place(d);
    }
    discs = C.mergeTouching(discs.map(place), function (n) { return discRadius(n) + 0.75; }, 1, merge);
    discs.forEach(function (b) {
      var top = 0, topN = -1, at = [b.y / b.n, b.x / b.n], radius = discRadius(b.n);
      Object.keys(b.types).forEach(function (t) { if (b.types[t] > topN) { topN = b.types[t]; top = t; } });
      var c = new C.Glyph(at, {
        renderer: st.renderer, pane: "sitmap-events", radius: radius,
        color: "#ffffff", weight: 1.5, fillColor: P.types[top].colour, fillOpacity: 0.72, glyph: fmtCount(b.n),
        glyphColor: P.types[top].ink, className: className
      });
      // What streamlit-folium reports for a click on it: a cluster, which zooms in and selects nothing.
      c.feature = { type: "Feature", properties: { sitmap_cluster: b.n } };
      c.bindTooltip(b.n + " events; most: " + P.types[top].label + " (" + topN + ")", { direction: "top" });
      var box = b.pad ? b.bounds.pad(b.pad) : b.bounds;
      c.on("click", function () { map.fitBounds(box, { maxZoom: P.clusterMaxZoom }); });
      st.clusters.addLayer(c);
      st.drawn.push([at[0], at[1], radius]);
    });
  };
})();
