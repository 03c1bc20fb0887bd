"""The offline HTML export's own page parts, around the folium map: a title and the date window, a
sources block (every report, every source with its URL, the licences of the basemap layers) and, in each
event's popup, its actors, quote and sources.

Everything from reports is HTML-escaped here; the per-event details travel as JSON in a
`<script type="application/json">` element (with `<`, `>` and `&` as JSON escapes, so no text can close
the element) and are put into the popups with `textContent`, never as markup.
"""

from __future__ import annotations

import html
import json
from datetime import date
from typing import Any

import geopandas as gpd

from sitmap.exports.acled_csv import as_list, row_sources, text_or_none
from sitmap.exports.text import xml_safe

DEFAULT_TITLE = "Reported military activity"
# The map's own layers; tile layers add their providers' terms (sitmap.webmap.maps.TILE_LAYERS).
DATA_LICENCES = (
    "Basemap and boundaries: Natural Earth (public domain).",
    "Places: GeoNames (CC BY 4.0).",
    "1974 lines and zones after the Israel-Syria Disengagement Agreement (UN S/11302/Add.1), approximate.",
)

_CSS = """
.sitmap-export-header { position: fixed; top: 8px; left: 50%; transform: translateX(-50%); z-index: 1000;
  background: rgba(255,255,255,.92); padding: 4px 12px; border-radius: 4px; font: 13px/1.3 Arial, sans-serif;
  box-shadow: 0 1px 4px rgba(0,0,0,.3); text-align: center; max-width: 60vw; }
.sitmap-export-header h1 { font-size: 15px; margin: 0; }
.sitmap-export-sources { position: fixed; bottom: 24px; left: 8px; z-index: 1000; max-width: 45vw;
  max-height: 45vh; overflow: auto; background: rgba(255,255,255,.95); padding: 4px 8px; border-radius: 4px;
  font: 12px/1.35 Arial, sans-serif; box-shadow: 0 1px 4px rgba(0,0,0,.3); }
.leaflet-control.sitmap-export-sources { position: relative; bottom: auto; left: auto; }
.sitmap-export-sources h2 { font-size: 12px; margin: 6px 0 2px; }
.sitmap-export-sources ul { margin: 0; padding-left: 16px; }
.sitmap-popup-extra { margin-top: 3px; font-size: 11px; }
.sitmap-popup-extra q { font-style: italic; }
"""

# Runs after folium's map script (it is placed just before </body>): puts the sources box in the map's
# bottom-left corner, and, as popups are built when they open, adds the details on `popupopen`, once per
# event block.
_POPUP_JS = """
(function () {
  var map = window[%(map)s];
  var details = JSON.parse(document.getElementById("sitmap-event-details").textContent);
  function line(parent, label, text) {
    var div = document.createElement("div");
    var b = document.createElement("b");
    b.textContent = label + ": ";
    div.appendChild(b);
    div.appendChild(document.createTextNode(text));
    parent.appendChild(div);
    return div;
  }
  if (!map) { return; }
  // The sources box joins Leaflet's bottom-left corner, whose controls stack (minimap, scale bar): fixed
  // over the page it sat on them.
  var sources = document.querySelector(".sitmap-export-sources");
  if (sources) {
    var SourcesControl = L.Control.extend({ onAdd: function () {
      L.DomEvent.disableClickPropagation(sources);
      L.DomEvent.disableScrollPropagation(sources);
      return sources;
    } });
    new SourcesControl({ position: "bottomleft" }).addTo(map);
  }
  map.on("popupopen", function (e) {
    var root = e.popup.getElement();
    if (!root) { return; }
    root.querySelectorAll(".sitmap-popup-event").forEach(function (item) {
      var idEl = item.querySelector(".sitmap-popup-id");
      if (!idEl || item.querySelector(".sitmap-popup-extra")) { return; }
      var d = details[idEl.textContent];
      if (!d) { return; }
      var box = document.createElement("div");
      box.className = "sitmap-popup-extra";
      if (d.actors.length) { line(box, "Actors", d.actors.join("; ")); }
      if (d.quote) {
        var q = line(box, "Report", "");
        var quote = document.createElement("q");
        quote.textContent = d.quote;
        q.appendChild(quote);
      }
      d.sources.forEach(function (s) {
        var div = line(box, "Source", s.label + (s.url ? " " : ""));
        if (s.url) {
          var a = document.createElement("a");
          a.href = s.url; a.textContent = s.url; a.target = "_blank"; a.rel = "noopener noreferrer";
          div.appendChild(a);
        }
      });
      item.insertBefore(box, idEl);
    });
    // No popup.update(): it would build the content again from its function, without these lines.
    // The popup is anchored at its bottom, so the taller box grows upwards and stays in place.
  });
})();
"""


def _esc(value: Any) -> str:
    return html.escape(xml_safe(str(value)), quote=True)


