"""Reports and datasets in: text, Markdown and saved HTML reports; ACLED exports."""

from sitmap.ingest.acled import map_event_type, read_acled_csv
from sitmap.ingest.acled_merge import import_acled
from sitmap.ingest.text import IngestError, build_report, detect_format, ingest_report, report_id_for

__all__ = [
    "IngestError",
    "build_report",
    "detect_format",
    "import_acled",
    "ingest_report",
    "map_event_type",
    "read_acled_csv",
    "report_id_for",
]
