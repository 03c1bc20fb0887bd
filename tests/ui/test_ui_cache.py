"""sitmap.ui.cache: where the served files go."""

from __future__ import annotations

from sitmap.settings import PROJECT_ROOT
from sitmap.ui import cache
from sitmap.webmap.offline import SERVED_BASE_URL
from tests.features import point_event


def test_the_base_map_script_is_published_beside_the_app_that_serves_it(tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "_SERVED_VENDOR", [])
    assert cache._publish_target()[0] == PROJECT_ROOT / "static" / "vendor" / "sitmap-base"  # no app yet
    app_dir = tmp_path / "site"  # e.g. an app.py run from a checkout while sitmap is installed elsewhere
    vendor = cache.static_assets_ready(str(app_dir))
    assert vendor == app_dir / "static" / "vendor" and (vendor / "leaflet").is_dir()
    folder, url = cache._publish_target()
    assert folder == app_dir / "static" / "vendor" / "sitmap-base"
    assert url == SERVED_BASE_URL + "/sitmap-base"  # Streamlit serves <app dir>/static at /app/static


def test_the_facts_answer_whether_a_linked_event_is_stored_without_a_set_of_every_id(tmp_path, monkeypatch):
    import pickle

    from sitmap.store.geojson_io import dumps_feature_collection

    monkeypatch.delenv("SITMAP_DATABASE_URL", raising=False)
    feature = point_event("ev-1", "one")
    (tmp_path / "a.geojson").write_text(dumps_feature_collection([feature]), encoding="utf-8")
    store, facts = cache.get_store(tmp_path)
    assert facts is not None and len(store.events) == 1
    assert isinstance(facts.ids, cache.StoreIds)  # not a frozenset built on every change
    assert "ev-1" in facts.ids
    assert "ev-2" not in facts.ids and 1 not in facts.ids and None not in facts.ids
    assert len(pickle.dumps(facts.ids)) < 2_000  # cache_data pickles the facts: no frame inside
