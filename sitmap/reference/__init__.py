"""Reference geodata (`geodata/`): the Area of Separation, lines, bands, admin areas, and the gazetteer."""

from sitmap.reference.gazetteer import Gazetteer, PlaceMention
from sitmap.reference.layers import (
    LAYER_FILES,
    ZONE_IDS,
    GeodataError,
    Reference,
    load_reference,
    normalise_place_name,
)

__all__ = [
    "Gazetteer",
    "GeodataError",
    "LAYER_FILES",
    "PlaceMention",
    "Reference",
    "ZONE_IDS",
    "load_reference",
    "normalise_place_name",
]
