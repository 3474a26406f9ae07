"""``make present``: a widget notebook served by Voila works as an app, code hidden."""

from __future__ import annotations

import subprocess

import pytest

from tests.browser.conftest import LATENCIES, _free_port, _throwaway_env, _wait_for_http
from tests.browser.panels import exercise_panels
from tools.present import find_notebook, voila_command, widget_notebooks


def test_present_serves_the_newest_widget_notebook_by_default() -> None:
    assert find_notebook(None) == widget_notebooks()[-1]
    assert find_notebook("2").name.startswith("02_")
    with pytest.raises(SystemExit, match="NB=99: no such notebook"):
        find_notebook("99")


def test_present_in_voila(chromium, tmp_path) -> None:
    notebook = find_notebook(None)
    port = _free_port()
    log = tmp_path / "voila.log"
    with log.open("w") as out:
        proc = subprocess.Popen(voila_command(notebook, port), env=_throwaway_env(tmp_path),
                                stdout=out, stderr=subprocess.STDOUT)
    page = chromium.new_page(viewport={"width": 1600, "height": 1000})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    failed: list[str] = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    try:
        url = f"http://127.0.0.1:{port}/"
        _wait_for_http(url, proc, log, timeout=120)
        page.goto(url, timeout=120000)
        expected = notebook.read_text(encoding="utf-8").count("Panel(")
        moved = exercise_panels(page, expected, LATENCIES.setdefault(f"Voila {notebook.name}", []))
        assert moved >= 3
        text = page.inner_text("body")
        assert "import glutemed" not in text and "gm.panels" not in text, "code cells are hidden"
        # Voila's own "lab" template links Font Awesome icons from a CDN; offline (as here,
        # or in a classroom without internet) those two requests fail harmlessly
        cdn = [u for u in failed if "@fortawesome/fontawesome-free" in u]
        assert failed == cdn, f"failed requests: {failed}"
        unexplained = [e for e in errors if e != "Failed to load resource: net::ERR_NAME_NOT_RESOLVED"]
        assert not unexplained and len(errors) <= len(cdn), f"browser console errors: {errors}"
    finally:
        page.close()
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
