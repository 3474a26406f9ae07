"""Drive every glutemed panel on a page: move each slider by mouse and by keyboard.

Shared by the JupyterLab and the Voila tests. For every step it asserts that
the slider's value, the figure's pixels and the text readout changed, and it
measures the end-to-end latency in the page: from the key press to the moment
the new figure image arrives.
"""

from __future__ import annotations

# in-page instrumentation: note when a key goes down and when each figure image changes
_INSTRUMENT = """
() => {
  if (window.__gm) return;
  window.__gm = {keydown: 0, changes: new Map()};
  document.addEventListener('keydown', () => { window.__gm.keydown = performance.now(); }, true);
  const watch = (img) => {
    if (img.__gmWatched) return;
    img.__gmWatched = true;
    new MutationObserver(() => { window.__gm.changes.set(img, performance.now()); })
      .observe(img, {attributes: true, attributeFilter: ['src']});
  };
  document.querySelectorAll('img.glutemed-figure').forEach(watch);
}
"""


def _figure_changed_after_keydown(page, panel_index: int, timeout_ms: float = 10000) -> float:
    """Wait until panel ``panel_index``'s image changes after the last key press; return the latency."""
    page.wait_for_function(
        """(i) => { const img = document.querySelectorAll('img.glutemed-figure')[i];
                    const t = window.__gm.changes.get(img); return t && t > window.__gm.keydown; }""",
        arg=panel_index, timeout=timeout_ms)
    return page.evaluate(
        """(i) => { const img = document.querySelectorAll('img.glutemed-figure')[i];
                    return window.__gm.changes.get(img) - window.__gm.keydown; }""", panel_index)


def _number(text: str) -> float:
    """A slider's formatted value (ipywidgets writes minus as U+2212)."""
    return float(text.replace("\u2212", "-"))


def exercise_panels(page, expected_panels: int, latencies: list[float], key_steps: int = 4) -> int:
    """Move every slider of every panel; return the number of sliders moved."""
    page.wait_for_function(
        f"document.querySelectorAll('.glutemed-panel img.glutemed-figure').length >= {expected_panels}",
        timeout=120000)
    # every figure has arrived (a blob URL) before we start
    page.wait_for_function(
        "[...document.querySelectorAll('img.glutemed-figure')].every(i => i.src && i.naturalWidth > 0)",
        timeout=60000)
    page.evaluate(_INSTRUMENT)
    panels = page.locator(".glutemed-panel")
    assert panels.count() == expected_panels, f"expected {expected_panels} panels, found {panels.count()}"
    moved = 0
    for p in range(expected_panels):
        panel = panels.nth(p)
        panel.scroll_into_view_if_needed()
        figure = panel.locator("img.glutemed-figure")
        readout = panel.locator(".glutemed-readout")
        sliders = panel.locator(".glutemed-slider")
        assert sliders.count() >= 1
        # option buttons (e.g. the activity): choose another by mouse, then another by keyboard
        buttons = panel.locator(".glutemed-choice button")
        for b in range(min(buttons.count(), 3)):
            button = buttons.nth(b)
            if "mod-active" in (button.get_attribute("class") or ""):
                continue
            before_pixels, before_text = figure.screenshot(), readout.inner_text()
            button.evaluate("e => e.scrollIntoView({block: 'center'})")
            if b % 2:
                button.focus()
                page.keyboard.press("Enter")
            else:
                button.click()
            page.wait_for_function(
                "([r, t]) => r.innerText !== t", arg=[readout.element_handle(), before_text], timeout=10000)
            page.wait_for_timeout(300)
            assert figure.screenshot() != before_pixels, f"panel {p}: choosing an option did not change the figure"
            moved += 1
        for s in range(sliders.count()):
            slider = sliders.nth(s)
            handle = slider.locator(".noUi-handle")
            value_box = slider.locator(".widget-readout")  # the slider's own value, as formatted
            label = slider.locator("label").inner_text()
            # what a screen reader announces: the quantity and its unit, e.g. "Hip flexion (°)"
            assert label.strip() and "(" in label and label.rstrip().endswith(")"), f"slider name {label!r}"

            # --- by mouse: drag the handle a quarter of the track to the right
            before_value = value_box.inner_text()
            before_pixels, before_text = figure.screenshot(), readout.inner_text()
            # the screenshot scrolls a tall figure into view: bring the slider back, clear of the toolbar
            slider.evaluate("e => e.scrollIntoView({block: 'center'})")
            track = slider.locator(".noUi-base").bounding_box()
            box = handle.bounding_box()
            x0, y0 = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
            page.mouse.move(x0, y0)
            page.mouse.down()
            page.mouse.move(x0 + track["width"] * 0.25, y0, steps=8)
            page.mouse.up()
            page.wait_for_function(
                "([h, v]) => h.innerText !== v", arg=[value_box.element_handle(), before_value], timeout=10000)
            page.wait_for_function(
                "([r, t]) => r.innerText !== t", arg=[readout.element_handle(), before_text], timeout=10000)
            after_pixels = figure.screenshot()
            assert after_pixels != before_pixels, f"panel {p}, {label}: dragging did not change the figure"
            moved += 1

            # --- by keyboard: the handle is in the tab order; step with the arrow keys, jump with Home
            assert handle.get_attribute("tabindex") == "0", f"panel {p}, {label}: not reachable with Tab"
            assert handle.get_attribute("role") == "slider"
            handle.focus()
            low = float(handle.get_attribute("aria-valuemin"))
            high = float(handle.get_attribute("aria-valuemax"))
            for step in range(key_steps + 1):
                now = _number(value_box.inner_text())
                if step == key_steps:
                    key = "Home" if now > low else "End"
                else:
                    key = "ArrowRight" if now < high else "ArrowLeft"
                before_value = value_box.inner_text()
                before_text = readout.inner_text()
                page.keyboard.press(key)
                page.wait_for_function(
                    "([h, v]) => h.innerText !== v", arg=[value_box.element_handle(), before_value],
                    timeout=10000)
                latencies.append(_figure_changed_after_keydown(page, p))
                page.wait_for_function(
                    "([r, t]) => r.innerText !== t", arg=[readout.element_handle(), before_text],
                    timeout=10000)
            assert figure.screenshot() != after_pixels, f"panel {p}, {label}: keys did not change the figure"
            assert _number(value_box.inner_text()) in (low, high), f"panel {p}, {label}: Home/End reach the ends"
    return moved
