"""No export carries the server's file paths: the GeoPackage's `source_file` holds the path relative to the
store's folder (the file name when the folder is unknown), and no format holds the folder itself."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pyogrio
import pytest

from sitmap.exports import formats as exports
from sitmap.settings import load_settings
from sitmap.store.load import load_store
from sitmap.view import View, apply_view

ROOT = Path(__file__).resolve().parents[2]
BUNDLED_FILE = ROOT / "events" / "iran-update-2025-03-04.geojson"


@pytest.fixture
def nested_store(tmp_path):
    """The bundled events in a sub-folder of a store folder whose name no export may show."""
    folder = tmp_path / "server-secret-folder"
    (folder / "theatre").mkdir(parents=True)
    shutil.copy(BUNDLED_FILE, folder / "theatre" / BUNDLED_FILE.name)
    settings = load_settings(env={"SITMAP_EVENTS": str(folder)})
    store = load_store(folder, settings=settings, today=date(2026, 11, 22))
    assert len(store.events) and str(store.events["source_file"].iloc[0]).startswith(str(folder))
    return store, settings


def test_gpkg_source_file_is_relative_to_the_store_folder(nested_store, tmp_path):
    store, settings = nested_store
    path = exports.write_export(store.events, "gpkg", tmp_path / "out.gpkg", settings=settings)
    back = pyogrio.read_dataframe(path, layer="events")
    assert set(back["source_file"]) == {f"theatre/{BUNDLED_FILE.name}"}


def test_gpkg_without_settings_keeps_the_file_name_only(nested_store, tmp_path):
    store, _ = nested_store
    path = exports.write_export(store.events, "gpkg", tmp_path / "out.gpkg")
    back = pyogrio.read_dataframe(path, layer="events")
    assert set(back["source_file"]) == {BUNDLED_FILE.name}


@pytest.mark.parametrize("fmt", ["geojson", "csv", "kml", "gpkg", "html"])
def test_no_export_holds_the_store_folder(nested_store, reference, fmt):
    store, settings = nested_store
    view = View()
    shown = apply_view(store.events, view)
    data = exports.export_bytes(shown, fmt, reference=reference, view=view, settings=settings)
    assert len(data) > 1000
    assert b"server-secret-folder" not in data
    assert str(settings.events_dir).encode() not in data
