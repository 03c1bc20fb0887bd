"""The review page's two grids at 1600 px: the candidate list and the selected candidate's evidence.

The list is 770 px wide at 1600 px, the evidence (in the form's box and expander) 703 px (measured in
Chromium). Each column is as wide as
its longest text up to its own cap, and the caps add up to what fits, so no column is pushed off screen
whatever a report calls a place or however long a rule's reason is. Rows taller than 4rem let the grid wrap
a longer text onto more lines instead of cutting it (Streamlit wraps cell text only in rows over 64 px).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from sitmap.ui.map.cell_widths import column_config

GRID_AT_1600_PX = 770
EVIDENCE_AT_1600_PX = 700  # less a vertical scroll bar's few px
ROW_SELECT_PX = 32  # the list's row-selection column

# The list: the paragraph, the id and the confidence are in the picker and the form; the doubt, free
# text, comes last and takes what is left.
LIST_COLUMNS = ("status", "type", "date", "place", "actors", "doubt")
LIST_CAPS = {"status": 90, "type": 120, "date": 120, "place": 160, "actors": 160}  # 650: 88 px for the doubt

# The evidence: the teller or the text a rule read before its reason, the longest free text.
EVIDENCE_COLUMNS = ("field", "value", "confidence", "text", "reason")
EVIDENCE_CAPS = {"field": 100, "value": 170, "confidence": 80, "text": 140, "reason": 200}
ROW_PX = 88  # four lines of wrapped text (a long place said to be unresolved took four at 190 px)


def list_config(table: pd.DataFrame) -> dict[str, Any]:
    """The candidate list's column_config (`LIST_CAPS`)."""
    return column_config(table[list(LIST_COLUMNS)], skip=("doubt",), caps=LIST_CAPS)


def evidence_config(evidence: pd.DataFrame) -> dict[str, Any]:
    """The evidence table's column_config (`EVIDENCE_CAPS`)."""
    return column_config(evidence[list(EVIDENCE_COLUMNS)], skip=(), caps=EVIDENCE_CAPS)
