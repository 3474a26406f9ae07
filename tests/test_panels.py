"""Drawing builds artists once; panels update them in place, driven headless."""

from __future__ import annotations

import base64
import inspect

import numpy as np
import pytest

import glutemed as gm
from glutemed.drawing import draw_view, new_figure, update_view
from glutemed.panels import LinesOfActionPanel, MomentArmPanel

PANELS = [MomentArmPanel, LinesOfActionPanel]


@pytest.mark.parametrize("view", ["frontal", "sagittal", "transverse"])
def test_update_moves_artists_without_adding_any(view: str) -> None:
    fig = new_figure(4, 4)
    ax = fig.add_subplot()
    art = draw_view(ax, gm.pose_leg(), view, zoom="leg")
    n_artists = len(ax.get_children())
    before = {k: np.array(v.get_xydata()) for k, v in art.lines.items()}
    update_view(art, gm.pose_leg(60.0, 15.0, 20.0, knee_flexion_deg=30.0))
    assert len(ax.get_children()) == n_artists
    moved = [k for k, v in art.lines.items() if not np.allclose(v.get_xydata(), before[k], equal_nan=True)]
    assert {"femur", "shank", "anterior"} <= set(moved)
    assert "pelvis" not in moved


def test_draw_rejects_unknown_view() -> None:
    fig = new_figure(2, 2)
    with pytest.raises(ValueError, match="view must be one of"):
        draw_view(fig.add_subplot(), gm.pose_leg(), "oblique")


@pytest.mark.parametrize("panel_class", PANELS)
def test_sliders_are_wired_to_model_parameter_names(panel_class) -> None:
    panel = panel_class()
    params = inspect.signature(gm.moment_arms).parameters
    assert set(panel.sliders) <= set(params)
    for name, slider in panel.sliders.items():
        assert "(°)" in slider.description, f"{name}: unit in the label"
        lo, hi = gm.load_geometry().range_deg(name.removesuffix("_deg"))
        assert (slider.min, slider.max) == (lo, hi)


@pytest.mark.parametrize(("name", "value"), [("hip_flexion_deg", 70.0), ("hip_adduction_deg", 20.0),
                                             ("hip_rotation_deg", -30.0)])
def test_slider_moves_artists_readout_and_pixels(name: str, value: float) -> None:
    panel = MomentArmPanel()
    png = panel.image.value
    text = panel.readout.value
    femur = panel.views[0].lines["anterior"].get_xydata().copy()
    bars = [r.get_height() for r in panel.bars["posterior"]]
    fig_children = len(panel.fig.axes[0].get_children())
    panel.sliders[name].value = value
    assert panel.image.value != png
    assert panel.readout.value != text
    assert f"{value:.0f}°" in panel.readout.value
    assert not np.allclose(panel.views[0].lines["anterior"].get_xydata(), femur)
    assert [r.get_height() for r in panel.bars["posterior"]] != bars
    assert len(panel.fig.axes[0].get_children()) == fig_children, "no artists added: updated in place"
    # readout numbers are the model's numbers
    expected = gm.moment_arms(**panel.values).as_array()
    np.testing.assert_allclose(panel._last, expected)
    assert f"{expected[2, 1] * 100:+.1f}" in panel.readout.value


@pytest.mark.parametrize("panel_class", PANELS)
def test_static_fallback_for_viewers_without_widgets(panel_class) -> None:
    panel = panel_class(hip_flexion_deg=30.0)
    bundle = panel._repr_mimebundle_()
    assert base64.b64decode(bundle["image/png"])[:4] == b"\x89PNG"
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert "flexion 30 deg" in bundle["text/plain"]


@pytest.mark.parametrize(("value", "message"), [(float("nan"), "must be a finite number"),
                                                (500.0, "must be between -30 and 120 deg")])
@pytest.mark.parametrize("panel_class", PANELS)
def test_panel_rejects_bad_start(panel_class, value: float, message: str) -> None:
    with pytest.raises(ValueError, match=f"hip_flexion_deg {message}"):
        panel_class(hip_flexion_deg=value)


@pytest.mark.parametrize(("name", "value"), [("hip_flexion_deg", 90.0), ("hip_adduction_deg", 20.0),
                                             ("hip_rotation_deg", 30.0)])
