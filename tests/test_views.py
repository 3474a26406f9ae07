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


# --- issue 12: what the projected figures show is what the models say ----------------------------------

def _drawn_axes(fig):
    fig.canvas.draw()
    return fig.axes


def test_hip_view_names_the_landmarks_where_they_are_and_follows_the_trochanter() -> None:
    ax = _axes()
    pose = pose_leg()
    art = draw_hip_view(ax, pose, "frontal")
    gt = plane_cm(pose.greater_trochanter_m, "frontal")
    assert art.labels["trochanter"].xy == pytest.approx((float(gt[0]), float(gt[1])))
    hip = plane_cm(pose.hip_centre_m, "frontal")
    assert art.labels["hip_centre"].xy == pytest.approx((float(hip[0]), float(hip[1])))
    assert "trochanter" in art.labels["trochanter"].get_text()
    n_artists = len(ax.get_children())
    moved = pose_leg(hip_adduction_deg=20.0)
    update_hip_view(art, moved)
    gt = plane_cm(moved.greater_trochanter_m, "frontal")
    assert art.labels["trochanter"].xy == pytest.approx((float(gt[0]), float(gt[1])))
    assert len(ax.get_children()) == n_artists


def test_trunk_is_joined_to_the_pelvis_and_the_swing_foot_is_off_the_floor() -> None:
    from glutemed.views.stance import FIGURE_LIMITS_CM

    for lean in (0.0, 10.0):
        art = draw_frontal_figure(_axes(), frontal_figure(0.0, np.radians(lean)), [0.08, 0.2],
                                  limits_cm=FIGURE_LIMITS_CM)
        trunk_start = art.lines["trunk"].get_xydata()[0]
        pelvis = art.lines["pelvis"].get_xydata()
        assert np.any(np.all(np.isclose(pelvis, trunk_start), axis=1)), "the trunk starts on the drawn pelvis"
        floor = art.lines["floor"].get_ydata()[0]
        swing_foot = art.lines["swing_foot"].get_ydata().max()
        stance_foot = art.lines["stance_foot"].get_ydata().max()
        assert stance_foot == pytest.approx(floor), "the stance foot stands on the floor"
        assert swing_foot > floor + 10.0, "the swing foot is clearly lifted"


def test_abductor_arrow_is_on_its_line_of_action_above_the_muscles_and_to_scale() -> None:
    from glutemed.views.forces import draw_forces, origins_up_m

    fig = new_figure(6, 8)
    ax = fig.add_subplot()
    figure = frontal_figure()
    r = gm.single_leg_stance(70.0)
    draw_frontal_figure(ax, figure, r.com_m)
    art = draw_forces(ax, r, crest_up_m=origins_up_m(figure))
    tail, head = (np.asarray(p) for p in art.ends["abductors"])
    # to scale
    assert np.linalg.norm(head - tail) == pytest.approx(float(r.abductor_force_n) * art.cm_per_newton)
    # on the line of action: at the lever arm r from the hip (moment unchanged by sliding along it)
    direction = (head - tail) / np.linalg.norm(head - tail)
    lever_cm = abs(head[0] * direction[1] - head[1] * direction[0])
    assert lever_cm == pytest.approx(100 * r.abductor_lever_m, rel=1e-6)
    # above the muscle lines: it ends at the crest, where the portions arise
    muscles_top = max(max(art_line.get_ydata()) for art_line in ax.get_lines()
                      if art_line.get_color() in [s["color"] for s in gm.views.style.PORTION_STYLE.values()])
    assert min(tail[1], head[1]) >= 100 * origins_up_m(figure) - 1e-9
    assert (tail[1] + head[1]) / 2 > muscles_top, "the arrow's middle is above every muscle line"
    # a scale bar as long as an arrow of its force
    bar = art.scale_bar[0].get_xdata()
    assert bar[1] - bar[0] == pytest.approx(1000.0 * art.cm_per_newton)
    assert art.scale_bar[1].get_text() == "1000 N"


