"""The admin's users page: the accounts of the users file, added, re-roled, given a password or removed."""

from sitmap.ui.users.page import render

__all__ = ["render"]
