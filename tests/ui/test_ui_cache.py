"""sitmap.ui.cache: where the served files go."""

from __future__ import annotations

from sitmap.settings import PROJECT_ROOT
from sitmap.ui import cache
from sitmap.webmap.offline import SERVED_BASE_URL


def test_the_base_map_script_is_published_beside_the_app_that_serves_it(tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "_SERVED_VENDOR", [])
    assert cache._publish_target()[0] == PROJECT_ROOT / "static" / "vendor" / "sitmap-base"  # no app yet
    app_dir = tmp_path / "site"  # e.g. an app.py run from a checkout while sitmap is installed elsewhere
    vendor = cache.static_assets_ready(str(app_dir))
    assert vendor == app_dir / "static" / "vendor" and (vendor / "leaflet").is_dir()
    folder, url = cache._publish_target()
    assert folder == app_dir / "static" / "vendor" / "sitmap-base"
    assert url == SERVED_BASE_URL + "/sitmap-base"  # Streamlit serves <app dir>/static at /app/static
