"""Hills, mountains and wadis in extraction (issue 11, s15: GeoNames' terrain features of LB.txt in
gazetteer.csv, `reference.feature_kinds`): a feature that a report names resolves as that kind with an
extent fit for an area or a line, and the ~7,400 feature names neither take a village's place nor match
a word loosely. Every sentence is our own."""

from __future__ import annotations

import pytest

from tests.extract.one_paragraph import candidates, mentions


def _found(gaz, text: str) -> dict[str, tuple[str | None, str | None, float | None]]:
    return {t: (m.place_id, m.kind, m.uncertainty_m) for t, m in mentions(gaz, text).items()}


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        (
            "Hezbollah said it fired rockets at Israeli troops on Jabal Blat, near Ayta ash-Shab, on Monday.",
            "Jabal Blat",
            ("jabal-blat-lb", "mountain", 3000.0),
        ),
        (
            "Israeli troops advanced on the hill of Tal al-Nahass near Kfar Kila on Sunday.",
            "Tal al-Nahass",
            ("tell-en-nhas-lb", "hill", 2000.0),
        ),
        (
            "Hezbollah fighters ambushed an Israeli unit in Wadi Saluki on Sunday, the group said.",
            "Wadi Saluki",
            ("ouadi-es-slouki-lb", "wadi", 5000.0),
        ),
    ],
)
def test_a_named_feature_resolves_as_its_kind(gaz, text, name, expected):
    assert _found(gaz, text)[name] == expected


def test_an_event_in_a_wadi_is_placed_near_not_exactly(reference):
    """A wadi is a line and GeoNames' point one spot of it: ±5 km, so the map says 'near'."""
    (cand,) = [
        c
        for c in candidates(
            reference, "Israeli troops clashed with Hezbollah fighters in Wadi Saluki on Sunday."
        )
        if c.place_id
    ]
    assert (cand.place_id, cand.geo_precision, cand.uncertainty_m) == ("ouadi-es-slouki-lb", "near", 5000.0)


def test_a_hill_named_like_the_village_beside_it_ranks_by_the_words_around_it(gaz):
    """El Mhanbar is a village of Nabatieh and, 4 km east, a hill: the hill only when the text says hill."""
    assert _found(gaz, "Israeli artillery shelled the hill of El Mhanbar on Tuesday.")["El Mhanbar"][:2] == (
        "el-mhanbar-lb",
        "hill",
    )
    assert _found(gaz, "An Israeli strike hit a house in El Mhanbar on Tuesday.")["El Mhanbar"][:2] == (
        "el-mhanbar-lb-433714",
        "village",
    )


def test_a_features_bare_one_word_name_needs_a_word_saying_its_kind(gaz):
    """'Blat' is a village of Bint Jbeil; Jabal Blat's bare 'Blat' is not the mountain."""
    # blat-lb-277122 is Bint Jbeil's Blat (Nabatieh); blat-lb, chosen before s16 by row order, is Jbeil's
    # (Mount Lebanon). An Israeli drone's strike is the border one: the paragraph's demonyms rank (s16).
    assert _found(gaz, "An Israeli drone struck a motorcycle in Blat on Tuesday.")["Blat"][:2] == (
        "blat-lb-277122",
        "village",
    )
    assert gaz.bare_features.get("blat") and "jabal-blat-lb" not in gaz.lookup("Blat")[0]


def test_a_feature_word_alone_is_no_place(gaz):
    """GeoNames has features named just 'Wadi', 'Jabal' or 'Tallet': the word is the reports' cue, not a
    name ("fighting in the wadi", "from the Jabal"); and no feature is found by a bare word of 3 letters."""
    assert not {"wadi", "jabal", "tel", "جبل", "تل", "وادي"} & set(gaz.bare_features)
    assert not [k for k in gaz.bare_features if k.isascii() and len(k) <= 3]
    found = _found(gaz, "Israeli troops crossed the Wadi toward the village of Blat on Tuesday.")
    assert "Wadi" not in found and found["Blat"][0] == "blat-lb-277122"  # Bint Jbeil's, by the border


def test_a_feature_is_not_found_by_a_loose_spelling(gaz):
    """'Tal Nhis' shares Tell en Nhas' consonants at ratio 87.5: enough for a town by a 5-consonant skeleton
    (75), not for a hill, whose name is mostly the generic word; 'Tal Nahs' (94) is it."""
    assert "tell-en-nhas-lb" not in gaz.lookup("Tal Nhis")[0]
    assert gaz.lookup("Tal Nahs") == (["tell-en-nhas-lb"], "transliteration")


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        (
            "Turkish drones struck a convoy near the Tishreen Dam on Wednesday, the SDF said.",
            "Tishreen Dam",
            ("tishrin-dam", "dam", 1000.0),
        ),
        (
            "Rockets were fired at the base in the al-Omar oil field on Friday, a US official said.",
            "al-Omar oil field",
            ("al-omar-oil-field", "oilfield", 10000.0),
        ),
    ],
)
def test_a_hand_kept_feature_resolves_as_its_kind(gaz, text, name, expected):
    """geodata/features_curated.csv's dam and oil field, which no GeoNames extract here holds."""
    assert _found(gaz, text)[name] == expected


def test_a_persons_name_is_not_the_oil_field_named_after_it(gaz):
    """The oil field is found by its full name only: "Omar" beside "field" is no oil field."""
    found = _found(gaz, "Omar, a field commander, was killed in Deir ez-Zor on Friday.")
    assert "al-omar-oil-field" not in {pid for pid, _, _ in found.values()}
