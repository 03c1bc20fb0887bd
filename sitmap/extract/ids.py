"""Event ids `<iso3>-<date>-<place>-<type>` in ASCII: one rule for extraction and review.

"Ţafas" -> `tafas`, "al-Yarmūk" -> `al-yarmuk` (anyascii), never a dropped letter. Review recomputes an
id that was derived this way when the analyst changes the date, place or type before accepting, so no
`xxx-undated-...` id outlives the fix.
"""

from __future__ import annotations

import re
from typing import Any

from anyascii import anyascii

from sitmap.reference.countries import iso3

_SUFFIX = re.compile(r"-(\d+)$")
ID_FIELDS = frozenset({"date", "location", "admin1", "country", "event_type"})  # what `event_id` reads


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens (at most 40 characters)."""
    return re.sub(r"[^a-z0-9]+", "-", anyascii(text).lower()).strip("-")[:40].strip("-") or "x"


def event_id(props: dict[str, Any]) -> str:
    """The id for an event's properties: country, date, place (location, admin-1 or country) and type."""
    when = props.get("date") or "undated"
    where = props.get("location") or props.get("admin1") or props.get("country") or "unlocated"
    etype = str(props.get("event_type") or "other").replace("_", "-")
    return f"{(iso3(props.get('country')) or 'xxx').lower()}-{when}-{slug(str(where))}-{etype}"


def renamed_id(current: str, before: dict[str, Any], after: dict[str, Any]) -> str:
    """`current` recomputed for the edited `after`, if it was derived from `before`; else unchanged.

    A "-2" suffix (a second event at the same place and day) is kept; an id the analyst typed is left alone.
    """
    old = event_id(before)
    suffix = _SUFFIX.search(current[len(old) :]) if current.startswith(old) else None
    if current != old and suffix is None:
        return current
    return event_id(after) + (suffix.group(0) if suffix else "")
