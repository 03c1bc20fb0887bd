"""A news agency or broadcaster cited as a source is not a place (issue 11, s18 round 2): "..., SANA added"
is the Syrian agency, not Sanaa in Yemen; "Al Mayadeen reported" is the channel, not the Syrian city."""

from tests.extract.one_paragraph import candidates, mentions


def test_an_agency_acronym_is_no_place(gaz) -> None:
    found = mentions(gaz, "Israel also freed four men it had held since the summer, SANA added.")
    assert "SANA" not in found, found


def test_an_agency_cited_after_a_place_gives_no_second_place(reference) -> None:
    text = "Israeli troops detained two shepherds near Quneitra on Monday, SANA reported."
    (cand,) = candidates(reference, text)
    props = cand.to_feature()["properties"]
    assert (props["event_type"], props["country"], props["location"]) == ("arrest", "Syria", "Quneitra")


def test_an_agency_named_like_a_town_is_a_source_only_where_cited(gaz) -> None:
    found = mentions(gaz, "A drone struck a car on the edge of Mayadeen on Monday, Al Mayadeen reported.")
    assert "Mayadeen" in found and found["Mayadeen"].resolved, found  # the city, where the car was hit
    assert "Al Mayadeen" not in found, found  # the channel that told it
    assert "Saba" not in mentions(gaz, "Houthi forces seized a ship off Hodeidah, according to Saba.")


def test_an_outlet_is_no_place_however_its_name_is_written(gaz) -> None:
    # "Al-Manar" hyphenated as "Al Manar" is listed; "Tass" in any case as "TASS"
    for text, outlet in [
        ("A strike destroyed a house in Qana overnight, Al-Manar reported on Monday.", "Al-Manar"),
        ("Interceptors fired over Haifa on Monday, Tass reported.", "Tass"),
        ("A missile struck a building in Haifa on Monday, Tass reported from Tel Aviv.", "Tass"),
    ]:
        found = mentions(gaz, text)
        assert outlet not in found, found
        assert {"Qana", "Haifa"} & set(found), found  # the place it told of stays
