"""How map data is best embedded in a script: an object literal (`to_js_json`) or `JSON.parse("...")`
(`to_js_data`). Prints, per data set, the Python time to encode it and node's time to evaluate it.

    python benchmarks/js_data.py [--sizes 10000,100000]

Node (V8, as in Chromium) evaluates each script five times with a different trailing comment, so its
compilation cache never answers; the best time is printed. Never used by the tests.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import synthetic_events  # noqa: E402
from sitmap.reference.layers import load_reference  # noqa: E402
from sitmap.view import View  # noqa: E402
from sitmap.webmap.events import event_payload  # noqa: E402
from sitmap.webmap.layers import to_js_data, to_js_json  # noqa: E402

_NODE = """const src = %s;
let best = 1e9;
for (let i = 0; i < 5; i++) {
  const t = performance.now(); (0, eval)(src + "//" + i); best = Math.min(best, performance.now() - t);
}
console.log(best.toFixed(1));"""


def node_eval_ms(expression: str) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "eval.js"
        script.write_text(_NODE % json.dumps(f"var data = {expression};"), encoding="utf-8")
        done = subprocess.run(["node", str(script)], capture_output=True, text=True, check=True)
    return float(done.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000", help="event counts for the events payload")
    args = ap.parse_args()
    reference = load_reference(ROOT / "geodata")
    sets = [
        (f"{name} GeoJSON", json.loads((ROOT / "geodata" / f"{name}.geojson").read_text()))
        for name in ("admin1", "countries")
    ]
    for n in (int(s) for s in args.sizes.split(",")):
        sets.append((f"events payload, {n}", event_payload(synthetic_events(n), View(), reference)))
    print(f"{'data':<24} {'encoder':<11} {'KB':>8} {'python ms':>10} {'node eval ms':>13}")
    for name, value in sets:
        for encode in (to_js_json, to_js_data):
            t = time.perf_counter()
            text = encode(value)
            python_ms = (time.perf_counter() - t) * 1000
            size_kb, eval_ms = len(text) / 1000, node_eval_ms(text)
            print(
                f"{name:<24} {encode.__name__:<11} {size_kb:8.0f} {python_ms:10.1f} {eval_ms:13.1f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
