"""Notebook 08's measuring panel in a real JupyterLab: click the example's three landmarks, read its angle."""

from __future__ import annotations

import re

from glutemed.panels import MeasurePanel

NOTEBOOK = "08_injuries_and_risk.ipynb"


def test_clicking_the_example_gives_its_known_fppa(jupyterlab, chromium) -> None:
    reference = MeasurePanel()  # the notebook's panel at its defaults: same figure, same example
    expected = reference.state.example.angle_deg
    targets = [reference.figure_px_of(x, y) for x, y in reference.state.example.points_px.values()]
    page = chromium.new_page(viewport={"width": 1600, "height": 1000})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(f"{jupyterlab.url}/lab/tree/{NOTEBOOK}?reset&token={jupyterlab.token}")
        page.wait_for_function(
            "() => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;"
            " const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;"
            " return k && k.status === 'idle'; }", timeout=120000)
        page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
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
        assert not errors, f"browser console errors: {errors}"
    finally:
        page.close()
