"""The running panel's Play button in a real JupyterLab: play moves the stance, pause stops it.

The Play button is linked to the time slider in the browser (``jslink``);
each frame moves the slider there, the kernel hears the change and sends a
new figure. This drives it with the mouse: play, see the slider's value and
the figure change frame after frame, pause, see both stand still; then the
keyboard (Tab to the button, Space) starts it again. It also reports the
time between new figures while playing.
"""

from __future__ import annotations

import statistics

import pytest

from tests.browser.conftest import LATENCIES, LabTab
from tests.browser.panels import _number
from tools.present import widget_notebooks

NOTEBOOK = next((p for p in widget_notebooks() if p.name.startswith("07_")), None)

# in-page log of the figure's new images while playing (time of each change)
_WATCH_FRAMES = """
(img) => {
  window.__frames = [];
  new MutationObserver(() => window.__frames.push(performance.now()))
    .observe(img, {attributes: true, attributeFilter: ['src']});
}
"""


@pytest.mark.skipif(NOTEBOOK is None, reason="notebook 07 (the running panel) is not in notebooks/")
def test_play_button_plays_and_pauses_the_stance(lab_tab: LabTab) -> None:
    page = lab_tab.page
    lab_tab.open(NOTEBOOK.name)
    panel = page.locator(".glutemed-panel", has=page.locator(".glutemed-play")).first
    panel.wait_for(timeout=120000)
    panel.scroll_into_view_if_needed()
    figure = panel.locator("img.glutemed-figure")
    page.wait_for_function("(img) => img.src && img.naturalWidth > 0", arg=figure.element_handle(),
                           timeout=60000)
    play = panel.locator(".glutemed-play button").first  # play/pause, then stop, then repeat
    assert play.locator("i.fa-play").count() == 1, "the button shows ▶ before playing"
    slider = panel.locator(".glutemed-slider", has_text="Time in stance")
    value_box = slider.locator(".widget-readout")
    readout = panel.locator(".glutemed-readout")
    # start from foot contact, so a whole stance lies ahead (Home on the slider's handle)
    slider.locator(".noUi-handle").focus()
    page.keyboard.press("Home")
    page.wait_for_function("(h) => h.innerText.trim() === '0'", arg=value_box.element_handle(), timeout=10000)
    page.wait_for_timeout(500)
    page.evaluate(_WATCH_FRAMES, figure.element_handle())

    # --- play by mouse: the time slider steps on and the figure follows, frame after frame
    start_value, start_text = _number(value_box.inner_text()), readout.inner_text()
    play.click()
    page.wait_for_function("() => window.__frames.length >= 5", timeout=20000)
    assert play.locator("i.fa-pause").count() == 1, "while playing the button shows pause"
    assert _number(value_box.inner_text()) != start_value, "the time slider moved"
    assert readout.inner_text() != start_text, "the readout follows the instant"

    # --- pause: nothing moves any more
    play.click()
    page.wait_for_function("(b) => b.querySelector('i.fa-play') !== null", arg=play.element_handle(),
                           timeout=10000)
    page.wait_for_timeout(600)  # frames already on their way arrive
    paused_value, paused_frames = value_box.inner_text(), page.evaluate("window.__frames.length")
    pixels = figure.screenshot()
    page.wait_for_timeout(1200)
    assert value_box.inner_text() == paused_value, "paused: the slider stays"
    assert page.evaluate("window.__frames.length") == paused_frames, "paused: no new figure"
    assert figure.screenshot() == pixels

    # --- play again with the keyboard (Tab-reachable button, Space), then stop
    play.focus()
    page.keyboard.press("Space")
    page.wait_for_function(f"() => window.__frames.length >= {paused_frames + 3}", timeout=20000)
    assert value_box.inner_text() != paused_value
    play.focus()
    page.keyboard.press("Space")  # pause again

    times = page.evaluate("window.__frames")
    gaps = [b - a for a, b in zip(times, times[1:]) if b - a < 2000]
    LATENCIES.setdefault("JupyterLab Play: time between frames", []).extend(gaps)
    assert statistics.median(gaps) < 1000, "frames keep coming while playing"
    assert not lab_tab.console_errors(), f"browser console errors: {lab_tab.console_errors()}"
