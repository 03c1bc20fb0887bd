"""Synthetic ACLED-like events for benchmarks: N events over the region as a store-shaped GeoDataFrame.

Realistic spread rather than uniform noise: clusters around the Golan, the Lebanon border, Gaza, Syria,
Iraq, Yemen and the Red Sea; mixed location and date precision; dates over about two years. Deterministic
for a given seed.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from sitmap.vocabulary import EVENT_TYPES

# (name, lat, lon, spread in degrees, weight, country, admin1, typical types)
CLUSTERS = (
    ("golan", 33.10, 35.88, 0.12, 0.16, "Syria", "Quneitra", ("raid", "patrol", "ground_incursion")),
    ("lebanon-border", 33.20, 35.45, 0.18, 0.18, "Lebanon", "South Lebanon", ("airstrike", "shelling")),
    ("gaza", 31.45, 34.40, 0.10, 0.14, "Palestine", "Gaza", ("airstrike", "shelling", "armed_clash")),
    ("syria", 35.00, 38.50, 1.40, 0.12, "Syria", "Homs", ("airstrike", "armed_clash", "drone_attack")),
    ("iraq", 33.30, 43.80, 1.10, 0.14, "Iraq", "Anbar", ("drone_attack", "missile_strike", "airstrike")),
    ("yemen", 15.40, 44.20, 0.90, 0.12, "Yemen", "Sanaa", ("airstrike", "missile_strike")),
    ("red-sea", 15.50, 41.20, 1.50, 0.10, "Yemen", None, ("attack_on_shipping", "drone_attack")),
    ("iran", 32.50, 53.00, 3.00, 0.04, "Iran", "Tehran", ("airstrike", "deployment", "arms_transfer")),
)
ACTORS = (
    "Israel Defense Forces",
    "Hezbollah",
    "Hamas",
    "Houthis (Ansar Allah)",
    "Islamic Resistance in Iraq",
    "US forces",
    "Syrian transitional government",
    "Iran",
)
WORDS = (
    "reported",
    "strike",
    "near",
    "village",
    "convoy",
    "position",
    "local",
    "sources",
    "forces",
    "claimed",
    "targeted",
    "military",
    "area",
    "overnight",
    "unit",
    "base",
    "road",
    "outskirts",
    "struck",
    "said",
)


def synthetic_events(n: int, seed: int = 7, start: str = "2023-10-01", days: int = 730) -> gpd.GeoDataFrame:
    """`n` events with the columns of `Store.events` (docs/architecture.md)."""
    rng = np.random.default_rng(seed)
    weights = np.array([c[4] for c in CLUSTERS])
    which = rng.choice(len(CLUSTERS), size=n, p=weights / weights.sum())
    lat = np.array([CLUSTERS[k][1] for k in which]) + rng.normal(0, 1, n) * [CLUSTERS[k][3] for k in which]
    lon = np.array([CLUSTERS[k][2] for k in which]) + rng.normal(0, 1, n) * [CLUSTERS[k][3] for k in which]
    types = [
        CLUSTERS[k][7][rng.integers(len(CLUSTERS[k][7]))]
        if rng.random() < 0.85
        else list(EVENT_TYPES)[rng.integers(len(EVENT_TYPES))]
        for k in which
    ]
    geo = rng.choice(["exact", "near", "region", "country"], size=n, p=[0.3, 0.5, 0.12, 0.08])
    unc = np.select([geo == "exact", geo == "near", geo == "region"], [500.0, 5000.0, 50000.0], 300000.0)
    tprec = rng.choice(["day", "week", "month", "year"], size=n, p=[0.8, 0.08, 0.1, 0.02])
    day0 = pd.Timestamp(start) + pd.to_timedelta(rng.integers(0, days, n), unit="D")
    first = pd.Series(day0)
    first = first.where(tprec != "week", first - pd.to_timedelta(first.dt.day_of_week, unit="D"))
    first = first.where(tprec != "month", first.dt.to_period("M").dt.start_time)
    first = first.where(tprec != "year", first.dt.to_period("Y").dt.start_time)
    last = first.copy()
    last = last.where(tprec != "week", first + pd.Timedelta(days=6))
    last = last.where(tprec != "month", first.dt.to_period("M").dt.end_time.dt.normalize())
    last = last.where(tprec != "year", first.dt.to_period("Y").dt.end_time.dt.normalize())
    date = np.where(tprec == "month", first.dt.strftime("%Y-%m"), first.dt.strftime("%Y-%m-%d"))
    date = np.where(tprec == "year", first.dt.strftime("%Y"), date)
    word_idx = rng.integers(0, len(WORDS), size=(n, 22))
    summaries = [" ".join(WORDS[j] for j in row).capitalize() + "." for row in word_idx]
    frame = pd.DataFrame(
        {
            "id": [f"syn-{i:06d}" for i in range(n)],
            "date": date,
            "date_end": None,
            "time_precision": tprec,
            "start": first.to_numpy(),
            "end": last.to_numpy(),
            "event_type": types,
            "actors": [[ACTORS[rng.integers(len(ACTORS))]] for _ in range(n)],
            "country": [CLUSTERS[k][5] for k in which],
            "admin1": [CLUSTERS[k][6] for k in which],
            "location": [f"{CLUSTERS[k][0]} site {i % 500}" for i, k in enumerate(which)],
            "geo_precision": geo,
            "uncertainty_m": unc,
            "claim_status": rng.choice(
                ["confirmed", "reported", "claimed", "assessed"], size=n, p=[0.35, 0.4, 0.2, 0.05]
            ),
            "summary": summaries,
            "report_id": "synthetic",
            "report_paragraph": "p1",
            "quote": "",
            "sources": [[] for _ in range(n)],
            "tags": [[] for _ in range(n)],
            "source_file": "synthetic.geojson",
        }
    )
    return gpd.GeoDataFrame(frame, geometry=shapely.points(lon, lat), crs="EPSG:4326")
