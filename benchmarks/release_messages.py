"""What one time step costs on the wire at 10k events: websocket bytes per step and release → settled, sitmap
beside the naive anchor app, in a real browser, interleaved.

    python benchmarks/release_messages.py --naive /work/shared/anchors/naive_app.py --events 10000 --rounds 8
    python benchmarks/release_messages.py --naive PATH --before /tmp/sitmap-old   # + another checkout
    python benchmarks/release_messages.py --naive - --events 10000 --detail       # sitmap only, per message

One Chromium (`/usr/bin/chromium`, headless), one fresh browser context per app, the same synthetic store
(`app_e2e.write_events`), a 30-day window 90 days before the data's end. Each round steps every app once
(interleaved, so both see the same load on a shared machine):
- sitmap: one step of the browser time bar (a key on its canvas: a "release"), timed from the bar telling
  Python (after its debounce) to the page settled (URL holds the new window, nothing stale, no running
  indicator, still so 500 ms later; `timebar_bench.sitmap_round`);
- slider apps (the naive one, `--before`): an ArrowRight/Left on the window slider to the page settled;
- bytes: every websocket frame, received and sent, from the step to the settled page (`page.on('websocket')`);
- server CPU: the app server process's user + system CPU time (`/proc/<pid>/stat`) over the same round: what
  the step cost the server, whatever else the machine was doing (the wall-clock figures are not).
  Received frames are Streamlit `ForwardMsg`s: `--detail` decodes them and prints, per app, the median
  bytes per step by what carried them (component arguments by component, each element and block by its
  place on the page and its label or key, references to a message the browser already holds, ...), so a
  saving can be aimed at what really goes over the wire.

Prints medians (and max) per app; timings depend on the machine, bytes do not (besides the data). Never used
by the tests.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from app_e2e import start_sides, stop_server  # noqa: E402
from timebar_bench import (  # noqa: E402
    _attempt,
    _route,
    open_sitmap,
    open_slider_app,
    sitmap_round,
    slider_round,
)

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds the process has used (Linux `/proc/<pid>/stat`)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class RecordingPages:
    """Fresh browser contexts (remote requests served locally or refused, as `timebar_bench.Pages`) whose
    websocket frames are counted (`page.ws_bytes`) and kept (`page.ws_frames`: received payloads)."""

    def __init__(self, browser) -> None:
        self.browser = browser

    def new(self):
        ctx = self.browser.new_context(viewport={"width": 1500, "height": 1000})
        ctx.route("http*://**/*", _route)
        page = ctx.new_page()
        page.ws_bytes = [0]  # type: ignore[attr-defined]
        page.ws_frames = []  # type: ignore[attr-defined]

        def on_ws(ws) -> None:
            def received(payload: bytes | str) -> None:
                page.ws_bytes[0] += len(payload)  # type: ignore[attr-defined]
                page.ws_frames.append(payload)  # type: ignore[attr-defined]

            def sent(payload: bytes | str) -> None:
                page.ws_bytes[0] += len(payload)  # type: ignore[attr-defined]

            ws.on("framereceived", received)
            ws.on("framesent", sent)

        page.on("websocket", on_ws)
        return page


def carriers(payloads: list[bytes | str]) -> dict[str, int]:
    """Bytes of received frames by what carried them (a decoded `ForwardMsg` each)."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    out: dict[str, int] = defaultdict(int)
    for payload in payloads:
        if isinstance(payload, str):
            out["text frame"] += len(payload)
            continue
        msg = ForwardMsg()
        try:
            msg.ParseFromString(payload)
        except Exception:  # noqa: BLE001 - not a ForwardMsg: counted as such
            out["undecoded"] += len(payload)
            continue
        kind = msg.WhichOneof("type") or "?"
        if kind == "delta":
            delta = msg.delta.WhichOneof("type")
            if delta == "new_element":
                element = msg.delta.new_element.WhichOneof("type")
                if element == "component_instance":
                    ci = msg.delta.new_element.component_instance
                    name = ci.component_name.rsplit(".", 1)[-1]
                    out[f"component {name}: json_args"] += len(ci.json_args)
                    out[f"component {name}: other"] += len(payload) - len(ci.json_args)
                    continue
                if element == "bidi_component":
                    bc = msg.delta.new_element.bidi_component
                    out[f"bidi {bc.component_name.rsplit('.', 1)[-1]}"] += len(payload)
                    continue
                kind = f"element {element} {_path(msg)}" + _label(getattr(msg.delta.new_element, element))
            elif delta == "add_block":
                block = msg.delta.add_block
                kind = f"block {block.WhichOneof('type') or '?'} {_path(msg)}" + _label(block)
            else:
                kind = f"delta {delta}"
        out[kind] += len(payload)
    return dict(out)


