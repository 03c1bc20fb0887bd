// The time filter in the browser: every event of the layer carries its first and last day (P.ts, P.te,
// days since 1970-01-01, inclusive); a window [start, end] in the same days shows the events whose period
// overlaps it (the rule of sitmap.view.filtering.time_mask), with no server round trip.
// window.sitmapTime.setWindow(start, end) is what the time bar calls (from the page, same origin); null
// shows every event. A map that loads later takes the page's window (window.parent.sitmapTimeWindow).
(function () {
  if (window.sitmapTime) { return; }
  var T = window.sitmapTime = { window: null, redraws: 0 };
  function fromPage() {
    try {
      if (window.parent && window.parent !== window && window.parent.sitmapTimeWindow) {
        return window.parent.sitmapTimeWindow;
      }
    } catch (e) { /* another origin: no page window */ }
    return null;
  }
  T.current = function () { return T.window || fromPage(); };
  T.shows = function (P, i, w) {
    if (!w || !P.ts) { return true; }
    var s = P.ts[i], e = P.te[i];
    return s !== null && e !== null && e >= w[0] && s <= w[1];
  };
  // Returns how many events of the live layers the window holds (the time bar shows it).
  T.setWindow = function (start, end) {
    T.window = start === null || start === undefined ? null : [start, end];
    T.redraws += 1;
    var n = 0, E = window.sitmapEvents;
    (E ? E.live : []).forEach(function (st) {
      st.redraw();
      for (var i = 0; i < st.P.id.length; i++) { if (T.shows(st.P, i, T.window)) { n += 1; } }
    });
    return n;
  };
})();
