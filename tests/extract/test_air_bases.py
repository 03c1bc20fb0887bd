"""Air bases and airports named in report text resolve to the installation, not to a same-named village
or town (issue 11; airportsdata's airfields in gazetteer.csv, `scripts/airfields.py`). Every sentence is our
own."""

from __future__ import annotations

import pytest

from tests.extract.one_paragraph import mentions


def _found(gaz, text: str) -> dict[str, tuple[str | None, str | None]]:
    return {t: (m.place_id, m.kind) for t, m in mentions(gaz, text).items()}


@pytest.mark.parametrize(
    ("text", "name", "place_id", "kind"),
    [
        (
            "Israeli jets struck the Dumayr air base on Monday.",
            "Dumayr air base",
            "dumayr-air-base-os61",
            "base",
        ),
        (
            "Israeli jets struck Kuweires military airport east of Aleppo on Monday.",
            "Kuweires military airport",
            "rasin-el-aboud-airport-os66",
            "base",
        ),
        (
            "Drones targeted Hmeimim air base on Friday.",
            "Hmeimim air base",
            "bassel-al-assad-international-airport-oslk",
            "base",
        ),
        (
            "Hezbollah fired rockets at Ramat David air base on Sunday.",
            "Ramat David air base",
            "ramat-david-air-base-llrd",
            "base",
        ),
        (
            "Iranian missiles struck the Tel Nof air base on Tuesday.",
            "Tel Nof air base",
            "tel-nov-air-base-llek",
            "base",
        ),
        (
            "Rockets hit the Balad air base on Monday.",
            "Balad air base",
            "balad-southeast-air-base-orbd",
            "base",
        ),
        (
            "Israeli jets struck Qamishli airport on Monday.",
            "Qamishli airport",
            "kamishly-airport-oskl",
            "site",
        ),
        (
            "Drones attacked the Harir air base on Friday.",  # no place cue: "air base" is one
            "Harir air base",
            "bashur-airfield-orbr",
            "base",
        ),
        (
            "Drones attacked the Harir air base north of Erbil on Friday.",
            "Harir air base",
            "bashur-airfield-orbr",
            "base",
        ),
    ],
)
def test_a_named_air_base_is_the_base(gaz, text, name, place_id, kind):
    assert _found(gaz, text)[name] == (place_id, kind)


def test_a_villages_name_alone_is_still_the_village(gaz):
    # Aḑ Ḑumayr the town stays what "Dumayr" alone names; only "Dumayr air base" is the base.
    found = _found(gaz, "Government forces shelled Dumayr on Monday.")
    assert found["Dumayr"][1] != "base"
