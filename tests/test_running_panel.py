"""Notebook 07's widgets headless: the running stance panel (scrub, play, weak beside strong) and the weekly plan.

Also the running views (what they draw is what the model says) and the two
static figures of notebook 07.
"""

from __future__ import annotations

import numpy as np
import pytest

import glutemed as gm
import glutemed.panels.running as running_panel
from glutemed.figures import FIGURES, stance_phase_figure, step_rate_figure
from glutemed.kinematics import frontal_figure
from glutemed.panels import ALL_PANELS, RunningPanel, weekly_plan
from glutemed.panels.training import WeeklyPlan, read_km
from glutemed.views.running import (
    draw_running_figures,
    draw_stance_time,
    stance_time_axis,
    update_running_figures,
    update_stance_cursor,
)
from glutemed.views.style import new_figure


@pytest.fixture
def counted(monkeypatch):
    """Count the panel's calls of the running model."""
    calls = []

    def wrapper(*args, **kwargs):
        calls.append((args, kwargs))
        return gm.running_stance(*args, **kwargs)

    monkeypatch.setattr(running_panel, "running_stance", wrapper)
    return calls


# ----------------------------------------------------------------------------- the panel


def test_running_panel_is_registered_for_the_benchmark_and_browser_tests() -> None:
    assert RunningPanel in ALL_PANELS


def test_scrubbing_and_playing_never_run_the_model_again(counted) -> None:
    panel = RunningPanel()
    assert len(counted) == 1
    pngs = {panel.image.value}
    for pct in (0.0, 10.0, 33.0, 60.0, 77.0, 100.0):
        panel.sliders["stance_pct"].value = pct
        pngs.add(panel.image.value)
    assert len(counted) == 1, "scrubbing only moves artists"
    assert len(pngs) == 7, "every instant is a new frame"
    panel.sliders["strength"].value = 0.9
    assert len(counted) == 2, "a new runner runs the model once"
    panel.sliders["stance_pct"].value = 20.0
    panel.sliders["strength"].value = 0.8
    assert len(counted) == 2, "a runner seen before comes from the cache"


def test_the_play_button_drives_the_time_slider() -> None:
    panel = RunningPanel()
    slider = panel.sliders["stance_pct"]
    link = panel.play_link
    assert (link.source[0], link.source[1]) == (panel.play, "value")
    assert (link.target[0], link.target[1]) == (slider, "value")
    assert (panel.play.min, panel.play.max) == (slider.min, slider.max)
    assert panel.play.value == slider.value
    assert 0 < panel.play.step <= 5 and 40 <= panel.play.interval <= 200
    assert panel.play in panel.widget.children[1].children, "the Play button sits beside the time slider"


def test_readout_is_the_model_at_the_instant() -> None:
    panel = RunningPanel(strength=0.8, stance_pct=60.0)
    r = gm.running_stance(np.array([0.8, 1.0]))
    k = int(np.argmin(np.abs(stance_time_axis(r) - 60.0)))
    text = panel.readout.value
    assert f"t = {1000 * r.time_s[k]:.0f} ms (60 % of stance)" in text
    assert f"pelvic drop {r.pelvic_drop_deg[0, k]:.1f}° (normative {r.pelvic_drop_deg[1, k]:.1f}°)" in text
    assert f"Peak pelvic drop</b> {float(r.peak_pelvic_drop_deg[0]):.1f}°" in text
    assert f"{float(r.peak_abduction_moment_nm_kg[1]):.2f}" in text
    assert "1.8 ± 0.4 N m/kg (Heiderscheit 2011)" in text
    assert "10.4 ± 3.3°" in text
    # the cursor's dots sit on the model's curves at that instant
    assert panel.time_artists.cursor["runner"].get_ydata()[0] == pytest.approx(r.pelvic_drop_deg[0, k])
    assert panel.time_artists.cursor["force"].get_ydata()[0] == pytest.approx(r.vertical_grf_bw[k])


def test_a_runner_too_weak_to_hold_the_pelvis_is_told_to_compensate() -> None:
    panel = RunningPanel(strength=0.5, stance_pct=100.0)
    assert not bool(gm.running_stance(0.5).pelvis_held)
    assert "not held" in panel.readout.value and "must compensate" in panel.readout.value
    x, y = panel.figure_artists.lines["runner"]["pelvis"].get_xydata()[3]
    drop = float(gm.running_stance(0.5).peak_pelvic_drop_deg)
    assert y == pytest.approx(-np.tan(np.radians(drop)) * abs(x), rel=1e-6), "drawn where it was lost"
    panel.sliders["trunk_lean_deg"].value = 10.0
    assert "not held" not in panel.readout.value, "leaning over the stance leg holds it"


