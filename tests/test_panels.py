"""Panels driven headless: controls wired by model parameter name, artists moved in place, readout = model."""

from __future__ import annotations

import base64
import inspect

import numpy as np
import pytest

import glutemed as gm
from glutemed.literature import literature_value
from glutemed.panels import (
    ALL_PANELS,
    HipDropPanel,
    KneeValgusPanel,
    LinesOfActionPanel,
    MeasurePanel,
    MomentArmPanel,
    RehabPanel,
    RiskExplorerPanel,
    RunningPanel,
    Slider,
    StancePanel,
)

HIP_PANELS = [MomentArmPanel, LinesOfActionPanel]


@pytest.mark.parametrize("panel_class", HIP_PANELS)
def test_hip_sliders_are_wired_to_model_parameter_names(panel_class) -> None:
    panel = panel_class()
    params = inspect.signature(gm.moment_arms).parameters
    assert set(panel.sliders) <= set(params)
    for name, slider in panel.sliders.items():
        assert slider.description.endswith("(°)"), f"{name}: unit in the label"
        lo, hi = gm.load_geometry().range_deg(name.removesuffix("_deg"))
        assert (slider.min, slider.max) == (lo, hi)


def _model_for(panel_class):
    return {StancePanel: gm.single_leg_stance, HipDropPanel: gm.pelvic_drop, KneeValgusPanel: gm.knee_valgus,
            RehabPanel: gm.rehab.exercise_demand,
            RiskExplorerPanel: gm.RunnerProfile, MeasurePanel: gm.example_photo,
            RunningPanel: gm.running_stance}.get(panel_class, gm.moment_arms)


def _view_controls(panel_class) -> set[str]:
    """Controls that pick what to show from the model's result (an instant in time), not model inputs."""
    return set(getattr(panel_class, "view_controls", ()))


@pytest.mark.parametrize("panel_class", ALL_PANELS)
def test_every_control_is_a_parameter_of_the_model(panel_class) -> None:
    """A misnamed control would be silently ignored by a model taking **kwargs; here it fails."""
    params = inspect.signature(_model_for(panel_class)).parameters
    panel = panel_class()
    assert (set(panel.sliders) | set(panel.choices)) - _view_controls(panel_class) <= set(params)


@pytest.mark.parametrize("panel_class", ALL_PANELS)
def test_slider_ranges_are_the_models_own(panel_class) -> None:
    """Slider ranges come from the model's constants: every slider end is a valid model input."""
    panel = panel_class()
    model = _model_for(panel_class)
    for name, slider in panel.sliders.items():
        if name in _view_controls(panel_class):
            continue
        for end in (slider.min, slider.max):
            model(**{**{k: v for k, v in panel.values.items() if k in inspect.signature(model).parameters},
                     name: end})
        control = next(c for c in panel_class.controls if c.name == name)
        assert isinstance(control, Slider)
        assert (slider.min, slider.max) == control.range_for(panel.geometry)
        assert slider.style.description_width == "initial", "the whole label shows"


@pytest.mark.parametrize(("name", "value"), [("hip_flexion_deg", 70.0), ("hip_adduction_deg", 20.0),
                                             ("hip_rotation_deg", -30.0)])
def test_slider_moves_artists_readout_and_pixels(name: str, value: float) -> None:
    panel = MomentArmPanel()
    png, text = panel.image.value, panel.readout.value
    line = panel.views[0].lines["anterior"].get_xydata().copy()
    bars = [r.get_height() for r in panel.bars["posterior"]]
    fig_children = len(panel.fig.axes[0].get_children())
    panel.sliders[name].value = value
    assert panel.image.value != png
    assert panel.readout.value != text
    assert f"{value:.0f}°" in panel.readout.value
    assert not np.allclose(panel.views[0].lines["anterior"].get_xydata(), line)
    assert [r.get_height() for r in panel.bars["posterior"]] != bars
    assert len(panel.fig.axes[0].get_children()) == fig_children, "no artists added: updated in place"
    expected = gm.moment_arms(**panel.values).as_array()
    np.testing.assert_allclose(panel.state.moment_arms_m, expected)
    assert f"{expected[2, 1] * 100:+.1f}" in panel.readout.value
    assert ", ".join(gm.action_roles(expected[2])) in panel.readout.value


@pytest.mark.parametrize("panel_class", ALL_PANELS)
def test_static_fallback_for_viewers_without_widgets(panel_class) -> None:
    panel = panel_class()
    bundle = panel._repr_mimebundle_()
    assert base64.b64decode(bundle["image/png"])[:4] == b"\x89PNG"
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"] == panel.readout_text()
    # the same declared rows, as text and as HTML
    for line in bundle["text/plain"].splitlines():
        assert line.split(": ", 1)[-1] in panel.readout.value


