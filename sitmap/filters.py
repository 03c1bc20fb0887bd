"""Transitional alias of `sitmap.view` (removed once every caller imports from there)."""

from sitmap.view import *  # noqa: F403
from sitmap.view import __all__  # noqa: F401
