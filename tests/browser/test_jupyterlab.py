"""Every widget notebook works in a real JupyterLab: run all, move every slider."""

from __future__ import annotations

import pytest

from tests.browser.conftest import LATENCIES, LabTab
from tests.browser.panels import exercise_panels
from tools.present import widget_notebooks

NOTEBOOKS = widget_notebooks()


def _count_panels(path) -> int:
    import nbformat

    nb = nbformat.read(path, as_version=4)
    return sum(c.source.count("Panel(") for c in nb.cells if c.cell_type == "code")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_widget_notebook_in_jupyterlab(lab_tab: LabTab, path) -> None:
    page = lab_tab.page
    lab_tab.open(path.name)
    latencies = LATENCIES.setdefault(f"JupyterLab {path.name}", [])
    moved = exercise_panels(page, _count_panels(path), latencies)
    assert moved >= 3
    outputs_with_errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    assert outputs_with_errors.count() == 0, outputs_with_errors.first.inner_text()
    assert not lab_tab.console_errors(), f"browser console errors: {lab_tab.console_errors()}"


ANSWER_NOTEBOOK = "00_start_here.ipynb"


def _feedback(widget) -> str:
    return widget.locator(".glutemed-feedback").inner_text()


def test_predict_and_answer_widgets_in_jupyterlab(lab_tab: LabTab) -> None:
    """Type, commit, then see the model's answer: nothing is revealed before the commit, bad typing gets a
    message (no traceback), and every input has an accessible name with its unit."""
    page = lab_tab.page
    lab_tab.open(ANSWER_NOTEBOOK)
    page.wait_for_selector(".glutemed-predict", timeout=120000)
    predict = page.locator(".glutemed-predict").first
    predict.scroll_into_view_if_needed()
    assert "The model:" not in _feedback(predict), "nothing is revealed before the commit"
    commit = predict.locator("button.glutemed-commit")
    text_box = predict.locator(".glutemed-input input[type=text]")
    if text_box.count():
        label = predict.locator(".glutemed-input label").inner_text()
        assert label.strip(), "the prediction box has an accessible name"
        before = _feedback(predict)
        text_box.fill("banana")
        commit.click()
        page.wait_for_function("([w, t]) => w.innerText !== t",
                               arg=[predict.locator(".glutemed-feedback").element_handle(), before],
                               timeout=10000)
        assert "The model:" not in _feedback(predict) and "Traceback" not in _feedback(predict)
        assert commit.is_enabled(), "an unreadable prediction is not committed"
        text_box.fill("3")
        commit.focus()
        page.keyboard.press("Enter")  # keyboard-operable
    else:
        predict.locator("input[type=radio]").first.check()
        commit.click()
    page.wait_for_function("(w) => w.innerText.includes('The model:')",
                           arg=predict.locator(".glutemed-feedback").element_handle(), timeout=10000)
    assert "Your prediction (locked)" in _feedback(predict)
    assert commit.is_disabled(), "the prediction is locked"

    answer = page.locator(".glutemed-answer").first
    answer.scroll_into_view_if_needed()
    label = answer.locator(".glutemed-input label").inner_text()
    assert label.strip(), "the answer box has an accessible name"
    before = _feedback(answer)
    answer.locator(".glutemed-input input[type=text]").fill("8 or 9")
    answer.locator("button.glutemed-check").click()
    page.wait_for_function("([w, t]) => w.innerText !== t",
                           arg=[answer.locator(".glutemed-feedback").element_handle(), before], timeout=10000)
    message = _feedback(answer)
    assert "Traceback" not in message and "Error" not in message, message
    assert not lab_tab.console_errors(), f"browser console errors: {lab_tab.console_errors()}"


KEYBOARD_NOTEBOOK = "02_moment_arms_and_changing_roles.ipynb"
_FOCUSABLE = ("input:not([disabled]), button:not([disabled]), select:not([disabled]), .noUi-handle")
_WIDGET_ROOTS = ".glutemed-panel, .glutemed-predict, .glutemed-answer, .glutemed-choice-question"


def test_keyboard_only_pass_through_a_whole_notebooks_widgets(lab_tab: LabTab) -> None:
    """Tab from the first widget control reaches every control of every widget in the notebook, in order."""
    page = lab_tab.page
    lab_tab.open(KEYBOARD_NOTEBOOK)
    page.wait_for_selector(".glutemed-panel img.glutemed-figure", timeout=120000)
    page.wait_for_timeout(1500)
    marked = page.evaluate(
        """([roots, sel]) => { let n = 0;
             document.querySelectorAll(roots).forEach(r => r.querySelectorAll(sel).forEach(e => {
               if (e.offsetParent !== null) e.dataset.gmKey = String(n++); }));
             return n; }""", [_WIDGET_ROOTS, _FOCUSABLE])
    assert marked >= 6, f"the notebook's widgets have keyboard controls ({marked})"
    page.evaluate("() => document.querySelector('[data-gm-key=\"0\"]').focus()")
    visited = {page.evaluate("() => document.activeElement.dataset.gmKey || ''")}
    for _ in range(marked * 4):
        page.keyboard.press("Tab")
        visited.add(page.evaluate("() => document.activeElement.dataset.gmKey || ''"))
        if len(visited - {""}) == marked:
            break
    missing = sorted(set(map(str, range(marked))) - visited, key=int)
    assert not missing, f"{len(missing)} of {marked} widget controls cannot be reached with Tab"
