"""Admin-1 areas named as where something happened ("struck radar sites in Hodeidah Governorate"), and
places named right after another as its admin-1 ("Khasham in Deir ez-Zor"): the region phrases of
`extract.places`, kept apart from its name matching."""

from __future__ import annotations

from sitmap.extract.place_words import _LIST_CONTINUES, _LOCATIVE, _POSSESSOR
from sitmap.reference.gazetteer import PlaceMention, Qualifier
from sitmap.reference.names import normalise_name


def region_mentions(text: str, mentions: list[PlaceMention], quals: list[Qualifier]) -> list[PlaceMention]:
    """ "struck radar sites in Hodeidah Governorate": an admin-1 named as the location, at region level."""
    out: list[PlaceMention] = []
    for a, b, admin1, country in quals:
        before = _POSSESSOR.sub("", text[max(0, a - 45) : a])  # "in Syria's Sweida province"
        listed = bool(out) and a - out[-1].end <= 12 and _LIST_CONTINUES.search(text[out[-1].end : a])
        if any(0 <= a - m.end <= 12 for m in mentions) or not (listed or _LOCATIVE.search(before)):
            continue  # a qualifier of a place named just before, or not where something happened (a list
            # of regions goes on: "strikes on Daraa, Quneitra and Homs provinces")
        reason = f"only the region {admin1} is named ({text[a:b]!r}): region precision, no point"
        out.append(
            PlaceMention(
                a, b, text[a:b], None, admin1, country, admin1, qualifier=admin1, match="admin1",
                role="locative", confidence=0.6, reason=reason,
            )
        )  # fmt: skip
    return out


def drop_admin_qualified(mentions: list[PlaceMention]) -> list[PlaceMention]:
    """'Khasham in Deir ez-Zor': a place named right after another that is an admin-1 is its qualifier."""
    out: list[PlaceMention] = []
    for m in sorted(mentions, key=lambda p: p.start):
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.resolved
            and m.resolved
            and m.start - prev.end <= 5
            and m.kind in ("city", "town")
            and normalise_name(prev.admin1 or "") == normalise_name(m.name)
        ):
            continue
        out.append(m)
    return out
