"""Rotation matrices: orthonormal, proper, derivatives and axes consistent."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glutemed.rotations import hip_axes, hip_rotation_derivatives, hip_rotation_matrix, rot_x, rot_y, rot_z

angle = st.floats(min_value=-np.pi, max_value=np.pi, allow_nan=False)
SIDES = ("right", "left")


@settings(max_examples=60, deadline=None)
@given(f=angle, a=angle, r=angle, side=st.sampled_from(SIDES))
def test_hip_rotation_is_orthonormal_and_proper(f: float, a: float, r: float, side: str) -> None:
    rot = hip_rotation_matrix(f, a, r, side)
    np.testing.assert_allclose(rot @ rot.T, np.eye(3), atol=1e-12)
    assert np.linalg.det(rot) == pytest.approx(1.0, abs=1e-12)


def test_vectorised_matches_one_by_one() -> None:
    rng = np.random.default_rng(1)
    f, a, r = rng.uniform(-1, 1, (3, 7))
    batch = hip_rotation_matrix(f, a, r)
    assert batch.shape == (7, 3, 3)
    for i in range(7):
        np.testing.assert_allclose(batch[i], rot_z(f[i]) @ rot_x(a[i]) @ rot_y(r[i]), atol=1e-15)


def test_broadcasting_shapes() -> None:
    rot = hip_rotation_matrix(np.zeros((4, 1)), np.zeros((1, 5)), 0.0)
    assert rot.shape == (4, 5, 3, 3)


def test_positive_angles_mean_flexion_adduction_internal_rotation() -> None:
    down = np.array([0.0, -1.0, 0.0])
    forward = np.array([1.0, 0.0, 0.0])
    assert (hip_rotation_matrix(0.3, 0, 0) @ down)[0] > 0  # flexion: knee forward
    assert (hip_rotation_matrix(0, 0.3, 0) @ down)[2] < 0  # right adduction: knee medial (-z)
    assert (hip_rotation_matrix(0, 0.3, 0, "left") @ down)[2] > 0  # left adduction: knee medial (+z)
    assert (hip_rotation_matrix(0, 0, 0.3) @ forward)[2] < 0  # right internal rotation: front turns medial


@pytest.mark.parametrize("side", SIDES)
def test_left_is_mirror_of_right(side: str) -> None:
    m = np.diag([1.0, 1.0, -1.0])
    f, a, r = 0.4, -0.2, 0.3
    other = "left" if side == "right" else "right"
    np.testing.assert_allclose(hip_rotation_matrix(f, a, r, other), m @ hip_rotation_matrix(f, a, r, side) @ m,
                               atol=1e-15)


@pytest.mark.parametrize("side", SIDES)
def test_derivatives_match_finite_differences(side: str) -> None:
    q = np.array([0.5, -0.3, 0.2])
    d = hip_rotation_derivatives(*q, side)
    h = 1e-6
    for k in range(3):
        dq = np.zeros(3)
        dq[k] = h
        numeric = (hip_rotation_matrix(*(q + dq), side) - hip_rotation_matrix(*(q - dq), side)) / (2 * h)
        np.testing.assert_allclose(d[k], numeric, atol=1e-9)


@pytest.mark.parametrize("side", SIDES)
def test_axes_generate_the_derivatives(side: str) -> None:
    """dR/dq = [axis_q]x R: the joint axes are the angular velocity per unit dq."""
    q = np.array([0.7, 0.25, -0.4])
    rot = hip_rotation_matrix(*q, side)
    d = hip_rotation_derivatives(*q, side)
    axes = hip_axes(*q, side)
    for k in range(3):
        w = axes[k]
        skew = np.array([[0, -w[2], w[1]], [w[2], 0, -w[0]], [-w[1], w[0], 0]])
        np.testing.assert_allclose(d[k], skew @ rot, atol=1e-12)
        assert np.linalg.norm(w) == pytest.approx(1.0)


def test_unknown_side_is_rejected() -> None:
    with pytest.raises(ValueError, match="side must be one of 'right', 'left'"):
        hip_rotation_matrix(0, 0, 0, "middle")
