"""Measuring the FPPA and pelvic obliquity from image points; the measuring panel, headless."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

import glutemed as gm
from glutemed.measure import EXAMPLE_FRAME_PX, image_points
from glutemed.panels import MeasurePanel
from glutemed.panels.measure import PRIVACY, load_photo
from glutemed.scaling import mirror_geometry


def test_a_straight_leg_gives_zero() -> None:
    for side in ("right", "left"):
        for view in ("front", "back"):
            assert gm.measure_fppa((200, 100), (200, 300), (200, 500), side=side, view=view) == 0.0
    assert abs(gm.measure_fppa((100, 100), (150, 300), (200, 500))) < 1e-12, "straight but slanted"


def test_a_medial_knee_is_positive_for_either_leg() -> None:
    """Front photo: the right leg is on the image's left, its medial side the image's +x; the left leg mirrors."""
    right = gm.measure_fppa((100, 100), (130, 300), (100, 500), side="right", view="front")
    left = gm.measure_fppa((400, 100), (370, 300), (400, 500), side="left", view="front")
    assert right > 0 and right == pytest.approx(left)
    assert right == pytest.approx(2 * np.degrees(np.arctan2(30, 200)))
    # seen from behind the same image means the knee is lateral: varus
    assert gm.measure_fppa((100, 100), (130, 300), (100, 500), side="right", view="back") == pytest.approx(-right)
    assert gm.measure_fppa((400, 100), (370, 300), (400, 500), side="left", view="back") == pytest.approx(-right)


@pytest.mark.parametrize("side", ["right", "left"])
@pytest.mark.parametrize("strength", [1.3, 1.0, 0.74, 0.5, 0.2])
def test_the_models_own_leg_gives_back_its_fppa(side: str, strength: float) -> None:
    """knee_valgus' chain, projected as a front camera sees it, in image coordinates."""
    g = gm.load_geometry() if side == "right" else mirror_geometry(gm.load_geometry())
    r = gm.knee_valgus(strength, geometry=g)
    c = r.chain
    # by hand: the front camera drops x; the subject's right (+z) goes to the image's left; y up -> y down
    hip, knee, ankle = ((-1000 * p[2] + 300, -1000 * p[1] + 900) for p in (c.hip_m, c.knee_m, c.ankle_m))
    assert gm.measure_fppa(hip, knee, ankle, side=side, view="front") == pytest.approx(float(r.fppa_deg), abs=1e-6)
    # the library's projection agrees with the hand-made one
    np.testing.assert_allclose(image_points(c.hip_m, "front", 1000.0, (300, 900)), hip)


@pytest.mark.parametrize("side", ["right", "left"])
def test_pelvic_obliquity_sign_for_both_stance_sides(side: str) -> None:
    other = "left" if side == "right" else "right"
    # from behind: the subject's left on the image's left; the swing side 10 px lower (y down)
    y = {side: 200.0, other: 210.0}
    angle = gm.measure_pelvic_obliquity((100, y["left"]), (300, y["right"]), stance_side=side, view="back")
    assert angle == pytest.approx(np.degrees(np.arctan2(10, 200)))
    # the same pelvis from the front: the subject's left on the image's right
    front = gm.measure_pelvic_obliquity((300, y["left"]), (100, y["right"]), stance_side=side, view="front")
    assert front == pytest.approx(angle)
    # the stance side lower: negative
    lower = {side: 210.0, other: 200.0}
    assert gm.measure_pelvic_obliquity((100, lower["left"]), (300, lower["right"]), stance_side=side) < 0


@pytest.mark.parametrize("side", ["right", "left"])
@pytest.mark.parametrize("task", ["fppa", "pelvis"])
def test_the_example_photo_has_the_models_answer(task: str, side: str) -> None:
    e = gm.example_photo(0.8, task, side)
    if task == "fppa":
        measured = gm.measure_fppa(*e.points_px.values(), side=side, view=e.view)
    else:
        measured = gm.measure_pelvic_obliquity(e.points_px["left"], e.points_px["right"], stance_side=side,
                                               view=e.view)
    assert measured == pytest.approx(e.angle_deg, abs=1e-9)
    w, h = EXAMPLE_FRAME_PX
    for x, y in e.points_px.values():
        assert 0 < x < w and 0 < y < h, "every landmark is inside the photo"


