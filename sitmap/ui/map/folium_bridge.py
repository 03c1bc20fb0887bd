"""streamlit-folium's component fed with a base map rendered once, so a rerun costs only the events layer.

`st_folium(m, feature_group_to_add=fg)` re-renders the whole base map on every rerun (three Jinja passes
over megabytes of reference GeoJSON: ~0.4 s here) only to find the script unchanged. This module does that
work once per base-map configuration and keeps the result as immutable strings (`BaseParts`), then per rerun
renders just the events FeatureGroup and calls the same component with the same arguments `st_folium` would
pass. The frontend behaviour is streamlit-folium's own: same component, same identity hash (so the Leaflet
map is never reloaded), the events swapped in place, `center`/`zoom` applied only when they change.

It uses streamlit-folium's module-level helpers (present from 0.24 to at least 0.27); `st_folium` itself is
the fallback if they ever go away, slower but equivalent, with a warning in the log. The contract test
(tests/ui/test_folium_contract.py) fails when a helper is missing or when the arguments sent here differ
from `st_folium`'s for the same map. The shape (`prepare` once, `show` per rerun) is the pre-rendering API
that streamlit-folium's issue #194 asks for, so moving to an upstream version of it would be a small change.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import tempfile
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import branca
import folium
import folium.elements
import streamlit as st
import streamlit_folium as sf

from sitmap.ui import keys

_HELPERS = (
    "_component_func",
    "_get_html",
    "_get_header",
    "_get_map_string",
    "_get_feature_group_string",
    "_get_layer_control_string",
    "generate_js_hash",
    "get_full_id",
)
MISSING: tuple[str, ...] = tuple(name for name in _HELPERS if not hasattr(sf, name))
AVAILABLE = not MISSING
if MISSING:  # the map still works through st_folium, but every rerun re-renders the base map: say so
    logging.getLogger(__name__).warning(
        "streamlit-folium %s lacks %s: the map falls back to st_folium (slower; see %s)",
        getattr(sf, "__version__", "?"),
        ", ".join(MISSING),
        __name__,
    )


@dataclass(frozen=True)
class BaseParts:
    """Everything streamlit-folium derives from the base map, as strings (safe to share read-only)."""

    script: str
    header: str
    html: str
    map_id: str
    css_links: tuple[str, ...]
    js_links: tuple[str, ...]
    layer_control: str
    zoom: int | None
    bounds: tuple[tuple[float | None, float | None], tuple[float | None, float | None]]
    key: str
    hash_key: str


def _zoom(m: folium.Map) -> int | None:
    """The map's starting zoom: build_base_map sets a whole level (View.zoom); else the browser decides."""
    zoom = m.options.get("zoom")
    return zoom if isinstance(zoom, int) and not isinstance(zoom, bool) else None


def _links(m: folium.Element) -> tuple[tuple[str, ...], tuple[str, ...]]:
    def walk(el: object) -> Iterable[object]:
        if isinstance(el, folium.elements.JSCSSMixin):
            yield el
        for child in getattr(el, "_children", {}).values():
            yield from walk(child)

    css: list[str] = []
    js: list[str] = []
    for el in walk(m):
        if isinstance(el, branca.colormap.ColorMap):
            raise ValueError("branca colormaps load d3 from a CDN; not usable offline")
        css += [href for _, href in getattr(el, "default_css", [])]
        js += [src for _, src in getattr(el, "default_js", [])]
    return tuple(dict.fromkeys(css)), tuple(dict.fromkeys(js))


