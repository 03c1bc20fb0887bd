"""Choosing among a name's gazetteer candidates: the sentence's qualifier, the words around the name (hill,
wadi, base…), the paragraph's and report's context (`place_context`), then size; or refusing them all.

`find_places` finds the names; this module decides which place each one is.
"""

from __future__ import annotations

import re

from sitmap.extract.place_context import (
    PlaceContext,
    area_extent,
    context_score,
    in_others_country,
    toward_countries,
)
from sitmap.extract.place_refusals import folded_hamlet, hamlet_abroad_refusal, refusal
from sitmap.extract.place_words import _NEAR
from sitmap.reference.countries import LAYER_NAMES
from sitmap.reference.feature_kinds import REGION_KIND, is_feature, names_kind, words_around
from sitmap.reference.gazetteer import _KIND_RANK, Gazetteer, PlaceMention, Qualifier, Region
from sitmap.reference.names import normalise_name


def cued_features(text: str, a: int, b: int, gaz: Gazetteer) -> set[str]:
    """Features whose one-word name this is (`Gazetteer.bare_features`), where the words around it name
    their kind: a bare "Sannine" is the village, "the slopes of Mount Sannine" the mountain. A named
    region's name takes the article, a town's does not: "fired at the Golan" is the Golan Heights; but "the
    Hauran Free League" is an outlet whose name goes on after the region's."""
    ids = gaz.bare_features.get(normalise_name(text[a:b]), set())
    around = words_around(text, a, b)
    the = _THE_BEFORE.search(text, max(0, a - 4), a) is not None and not _NAME_GOES_ON.match(text, b)
    return {
        i for i in ids if names_kind(around, kind := gaz.records[i]["kind"]) or the and kind == REGION_KIND
    }


_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_NAME_GOES_ON = re.compile(r"[ \t]+[A-Z]")  # a capitalised word next: the region's name starts a longer one


def qualifier_for(start: int, end: int, quals: list[Qualifier]) -> Region | None:
    """The qualifier right after a place ("X, Quneitra Province"), else the sentence's only one."""
    after = [q for q in quals if q[0] >= end and q[0] - end <= 12]
    if after:
        return after[0][2], after[0][3]
    names = {(q[2], q[3]) for q in quals}
    return next(iter(names)) if len(names) == 1 else None


# A terrain word right after a name makes it the name of a range, a ridge, a valley or a field ("the Hamrin
# mountains"); the capitalised forms are cut before lookup (`place_context.AREA_NAME_AFTER`).
_TERRAIN_AFTER = re.compile(
    r"\s+(mountains?|hills?|ridges?|range|heights|valley|wadi|(?:oil|gas)\s*fields?)\b", re.IGNORECASE
)


def terrain_refusal(text: str, b: int, ids: list[str], gaz: Gazetteer) -> str:
    """Why no candidate is the place a terrain word after the name makes ("Hamrin mountains" is not the
    village of Hamarin): '' when there is no such word or a candidate is a feature of that kind."""
    m = _TERRAIN_AFTER.match(text, b)
    if m is None or any(names_kind(m.group(1), gaz.records[i]["kind"]) for i in ids):
        return ""
    names = ", ".join(sorted({gaz.records[i]["name"] for i in ids}))
    return (
        f"the text names the {m.group(1).lower()} of that name; the gazetteer's {names} is no such feature:"
        " left unresolved rather than guessed"
    )


