"""Knee valgus chain: FPPA geometry, mirror symmetry, the strength link, calibration checks, runners' hip angles."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import glutemed as gm
from glutemed.fppa import fppa_from_points, frontal_plane_projection_angle, squat_hip_flexion_deg
from glutemed.kinematics import pose_leg
from glutemed.knee_chain import KNEE_ACTIVITIES, MAX_KNEE_SWING_DEG, knee_swing_deg, knee_valgus
from glutemed.literature import literature_value
from glutemed.rotations import hip_angles_from_matrix, hip_rotation_matrix

angles = st.floats(-20.0, 20.0)


def fppa(hip_adduction_deg=0.0, hip_rotation_deg=0.0, knee_flexion_deg=0.0, **kwargs):
    """The FPPA with the three most varied angles positional, to keep the tests short."""
    return frontal_plane_projection_angle(hip_adduction_deg=hip_adduction_deg, hip_rotation_deg=hip_rotation_deg,
                                          knee_flexion_deg=knee_flexion_deg, **kwargs)


def test_neutral_leg_has_no_valgus() -> None:
    assert fppa() == 0.0
    assert fppa(knee_flexion_deg=60.0) == pytest.approx(0.0, abs=1e-9)


@pytest.mark.parametrize("geometry", gm.GEOMETRY_NAMES)
def test_neutral_is_near_zero_in_every_model(geometry) -> None:
    """The Rajagopal knee centre sits 3 mm off the femur's axis: a fraction of a degree."""
    assert abs(float(fppa(geometry=geometry))) < 1.0


def test_fppa_grows_with_hip_adduction_when_the_knee_is_bent() -> None:
    add = np.linspace(-20.0, 30.0, 51)
    values = fppa(add, 0.0, 60.0)
    assert np.all(np.diff(values) > 0)
    assert values[add == 0.0] == pytest.approx(0.0, abs=1e-9)
    assert fppa(10.0, 0.0, 60.0) > 5.0


@pytest.mark.parametrize("rotation", [-20.0, 10.0, 30.0])
def test_internal_rotation_adds_valgus_only_with_the_knee_bent(rotation) -> None:
    """About the femur's long axis a straight leg turns in place; a bent one swings its shank out."""
    straight = float(fppa(0.0, rotation, 0.0))
    assert abs(straight) < 0.5
    bent = float(fppa(0.0, rotation, 60.0))
    assert np.sign(bent) == np.sign(rotation)
    assert abs(bent) > 10 * abs(straight) + 3.0


def test_adduction_needs_a_flexed_hip_but_rotation_does_not() -> None:
    """With the hip straight, adduction tilts thigh and shank together (FPPA 0 at any knee
    flexion); internal rotation still swings a bent knee inward."""
    knee = np.linspace(0.0, 90.0, 10)
    assert np.allclose(fppa(15.0, 0.0, knee, hip_flexion_deg=0.0), 0.0, atol=1e-6)
    assert float(fppa(15.0, 0.0, 60.0)) > 5.0, "with the squat's hip flexion it shows"
    rotation = fppa(0.0, 15.0, knee[1:], hip_flexion_deg=0.0)
    assert np.all(np.diff(rotation) > 0) and rotation[0] > 0.5


@settings(max_examples=40, deadline=None)
@given(add=angles, rot=angles, knee=st.floats(0.0, 120.0))
def test_left_leg_mirrors_the_right(add, rot, knee) -> None:
    left = gm.mirror_geometry()
    assert float(fppa(add, rot, knee, geometry=left)) == pytest.approx(float(fppa(add, rot, knee)), abs=1e-9)


def test_fppa_matches_the_posed_leg() -> None:
    """An independent route: pose_leg's points give the same angle."""
    pose = pose_leg(25.0, 8.0, 12.0, 50.0)
    expected = fppa_from_points(pose.hip_centre_m, pose.knee_centre_m, pose.ankle_centre_m)
    assert float(fppa(8.0, 12.0, 50.0, hip_flexion_deg=25.0)) == pytest.approx(float(expected), abs=1e-9)