def _path(msg) -> str:
    """The element's place on the page (its delta path: the same element at the same place each step)."""
    return ".".join(str(i) for i in msg.metadata.delta_path)


def _label(part) -> str:
    """What names an element or block in `--detail` besides its place: its label, else its id's tail."""
    for name in ("label", "id"):
        text = getattr(part, name, "")
        if isinstance(text, str) and text:
            if name == "label":
                return f" [{text[:24]}]"
            # the key, without a content hash (a list keyed by its rows) that would split one element up
            return f" [{re.sub('_[0-9a-f]{12}$', '', text.rsplit('-', 1)[-1])[-24:]}]"
    return ""


def run(args: argparse.Namespace) -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        servers, sides = start_sides(args, Path(tmp), args.days)
        detail: dict[str, list[dict[str, int]]] = {s.name: [] for s in sides}
        pids = {side.name: proc.pid for side, (proc, _) in zip(sides, servers, strict=True)}
        cpu: dict[str, list[float]] = {s.name: [] for s in sides}
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS)
                pages = RecordingPages(browser)
                opened = {}
                for side in sides:
                    t = time.perf_counter()
                    if side.slider:
                        opened[side.name] = open_slider_app(pages, side, args.wait, narrow_to_30_days=True)
                    else:
                        opened[side.name] = open_sitmap(pages, side, args.wait)
                    print(f"  opened {side.name} in {time.perf_counter() - t:.1f} s", flush=True)
                for i in range(args.rounds):
                    for side in sides:
                        page = opened[side.name]
                        n0, ok0 = len(page.ws_frames), len(side.bytes)
                        c0 = cpu_seconds(pids[side.name])
                        if side.slider:
                            _attempt(side, lambda p=page, s=side, i=i: slider_round(p, s, i, args.wait))
                        else:
                            _attempt(side, lambda p=page, s=side: sitmap_round(p, s, args.wait))
                        if len(side.bytes) > ok0:
                            detail[side.name].append(carriers(page.ws_frames[n0:]))
                            cpu[side.name].append(cpu_seconds(pids[side.name]) - c0)
                    print(
                        f"  round {i + 1}/{args.rounds}: "
                        + ", ".join(
                            f"{s.name} {s.bytes[-1] / 1024:.1f} KiB {s.settle_ms[-1]:.0f} ms"
                            for s in sides
                            if s.bytes
                        ),
                        flush=True,
                    )
                browser.close()
        finally:
            for proc, _ in servers:
                stop_server(proc)
    print(
        f"\n{args.events} events, {os.cpu_count()} CPUs, {args.rounds} interleaved rounds, "
        f"{args.days}-day window"
    )
    width = max(len(s.name) for s in sides)
    for s in sides:
        if not s.bytes:
            print(f"  {s.name:<{width}}  no step completed ({s.missed} given up)")
            continue
        print(
            f"  {s.name:<{width}}  bytes per step median {statistics.median(s.bytes) / 1024:.1f} KiB "
            f"(mean {statistics.mean(s.bytes) / 1024:.1f}, max {max(s.bytes) / 1024:.1f}); "
            f"release -> settled median "
            f"{statistics.median(s.settle_ms):.0f} ms (max {max(s.settle_ms):.0f}); "
            f"server CPU per step median {statistics.median(cpu[s.name]) * 1000:.0f} ms "
            f"(max {max(cpu[s.name]) * 1000:.0f})" + (f"; {s.missed} given up" if s.missed else "")
        )
    if args.detail:
        for name, steps in detail.items():
            if not steps:
                continue
            print(f"\n  {name}: received bytes per step by carrier (median over {len(steps)} steps)")
            keys = {k for step in steps for k in step}
            for k in sorted(keys, key=lambda k: -max(step.get(k, 0) for step in steps)):
                print(f"    {k:<50} {statistics.median(step.get(k, 0) for step in steps) / 1024:8.1f} KiB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--rounds", type=int, default=8)
    ap.add_argument("--days", type=int, default=30, help="the stepped window's length")
    ap.add_argument("--app", default="app.py", help="sitmap's script (relative to the checkout)")
    ap.add_argument("--naive", default="/work/shared/anchors/naive_app.py", help="the anchor app ('-': none)")
    ap.add_argument("--before", default="", help="another sitmap checkout stepped beside (e.g. a base copy)")
    ap.add_argument("--wait", type=float, default=60.0, help="seconds before a wait gives up")
    ap.add_argument("--detail", action="store_true", help="received bytes per step by carrier")
    run(ap.parse_args())


if __name__ == "__main__":
    main()
