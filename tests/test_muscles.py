"""Moment arms and lines of action: the physics the notebooks rely on."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import glutemed as gm
from glutemed.muscles import ACTIONS

FLEX = np.linspace(-20.0, 90.0, 23)
ADD = np.linspace(-20.0, 20.0, 9)
ROT = np.array([-30.0, 0.0, 30.0])


@pytest.mark.parametrize("name", gm.GEOMETRY_NAMES)
def test_tendon_excursion_equals_cross_product(name: str) -> None:
    args = (FLEX[:, None, None], ADD[None, :, None], ROT[None, None, :])
    a = gm.moment_arms(*args, geometry=name).as_array()
    b = gm.moment_arms_cross_product(*args, geometry=name).as_array()
    assert a.shape == (23, 9, 3, 3, 3)
    np.testing.assert_allclose(a, b, atol=1e-12)


@pytest.mark.parametrize("name", gm.GEOMETRY_NAMES)
def test_moment_arms_match_finite_difference_of_length(name: str) -> None:
    """r = -dL/dq checked numerically (h = 1e-4 deg), with the library's signs."""
    q = np.array([35.0, 8.0, -12.0])
    ma = gm.moment_arms(*q, geometry=name)
    h = 1e-4
    sign = {0: ("flexion", 1.0), 1: ("abduction", -1.0), 2: ("internal_rotation", 1.0)}
    for k, (action, s) in sign.items():
        dq = np.zeros(3)
        dq[k] = h
        lp = gm.muscle_lengths(*(q + dq), geometry=name)
        lm = gm.muscle_lengths(*(q - dq), geometry=name)
        for p in gm.PORTIONS:
            dl_dq = (lp[p] - lm[p]) / np.deg2rad(2 * h)
            assert ma[p][action] == pytest.approx(-s * dl_dq, abs=1e-8), (p, action)


def test_segment_lengths_and_attachments_are_preserved_when_posing() -> None:
    g = gm.load_geometry()
    pose = gm.pose_leg(FLEX[:, None], ADD[None, :], 25.0, knee_flexion_deg=40.0)
    thigh = np.linalg.norm(pose.knee_centre_m - pose.hip_centre_m, axis=-1)
    shank = np.linalg.norm(pose.ankle_centre_m - pose.knee_centre_m, axis=-1)
    np.testing.assert_allclose(thigh, g.thigh_length_m, rtol=1e-12)
    np.testing.assert_allclose(shank, g.shank_length_m, rtol=1e-12)
    # insertions keep their distance from the hip centre (rigid femur)
    d = np.linalg.norm(pose.insertions_m - pose.hip_centre_m, axis=-1)
    np.testing.assert_allclose(d, np.broadcast_to(np.linalg.norm(g.insertions_m, axis=-1), d.shape), rtol=1e-12)


@settings(max_examples=40, deadline=None)
@given(f=st.floats(-30, 120), a=st.floats(-50, 30), r=st.floats(-40, 40),
       name=st.sampled_from(gm.GEOMETRY_NAMES))
def test_left_hip_mirrors_right(f: float, a: float, r: float, name: str) -> None:
    right = gm.moment_arms(f, a, r, geometry=name).as_array()
    left = gm.moment_arms(f, a, r, geometry=gm.mirror_geometry(name)).as_array()
    np.testing.assert_allclose(left, right, atol=1e-12)
    lr = gm.muscle_lengths(f, a, r, geometry=name)
    ll = gm.muscle_lengths(f, a, r, geometry=gm.mirror_geometry(name))
    for p in gm.PORTIONS:
        assert ll[p] == pytest.approx(lr[p], abs=1e-12)


@pytest.mark.parametrize("name", gm.GEOMETRY_NAMES)
def test_roles_at_neutral(name: str) -> None:
    """Every portion abducts; the anterior portion rotates internally, the posterior
    externally; in these models every portion is a slight extensor at neutral."""
    ma = gm.moment_arms(geometry=name)
    for p in gm.PORTIONS:
        assert 0.02 < ma[p]["abduction"] < 0.08, p
        assert ma[p]["flexion"] < 0, p
    assert ma["anterior"]["internal_rotation"] > 0
    assert ma["posterior"]["internal_rotation"] < 0


@pytest.mark.parametrize("name", gm.GEOMETRY_NAMES)
def test_rotation_roles_shift_toward_internal_with_flexion(name: str) -> None:
    """Delp et al. (1999): rotation moment arms of the gluteal compartments move
    toward internal rotation as the hip flexes."""
    flex = np.linspace(0.0, 90.0, 19)
    ma = gm.moment_arms(hip_flexion_deg=flex, geometry=name)
    post = ma["posterior"]["internal_rotation"]
    assert np.all(np.diff(post) > 0)
    assert post[0] < 0 < post[-1], "posterior portion changes from external to internal rotator"


