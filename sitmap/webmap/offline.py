"""Local (non-CDN) Leaflet and plugin assets for folium maps.

folium points every map at CDNs (Leaflet, jQuery, Bootstrap, Font Awesome, plugins). Offline that
is a blank map, so this module rewrites those references to copies that pip installed with the
XStatic packages, in one of two ways:

- ``"inline"``: every asset becomes a ``data:`` URI (``offline_html`` then turns them into
  ``<script>``/``<style>`` blocks), so a file opens with zero requests;
- ``"served"``: assets are copied once into ``<app dir>/static/vendor/`` by
  ``ensure_static_assets`` and referenced under Streamlit's static path (``/app/static/vendor``).

A CDN URL with no local copy raises ``UnknownAssetError`` instead of silently staying remote.
Tile URL templates are not assets and are left alone (the tile source is a setting).
"""

from __future__ import annotations

import base64
import functools
import importlib
import mimetypes
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TypeVar

import folium
from branca.colormap import ColorMap
from branca.element import Element

from sitmap.store.atomic import atomic_write_bytes
from sitmap.webmap.asset_refs import CSS_URL, is_remote, remote_asset_refs
from sitmap.webmap.vendor.milsymbol import VERSION as MILSYMBOL_VERSION

Mode = Literal["inline", "served"]

#: URL path under which Streamlit serves ``<app dir>/static/vendor`` (``enableStaticServing``).
SERVED_BASE_URL = "/app/static/vendor"


class OfflineAssetError(ValueError):
    """A map needs an asset that sitmap cannot provide without the internet."""


class UnknownAssetError(OfflineAssetError):
    """An element asks for a remote JS/CSS file that has no local copy."""

    def __init__(self, element: str, name: str, url: str) -> None:
        self.element, self.name, self.url = element, name, url
        super().__init__(
            f"{element} needs {name!r} from {url}, and sitmap has no local copy of it; "
            "add the file to sitmap.webmap.offline's asset table (from a pip-installed package) "
            "or do not use this element"
        )


@dataclass(frozen=True)
class LocalAsset:
    """One JS or CSS file made from files of an installed XStatic package."""

    package: str  # module whose BASE_DIR holds the files, e.g. "xstatic.pkg.leaflet"
    vendor_dir: str  # folder under static/vendor/ for this package
    target: str  # output path inside vendor_dir (same folder as the sources: url() stays valid)
    sources: tuple[str, ...]  # files inside BASE_DIR, concatenated in this order
    support: tuple[str, ...] = ()  # files the CSS refers to, copied for "served" mode

    @property
    def kind(self) -> str:
        return "css" if self.target.endswith(".css") else "js"


def _asset(
    package: str, vendor_dir: str, *sources: str, target: str = "", support: tuple[str, ...] = ()
) -> LocalAsset:
    return LocalAsset(f"xstatic.pkg.{package}", vendor_dir, target or sources[0], sources, support)


_LEAFLET_IMAGES = tuple(
    f"images/{n}.png" for n in ("layers", "layers-2x", "marker-icon", "marker-icon-2x", "marker-shadow")
)

