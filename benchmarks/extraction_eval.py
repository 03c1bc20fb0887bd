"""Extraction on real reporting: precision and recall per field on the evaluation set of issue 11.

    python benchmarks/extraction_eval.py [--verbose [--heldout-misses]] [--km 10] [--private DIR]

Runs `sitmap.extract.pipeline.extract_candidates` on every passage of `evaluation/passages.yaml`, once on our
paraphrase (always available) and once on the private original text when `--private` (default
/work/evalset_private) holds `originals.yaml` (never committed). `--verbose` lists the misses of the tune and
dev splits only: rules are designed on those (dev: batches held out until 2026-12-07, then opened), and
the held-out split is read as aggregate figures (its misses with `--heldout-misses`, which spends it).
Each passage is a one-paragraph report dated with its publication date. Figures are printed for the
`tune`, `dev` and `heldout` splits separately, micro-averaged over passages.
The held-out split is also pooled over its batches, and pooled again less the passages
listed in evaluation/spent.yaml (held-out words that reached a rule's design): the cleaner estimate.

Matching rules (one passage at a time):
- place: a candidate's place matches a labelled place when their names fold to the same key
  (`normalise_name`, over the label's resolved name, its `place_aliases` and, for a candidate
  resolved in the gazetteer, the gazetteer's names for it), or when both have coordinates within `--km`
  kilometres (geodesic). Labels without a place (a ship at sea) are left out of place scoring. Places are
  compared as sets of distinct places per passage; mentions are one place when they share a name key (not
  when they lie within `--km`: neighbouring villages are distinct places).
- date: a candidate's period (date..date_end, or the day/week/month/year its precision spans) matches a
  labelled period when the two overlap. Compared as sets of distinct periods per passage.
- (place, date): candidates against labelled events one to one (a maximum matching): both must match.
  Precision = matched candidates / candidates; recall = matched labelled events / labelled events.
- located: (place, date) counting only what would stand at the right spot on the map: a candidate with
  a point, matched one to one like (place, date), where a labelled place with coordinates must lie within
  `--km` of the candidate's point (a name alone does not do) and one without (not in the gazetteer when
  labelled) matches by name. A candidate with no point (a place the gazetteer lacks, kept under its written
  name) counts for (place, date) but not here: this is the field gazetteer coverage moves.
- type: sitmap's event types are mapped onto the label vocabulary (TYPE_MAP); distinct types per passage.
- actor: both sides folded by ACTOR_ALIASES (lower case, first alias that occurs in the string); distinct
  actors per passage.
A candidate that fails every match counts against precision: this is how distractors (aggregates,
background, forecasts, a place that is only a destination) show up.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.extraction_failures import extra_categories, missed_categories  # noqa: E402
from benchmarks.extraction_match import (  # noqa: E402 - the matching rules, public here too
    Place,
    _at_spot,
    _distinct_places,
    as_date,
    candidate_period,
    candidate_place,
    label_place,
    match_place_date,
    one_to_one,
    overlaps,
)
from benchmarks.extraction_ranking import Ranking  # noqa: E402
from sitmap.extract.pipeline import Candidate, extract_candidates  # noqa: E402
from sitmap.extract.places import Gazetteer  # noqa: E402
from sitmap.reference.layers import load_reference  # noqa: E402
from sitmap.store.reports import Paragraph, Report  # noqa: E402

LABELS = ROOT / "evaluation" / "passages.yaml"
# Held-out passages whose words reached a rule's design (a brief's example, a rule narrowed while watching a
# batch's figure): still scored in their batch, left out of the "unspent" pool, the cleaner estimate.
SPENT = ROOT / "evaluation" / "spent.yaml"
PRIVATE = Path("/work/evalset_private")
FIELDS = ("place", "date", "place_date", "located", "type", "actor")

# sitmap event type -> label type (evaluation/README.md): the label set is ACLED-style and coarser.
TYPE_MAP = {
    "raid": "raid",
    "ground_incursion": "raid",
    "patrol": "patrol",
    "airstrike": "airstrike",
    "missile_strike": "shelling_missile_drone",
    "drone_attack": "shelling_missile_drone",
    "shelling": "shelling_missile_drone",
    "attack_on_shipping": "shelling_missile_drone",
    # the labels' convention (evaluation/README.md): "an interception is `other`, interceptor first"
    "interception": "other",
    "armed_clash": "battle",
    "attack_on_civilians": "violence_against_civilians",
    "arrest": "arrest",
    "abduction": "violence_against_civilians",
    "protest": "protest",
    "riot": "protest",
}

# Canonical actor -> words that name it (checked in order, as whole words of the lower-cased text).
ACTOR_ALIASES: dict[str, tuple[str, ...]] = {
    "kataib hezbollah": ("kataib hezbollah", "kata'ib hezbollah", "kataeb hezbollah"),
    "islamic resistance in iraq": ("islamic resistance in iraq",),
    "hezbollah": ("hezbollah", "hizballah", "hizbullah"),
    "houthis": ("houthi", "houthis", "ansar allah"),
    "iran-backed militias": ("iran-backed", "iranian-backed"),
    "iran": ("irgc", "revolutionary guard", "iran", "iranian"),
    "israel": ("israel", "israeli", "idf"),
    "us": ("us", "u.s.", "united states", "american", "americans", "centcom"),
    "uk": ("uk", "british", "united kingdom"),
    "syrian government": ("syrian government", "syrian army", "general security", "syria", "syrian"),
    "jordan": ("jordan", "jordanian"),
    "druze armed groups": ("druze",),
    "unidentified gunmen": ("unidentified", "gunmen", "armed men"),
    "bedouin tribes": ("bedouin", "bedouins", "tribal", "tribes"),
}


@dataclass
class Counts:
    """True/false positives and false negatives for one field."""

    tp_pred: int = 0  # predictions that match something
    n_pred: int = 0
    tp_label: int = 0  # labels that were found
    n_label: int = 0

    def add(self, tp_pred: int, n_pred: int, tp_label: int, n_label: int) -> None:
        self.tp_pred += tp_pred
        self.n_pred += n_pred
        self.tp_label += tp_label
        self.n_label += n_label

    @property
    def precision(self) -> float:
        return self.tp_pred / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp_label / self.n_label if self.n_label else 0.0


@dataclass
class Scores:
    """Counts per field, and the misses for --verbose."""

    fields: dict[str, Counts] = field(default_factory=lambda: {f: Counts() for f in FIELDS})
    notes: list[str] = field(default_factory=list)
    passages: int = 0
    candidates: int = 0
    placed: int = 0  # candidates with a point (a gazetteer place, or an area's): what coverage changes
    missed: Counter[str] = field(default_factory=Counter)  # why labelled events were missed (counts only)
    extra: Counter[str] = field(default_factory=Counter)  # why extra candidates are there (counts only)
    ranking: Ranking = field(default_factory=Ranking)  # does the confidence order them (counts only)


def fold_actor(text: str) -> str:
    """The canonical actor `text` names (first alias found as whole words), else the text lower-cased."""
    low = text.lower()
    for canon, words in ACTOR_ALIASES.items():
        if any(re.search(rf"(?<![\w.]){re.escape(w)}(?![\w])", low) for w in words):
            return canon
    return low.strip()


def score_passage(
    passage: dict, cands: list[Candidate], gaz: Gazetteer, aliases: dict, km: float, s: Scores, text: str = ""
) -> None:
    """Add one passage's matches to `s` (see the module docstring for the rules); `text`, the passage's
    text, lets the failure categories tell a place the text names from one it does not."""
    events = passage["events"]
    pid = passage["id"]
    lplaces = _distinct_places([p for e in events if (p := label_place(e, aliases))])
    cplaces = _distinct_places([p for c in cands if (p := candidate_place(c, gaz))])
    hit_c = sum(any(c.matches(lp, km) for lp in lplaces) for c in cplaces)
    hit_l = sum(any(lp.matches(c, km) for c in cplaces) for lp in lplaces)
    s.fields["place"].add(hit_c, len(cplaces), hit_l, len(lplaces))
    if hit_c < len(cplaces) or hit_l < len(lplaces):
        s.notes.append(f"{pid} place: got {[p.label for p in cplaces]} want {[p.label for p in lplaces]}")

    lperiods = sorted({(as_date(e["date"]["start"]), as_date(e["date"]["end"])) for e in events})
    cperiods = sorted({p for c in cands if (p := candidate_period(c))})
    s.fields["date"].add(
        sum(any(overlaps(c, lp) for lp in lperiods) for c in cperiods),
        len(cperiods),
        sum(any(overlaps(lp, c) for c in cperiods) for lp in lperiods),
        len(lperiods),
    )

    placed = [(e, lp) for e in events if (lp := label_place(e, aliases))]
    hits, used = match_place_date(cands, placed, gaz, km)
    s.ranking.add(cands, placed, gaz, km)
    extra: list[str] = []
    extra_c: list[tuple[Candidate, Place, tuple[date, date]]] = []
    for c, hit in zip(cands, hits, strict=True):
        if hit is False:  # a candidate no labelled event takes: what it says, to see why it is there
            cp, cd = candidate_place(c, gaz), candidate_period(c)
            assert cp is not None and cd is not None
            extra.append(f"{cp.label} {c.date} {c.event_type}")
            extra_c.append((c, cp, cd))
    s.fields["place_date"].add(hits.count(True), len(hits) - hits.count(None), len(used), len(placed))
    if extra or len(used) < len(placed):
        missed = [
            f"{lp.label} {e['date']['start']}..{e['date']['end']}"
            for i, (e, lp) in enumerate(placed)
            if i not in used
        ]
        s.notes.append(f"{pid} place_date: extra {extra} missed {missed}")
    _score_located(cands, placed, gaz, km, s)
    every = [(c, candidate_place(c, gaz), candidate_period(c)) for c in cands]
    s.missed.update(missed_categories(text, placed, used, every, km, set(gaz.by_key) | set(gaz.admin1)))
    s.extra.update(extra_categories(extra_c, placed, passage.get("distractors") or [], km))

    ltypes = {e["type"] for e in events}
    ctypes = {TYPE_MAP.get(c.event_type, "other") for c in cands}
    s.fields["type"].add(len(ctypes & ltypes), len(ctypes), len(ltypes & ctypes), len(ltypes))
    if ctypes != ltypes:
        s.notes.append(f"{pid} type: got {sorted(ctypes)} want {sorted(ltypes)}")

    lactors = {fold_actor(a) for e in events for a in e["actors"]}
    cactors = {fold_actor(a) for c in cands for a in c.actors}
    s.fields["actor"].add(len(cactors & lactors), len(cactors), len(lactors & cactors), len(lactors))
    if cactors != lactors:
        s.notes.append(f"{pid} actor: got {sorted(cactors)} want {sorted(lactors)}")


def _score_located(cands: list[Candidate], placed: list, gaz: Gazetteer, km: float, s: Scores) -> None:
    """The `located` field: (place, date) over the candidates with a point (see the module docstring)."""
    pointed = [
        (c, cp, cd)
        for c in cands
        if c.lat is not None and (cp := candidate_place(c, gaz)) and (cd := candidate_period(c))
    ]
    pairs = one_to_one(pointed, placed, lambda cp, lp: _at_spot(cp, lp, km))
    s.fields["located"].add(len(pairs), len(pointed), len(pairs), len(placed))


def spent_ids() -> set[str]:
    """The held-out passages listed in evaluation/spent.yaml (see `SPENT`)."""
    return {entry["id"] for entry in yaml.safe_load(SPENT.read_text(encoding="utf-8"))["spent"]}


def run(
    texts: str,
    km: float,
    private: Path,
    verbose: bool = False,
    batch: str | None = None,
    heldout_misses: bool = False,
) -> dict[str, dict[str, Counts]]:
    """Score every passage's paraphrase (`texts="paraphrase"`) or private original (`"original"`).

    With `batch`, only the passages labelled with that `batch:` key (e.g. "fresh-2026-12") are scored.
    """
    data = yaml.safe_load(LABELS.read_text(encoding="utf-8"))
    spent = spent_ids()
    aliases = data.get("place_aliases") or {}
    originals: dict[str, str] = {}
    if texts == "original":
        originals = yaml.safe_load((private / "originals.yaml").read_text(encoding="utf-8"))
    reference = load_reference(ROOT / "geodata")
    gaz = Gazetteer.from_reference(reference)
    # Each split, and each labelled batch within it, is scored apart: a batch added later (the fresh blind
    # one) is a cleaner estimate than a split that has gated decisions, and pooling would hide that.
    by_split: dict[str, Scores] = {"tune": Scores(), "dev": Scores(), "heldout": Scores()}
    for passage in data["passages"]:
        if batch is not None and passage.get("batch") != batch:
            continue
        text = passage["paraphrase"] if texts == "paraphrase" else originals.get(passage["id"])
        if not text:
            continue
        paragraph = Paragraph("p1", " ".join(text.split()))  # one paragraph: the original's line breaks go
        report = Report(
            id=f"eval-{passage['id']}", title="evaluation", publisher=passage["publisher"],
            date=str(passage["published"]), url=passage["url"], paragraphs=(paragraph,),
        )  # fmt: skip
        cands = extract_candidates(report, reference, gazetteer=gaz)
        group = passage["split"] if "batch" not in passage else f"{passage['split']}:{passage['batch']}"
        scores = by_split.setdefault(group, Scores())
        scores.passages += 1
        scores.candidates += len(cands)
        scores.placed += sum(c.lat is not None for c in cands)
        score_passage(passage, cands, gaz, aliases, km, scores, text=text)
        pools: tuple[str, ...] = ()
        if passage["split"] == "heldout" and batch is None:
            pools = ("heldout:all batches pooled", "heldout:unspent, pooled")[
                : 1 + (passage["id"] not in spent)
            ]
        elif passage["split"] == "dev" and batch is None:
            pools = ("dev:all batches pooled",)  # what the confidence model was fitted on, with tune
        for pool in pools:
            pooled = by_split.setdefault(pool, Scores())
            pooled.passages += 1
            pooled.candidates += len(cands)
            pooled.placed += sum(c.lat is not None for c in cands)
            score_passage(passage, cands, gaz, aliases, km, pooled, text=text)
    for split, scores in by_split.items():
        if not scores.passages:  # the private copy may hold only some passages (e.g. no tune originals)
            continue
        where = split.replace(":", ", batch ") if "pooled" not in split else split.replace(":", ", ")
        print(
            f"\n{texts} / {where}: {scores.passages} passages, {scores.candidates} candidates"
            f" ({scores.placed} with a point), {km:g} km"
        )
        print(f"{'field':11} {'precision':>9} {'recall':>7} {'pred ok/all':>12} {'labels found/all':>17}")
        for name, c in scores.fields.items():
            print(
                f"{name:11} {c.precision:9.2f} {c.recall:7.2f} {c.tp_pred:5d}/{c.n_pred:<6d}"
                f" {c.tp_label:8d}/{c.n_label:<8d}"
            )
        for title, counts in (("missed", scores.missed), ("extra", scores.extra)):
            if counts:  # counts only: no passage is named, so the held-out split can be read this way too
                print(f"  (place, date) {title}: " + "; ".join(f"{k} {n}" for k, n in counts.most_common()))
        for line in scores.ranking.lines():
            print(line)
        # Held-out misses are not for designing rules.
        if verbose and (not split.startswith("heldout") or heldout_misses):
            print("\n".join(f"  {n}" for n in scores.notes))
    return {split: s.fields for split, s in by_split.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--km", type=float, default=10.0, help="places within this distance match (default 10)"
    )
    parser.add_argument(
        "--private", type=Path, default=PRIVATE, help="folder with originals.yaml (not committed)"
    )
    parser.add_argument("--verbose", "-v", action="store_true", help="list the tune and dev splits' misses")
    parser.add_argument(
        "--heldout-misses", action="store_true", help="with -v, list the held-out misses too (not for tuning)"
    )
    parser.add_argument(
        "--batch", default=None, help="score only the passages with this `batch:` label (e.g. fresh-2026-12)"
    )
    args = parser.parse_args()
    run("paraphrase", args.km, args.private, args.verbose, args.batch, args.heldout_misses)
    if (args.private / "originals.yaml").exists():
        run("original", args.km, args.private, args.verbose, args.batch, args.heldout_misses)
    else:
        print(f"\n(no private originals at {args.private}: scored the paraphrases only)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
