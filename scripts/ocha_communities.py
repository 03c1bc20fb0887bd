"""Read OCHA's Syria P-code list (the common operational dataset's workbook, e.g. ``syr_admin_180627.xlsx``):
its admin-4 sheet lists every community (town, village, farm) with English and Arabic names and a point.

The workbook is read with the standard library (an .xlsx is a zip of XML sheets), so the build needs no
spreadsheet package. Used by ``scripts/build_gazetteer.py --communities``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pandas as pd

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
SHEET = "admin4"  # the sheet of communities
# The columns read, as the workbook names them, and the names the build uses.
COLUMNS = {
    "admin4Pcode": "pcode",
    "admin4Name_en": "name",
    "admin4RefName_en": "ref_name",
    "admin4Name_ar": "name_ar",
    "admin1Name_en": "admin1_source",
    "IsAdmin1Capital": "is_capital",
    "Latitude_y": "lat",
    "Longitude_x": "lon",
}


class WorkbookError(ValueError):
    """The workbook lacks the admin-4 sheet or a column, or a row has no usable point."""


def _shared_strings(book: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in book.namelist():
        return []
    root = ET.fromstring(book.read("xl/sharedStrings.xml"))
    return ["".join(t.text or "" for t in si.iter(f"{_NS}t")) for si in root.iter(f"{_NS}si")]


def _sheet_path(book: zipfile.ZipFile, name: str, path: Path) -> str:
    """The zip member of the sheet called `name` (workbook.xml names it, its relations file locates it)."""
    workbook = ET.fromstring(book.read("xl/workbook.xml"))
    rels = ET.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    for sheet in workbook.iter(f"{_NS}sheet"):
        if sheet.get("name") == name:
            target = targets[sheet.get(_REL)].lstrip("/")
            return target if target.startswith("xl/") else f"xl/{target}"
    raise WorkbookError(f"{path}: no sheet named {name!r}")


def _column(ref: str) -> int:
    """Zero-based column of a cell reference ("C12" -> 2)."""
    letters = re.match(r"[A-Z]+", ref)
    n = 0
    for ch in letters.group(0) if letters else "A":
        n = n * 26 + ord(ch) - 64
    return n - 1


def _rows(book: zipfile.ZipFile, member: str, strings: list[str]) -> list[list[str]]:
    out: list[list[str]] = []
    for row in ET.fromstring(book.read(member)).iter(f"{_NS}row"):
        cells: dict[int, str] = {}
        for c in row.iter(f"{_NS}c"):
            kind, v = c.get("t"), c.find(f"{_NS}v")
            if kind == "s" and v is not None:
                text = strings[int(v.text or 0)]
            elif kind == "inlineStr":
                text = "".join(t.text or "" for t in c.iter(f"{_NS}t"))
            else:
                text = v.text or "" if v is not None else ""
            cells[_column(c.get("r", "A1"))] = text
        out.append([cells.get(i, "") for i in range(max(cells, default=-1) + 1)])
    return out


def read_communities(path: Path) -> pd.DataFrame:
    """One row per community: pcode, name, ref_name, name_ar, admin1_source, is_capital, lat, lon."""
    with zipfile.ZipFile(path) as book:
        rows = _rows(book, _sheet_path(book, SHEET, path), _shared_strings(book))
    header, body = rows[0], rows[1:]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise WorkbookError(f"{path}: sheet {SHEET!r} lacks column(s) {', '.join(missing)}")
    at = {c: header.index(c) for c in COLUMNS}
    records = []
    for i, row in enumerate(body, start=2):
        row = row + [""] * (len(header) - len(row))
        if not row[at["admin4Pcode"]].strip():
            continue  # blank or note rows below the table
        rec: dict[str, object] = {new: row[at[old]].strip() for old, new in COLUMNS.items()}
        try:
            rec["lat"], rec["lon"] = float(row[at["Latitude_y"]]), float(row[at["Longitude_x"]])
        except ValueError:
            raise WorkbookError(
                f"{path}: sheet {SHEET!r} row {i} ({rec['pcode']} {rec['name']!r}): Latitude_y/Longitude_x"
                f" {row[at['Latitude_y']]!r}/{row[at['Longitude_x']]!r} is not a number"
            ) from None
        records.append(rec)
    return pd.DataFrame.from_records(records, columns=list(COLUMNS.values()))