def test_lines_of_action_panel_follows_sliders(name: str, value: float) -> None:
    panel = LinesOfActionPanel()
    png, text = panel.image.value, panel.readout.value
    lines = [v.lines["femur"].get_xydata().copy() for v in panel.views]
    panel.sliders[name].value = value
    assert panel.image.value != png and panel.readout.value != text
    assert any(not np.allclose(v.lines["femur"].get_xydata(), old) for v, old in zip(panel.views, lines))
    # readout shows the model's length change of each portion
    change_mm = (gm.muscle_lengths(**panel.values)["posterior"] - gm.muscle_lengths()["posterior"]) * 1000
    assert f"{abs(change_mm):.1f} mm" in panel.readout.value
    u = gm.lines_of_action(**panel.values)["middle"]
    assert f"{u[1]:+.2f}" in panel.readout.value


def _every_control():
    from glutemed.panels import ALL_PANELS

    for cls in ALL_PANELS:
        panel = cls()
        for name in panel.sliders:
            yield pytest.param(cls, name, id=f"{cls.__name__}-{name}")


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
    assert "(" in slider.description and ")" in slider.description, "unit in the label"


def test_stance_panel_readout_is_the_model() -> None:
    from glutemed.panels import StancePanel

    panel = StancePanel()
    panel.sliders["body_mass_kg"].value = 90.0
    panel.sliders["trunk_lean_deg"].value = 6.0
    r = gm.single_leg_stance(90.0, 6.0)
    assert f"{float(r.hip_contact_force_bw):.2f} BW" in panel.readout.value
    assert f"{float(r.abductor_force_n):.0f} N" in panel.readout.value
    with pytest.raises(ValueError, match="body_mass_kg must be between"):
        StancePanel(body_mass_kg=-1.0)


def test_hip_drop_panel_strength_and_activity() -> None:
    from glutemed.panels import HipDropPanel

    panel = HipDropPanel()
    assert "Pelvic drop</b> 5.0°" in panel.readout.value
    panel.sliders["strength"].value = 0.4
    expected = float(gm.pelvic_drop(0.4, "running"))
    assert f"Pelvic drop</b> {expected:.1f}°" in panel.readout.value
    png = panel.image.value
    panel.choices["activity"].value = "stance"
    assert panel.image.value != png
    assert f"Pelvic drop</b> {float(gm.pelvic_drop(0.4, 'stance')):.1f}°" in panel.readout.value
    # the pelvis in the figure is turned by the model's drop
    pelvis = panel.figure_lines["pelvis"].get_xydata()
    assert pelvis[3, 1] < 0, "swing-side hip below the stance hip"
    with pytest.raises(ValueError, match="strength must be between 0 and 1.5"):
        HipDropPanel(strength=2.0)


def test_knee_valgus_panel_collapses_the_knee_as_strength_falls() -> None:
    """The issue's done-when, headless: the knee moves inward in both views and the FPPA readout follows."""
    from glutemed.panels import KneeValgusPanel, fppa_verdict

    panel = KneeValgusPanel()
    assert "FPPA</b> 8.4°" in panel.readout.value
    assert "within the controls' range" in panel.readout.value
    knees = {key: lines["leg"].get_xydata()[1].copy() for key, lines in panel.chains.items()}
    panel.sliders["strength"].value = 0.6
    r = gm.knee_valgus(0.6)
    assert f"FPPA</b> {float(r.fppa_deg):.1f}°" in panel.readout.value
    assert fppa_verdict(float(r.fppa_deg)) == "within the patellofemoral-pain range"
    assert fppa_verdict(float(r.fppa_deg)) in panel.readout.value
    camera_knee = panel.chains[("camera", "weak")]["leg"].get_xydata()[1]
    assert camera_knee[0] > knees[("camera", "weak")][0] + 2.0, "knee at least 2 cm further medial"
    assert not np.allclose(panel.chains[("oblique", "weak")]["leg"].get_xydata()[1], knees[("oblique", "weak")])
    assert np.allclose(panel.chains[("camera", "strong")]["leg"].get_xydata()[1], knees[("camera", "strong")]), \
        "the normative reference stays put"
    # an activity brings its own knee flexion
    panel.choices["activity"].value = "running"
    from glutemed.literature import literature_value

    assert panel.sliders["knee_flexion_deg"].value == round(literature_value("running_knee_flexion"))
    running = gm.knee_valgus(0.6, "running", knee_flexion_deg=round(literature_value("running_knee_flexion")))
    assert f"FPPA</b> {float(running.fppa_deg):.1f}°" in panel.readout.value
    assert "squat's calibration" in panel.readout.value, "running is said to be an extrapolation"
    panel.choices["activity"].value = "single_leg_squat"
    assert "squat's calibration" not in panel.readout.value
    with pytest.raises(ValueError, match="strength must be between 0 and 1.5"):
        KneeValgusPanel(strength=-0.5)
