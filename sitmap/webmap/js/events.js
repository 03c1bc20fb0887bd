// The events layer: columnar payload -> per-type groups of canvas markers, areas, clusters, selection.
// Loaded by sitmap.webmap.js (see its docstring for the rules every snippet follows).
(function () {
  if (window.sitmapEvents) { return; }
  var C = window.sitmapCommon, D = window.sitmapDiscs;  // D: the count discs (js/discs.js)
  var S = window.sitmapEvents = { hidden: {}, byId: {}, control: null, live: [] };

  function props(P, i) {
    var ty = P.types[P.t[i]];
    return {
      event_id: P.id[i], event_ids: [P.id[i]], event_type: ty.key, type_label: ty.label,
      date: P.d[i], time_precision: P.tps[P.tp[i]].key, geo_precision: P.gps[P.gp[i]].key,
      claim_status: P.claims[P.c[i]].key, location: P.loc[i], summary: P.sum[i],
      uncertainty_m: P.u[i]
    };
  }
  function style(P, i, renderer, pane) {
    var ty = P.types[P.t[i]], cl = P.claims[P.c[i]], a = P.tps[P.tp[i]].alpha;
    return {
      renderer: renderer, pane: pane, radius: P.radius, weight: 2, color: ty.colour, opacity: a,
      fillColor: cl.solid ? ty.colour : "#ffffff", fillOpacity: (cl.solid ? 0.9 : 0.8) * a,
      dashArray: cl.dash, glyph: ty.glyph, glyphColor: cl.solid ? ty.ink : ty.colour, glyphOpacity: a,
      className: "sitmap-event sitmap-event-" + P.id[i]
    };
  }
  function tooltip(P, i) {
    var ty = P.types[P.t[i]];
    // The space keeps words apart in textContent (streamlit-folium's last_object_clicked_tooltip).
    return "<b>" + ty.label + "</b> &middot; " + P.d[i] + (P.loc[i] ? "<br> " + P.loc[i] : "");
  }
  function popup(P, idx) {
    var box = C.el("div", "sitmap-popup");
    idx.slice(0, 12).forEach(function (i) {
      var ty = P.types[P.t[i]], item = C.el("div", "sitmap-popup-event", null, box);
      item.setAttribute("data-event-id", P.id[i]);
      C.el("div", "sitmap-popup-title", ty.label, item).style.borderColor = ty.colour;
      C.el("div", "sitmap-popup-meta", P.d[i] + " &middot; " + P.claims[P.c[i]].label + " &middot; "
           + P.gps[P.gp[i]].label + (P.u[i] ? " (&plusmn; " + (P.u[i] >= 1000 ? Math.round(P.u[i] / 100) / 10
           + " km" : Math.round(P.u[i]) + " m") + ")" : ""), item);
      if (P.loc[i]) { C.el("div", "sitmap-popup-loc", P.loc[i], item); }
      C.el("div", "sitmap-popup-summary", P.sum[i], item);
      C.el("div", "sitmap-popup-id", P.id[i], item);
    });
    if (idx.length > 12) { C.el("div", "sitmap-popup-more", "+ " + (idx.length - 12) + " more", box); }
    return box;
  }
  S.add = function (map, fg, P) {
    var st = { map: map, fg: fg, P: P, groups: {}, markers: {}, points: [], clusters: null, zoomCache: {} };
    // One canvas for areas, circles and points (areas first, so under them): a canvas takes every click
    // over it, so a second events canvas in a lower pane could never be clicked.
    C.pane(map, "sitmap-events", 450);
    C.pane(map, "sitmap-selection", 460).style.pointerEvents = "none";
    st.renderer = L.canvas({ pane: "sitmap-events", padding: 0.3, tolerance: 3 });
    P.types.forEach(function (ty, k) {
      var g = L.featureGroup();
      g.addEventParent(fg);  // clicks reach the events FeatureGroup (streamlit-folium listens there)
      g.sitmapType = ty.key;
      st.groups[k] = g;
    });
    // Areas (region/country precision, polygon events): drawn once, under the points.
    P.areas.forEach(function (ar) {
      var i0 = ar.idx[0], ty = P.types[P.t[i0]], cl = P.claims[P.c[i0]], a = P.tps[P.tp[i0]].alpha;
      // A light outline, no fill: hundreds of country/province footprints stack, and stacked fills bury
      // the points, the reference zones and the labels under one opaque colour. Only an event's own small
      // polygon keeps a faint tint (it is the event, not a vague placement).
      var own = ar.kind === "own";
      var opts = { renderer: st.renderer, pane: "sitmap-events", color: ty.colour, weight: own ? 2 : 1.5,
                   opacity: (own ? 0.9 : 0.55) * a, dashArray: cl.solid ? "8 4" : "3 5",
                   fill: own, fillColor: ty.colour, fillOpacity: 0.08 * a,
                   className: "sitmap-event sitmap-area" };
      // L.geoJSON hands its options to the layers it makes: that is how they get the canvas renderer.
      var layer = ar.circle ? L.circle([ar.circle[1], ar.circle[0]], L.extend({ radius: ar.circle[2] }, opts))
                            : L.geoJSON(P.shapes[ar.shape], opts).getLayers()[0];
      if (!layer) { return; }
      var ids = ar.idx.map(function (i) { return P.id[i]; });
      var one = ids.length === 1 ? ids[0] : null;
      layer.feature = { type: "Feature", id: one, properties: L.extend(props(P, i0), {
        event_id: one, event_ids: ids, area: ar.kind, area_name: ar.name }) };
      layer.bindTooltip("<b>" + ty.label + "</b> &middot; "
                        + (ids.length > 1 ? ids.length + " events" : P.d[i0]) + "<br>" + ar.label,
                        { sticky: true });
      layer.bindPopup(function () { return popup(P, ar.idx); }, { maxWidth: 360 });
      ids.forEach(function (id) { S.byId[id] = layer; });
      st.groups[P.t[i0]].addLayer(layer);
      ar.layer = layer;
    });
    for (var i = 0; i < P.id.length; i++) { if (P.x[i] !== null) { st.points.push(i); } }
    st.selection = L.featureGroup().addEventParent(fg);
    drawSelection(st);
    var origAdd = fg.onAdd, origRemove = fg.onRemove;
    fg.onAdd = function (m) { origAdd.call(this, m); attach(st); };
    fg.onRemove = function (m) { detach(st); origRemove.call(this, m); };
    st.redraw = function () { redraw(st, true); };
    if (P.note) {  // what the layer holds when it cannot hold every event (sitmap.webmap.cells)
      st.note = L.control({ position: "topright" });
      st.note.onAdd = function () { return C.el("div", "sitmap-layer-note", P.note); };
    }
    if (fg._map) { attach(st); }
    // Symbols wanted but milsymbol still loading (a script of the page's head): plain markers until it is
    // there, then the symbols (tried for a minute at most).
    if (P.sidc.some(function (c) { return c; }) && !window.ms) {
      var tries = 0, wait = setInterval(function () {
        if (window.ms || ++tries > 240) {
          clearInterval(wait);
          if (window.ms && S.live.indexOf(st) >= 0) {
            st.markers = {}; st.selection.clearLayers(); drawSelection(st); redraw(st, true);
          }
        }
      }, 250);
    }
    return st;
  };

  // The symbols overlay: an event with an APP-6(D) code (P.sidc) is drawn as its symbol, made by milsymbol
  // (window.ms, loaded by the base map) once per code and painted on the events canvas like a marker.
  var images = {};
  function symbolImage(P, i) {
    var code = P.sidc && P.sidc[i], ms = window.ms;
    if (!code || !ms) { return null; }
    if (!(code in images)) {
      var s = new ms.Symbol(code, { size: 20, outlineWidth: 3, outlineColor: "#ffffff" });
      var ratio = Math.max(1, window.devicePixelRatio || 1);
      images[code] = s.isValid() ? { canvas: s.asCanvas(ratio), anchor: s.getAnchor(), size: s.getSize() } : null;
    }
    return images[code];
  }
  C.Symbol = L.CircleMarker.extend({
    _updateBounds: function () {
      var im = this.options.image, p = this._point, t = this._clickTolerance();
      this._pxBounds = new L.Bounds(p.subtract([im.anchor.x + t, im.anchor.y + t]),
                                    p.add([im.size.width - im.anchor.x + t, im.size.height - im.anchor.y + t]));
    },
    _updatePath: function () {
      var r = this._renderer, im = this.options.image;
      if (!r || !r._ctx || !r._drawing || this._empty()) { return; }
      var ctx = r._ctx, p = this._point;
      ctx.save();
      ctx.globalAlpha = this.options.opacity;
      ctx.drawImage(im.canvas, p.x - im.anchor.x, p.y - im.anchor.y, im.size.width, im.size.height);
      ctx.restore();
    }
  });
  // The marker of event i: its symbol with the symbols overlay, else the type's disc with its letter.
  function makeMarker(P, i, renderer, pane, extra) {
    var opts = L.extend(style(P, i, renderer, pane), extra || {}), im = symbolImage(P, i);
    if (!im) { return new C.Glyph([P.y[i], P.x[i]], opts); }
    return new C.Symbol([P.y[i], P.x[i]], L.extend(opts, {
      image: im, radius: Math.max(im.size.width, im.size.height) / 2, opacity: P.tps[P.tp[i]].alpha,
      className: opts.className + " sitmap-symbol" }));
  }

  function marker(st, i) {
    var m = st.markers[i];
    if (m) { return m; }
    var P = st.P;
    m = makeMarker(P, i, st.renderer, "sitmap-events");
    m.feature = { type: "Feature", id: P.id[i], properties: props(P, i) };
    m.bindTooltip(tooltip(P, i), { direction: "top", offset: [0, -6] });
    m.bindPopup(function () { return popup(P, [i]); }, { maxWidth: 360 });
    S.byId[P.id[i]] = m;
    if (P.uncertainty && P.u[i] && P.u[i] > 0) {
      var ty = P.types[P.t[i]];
      m.sitmapCircle = L.circle([P.y[i], P.x[i]], {
        renderer: st.renderer, pane: "sitmap-events", radius: P.u[i], interactive: false, weight: 1,
        color: ty.colour, opacity: 0.5 * P.tps[P.tp[i]].alpha, dashArray: "2 3", fill: false,
        className: "sitmap-uncertainty"
      });
    }
    st.markers[i] = m;
    return m;
  }

  function visible(st, k) { return !S.hidden[st.P.types[k].key]; }

  function attach(st) {
    var map = st.map;
    S.live.push(st);
    Object.keys(st.groups).forEach(function (k) {
      if (visible(st, k)) { map.addLayer(st.groups[k]); }
      if (S.control) { register(st, k); }
    });
    map.addLayer(st.selection);
    if (st.note) { st.note.addTo(map); }
    st.onMove = function () { redraw(st); };
    map.on("zoomend moveend", st.onMove);
    redraw(st, true);
  }
  function register(st, k) {
    var P = st.P, ty = P.types[k], n = P.counts[k];
    if (!n) { return; }
    S.control.addOverlay(st.groups[k], "<span class=\"sitmap-swatch\" style=\"background:" + ty.colour
      + "\"></span>" + ty.label + " <small>(" + n + ")</small>");
  }
  function detach(st) {
    var map = st.map;
    S.live = S.live.filter(function (s) { return s !== st; });
    map.off("zoomend moveend", st.onMove);
    Object.keys(st.groups).forEach(function (k) {
      if (S.control) { S.control.removeLayer(st.groups[k]); }  // first: no overlayremove for these
      map.removeLayer(st.groups[k]);
    });
    if (st.clusters) { map.removeLayer(st.clusters); st.clusters = null; }
    map.removeLayer(st.selection);
    if (st.note) { st.note.remove(); }
  }
  S.setControl = function (control, map) {
    S.control = control;
    S.live.forEach(function (st) { Object.keys(st.groups).forEach(function (k) { register(st, k); }); });
    // streamlit-folium may replace the control on every rerun: listen to the map only once.
    if (map.sitmapOverlayHook) { return; }
    map.sitmapOverlayHook = true;
    map.on("overlayadd overlayremove", function (e) {
      var key = e.layer && e.layer.sitmapType;
      if (!key) { return; }
      S.hidden[key] = e.type === "overlayremove";
      S.live.forEach(function (st) { redraw(st, true); });
    });
  };

  function redraw(st, force) {
    if (st.P.cells) { drawCells(st); return; }
    var map = st.map, P = st.P, T = window.sitmapTime, w = T ? T.current() : null;
    var want = st.points.filter(function (i) { return visible(st, P.t[i]) && (!T || T.shows(P, i, w)); });
    if (T) { timeAreas(st, w); }
    var cluster = want.length > P.clusterAbove && map.getZoom() < P.clusterMaxZoom;
    if (!cluster && st.mode === "all" && !force) { remember(st); return; }  // everything already drawn
    if (cluster || want.length > P.clusterAbove) {
      var b = map.getBounds().pad(0.25);
      want = want.filter(function (i) { return b.contains([P.y[i], P.x[i]]); });
      cluster = cluster && want.length > P.clusterAbove;
    }
    Object.keys(st.groups).forEach(function (k) {
      var g = st.groups[k];
      g.eachLayer(function (l) {
        if (l instanceof C.Glyph || l instanceof C.Symbol || l.sitmapIsCircle) { g.removeLayer(l); }
      });
    });
    if (st.clusters) { map.removeLayer(st.clusters); st.clusters = null; }
    st.drawn = [];
    if (cluster) {
      st.mode = "cluster";
      drawClusters(st, want);
    } else {
      st.mode = want.length === st.points.length ? "all" : "view";
      want.forEach(function (i) { addMarker(st, i); });
    }
    remember(st);
    st.selection.bringToFront && st.selection.bringToFront();
  }
  // Areas whose events all fall outside the time window leave their group; the others come back.
  function timeAreas(st, w) {
    var P = st.P, T = window.sitmapTime;
    P.areas.forEach(function (ar) {
      if (!ar.layer) { return; }
      var g = st.groups[P.t[ar.idx[0]]], on = ar.idx.some(function (i) { return T.shows(P, i, w); });
      if (on && !g.hasLayer(ar.layer)) { g.addLayer(ar.layer); }
      if (!on && g.hasLayer(ar.layer)) { g.removeLayer(ar.layer); }
    });
  }
  function addMarker(st, i) {
    var m = marker(st, i), g = st.groups[st.P.t[i]];
    if (m.sitmapCircle) { m.sitmapCircle.sitmapIsCircle = true; g.addLayer(m.sitmapCircle); }
    g.addLayer(m);
    st.drawn.push([st.P.y[i], st.P.x[i], m.options.radius]);
  }
  // Where markers and clusters sit on screen now, for the place labels to keep clear of (sitmapLabels).
  function remember(st) {
    var map = st.map;
    st.screen = (st.drawn || []).concat(st.ring ? [st.ring] : []).map(function (d) {
      var p = map.latLngToContainerPoint([d[0], d[1]]);
      return [p.x, p.y, d[2]];
    });
    map.fire("sitmapeventsdrawn");  // the place labels move clear of them (js/labels.js)
  }
  S.obstacles = function () {
    var out = [];
    S.live.forEach(function (st) { if (st.screen) { out = out.concat(st.screen); } });
    return out;
  };

  // Screen-space grid: a cell holding one event draws that event; a cell holding more draws one count.
  // So nothing piles up, and a lone event is never hidden behind a "1".
  function drawClusters(st, want) {
    var map = st.map, P = st.P, z = map.getZoom(), cell = P.clusterCell, bins = {}, discs = [];
    want.forEach(function (i) {
      var p = map.project([P.y[i], P.x[i]], z), key = Math.floor(p.x / cell) + ":" + Math.floor(p.y / cell);
      var b = bins[key] || (bins[key] = { n: 0, x: 0, y: 0, types: {}, bounds: L.latLngBounds([]), first: i });
      b.n += 1; b.x += P.x[i]; b.y += P.y[i]; b.types[P.t[i]] = (b.types[P.t[i]] || 0) + 1;
      b.bounds.extend([P.y[i], P.x[i]]);
    });
    st.clusters = L.featureGroup();
    Object.keys(bins).forEach(function (key) {
      var b = bins[key];
      if (b.n === 1) { addMarker(st, b.first); } else { b.pad = 0.1; discs.push(b); }
    });
    D.draw(st, discs, "sitmap-cluster");
    map.addLayer(st.clusters);
  }

  // Counts per grid cell, made by the server when the view holds too many events to send one by one
  // (sitmap.webmap.cells): drawn like the clusters above, a click zooms into the cell.
  function drawCells(st) {
    var map = st.map, P = st.P, G = P.cells, half = G.s / 2, discs = [];
    if (st.clusters) { map.removeLayer(st.clusters); }
    st.clusters = L.featureGroup();
    st.drawn = [];
    G.x.forEach(function (x, c) {
      var y = G.y[c], pairs = G.n[c], n = 0, types = {};
      for (var j = 0; j < pairs.length; j += 2) {
        if (visible(st, pairs[j])) { n += pairs[j + 1]; types[pairs[j]] = pairs[j + 1]; }
      }
      if (!n) { return; }
      var box = L.latLngBounds([y - half, x - half], [y + half, x + half]);
      discs.push({ n: n, x: x * n, y: y * n, types: types, bounds: box, pad: 0 });
    });
    D.draw(st, discs, "sitmap-cluster sitmap-cell");
    map.addLayer(st.clusters);
    remember(st);
  }

  function drawSelection(st) {
    var P = st.P, sel = st.selection, svg = L.svg({ pane: "sitmap-selection" });
    if (P.selected !== null && P.x[P.selected] !== null) {
      var ll = [P.y[P.selected], P.x[P.selected]];
      // The selected event itself, redrawn above every marker and cluster of the events canvas (which
      // may cover it there), inside its outline.
      // A canvas of its own draws the type letter (C.Glyph); the pane lets every click through (CSS).
      var cv = L.canvas({ pane: "sitmap-selection", padding: 0.3 });
      var me = makeMarker(P, P.selected, cv, "sitmap-selection",
        { interactive: false, weight: 2.5, className: "sitmap-selected-marker" });
      [["#ffffff", 7], ["#111111", 3]].forEach(function (s) {
        sel.addLayer(L.circleMarker(ll, { renderer: svg, pane: "sitmap-selection",
          radius: me.options.radius + 6, color: s[0], weight: s[1], fill: false, interactive: false,
          className: "sitmap-selected sitmap-selected-" + P.id[P.selected] }));
      });
      sel.addLayer(me);
      st.ring = [ll[0], ll[1], me.options.radius + 10];  // outline and halo: labels keep clear of it too
    } else if (P.selected !== null) {
      P.areas.forEach(function (ar) {
        if (ar.idx.indexOf(P.selected) >= 0 && ar.layer) {
          // Its outline again above everything else (white halo, dark line), the canvas one emphasised.
          ar.layer.setStyle({ weight: 3, color: "#111111", opacity: 1, dashArray: null });
          var shape = ar.circle ? null : P.shapes[ar.shape];
          [["#ffffff", 6], ["#111111", 2.5]].forEach(function (s) {
            var o = { renderer: svg, pane: "sitmap-selection", color: s[0], weight: s[1], fill: false,
                      interactive: false, className: "sitmap-selected-area" };
            sel.addLayer(ar.circle ? L.circle([ar.circle[1], ar.circle[0]], L.extend({ radius: ar.circle[2] }, o))
                                   : L.geoJSON(shape, o));
          });
        }
      });
    }
    var d = P.distance;
    if (d) {
      sel.addLayer(L.polyline([d.from, d.to], { renderer: svg, pane: "sitmap-selection", color: "#111111",
        weight: 2, dashArray: "6 4", interactive: false, className: "sitmap-distance-line" }));
      sel.addLayer(L.circleMarker(d.to, { renderer: svg, pane: "sitmap-selection", radius: 4,
        color: "#111111", weight: 2, fillColor: "#ffffff", fillOpacity: 1, interactive: false }));
      // Under the event, clear of the marker and the line (which runs from it to the reference).
      var tip = L.tooltip({ permanent: true, direction: "bottom", offset: [0, P.radius + 6],
        className: "sitmap-distance-label", interactive: false }).setLatLng(d.from).setContent(d.label);
      // Leaflet centres it by its width when added; in the app Leaflet's stylesheet may arrive later
      // (streamlit-folium does not wait for it), when the label shrinks from the map's width to its text's.
      if (window.ResizeObserver) {
        var resized = new ResizeObserver(function () { if (tip._map) { tip.update(); } });
        tip.on("add", function () { resized.observe(tip.getElement()); });
        tip.on("remove", function () { resized.disconnect(); });
      }
      sel.addLayer(tip);
    }
  }
})();
