"""Open, query, aggregate, edit→visible and memory of both store backends on a large synthetic store.

    python benchmarks/store_scale.py                 # 100,000 events, embedded only
    python benchmarks/store_scale.py --full          # 100,000 and 1,000,000 (not in CI: minutes, ~6 GB)
    SITMAP_BENCH_DATABASE_URL=postgresql:///db python benchmarks/store_scale.py   # PostGIS too

Events come from `benchmarks/synthetic.py`, written as GeoJSON files split by country and month (at most
`--per-file` events each), as an import would (`--by-year`: by country and year, the earlier layout; an
edit's cost grows with its file's size). Each measurement runs in a fresh Python process, so "open"
is what a newly started app pays and "RSS" is that process's resident memory after the step:

    open cold   first load in a new process with no cache beside the files
    open warm   a load in a new process after a previous process left its cache
    choices     the filter choices and the data extent (what the sidebar needs)
    view        a 30-day window over the whole area (what a slider step asks)
    aggregate   the whole period counted per 1° cell and event type (the low-zoom view)
    edit→vis    one event saved through the store, then read back by the next load (what the map shows)
    follow      PostGIS: one event saved by another connection, then visible in this process's app frame
                (`sitmap.store.postgis_follow`, what the map page holds), and the rows that read
    page        PostGIS: what the map page computes for a browser's first map (facts, header count, the
                layer's scope and payload, the time bar's counts; a large store opens on its latest month),
                the next run's panels (choices, header, the list's first page, the feed, the results'
                bounds), a week's slider step at zoom 9 with the map's bounds known, one at zoom 6, and the
                whole-period view at a low zoom: "old" as main (the next run reads the whole frame, and the
                panels and steps answer from it), "new" in SQL (`sitmap.store.postgis_view`); old and new
                alternate in fresh processes

    python benchmarks/store_scale.py --page-only     # only the page steps, on the database as it is
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TODAY = date(2026, 1, 1)
WINDOW = (date(2024, 6, 1), date(2024, 6, 30))


def features_of(n: int, by_month: bool = True) -> Iterator[tuple[dict[str, Any], str]]:
    """(feature, file name) for each of `n` synthetic events: by country and month, as an ACLED import
    files them (`sitmap.ingest.acled_merge.split_file`), or by country and year (the earlier layout)."""
    from benchmarks.synthetic import synthetic_events

    frame = synthetic_events(n)
    xs, ys = frame.geometry.x.to_numpy(), frame.geometry.y.to_numpy()
    rows = frame.drop(columns=["geometry", "start", "end", "source_file"]).to_dict("records")
    years, months = frame["start"].dt.year.to_numpy(), frame["start"].dt.month.to_numpy()
    for row, x, y, year, month in zip(rows, xs, ys, years, months, strict=True):
        props = {k: v for k, v in row.items() if k not in ("id", "report_id", "report_paragraph", "quote")}
        props = {k: v for k, v in props.items() if v is not None and v == v and v not in ("", [])}
        country = (row["country"] or "none").lower()
        yield (
            {
                "type": "Feature",
                "id": row["id"],
                "geometry": {"type": "Point", "coordinates": [round(float(x), 5), round(float(y), 5)]},
                "properties": props,
            },
            f"{country}/{year}/{country}-{year}-{month:02d}" if by_month else f"{country}/{country}-{year}",
        )


def generate(folder: Path, n: int, per_file: int, by_month: bool = True) -> int:
    """Write the store's files; returns how many."""
    from sitmap.store.geojson_io import dumps_feature_collection

    groups: dict[str, list[dict[str, Any]]] = {}
    for feature, name in features_of(n, by_month):
        groups.setdefault(name, []).append(feature)
    count = 0
    for name, feats in groups.items():
        for part, start in enumerate(range(0, len(feats), per_file)):
            path = folder / f"{name}-{part:03d}.geojson"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(dumps_feature_collection(feats[start : start + per_file]).encode("utf-8"))
            count += 1
    return count


