"""The selected event's stated distances, each checked against its geometry (`sitmap.extract.claims`).

One line per claim: "stated ≈ 16 km · computed 9–17 km to the Area of Separation; 14–22 km to Line A ·
consistent", coloured and iconed by status so consistent and inconsistent read apart at a glance (colour
alone is not enough on a projector or for colour-blind readers), with the report's own words under it.
Labels and quoted text are escaped (`text.md_escape`).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from sitmap.extract.claims import ClaimCheck, check_distance_claims
from sitmap.reference.layers import Reference
from sitmap.ui.text import md_escape

# status -> (Streamlit colour, Material icon); anything else (unchecked) is grey.
STYLES = {
    "consistent": ("green", ":material/check_circle:"),
    "ambiguous": ("orange", ":material/help:"),
    "inconsistent": ("red", ":material/error:"),
}
_OTHER = ("gray", ":material/remove_circle_outline:")


def checks(row: pd.Series, reference: Reference | None) -> list[ClaimCheck]:
    """The event's claim checks; empty without claims or without the reference layers."""
    claims = row.get("claims")
    if reference is None or not isinstance(claims, list) or not claims:
        return []
    try:
        return check_distance_claims(row, None, reference)
    except (KeyError, TypeError, ValueError):  # a malformed claim never breaks the panel
        return []


def line(check: ClaimCheck) -> str:
    """The check as one line of Markdown: icon and label in the status colour, all data escaped."""
    colour, icon = STYLES.get(check.status, _OTHER)
    return f":{colour}[{icon} {md_escape(check.label())}]"


def render(row: pd.Series, reference: Reference | None) -> None:
    """The event's distance claims and their checks (nothing when it states none)."""
    found = checks(row, reference)
    if not found:
        return
    with st.container(key="claim_checks"):
        for check in found:
            said = check.claim.get("text")
            st.caption(line(check) + (f"  \nThe report: “{md_escape(said)}”" if said else ""))
