// The time bar under the map (a Streamlit v2 component: sitmap.ui.map.timebar_component). It draws the
// events per day by type, takes a window by dragging (brush, move, resize), steps by day/week/month, jumps
// to the next/previous event and plays (moving or cumulative window), all in the browser: each change goes
// straight to the map's frame (window.sitmapTime, js/timefilter.js). Python hears the window only when the
// analyst lets go (debounced), as the component's "window" state. Text is set with textContent only.
(function () {
  if (window.sitmapTimebar) { return; }
  var DAY_MS = 86400000, COMMIT_MS = 300, EDGE_PX = 6, HIST_H = 56;
  var UNITS = [["day", "Day"], ["week", "Week"], ["month", "Month"]];
  var MODES = [["window", "Moving window"], ["cumulative", "Cumulative"]];
  // Playback speed: days per second, or ("e" prefix) events per second, the window's end moving from one
  // event's day to the next at that rate (quiet weeks pass at once, busy days slowly).
  var SPEEDS = [[1, "1 day/s"], [7, "1 week/s"], [30, "1 month/s"], [120, "4 months/s"],
                ["e2", "2 events/s"], ["e10", "10 events/s"], ["e50", "50 events/s"]];
  var stats = window.sitmapTimebarStats = { applies: 0, applyMs: [], commits: 0, frames: 0 };

  function el(tag, cls, text, parent) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== null && text !== undefined) { e.textContent = text; }
    if (parent) { parent.appendChild(e); }
    return e;
  }
  function iso(day) { return new Date(day * DAY_MS).toISOString().slice(0, 10); }
  function addMonths(day, n) {
    var d = new Date(day * DAY_MS);
    return Math.round(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, d.getUTCDate()) / DAY_MS);
  }
  // Every map frame of the page with the browser time filter (same origin: Streamlit serves both).
  function maps() {
    var out = [];
    document.querySelectorAll("iframe").forEach(function (f) {
      try {
        if (f.contentWindow && f.contentWindow.sitmapTime) { out.push(f.contentWindow.sitmapTime); }
      } catch (e) { /* a frame of another origin */ }
    });
    return out;
  }
  function select(parent, options, value, title, onChange) {
    var s = el("select", "tb-select", null, parent);
    s.title = title;
    s.setAttribute("aria-label", title);
    options.forEach(function (o) {
      var opt = el("option", null, o[1], s);
      opt.value = String(o[0]);
    });
    s.value = String(value);
    s.addEventListener("change", function () { onChange(s.value); });
    return s;
  }
  function button(parent, text, title, onClick) {
    var b = el("button", "tb-button", text, parent);
    b.type = "button";
    b.title = title;
    b.setAttribute("aria-label", title);
    b.addEventListener("click", onClick);
    return b;
  }

  function build(root) {
    var tb = { unit: "day", speed: 7, playing: false, dragging: null, pending: null, win: null };
    var box = tb.box = el("div", "sitmap-timebar", null, root);
    var row = el("div", "tb-row", null, box);
    button(row, "\u00AB", "Back to the start", function () { stop(tb); rewind(tb); });
    button(row, "\u21E4", "Previous event", function () { stop(tb); jump(tb, -1); });
    button(row, "\u2039", "Step back", function () { stop(tb); step(tb, -1); });
    tb.play = button(row, "\u25B6", "Play", function () { if (tb.playing) { stop(tb); } else { play(tb); } });
    button(row, "\u203A", "Step forward", function () { stop(tb); step(tb, 1); });
    button(row, "\u21E5", "Next event", function () { stop(tb); jump(tb, 1); });
    select(row, UNITS, tb.unit, "Step by", function (v) { tb.unit = v; });
    tb.modeSelect = select(row, MODES, "window", "Playback mode", function (v) { tb.mode = v; });
    select(row, SPEEDS, tb.speed, "Playback speed", function (v) {
      tb.speed = v.charAt(0) === "e" ? v : Number(v);
    });
    button(row, "All", "The whole period", function () { stop(tb); set(tb, tb.data.extent.slice(), true); });
    tb.label = el("span", "tb-label", "", row);
    tb.canvas = el("canvas", "tb-hist", null, box);
    tb.canvas.tabIndex = 0;
    tb.canvas.setAttribute("role", "slider");
    tb.canvas.setAttribute("aria-label", "Time window: drag to choose, arrow keys to step");
    tb.axis = el("div", "tb-axis", null, box);
    tb.canvas.addEventListener("pointerdown", function (e) { down(tb, e); });
    tb.canvas.addEventListener("pointermove", function (e) { move(tb, e); });
    tb.canvas.addEventListener("pointerup", function (e) { up(tb, e); });
    tb.canvas.addEventListener("keydown", function (e) {
      if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
        e.preventDefault(); stop(tb); step(tb, e.key === "ArrowRight" ? 1 : -1);
      }
    });
    // The canvas's width, read only when it changes: reading it while drawing would force the page's
    // layout on every frame of playback (the label's text has just changed).
    tb.width = 0;
    var measure = function () { tb.width = tb.canvas.clientWidth || 600; if (tb.data && tb.win) { draw(tb); } };
    if (window.ResizeObserver) { new ResizeObserver(measure).observe(tb.canvas); }
    window.addEventListener("resize", measure);
    return tb;
  }

  // --- the window: set, applied to the maps, told to Python ------------------------------------------
  function clampWin(tb, w) {
    var lo = tb.data.extent[0], hi = tb.data.extent[1], a = Math.max(lo, Math.min(w[0], hi));
    var b = Math.max(lo, Math.min(w[1], hi));
    return a <= b ? [a, b] : [b, a];
  }
  function set(tb, w, commitNow) {
    tb.win = clampWin(tb, w);
    apply(tb);
    if (commitNow) { commit(tb); }
  }
  function apply(tb) {
    var t0 = performance.now(), n = null;
    window.sitmapTimeWindow = tb.win;  // a map frame that loads later takes it from here
    var found = maps();
    found.forEach(function (m) { n = (n || 0) + m.setWindow(tb.win[0], tb.win[1]); });
    // The map's frame may load after the bar: try again until it is there (it reads the page's window
    // on its own too, so this only brings the count into the label).
    clearTimeout(tb.retry);
    if (!found.length && (tb.tries = (tb.tries || 0) + 1) < 120) { tb.retry = setTimeout(function () { apply(tb); }, 250); }
    stats.applies += 1;
    stats.applyMs.push(performance.now() - t0);
    if (stats.applyMs.length > 500) { stats.applyMs.shift(); }
    fitAxis(tb);
    var days = tb.win[1] - tb.win[0] + 1;
    tb.label.textContent = iso(tb.win[0]) + " \u2013 " + iso(tb.win[1]) + " \u00B7 " + days + " day"
      + (days === 1 ? "" : "s") + (n === null ? "" : " \u00B7 " + n + " on the map");
    draw(tb);
  }
  function commit(tb) {
    clearTimeout(tb.pending);
    tb.pending = setTimeout(function () {
      tb.pending = null;
      stats.commits += 1;
      stats.committedAt = performance.timeOrigin + performance.now();
      tb.committed = tb.win.slice();
      tb.component.setStateValue("window", [iso(tb.win[0]), iso(tb.win[1])]);
    }, COMMIT_MS);
  }

  // --- steps, jumps, playback ------------------------------------------------------------------------
  function shift(day, sign, unit) {
    if (unit === "month") { return addMonths(day, sign); }
    return day + sign * (unit === "week" ? 7 : 1);
  }
  function moveTo(tb, end) {  // the window's last day to `end`, span kept (cumulative: first day kept)
    var w = tb.win, lo = tb.data.extent[0], hi = tb.data.extent[1];
    end = Math.max(lo, Math.min(end, hi));
    if (tb.mode === "cumulative") { return [w[0], Math.max(w[0], end)]; }
    var span = w[1] - w[0];
    end = Math.max(end, lo + span);
    return [end - span, end];
  }
  function step(tb, sign) { set(tb, moveTo(tb, shift(tb.win[1], sign, tb.unit)), true); }
  function jump(tb, sign) {
    var days = tb.data.days, target = null;
    for (var i = 0; i < days.length; i++) {
      if (sign > 0 && days[i] > tb.win[1]) { target = days[i]; break; }
      if (sign < 0 && days[i] < (tb.mode === "cumulative" ? tb.win[1] : tb.win[0])) { target = days[i]; }
    }
    if (target !== null) { set(tb, moveTo(tb, target), true); }
  }
  function rewind(tb) {  // to the histogram's first day (a year-precision event may start long before)
    var lo = Math.max(tb.data.extent[0], Math.min(tb.data.axis[0], tb.data.extent[1]));
    set(tb, tb.mode === "cumulative" ? [tb.win[0], tb.win[0]] : [lo, lo + tb.win[1] - tb.win[0]], true);
  }
  // Events per day, cumulated, in day order (the histogram's rows): for playback in events per second.
  function tally(tb) {
    if (tb.tallyFor === tb.data) { return tb.tally; }
    var per = {};
    tb.data.hist.forEach(function (r) { per[r[0]] = (per[r[0]] || 0) + r[2]; });
    var days = Object.keys(per).map(Number).sort(function (a, b) { return a - b; }), cum = [], n = 0;
    days.forEach(function (d) { n += per[d]; cum.push(n); });
    tb.tallyFor = tb.data;
    tb.tally = { days: days, cum: cum };
    return tb.tally;
  }
  function eventsUpTo(t, day) {  // how many events fall on or before `day`
    var lo = 0, hi = t.days.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (t.days[mid] <= day) { lo = mid + 1; } else { hi = mid; } }
    return lo ? t.cum[lo - 1] : 0;
  }
  function dayOfEvent(t, k) {  // the day of the k-th event (1-based), null past the last
    var lo = 0, hi = t.cum.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (t.cum[mid] < k) { lo = mid + 1; } else { hi = mid; } }
    return lo < t.days.length ? t.days[lo] : null;
  }
  // Playback ends on the histogram's last day (year-precision events may stretch the extent far beyond).
  function lastDay(tb) { return Math.min(tb.data.extent[1], Math.max(tb.data.axis[1], tb.data.extent[0])); }
  function play(tb) {
    if (tb.win[1] >= lastDay(tb)) { rewind(tb); }
    tb.playing = true;
    tb.play.textContent = "\u23F8";
    tb.play.title = "Pause";
    tb.play.setAttribute("aria-label", "Pause");
    var last = performance.now(), acc = 0, byEvents = typeof tb.speed === "string", t = byEvents ? tally(tb) : null;
    var cursor = byEvents ? eventsUpTo(t, tb.win[1]) : 0;
    function frame(now) {
      if (!tb.playing) { return; }
      var dt = Math.min(now - last, 250) / 1000;  // a stalled tab does not jump ahead
      last = now;
      stats.frames += 1;
      var end = null;
      if (byEvents) {
        cursor += dt * Number(tb.speed.slice(1));
        end = dayOfEvent(t, Math.ceil(cursor));
        if (end === null) { end = lastDay(tb); }
      } else {
        acc += dt * tb.speed;
        if (acc >= 1) { var whole = Math.floor(acc); acc -= whole; end = tb.win[1] + whole; }
      }
      if (end !== null && end > tb.win[1]) { set(tb, moveTo(tb, Math.min(end, lastDay(tb))), false); }
      if (tb.win[1] >= lastDay(tb)) { stop(tb); return; }
      requestAnimationFrame(frame);
    }
    requestAnimationFrame(frame);
  }
  function stop(tb) {
    if (!tb.playing) { return; }
    tb.playing = false;
    tb.play.textContent = "\u25B6";
    tb.play.title = "Play";
    tb.play.setAttribute("aria-label", "Play");
    fitAxis(tb);
    draw(tb);
    commit(tb);
  }

  // --- the histogram and the brush ---------------------------------------------------------------------
  // The axis drawn: the days of the filters' events widened to hold the window, so the dates under the
  // histogram and the window in the caption always agree (a filter or a link may put the window outside
  // those days). Held still while the analyst drags or playback runs: the scale never moves under them.
  function fitAxis(tb) {
    if (tb.dragging || tb.playing) { return; }
    var a = tb.data.axis;
    tb.shown = [Math.min(a[0], tb.win[0]), Math.max(a[1], tb.win[1])];
  }
  function geometry(tb) {
    if (!tb.width) { tb.width = tb.canvas.clientWidth || 600; }
    var a = tb.shown || tb.data.axis, w = tb.width;
    return { a0: a[0], n: a[1] - a[0] + 1, w: w };
  }
  function xOf(g, day) { return (day - g.a0) / g.n * g.w; }
  function dayAt(tb, clientX) {
    var g = geometry(tb), r = tb.canvas.getBoundingClientRect();
    return Math.floor(g.a0 + (clientX - r.left) / g.w * g.n);
  }
  function draw(tb) {
    var c = tb.canvas, g = geometry(tb), dpr = window.devicePixelRatio || 1, h = HIST_H;
    if (c.width !== Math.round(g.w * dpr)) { c.width = Math.round(g.w * dpr); c.height = h * dpr; }
    var ctx = c.getContext("2d");
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, g.w, h);
    var at = g.a0 + ":" + g.n;
    if (!tb.cols || tb.colsFor !== tb.data || tb.colsW !== g.w || tb.colsA !== at) { columns(tb, g); }
    var bw = g.w / tb.cols.length, max = tb.colsMax || 1;
    tb.cols.forEach(function (col, k) {
      var y = h;
      col.forEach(function (n, t) {
        if (!n) { return; }
        var bh = Math.max(1, n / max * (h - 4));
        ctx.fillStyle = tb.data.types[t].colour;
        ctx.fillRect(k * bw, y - bh, Math.max(1, bw - 0.5), bh);
        y -= bh;
      });
    });
    var x0 = xOf(g, tb.win[0]), x1 = xOf(g, tb.win[1] + 1);
    ctx.fillStyle = "rgba(255,255,255,0.68)";  // outside the window: washed out
    ctx.fillRect(0, 0, Math.max(0, x0), h);
    ctx.fillRect(Math.min(g.w, x1), 0, Math.max(0, g.w - x1), h);
    ctx.fillStyle = "rgba(30,110,200,0.12)";
    ctx.fillRect(x0, 0, x1 - x0, h);
    ctx.strokeStyle = "#1e6ec8";
    ctx.lineWidth = 2;
    [x0, x1].forEach(function (x) { ctx.beginPath(); ctx.moveTo(x, 0); ctx.lineTo(x, h); ctx.stroke(); });
    if (tb.axisFor !== tb.data || tb.axisAt !== at) {  // its text changes with the data and the axis drawn
      tb.axisFor = tb.data;
      tb.axisAt = at;
      tb.axis.textContent = "";
      el("span", null, iso(g.a0), tb.axis);
      el("span", "tb-outliers", tb.data.outliers ? tb.data.outliers + " year-precision events not drawn" : "",
         tb.axis);
      el("span", null, iso(g.a0 + g.n - 1), tb.axis);
    }
  }
  function columns(tb, g) {
    var ncol = Math.max(1, Math.min(g.n, Math.floor(g.w / 2))), per = g.n / ncol, nt = tb.data.types.length;
    var cols = [], max = 0;
    for (var k = 0; k < ncol; k++) { cols.push(new Array(nt).fill(0)); }
    tb.data.hist.forEach(function (r) {  // [day, type, count]
      var k = Math.floor((r[0] - g.a0) / per);
      if (k >= 0 && k < ncol) { cols[k][r[1]] += r[2]; }
    });
    cols.forEach(function (col) { var s = col.reduce(function (a, b) { return a + b; }, 0); max = Math.max(max, s); });
    tb.cols = cols; tb.colsMax = max; tb.colsFor = tb.data; tb.colsW = g.w; tb.colsA = g.a0 + ":" + g.n;
  }
  function down(tb, e) {
    stop(tb);
    var g = geometry(tb), r = tb.canvas.getBoundingClientRect(), x = e.clientX - r.left, d = dayAt(tb, e.clientX);
    var x0 = xOf(g, tb.win[0]), x1 = xOf(g, tb.win[1] + 1);
    if (Math.abs(x - x0) <= EDGE_PX) { tb.dragging = { kind: "start" }; }
    else if (Math.abs(x - x1) <= EDGE_PX) { tb.dragging = { kind: "end" }; }
    else if (x > x0 && x < x1) { tb.dragging = { kind: "move", from: d, win: tb.win.slice() }; }
    else { tb.dragging = { kind: "new", anchor: d }; set(tb, [d, d], false); }
    tb.canvas.setPointerCapture(e.pointerId);
  }
  function move(tb, e) {
    var dr = tb.dragging;
    if (!dr) {
      var g = geometry(tb), r = tb.canvas.getBoundingClientRect(), x = e.clientX - r.left;
      var near = Math.abs(x - xOf(g, tb.win[0])) <= EDGE_PX || Math.abs(x - xOf(g, tb.win[1] + 1)) <= EDGE_PX;
      tb.canvas.style.cursor = near ? "ew-resize" : "crosshair";
      return;
    }
    var d = dayAt(tb, e.clientX), w;
    if (dr.kind === "start") { w = [d, tb.win[1]]; }
    else if (dr.kind === "end") { w = [tb.win[0], d]; }
    else if (dr.kind === "move") { w = [dr.win[0] + d - dr.from, dr.win[1] + d - dr.from]; }
    else { w = [Math.min(dr.anchor, d), Math.max(dr.anchor, d)]; }
    if (w[0] !== tb.win[0] || w[1] !== tb.win[1]) { set(tb, w, false); }
  }
  function up(tb) {
    if (!tb.dragging) { return; }
    tb.dragging = null;
    fitAxis(tb);  // a window moved past the axis's ends during the drag: the axis takes it in now
    draw(tb);
    commit(tb);
  }

  function same(a, b) { return !!a && !!b && a[0] === b[0] && a[1] === b[1]; }
  // Python's window (the page's, from a link, a preset, a slide) arrives apart from the bar's data (a tiny
  // component of its own, sitmap.ui.map.timebar_component), so a window change resends neither the bar's
  // code nor its histogram. It wins unless the analyst is busy with the bar (a drag, playback, a commit on
  // its way) or it is the echo of the bar's own last commit (the analyst may have moved on since).
  function fromPython(tb, win) {
    if (!win || tb.dragging || tb.playing || tb.pending || same(win, tb.committed)) { return; }
    if (same(win, tb.win)) { return; }
    tb.win = clampWin(tb, win);
    apply(tb);
  }
  window.sitmapTimebarWindow = function (win) {
    window.sitmapPythonWindow = win;
    var tb = window.__sitmapTb;
    if (tb && tb.data) { fromPython(tb, win); }
  };

  window.sitmapTimebar = function (component) {
    var root = component.parentElement, tb = root.__sitmapTimebar;
    if (!tb) { tb = root.__sitmapTimebar = build(root); }
    window.__sitmapTb = tb;
    tb.component = component;
    var first = !tb.data;
    tb.data = component.data;
    if (first) {
      tb.mode = tb.data.mode;
      tb.modeSelect.value = tb.mode;
      tb.win = clampWin(tb, window.sitmapPythonWindow || tb.data.axis);
    } else {
      tb.win = clampWin(tb, tb.win);  // new data may have another extent
    }
    apply(tb);
  };
})();