def rss_mb(field: str = "VmRSS") -> float:
    """Resident MB (VmRSS); RssAnon leaves out file pages, such as the memory-mapped snapshot's."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return float("nan")


_CPU: dict[str, float] = {}  # the CPU seconds of the last timed step (the machine may be shared)


def _timed(func: Any) -> tuple[Any, float]:
    t0, c0 = time.perf_counter(), time.process_time()
    out = func()
    _CPU["s"] = time.process_time() - c0
    return out, time.perf_counter() - t0


def measure(backend: str, target: str, step: str) -> dict[str, float]:
    """One step in this (fresh) process: seconds and resident MB."""
    from sitmap.settings import load_settings
    from sitmap.store.interface import EventStore
    from sitmap.view import View, apply_view, data_extent, options

    settings = load_settings(env={})  # the bundled country layer: the swap check runs, as in the app
    store: EventStore
    if backend == "embedded":
        from sitmap.store.embedded import EmbeddedStore

        store = EmbeddedStore(target, settings=settings, today=TODAY)
    else:
        from sitmap.store.postgis import PostgisStore

        store = PostgisStore(target, today=TODAY)
    out: dict[str, float] = {}
    every = View()
    if step == "open":
        frame, out["s"] = _timed(lambda: store.query(every))
        out["rows"] = len(frame)
    elif step == "choices":
        frame = store.query(every)
        _, out["s"] = _timed(lambda: (options(frame), data_extent(frame)))
    elif step == "view":
        store.query(every, limit=1)  # connected and warmed up, as an open map is
        frame, out["s"] = _timed(lambda: store.query(View(start=WINDOW[0], end=WINDOW[1])))
        out["rows"] = len(frame)
    elif step == "aggregate":
        frame = store.query(every)

        def count() -> Any:
            shown = apply_view(frame, every)
            cells = shown.geometry.centroid
            return shown.groupby([cells.x.floordiv(1), cells.y.floordiv(1), shown["event_type"]]).size()

        cells, out["s"] = _timed(count)
        out["rows"] = len(cells)
    elif step == "edit":
        store.query(every)  # the picture the map holds before the edit
        frame = store.query(View(start=WINDOW[0], end=WINDOW[1]), limit=1)
        fid = str(frame["id"].iloc[0])
        feature, version = store.get(fid)
        text = f"Edited by the benchmark at {time.time()}."  # a real change on every run
        feature["properties"]["summary"] = text
        t0, c0 = time.perf_counter(), time.process_time()
        store.save(feature, version, user="bench", why="benchmark edit")
        out["save_s"] = time.perf_counter() - t0
        after = store.query(every)
        out["s"], _CPU["s"] = time.perf_counter() - t0, time.process_time() - c0
        assert after.loc[after["id"] == fid, "summary"].iloc[0] == text
    elif step == "follow":  # PostGIS: another connection saves; this process's app frame follows
        from sitmap.store.postgis import PostgisStore
        from sitmap.store.postgis_follow import FrameFollower

        follower = FrameFollower(store)  # type: ignore[arg-type]
        follower.frame()
        read = follower.rows_read
        with PostgisStore(target, today=TODAY) as other:
            fid = str(other.query(View(start=WINDOW[0], end=WINDOW[1]), limit=1)["id"].iloc[0])
            feature, version = other.get(fid)
            feature["properties"]["summary"] = "Followed by the benchmark."
            t0 = time.perf_counter()
            other.save(feature, version, user="bench", why="benchmark edit")
            after = follower.frame()
            out["s"] = time.perf_counter() - t0
        out["rows"] = follower.rows_read - read
        assert after.loc[after["id"] == fid, "summary"].iloc[0] == "Followed by the benchmark."
    elif step in ("page-old", "page-new"):
        out.update(page_steps(store, step == "page-new"))  # type: ignore[arg-type]
    out["cpu_s"] = _CPU.get("s", float("nan"))
    out["rss_mb"], out["anon_mb"] = rss_mb(), rss_mb("RssAnon")
    return out


BOUNDS = (35.0, 32.0, 37.0, 34.0)  # the map's view once it reports (W, S, E, N), at zoom 9


def page_steps(store: Any, sql: bool) -> dict[str, float]:
    """The map page's work as a browser meets it (without Streamlit: its caches are empty in a new process
    anyway): the first map (in SQL on both sides, as main draws it), the next run (the list's first page,
    the feed, the filter choices, the header, "Zoom to results"), a week's slider step with the map's bounds
    known and the whole-period view at a low zoom. "old" (main): the next run reads the whole frame
    (`FrameFollower`) and answers from it, and so do the steps; "new": every answer in SQL
    (`sitmap.store.postgis_view`)."""
    from datetime import timedelta

    from sitmap.store import postgis_view
    from sitmap.store.postgis_follow import FrameFollower
    from sitmap.ui.map.event_list import PAGE_ROWS
    from sitmap.ui.map.feed import FEED_ROWS
    from sitmap.ui.map.timebar_component import timebar_payload
    from sitmap.ui.state import DataFacts, default_window
    from sitmap.view import View, apply_view, options
    from sitmap.view.order import frame_bounds, newest
    from sitmap.webmap.cells import FrameSource, Scope, scope_of
    from sitmap.webmap.events import event_payload

    store.change_key()  # connected, as the page's store is
    held: dict[str, Any] = {}

    def source(view: View) -> Any:
        if sql:
            return postgis_view.PostgisSource(store, view)
        return FrameSource(apply_view(held["frame"], view.with_(start=None, end=None)))

    def layer(view: View, zoom: int | None, bounds: Any) -> tuple[Scope, int]:
        scope = scope_of(source(view), view, zoom, bounds)
        payload = event_payload(scope.events, view, None, cell_deg=scope.cells, note=scope.note)
        return scope, len(json.dumps(payload))

    def first() -> tuple[View, int]:  # main's first map too (s10-pgview)
        got = postgis_view.facts(store, choices=False)
        assert got.extent is not None
        facts = DataFacts(got.extent, frozenset(), got.options, count=got.count, latest=got.latest)
        view = View(
            **dict(zip(("start", "end"), default_window(facts, facts.count, facts.latest), strict=True))
        )
        postgis_view.count(store, view)
        days = postgis_view.day_counts(store, view)
        assert days is not None
        timebar_payload(days.per_day, days.axis, days.outliers, facts.extent, "window")
        got_layer = scope_of(postgis_view.PostgisSource(store, view), view, None, None)
        payload = event_payload(got_layer.events, view, None, cell_deg=got_layer.cells, note=got_layer.note)
        return view, len(json.dumps(payload))

    (view, first_bytes), out_s = _timed(first)
    out: dict[str, float] = {"first_s": out_s, "first_cpu_s": _CPU["s"], "first_bytes": first_bytes}

    def panels() -> int:
        if sql:
            postgis_view.facts(store, choices=True)
            n = postgis_view.count(store, view)
            postgis_view.rows(store, view, newest=False, offset=0, limit=PAGE_ROWS)
            postgis_view.rows(store, view, newest=True, offset=0, limit=FEED_ROWS)
            postgis_view.bounds(store, view)
            return n
        frame = held["frame"] = FrameFollower(store).frame()
        options(frame)
        shown = apply_view(frame, view)
        shown.iloc[:PAGE_ROWS], newest(shown, FEED_ROWS), frame_bounds(shown)
        return len(shown)

    _, out["next_s"] = _timed(panels)
    out["next_cpu_s"] = _CPU["s"]
    assert view.start is not None and view.end is not None
    week = timedelta(days=7)
    stepped = view.with_(start=view.start - week, end=view.end - week)
    (scope, size), out["step_s"] = _timed(lambda: layer(stepped, 9, BOUNDS))
    out["step_cpu_s"], out["step_bytes"], out["step_rows"] = _CPU["s"], size, len(scope.events)
    low = stepped.with_(start=stepped.start - week, end=stepped.end - week)
    (scope, size), out["low_s"] = _timed(lambda: layer(low, 6, None))
    out["low_bytes"] = size
    (scope, size), out["whole_s"] = _timed(lambda: layer(View(), 6, None))
    out["whole_bytes"] = size
    out["whole_cells"] = 0 if scope.counts is None else len(scope.counts.counts)
    return out


def bench_page(url: str, runs: int = 2) -> None:
    for _ in range(runs):
        for how in ("old", "new"):
            got = run_step("postgis", url, f"page-{how}")
            print(
                f"  postgis page ({how}): first map {got['first_s']:5.2f} s "
                f"({got['first_bytes'] / 1e6:.2f} MB)"
                f" | next run {got['next_s']:6.2f} s (CPU {got['next_cpu_s']:.2f}) | week step at zoom 9 "
                f"{got['step_s']:5.2f} s (CPU {got['step_cpu_s']:.2f} s, {got['step_rows']:,.0f} events, "
                f"{got['step_bytes'] / 1e6:.2f} MB) | step at zoom 6 {got['low_s']:5.2f} s "
                f"({got['low_bytes'] / 1e6:.2f} MB) | whole period {got['whole_s']:5.2f} s "
                f"({got['whole_bytes'] / 1e6:.2f} MB) | RSS {got['rss_mb']:5.0f} MB"
            )


def run_step(backend: str, target: str, step: str) -> dict[str, float]:
    cmd = [sys.executable, __file__, "--step", backend, target, step]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)  # noqa: S603
    if done.returncode:
        sys.exit(f"{backend} {step} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def bench(backend: str, target: str, clear: Any) -> None:
    clear()
    cold = run_step(backend, target, "open")
    warm = run_step(backend, target, "open")
    choices = run_step(backend, target, "choices")
    view = run_step(backend, target, "view")
    agg = run_step(backend, target, "aggregate")
    edit = run_step(backend, target, "edit")
    print(
        f"  {backend:<9} open cold {cold['s']:6.2f} s  warm {warm['s']:6.2f} s ({warm['rss_mb']:5.0f} MB) | "
        f"choices+extent {choices['s']:5.2f} s | view {view['s']:5.2f} s ({view['rows']:,.0f} rows) | "
        f"aggregate {agg['s']:5.2f} s ({agg['rows']:,.0f} cells) | "
        f"edit→visible {edit['s']:6.2f} s (save {edit['save_s']:.2f} s) | "
        f"RSS {edit['rss_mb']:5.0f} MB (anonymous {edit['anon_mb']:5.0f} MB)\n"
        f"  {'':<9} CPU s: open cold {cold['cpu_s']:.2f}, warm {warm['cpu_s']:.2f} | choices+extent "
        f"{choices['cpu_s']:.2f} | view {view['cpu_s']:.2f} | aggregate {agg['cpu_s']:.2f} | "
        f"edit→visible {edit['cpu_s']:.2f}"
    )
    if backend == "postgis":
        bench_page(target)
        follow = run_step(backend, target, "follow")
        print(
            f"  {backend:<9} edit→visible in another process's app frame {follow['s']:6.2f} s "
            f"({follow['rows']:,.0f} rows read) | RSS {follow['rss_mb']:5.0f} MB"
        )


def main() -> None:
    if sys.argv[1:2] == ["--step"]:
        print(json.dumps(measure(*sys.argv[2:5])))
        return
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--full", action="store_true", help="also 1,000,000 events (not in CI)")
    parser.add_argument("--sizes", type=int, nargs="*", help="these numbers of events instead")
    parser.add_argument("--per-file", type=int, default=20_000, help="events per file at most")
    parser.add_argument("--by-year", action="store_true", help="files by country and year, not month")
    parser.add_argument("--folder", type=Path, help="an events folder made earlier (e.g. --keep's) instead")
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it (outside the repo)")
    parser.add_argument(
        "--page-only", action="store_true", help="only the PostGIS page steps, on the database"
    )
    args = parser.parse_args()
    url = os.environ.get("SITMAP_BENCH_DATABASE_URL", "").strip()
    if args.page_only:
        if not url:
            sys.exit("--page-only needs SITMAP_BENCH_DATABASE_URL")
        bench_page(url, runs=3)
        return
    if args.folder or args.keep:
        folder = args.folder or args.keep
        if args.keep:
            folder.mkdir(parents=True, exist_ok=True)
            n = (args.sizes or [100_000])[0]
            print(f"{generate(folder, n, args.per_file, not args.by_year)} files in {folder}")
        print(f"events folder {folder}")
        bench("embedded", str(folder), partial(_clear_cache, folder))
        if url:
            bench("postgis", url, partial(_load_db, url, folder))
        return
    for n in args.sizes or ([100_000, 1_000_000] if args.full else [100_000]):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "events"
            folder.mkdir()
            t0 = time.perf_counter()
            files = generate(folder, n, args.per_file, not args.by_year)
            took = time.perf_counter() - t0
            print(f"{n:,} events in {files} files (generated in {took:.0f} s)")
            bench("embedded", str(folder), partial(_clear_cache, folder))
            if url:
                bench("postgis", url, partial(_load_db, url, folder))


def _clear_cache(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder / ".sitmap", ignore_errors=True)


def _load_db(url: str, folder: Path) -> None:
    from sitmap.store.files import event_files
    from sitmap.store.postgis import PostgisStore
    from sitmap.store.write import read_event_file

    with PostgisStore(url, today=TODAY, init=True) as pg:
        with pg.pool.connection() as conn:
            conn.execute("TRUNCATE events, event_history, event_import_rows CASCADE")

        def pairs() -> Iterator[tuple[dict[str, Any], str]]:
            for path in event_files(folder):
                for feat in read_event_file(path)[0] or ():
                    yield feat, str(path.relative_to(folder))

        pg.import_features(pairs(), user="bench", why="benchmark import", source=str(folder))


if __name__ == "__main__":
    main()
