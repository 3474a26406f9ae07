"""Rotation matrices for the hip, vectorised over arrays of angles.

The right hip uses body-fixed rotations in the order flexion (about z),
adduction (about the new x), internal rotation (about the new y), as in
OpenSim's gait2392 and Rajagopal models::

    R = Rz(flexion) @ Rx(adduction) @ Ry(rotation)

``R`` maps a vector from the femur frame to the pelvis frame. The left hip is
the mirror image (reflection ``z -> -z``), which flips the sign of the
adduction and rotation axes so that positive still means adduction and
internal rotation.

All angles here are in radians; array arguments broadcast against each other
and the result has shape ``broadcast_shape + (3, 3)``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "rot_x",
    "rot_y",
    "rot_z",
    "hip_rotation_matrix",
    "hip_rotation_derivatives",
    "hip_axes",
    "hip_angles_from_matrix",
    "rotation_about_axis",
]

_SIDES = ("right", "left")


def _elementary(angle: ArrayLike, axis: int, derivative: bool = False) -> NDArray[np.float64]:
    """Rotation about one frame axis (or its derivative), shape ``angle.shape + (3, 3)``."""
    a = np.asarray(angle, dtype=np.float64)
    c, s = np.cos(a), np.sin(a)
    if derivative:
        c, s = -s, c  # d/da of (cos a, sin a)
        one = np.zeros_like(a)
    else:
        one = np.ones_like(a)
    zero = np.zeros_like(a)
    if axis == 0:
        rows = ((one, zero, zero), (zero, c, -s), (zero, s, c))
    elif axis == 1:
        rows = ((c, zero, s), (zero, one, zero), (-s, zero, c))
    else:
        rows = ((c, -s, zero), (s, c, zero), (zero, zero, one))
    return np.stack([np.stack(r, axis=-1) for r in rows], axis=-2)


def rot_x(angle_rad: ArrayLike) -> NDArray[np.float64]:
    """Rotation matrix about the x axis.

    Parameters
    ----------
    angle_rad : float or array_like, shape (...)
        Angle in radians, right-hand rule.

    Returns
    -------
    numpy.ndarray, shape (..., 3, 3)

    Examples
    --------
    >>> np.round(rot_x(np.pi / 2) @ [0.0, 1.0, 0.0], 12)
    array([0., 0., 1.])
    """
    return _elementary(angle_rad, 0)


def rot_y(angle_rad: ArrayLike) -> NDArray[np.float64]:
    """Rotation matrix about the y axis, shape ``(..., 3, 3)``.

    Examples
    --------
    >>> np.round(rot_y(np.pi / 2) @ [0.0, 0.0, 1.0], 12)
    array([1., 0., 0.])
    """
    return _elementary(angle_rad, 1)


def rot_z(angle_rad: ArrayLike) -> NDArray[np.float64]:
    """Rotation matrix about the z axis, shape ``(..., 3, 3)``.

    Examples
    --------
    >>> np.round(rot_z(np.pi / 2) @ [1.0, 0.0, 0.0], 12)
    array([0., 1., 0.])
    """
    return _elementary(angle_rad, 2)


def _signs(side: str) -> tuple[float, float]:
    if side not in _SIDES:
        raise ValueError(f"side must be one of 'right', 'left'; got {side!r}")
    return (1.0, 1.0) if side == "right" else (-1.0, -1.0)


def hip_rotation_matrix(
    flexion_rad: ArrayLike,
    adduction_rad: ArrayLike,
    rotation_rad: ArrayLike,
    side: str = "right",
) -> NDArray[np.float64]:
    """Femur-to-pelvis rotation for hip flexion, adduction and internal rotation.

    Parameters
    ----------
    flexion_rad, adduction_rad, rotation_rad : float or array_like
        Hip angles in radians (positive = flexion, adduction, internal
        rotation); they broadcast against each other.
    side : {"right", "left"}
        Which hip. The left hip is the mirror image of the right.

    Returns
    -------
    numpy.ndarray, shape (..., 3, 3)
        ``Rz(flexion) @ Rx(+-adduction) @ Ry(+-rotation)``.

    Examples
    --------
    Thirty degrees of adduction swings the right knee medially (toward -z):

    >>> knee = hip_rotation_matrix(0.0, np.deg2rad(30), 0.0) @ [0.0, -0.4, 0.0]
    >>> np.round(knee, 3)
    array([ 0.   , -0.346, -0.2  ])
    """
    sa, sr = _signs(side)
    f, a, r = np.broadcast_arrays(
        np.asarray(flexion_rad, float), np.asarray(adduction_rad, float), np.asarray(rotation_rad, float)
    )
    return rot_z(f) @ rot_x(sa * a) @ rot_y(sr * r)


def hip_rotation_derivatives(
    flexion_rad: ArrayLike,
    adduction_rad: ArrayLike,
    rotation_rad: ArrayLike,
    side: str = "right",
) -> NDArray[np.float64]:
    """Partial derivatives of :func:`hip_rotation_matrix` by each angle.

    Computed by the product rule on the elementary rotations (not from the
    joint axes), so it is an independent check of :func:`hip_axes`.

    Returns
    -------
    numpy.ndarray, shape (3, ..., 3, 3)
        ``dR/d(flexion)``, ``dR/d(adduction)``, ``dR/d(rotation)``.

    Examples
    --------
    >>> d = hip_rotation_derivatives(0.0, 0.0, 0.0)
    >>> d.shape
    (3, 3, 3)
    """
    sa, sr = _signs(side)
    f, a, r = np.broadcast_arrays(
        np.asarray(flexion_rad, float), np.asarray(adduction_rad, float), np.asarray(rotation_rad, float)
    )
    rz, rx, ry = rot_z(f), rot_x(sa * a), rot_y(sr * r)
    drz, drx, dry = _elementary(f, 2, True), sa * _elementary(sa * a, 0, True), sr * _elementary(sr * r, 1, True)
    return np.stack([drz @ rx @ ry, rz @ drx @ ry, rz @ rx @ dry])


def hip_axes(
    flexion_rad: ArrayLike,
    adduction_rad: ArrayLike,
    rotation_rad: ArrayLike = 0.0,
    side: str = "right",
) -> NDArray[np.float64]:
    """Unit axes of the three hip coordinates, in the pelvis frame.

    Turning the femur by ``dq`` about axis ``k`` moves a femur point ``p``
    (relative to the hip centre) by ``axis_k x p dq``.

    Returns
    -------
    numpy.ndarray, shape (3, ..., 3)
        Flexion axis (pelvis z), adduction axis (``Rz @ x``, signed by
        side), internal-rotation axis (``Rz @ Rx @ y``, signed by side).

    Examples
    --------
    >>> np.round(hip_axes(0.0, 0.0), 12)
    array([[0., 0., 1.],
           [1., 0., 0.],
           [0., 1., 0.]])
    """
    sa, sr = _signs(side)
    f, a, r = np.broadcast_arrays(
        np.asarray(flexion_rad, float), np.asarray(adduction_rad, float), np.asarray(rotation_rad, float)
    )
    rz = rot_z(f)
    rzx = rz @ rot_x(sa * a)
    z_axis = np.broadcast_to([0.0, 0.0, 1.0], f.shape + (3,))
    return np.stack([z_axis, sa * rz[..., :, 0], sr * rzx[..., :, 1]])


def hip_angles_from_matrix(rotation: ArrayLike, side: str = "right") -> NDArray[np.float64]:
    """Hip flexion, adduction and internal rotation of a femur-to-pelvis rotation.

    The inverse of :func:`hip_rotation_matrix` (unique while adduction stays
    within +-90 degrees).

    Parameters
    ----------
    rotation : array_like, shape (..., 3, 3)
        Femur-to-pelvis rotation matrices.
    side : {"right", "left"}

    Returns
    -------
    numpy.ndarray, shape (3, ...)
        Flexion, adduction, rotation in radians.

    Examples
    --------
    >>> angles = np.radians([20.0, -10.0, 15.0])
    >>> back = hip_angles_from_matrix(hip_rotation_matrix(*angles, side="left"), side="left")
    >>> np.round(np.degrees(back), 9)
    array([ 20., -10.,  15.])
    """
    sa, sr = _signs(side)
    r = np.asarray(rotation, dtype=np.float64)
    adduction = sa * np.arcsin(np.clip(r[..., 2, 1], -1.0, 1.0))
    rotation_angle = sr * np.arctan2(-r[..., 2, 0], r[..., 2, 2])
    flexion = np.arctan2(-r[..., 0, 1], r[..., 1, 1])
    return np.stack([flexion, adduction, rotation_angle])


def rotation_about_axis(axis: ArrayLike, angle_rad: ArrayLike) -> NDArray[np.float64]:
    """Rotation by ``angle_rad`` about a unit ``axis`` (right-hand rule; Rodrigues).

    Parameters
    ----------
    axis : array_like, shape (..., 3)
        Unit vectors.
    angle_rad : float or array_like, shape (...)

    Returns
    -------
    numpy.ndarray, shape (..., 3, 3)

    Examples
    --------
    >>> np.allclose(rotation_about_axis([0.0, 1.0, 0.0], 0.3), rot_y(0.3))
    True
    """
    k = np.asarray(axis, dtype=np.float64)
    a = np.asarray(angle_rad, dtype=np.float64)
    k, a = np.broadcast_arrays(k, a[..., None])
    a = a[..., 0]
    zero = np.zeros_like(a)
    cross = np.stack([np.stack([zero, -k[..., 2], k[..., 1]], -1),
                      np.stack([k[..., 2], zero, -k[..., 0]], -1),
                      np.stack([-k[..., 1], k[..., 0], zero], -1)], -2)
    s, c = np.sin(a)[..., None, None], np.cos(a)[..., None, None]
    return np.eye(3) + s * cross + (1.0 - c) * (cross @ cross)
