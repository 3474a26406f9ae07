"""Notebook 08's measuring panel in a real JupyterLab: click the example's three landmarks, read its angle."""

from __future__ import annotations

import re

from glutemed.panels import MeasurePanel
from tests.browser.conftest import LabTab

NOTEBOOK = "08_injuries_and_risk.ipynb"


def test_clicking_the_example_gives_its_known_fppa(lab_tab: LabTab) -> None:
    reference = MeasurePanel()  # the notebook's panel at its defaults: same figure, same example
    expected = reference.state.example.angle_deg
    targets = [reference.figure_px_of(x, y) for x, y in reference.state.example.points_px.values()]
    page = lab_tab.page
    lab_tab.open(NOTEBOOK)
    panel = page.locator(".glutemed-measure")
    panel.wait_for(timeout=120000)
    image = panel.locator("img.glutemed-figure")
    page.wait_for_function("(i) => i.src && i.naturalWidth > 0", arg=image.element_handle(), timeout=60000)
    image.scroll_into_view_if_needed()
    readout = panel.locator(".glutemed-readout")
    natural_w, natural_h = image.evaluate("i => [i.naturalWidth, i.naturalHeight]")
    for fx, fy in targets:
        box = image.bounding_box()
        before = readout.inner_text()
        page.mouse.click(box["x"] + fx * box["width"] / natural_w, box["y"] + fy * box["height"] / natural_h)
        page.wait_for_function("([r, t]) => r.innerText !== t", arg=[readout.element_handle(), before],
                               timeout=10000)
    text = readout.inner_text()
    match = re.search(r"Angle\s*([-\u2212]?\d+\.\d)°", text)
    assert match, f"no angle in the readout: {text}"
    measured = float(match.group(1).replace("\u2212", "-"))
    assert abs(measured - expected) < 1.0, f"clicked {measured}°, the model drew {expected:.2f}°"
    assert "done" in text
    assert not lab_tab.console_errors(), f"browser console errors: {lab_tab.console_errors()}"
