"""Two rules on a frame of events the panels share with the database's SQL (`sitmap.store.postgis_view`
mirrors them): the newest first, and the located events' bounds."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd


def newest_first(shown: pd.DataFrame) -> pd.DataFrame:
    """`shown` newest first: latest start, then latest end, then id (`postgis_view.NEWEST_ORDER`)."""
    return shown.sort_values(["start", "end", "id"], ascending=False, kind="stable")


def newest(shown: pd.DataFrame, limit: int) -> pd.DataFrame:
    """The newest `limit` events of `shown` (`newest_first`), sorting only the candidates: the events
    starting on or after the `limit`-th latest start, found with a numpy partition over the start column
    and taken by position (filtering the whole frame by a mask copied every column: ~5 ms at 10k)."""
    return newest_first(_candidates(shown, limit)).head(limit)


def _candidates(shown: pd.DataFrame, limit: int) -> pd.DataFrame:
    if len(shown) <= limit:
        return shown
    starts = shown["start"].to_numpy(dtype="datetime64[ns]")
    if np.isnat(starts).any():  # not in a valid store; keep pandas' rule (nlargest skips missing starts)
        return shown[shown["start"] >= shown["start"].nlargest(limit).iloc[-1]]
    ticks = starts.view("int64")
    threshold = np.partition(ticks, len(ticks) - limit)[len(ticks) - limit]
    return shown.iloc[np.flatnonzero(ticks >= threshold)]


def frame_bounds(shown: gpd.GeoDataFrame) -> tuple[float, float, float, float] | None:
    """(W, S, E, N) of the located events of a frame (None: none located)."""
    geoms = shown.geometry
    geoms = geoms[~geoms.isna() & ~geoms.is_empty]
    if not len(geoms):
        return None
    w, s, e, n = (float(v) for v in geoms.total_bounds)
    return w, s, e, n


def any_within(shown: gpd.GeoDataFrame, box: tuple[float, float, float, float]) -> bool:
    """Whether any located event of `shown` intersects `box` (W, S, E, N)."""
    import shapely

    geoms = shown.geometry.array
    return bool((~geoms.isna() & geoms.intersects(shapely.box(*box))).any())
