"""Admin-1 areas named as where something happened ("struck radar sites in Hodeidah Governorate"), and
places named right after another as its admin-1 ("Khasham in Deir ez-Zor"): the region phrases of
`extract.places`, kept apart from its name matching."""

from __future__ import annotations

import re
from dataclasses import replace

from sitmap.extract.place_words import _LIST_CONTINUES, _LOCATIVE, _POSSESSOR
from sitmap.reference.gazetteer import PlaceMention, Qualifier, skeleton
from sitmap.reference.names import normalise_name


def region_mentions(text: str, mentions: list[PlaceMention], quals: list[Qualifier]) -> list[PlaceMention]:
    """ "struck radar sites in Hodeidah Governorate": an admin-1 named as the location, at region level."""
    out: list[PlaceMention] = []
    for a, b, admin1, country in quals:
        before = _POSSESSOR.sub("", text[max(0, a - 45) : a])  # "in Syria's Sweida province"
        listed = bool(out) and a - out[-1].end <= 12 and _LIST_CONTINUES.search(text[out[-1].end : a])
        # ... or a few words on: "Deir Siriane village in Lebanon's Nabatieh governorate"
        qualifies = any(0 <= a - m.end <= 12 or _qualifies(text, m.end, a) for m in mentions)
        if qualifies or not (listed or _LOCATIVE.search(before)):
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


# "A district in B", "the district of A in the governorate of B" (dev p80, p89): the
# governorate a place lies in, named by its seat's name
_IN_ADMIN = re.compile(
    r"\s*,?\s*(?:(?:an?\s+)?(?:district|sub-?district|area|region|village|town)\s+)?(?:in|of)\s+(?:the\s+)?"
    r"(?:(?:governorate|province|region)\s+of\s+)?"
)


def _qualifies(text: str, end: int, start: int) -> bool:
    """Whether the words between a place (ending at `end`) and an admin-1 (at `start`) make the admin-1 its
    qualifier ("X village in Lebanon's Nabatieh")."""
    return 0 <= start - end <= 40 and bool(_IN_ADMIN.fullmatch(_POSSESSOR.sub("", text[end:start])))


def drop_admin_qualified(text: str, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """'Khasham in Deir ez-Zor', 'the Safra district in Saada': a town named right after a place, as the
    admin-1 that place lies in, is its qualifier, not a second place (a seat named like its governorate
    when the place before it is not in the gazetteer: the place lies in that governorate)."""
    out: list[PlaceMention] = []
    for m in sorted(mentions, key=lambda p: p.start):
        prev = out[-1] if out else None
        if prev is not None and m.resolved and m.kind in ("city", "town") and m.start > prev.end:
            if prev.resolved and m.start - prev.end <= 5:
                # "Ras Issa in Al-Hudaydah": the admin-1 named as written, or by its seat's name
                if normalise_name(prev.admin1 or "") in (normalise_name(m.name), normalise_name(m.text)):
                    continue
            elif not prev.resolved and _IN_ADMIN.fullmatch(text, prev.end, m.start) and _seat(m):
                if prev.admin1 is None:
                    out[-1] = replace(prev, admin1=m.admin1, country=prev.country or m.country)
                continue
        out.append(m)
    return out


def _seat(m: PlaceMention) -> bool:
    """A town named like the admin-1 it lies in (Sa'dah in Saada, Hodeidah in Al Hudaydah)."""
    return named_like_its_admin1(m.name, m.admin1)


def named_like_its_admin1(name: str, admin1: str | None) -> bool:
    """Whether a place's name is its admin-1's (the seat of a governorate named after it)."""
    key, area = normalise_name(name), normalise_name(admin1 or "")
    return bool(area) and (key == area or skeleton(key) == skeleton(area))
