"""South Lebanon's villages in the gazetteer (issue 11, s14: GeoNames' LB extract in gazetteer.csv): the
villages strike reports name resolve in Lebanon, in the right governorate, and the ~3,200 new names do not
take ordinary words or better-known places of the same name."""

from __future__ import annotations

import pytest

from sitmap.extract.place_context import report_contexts
from sitmap.extract.places import find_places


def _found(gaz, text: str) -> dict[str, tuple[str | None, str | None, str | None]]:
    ctx = report_contexts([("p1", text)], gaz)["p1"]
    return {m.text: (m.place_id, m.country, m.admin1) for m in find_places(text, gaz, ctx)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "An Israeli drone struck a car on the road to Jibbain on Tuesday morning.",
            {"Jibbain": ("ej-jibbain-lb", "Lebanon", "South Lebanon")},
        ),
        (
            "Israeli artillery shelled the outskirts of Mhaibib in the Marjayoun district overnight.",
            {"Mhaibib": ("mhaibib-lb", "Lebanon", "Nabatieh")},
        ),
        (
            "Two civilians were killed when a strike hit a house in Aita al-Jabal, local media reported.",
            {"Aita al-Jabal": ("ayta-al-jabal-lb", "Lebanon", "Nabatieh")},
        ),
        (
            "Israeli warplanes struck Majdal Zoun and Shihin, near the border in the Tyre district.",
            {
                "Majdal Zoun": ("majdel-zoun-lb", "Lebanon", "South Lebanon"),
                "Shihin": ("chihine-lb", "Lebanon", "South Lebanon"),
            },
        ),
        (
            "Residents said the strike near Toulin wounded a shepherd.",
            {"Toulin": ("touline-lb", "Lebanon", "Nabatieh")},
        ),
    ],
)
def test_south_lebanon_villages_resolve_in_lebanon(gaz, text, expected):
    found = _found(gaz, text)
    assert {name: found.get(name) for name in expected} == expected


@pytest.mark.parametrize(
    ("text", "name", "place"),
    [
        ("Mediators in Doha said the talks would resume next week.", "Doha", "doha-qa"),
        ("Iraqi forces recaptured Tikrit from the militants in 2015.", "Tikrit", "tikrit"),
    ],
)
def test_a_lebanese_hamlet_does_not_take_a_better_known_place(gaz, text, name, place):
    """Doha (Aley) and Tikrit (Akkar) are Lebanese hamlets too: the listed capital and city are meant."""
    assert len(gaz.lookup(name)[0]) > 1
    assert _found(gaz, text)[name][0] == place


@pytest.mark.parametrize(
    "text",
    [
        "The Arab League called for calm in Asia and beyond.",
        "Protesters gathered in Arab neighbourhoods of the city.",
    ],
)
def test_english_words_do_not_become_lebanese_villages(gaz, text):
    """'Assia' and 'Aaz el Arab' fold to 'asia' and 'arab': the build leaves such names out."""
    assert all(country != "Lebanon" for _, country, _ in _found(gaz, text).values())


def test_meiss_ej_jabal_is_mais_al_jabal(gaz):
    """Reports spell the border town Meiss ej Jabal (French style) as well as Meis al-Jabal; both are the
    places row Mais al-Jabal, the whole name, not an unresolved "Meiss"."""
    for spelling in ("Meiss ej Jabal", "Meis al-Jabal"):
        found = _found(gaz, f"An Israeli drone struck a house in {spelling} in south Lebanon on Sunday.")
        assert found[spelling][0] == "mais-al-jabal", spelling
