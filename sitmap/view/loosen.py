"""Which filters to loosen when a view shows nothing: for each active filter, how many events the view would
show without it (pure; the map page's zero-result state says this)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import geopandas as gpd

from sitmap.view.fields import NON_TIME_FILTERS, SPEC
from sitmap.view.filtering import filter_mask
from sitmap.view.model import View

TIME_TITLE = "Time window"


@dataclass(frozen=True)
class Loosening:
    """Clearing `fields` (titled `title`) would show `count` events."""

    title: str
    fields: tuple[str, ...]
    count: int


def active_filters(view: View) -> list[tuple[str, tuple[str, ...]]]:
    """(title, fields) of each filter the view sets: the time window, then the others in the table's order."""
    found: list[tuple[str, tuple[str, ...]]] = []
    if view.start is not None or view.end is not None:
        found.append((TIME_TITLE, ("start", "end")))
    defaults = View()
    for name in NON_TIME_FILTERS:
        value = getattr(view, name)
        if value != getattr(defaults, name) and (not isinstance(value, str) or value.strip()):
            found.append((SPEC[name].title, (name,)))
    return found


def loosenings(events: gpd.GeoDataFrame | Callable[[View], int], view: View) -> list[Loosening]:
    """Each active filter with the number of events the view shows without it, most events first (counted
    in `events`, or by `events(view)`: a database's COUNT)."""
    count = events if callable(events) else (lambda v: int(filter_mask(events, v).sum()))
    defaults = View()
    out = []
    for title, names in active_filters(view):
        without = view.with_(**{n: getattr(defaults, n) for n in names})
        out.append(Loosening(title, names, count(without)))
    return sorted(out, key=lambda loose: -loose.count)