def test_fppa_from_points_sign_and_size() -> None:
    hip, ankle = np.array([0.0, 0.8, 0.0]), np.zeros(3)
    medial_right = fppa_from_points(hip, [0.0, 0.4, -0.03], ankle, side="right")
    assert medial_right == pytest.approx(2 * np.degrees(np.arctan(0.03 / 0.4)))
    assert fppa_from_points(hip, [0.0, 0.4, 0.03], ankle, side="right") == pytest.approx(-medial_right)
    assert fppa_from_points(hip, [0.0, 0.4, 0.03], ankle, side="left") == pytest.approx(medial_right)


def test_squat_posture_puts_the_ankle_under_the_hip() -> None:
    knee = np.array([0.0, 30.0, 60.0, 90.0])
    pose = pose_leg(squat_hip_flexion_deg(knee), 0.0, 0.0, knee)
    assert np.allclose(pose.ankle_centre_m[:, 0], pose.hip_centre_m[0], atol=1e-12)
    assert np.all(np.diff(squat_hip_flexion_deg(knee)) > 0)


def test_hip_angles_from_matrix_round_trip() -> None:
    rng = np.random.default_rng(1)
    a = np.radians(rng.uniform(-40, 40, size=(3, 50)))
    for side in ("right", "left"):
        assert np.allclose(hip_angles_from_matrix(hip_rotation_matrix(*a, side=side), side=side), a)


# --- the strength link -------------------------------------------------------------------------


def test_calibration_points_reproduce_herrington() -> None:
    """Calibration check, not validation: the swing line is fitted to these two squat means."""
    deficit = literature_value("pfp_abduction_strength_deficit") / 100
    r = knee_valgus([1.0, 1.0 - deficit])
    assert r.fppa_deg[0] == pytest.approx(literature_value("fppa_squat_controls"), abs=0.05)
    assert r.fppa_deg[1] == pytest.approx(literature_value("fppa_squat_pfp"), abs=0.05)


@settings(max_examples=30, deadline=None)
@given(strengths=st.lists(st.floats(0.0, 1.5), min_size=2, max_size=20),
       activity=st.sampled_from(list(KNEE_ACTIVITIES)))
def test_weaker_abductors_never_give_less_valgus(strengths, activity) -> None:
    s = np.sort(np.array(strengths))
    r = knee_valgus(s, activity)
    for field in ("fppa_deg", "knee_medial_shift_m", "knee_swing_deg"):
        assert np.all(np.diff(getattr(r, field)) <= 1e-9), field
    held = r.pelvis_held  # where not held the pelvis is drawn level (compensated), so compare held runners only
    for field in ("hip_adduction_deg", "pelvic_drop_deg"):
        assert np.all(np.diff(getattr(r, field)[held]) <= 1e-9), field


@pytest.mark.parametrize("geometry", gm.GEOMETRY_NAMES)
@pytest.mark.parametrize("activity", list(KNEE_ACTIVITIES))
def test_values_stay_physiological(geometry, activity) -> None:
    strength = np.linspace(0.0, 1.5, 61)
    r = knee_valgus(strength, activity, geometry=geometry)
    moderate = r.pelvic_drop_deg < 15.0  # a running drop held near the limit can take the hip past its range
    assert np.all(r.within_joint_ranges[moderate]), "inside the joint ranges unless the drop itself is large"
    assert np.all(r.pelvis_held[strength >= 1.0]), "held at normative strength and above"
    assert np.all((r.fppa_deg >= -1e-9) & (r.fppa_deg <= 40)), "FPPA beyond 40 deg is not seen in these tasks"
    assert np.all(np.abs(r.knee_medial_shift_m) < 0.15)
    assert np.all(r.knee_swing_deg <= MAX_KNEE_SWING_DEG)


