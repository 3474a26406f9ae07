"""Every widget notebook works in a real JupyterLab: run all, move every slider."""

from __future__ import annotations

import pytest

from tests.browser.conftest import LATENCIES
from tests.browser.panels import exercise_panels
from tools.present import widget_notebooks

NOTEBOOKS = widget_notebooks()

# messages Chromium logs for reasons outside the notebooks (none expected so far)
IGNORED_CONSOLE = ()


def _count_panels(path) -> int:
    import nbformat

    nb = nbformat.read(path, as_version=4)
    return sum(c.source.count("Panel(") for c in nb.cells if c.cell_type == "code")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_widget_notebook_in_jupyterlab(jupyterlab, chromium, path) -> None:
    page = chromium.new_page(viewport={"width": 1600, "height": 1000})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(f"{jupyterlab.url}/lab/tree/{path.name}?reset&token={jupyterlab.token}")
        page.wait_for_function(
            "() => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;"
            " const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;"
            " return k && k.status === 'idle'; }", timeout=120000)
        page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
        latencies = LATENCIES.setdefault(f"JupyterLab {path.name}", [])
        moved = exercise_panels(page, _count_panels(path), latencies)
        assert moved >= 3
        outputs_with_errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
        assert outputs_with_errors.count() == 0, outputs_with_errors.first.inner_text()
        real_errors = [e for e in errors if not any(s in e for s in IGNORED_CONSOLE)]
        assert not real_errors, f"browser console errors: {real_errors}"
    finally:
        page.close()
