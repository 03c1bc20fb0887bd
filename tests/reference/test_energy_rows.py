"""geodata/features_curated.csv's energy rows (issue 11, s16): a refinery, terminal or depot is a kind of
its own, and every hand-kept row says where its point comes from."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from tests.reference.build_scripts import build_script

ROOT = Path(__file__).resolve().parents[2]
hand_features = build_script("hand_features")


def test_a_refinery_row_is_read_as_an_energy_site(tmp_path):
    path = tmp_path / "features_curated.csv"
    path.write_text(
        "id,name,alt_names,name_ar,country,kind,lat,lon,uncertainty_m,source\n"
        "x,X refinery,X oil refinery,,Iran,energy_site,30.3,48.3,2000,a page\n"
    )
    (row,) = hand_features.read_hand_features(path)
    assert (row["kind"], row["name"]) == ("energy_site", "X refinery")


def test_every_hand_kept_row_cites_a_page_and_an_estimate_says_its_uncertainty():
    with open(ROOT / "geodata" / "features_curated.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["id"] for r in rows if not re.search(r"https?://", r["source"])] == []
    estimates = [r for r in rows if r["source"].startswith("Estimate")]
    assert estimates and [r["id"] for r in estimates if "±" not in r["source"]] == []