def test_drop_overlay_draws_each_models_drop_as_its_angle() -> None:
    from glutemed.views.stance import draw_drop_overlay

    drops = [float(gm.pelvic_drop(s, "running").drop_deg) for s in (1.0, 0.4)]
    art = draw_drop_overlay(_axes(), frontal_figure(), [frontal_figure(np.radians(d)) for d in drops], drops,
                            ["strong", "weak"], [{"color": "blue", "linestyle": "--"},
                                                 {"color": "red", "linestyle": "-"}])
    for name, drop in zip(("strong", "weak"), drops):
        arc = art.lines[name]["arc"].get_xydata()
        spanned = np.degrees(abs(np.arctan2(arc[-1, 1], -arc[-1, 0]) - np.arctan2(arc[0, 1], -arc[0, 0])))
        assert spanned == pytest.approx(drop, abs=1e-6)
        assert art.labels[name]["angle"].get_text() == f"{drop:.1f}°"


def test_camera_view_draws_the_fppa_as_the_angle_and_the_knee_shift_to_scale() -> None:
    r = gm.knee_valgus(np.array([1.0, 0.5]))
    for i in range(2):
        art = draw_chain(_axes(), r.chain, "camera", "weak", index=(i,), fppa_deg=float(r.fppa_deg[i]),
                         knee_shift_m=float(r.knee_medial_shift_m[i]))
        arc = art.lines["fppa_arc"].get_xydata()
        knee = art.lines["leg"].get_xydata()[1]
        a0, a1 = (np.arctan2(*(p - knee)[::-1]) for p in (arc[0], arc[-1]))
        assert np.degrees(abs(a1 - a0)) == pytest.approx(abs(float(r.fppa_deg[i])), abs=0.05)
        shift = art.lines["shift"].get_xydata()
        assert np.linalg.norm(shift[1] - shift[0]) == pytest.approx(100 * float(r.knee_medial_shift_m[i]), abs=0.01)
        assert art.labels["fppa"].get_text() == f"FPPA {float(r.fppa_deg[i]):.1f}°"
        n_artists = len(art.lines["leg"].axes.get_children())
        update_chain(art, gm.knee_valgus(np.array([0.3, 0.3])).chain, fppa_deg=30.0, knee_shift_m=0.09)
        assert len(art.lines["leg"].axes.get_children()) == n_artists
        assert art.labels["shift"].get_text() == "9.0 cm"


def test_role_switches_are_marked_on_the_zero_line_at_the_models_angles() -> None:
    fig = gm.figures.moment_arms_vs_flexion_figure()
    marked = {}
    for ax, action in zip(fig.axes, ("abduction", "internal_rotation", "flexion")):
        for line in ax.get_lines():
            if line.get_label().endswith(" switches"):
                portion = line.get_label().split()[0]
                assert line.get_ydata()[0] == 0.0
                marked[(portion, action)] = line.get_xdata()[0]
    assert ("anterior", "flexion") in marked and ("posterior", "internal_rotation") in marked
    for (portion, action), angle in marked.items():
        assert angle == pytest.approx(gm.role_switch_flexion_deg(portion, action))
        assert -20.0 <= angle <= 90.0


def test_fppa_figure_marks_the_calibration_points_as_calibration() -> None:
    from glutemed.literature import literature_value

    ax = gm.figures.fppa_vs_strength_figure().axes[0]
    (points,) = [line for line in ax.get_lines() if line.get_label().startswith("calibration")]
    expected = [(1.0, literature_value("fppa_squat_controls")),
                (1.0 - literature_value("pfp_abduction_strength_deficit") / 100, literature_value("fppa_squat_pfp"))]
    np.testing.assert_allclose(points.get_xydata(), expected)
    assert sum("calibration" in t.get_text() for t in ax.texts) == 2
    # the model passes through them by construction: that is why they are not a validation
    np.testing.assert_allclose(gm.knee_valgus([p[0] for p in expected]).fppa_deg, [p[1] for p in expected],
                               atol=0.05)