def test_the_sex_choice_changes_pixels_and_readout() -> None:
    panel = RunningPanel()
    png, text = panel.image.value, panel.readout.value
    panel.choices["sex"].value = "male"
    assert panel.image.value != png and panel.readout.value != text
    assert f"({gm.statics.abductor_strength_norm_nm_kg('male') * 0.8:.2f} N m/kg)" in panel.readout.value


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"strength": 2.0}, "strength must be between 0 and 1.5"),
    ({"stance_pct": 120.0}, "stance_pct must be between 0 and 100"),
    ({"fatigue_pct": -5.0}, "fatigue_pct must be between 0 and 100"),
    ({"speed_m_s": 1.0}, "speed_m_s must be between 2 and 6"),
    ({"step_rate_change_pct": "10 %"}, "step_rate_change_pct must be a number"),
    ({"sex": "other"}, "sex must be one of"),
    ({"cadence": 170}, "has no control 'cadence'"),
])
def test_bad_start_values_raise(kwargs, message) -> None:
    with pytest.raises(ValueError, match=message):
        RunningPanel(**kwargs)


# ----------------------------------------------------------------------------- the views


def test_the_drawn_swing_hip_lowers_as_the_drop_grows() -> None:
    ax = new_figure(4, 6).add_subplot()
    figures = {"runner": frontal_figure(0.0), "reference": frontal_figure(0.0)}
    art = draw_running_figures(ax, figures)
    heights = []
    for drop_deg in (0.0, 5.0, 10.0, 20.0):
        update_running_figures(art, {"runner": frontal_figure(np.radians(drop_deg)), "reference": figures["reference"]})
        x, y = art.lines["runner"]["pelvis"].get_xydata()[3]  # the swing-side (left) hip centre
        assert x < 0, "seen from behind, the swing hip is on the left"
        heights.append(y)
        assert art.lines["reference"]["pelvis"].get_xydata()[3][1] == pytest.approx(0.0, abs=1e-9)
    assert heights[0] == pytest.approx(0.0, abs=1e-9)
    assert np.all(np.diff(heights) < 0), "the swing hip lowers as the drop grows"


def test_the_panel_draws_the_models_drop_at_each_instant() -> None:
    panel = RunningPanel(strength=0.8)
    r = panel.state.result
    previous = None
    for pct in (20.0, 50.0, 80.0, 100.0):
        panel.sliders["stance_pct"].value = pct
        k = panel.state.index
        x, y = panel.figure_artists.lines["runner"]["pelvis"].get_xydata()[3]
        assert y == pytest.approx(-np.tan(np.radians(r.pelvic_drop_deg[0, k])) * abs(x), rel=1e-6, abs=1e-9)
        assert previous is None or y < previous, "the weak runner's drop grows through late stance"
        previous = y


def test_the_stance_femur_leans_toward_the_midline() -> None:
    panel = RunningPanel()
    phi = np.radians(float(panel.state.result.femur_adduction_deg))
    hip, knee = panel.figure_artists.stance_leg.get_xydata()[:2]
    assert hip == pytest.approx([0.0, 0.0])
    thigh_cm = 100 * gm.load_geometry().thigh_length_m
    assert knee[0] == pytest.approx(-thigh_cm * np.sin(phi)), "knee drawn toward the midline (left, from behind)"
    assert knee[1] == pytest.approx(-thigh_cm * np.cos(phi))


def test_views_refuse_what_they_cannot_draw() -> None:
    ax = new_figure(4, 6).add_subplot()
    with pytest.raises(ValueError, match="figures must hold both runners"):
        draw_running_figures(ax, {"runner": frontal_figure()})
    fig = new_figure(6, 6)
    a, b = fig.subplots(2, 1)
    r = gm.running_stance(np.array([0.8, 1.0]))
    art = draw_stance_time(a, b, r, 30.0, 3.0)
    with pytest.raises(ValueError, match="index must be between 0 and"):
        update_stance_cursor(art, r, r.time_s.size)
    with pytest.raises(ValueError, match="unit must be one of"):
        stance_time_axis(r, "s")
    with pytest.raises(ValueError, match="order must name each of"):
        draw_stance_time(a, b, r, 30.0, 3.0, order=("runner", "runner"))


