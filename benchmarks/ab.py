"""This tree against a git ref, interleaved in one run: the harness the `*_ab` benchmarks share.

The ref's files are exported (`git archive`) to a temporary folder; one worker process per tree runs the
benchmark's own worker code, reading one JSON job per line on stdin and answering one JSON list per line
(its first two numbers: wall seconds and CPU seconds). For each job the base and the new tree alternate
`repeat` times, so a shared machine's load hits both alike; figures are medians over the repeats.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tarfile
from collections.abc import Sequence
from io import BytesIO
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def export(ref: str, into: Path, paths: Sequence[str]) -> Path:
    """`paths` of git ref `ref` under `into`."""
    blob = subprocess.run(
        ["git", "-C", str(ROOT), "archive", ref, *paths], check=True, capture_output=True
    ).stdout  # fmt: skip
    with tarfile.open(fileobj=BytesIO(blob)) as tar:
        tar.extractall(into, filter="data")
    return into


class Worker:
    """One long-lived Python process running `code` with `args` (the tree first) on the tree `tree`."""

    def __init__(self, tree: Path, code: str, *args: str, env: dict[str, str] | None = None) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", code, str(tree), *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            text=True, cwd=tree, env={**os.environ, **(env or {})},
        )  # fmt: skip

    def ask(self, job: Any) -> list[float]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps(job) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"the worker in {self.proc.args[3]} ended (exit {self.proc.wait()})")
        return json.loads(line)

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait()


def interleaved(workers: dict[str, Worker], job: Any, repeat: int) -> tuple[dict[str, list[float]], dict]:
    """Ask every worker `job` in turn, `repeat` rounds; returns the median wall and CPU seconds per worker
    ({name: [wall, cpu]}) and each worker's last answer whole."""
    runs: dict[str, list[list[float]]] = {name: [] for name in workers}
    for _ in range(repeat):
        for name, worker in workers.items():
            runs[name].append(worker.ask(job))
    medians = {name: [statistics.median(r[k] for r in rs) for k in (0, 1)] for name, rs in runs.items()}
    return medians, {name: rs[-1] for name, rs in runs.items()}
