"""The military symbols overlay on the web map: milsymbol in the page, and each event's symbol code.

milsymbol (MIT) draws APP-6(D) / MIL-STD-2525D symbols from their codes in the browser; the events layer
(`js/events.js`) draws an event with a code (`sitmap.symbology`) as its symbol instead of the plain marker
once `window.ms` is there. The library is a JS link like Leaflet's: `sitmap.webmap.offline` points it at
the vendored copy (served by the app, inlined in an exported file); nothing is fetched from outside.
"""

from __future__ import annotations

from folium.elements import JSCSSMixin
from folium.template import Template

from sitmap.webmap.vendor.milsymbol import VERSION

#: folium's convention: the canonical URL of the file, which `offline.localize_assets` always replaces.
MILSYMBOL_URL = f"https://cdn.jsdelivr.net/npm/milsymbol@{VERSION}/dist/milsymbol.js"


class SymbolLibrary(JSCSSMixin):
    """Loads milsymbol into the map's page (nothing else: the events layer uses it)."""

    _template = Template("")
    default_js = [("milsymbol", MILSYMBOL_URL)]

    def __init__(self) -> None:
        super().__init__()
        self._name = "SymbolLibrary"