@pytest.mark.parametrize(("call", "message"), [
    (lambda: gm.measure_fppa((1, 2), (1, 2), (3, 4)), "knee_xy and hip_xy are the same point"),
    (lambda: gm.measure_fppa((1, 2), (3, 4), (3, 4)), "ankle_xy and knee_xy are the same point"),
    (lambda: gm.measure_fppa((1, 2), (3, 4), (5, 6), side="middle"), "side must be one of"),
    (lambda: gm.measure_fppa((1, 2), (3, 4), (5, 6), view="above"), "view must be one of"),
    (lambda: gm.measure_fppa((1, 2), (3, 4)), "missing 1 required positional argument"),
    (lambda: gm.measure_fppa((1, 2, 3), (3, 4), (5, 6)), "hip_xy must be an \\(x, y\\) pair"),
    (lambda: gm.measure_fppa("hip", (3, 4), (5, 6)), "hip_xy must be an \\(x, y\\) pair"),
    (lambda: gm.measure_fppa((np.nan, 2), (3, 4), (5, 6)), "hip_xy must be a finite number"),
    (lambda: gm.measure_pelvic_obliquity((1, 2), (1, 2)), "left_xy and right_xy are the same point"),
    (lambda: gm.measure_pelvic_obliquity((300, 2), (100, 2)), "left_xy must be to the image's left"),
    (lambda: gm.measure_pelvic_obliquity((100, 2), (300, 2), view="front"), "left_xy must be to the image's right"),
    (lambda: gm.measure_pelvic_obliquity((1, 2), (3, 4), stance_side="both"), "stance_side must be one of"),
])
def test_bad_input_gives_a_clear_message(call, message: str) -> None:
    with pytest.raises((ValueError, TypeError), match=message):
        call()


def test_load_photo_fits_and_refuses() -> None:
    buf = io.BytesIO()
    Image.new("RGB", (1000, 500), (255, 0, 0)).save(buf, format="jpeg")
    frame = load_photo(buf.getvalue())
    assert frame.shape == (EXAMPLE_FRAME_PX[1], EXAMPLE_FRAME_PX[0], 3)
    assert tuple(frame[EXAMPLE_FRAME_PX[1] // 2, EXAMPLE_FRAME_PX[0] // 2]) != (90, 90, 90), "the photo is there"
    for bad, message in ((b"", "empty"), (b"%PDF-1.4 not a photo", "not an image")):
        with pytest.raises(ValueError, match=message):
            load_photo(bad)


def _click_example(panel: MeasurePanel) -> None:
    for x, y in panel.state.example.points_px.values():
        fx, fy = panel.figure_px_of(x, y)
        panel._on_click({"dataX": fx, "dataY": fy})


def test_panel_measures_the_example_by_clicks() -> None:
    panel = MeasurePanel(strength=0.7)
    png = panel.image.value
    _click_example(panel)
    assert panel.state.angle_deg == pytest.approx(panel.state.example.angle_deg, abs=0.05)
    assert panel.image.value != png
    assert f"{panel.state.angle_deg:.1f}°" in panel.readout.value
    assert "Herrington" in panel.readout.value and "7.54" in panel.readout.value
    assert "not sent anywhere" in panel.readout.value and "not sent anywhere" in PRIVACY
    panel.choices["task"].value = "pelvis"
    assert panel.state.points == []
    _click_example(panel)
    assert panel.state.angle_deg == pytest.approx(panel.state.example.angle_deg, abs=0.05)


def test_panel_never_crashes_on_bad_input() -> None:
    panel = MeasurePanel()
    panel.click_frame_px(100, 100)
    assert "1 of 3 points" in panel.readout.value
    panel.click_frame_px(100, 100)
    panel.click_frame_px(200, 300)
    assert panel.state.angle_deg is None and "same point" in panel.readout.value
    panel.click_frame_px(-50, 10)
    assert "outside the photo" in panel.readout.value
    panel._on_click({"nothing": 1})
    assert "could not be read" in panel.readout.value
    panel._on_upload({"new": ({"name": "notes.txt", "content": memoryview(b"hello"), "type": "text/plain"},)})
    assert "notes.txt" in panel.readout.value and "not an image" in panel.readout.value
    assert panel.state.source == "example"
    buf = io.BytesIO()
    Image.new("RGB", (300, 600), (0, 128, 0)).save(buf, format="png")
    panel._on_upload({"new": ({"name": "me.png", "content": memoryview(buf.getvalue()), "type": "image/png"},)})
    assert panel.state.source == "me.png" and "no model answer" in panel.readout.value
    panel.sliders["strength"].value = 0.9
    assert panel.state.source == "example", "the slider brings the example back"