@pytest.mark.parametrize(("value", "message"), [(float("nan"), "must be a finite number"),
                                                (500.0, "must be between -30 and 120"),
                                                ("8 deg", "must be a number")])
@pytest.mark.parametrize("panel_class", HIP_PANELS)
def test_panel_rejects_bad_start(panel_class, value, message: str) -> None:
    with pytest.raises(ValueError, match=f"hip_flexion_deg {message}"):
        panel_class(hip_flexion_deg=value)


@pytest.mark.parametrize(("panel_class", "kwargs", "message"), [
    (StancePanel, {"body_mass_kg": 200.0}, "body_mass_kg must be between 40 and 150 kg"),
    (StancePanel, {"cane_force_bw": 0.4}, "cane_force_bw must be between 0 and 0.25"),
    (HipDropPanel, {"strength": 2.0}, "strength must be between 0 and 1.5"),
    (HipDropPanel, {"activity": "sprinting"}, "activity must be one of"),
    (KneeValgusPanel, {"knee_flexion_deg": 110.0}, "knee_flexion_deg must be between 0 and 90"),
    (KneeValgusPanel, {"extra_hip_rotation_deg": 35.0}, "extra_hip_rotation_deg must be between -20 and 20"),
    (KneeValgusPanel, {"activity": "hopping"}, "activity must be one of"),
    (KneeValgusPanel, {"hip_rotation_deg": 5.0}, "has no control 'hip_rotation_deg'"),
    (MomentArmPanel, {"geometry": "gait2354"}, "geometry must be one of"),
])
def test_out_of_range_start_values_are_refused_not_clamped(panel_class, kwargs, message) -> None:
    """Yesterday StancePanel(body_mass_kg=200) silently showed 120 kg; now it says why."""
    with pytest.raises(ValueError, match=message):
        panel_class(**kwargs)


@pytest.mark.parametrize(("name", "value"), [("hip_flexion_deg", 90.0), ("hip_adduction_deg", 20.0),
                                             ("hip_rotation_deg", 30.0)])
def test_lines_of_action_panel_follows_sliders(name: str, value: float) -> None:
    panel = LinesOfActionPanel()
    png, text = panel.image.value, panel.readout.value
    lines = [v.lines["femur"].get_xydata().copy() for v in panel.views]
    panel.sliders[name].value = value
    assert panel.image.value != png and panel.readout.value != text
    assert any(not np.allclose(v.lines["femur"].get_xydata(), old) for v, old in zip(panel.views, lines))
    change_mm = (gm.muscle_lengths(**panel.values)["posterior"] - gm.muscle_lengths()["posterior"]) * 1000
    assert f"{abs(change_mm):.1f} mm" in panel.readout.value
    u = gm.lines_of_action(**panel.values)["middle"]
    assert f"{u[1]:+.2f}" in panel.readout.value


def _every_control():
    for cls in ALL_PANELS:
        for control in cls.controls:
            if isinstance(control, Slider):
                yield pytest.param(cls, control.name, id=f"{cls.__name__}-{control.name}")


@pytest.mark.parametrize(("panel_class", "name"), list(_every_control()))
def test_every_slider_of_every_panel_changes_pixels_and_readout(panel_class, name) -> None:
    panel = panel_class()
    slider = panel.sliders[name]
    png, text = panel.image.value, panel.readout.value
    n_children = [len(ax.get_children()) for ax in panel.fig.axes]
    slider.value = slider.max if slider.value != slider.max else slider.min
    assert panel.image.value != png, "the figure changed"
    assert panel.readout.value != text, "the readout changed"
    assert [len(ax.get_children()) for ax in panel.fig.axes] == n_children, "updated in place"
    assert slider.description.endswith(")") and "(" in slider.description, "unit in the label"


def test_stance_panel_readout_is_the_model() -> None:
    panel = StancePanel()
    panel.sliders["body_mass_kg"].value = 90.0
    panel.sliders["trunk_lean_deg"].value = 6.0
    r = gm.single_leg_stance(90.0, 6.0)
    assert f"{float(r.hip_contact_force_bw):.2f} BW" in panel.readout.value
    assert f"{float(r.abductor_force_n):.0f} N" in panel.readout.value


def test_hip_drop_panel_strength_and_activity() -> None:
    panel = HipDropPanel()
    assert f"Pelvic drop</b> {float(gm.pelvic_drop_deg(1.0)):.1f}° (swing side lower)" in panel.readout.value
    assert f"Hip adduction</b> {float(gm.pelvic_drop(1.0).hip_adduction_deg):.1f}°" in panel.readout.value
    panel.sliders["strength"].value = 0.8
    expected = float(gm.pelvic_drop_deg(0.8, "running"))
    assert f"Pelvic drop</b> {expected:.1f}°" in panel.readout.value
    panel.sliders["strength"].value = 0.4
    assert "Pelvic drop</b> not held" in panel.readout.value, "running at 40 %: the pelvis is not held"
    png = panel.image.value
    panel.choices["activity"].value = "stance"
    assert panel.image.value != png
    assert "Pelvic drop</b> not held" in panel.readout.value
    lean = float(gm.pelvic_drop(0.4, "stance").trunk_lean_needed_deg)
    assert f"a trunk lean of {lean:.0f}°" in panel.readout.value
    panel.sliders["strength"].value = 1.0
    assert "Pelvic drop</b> 0.0°" in panel.readout.value


