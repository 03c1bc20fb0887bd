"""Refusing a place match: a weak match far from the text's other places, a same-named village abroad, a
hamlet whose name only folds like the text's (the context they measure from: `place_context`).

A wrong point is worse than an unresolved name: each rule says why, and the name is read on as unresolved.
"""

from __future__ import annotations

from collections.abc import Collection

from sitmap.extract.place_context import MAX_KM, PlaceContext, countries_of
from sitmap.reference.countries import LAYER_NAMES
from sitmap.reference.gazetteer import Gazetteer
from sitmap.reference.names import normalise_name


def refusal(
    pid: str,
    ids: Collection[str],
    how: str,
    gaz: Gazetteer,
    ctx: PlaceContext | None,
    qualified: bool,
    key: str = "",
) -> str:
    """Why a match must not be used ('' when it may): a weak match far from its context, or a same-named
    village (or a place by another's alias, `key` being the name as folded) abroad."""
    if ctx is None or qualified or any(i == pid for i, _, _ in ctx.points):
        return ""  # the paragraph names this very place by an unambiguous name ("the Conoco gas field")
    rec = gaz.records[pid]
    weak = how in ("transliteration", "qualifier", "cut") or len(ids) > 1 or rec["kind"] == "village"
    if not weak or normalise_name(rec["admin1"] or "") in ctx.admin1:
        return ""
    dist = ctx.distance_km(pid, rec["lat"], rec["lon"], ids)
    if dist is not None and (vkm := ctx.village_km(pid, rec["lat"], rec["lon"], ids)) is not None:
        dist = min(dist, vkm)  # one far town ("a ceasefire in Gaza") does not refuse a list of villages
    elif dist is not None and any(i == pid for i, _, _ in ctx.villages):
        # ... nor a village named by its only name among the list's other names, however they resolve
        vkm = ctx.village_km(pid, rec["lat"], rec["lon"], ids, anyplace=True)
        dist = dist if vkm is None else min(dist, vkm)
    provinces = {r[1] for a in ctx.admin1 if (r := gaz.admin1.get(a)) is not None and r[1]}
    if dist is None and provinces and rec["country"] not in provinces:
        # No point to measure from, but the text names provinces, none in this place's country: "Froun
        # in Bint Jbeil district ... Nabatieh" is not Far'un in the West Bank.
        return (
            f"the gazetteer's {rec['name']} lies in {rec['country']}; the provinces the text names lie in"
            f" {', '.join(sorted(provinces))}: left unresolved rather than guessed"
        )
    village = rec.get("layer") == "villages"
    if dist is None and not provinces and village and ctx.countries and rec["country"] not in ctx.countries:
        # No point and no province to measure from, but the text names countries, not this village's:
        # "Ain al-Assad ... in Iraq" is not the village in Israel (towns are left alone: a border town
        # is often told beside its neighbour, "Qusayr ... on the Lebanese border").
        return (
            f"the gazetteer's {rec['name']} lies in {rec['country']}; the text names"
            f" {', '.join(sorted(ctx.countries))}: left unresolved rather than guessed"
        )
    if village and how == "qualifier":
        # The sentence names another admin-1 than this hamlet's: "Hamidiyah ... central Quneitra
        # countryside" is not the Hamidiyah of Hama or of Tartus (homonyms abound; a dateline's Damascus
        # puts Tartus's within 150 km).
        return (
            f"the gazetteer's {rec['name']} lies in {rec['admin1'] or rec['country']}, not in the province"
            " the text names: left unresolved rather than guessed"
        )
    if dist is not None and dist > MAX_KM:
        return (
            f"the gazetteer's {rec['name']} ({rec['admin1'] or rec['country']}) lies {dist:.0f} km from the"
            f" other places of the text (limit {MAX_KM:.0f} km): left unresolved rather than guessed"
        )
    by_alias = bool(key) and normalise_name(rec["name"]) != key
    home = countries_of((*ctx.points, *ctx.villages), ids, gaz)
    named = ctx.about | {LAYER_NAMES.get(c, c) for c in ctx.countries}  # "Lebanon", "Lebanese" sources
    if len(ids) > 1 and (village or by_alias) and home and rec["country"] not in home | named:
        # One of several namesakes, in none of the countries of the paragraph's other places nor of those
        # it names: "the villages of Bustan, Dama and Najran" by Sweida are not Lebanon's Boustane.
        return (
            f"the gazetteer's {rec['name']} lies in {rec['country']}; the paragraph's other places lie in"
            f" {', '.join(sorted(home))}: left unresolved rather than guessed"
        )
    return ""


def folded_hamlet(pid: str, surface: str, gaz: Gazetteer) -> bool:
    """A village-scale row whose names only fold like the text's ("Tal Afar": OCHA's Tal Aafar in Hama;
    "Akkar": A'Kar in Hasakah): it may well be another place, as weak a match as a transliteration."""
    return gaz.records[pid].get("layer") == "villages" and not gaz.spelt_as(pid, surface)


def hamlet_abroad_refusal(pid: str, ids: list[str], surface: str, gaz: Gazetteer) -> str:
    """Why a folded hamlet chosen by nothing in the text is refused where same-named places lie in another
    country ('' where none does)."""
    rec = gaz.records[pid]
    rivals = {gaz.records[i]["country"] for i in ids} - {rec["country"]}
    if not rivals:
        return ""
    return (
        f"{surface!r} is spelt otherwise than the gazetteer's {rec['name']} ({rec['country']}), and"
        f" same-named places lie in {', '.join(sorted(rivals))}; nothing in the text chooses: left"
        " unresolved rather than guessed"
    )
