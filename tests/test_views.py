"""Views draw what the models say: tests that catch a wrong drawing, not only a changed byte."""

from __future__ import annotations

import numpy as np
import pytest

import glutemed as gm
from glutemed.kinematics import frontal_figure, pose_leg
from glutemed.views.hip import draw_hip_view, update_hip_view
from glutemed.views.knee import draw_chain, update_chain
from glutemed.views.projection import behind_cm, chain_cm, plane_cm
from glutemed.views.stance import draw_frontal_figure, update_frontal_figure
from glutemed.views.style import new_figure


def _axes():
    return new_figure(4, 4).add_subplot()


@pytest.mark.parametrize("plane", ["frontal", "sagittal", "transverse"])
def test_update_moves_artists_without_adding_any(plane: str) -> None:
    ax = _axes()
    art = draw_hip_view(ax, pose_leg(), plane, zoom="leg")
    n_artists = len(ax.get_children())
    before = {k: np.array(v.get_xydata()) for k, v in art.lines.items()}
    update_hip_view(art, pose_leg(60.0, 15.0, 20.0, knee_flexion_deg=30.0))
    assert len(ax.get_children()) == n_artists
    moved = [k for k, v in art.lines.items() if not np.allclose(v.get_xydata(), before[k], equal_nan=True)]
    assert {"femur", "shank", "anterior"} <= set(moved)
    assert "pelvis" not in moved


def test_hip_view_frontal_plane_puts_the_right_hip_on_the_right() -> None:
    """Seen from behind the subject's right is on the right of the plot: the posed right knee is at x > 0."""
    art = draw_hip_view(_axes(), pose_leg(), "frontal", zoom="leg")
    knee_x = art.lines["femur"].get_xdata()[1]
    other_knee_x = art.lines["other_leg"].get_xdata()[1]
    assert knee_x > 0 > other_knee_x
    update_hip_view(art, pose_leg(hip_adduction_deg=20.0))
    assert art.lines["femur"].get_xdata()[1] < knee_x, "adduction moves the knee toward the midline"


def test_frontal_figure_swing_hip_is_drawn_left_and_lower_when_the_pelvis_drops() -> None:
    ax = _axes()
    level = frontal_figure(0.0)
    art = draw_frontal_figure(ax, level, [0.08, 0.2])
    x0, y0 = art.lines["pelvis"].get_xydata()[3]  # the swing-side (left) hip centre
    assert x0 < 0 and y0 == pytest.approx(0.0, abs=1e-9)
    update_frontal_figure(art, frontal_figure(np.radians(8.0)), [0.08, 0.2])
    x1, y1 = art.lines["pelvis"].get_xydata()[3]
    assert x1 < 0, "still on the swing side"
    assert y1 == pytest.approx(-np.sin(np.radians(8.0)) * np.hypot(x0, y0), rel=1e-9), "lower by the drop"


def test_a_mirrored_frontal_projection_fails() -> None:
    """A projection that mirrored the view (stance leg on the wrong side) is caught here."""
    medial_point = np.array([0.1, 0.0])  # 10 cm toward the swing side of the right stance hip
    h, _ = behind_cm(medial_point, "right")
    assert float(h) == pytest.approx(-10.0), "seen from behind, medial of a right stance hip is to the left"
    mirrored = -float(h)
    assert mirrored != pytest.approx(float(h))
    h_left, _ = behind_cm(medial_point, "left")
    assert float(h_left) == pytest.approx(10.0)


def test_camera_view_knee_moves_medially_as_fppa_grows() -> None:
    r = gm.knee_valgus(np.array([1.0, 0.7, 0.4]))
    assert np.all(np.diff(r.fppa_deg) > 0)
    ax = _axes()
    art = draw_chain(ax, r.chain, "camera", "weak", index=(0,))
    knees = []
    for i in range(3):
        art.index = (i,)
        update_chain(art, r.chain)
        knees.append(art.lines["leg"].get_xydata()[1, 0])
    assert np.all(np.diff(knees) > 0), "the drawn knee moves toward the midline (right of the camera image)"
    np.testing.assert_allclose(np.array(knees) / 100, r.knee_medial_shift_m + np.array(knees)[0] / 100
                               - r.knee_medial_shift_m[0], atol=0.02)


def test_left_leg_is_drawn_as_the_mirror_of_the_right() -> None:
    right = gm.knee_valgus(0.6)
    left = gm.knee_valgus(0.6, geometry=gm.mirror_geometry())
    for view in ("camera", "oblique"):
        r_pts = draw_chain(_axes(), right.chain, view, "weak").lines["leg"].get_xydata()
        l_pts = draw_chain(_axes(), left.chain, view, "weak").lines["leg"].get_xydata()
        np.testing.assert_allclose(r_pts, l_pts, atol=1e-9)


@pytest.mark.parametrize(("call", "message"), [
    (lambda: plane_cm(np.zeros((1, 3)), "coronal"), "plane must be one of"),
    (lambda: chain_cm(np.zeros((1, 3)), "top", "right"), "view must be one of"),
    (lambda: chain_cm(np.zeros((1, 3)), "camera", "middle"), "side must be one of"),
    (lambda: behind_cm(np.zeros(2), "middle"), "side must be one of"),
    (lambda: draw_hip_view(_axes(), pose_leg(), "frontal", zoom="knee"), "zoom must be one of"),
    (lambda: draw_hip_view(_axes(), pose_leg([0.0, 10.0]), "frontal"), "single pose"),
    (lambda: draw_chain(_axes(), gm.knee_valgus(0.5).chain, "camera", "medium"), "kind must be one of"),
])
def test_views_reject_bad_input(call, message) -> None:
    with pytest.raises(ValueError, match=message):
        call()
