// Place and country labels: DOM labels chosen per zoom with a greedy screen-space collision test.
// Loaded by sitmap.webmap.js (see its docstring for the rules every snippet follows).
(function () {
  if (window.sitmapLabels) { return; }
  var TEXT_H = 16;  // a label's text height in px before it is measured (11-12 px type with its halo)
  var FOLLOW_MS = 250;  // the names follow moving markers (not a move of the map) at most this often
  // Where a place name may go around its dot: right, left, above, below. Each is [box, CSS transform] for
  // a text of width w whose nearest edge is `gap` px from the dot. The transform puts the text exactly in
  // its box: above and below once sat 2 px nearer the dot than the box said, and a name below a marker
  // could touch it (Mais al-Jabal at zoom 9, tests/browser/test_legible.py).
  var SIDES = [
    function (p, w, g, h) { return [[p.x + g, p.y - h / 2, p.x + g + w, p.y + h / 2], "translate(" + g + "px,-50%)"]; },
    function (p, w, g, h) { return [[p.x - g - w, p.y - h / 2, p.x - g, p.y + h / 2], "translate(calc(-100% - " + g + "px),-50%)"]; },
    function (p, w, g, h) { return [[p.x - w / 2, p.y - g - h, p.x + w / 2, p.y - g], "translate(-50%,calc(-100% - " + g + "px))"]; },
    function (p, w, g, h) { return [[p.x - w / 2, p.y + g, p.x + w / 2, p.y + g + h], "translate(-50%," + g + "px)"]; }
  ];
  // The drawn size of each kind's names, read from the page's CSS at each pass (briefing mode draws them
  // larger: sized by the dashboard's font they overprinted each other): a hidden probe label gives the
  // font, letter spacing, case and line height; a canvas measures each text in that font.
  var canvas2d = document.createElement("canvas").getContext("2d"), plain = document.createElement("div");
  function measurer(pane, kinds) {
    var styles = kinds.map(function (k) {
      var d = document.createElement("div");
      d.className = "leaflet-marker-icon sitmap-label sitmap-label-" + k;
      d.style.visibility = "hidden";
      d.innerHTML = "<span>Hg</span>";
      pane.appendChild(d);
      var cs = getComputedStyle(d.firstChild), h = d.firstChild.getBoundingClientRect().height;
      var st = { font: [cs.fontStyle, cs.fontWeight, cs.fontSize, cs.fontFamily].join(" "),
        upper: cs.textTransform === "uppercase", spacing: parseFloat(cs.letterSpacing) || 0,
        h: h > 0 ? Math.ceil(h) : TEXT_H };
      pane.removeChild(d);
      return st;
    });
    var widths = {};
    return {
      h: function (kind) { return styles[kind].h; },
      // Width in px of a row's text (escaped HTML: read back as the text the browser shows) plus its halo.
      w: function (html, kind) {
        var key = kind + "|" + html;
        if (!(key in widths)) {
          var st = styles[kind];
          plain.innerHTML = html;  // a detached element: no layout, and the text is ours, already escaped
          var text = st.upper ? plain.textContent.toUpperCase() : plain.textContent;
          canvas2d.font = st.font;
          widths[key] = Math.ceil(canvas2d.measureText(text).width + st.spacing * text.length) + 2;
        }
        return widths[key];
      }
    };
  }
  function hits(box, list) {
    for (var j = 0; j < list.length; j++) {
      var o = list[j];
      if (box[0] < o[2] && box[2] > o[0] && box[1] < o[3] && box[3] > o[1]) { return true; }
    }
    return false;
  }
  // The first side (at the usual gap, then pushed clear of the markers on the dot) whose text box meets
  // neither a marker nor a label already placed; null if none does.
  // Only round markers push a name outward (`circles`, as boxes); other boxes (the distance label) are
  // only kept clear of: taken as a circle, a 200 px label pushed a village's name 13 km off its dot.
  // A city may also go one step farther out (`far`): its name matters more than a tight fit.
  function place(p, w, h, near, boxes, circles, far) {
    var push = 5;
    circles.forEach(function (m) {
      var cx = (m[0] + m[2]) / 2, r = (m[2] - m[0]) / 2, d = Math.sqrt((cx - p.x) * (cx - p.x)
        + ((m[1] + m[3]) / 2 - p.y) * ((m[1] + m[3]) / 2 - p.y));
      if (d < r + 4) { push = Math.max(push, d + r + 3); }
    });
    var gaps = push > 5 ? [5, push] : [5];
    if (far) { gaps.push(push + 12); }
    for (var k = 0; k < gaps.length; k++) {
      for (var s = 0; s < SIDES.length; s++) {
        var c = SIDES[s](p, w, gaps[k], h);
        if (!hits(c[0], near) && !hits(c[0], boxes)) { return c; }
      }
    }
    return null;
  }
  var sitmapLabels = window.sitmapLabels = function (map, layer, data) {
    var pane = window.sitmapCommon.pane(map, "sitmap-labels", 445);
    pane.style.pointerEvents = "none";
    function draw() {
      window.sitmapLabels.draws += 1;
      layer.clearLayers();
      var z = map.getZoom(), b = map.getBounds().pad(0.1), boxes = [], size = measurer(pane, data.kinds);
      // Markers and counts on screen (the events layer's own record): a place name goes beside, above or
      // below its dot, wherever it keeps clear of them. A name that fits nowhere is left out at this zoom,
      // a city's or country's too (as the PNG snapshot does): under a disc the name cannot be read, over
      // it the count cannot, and the count is what the map is for. Rows come by rank, so the cities and
      // countries that can be placed clear are placed first; zooming in makes room for the rest.
      var E = window.sitmapEvents, marks = E && E.obstacles ? E.obstacles() : [];
      var circles = marks.map(function (m) { return [m[0] - m[2], m[1] - m[2], m[0] + m[2], m[1] + m[2]]; });
      var near = circles.slice();
      // The selected event's distance label too (a tooltip: its box is the browser's).
      var frame = map.getContainer().getBoundingClientRect();
      map.getContainer().querySelectorAll(".sitmap-distance-label").forEach(function (el) {
        var r = el.getBoundingClientRect();
        near.push([r.left - frame.left, r.top - frame.top, r.right - frame.left, r.bottom - frame.top]);
      });
      data.rows.forEach(function (r) {  // rows are sorted by rank: important labels win collisions
        if (z < data.minZoom[r[3]] || z > data.maxZoom[r[3]] || !b.contains([r[1], r[0]])) { return; }
        var p = map.latLngToContainerPoint([r[1], r[0]]), w = size.w(r[2], r[3]), h = size.h(r[3]);
        var kind = data.kinds[r[3]], chosen = null;
        if (r[3] === 0) {  // country names are centred on their point, or moved up or down a line
          [0, -h - 2, h + 2].some(function (dy) {
            var box = [p.x - w / 2 - 4, p.y + dy - h / 2 - 2, p.x + w / 2 + 4, p.y + dy + h / 2 + 2];
            if (hits(box, boxes) || hits(box, near)) { return false; }
            chosen = [box, "translate(-50%,calc(-50% + " + dy + "px))"];
            return true;
          });
          if (!chosen) { return; }
        } else {
          chosen = place(p, w, h, near, boxes, circles, kind === "city");
          if (!chosen) { return; }
          boxes.push([p.x - 4, p.y - 4, p.x + 4, p.y + 4]);  // its dot, kept clear by later labels
        }
        boxes.push(chosen[0]);
        layer.addLayer(L.marker([r[1], r[0]], { pane: "sitmap-labels",
          interactive: false, keyboard: false,
          icon: L.divIcon({ className: "sitmap-label sitmap-label-" + kind, iconSize: null,
            html: "<span style=\"transform:" + chosen[1] + "\">" + r[2] + "</span>" }) }));
      });
    }
    // A pass after the events layer has drawn (it fires "sitmapeventsdrawn" whenever its markers change:
    // a move, a zoom, a time-bar step, a new events group), so labels see where they are: the next frame
    // after a move or zoom, but at most every FOLLOW_MS for markers alone (playback changes them every
    // frame, and a pass costs more than the frame: names then trail the markers by a moment).
    var timer = null, frame = null, last = -Infinity;
    function run() {
      clearTimeout(timer);
      cancelAnimationFrame(frame);
      timer = frame = null;
      last = performance.now();
      if (layer._map) { draw(); }
    }
    function later(e) {
      var wait = e && e.type === "sitmapeventsdrawn" ? last + FOLLOW_MS - performance.now() : 0;
      if (wait > 0) {
        if (timer === null) { timer = setTimeout(run, wait); }
        return;
      }
      if (frame !== null) { return; }
      clearTimeout(timer);
      frame = requestAnimationFrame(run);
      timer = setTimeout(run, 200);  // a hidden page gets no frames
    }
    var EVENTS = "zoomend moveend sitmapeventsdrawn";
    layer.on("add", function () { draw(); map.on(EVENTS, later); });
    layer.on("remove", function () { map.off(EVENTS, later); });
    if (layer._map) { draw(); map.on(EVENTS, later); }
  };
  sitmapLabels.draws = 0;  // passes so far (a test counts them)
})();
