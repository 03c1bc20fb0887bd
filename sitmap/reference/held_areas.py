"""Which movement holds which admin-1 areas, where one holds ground a foreign force strikes (reference data).

Control changes: each entry says as of when it was read. The areas are the admin-1 names of the reference's
admin1 layer. A governorate split between sides (Taiz, Marib, Al Dhale) is left out: who was hit there is
not the area's holder.
"""

from __future__ import annotations

# Yemen, as of late 2025, read from the widely published control maps (not yet checked row by row against one
# cited source: to do): the Houthis hold the north-west; Aden, Lahij, Abyan, Shabwah, Hadramaut, Al Mahrah and
# Marib city are held by the government and its allies.
HELD_BY: dict[str, dict[str, str]] = {
    "Yemen": {
        area: "Houthis (Ansar Allah)"
        for area in (
            "Saada",
            "Hajjah",
            "Amran",
            "Al Mahwit",
            "Sanaa",
            "Amanat al-Asimah (Sanaa city)",
            "Dhamar",
            "Ibb",
            "Raymah",
            "Al Hudaydah",
            "Al Bayda",
            "Al Jawf",
        )  # fmt: skip
    }
}


def holder(country: str | None, admin1: str | None) -> str | None:
    """The movement holding admin-1 area `admin1` of `country`, if one does."""
    return HELD_BY.get(country or "", {}).get(admin1 or "")