def test_the_figures_of_notebook_07() -> None:
    assert FIGURES["07_stance_phase.png"] is stance_phase_figure
    assert FIGURES["07_step_rate.png"] is step_rate_figure
    fig = step_rate_figure()
    ax = fig.axes[0]
    model = next(line for line in ax.get_lines() if line.get_label().startswith("model"))
    x, y = model.get_data()
    assert float(np.interp(10.0, x, y)) == pytest.approx(
        float(gm.running_stance(1.0, step_rate_change_pct=10).peak_hip_adduction_deg), abs=1e-6)
    assert np.all(np.diff(y) < 0), "a higher step rate, less hip adduction"


# ----------------------------------------------------------------------------- the weekly plan


def test_weekly_plan_follows_what_is_typed() -> None:
    plan = weekly_plan([20, 22, 24, 18, 26, 28, 38, 30])
    assert isinstance(plan, WeeklyPlan) and len(plan.boxes) == 8
    t = gm.training_load([20, 22, 24, 18, 26, 28, 38, 30])
    row = plan.rows()[6]
    assert row[2] == f"+{t.week_on_week_change_pct[6]:.0f}" and row[3] == f"{t.acwr[6]:.2f}"
    assert "(weak)" in row[4] and "(limited)" in row[4] and "(contested)" in row[4]
    assert plan.rows()[0][2] == "n/a" and plan.rows()[2][3] == "n/a", "undefined, not zero"
    plan.boxes[6].value = "33"
    assert plan.rows()[6][4] == "none"
    assert "33.0" in plan.table.value and plan.message.value == ""
    assert "Nielsen" in plan.widget.children[-1].value and "Impellizzeri" in plan.widget.children[-1].value


@pytest.mark.parametrize(("typed", "words"), [
    ("-5", "cannot be negative"),
    ("", "is empty"),
    ("lots", "is not a distance"),
    ("5000", "not a weekly running distance"),
    ("5e400", "is not a distance"),
    ("nan", "is not a distance"),
])
def test_weekly_plan_bad_typing_gives_a_message_not_a_traceback(typed: str, words: str) -> None:
    plan = weekly_plan()
    table = plan.table.value
    plan.boxes[2].value = typed
    assert "Week 3" in plan.message.value and words in plan.message.value
    assert plan.table.value == table, "the last plan that could be read stays"
    plan.boxes[2].value = "24 km"
    assert plan.message.value == ""


def test_read_km_reads_what_learners_type() -> None:
    assert read_km("12,5", 1) == 12.5
    assert read_km(" 30 KM ", 1) == 30.0
    assert read_km("0", 1) == 0.0


@pytest.mark.parametrize(("weekly_km", "message"), [
    ([20, 22, 24], "weekly_km must hold 6-8 weeks"),
    ([20, 22, 24, -1, 26, 28], "weekly_km must be finite distances >= 0"),
    ("20 22 24 26 28 30", "weekly_km must be a list"),
])
def test_weekly_plan_rejects_a_bad_starting_plan(weekly_km, message) -> None:
    with pytest.raises(ValueError, match=message):
        weekly_plan(weekly_km)


def test_weekly_plan_fallback_is_the_table() -> None:
    plan = weekly_plan()
    bundle = plan._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"] == plan.text()
    assert bundle["text/plain"].splitlines()[0].startswith("week")


def test_layered_blitting_shows_exactly_what_a_full_render_shows() -> None:
    """Scrubbing reuses the cached curves layer; after any mix of steps the frame equals a fresh full render."""
    import io

    from PIL import Image

    from glutemed.panels.base import BlitRenderer

    panel = RunningPanel()
    lower = panel.renderer._lower_background
    panel.sliders["stance_pct"].value = 30.0
    assert panel.renderer._lower_background is lower, "scrubbing keeps the curves layer"
    panel.sliders["strength"].value = 0.6
    assert panel.renderer._lower_background is not lower, "a new runner redraws it"
    panel.sliders["stance_pct"].value = 96.0
    panel.choices["sex"].value = "male"
    panel.sliders["stance_pct"].value = 12.0

    def pixels(png: bytes) -> np.ndarray:
        return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))

    fresh = BlitRenderer(panel.fig, panel.renderer.artists).render()
    np.testing.assert_array_equal(pixels(panel.image.value), pixels(fresh))