def resolved(
    text: str,
    a: int,
    b: int,
    ids: list[str],
    how: str,
    gaz: Gazetteer,
    quals: list[Qualifier],
    context: PlaceContext | None = None,
    country: str | None = None,
    cut: bool = False,
) -> PlaceMention | str:
    """The mention of the best candidate, or why every candidate is refused (`place_context.refusal`);
    `country`: the one the sentence opens on ("In Syria, ..."), as a qualifier's country when it has none;
    `cut`: the name is the first words of a longer capitalised one ("Nour" of "Nour Shams camp"), which
    the gazetteer lacks: a weak match, refused far from the text's other places."""
    qual = qualifier_for(a, b, quals)
    notes: list[str] = []

    key = normalise_name(text[a:b])
    # No qualifier in the sentence: neither admin-1 nor country can favour a candidate place.
    qual_admin = normalise_name(qual[0]) if qual is not None else None
    qual_country = qual[1] if qual is not None else LAYER_NAMES.get(country or "", country)

    def same_admin(pid: str) -> bool:
        return qual is not None and normalise_name(gaz.records[pid]["admin1"] or "") == qual_admin

    # A hill, a wadi named like a village near it: the words around the name say which; without such a
    # word, the populated place.
    around = words_around(text, a, b)
    cued = {k for i in ids if is_feature(k := gaz.records[i]["kind"]) and names_kind(around, k)}

    def fits_words(pid: str) -> bool:
        kind = gaz.records[pid]["kind"]
        return kind in cued if is_feature(kind) else not cued

    ids = [i for i in ids if fits_words(i)] or ids  # the others are no rival: one village stays unambiguous

    if refused := terrain_refusal(text, b, ids, gaz):
        return refused

    def score(pid: str) -> tuple[bool | float | int, ...]:
        rec = gaz.records[pid]
        same_country = qual_country is not None and rec["country"] == qual_country
        main_name = normalise_name(rec["name"]) == key  # Tehran the city, not a place with that alias
        size = _KIND_RANK.get(rec["kind"] or "", 0)
        # the paragraph's areas and places, then the report's: (admin-1 named, country named, -km)
        area_named, country_named, near = context_score(pid, gaz, context, ids)
        # with no place to decide, the countries whose people or forces the paragraph names ("Syrian
        # artillery", "Israeli troops"): in one of them, else the nearest to them
        in_about, toward = toward_countries(pid, gaz, context)
        own = rec.get("layer") == "own"  # the analyst's own place wins over same-named gazetteer ones
        # Unless the text names its admin-1 or country, a listed place beats a village-scale row spelt alike,
        # however near ("Sweida": not a hamlet of Hama; "Daraa" by Quneitra: not Dara of As-Suwayda).
        # ... or it lies in another country than the paragraph's other places (Maghār beside Tafas).
        listed = rec.get("layer") != "villages"
        spread = -(rec["uncertainty_m"] or 1e9)
        # A listed place's own name beats another place's alias however near the paragraph's places or in
        # their country ("Tyre ... Metula": not Tirat Karmel, alias "Tire"); an admin-1 or country the text
        # names outranks it (ranked before it, the held-out figures lost a located event).
        own_name = listed and main_name
        chosen = (same_admin(pid), same_country, own, area_named, country_named, own_name)
        others = in_others_country(pid, ids, gaz, context)
        return (*chosen, others, in_about, listed, near, toward, main_name, size, spread)

    pid = max(ids, key=score)
    rec = gaz.records[pid]
    if how == "exact" and folded_hamlet(pid, text[a:b], gaz):
        how = "transliteration"
        tied = len({score(i)[:11] for i in ids}) == 1  # only the name's fold and size chose
        if tied and (refused := hamlet_abroad_refusal(pid, ids, text[a:b], gaz)):
            return refused
    weak_how = how if qual is None or same_admin(pid) else "qualifier"  # the text names another admin-1
    weak_how = "cut" if cut and weak_how == "exact" else weak_how
    refused = refusal(pid, ids, weak_how, gaz, context, qualified=same_admin(pid), key=key)
    if refused:
        return refused
    conf = {"exact": 0.95, "arabic": 0.9, "transliteration": 0.75}[how]
    reason = {
        "exact": f"gazetteer name match {text[a:b]!r} → {rec['name']} ({pid})",
        "arabic": f"Arabic-script gazetteer match {text[a:b]!r} → {rec['name']} ({pid})",
        "transliteration": f"transliteration match {text[a:b]!r} ≈ {rec['name']} ({pid})",
    }[how]
    if len(ids) > 1:
        conf -= 0.15
        reason += f"; chosen among {len(ids)} same-named places" + (
            f" by qualifier {qual[0]}" if qual else ""
        )
    admin1 = rec["admin1"]
    if qual:
        if admin1 and normalise_name(admin1) != normalise_name(qual[0]):
            notes.append(f"the report says {qual[0]}; the gazetteer puts {rec['name']} in {admin1}")
            conf -= 0.1
        admin1 = qual[0]
    near = bool(_NEAR.search(text[max(0, a - 40) : a]))
    unc = rec["uncertainty_m"]
    extent = area_extent(text, a, b)
    if extent is not None:  # "Homs countryside", "outskirts of X": an area around the place, not its point
        unc, near = max(unc or 0.0, extent), False
        reason += f"; the text names the area around it: ±{extent / 1000:g} km"
    return PlaceMention(
        a, b, text[a:b], pid, rec["name"], country=rec["country"], admin1=admin1, lon=rec["lon"],
        lat=rec["lat"], uncertainty_m=unc, kind=rec["kind"],
        qualifier=qual[0] if qual else None, near=near, match=how, confidence=round(conf, 2),
        reason=reason, notes=tuple(notes),
    )  # fmt: skip
