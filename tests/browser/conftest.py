"""Fixtures for real-browser tests: Debian's headless Chromium driven by Playwright (sync API).

- ``browser`` (session): one Chromium for the run. Missing /usr/bin/chromium fails with an
  install hint when the ``CI`` env var is set, and skips otherwise.
- ``page`` (function): a fresh context and page behind a network guard. Every request to a host
  other than localhost/127.0.0.1/::1 is aborted and recorded in ``guard.external_requests``;
  a test that attempted one fails after its body ran. Console errors and page errors are
  collected in ``guard.console_errors`` / ``guard.page_errors`` for tests to assert on.
- ``guard`` (function): that record; ``guard.allow_external()`` turns off the automatic failure
  (for a test that checks the guard itself).
- ``streamlit_server`` (session, opt-in): a factory ``start(script, events_dir=None, env=None)``
  returning the base URL of ``streamlit run <script>``; servers are reused per arguments and
  stopped at the end of the session.
- ``screenshot`` (function): ``screenshot(page, label="")`` saves a PNG under test-artifacts/.

Every browser test carries ``@pytest.mark.browser`` (``-m "not browser"`` deselects them).
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}
REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / "test-artifacts"
SERVER_START_TIMEOUT_S = 60.0


def is_external(url: str) -> bool:
    """True for URLs that would leave this machine (data:, blob:, file:, about: stay local)."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "file", "about", "chrome", "chrome-extension"):
        return False
    return (parts.hostname or "") not in LOCAL_HOSTS


@dataclass
class BrowserGuard:
    """What a page tried to do that a test may want to assert on."""

    external_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    fail_on_external: bool = True

    def allow_external(self) -> None:
        """Keep recording (and aborting) external requests but do not fail the test for them."""
        self.fail_on_external = False


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        hint = "install it with: apt-get install chromium (Playwright's own download is not used)"
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing; {hint}")
        pytest.skip(f"browser tests need {CHROMIUM}; {hint}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def guard() -> BrowserGuard:
    return BrowserGuard()


@pytest.fixture
def page(browser, guard: BrowserGuard) -> Iterator[object]:
    # Service workers would bypass routing; no test here needs one.
    context = browser.new_context(service_workers="block", viewport={"width": 1200, "height": 800})

    def route(r) -> None:
        url = r.request.url
        if is_external(url):
            guard.external_requests.append(url)
            r.abort("blockedbyclient")
        else:
            r.continue_()

    # Context-wide, so popups and iframes of the page are guarded as well.
    context.route("**/*", route)
    pg = context.new_page()
    pg.on(
        "console",
        lambda msg: guard.console_errors.append(msg.text) if msg.type == "error" else None,
    )
    pg.on("pageerror", lambda exc: guard.page_errors.append(str(exc)))
    # Routing does not see WebSockets; record external ones so the check below catches them.
    pg.on("websocket", lambda ws: guard.external_requests.append(ws.url) if is_external(ws.url) else None)
    yield pg
    context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    result = yield  # re-raises if the test body failed: that failure is reported as it is
    found = getattr(item, "funcargs", {}).get("guard")
    if isinstance(found, BrowserGuard) and found.fail_on_external and found.external_requests:
        pytest.fail(
            f"the page tried to reach {len(found.external_requests)} external URL(s) "
            f"(blocked): {found.external_requests[:10]}"
        )
    return result


@pytest.fixture
def screenshot(request: pytest.FixtureRequest) -> Callable[..., Path]:
    """``screenshot(page, label="") -> Path``: a full-page PNG under test-artifacts/."""
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid.split("::", 1)[-1]).strip("_")

    def take(pg, label: str = "") -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{stem}{'-' + label if label else ''}.png"
        pg.screenshot(path=str(path), full_page=True)
        return path

    return take


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"streamlit exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    pytest.fail(f"streamlit not healthy after {SERVER_START_TIMEOUT_S}s:\n{log.read_text()[-3000:]}")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    # The server runs in its own session: signal its group (it and any children), nothing else.
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


@pytest.fixture(scope="session")
def streamlit_server(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Callable[..., str]]:
    """Factory: ``start(script, events_dir=None, env=None) -> "http://127.0.0.1:<port>"``.

    Runs ``python -m streamlit run <script>`` headless on a free port with the script's folder
    as working directory (so its .streamlit/config.toml applies); ``events_dir`` is passed as
    ``SITMAP_EVENTS``. The log is kept next to the pytest temp files for failure messages.
    """
    servers: dict[tuple, tuple[subprocess.Popen, str]] = {}

    def start(script: Path | str, events_dir: Path | str | None = None, env: dict | None = None) -> str:
        script = Path(script).resolve()
        key = (script, str(events_dir), tuple(sorted((env or {}).items())))
        if key in servers and servers[key][0].poll() is None:
            return servers[key][1]
        port = _free_port()
        full_env = {**os.environ, **(env or {})}
        if events_dir is not None:
            full_env["SITMAP_EVENTS"] = str(events_dir)
        log = tmp_path_factory.mktemp("streamlit") / "server.log"
        cmd = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(script),
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.fileWatcherType",
            "none",
            "--browser.gatherUsageStats",
            "false",
        ]
        with log.open("wb") as out:
            proc = subprocess.Popen(
                cmd,
                cwd=script.parent,
                env=full_env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        url = f"http://127.0.0.1:{port}"
        servers[key] = (proc, url)
        start.pids[url] = proc.pid  # type: ignore[attr-defined]
        _wait_healthy(url, proc, log)
        return url

    start.pids = {}  # type: ignore[attr-defined]  # url -> the server's process id (its memory, in tests)
    yield start
    for proc, _url in servers.values():
        _stop(proc)
