"""The web map's legend and style sheet, drawn from the shared cartographic constants in `sitmap.style`.

The legend is an HTML Leaflet control built here from `sitmap.vocabulary`; symbols are inline SVG
(crisp, no image files, works offline). Every label goes through `html.escape`.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from branca.element import MacroElement
from folium.template import Template

from sitmap.style import (
    LINE_A,
    LINE_B,
    SEA,
    TIME_ALPHA,
    ZONE,
)
from sitmap.symbology import AFFILIATIONS, FRAMES
from sitmap.vocabulary import CLAIM_STATUSES, EVENT_TYPES, TIME_PRECISIONS, event_type
from sitmap.webmap.layers import RawScriptMixin, to_js_json

MAP_CSS = (
    f".leaflet-container {{ background: {SEA}; font-family: 'Helvetica Neue', Arial, sans-serif; }}"
    """
.sitmap-label { background: none; border: none; }
.sitmap-label span { position: absolute; left: 0; top: 0; white-space: nowrap; color: #2f3337;
  font-size: 11px; text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff, 0 0 4px #fff; }
.sitmap-label::before { content: ""; position: absolute; left: -2.5px; top: -2.5px; width: 5px;
  height: 5px; border-radius: 50%; background: #4b5157; }
.sitmap-label-country span { color: #7a7f85;
  font-size: 12px; font-weight: 600; letter-spacing: 0.14em; text-transform: uppercase; }
.sitmap-label-country::before { display: none; }
.sitmap-label-city span { font-size: 12px; font-weight: 600; }
.sitmap-label-village span { font-size: 10.5px; color: #44494e; }
.sitmap-reflabel span { position: absolute; white-space: nowrap; font-size: 12px; font-weight: 700;
  transform: translate(-50%, -50%); text-shadow: 0 0 2px #fff, 0 0 3px #fff, 0 0 4px #fff; }
.sitmap-reflabel-line-a span { color: #1d4ed8; transform: translate(calc(-100% - 7px), -50%); }
.sitmap-reflabel-line-b span { color: #c2410c; transform: translate(7px, -50%); }
.sitmap-reflabel-zone span { color: #24507d; font-size: 11px; font-style: italic; font-weight: 600; }
.sitmap-distance-label { font-weight: 700; font-size: 12px; border: 1px solid #111; }
.leaflet-sitmap-selection-pane canvas { pointer-events: none !important; }
.sitmap-popup { font-size: 12px; max-height: 320px; overflow-y: auto; }
.sitmap-popup-event + .sitmap-popup-event { margin-top: 8px; padding-top: 8px; border-top: 1px solid #ddd; }
.sitmap-popup-title { font-weight: 700; font-size: 13px; border-left: 4px solid; padding-left: 6px; }
.sitmap-popup-meta { color: #555; font-size: 11px; margin: 2px 0; }
.sitmap-popup-loc { font-style: italic; }
.sitmap-popup-summary { margin: 4px 0; }
.sitmap-popup-id { font: 10px monospace; color: #888; }
.sitmap-layer-note { background: rgba(255,255,255,0.92); padding: 3px 7px; border-radius: 4px;
  max-width: 260px;
  box-shadow: 0 1px 4px rgba(0,0,0,0.3); font-size: 11px; color: #333; }
.sitmap-swatch { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 4px;
  vertical-align: -1px; }
.sitmap-legend-box { background: rgba(255,255,255,0.94); padding: 5px 8px; border-radius: 4px;
  box-shadow: 0 1px 5px rgba(0,0,0,0.35); max-height: 55vh; overflow-y: auto; font-size: 11px; }
.sitmap-legend summary { font-weight: 700; cursor: pointer; font-size: 12px; }
.sitmap-legend-h { font-weight: 700; margin-top: 5px; color: #333; }
.sitmap-legend-row { display: flex; align-items: center; gap: 4px; line-height: 18px; white-space: nowrap; }
.sitmap-legend-grid { display: grid; grid-template-columns: auto auto; column-gap: 10px; }
"""
)
HATCH_SVG = (
    '<svg width="0" height="0" style="position:absolute" aria-hidden="true"><defs>'
    '<pattern id="sitmap-hatch" width="7" height="7" patternUnits="userSpaceOnUse" '
    'patternTransform="rotate(45)"><rect width="7" height="7" fill="#8fb4d9" fill-opacity="0.35"/>'
    '<line x1="0" y1="0" x2="0" y2="7" stroke="#3f7fbf" stroke-width="2.2" stroke-opacity="0.6"/>'
    "</pattern></defs></svg>"
)


def _svg(body: str, w: int = 22, h: int = 18) -> str:
    return f'<svg width="{w}" height="{h}" viewBox="0 0 {w} {h}" aria-hidden="true">{body}</svg>'


def _circle(
    colour: str,
    glyph: str = "",
    solid: bool = True,
    dash: str | None = None,
    alpha: float = 1.0,
    ink: str = "#fff",
) -> str:
    fill = colour if solid else "#ffffff"
    dash_attr = f' stroke-dasharray="{escape(dash)}"' if dash else ""
    text = (
        f'<text x="11" y="12.5" text-anchor="middle" font-size="9" font-weight="bold" '
        f'font-family="Arial, sans-serif" fill="{ink if solid else colour}">{escape(glyph)}</text>'
        if glyph
        else ""
    )
    return _svg(
        f'<g opacity="{alpha}"><circle cx="11" cy="9" r="7" fill="{fill}" stroke="{colour}" '
        f'stroke-width="2"{dash_attr}/>{text}</g>'
    )


def _row(symbol: str, label: str, cls: str = "") -> str:
    return f'<div class="sitmap-legend-row {cls}">{symbol}<span>{escape(label)}</span></div>'


def _grid(rows: list[str]) -> str:
    return '<div class="sitmap-legend-grid">' + "".join(rows) + "</div>"


def _frame(side: str) -> str:
    """An affiliation's frame (`sitmap.symbology.FRAMES`) scaled into a legend swatch."""
    points = " ".join(f"{1 + x * 0.1:.1f},{y * 0.09:.1f}" for x, y in FRAMES[side])
    fill = AFFILIATIONS[side][1]
    return _svg(f'<polygon points="{points}" fill="{fill}" stroke="#000" stroke-width="1.2"/>')


def legend_html(
    event_types: Iterable[str] | None = None, reference: bool = True, symbols: bool = False
) -> str:
    """The legend's HTML: the given event types (all known types if None) and the encodings; with
    `symbols`, the affiliation frames of the military symbols overlay."""
    keys = list(EVENT_TYPES) if event_types is None else sorted(set(event_types), key=_type_order)
    # Folded: its summary is the button that opens it (open, it would cover a third of the map).
    parts = ['<details class="sitmap-legend"><summary>Legend</summary>']
    parts.append('<div class="sitmap-legend-h">Event types</div>')
    types = [
        _row(
            _circle(event_type(k).colour, event_type(k).marker, ink=event_type(k).ink),
            event_type(k).label,
            f"sitmap-legend-type-{escape(event_type(k).key)}",
        )
        for k in keys
    ]
    parts.append(_grid(types))
    parts.append('<div class="sitmap-legend-h">Claim status</div>')
    claims = []
    for key, c in CLAIM_STATUSES.items():
        desc = f"{c['label']} (solid)" if c["solid"] else f"{c['label']} (hollow, dashed)"
        claims.append(
            _row(_circle("#444444", "", bool(c["solid"]), c["dash"]), desc, f"sitmap-legend-claim-{key}")
        )
    parts.append(_grid(claims))
    parts.append('<div class="sitmap-legend-h">Date precision (fainter: on for the whole period)</div>')
    parts.append(
        _grid(
            [
                _row(_circle("#444444", "", True, None, TIME_ALPHA[k]), tp["label"])
                for k, tp in TIME_PRECISIONS.items()
            ]
        )
    )
    parts.append('<div class="sitmap-legend-h">Location</div>')
    ring = _svg(
        '<circle cx="11" cy="9" r="8" fill="#44444414" stroke="#444" stroke-width="1" '
        'stroke-dasharray="2 2"/>'
        '<circle cx="11" cy="9" r="3.5" fill="#444"/>'
    )
    area = _svg(
        '<path d="M2 4 L13 1 L20 7 L17 16 L5 15 Z" fill="#44444422" stroke="#444" '
        'stroke-width="1.6" stroke-dasharray="5 2"/>'
    )
    cluster = _svg(
        '<circle cx="11" cy="9" r="8" fill="#555" stroke="#fff" stroke-width="2"/>'
        '<text x="11" y="12" text-anchor="middle" font-size="8" fill="#fff" font-family="Arial">12</text>'
    )
    parts.append(
        _grid(
            [
                _row(ring, "Point, ring = uncertainty"),
                _row(area, "Region / country area, no pin"),
                _row(cluster, "Grouped events (zoom in)"),
            ]
        )
    )
    if symbols:
        parts.append('<div class="sitmap-legend-h">Military symbols (APP-6D): the first actor\'s side</div>')
        sides = ("friend", "hostile", "neutral", "unknown (not configured)")
        parts.append(_grid([_row(_frame(k.split()[0]), k.capitalize()) for k in sides]))
    if reference:
        parts.append('<div class="sitmap-legend-h">Reference (1974 agreement)</div>')
        zone = _svg(f'<rect x="2" y="3" width="18" height="12" fill="url(#sitmap-hatch)" stroke="{ZONE}"/>')
        line_a = _svg(f'<line x1="1" y1="9" x2="21" y2="9" stroke="{LINE_A}" stroke-width="3"/>')
        line_b = _svg(
            f'<line x1="1" y1="9" x2="21" y2="9" stroke="{LINE_B}" stroke-width="3" stroke-dasharray="6 3"/>'
        )
        bands = _svg(
            f'<rect x="1" y="3" width="6" height="12" fill="{LINE_A}" opacity="0.35"/>'
            f'<rect x="8" y="3" width="6" height="12" fill="{LINE_A}" opacity="0.2"/>'
            f'<rect x="15" y="3" width="6" height="12" fill="{LINE_A}" opacity="0.1"/>'
        )
        parts.append(
            _grid(
                [
                    _row(zone, "Area of Separation"),
                    _row(bands, "Limitation bands 10/20/25 km"),
                    _row(line_a, "Line A (Israeli side)"),
                    _row(line_b, "Line B (Syrian side)"),
                ]
            )
        )
    parts.append("</details>")
    return "".join(parts)


def _type_order(key: str) -> int:
    keys = list(EVENT_TYPES)
    return keys.index(key) if key in keys else len(keys)


class Legend(RawScriptMixin, MacroElement):
    """The legend as a Leaflet control, folded until its button is clicked (scrolling inside it does not
    zoom the map)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function (map) {
            var control = L.control({ position: {{ this.position|tojson }} });
            control.onAdd = function () {
                var div = L.DomUtil.create("div", "leaflet-control sitmap-legend-box");
                div.innerHTML = {{ this.html_json }};
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);
                return div;
            };
            return control.addTo(map);
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, html: str, position: str = "bottomright") -> None:
        super().__init__()
        self._name = "Legend"
        self.position = position
        self.html = html
        self.html_json = to_js_json(html)
