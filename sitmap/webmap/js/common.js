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
