"""Reference geodata (`geodata/`): the Area of Separation, lines, bands, admin areas, and the gazetteer.

`normalise_name` is the one place-name normaliser and `Gazetteer` the one index (`lookup`, `search`).
"""

from sitmap.reference.gazetteer import Gazetteer, PlaceMention, km_between
from sitmap.reference.layers import (
    LAYER_FILES,
    ZONE_IDS,
    GeodataError,
    Reference,
    load_reference,
)
from sitmap.reference.names import normalise_name

__all__ = [
    "Gazetteer",
    "GeodataError",
    "LAYER_FILES",
    "PlaceMention",
    "Reference",
    "ZONE_IDS",
    "km_between",
    "load_reference",
    "normalise_name",
]
