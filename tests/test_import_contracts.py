"""Import contracts, checked on the real import graph (grimp, the engine of import-linter).

- Only `sitmap.ui` (and app.py, outside the package) may reach Streamlit, directly or through another module.
- The snapshot (matplotlib) reaches neither folium, branca nor jinja2: it shares `sitmap.style`, not the
  web map.
- No domain module imports the UI.
"""

from __future__ import annotations

import grimp
import pytest

GRAPH = grimp.build_graph("sitmap", include_external_packages=True)
MODULES = sorted(m for m in GRAPH.modules if m == "sitmap" or m.startswith("sitmap."))
DOMAIN = [m for m in MODULES if not (m == "sitmap.ui" or m.startswith("sitmap.ui."))]
SNAPSHOT = [m for m in MODULES if m.split(".")[1:2] and m.split(".")[1].startswith("snapshot")]
WEB_ONLY = ("folium", "branca", "jinja2", "streamlit_folium")


def _chain(importer: str, imported: str) -> tuple[str, ...] | None:
    if imported not in GRAPH.modules:
        return None
    return GRAPH.find_shortest_chain(importer=importer, imported=imported)


def test_the_graph_sees_the_package():
    assert "sitmap.ui.map.page" in MODULES and "streamlit" in GRAPH.modules and "folium" in GRAPH.modules
    assert SNAPSHOT, "no snapshot modules found: the contract below would check nothing"
    # A chain the contracts rely on finding: the UI does reach Streamlit.
    assert _chain("sitmap.ui.map.page", "streamlit") is not None


@pytest.mark.parametrize("module", DOMAIN)
def test_domain_code_never_reaches_streamlit(module):
    for external in ("streamlit", "streamlit_folium"):
        assert _chain(module, external) is None, f"{module} reaches {external}: {_chain(module, external)}"


@pytest.mark.parametrize("module", SNAPSHOT)
def test_the_snapshot_knows_nothing_of_the_web_map(module):
    for external in WEB_ONLY:
        assert _chain(module, external) is None, f"{module} reaches {external}: {_chain(module, external)}"


def test_no_domain_module_imports_the_ui():
    upward = [
        (m, imported)
        for m in DOMAIN
        for imported in GRAPH.find_modules_directly_imported_by(m)
        if imported == "sitmap.ui" or imported.startswith("sitmap.ui.")
    ]
    assert upward == []