def test_calibration_consequence_healthy_in_control_range_weak_in_pain_range() -> None:
    """Calibration consequence, not validation: with the line fitted to the two squat means
    (controls at strength 1, patellofemoral pain at 26 % less), strength 1 sits in the controls'
    range and strength 0.6 in the pain group's by construction."""
    healthy, weak = knee_valgus([1.0, 0.6]).fppa_deg
    mean, sd = literature_value("fppa_squat_controls"), literature_value("fppa_squat_controls_sd")
    assert mean - sd <= healthy <= mean + sd
    pfp, pfp_sd = literature_value("fppa_squat_pfp"), literature_value("fppa_squat_pfp_sd")
    assert weak >= pfp - pfp_sd


@pytest.mark.parametrize("geometry", gm.GEOMETRY_NAMES)
def test_normative_running_hip_angles_agree_with_heiderscheit(geometry) -> None:
    """Running at normative strength: the knee flexion is Heiderscheit 2011's, and the hip angles
    the chain produces (not calibrated to them) fall within 2 SD of that study's healthy runners."""
    r = knee_valgus(1.0, "running", geometry=geometry)
    assert float(r.knee_flexion_deg) == literature_value("running_knee_flexion")
    for field, name in (("hip_adduction_deg", "running_hip_adduction"),
                        ("hip_rotation_deg", "running_hip_internal_rotation")):
        mean, sd = literature_value(name), literature_value(f"{name}_sd")
        assert abs(float(getattr(r, field)) - mean) <= 2 * sd, f"{field} {float(getattr(r, field)):.1f}"


def test_result_is_consistent_with_the_forward_model() -> None:
    """The reported hip angles, put back into the FPPA function, give the same FPPA."""
    r = knee_valgus(np.array([0.3, 0.8, 1.2]), "running", extra_hip_rotation_deg=5.0)
    again = fppa(r.hip_adduction_deg, r.hip_rotation_deg, r.knee_flexion_deg, hip_flexion_deg=r.hip_flexion_deg)
    assert np.allclose(again, r.fppa_deg, atol=1e-9)


def test_planted_foot_and_segment_lengths() -> None:
    g = gm.load_geometry()
    r = knee_valgus(np.array([0.2, 1.0]), extra_hip_rotation_deg=10.0)
    c = r.chain
    assert np.allclose(c.ankle_m, 0.0)
    assert np.allclose(np.linalg.norm(c.knee_m - c.hip_m, axis=-1), g.thigh_length_m)
    assert np.allclose(np.linalg.norm(c.ankle_m - c.knee_m, axis=-1), g.shank_length_m)


def test_pelvic_drop_comes_from_the_drop_model() -> None:
    s = np.array([0.2, 0.6, 1.0])
    for sex in ("male", "female"):
        for activity, drop_activity in (("running", "running"), ("single_leg_squat", "stance")):
            r = knee_valgus(s, activity, sex=sex)
            d = gm.pelvic_drop(s, drop_activity, sex=sex)
            assert np.allclose(r.pelvic_drop_deg, np.where(d.held, d.drop_deg, 0.0))
            assert r.pelvis_held.tolist() == d.held.tolist()


def test_pelvis_not_held_is_flagged_and_drawn_level() -> None:
    """Decision: where the abductors alone cannot hold the pelvis, a person compensates (trunk lean); the chain
    keeps the pelvis level as if compensated, says so (pelvis_held False, drop 0) and stays finite."""
    r = knee_valgus(np.array([0.0, 1.0]), "running")
    assert r.pelvis_held.tolist() == [False, True]
    assert float(r.pelvic_drop_deg[0]) == 0.0 and float(r.pelvic_drop_deg[1]) > 0.0
    assert np.allclose(r.chain.pelvis_rotation[0], np.eye(3))
    for field in ("fppa_deg", "hip_adduction_deg", "knee_medial_shift_m"):
        assert np.all(np.isfinite(getattr(r, field))), field
    assert np.all(r.within_joint_ranges)


