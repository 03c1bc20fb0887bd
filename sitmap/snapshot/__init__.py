"""Map snapshots (PNG, SVG, PDF) drawn with matplotlib: legend, scale bar, north arrow, sources."""

from sitmap.snapshot.render import (
    FORMATS,
    SnapshotError,
    bbox_around,
    build_snapshot,
    render_snapshot,
    snapshot_bytes,
)

__all__ = ["FORMATS", "SnapshotError", "bbox_around", "build_snapshot", "render_snapshot", "snapshot_bytes"]
