"""Which movement holds which admin-1 areas, where one holds ground a foreign force strikes (reference data).

Control changes: each entry says as of when it was read. The areas are the admin-1 names of the reference's
admin1 layer. A governorate split between sides (Taiz, Marib, Al Dhale) is left out: who was hit there is
not the area's holder.
"""

from __future__ import annotations

# Yemen: the Houthis hold the north-west, Sanaa included; the government and its allies Aden, Lahij, Abyan,
# Shabwah, Hadramaut, Al Mahrah and Marib city (Al Jazeera, "Yemen conflict: Who controls what", 2019-03-24,
# https://www.aljazeera.com/news/2019/3/24/yemen-conflict-who-controls-what; the lines moved little since,
# but these rows are not yet checked one by one against a current source: a task for their next editor).
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