def test_hip_drop_panel_draws_the_swing_hip_lower_on_the_swing_side() -> None:
    """Seen from behind with the right leg in stance: the swing (left) hip is left of and below the stance hip."""
    panel = HipDropPanel(strength=0.8)
    x, y = panel.figure_artists.lines["pelvis"].get_xydata()[3]
    assert x < -10.0, "the swing hip is drawn on the left, seen from behind"
    drop = float(gm.pelvic_drop_deg(0.8, "running"))
    assert y == pytest.approx(-np.tan(np.radians(drop)) * abs(x), rel=1e-6), "lowered by the model's drop"


def test_knee_valgus_panel_collapses_the_knee_as_strength_falls() -> None:
    panel = KneeValgusPanel()
    assert "FPPA</b> 8.4°" in panel.readout.value
    assert "0.0 SD from the controls' mean" in panel.readout.value
    camera_weak = next(c for c in panel.chains if c.view == "camera" and c.index == (0,))
    camera_strong = next(c for c in panel.chains if c.view == "camera" and c.index == (1,))
    oblique_weak = next(c for c in panel.chains if c.view == "oblique" and c.index == (0,))
    knee_weak = camera_weak.lines["leg"].get_xydata()[1].copy()
    knee_strong = camera_strong.lines["leg"].get_xydata()[1].copy()
    knee_oblique = oblique_weak.lines["leg"].get_xydata()[1].copy()
    panel.sliders["strength"].value = 0.6
    r = gm.knee_valgus(0.6)
    assert f"FPPA</b> {float(r.fppa_deg):.1f}°" in panel.readout.value
    assert gm.describe_fppa(float(r.fppa_deg)) in panel.readout.value
    assert camera_weak.lines["leg"].get_xydata()[1][0] > knee_weak[0] + 2.0, "knee at least 2 cm further medial"
    assert not np.allclose(oblique_weak.lines["leg"].get_xydata()[1], knee_oblique)
    assert np.allclose(camera_strong.lines["leg"].get_xydata()[1], knee_strong), "the reference stays put"
    panel.choices["activity"].value = "running"
    assert panel.sliders["knee_flexion_deg"].value == round(literature_value("running_knee_flexion"))
    running = gm.knee_valgus(0.6, "running", knee_flexion_deg=round(literature_value("running_knee_flexion")))
    assert f"FPPA</b> {float(running.fppa_deg):.1f}°" in panel.readout.value
    assert "squat's calibration" in panel.readout.value, "running is said to be an extrapolation"
    panel.choices["activity"].value = "single_leg_squat"
    assert "squat's calibration" not in panel.readout.value


@pytest.mark.parametrize("panel_class", ALL_PANELS, ids=lambda c: c.__name__)
def test_every_blitted_frame_is_what_a_full_render_shows(panel_class) -> None:
    """After steps of every slider, the blitted frame equals a fresh full render of the same state.

    Catches a layout that moves at a later full draw (the background cached from an earlier one) and a
    direct label shown by a step but placed only at the next full draw.
    """
    import io

    from PIL import Image

    from glutemed.panels.base import BlitRenderer

    panel = panel_class()
    for slider in panel.sliders.values():
        slider.value = slider.max if slider.value != slider.max else slider.min

    def pixels(png: bytes) -> np.ndarray:
        return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))

    fresh = BlitRenderer(panel.fig, panel.renderer.artists).render()
    np.testing.assert_array_equal(pixels(panel.image.value), pixels(fresh))


def test_canvas_png_is_lossless() -> None:
    """The hand-written PNG decodes (with Pillow) to exactly the canvas' pixels, colours and text included."""
    import io

    from PIL import Image

    from glutemed.panels.base import canvas_png
    from glutemed.views.style import new_figure

    fig = new_figure(3, 2)
    ax = fig.add_subplot()
    ax.plot([0, 1], [0, 1], color="#D55E00", linewidth=3)
    ax.set_title("pelvic drop 5.2°")
    fig.canvas.draw()
    decoded = np.asarray(Image.open(io.BytesIO(canvas_png(fig.canvas))).convert("RGB"))
    expected = np.asarray(fig.canvas.buffer_rgba())[..., :3]
    assert decoded.shape == expected.shape and np.array_equal(decoded, expected)
    assert len(np.unique(decoded.reshape(-1, 3), axis=0)) > 10  # a real picture, not a blank one
