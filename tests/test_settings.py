from pathlib import Path

import pytest

from sitmap.settings import PROJECT_ROOT, SETTINGS, load_settings


def test_default_events_folder_is_the_current_folders(monkeypatch, tmp_path):
    # The store is the analyst's data: from a folder without events/, nothing may fall back to (and later
    # write into) the package's own checkout.
    monkeypatch.chdir(tmp_path)
    s = load_settings(env={})
    assert s.events_dir.resolve() == tmp_path / "events"
    assert s.max_file_bytes == 50 * 1024 * 1024


def test_default_events_folder_from_the_checkout_is_the_bundled_one(monkeypatch):
    monkeypatch.chdir(PROJECT_ROOT)  # `python -m streamlit run app.py` from the checkout
    assert load_settings(env={}).events_dir.resolve() == PROJECT_ROOT / "events"


def test_cli_from_an_empty_folder_does_not_use_the_package_store(monkeypatch, tmp_path, capsys):
    from sitmap.cli.commands import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SITMAP_EVENTS", raising=False)
    assert main(["validate"]) == 2
    assert "no such file or folder: events" in capsys.readouterr().err


def test_reference_layers_still_fall_back_to_the_bundled_ones(monkeypatch, tmp_path):
    # geodata/ is read-only reference data shipped with sitmap, so using the bundled copy is safe.
    monkeypatch.chdir(tmp_path)
    assert load_settings(env={}).geodata_dir == PROJECT_ROOT / "geodata"


def test_environment_and_overrides(tmp_path):
    s = load_settings(env={"SITMAP_EVENTS": str(tmp_path), "SITMAP_MAX_FILE_MB": "0.5"})
    assert s.events_dir == tmp_path and s.max_file_bytes == 512 * 1024
    assert load_settings(env={}, events_dir=str(tmp_path / "x")).events_dir == Path(tmp_path / "x")


def test_bad_value_names_the_settings():
    with pytest.raises(ValueError, match="max_file_mb"):
        load_settings(env={"SITMAP_MAX_FILE_MB": "lots"})


@pytest.mark.parametrize("name", ["max_file_mb", "max_json_depth"])
def test_a_non_number_override_is_a_named_setting_error(tmp_path, name):
    # A folder passed where a number belongs is the caller's mistake: a ValueError naming the settings,
    # like a bad environment value, not a TypeError from deep inside.
    with pytest.raises(ValueError, match="max_file_mb"):
        load_settings(env={}, **{name: tmp_path})


def test_numeric_overrides_keep_their_value():
    s = load_settings(env={}, max_file_mb=1000 / 1024 / 1024, max_json_depth=7)
    assert s.max_file_bytes == 1000 and s.max_json_depth == 7


def test_every_setting_has_help_and_env():
    assert all(s.help and s.env.startswith("SITMAP_") for s in SETTINGS)
