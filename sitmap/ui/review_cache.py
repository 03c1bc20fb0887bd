"""The review page's caches, each with the reason it exists (keys: report text, geodata fingerprint).

They sit beside `sitmap.ui.cache` (the dashboard's caches) and use its fingerprints and reference loader.
"""

from __future__ import annotations

import hashlib

import streamlit as st

from sitmap.extract import Candidate, extract_candidates
from sitmap.extract_places import Gazetteer
from sitmap.reports import Report, render_report
from sitmap.settings import Settings
from sitmap.ui import cache
from sitmap.ui.review_logic import place_index


# Why cache_data: extraction reads every sentence against the gazetteer (~0.2 s for a short report) and
# would otherwise run on every click. Keyed on the report's full text and the geodata fingerprint; the
# copy cache_data returns on each hit is what lets the page mutate candidates without touching the cache.
@st.cache_data(max_entries=16, show_spinner="Reading the report…")
def _cached_candidates(
    digest: str, geodata_dir: str, geo_fp: cache.Fingerprint, _report: Report
) -> list[Candidate]:
    return extract_candidates(_report, None, gazetteer=_cached_gazetteer(geodata_dir, geo_fp))


# Why cache_resource: the gazetteer's lookup tables and the place-search index are built from the
# reference layers once per geodata fingerprint and only read afterwards (shared by every session).
@st.cache_resource(max_entries=2, show_spinner=False)
def _cached_gazetteer(geodata_dir: str, geo_fp: cache.Fingerprint) -> Gazetteer:
    return Gazetteer.from_reference(cache.cached_reference(geodata_dir, geo_fp))


@st.cache_resource(max_entries=2, show_spinner=False)
def _cached_place_index(geodata_dir: str, geo_fp: cache.Fingerprint) -> list:
    return place_index(getattr(cache.cached_reference(geodata_dir, geo_fp), "places", None))


def candidates_for(report: Report, settings: Settings) -> list[Candidate]:
    """The report's candidates (a fresh copy on every call)."""
    digest = hashlib.sha256((report.id + "\n" + render_report(report)).encode("utf-8")).hexdigest()
    geo = str(settings.geodata_dir)
    return _cached_candidates(digest, geo, cache.fingerprint(geo), report)


def place_search_index(settings: Settings) -> list:
    """The gazetteer as `review_logic.search_places` reads it."""
    geo = str(settings.geodata_dir)
    return _cached_place_index(geo, cache.fingerprint(geo))