ASSETS: dict[str, LocalAsset] = {
    "leaflet.js": _asset("leaflet", "leaflet", "leaflet.js"),
    "leaflet.css": _asset("leaflet", "leaflet", "leaflet.css", support=_LEAFLET_IMAGES),
    "markercluster.js": _asset("leaflet_markercluster", "leaflet.markercluster", "leaflet.markercluster.js"),
    "markercluster.css": _asset("leaflet_markercluster", "leaflet.markercluster", "MarkerCluster.css"),
    "markercluster-default.css": _asset(
        "leaflet_markercluster", "leaflet.markercluster", "MarkerCluster.Default.css"
    ),
    "jquery.js": _asset("jquery", "jquery", "jquery.min.js"),  # folium's popups call $()
    # folium asks for Bootstrap 5.2; only 4.5 has a wheel. Neither Leaflet, folium's templates
    # nor sitmap's controls call Bootstrap; it only styles popup HTML, so 4.5 is good enough.
    "bootstrap.js": _asset("bootstrap", "bootstrap", "js/bootstrap.bundle.min.js"),
    "bootstrap.css": _asset("bootstrap", "bootstrap", "css/bootstrap.min.css"),
    # all.min.css declares each font up to four times (v4/v5 aliases) and adds brand logos;
    # inlined that is ~1.2 MB. Core + solid + regular keeps every "fa-solid"/"fa-regular" icon.
    "fontawesome.css": _asset(
        "font_awesome",
        "fontawesome",
        "css/fontawesome.min.css",
        "css/solid.min.css",
        "css/regular.min.css",
        target="css/sitmap-fontawesome.min.css",
        support=("webfonts/fa-solid-900.woff2", "webfonts/fa-regular-400.woff2"),
    ),
    # No wheel: vendored from npm, locked (sitmap/webmap/vendor/milsymbol, scripts/fetch_milsymbol.py).
    "milsymbol.js": LocalAsset(
        "sitmap.webmap.vendor.milsymbol", "milsymbol", "milsymbol.js", ("milsymbol.js",)
    ),
}

# (pattern on the CDN URL, asset key); None = deliberately left out (see _check_element).
_RULES: tuple[tuple[re.Pattern[str], str | None], ...] = tuple(
    (re.compile(p), key)
    for p, key in (
        (r"/leaflet@1\.[\d.]+/dist/leaflet\.js$", "leaflet.js"),
        (r"/leaflet@1\.[\d.]+/dist/leaflet\.css$", "leaflet.css"),
        (r"/leaflet\.markercluster/1\.[\d.]+/leaflet\.markercluster(-src)?\.js$", "markercluster.js"),
        (r"/leaflet\.markercluster/1\.[\d.]+/MarkerCluster\.css$", "markercluster.css"),
        (r"/leaflet\.markercluster/1\.[\d.]+/MarkerCluster\.Default\.css$", "markercluster-default.css"),
        (r"/jquery-3\.[\d.]+(\.min)?\.js$", "jquery.js"),
        (r"/bootstrap@[45]\.[\d.]+/dist/js/bootstrap\.bundle(\.min)?\.js$", "bootstrap.js"),
        (r"/bootstrap@[45]\.[\d.]+/dist/css/bootstrap(\.min)?\.css$", "bootstrap.css"),
        (r"/@fortawesome/fontawesome-free@6\.[\d.]+/css/all(\.min)?\.css$", "fontawesome.css"),
        (rf"/milsymbol@{re.escape(MILSYMBOL_VERSION)}/dist/milsymbol\.js$", "milsymbol.js"),
        # Awesome-markers (folium.Icon) has no registry wheel: use CircleMarker or a DivIcon
        # with Font Awesome. Glyphicons and the rotate CSS only serve awesome-markers.
        (r"/Leaflet\.awesome-markers/[\d.]+/leaflet\.awesome-markers\.(js|css)$", None),
        (r"/bootstrap/3\.[\d.]+/css/bootstrap-glyphicons\.css$", None),
        (r"/leaflet\.awesome\.rotate(\.min)?\.css$", None),
    )
)

# Set Leaflet's default marker icons explicitly: its own detection reads a relative url() from
# leaflet.css, which fails for inlined CSS and races with CSS that is still loading.
_ICON_JS = "L.Icon.Default.imagePath='';L.Icon.Default.mergeOptions({0});"
_ICON_LINK_NAME = "sitmap_leaflet_icons"


@functools.cache
def _package_dir(package: str) -> Path:
    return Path(importlib.import_module(package).BASE_DIR)


@functools.cache
def _package_version(package: str) -> str:
    return str(importlib.import_module(package).PACKAGE_VERSION)