def _publish_script(script: str, folder: Path, base_url: str) -> tuple[str, str]:
    """Write the base map's script to a static file; return (a tiny script that runs it, the file's URL).

    streamlit-folium sends its `script` argument to the browser on every rerun; a megabyte of reference
    GeoJSON each time costs more than everything else in a slider step. The file (named by content, so a
    browser never runs a stale one) holds the script as a string; the tiny script evaluates it at global
    scope, where folium's `var` declarations must live, exactly where the component ran the original.
    """
    digest = hashlib.sha256(script.encode("utf-8")).hexdigest()[:20]
    name = f"base-{digest}.js"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if not path.exists():
        body = "window.__sitmapBase = window.__sitmapBase || {};\n"
        body += f"window.__sitmapBase[{json.dumps(digest)}] = {json.dumps(script)};\n"
        # Write then rename (unique temporary name: several app processes may publish at once), so a browser
        # never loads half a file.
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(body)
        os.chmod(tmp, 0o644)
        os.utime(tmp, (CONTENT_NAMED_MTIME, CONTENT_NAMED_MTIME))
        os.replace(tmp, path)
        # The oldest by the time they appeared here go (ctime: every mtime is the fixed one above); never the
        # file just written, even when the clock's tick gives it an older one's time.
        others = sorted((p for p in folder.glob("base-*.js") if p != path), key=lambda p: p.stat().st_ctime)
        for stale in others[: max(0, len(others) - (KEEP_PUBLISHED - 1))]:
            stale.unlink(missing_ok=True)
    else:  # published by an older sitmap, with its real mtime (another process may just have removed it)
        with contextlib.suppress(FileNotFoundError):
            if path.stat().st_mtime != CONTENT_NAMED_MTIME:
                os.utime(path, (CONTENT_NAMED_MTIME, CONTENT_NAMED_MTIME))
    loader = f"(0, eval)(window.__sitmapBase[{json.dumps(digest)}]);\n"
    return loader, f"{base_url.rstrip('/')}/{name}"


KEEP_PUBLISHED = 32  # base-map files kept in the static folder (one per base layer/overlay combination)
# The published files' modification time, long past. A content-named file never changes, but Streamlit's
# /app/static sends no Cache-Control and has no option for one, so a browser's reuse of a file rests on
# heuristic freshness: a tenth of the time since Last-Modified (RFC 9111 section 4.2.2). With the real
# mtime (seconds old when the server has just published it) the map frame fetched the ~1 MB script again
# instead of the page's preloaded copy; from this date the copy stays fresh for about two years.
CONTENT_NAMED_MTIME = 946_684_800  # 2000-01-01T00:00:00Z


def prepare(
    m: folium.Map,
    placeholder: folium.FeatureGroup,
    layer_control: folium.LayerControl,
    key: str,
    publish: tuple[Path, str] | None = None,
) -> BaseParts:
    """Render `m` the way st_folium does, once. `placeholder` stands for the events group (same name), so
    the layer control lists it; the real group replaces it on every rerun. With `publish` = (folder, URL
    it is served at), the script goes to a static file and only a loader travels on each rerun."""
    m.get_root().render()
    m.render()
    html = sf._get_html(m)
    header = sf._get_header(m)
    script = sf._get_map_string(m)
    map_id = sf.get_full_id(m)
    try:
        (s, w), (n, e) = m.get_bounds()
    except (AttributeError, TypeError, ValueError):
        s = w = n = e = None
    sf._get_feature_group_string(placeholder, map=m, idx=0)  # adds it to the map, as st_folium does
    control = sf._get_layer_control_string(layer_control, m)
    css, js = _links(m)
    js = tuple(src for src in js if not any(name in src for name in _UNUSED_JS))
    if publish is not None:
        script, url = _publish_script(script, *publish)
        js = (*js, url)
    return BaseParts(
        script=script,
        header=header,
        html=html,
        map_id=map_id,
        css_links=css,
        js_links=js,
        layer_control=control,
        zoom=_zoom(m),
        bounds=((s, w), (n, e)),
        key=key,
        hash_key=sf.generate_js_hash(script, key, False),
    )


# folium lists jQuery and Bootstrap's JS for every map; no sitmap element and no Leaflet code calls them, and
# the component loads scripts one after another, so leaving them out gets the map drawn sooner. (Their CSS
# stays: it styles popups.)
_UNUSED_JS = ("jquery", "bootstrap.bundle", "bootstrap.min.js")


def _defaults(parts: BaseParts, returned_objects: list[str]) -> dict:
    (s, w), (n, e) = parts.bounds
    values = {
        "last_clicked": None,
        "last_object_clicked": None,
        "last_object_clicked_count": None,
        "last_object_clicked_tooltip": None,
        "last_object_clicked_popup": None,
        "all_drawings": None,
        "last_active_drawing": None,
        "bounds": {"_southWest": {"lat": s, "lng": w}, "_northEast": {"lat": n, "lng": e}},
        "zoom": parts.zoom,
        "last_circle_radius": None,
        "last_circle_polygon": None,
        "selected_layers": None,
        "selected_tags": None,
        "last_geocoder_result": None,
    }  # st_folium's defaults, key for key ("center" has none upstream: the contract test checks this)
    return {k: v for k, v in values.items() if k in returned_objects}