def _http_url(value: Any) -> str | None:
    """A source URL worth a link: http(s) only, so no `javascript:` can hide in a report."""
    url = text_or_none(value)
    return url if url and url.lower().startswith(("http://", "https://")) else None


def _source_label(src: dict) -> str:
    parts = [text_or_none(src.get(k)) for k in ("publisher", "title", "date")]
    return ", ".join(p for p in parts if p)


def event_details(events: gpd.GeoDataFrame) -> dict[str, dict]:
    """Per event id: actors, quote, report and sources (label and http(s) URL), for the popups."""
    out: dict[str, dict] = {}
    for _, row in events.iterrows():
        out[str(row["id"])] = {
            "actors": [str(a) for a in as_list(row.get("actors"))],
            "quote": text_or_none(row.get("quote")),
            "sources": [
                {"label": _source_label(s), "url": _http_url(s.get("url"))} for s in row_sources(row)
            ],
        }
    return out


def details_json(details: dict) -> str:
    """JSON safe inside a `<script>` element: `<`, `>` and `&` only occur inside strings, as escapes."""
    text = json.dumps(details, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def window_text(view: Any, events: gpd.GeoDataFrame) -> str:
    """The date window the page shows, and how many events."""

    def day(d: date | None) -> str | None:
        return f"{d.day} {d:%b %Y}" if d else None

    start, end = day(getattr(view, "start", None)), day(getattr(view, "end", None))
    if start or end:
        span = f"{start or 'the first report'} – {end or 'the latest report'}"
    elif len(events) and events["start"].notna().any():
        span = f"{day(events['start'].min())} – {day(events['end'].max())} (all dates)"
    else:
        span = "all dates"
    return f"{span} · {len(events)} event{'s' if len(events) != 1 else ''}"


def sources_html(events: gpd.GeoDataFrame, tile_licences: list[str]) -> str:
    """The sources block: the reports the events come from, every cited source, the map's licences."""
    reports = sorted({r for r in (text_or_none(v) for v in events.get("report_id", [])) if r})
    cites: dict[tuple[str, str | None], None] = {}
    for _, row in events.iterrows():
        for src in row_sources(row):
            cites[(_source_label(src), _http_url(src.get("url")))] = None
    items = []
    for label, url in cites:
        link = (
            f' <a href="{_esc(url)}" target="_blank" rel="noopener noreferrer">{_esc(url)}</a>' if url else ""
        )
        items.append(f"<li>{_esc(label)}{link}</li>")
    parts = [
        "<details class='sitmap-export-sources'>",
        f"<summary>Sources and licences ({len(cites)} sources)</summary>",
        "<h2>Reports</h2><ul>" + "".join(f"<li>{_esc(r)}</li>" for r in reports) + "</ul>" if reports else "",
        "<h2>Sources</h2><ul>" + ("".join(items) or "<li>none recorded for the events shown</li>") + "</ul>",
        # Tile attributions are the project's own fixed HTML (links to the providers' terms).
        "<h2>Map data and licences</h2><ul>"
        + "".join(f"<li>{_esc(t)}</li>" for t in DATA_LICENCES)
        + "".join(f"<li>{t}</li>" for t in tile_licences)
        + "</ul></details>",
    ]
    return "".join(parts)


def tile_licences(settings: Any) -> list[str]:
    """Each tile layer's name and attribution, as HTML (fixed text, or escaped settings text)."""
    from sitmap.webmap.maps import TILE_LAYERS

    out = [f"{html.escape(name)}: {attribution}" for name, _, attribution in TILE_LAYERS.values()]
    local = text_or_none(getattr(settings, "tile_attribution", None))
    if local and text_or_none(getattr(settings, "tile_url", None)):
        out.append(f"Local tiles: {_esc(local)}")
    return out


def add_page_parts(
    page: str, events: gpd.GeoDataFrame, view: Any, settings: Any, *, map_name: str, title: str
) -> str:
    """The rendered folium page with the title, window, sources block and popup details added."""
    head = f"<title>{_esc(title)}</title><style>{_CSS}</style>"
    header = (
        f"<div class='sitmap-export-header'><h1>{_esc(title)}</h1>"
        f"<div class='sitmap-export-window'>{_esc(window_text(view, events))}</div></div>"
    )
    body = (
        header
        + sources_html(events, tile_licences(settings))
        + '<script type="application/json" id="sitmap-event-details">'
        + details_json(event_details(events))
        + "</script>"
    )
    # folium writes the map's script after </body>; the popup hook needs the map, so it goes last.
    script = "<script>" + _POPUP_JS % {"map": json.dumps(map_name)} + "</script>"
    before, sep, after = page.partition("</head>")
    page = before + head + sep + after if sep else head + page
    before, sep, after = page.rpartition("</body>")
    page = before + body + sep + after if sep else page + body
    before, sep, after = page.rpartition("</html>")
    return before + script + sep + after if sep else page + script
