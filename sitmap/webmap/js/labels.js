// Place and country labels: DOM labels chosen per zoom with a greedy screen-space collision test.
// Loaded by sitmap.webmap.js (see its docstring for the rules every snippet follows).
(function () {
  if (window.sitmapLabels) { return; }
  window.sitmapLabels = function (map, layer, data) {
    window.sitmapCommon.pane(map, "sitmap-labels", 445).style.pointerEvents = "none";
    function draw() {
      layer.clearLayers();
      var z = map.getZoom(), b = map.getBounds().pad(0.1), boxes = [];
      // Markers and counts on screen (the events layer's own record): a place name goes right of its dot,
      // else left of it, whichever keeps clear of them; a village name that fits neither is left out.
      var E = window.sitmapEvents, marks = E && E.obstacles ? E.obstacles() : [];
      function hits(box, list) {
        for (var j = 0; j < list.length; j++) {
          var o = list[j];
          if (box[0] < o[2] && box[2] > o[0] && box[1] < o[3] && box[3] > o[1]) { return true; }
        }
        return false;
      }
      var near = marks.map(function (m) { return [m[0] - m[2], m[1] - m[2], m[0] + m[2], m[1] + m[2]]; });
      data.rows.forEach(function (r) {  // rows are sorted by rank: important labels win collisions
        if (z < data.minZoom[r[3]] || z > data.maxZoom[r[3]] || !b.contains([r[1], r[0]])) { return; }
        var p = map.latLngToContainerPoint([r[1], r[0]]), w = r[2].length * data.charWidth[r[3]];
        var kind = data.kinds[r[3]], side = "";
        // Country names are centred on their point; place names start right (or end left) of their dot.
        var box = r[3] === 0 ? [p.x - w / 2 - 4, p.y - 10, p.x + w / 2 + 4, p.y + 10]
                             : [p.x - 5, p.y - 9, p.x + w + 10, p.y + 9];
        if (r[3] !== 0 && hits(box, near)) {
          var left = [p.x - w - 10, p.y - 9, p.x + 5, p.y + 9];
          if (!hits(left, near) && !hits(left, boxes)) { box = left; side = " sitmap-label-left"; }
          else if (kind === "village") { return; }
        }
        if (hits(box, boxes)) { return; }
        boxes.push(box);
        var cls = "sitmap-label sitmap-label-" + kind + side;
        layer.addLayer(L.marker([r[1], r[0]], { pane: "sitmap-labels", interactive: false, keyboard: false,
          icon: L.divIcon({ className: cls, html: "<span>" + r[2] + "</span>", iconSize: null }) }));
      });
    }
    layer.on("add", function () { draw(); map.on("zoomend moveend", draw); });
    layer.on("remove", function () { map.off("zoomend moveend", draw); });
    if (layer._map) { draw(); map.on("zoomend moveend", draw); }
  };
})();
