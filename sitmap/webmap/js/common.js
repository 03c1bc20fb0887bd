// Shared helpers: panes, the glyph marker (a canvas circle with a letter or a count inside).
// Loaded by sitmap.webmap.js (see its docstring for the rules every snippet follows).
(function () {
  if (window.sitmapCommon) { return; }
  var C = window.sitmapCommon = {};
  C.pane = function (map, name, z) {
    var pane = map.getPane(name) || map.createPane(name);
    pane.style.zIndex = z;
    return pane;
  };
  // A CircleMarker drawing a short text (type letter, cluster count) inside itself on canvas.
  C.Glyph = L.CircleMarker.extend({
    _updatePath: function () {
      L.CircleMarker.prototype._updatePath.call(this);
      var r = this._renderer, g = this.options.glyph;
      if (!g || !r || !r._ctx || !r._drawing || this._empty() || this._radius < 5) { return; }
      var ctx = r._ctx, p = this._point;
      ctx.save();
      ctx.globalAlpha = this.options.glyphOpacity === undefined ? 1 : this.options.glyphOpacity;
      ctx.fillStyle = this.options.glyphColor || "#fff";
      var size = Math.round(this._radius * (g.length > 2 ? 0.8 : g.length > 1 ? 0.95 : 1.15));
      ctx.font = "bold " + size + "px Arial, Helvetica, sans-serif";
      ctx.textAlign = "center";
      ctx.textBaseline = "middle";
      ctx.fillText(g, p.x, p.y + 0.5);
      ctx.restore();
    }
  });
  // Count discs that touch on screen are merged, the most overlapping pairs first, a pair per disc per round,
  // round after round until none touch: the snapshot's rule (sitmap.snapshot.clusters.merge_touching), so a
  // dense front reads as a few whole counts, not a pile of half-hidden ones. `discs` carry their screen
  // position (sx, sy) and count (n); `reach(n)` is a disc's radius to the outside of its ring; `merge(a, b)`
  // returns the disc of both, placed on screen. Neighbours are found through a grid, not every pair.
  C.mergeTouching = function (discs, reach, gap, merge) {
    for (;;) {
      var most = 0, grid = {}, pairs = [], taken = {}, merged = [];
      discs.forEach(function (d) { d.r = reach(d.n); most = Math.max(most, d.r); });
      var cell = 2 * most + gap;
      discs.forEach(function (d, k) {
        var key = Math.floor(d.sx / cell) + ":" + Math.floor(d.sy / cell);
        (grid[key] || (grid[key] = [])).push(k);
      });
      discs.forEach(function (d, k) {
        var gx = Math.floor(d.sx / cell), gy = Math.floor(d.sy / cell);
        for (var dx = -1; dx <= 1; dx++) {
          for (var dy = -1; dy <= 1; dy++) {
            (grid[(gx + dx) + ":" + (gy + dy)] || []).forEach(function (j) {
              var o = discs[j], slack = Math.hypot(d.sx - o.sx, d.sy - o.sy) - d.r - o.r - gap;
              if (j > k && slack < 0) { pairs.push([slack, k, j]); }
            });
          }
        }
      });
      if (!pairs.length) { return discs; }
      pairs.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]; });
      pairs.forEach(function (p) {
        if (taken[p[1]] || taken[p[2]]) { return; }
        taken[p[1]] = taken[p[2]] = true;
        merged.push(merge(discs[p[1]], discs[p[2]]));
      });
      discs = discs.filter(function (d, k) { return !taken[k]; }).concat(merged);
    }
  };
  // Run `fn` once the browser has painted what is on screen now (secondary layers: admin-1 areas, place
  // labels, the overview's land), so the events appear first. The timeout covers a frame that never comes.
  C.pending = 0;  // deferred jobs not yet run (the end-to-end benchmark waits for 0)
  C.afterPaint = function (fn) {
    var done = false;
    C.pending += 1;
    function run() { if (!done) { done = true; C.pending -= 1; fn(); } }
    requestAnimationFrame(function () { setTimeout(run, 0); });
    setTimeout(run, 300);
  };
  C.el = function (tag, cls, html, parent) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (html !== undefined && html !== null) { e.innerHTML = html; }  // html: pre-escaped text only
    if (parent) { parent.appendChild(e); }
    return e;
  };
})();
