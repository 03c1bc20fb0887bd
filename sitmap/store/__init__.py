"""The event store: GeoJSON files under `events/` (read strictly; written atomically, version-checked) and the
reports beside them."""

from sitmap.store.atomic import atomic_write_bytes
from sitmap.store.load import (
    EVENT_COLUMNS,
    SKIPPED_DIRS,
    Store,
    StoreError,
    event_files,
    load_store,
    validate_paths,
)
from sitmap.store.reports import (
    Paragraph,
    Report,
    ReportError,
    find_quote,
    load_report,
    parse_report,
    read_reports,
)
from sitmap.store.write import (
    ConflictError,
    EventNotFoundError,
    FileVersion,
    ValidationError,
    delete_event,
    read_event_file,
    save_features,
    upsert_event,
    validate_features,
)

__all__ = [
    "ConflictError",
    "EVENT_COLUMNS",
    "EventNotFoundError",
    "FileVersion",
    "Paragraph",
    "Report",
    "ReportError",
    "SKIPPED_DIRS",
    "Store",
    "StoreError",
    "ValidationError",
    "atomic_write_bytes",
    "delete_event",
    "event_files",
    "find_quote",
    "load_report",
    "load_store",
    "parse_report",
    "read_event_file",
    "read_reports",
    "save_features",
    "upsert_event",
    "validate_features",
    "validate_paths",
]
