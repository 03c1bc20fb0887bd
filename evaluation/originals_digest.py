"""Fingerprints of the private original texts, so a rebuilt copy can be checked against the one scored.

    python evaluation/originals_digest.py            # compare /work/evalset_private/originals.yaml
    python evaluation/originals_digest.py --record   # record the digests of the ids not yet recorded

The originals are not committed (their sentences are not ours) and live only on the machine that gathered
them; when that machine went (2026-12-07) they had to be gathered again from the stored pages, and nothing
said whether the new copy was the text the labels and the published figures came from. A SHA-256 of each
text (whitespace folded, as the scorer reads it) says that without holding any of the text.
`evaluation/originals.sha256` lists `<digest>  <id>` lines; `--record` only adds ids, never rewrites one.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "evaluation" / "passages.yaml"
DIGESTS = ROOT / "evaluation" / "originals.sha256"
PRIVATE = Path("/work/evalset_private/originals.yaml")


def digest(text: str) -> str:
    """SHA-256 of the text with its whitespace folded to single spaces (what the scorer reads)."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def read_digests(path: Path = DIGESTS) -> dict[str, str]:
    """id -> digest from `path` (`<digest>  <id>` per line); {} when there is no file."""
    if not path.exists():
        return {}
    out: dict[str, str] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            value, _, pid = line.partition("  ")
            if len(value) != 64 or not pid:
                raise ValueError(f"{path}:{n}: expected '<sha256>  <id>', got {line!r}")
            out[pid] = value
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--private", type=Path, default=PRIVATE, help="the private originals.yaml")
    parser.add_argument("--record", action="store_true", help="add the digests of ids not yet recorded")
    args = parser.parse_args()
    texts: dict[str, str] = yaml.safe_load(args.private.read_text(encoding="utf-8")) or {}
    words = {p["id"]: p["words"] for p in yaml.safe_load(LABELS.read_text(encoding="utf-8"))["passages"]}
    known = read_digests()
    same = [i for i, t in texts.items() if known.get(i) == digest(t)]
    other = [i for i, t in texts.items() if i in known and known[i] != digest(t)]
    new = [i for i in texts if i not in known]
    off = [i for i, t in texts.items() if i in words and len(t.split()) != words[i]]
    print(f"{len(texts)} texts: {len(same)} as recorded, {len(other)} differ, {len(new)} not recorded")
    print(f"word count other than the label's `words`: {len(off)} {sorted(off)}")
    print(f"passages with no text here: {sorted(set(words) - set(texts))}")
    if other:
        print(f"differ from the recorded text: {sorted(other)}")
    if args.record and new:
        lines = [f"{v}  {k}" for k, v in known.items()] + [f"{digest(texts[i])}  {i}" for i in new]
        DIGESTS.write_text("\n".join(sorted(lines, key=lambda x: int(x.rsplit("  p", 1)[1]))) + "\n")
        print(f"recorded {len(new)} digests in {DIGESTS.relative_to(ROOT)}")
    return 1 if other else 0


if __name__ == "__main__":
    sys.exit(main())
