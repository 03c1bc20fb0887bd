"""What the user is looking at: the `View`, its one codec (URL, deck JSON, CLI) and filtering by it."""

from sitmap.view.codec import (
    ViewValueError,
    check,
    decode_json,
    decode_text,
    encode_text,
    from_query_params,
    to_query_params,
    view_as_dict,
    view_from_dict,
)
from sitmap.view.fields import LIST_FILTERS, NON_TIME_FILTERS, SPEC, SPECS, ZOOM_MAX, ZOOM_MIN, FieldSpec
from sitmap.view.filtering import apply_view, data_extent, filter_mask, options, time_mask
from sitmap.view.model import DEFAULT_OVERLAYS, KNOWN_BASE_LAYERS, KNOWN_OVERLAYS, PLAYBACK_MODES, View

__all__ = [
    "DEFAULT_OVERLAYS",
    "KNOWN_BASE_LAYERS",
    "KNOWN_OVERLAYS",
    "LIST_FILTERS",
    "NON_TIME_FILTERS",
    "PLAYBACK_MODES",
    "SPEC",
    "SPECS",
    "ZOOM_MAX",
    "ZOOM_MIN",
    "FieldSpec",
    "View",
    "ViewValueError",
    "apply_view",
    "check",
    "data_extent",
    "decode_json",
    "decode_text",
    "encode_text",
    "filter_mask",
    "from_query_params",
    "options",
    "time_mask",
    "to_query_params",
    "view_as_dict",
    "view_from_dict",
]
