"""APP-6(D) codes for events (sitmap.symbology), the setting that says each actor's side, and the payload
the web map draws them from."""

from __future__ import annotations

import numpy as np
import pytest

from sitmap.settings import load_settings
from sitmap.symbology import (
    AFFILIATIONS,
    FRAMES,
    UNIT_TYPES,
    affiliation,
    event_sidcs,
    parse_affiliations,
    parse_sidc,
    sidc,
)
from sitmap.vocabulary import EVENT_TYPES


def test_codes_are_twenty_digit_2525d_land_symbols() -> None:
    code = sidc("raid", "hostile")
    assert code == "10061000001211000000"  # version 10, reality, hostile, land unit, infantry
    assert parse_sidc(code) == ("hostile", "10", "121100")
    assert sidc("base_established", "friend") == "10032000001100000000"  # land installation
    assert sidc("airstrike", "friend") is None  # not a unit's action: the plain marker
    for kind in UNIT_TYPES:
        assert kind in EVENT_TYPES
        for side in AFFILIATIONS:
            got = sidc(kind, side)  # type: ignore[arg-type]
            assert got is not None and len(got) == 20 and got.isdigit() and parse_sidc(got)[0] == side


def test_affiliation_is_the_first_actors_and_unknown_unless_configured() -> None:
    table = parse_affiliations("Israel Defense Forces = friend;\nhezbollah=HOSTILE")
    assert table == {"israel defense forces": "friend", "hezbollah": "hostile"}
    assert affiliation(["Hezbollah", "Israel Defense Forces"], table) == "hostile"
    assert affiliation(np.array(["ISRAEL DEFENSE FORCES", "x"], dtype=object), table) == "friend"
    assert affiliation(["Syrian Arab Army"], table) == "unknown"
    assert affiliation([], table) is None and affiliation(None, table) is None
    assert affiliation(float("nan"), table) is None  # type: ignore[arg-type]  # a missing cell
    assert event_sidcs(["raid", "patrol", "airstrike"], [["Hezbollah"], [], ["Hezbollah"]], table) == [
        "10061000001211000000",
        None,
        None,
    ]


@pytest.mark.parametrize("bad", ["Hezbollah", "Hezbollah=enemy", "=friend"])
def test_a_mistyped_side_fails_when_the_settings_load(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_affiliations(bad)
    with pytest.raises(ValueError, match="invalid sitmap setting"):
        load_settings(env={"SITMAP_AFFILIATIONS": bad})
    assert load_settings(env={}).affiliation_table == {}


def test_frames_fit_the_symbol_space_and_are_closed_outlines() -> None:
    for side, points in FRAMES.items():
        xs, ys = zip(*points, strict=True)
        assert min(xs) >= 20 and max(xs) <= 180 and min(ys) >= 20 and max(ys) <= 180, side
        assert len(set(points)) >= 4
    assert max(x for x, _ in FRAMES["friend"]) - min(x for x, _ in FRAMES["friend"]) == 150  # 3:2
