"""Real-browser tests: JupyterLab and Voila on 127.0.0.1, driven by Debian's Chromium.

The servers run with a random token and throwaway config, runtime, data,
settings and workspace directories, on copies of the notebooks (so running
them never rewrites the repository's files). Chromium is driven through the
PyPI ``playwright`` package with ``executable_path="/usr/bin/chromium"``
(``playwright install`` cannot download browsers here and is never used).

Without Chromium or playwright the tests skip with the reason shown; with
``GLUTEMED_REQUIRE_BROWSER=1`` (set by ``.ci/run``) they fail instead.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Debian's Chromium; GLUTEMED_CHROMIUM points the tests at another Chromium binary
CHROMIUM = Path(os.environ.get("GLUTEMED_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
# end-to-end step latencies (ms) gathered by the tests, printed at the end of the run
LATENCIES: dict[str, list[float]] = {}


def _require_or_skip(reason: str) -> None:
    if os.environ.get("GLUTEMED_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (GLUTEMED_REQUIRE_BROWSER=1, so this is required)", pytrace=False)
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_http(url: str, proc: subprocess.Popen, log: Path, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"server did not answer at {url} within {timeout:.0f} s:\n{log.read_text()[-3000:]}")


def _throwaway_env(base: Path) -> dict[str, str]:
    env = dict(os.environ)
    for var, name in (("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_RUNTIME_DIR", "runtime"),
                      ("JUPYTER_DATA_DIR", "data"), ("JUPYTERLAB_SETTINGS_DIR", "settings"),
                      ("JUPYTERLAB_WORKSPACES_DIR", "workspaces")):
        (base / name).mkdir(parents=True, exist_ok=True)
        env[var] = str(base / name)
    settings = base / "settings"
    # no news pop-up, and render every cell (no windowing), as a projected notebook would
    (settings / "@jupyterlab" / "apputils-extension").mkdir(parents=True)
    (settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    (settings / "@jupyterlab" / "notebook-extension").mkdir(parents=True)
    (settings / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings").write_text(
        json.dumps({"windowingMode": "none"}))
    env["PYTHONUNBUFFERED"] = "1"
    return env


@dataclass
class Server:
    url: str
    token: str
    root: Path


@pytest.fixture(scope="session")
def chromium():
    """A headless Debian Chromium driven by playwright (session-wide)."""
    if not CHROMIUM.exists():
        _require_or_skip(f"Chromium is not installed at {CHROMIUM}: apt-get install -y chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _require_or_skip("the playwright package is not installed (make setup installs it)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def jupyterlab(chromium, tmp_path_factory) -> Iterator[Server]:
    """JupyterLab on 127.0.0.1 with a random token, serving copies of the notebooks."""
    base = tmp_path_factory.mktemp("jupyterlab")
    work = base / "notebooks"
    shutil.copytree(ROOT / "notebooks", work)
    port, token = _free_port(), secrets.token_hex(16)
    log = base / "server.log"
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root",
           "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", f"--IdentityProvider.token={token}",
           f"--ServerApp.root_dir={work}", "--LabApp.expose_app_in_browser=True",
           "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    with log.open("w") as out:
        proc = subprocess.Popen(cmd, env=_throwaway_env(base), stdout=out, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_for_http(f"{url}/api/status?token={token}", proc, log)
        yield Server(url=url, token=token, root=work)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


_KERNEL_IDLE = ("() => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;"
                " const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;"
                " return k && k.status === 'idle'; }")
# console messages Chromium logs for reasons outside the notebooks (none expected so far)
IGNORED_CONSOLE: tuple[str, ...] = ()


@dataclass
class LabTab:
    """A JupyterLab browser tab that records console errors; :meth:`open` runs a notebook in it."""

    page: object
    server: Server
    errors: list[str]

    def open(self, name: str) -> None:
        """Open notebook ``name`` with a fresh kernel, wait until it is idle, then run all its cells."""
        self.page.goto(f"{self.server.url}/lab/tree/{name}?reset&token={self.server.token}")
        self.page.wait_for_function(_KERNEL_IDLE, timeout=120000)
        self.page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")

    def console_errors(self) -> list[str]:
        """The page's errors so far, less the ignored ones."""
        return [e for e in self.errors if not any(s in e for s in IGNORED_CONSOLE)]


@pytest.fixture
def lab_tab(jupyterlab, chromium) -> Iterator[LabTab]:
    """A new 1600 x 1000 JupyterLab tab, closed after the test."""
    page = chromium.new_page(viewport={"width": 1600, "height": 1000})
    tab = LabTab(page, jupyterlab, [])
    page.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: tab.errors.append(str(e)))
    try:
        yield tab
    finally:
        page.close()


def pytest_terminal_summary(terminalreporter) -> None:
    if not LATENCIES:
        return
    import statistics

    terminalreporter.write_sep("-", "end-to-end slider step latency in the browser (key press -> new figure)")
    for name, values in LATENCIES.items():
        if not values:
            continue
        values = sorted(values)
        p90 = values[min(len(values) - 1, int(round(0.9 * (len(values) - 1))))]
        terminalreporter.write_line(
            f"{name}: median {statistics.median(values):.0f} ms, p90 {p90:.0f} ms over {len(values)} steps")
