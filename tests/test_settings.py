from pathlib import Path

import pytest

from sitmap.settings import PROJECT_ROOT, SETTINGS, load_settings


def test_defaults_resolve_beside_the_project(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # the app may be started from anywhere
    s = load_settings(env={})
    assert s.events_dir == PROJECT_ROOT / "events"
    assert s.max_file_bytes == 50 * 1024 * 1024


def test_environment_and_overrides(tmp_path):
    s = load_settings(env={"SITMAP_EVENTS": str(tmp_path), "SITMAP_MAX_FILE_MB": "0.5"})
    assert s.events_dir == tmp_path and s.max_file_bytes == 512 * 1024
    assert load_settings(env={}, events_dir=str(tmp_path / "x")).events_dir == Path(tmp_path / "x")


def test_bad_value_names_the_settings():
    with pytest.raises(ValueError, match="max_file_mb"):
        load_settings(env={"SITMAP_MAX_FILE_MB": "lots"})


def test_every_setting_has_help_and_env():
    assert all(s.help and s.env.startswith("SITMAP_") for s in SETTINGS)
