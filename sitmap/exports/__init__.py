"""Exports of the events a View shows: GeoJSON, ACLED CSV, KML, GeoPackage and an offline HTML map."""

from sitmap.exports.formats import (
    FORMATS,
    ExportError,
    default_filename,
    events_to_csv,
    events_to_geojson,
    export_bytes,
    write_export,
)

__all__ = [
    "ExportError",
    "FORMATS",
    "default_filename",
    "events_to_csv",
    "events_to_geojson",
    "export_bytes",
    "write_export",
]
