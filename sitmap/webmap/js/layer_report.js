// Inside streamlit-folium: when the analyst switches a base layer or overlay in the control, put the names
// of the layers now on where the component reports them (its `selected_layers`, under `url`;
// sitmap.webmap.maps.layers_from_report reads them back), so the app can write them into the link. The
// component sends on overlay changes and map moves, not on a base layer change: that one fires "moveend",
// which changes nothing else. A standalone page has no component: nothing is registered.
(function () {
  if (window.sitmapReportLayers) { return; }
  window.sitmapReportLayers = function (control, map, url) {
    var g = window.__GLOBAL_DATA__;
    if (!g || !g.selected_layers) { return; }
    if (map.__sitmapReport) { map.off("baselayerchange overlayadd overlayremove", map.__sitmapReport); }
    map.__sitmapReport = function (e) {
      // Leaflet fires these for any add/remove of a listed layer (streamlit-folium swapping the events
      // group, too); only a click in the control is the analyst's choice.
      if (!e.layer || !control._handlingClick) { return; }
      var on = { base: null, overlays: [] };
      control._layers.forEach(function (o) {
        if (!map.hasLayer(o.layer)) { return; }
        if (o.overlay) { on.overlays.push(o.name); } else { on.base = o.name; }
      });
      g.selected_layers[url] = { name: JSON.stringify(on), url: url };
      if (e.type === "baselayerchange") { map.fire("moveend"); }
    };
    map.on("baselayerchange overlayadd overlayremove", map.__sitmapReport);
  };
})();