def test_sex_changes_the_drop_not_the_knee_swing() -> None:
    """The swing line uses strength relative to each sex's norm; the absolute capacity sets the drop."""
    female, male = (knee_valgus(1.0, "running", sex=sex) for sex in ("female", "male"))
    assert float(female.knee_swing_deg) == pytest.approx(float(male.knee_swing_deg))
    assert float(female.pelvic_drop_deg) > float(male.pelvic_drop_deg)


def test_straight_knee_cannot_collapse_inward() -> None:
    """Only the knee centre's 4.5 mm offset behind the femur's axis moves: well under a degree."""
    r = knee_valgus(np.array([0.0, 0.5, 1.0]), knee_flexion_deg=0.0)
    assert np.all(np.abs(r.fppa_deg) < 0.5)
    assert np.all(np.abs(r.knee_medial_shift_m) < 0.003)
    assert np.all(knee_valgus(np.array([0.0, 0.5, 1.0])).fppa_deg > 5.0)


def test_extra_rotation_needs_a_bent_knee() -> None:
    bent = knee_valgus(1.0, knee_flexion_deg=60.0, extra_hip_rotation_deg=[-10.0, 0.0, 10.0]).fppa_deg
    assert bent[0] < bent[1] < bent[2]
    straight = knee_valgus(1.0, knee_flexion_deg=0.0, extra_hip_rotation_deg=[-10.0, 10.0]).fppa_deg
    assert np.all(np.abs(straight) < 0.5)


def test_knee_valgus_mirrors_for_the_left_leg() -> None:
    s = np.array([0.3, 1.0])
    right, left = knee_valgus(s), knee_valgus(s, geometry=gm.mirror_geometry())
    for field in ("fppa_deg", "hip_adduction_deg", "hip_rotation_deg", "knee_medial_shift_m", "pelvic_drop_deg"):
        assert np.allclose(getattr(left, field), getattr(right, field), atol=1e-9), field
    assert np.allclose(left.chain.knee_m[..., 2], -right.chain.knee_m[..., 2])


def test_swing_line_is_clipped() -> None:
    assert float(knee_swing_deg(1.5)) == 0.0
    assert float(knee_swing_deg(0.0)) == MAX_KNEE_SWING_DEG


@pytest.mark.parametrize(("kwargs", "name"), [
    ({"strength": -0.1}, "strength"),
    ({"strength": float("nan")}, "strength"),
    ({"activity": "sprinting"}, "activity"),
    ({"knee_flexion_deg": 130.0}, "knee_flexion_deg"),
    ({"extra_hip_rotation_deg": 60.0}, "extra_hip_rotation_deg"),
    ({"sex": "other"}, "sex"),
])
def test_bad_input_names_the_parameter(kwargs, name) -> None:
    with pytest.raises(ValueError, match=name):
        knee_valgus(**kwargs)


@pytest.mark.parametrize(("args", "name"), [
    ((40.0, 0.0, 0.0), "hip_adduction_deg"),
    ((0.0, float("inf"), 0.0), "hip_rotation_deg"),
    ((0.0, 0.0, -5.0), "knee_flexion_deg"),
])
def test_fppa_bad_input(args, name) -> None:
    """Keyword-only angles, each checked against its joint range."""
    with pytest.raises(ValueError, match=name):
        fppa(*args)


def test_shank_turn_on_the_planted_foot_follows_the_knee_swing() -> None:
    """Disclosed in notebook 06: a hinge knee on a rigid foot makes the shank turn about as much as the knee swings."""
    r = knee_valgus(np.array([1.0, 0.75, 0.5]))
    assert np.all(np.diff(r.shank_turn_on_foot_deg) > 0)
    np.testing.assert_allclose(r.shank_turn_on_foot_deg, r.knee_swing_deg, rtol=0.05)
    assert float(knee_valgus(1.5).shank_turn_on_foot_deg) == pytest.approx(0.0, abs=1e-6), "no swing, no turn"
