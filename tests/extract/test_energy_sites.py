"""Oil and gas fields, refineries, terminals and depots that reports of 2024-2025 name as targets (issue 11,
s16: geodata/features_curated.csv's energy rows): the report's phrasing resolves to the site, as its kind and
with its own extent, not to a town or village of the same name. Every sentence is our own."""

from __future__ import annotations

import pytest

from tests.extract.one_paragraph import candidates, mentions


def _found(gaz, text: str) -> dict[str, tuple[str | None, str | None, float | None]]:
    return {t: (m.place_id, m.kind, m.uncertainty_m) for t, m in mentions(gaz, text).items()}


# (sentence, the name as written, (site id, kind, extent in metres)): the phrasings of issue 11's reports
SITES = [
    (
        "A drone hit a storage tank at the Khor Mor gas field in Chamchamal on Wednesday, the operator said.",
        "Khor Mor gas field",
        ("khor-mor-gas-field", "oilfield", 20000.0),  # an estimate: no page here gives the field a point
    ),
    (
        "Two drones fell in the Khurmala oil field in Erbil province overnight, officials said.",
        "Khurmala oil field",
        ("khurmala-oil-field", "oilfield", 25000.0),
    ),
    (
        "An explosion at the Peshkabir field in Zakho halted production on Tuesday.",
        "Peshkabir field",
        ("peshkabir-oil-field", "oilfield", 10000.0),
    ),
    (
        "Israeli jets struck the Shahran fuel depot in Tehran on Saturday night.",
        "Shahran fuel depot",
        ("shahran-fuel-depot", "energy_site", 11000.0),
    ),
    (
        "US aircraft bombed the Ras Isa fuel port north of Hodeidah on Thursday, Houthi media said.",
        "Ras Isa fuel port",
        ("ras-isa-terminal", "energy_site", 10000.0),
    ),
    (
        "A fire broke out at the Abadan refinery after a drone attack on Sunday.",
        "Abadan refinery",
        ("abadan-refinery", "energy_site", 2000.0),
    ),
]


@pytest.mark.parametrize(("text", "name", "expected"), SITES)
def test_a_named_energy_site_resolves_as_its_kind(gaz, text, name, expected):
    assert _found(gaz, text)[name] == expected


@pytest.mark.parametrize(
    ("text", "site", "precision", "extent"),
    [
        (SITES[0][0], "khor-mor-gas-field", "region", 20000.0),
        (
            "Two drones struck the Khurmala oil field in Erbil province overnight.",
            "khurmala-oil-field",
            "region",
            25000.0,
        ),
        ("A drone struck the Peshkabir field in Zakho on Tuesday.", "peshkabir-oil-field", "near", 10000.0),
        (SITES[3][0], "shahran-fuel-depot", "region", 11000.0),
        (SITES[4][0], "ras-isa-terminal", "near", 10000.0),
        (SITES[5][0], "abadan-refinery", "near", 2000.0),
    ],
)
def test_the_event_at_an_energy_site_is_placed_with_the_sites_extent(
    reference, text, site, precision, extent
):
    """The candidate is placed at the site, not only at the town named beside it ("in Chamchamal", "in
    Tehran"), with the precision its extent gives: a field is an area, never an exact point. ("Drones fell
    in", "an explosion halted production" name no event: the trigger words are extraction's, not here.)"""
    placed = {
        (c.place_id, c.geo_precision, c.uncertainty_m) for c in candidates(reference, text) if c.place_id
    }
    assert (site, precision, extent) in placed


def test_a_refinery_is_not_the_city_it_is_named_after(gaz):
    """ "Abadan refinery" is the refinery; "Abadan" alone stays the city."""
    assert _found(gaz, "Shelling hit Abadan on Monday, residents said.")["Abadan"][0] == "abadan"


def test_an_oil_field_is_found_by_its_full_name_only(gaz):
    """The Zubair field by its full name; the bare "Az Zubayr" is the city west of Basra."""
    assert _found(gaz, "Rockets landed near the Zubair oil field on Friday.")["Zubair oil field"][:2] == (
        "zubair-oil-field",
        "oilfield",
    )
    assert _found(gaz, "Police arrested two men in Az Zubayr on Monday.")["Az Zubayr"][0] == "az-zubayr"


@pytest.mark.parametrize(
    ("text", "name", "site"),
    [
        ("Gunmen attacked the Rumaila oil field on Friday.", "Rumaila oil field", "rumaila-oil-field"),
        ("Turkish drones attacked the Tishrin Dam on Friday.", "Tishrin Dam", "tishrin-dam"),
        (
            "The Shahran oil depot was hit by Israeli jets on Saturday.",
            "Shahran oil depot",
            "shahran-fuel-depot",
        ),
    ],
)
def test_a_hand_kept_sites_full_name_needs_no_word_introducing_a_place(gaz, text, name, site):
    """A village row of the table is taken only after "in", "near"…; a cited site named in full with its
    kind word is no village: "attacked the Rumaila oil field" names the field."""
    assert _found(gaz, text)[name][0] == site


def test_an_attack_on_a_site_named_without_its_kind_word_is_placed_there(reference):
    """ "Khor Mor" alone is the field's name as reports write it (no village of that name is known here)."""
    placed = {
        (c.place_id, c.geo_precision)
        for c in candidates(reference, "Drones attacked Khor Mor again on Wednesday.")
    }
    assert ("khor-mor-gas-field", "region") in placed


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        (
            "Israeli jets struck the Natanz nuclear facility overnight, Iranian media said.",
            "Natanz nuclear facility",
            ("natanz-enrichment-site", "energy_site", 3000.0),
        ),
        (
            "Drones set fire to the Abqaiq oil processing facility on Saturday, officials said.",
            "Abqaiq oil processing facility",
            ("abqaiq-processing-facility", "energy_site", 3000.0),
        ),
        (
            "Rockets hit the Ain al-Asad air base in western Iraq on Tuesday.",
            "Ain al-Asad air base",
            ("al-asad-airbase", "base", 5000.0),
        ),
    ],
)
def test_a_site_reports_name_in_full_is_the_site_not_its_town(gaz, text, name, expected):
    """s18: the sites reports of 2024-25 name in full, each a cited row, not the town of Natanz (33 km
    away) nor the Abqaiq community's village row."""
    assert _found(gaz, text)[name] == expected
