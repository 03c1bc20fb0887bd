"""The web map's count discs (`sitmapCommon.mergeTouching` in js/common.js), run by node on random screens:
after merging no two discs touch, every event is in exactly one count, and a disc that touched nothing is
left where it was (the snapshot's rule, `sitmap.snapshot.clusters.merge_touching`)."""

from __future__ import annotations

import json
import math
import subprocess
from pathlib import Path

import numpy as np

from sitmap.webmap.js import COMMON_JS
from tests.tools import needs_tool

needs_node = needs_tool("node", "apt-get install nodejs")  # node runs the map's own code

GAP = 1.0


def reach(n: int) -> float:
    return min(17.0, 8 + 3 * math.log10(n + 1)) + 0.75  # discs.js: discRadius(n) + half the ring


def _cases(seed: int = 7, count: int = 150) -> list[list[dict]]:
    rng = np.random.default_rng(seed)
    cases = []
    for c in range(count):
        size = int(rng.integers(1, 120))
        spread = float(rng.choice([60, 200, 600]))  # crowded to sparse screens
        xy = rng.uniform(0, spread, (size, 2))
        if c % 5 == 0:  # a front: discs along a line, each touching the next
            xy = np.column_stack([np.arange(size) * 30.0, np.full(size, 100.0)])
        n = rng.integers(2, 3000, size)
        cases.append(
            [
                {"id": k, "sx": float(x), "sy": float(y), "n": int(m)}
                for k, ((x, y), m) in enumerate(zip(xy.tolist(), n.tolist(), strict=True))
            ]
        )
    return cases


@needs_node
def test_merged_discs_never_touch_and_keep_every_event_once(tmp_path: Path) -> None:
    cases = _cases()
    script = tmp_path / "discs.js"
    script.write_text(
        "var window = {}, L = { CircleMarker: { extend: function () { return function () {}; } } };\n"
        + COMMON_JS
        + "\nvar C = window.sitmapCommon, cases = "
        + json.dumps(cases)
        + """;
function reach(n) { return Math.min(17, 8 + 3 * Math.log10(n + 1)) + 0.75; }
function merge(a, b) {
  var n = a.n + b.n;
  return { n: n, sx: (a.sx * a.n + b.sx * b.n) / n, sy: (a.sy * a.n + b.sy * b.n) / n,
           members: (a.members || [a.id]).concat(b.members || [b.id]) };
}
process.stdout.write(JSON.stringify(cases.map(function (discs) {
  return C.mergeTouching(discs, reach, """
        + str(GAP)
        + """, merge).map(function (d) {
    return { sx: d.sx, sy: d.sy, n: d.n, members: d.members || [d.id] };
  });
})));
""",
        encoding="utf-8",
    )
    out = json.loads(subprocess.run(["node", str(script)], capture_output=True, text=True, check=True).stdout)
    fronts_kept_apart = 0
    for discs, merged in zip(cases, out, strict=True):
        members = sorted(k for d in merged for k in d["members"])
        assert members == list(range(len(discs)))  # each disc's events in exactly one count
        assert sum(d["n"] for d in merged) == sum(d["n"] for d in discs)
        for a in range(len(merged)):
            for b in range(a + 1, len(merged)):
                p, q = merged[a], merged[b]
                gap = math.hypot(p["sx"] - q["sx"], p["sy"] - q["sy"]) - reach(p["n"]) - reach(q["n"])
                assert gap >= GAP - 1e-9, (p, q)
        for d in merged:  # a disc left alone is exactly the disc it was
            if len(d["members"]) == 1:
                original = discs[d["members"][0]]
                assert (d["sx"], d["sy"], d["n"]) == (original["sx"], original["sy"], original["n"])
        fronts_kept_apart += len(discs) > 10 and discs[1]["sx"] - discs[0]["sx"] == 30.0 and len(merged) > 1
    assert fronts_kept_apart > 0  # a long front is merged locally, not into one disc