def _mime(path: Path) -> str:
    if path.suffix == ".woff2":  # not in every platform's mimetypes table
        return "font/woff2"
    return mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def _data_uri(data: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


_SOURCE_MAP = re.compile(rb"\n?(//# sourceMappingURL=\S+|/\*# sourceMappingURL=\S+ ?\*/)\s*$")
_TTF_FALLBACK = re.compile(r",\s*url\([^)]*\.ttf\)\s*format\(['\"]truetype['\"]\)")


@functools.cache
def asset_text(key: str, inline_urls: bool = False) -> str:
    """Text of one local asset; with ``inline_urls`` CSS url()s become data: URIs."""
    asset = ASSETS[key]
    base = _package_dir(asset.package)
    parts = []
    for src in asset.sources:
        data = _SOURCE_MAP.sub(b"", (base / src).read_bytes())  # no map requests offline
        text = data.decode("utf-8")
        if asset.kind == "css":
            text = _TTF_FALLBACK.sub("", text)  # every browser we support reads woff2
        if inline_urls and asset.kind == "css":
            text = _inline_css_urls(text, (base / src).parent, key)
        parts.append(text)
    return "\n".join(parts)


def _inline_css_urls(css: str, folder: Path, key: str) -> str:
    def repl(match: re.Match[str]) -> str:
        ref = match.group(2).strip()
        if ref.startswith(("data:", "#")):
            return match.group(0)
        if is_remote(ref):
            raise OfflineAssetError(f"{key} refers to remote {ref}")
        path = folder / ref
        return f'url("{_data_uri(path.read_bytes(), _mime(path))}")'

    return CSS_URL.sub(repl, css)


@functools.cache
def _inline_url(key: str) -> str:
    kind = ASSETS[key].kind
    mime = "text/css" if kind == "css" else "text/javascript"
    return _data_uri(asset_text(key, inline_urls=True).encode("utf-8"), mime)


def _served_url(key: str, base_url: str) -> str:
    asset = ASSETS[key]
    version = _package_version(asset.package)  # new package version -> new URL, no stale cache
    return f"{base_url.rstrip('/')}/{asset.vendor_dir}/{asset.target}?v={version}"


def _icon_url(mode: Mode, base_url: str) -> str:
    folder = _package_dir("xstatic.pkg.leaflet") / "images"
    options = {}
    for option, name in (
        ("iconUrl", "marker-icon.png"),
        ("iconRetinaUrl", "marker-icon-2x.png"),
        ("shadowUrl", "marker-shadow.png"),
    ):
        if mode == "inline":
            options[option] = _data_uri((folder / name).read_bytes(), "image/png")
        else:
            options[option] = f"{base_url.rstrip('/')}/leaflet/images/{name}"
    body = ",".join(f'"{k}":"{v}"' for k, v in options.items())
    js = _ICON_JS.format("{" + body + "}")
    return _data_uri(js.encode("utf-8"), "text/javascript")


def match_asset(url: str) -> str | None:
    """Asset key for a CDN URL, ``None`` if it is deliberately left out.

    Raises ``KeyError`` when the URL is unknown.
    """
    for pattern, key in _RULES:
        if pattern.search(url):
            return key
    raise KeyError(url)


def walk(element: Element) -> Iterator[Element]:
    """The element and all its descendants, depth first (the order folium renders them)."""
    yield element
    for child in list(element._children.values()):
        yield from walk(child)


def _check_element(el: Element) -> None:
    kind = type(el).__name__
    if isinstance(el, ColorMap):
        # branca adds d3 from a CDN at render time, and streamlit-folium adds it again.
        raise OfflineAssetError(f"{kind}: branca colormaps load d3 from a CDN; use an HTML legend")
    if isinstance(el, folium.Icon) and not isinstance(el, folium.CustomIcon):
        raise OfflineAssetError(
            "folium.Icon needs Leaflet.awesome-markers, which has no local copy; use "
            "folium.CircleMarker or folium.DivIcon with Font Awesome classes (served locally)"
        )
    if isinstance(el, folium.CustomIcon):
        for option in ("icon_url", "shadow_url"):
            url = str(el.options.get(option) or "")
            if is_remote(url):
                raise OfflineAssetError(f"{kind} loads its image from {url}")


def _localize_links(
    el: Element, links: list[tuple[str, str]], mode: Mode, base_url: str
) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for name, url in links:
        if not is_remote(url):  # already local (data:, our base_url): idempotent
            out.append((name, url))
            continue
        try:
            key = match_asset(url)
        except KeyError:
            raise UnknownAssetError(type(el).__name__, name, url) from None
        if key is None:
            continue
        out.append((name, _inline_url(key) if mode == "inline" else _served_url(key, base_url)))
        if key == "leaflet.js" and all(n != _ICON_LINK_NAME for n, _ in links):
            out.append((_ICON_LINK_NAME, _icon_url(mode, base_url)))
    return out


_Root = TypeVar("_Root", bound=Element)  # a map, or a group rendered on its own (the events layer)


def localize_assets(m: _Root, mode: Mode, base_url: str = "") -> _Root:
    """Point every element's ``default_js``/``default_css`` at local copies; returns ``m``.

    ``mode="inline"`` uses data: URIs; ``mode="served"`` uses URLs under ``base_url``
    (default ``SERVED_BASE_URL``; prefix it with Streamlit's ``server.baseUrlPath`` if set),
    which ``ensure_static_assets`` must have filled. Changes ``m`` in place (instance
    attributes only, folium's class-level lists stay untouched). Raises ``UnknownAssetError``
    for a CDN file with no local copy and ``OfflineAssetError`` for elements that cannot work
    offline (folium.Icon, branca colormaps).
    """
    if mode not in ("inline", "served"):
        raise ValueError(f"mode must be 'inline' or 'served', not {mode!r}")
    base_url = base_url or SERVED_BASE_URL
    for el in walk(m):
        _check_element(el)
        for attr in ("default_js", "default_css"):
            links = getattr(el, attr, None)
            if links:
                setattr(el, attr, _localize_links(el, list(links), mode, base_url))
    return m


_DATA_SCRIPT = re.compile(r'<script src="data:text/javascript;base64,([A-Za-z0-9+/=]+)"></script>')
_DATA_STYLE = re.compile(r'<link rel="stylesheet" href="data:text/css;base64,([A-Za-z0-9+/=]+)"/>')


def _script_block(match: re.Match[str]) -> str:
    js = base64.b64decode(match.group(1)).decode("utf-8")
    # Same meaning in JS (strings, regexes, comments), but the HTML parser cannot end early.
    js = js.replace("</script", "<\\/script").replace("<!--", "<\\!--")
    return f"<script>{js}</script>"


def _style_block(match: re.Match[str]) -> str:
    css = base64.b64decode(match.group(1)).decode("utf-8")
    if "</style" in css.lower():
        raise OfflineAssetError("a stylesheet contains '</style' and cannot be inlined")
    return f"<style>{css}</style>"


def offline_html(m: folium.Map) -> str:
    """Full HTML of ``m`` with every asset inlined: opens offline with zero requests.

    Localizes ``m`` in place (``mode="inline"``), renders it and checks that no remote asset
    reference is left (``OfflineAssetError`` otherwise). Tile URL templates stay as they are.
    """
    localize_assets(m, "inline")
    html = m.get_root().render()
    html = _DATA_STYLE.sub(_style_block, _DATA_SCRIPT.sub(_script_block, html))
    remote = remote_asset_refs(html)
    if remote:
        raise OfflineAssetError(f"remote asset references left in the HTML: {remote}")
    return html


def _write_if_changed(path: Path, data: bytes) -> None:
    if path.exists() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    # Write then rename: a second app process starting at the same time never serves half a file.
    atomic_write_bytes(path, data)


def ensure_static_assets(app_dir: Path) -> Path:
    """Copy the local assets into ``app_dir/static/vendor`` (for ``mode="served"``).

    Only files whose content changed are written. Returns the vendor folder.
    """
    vendor = Path(app_dir) / "static" / "vendor"
    for key, asset in ASSETS.items():
        folder = vendor / asset.vendor_dir
        _write_if_changed(folder / asset.target, asset_text(key).encode("utf-8"))
        base = _package_dir(asset.package)
        for rel in asset.support:
            _write_if_changed(folder / rel, (base / rel).read_bytes())
    return vendor