def test_anterior_portion_becomes_a_flexor_with_flexion() -> None:
    flex = np.linspace(0.0, 90.0, 91)
    ant = gm.moment_arms(hip_flexion_deg=flex)["anterior"]["flexion"]
    assert ant[0] < 0 < ant[-1]


def test_lines_of_action_are_unit_and_point_to_origin() -> None:
    g = gm.load_geometry()
    lines = gm.lines_of_action(20.0, 5.0, -10.0)
    pose = gm.pose_leg(20.0, 5.0, -10.0)
    for i, p in enumerate(gm.PORTIONS):
        u = lines[p]
        assert np.linalg.norm(u) == pytest.approx(1.0)
        to_origin = g.origins_m[i] - pose.insertions_m[i]
        np.testing.assert_allclose(u, to_origin / np.linalg.norm(to_origin), atol=1e-12)


def test_result_indexing_and_scalars() -> None:
    ma = gm.moment_arms()
    assert set(ma) == set(gm.PORTIONS)
    assert set(ma["middle"]) == set(ACTIONS)
    assert np.ndim(ma["middle"]["abduction"]) == 0
    assert "MomentArms(" in repr(ma)
    with pytest.raises(ValueError, match="portion must be one of"):
        ma["gluteus"]


def test_default_geometry_is_gait2392() -> None:
    np.testing.assert_array_equal(gm.moment_arms().as_array(),
                                  gm.moment_arms(geometry="gait2392").as_array())


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"hip_flexion_deg": float("nan")}, ValueError, "hip_flexion_deg must be a finite number"),
        ({"hip_adduction_deg": np.inf}, ValueError, "hip_adduction_deg must be a finite number"),
        ({"hip_flexion_deg": 150.0}, ValueError, "hip_flexion_deg must be between -30 and 120 deg"),
        ({"hip_adduction_deg": [0.0, 45.0]}, ValueError, "hip_adduction_deg must be between -50 and 30 deg"),
        ({"hip_rotation_deg": -60.0}, ValueError, "hip_rotation_deg must be between -40 and 40 deg"),
        ({"geometry": "gait9999"}, ValueError, "geometry must be one of 'gait2392'"),
        ({"geometry": 42}, TypeError, "geometry must be None, a model name"),
        ({"hip_flexion_deg": "ten"}, TypeError, "hip_flexion_deg must be a real number"),
        ({"hip_rotation_deg": None}, TypeError, "hip_rotation_deg must be a real number"),
        ({"hip_flexion_deg": 1j}, TypeError, "hip_flexion_deg must be a real number"),
    ],
)
def test_bad_input_names_parameter_and_range(kwargs, error, message) -> None:
    for fn in (gm.moment_arms, gm.muscle_lengths, gm.lines_of_action):
        with pytest.raises(error, match=message):
            fn(**kwargs)


def test_bad_knee_angle() -> None:
    with pytest.raises(ValueError, match="knee_flexion_deg must be between 0 and 120"):
        gm.pose_leg(knee_flexion_deg=-5.0)


def test_model_calls_draw_nothing() -> None:
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    gm.moment_arms(FLEX)
    gm.pose_leg(FLEX)
    assert plt.get_fignums() == before


def test_frontal_angle_from_vertical_matches_the_unit_pull_and_mirrors() -> None:
    u = gm.lines_of_action()
    angles = gm.frontal_angle_from_vertical_deg()
    for p in gm.PORTIONS:
        assert angles[p] == pytest.approx(np.degrees(np.arctan2(-u[p][2], u[p][1])))
    left = gm.frontal_angle_from_vertical_deg(geometry=gm.mirror_geometry())
    assert all(left[p] == pytest.approx(angles[p]) for p in gm.PORTIONS), "the same lean on either side"
    assert angles["anterior"] < angles["middle"] < angles["posterior"]


def test_move_insertion_moves_one_portion_only_and_checks_its_range() -> None:
    g = gm.load_geometry()
    moved = gm.move_insertion(g, "anterior", forward_m=0.02)
    np.testing.assert_allclose(moved.insertions_m[0] - g.insertions_m[0], [0.02, 0.0, 0.0])
    np.testing.assert_array_equal(moved.insertions_m[1:], g.insertions_m[1:])
    assert gm.moment_arms(geometry=moved)["anterior"]["flexion"] > gm.moment_arms()["anterior"]["flexion"]
    assert not moved.insertions_m.flags.writeable
    left = gm.move_insertion(gm.mirror_geometry(), "middle", lateral_m=0.01)
    assert left.insertions_m[1, 2] < gm.mirror_geometry().insertions_m[1, 2], "lateral is -z on the left"
    with pytest.raises(ValueError, match="forward_m must be between -0.05 and 0.05"):
        gm.move_insertion(forward_m=0.2)
    with pytest.raises(ValueError, match="portion must be one of"):
        gm.move_insertion(portion="minimus")