_SCRIPT_ATTR = "_sitmap_group_script"
_SCRIPT_LOCK = threading.Lock()


def _group_script(events: folium.FeatureGroup) -> str:
    """The group's script, rendered once per group object (a memoised events layer is shown again on
    every rerun; rendering its megabytes of script was a quarter of a time-bar release rerun at 10k)."""
    cached = getattr(events, _SCRIPT_ATTR, None)
    if cached is None:
        with _SCRIPT_LOCK:  # a group shared by sessions: rendered once (rendering sets its id and parent)
            cached = getattr(events, _SCRIPT_ATTR, None)
            if cached is None:
                stand_in = folium.Map(tiles=None)  # the script names its map; st_folium makes it map_div
                cached = sf._get_feature_group_string(events, map=stand_in, idx=0)
                setattr(events, _SCRIPT_ATTR, cached)
    return str(cached)


PRELOAD_KEY = keys.MAP_PRELOAD


def preload_urls(parts: BaseParts) -> list[tuple[str, str]]:
    """(`as` kind, URL) of every file the map's frame fetches: its scripts, in order, then its styles
    (`data:` URLs fetch nothing)."""
    links = [("script", src) for src in parts.js_links] + [("style", href) for href in parts.css_links]
    return [(kind, url) for kind, url in links if not url.startswith("data:")]


def preload_html(parts: BaseParts) -> str:
    """A script that adds a `<link rel=preload>` to the page's head for each of `preload_urls(parts)`.

    streamlit-folium's frame asks for those files only once its own code has loaded and the page has sent it
    its arguments, one script after another (leaflet.js, then the base map's ~1 MB script), the styles after
    them (frame ready -> map drawn: ~400 ms median at 10k events, ~180 ms preloaded). Preloaded by the page
    as soon as the map's element is revealed, they load beside the frame's own code; the frame (same origin)
    then finds them in the HTTP cache. A script, because st.html drops `<link>` tags; the URLs travel as JSON
    with `<` escaped, so no value can end the script. The style hides the element's box and its wrapper (no
    gap in the layout)."""
    urls = json.dumps(preload_urls(parts)).replace("<", "\\u003c")
    return (
        # the container's unnamed wrapper too: a flex item with no height still takes the layout's gap
        f"<style>div:has(> .st-key-{PRELOAD_KEY}) {{ display: none; }}</style><script>"
        f"for (const [kind, url] of {urls}) {{"
        " const href = new URL(url, document.baseURI).href;"
        " const known = [...document.head.querySelectorAll('link[rel=preload]')];"
        " if (known.some((l) => l.href === href)) continue;"
        " const link = document.createElement('link');"
        " link.rel = 'preload'; link.as = kind; link.href = url; document.head.appendChild(link); }"
        "</script>"
    )


def preload(parts: BaseParts) -> None:
    """Draw `preload_html` in a hidden container (before the map component: its files start loading first)."""
    with st.container(key=PRELOAD_KEY):
        st.html(preload_html(parts), unsafe_allow_javascript=True)


def show(
    parts: BaseParts,
    events: folium.FeatureGroup,
    *,
    height: int,
    returned_objects: list[str],
    center: tuple[float, float] | None,
    zoom: int | None,
    on_change: Callable[[], None] | None = None,
) -> dict | None:
    """The map component with `events` as its swappable layer; returns what the map reports."""
    events_js = _group_script(events)
    own_css, own_js = _links(events)
    css = list(dict.fromkeys([*parts.css_links, *own_css]))
    js = list(dict.fromkeys([*parts.js_links, *own_js]))

    def _changed() -> None:
        st.session_state[parts.key] = st.session_state.get(parts.hash_key, {})
        if on_change is not None:
            on_change()

    return sf._component_func(
        script=parts.script,
        header=parts.header,
        html=parts.html,
        id=parts.map_id,
        key=parts.hash_key,
        height=height,
        width=None,
        returned_objects=returned_objects,
        default=_defaults(parts, returned_objects),
        zoom=zoom,
        center=list(center) if center else None,
        feature_group=events_js,
        return_on_hover=False,
        layer_control=parts.layer_control,
        pixelated=False,
        css_links=css,
        js_links=js,
        on_change=_changed,
        wrap_longitude=False,
    )
