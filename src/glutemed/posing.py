"""Pose the stick model: pelvis fixed, femur turned about the hip centre.

Every point is returned in the pelvis frame (x anterior, y superior, z right),
in metres, with a leading broadcast shape so that a whole sweep of angles is
one array operation.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from glutemed._checks import as_finite_array, check_in_range
from glutemed.geometry import Geometry, resolve_geometry
from glutemed.rotations import hip_rotation_matrix, rot_z

__all__ = ["LegPose", "hip_angles_rad", "pose_leg"]


def hip_angles_rad(
    hip_flexion_deg: ArrayLike,
    hip_adduction_deg: ArrayLike,
    hip_rotation_deg: ArrayLike,
    geometry: Geometry,
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """Check hip angles against the model's ranges and convert to radians.

    Parameters
    ----------
    hip_flexion_deg, hip_adduction_deg, hip_rotation_deg : float or array_like
        Hip angles in degrees (positive = flexion, adduction, internal
        rotation). They broadcast against each other.
    geometry : Geometry
        Supplies the valid ranges (the model's coordinate ranges).

    Returns
    -------
    tuple of numpy.ndarray
        Flexion, adduction, rotation in radians, broadcast to one shape.

    Raises
    ------
    TypeError
        For a non-numeric angle.
    ValueError
        For NaN, inf, or an angle outside the model's range; the message names
        the parameter and the range.

    Examples
    --------
    >>> from glutemed.geometry import load_geometry
    >>> f, a, r = hip_angles_rad([0, 90], 0, 0, load_geometry())
    >>> f.shape, a.shape
    ((2,), (2,))
    """
    arrays = []
    for value, name, coord in (
        (hip_flexion_deg, "hip_flexion_deg", "hip_flexion"),
        (hip_adduction_deg, "hip_adduction_deg", "hip_adduction"),
        (hip_rotation_deg, "hip_rotation_deg", "hip_rotation"),
    ):
        arr = as_finite_array(value, name)
        lo, hi = geometry.range_deg(coord)
        check_in_range(arr, name, lo, hi, "deg")
        arrays.append(np.deg2rad(arr))
    try:
        f, a, r = np.broadcast_arrays(*arrays)
    except ValueError as exc:
        raise ValueError(
            "hip_flexion_deg, hip_adduction_deg and hip_rotation_deg must broadcast to one shape"
        ) from exc
    return f, a, r


@dataclass(frozen=True)
class LegPose:
    """Points of the posed stick model in the pelvis frame, metres.

    Each attribute has shape ``S + (3,)`` (``S + (3, 3)`` for the muscle
    points: one row per portion), where ``S`` is the broadcast shape of the
    angles.

    Attributes
    ----------
    pelvis_m : dict of str to numpy.ndarray, shape (3,)
        Pelvis landmarks (fixed).
    hip_centre_m : numpy.ndarray, shape (3,)
        Hip centre of the posed side.
    greater_trochanter_m, knee_centre_m, ankle_centre_m : numpy.ndarray
        Femur and shank points, shape ``S + (3,)``.
    origins_m, insertions_m : numpy.ndarray, shape ``S + (3, 3)``
        Muscle origins (fixed) and insertions (moving) of the three portions.
    rotation : numpy.ndarray, shape ``S + (3, 3)``
        Femur-to-pelvis rotation.
    """

    pelvis_m: dict[str, NDArray[np.float64]]
    hip_centre_m: NDArray[np.float64]
    greater_trochanter_m: NDArray[np.float64]
    knee_centre_m: NDArray[np.float64]
    ankle_centre_m: NDArray[np.float64]
    origins_m: NDArray[np.float64]
    insertions_m: NDArray[np.float64]
    rotation: NDArray[np.float64]


def _femur_to_pelvis(rotation: NDArray[np.float64], hip: NDArray[np.float64],
                     points: NDArray[np.float64]) -> NDArray[np.float64]:
    """Map femur-frame points ``(..., 3)`` or ``(k, 3)`` through ``rotation`` (S, 3, 3)."""
    return hip + np.einsum("...ij,...kj->...ki", rotation, np.atleast_2d(points))


def pose_leg(
    hip_flexion_deg: ArrayLike = 0.0,
    hip_adduction_deg: ArrayLike = 0.0,
    hip_rotation_deg: ArrayLike = 0.0,
    knee_flexion_deg: ArrayLike = 0.0,
    geometry: Geometry | str | None = None,
) -> LegPose:
    """Pose the leg of the geometry's side with the pelvis held still.

    Parameters
    ----------
    hip_flexion_deg, hip_adduction_deg, hip_rotation_deg : float or array_like
        Hip angles, degrees (positive = flexion, adduction, internal rotation).
    knee_flexion_deg : float or array_like
        Knee flexion, degrees (0 = straight, positive = bent; the model's
        ``knee_angle`` range). A simple hinge about the femur's z axis at the
        knee centre: enough to draw the shank, not a knee model.
    geometry : Geometry, str or None
        Default gait2392, right side.

    Returns
    -------
    LegPose

    Examples
    --------
    With the hip flexed 90 degrees the knee is in front of the hip:

    >>> pose = pose_leg(hip_flexion_deg=90.0)
    >>> bool(pose.knee_centre_m[0] > pose.hip_centre_m[0] + 0.3)
    True
    """
    g = resolve_geometry(geometry)
    f, a, r = hip_angles_rad(hip_flexion_deg, hip_adduction_deg, hip_rotation_deg, g)
    knee = as_finite_array(knee_flexion_deg, "knee_flexion_deg")
    lo, hi = g.range_deg("knee_angle")
    check_in_range(knee, "knee_flexion_deg", lo, hi, "deg (knee flexion range)")
    f, a, r, knee = np.broadcast_arrays(f, a, r, np.deg2rad(knee))
    rot = hip_rotation_matrix(f, a, r, side=g.side)
    hip = g.hip_centre_m
    knee_local = g.knee_centre_m
    gt_local = g.femur_landmarks_m.get("greater_trochanter", g.insertions_m.mean(axis=0))
    knee_pos = hip + rot @ knee_local
    shank_rot = rot @ rot_z(-knee)  # knee flexion swings the shank backwards
    ankle_pos = knee_pos + shank_rot @ g.ankle_centre_m
    return LegPose(
        pelvis_m=dict(g.pelvis_landmarks_m),
        hip_centre_m=hip,
        greater_trochanter_m=hip + rot @ gt_local,
        knee_centre_m=knee_pos,
        ankle_centre_m=ankle_pos,
        origins_m=np.broadcast_to(g.origins_m, rot.shape[:-2] + (3, 3)),
        insertions_m=_femur_to_pelvis(rot, hip, g.insertions_m),
        rotation=rot,
    )
