"""One kinematics core: pose the stick model and project it, for every model and view.

This is the only module that turns angles into points. It poses the pelvis
(a drop in the frontal plane) and the leg (hip flexion -> adduction ->
internal rotation, knee flexion as a hinge), projects points onto the
frontal plane for either side, and draws the stick pelvis from its
landmarks. The models (:mod:`glutemed.segments`, :mod:`glutemed.statics`,
:mod:`glutemed.pelvic_drop`, :mod:`glutemed.knee_chain`) and the views call it;
nothing else re-derives a leg chain or a projection.

Frontal-plane vectors are ``(medial, up)`` pairs in metres: *medial* points
from the leg toward the body's midline (``-z`` for the right leg, ``+z`` for
the left), *up* is ``+y``. A positive frontal turn lowers the medial side,
as a contralateral pelvic drop does.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from glutemed._checks import as_finite_array, check_in_range, check_name
from glutemed.geometry import SIDES, Geometry, resolve_geometry
from glutemed.rotations import hip_rotation_matrix, rot_z

__all__ = [
    "FrontalFigure",
    "LegPose",
    "ankle_under_hip_flexion_rad",
    "cross2",
    "frontal_figure",
    "hip_angles_rad",
    "knee_flexion_rad",
    "leg_points_m",
    "medial_sign",
    "pelvis_outline_m",
    "pose_leg",
    "rotate_points",
    "to_frontal",
    "to_stance_frontal",
    "turn_frontal",
]


def medial_sign(side: str) -> float:
    """+1 where medial is ``-z`` (right leg), -1 where it is ``+z`` (left leg).

    Examples
    --------
    >>> medial_sign("right"), medial_sign("left")
    (1.0, -1.0)
    >>> medial_sign("middle")
    Traceback (most recent call last):
    ...
    ValueError: side must be one of 'right', 'left'; got 'middle'
    """
    check_name(side, "side", SIDES)
    return 1.0 if side == "right" else -1.0


def to_frontal(vectors_m: ArrayLike, side: str = "right") -> NDArray[np.float64]:
    """Pelvis-frame vectors ``(..., 3)`` -> frontal ``(medial, up)`` pairs ``(..., 2)``.

    Examples
    --------
    A vector 10 cm toward the subject's left is medial for the right leg:

    >>> to_frontal([0.0, 0.5, -0.1], "right")
    array([0.1, 0.5])
    >>> to_frontal([0.0, 0.5, -0.1], "left")
    array([-0.1,  0.5])
    """
    v = np.asarray(vectors_m, dtype=np.float64)
    return np.stack([-medial_sign(side) * v[..., 2], v[..., 1]], axis=-1)


def to_stance_frontal(points_m: ArrayLike, geometry: Geometry) -> NDArray[np.float64]:
    """Pelvis-frame points -> ``(medial, up)`` relative to the geometry's (stance) hip centre.

    Examples
    --------
    >>> from glutemed.geometry import load_geometry
    >>> g = load_geometry()
    >>> to_stance_frontal(g.hip_centre_m, g)
    array([0., 0.])
    """
    return to_frontal(np.asarray(points_m, dtype=np.float64) - geometry.hip_centre_m, geometry.side)


def turn_frontal(points: ArrayLike, angle_rad: ArrayLike) -> NDArray[np.float64]:
    """Turn ``(medial, up)`` points or vectors about the origin by ``angle_rad``.

    A positive angle lowers the medial side, as a pelvic drop does; arrays
    of points ``(..., 2)`` and angles broadcast.

    Examples
    --------
    >>> np.round(turn_frontal(np.array([1.0, 0.0]), np.pi / 2), 12)
    array([ 0., -1.])
    """
    p = np.asarray(points, dtype=np.float64)
    c, s = np.cos(angle_rad), np.sin(angle_rad)
    m, y = p[..., 0], p[..., 1]
    return np.stack([m * c + y * s, -m * s + y * c], axis=-1)


def cross2(r: ArrayLike, f: ArrayLike) -> NDArray[np.float64]:
    """Frontal moment of force ``f`` at ``r`` (both ``(..., 2)`` medial, up); positive lifts the medial side.

    Examples
    --------
    >>> float(cross2([0.1, 0.0], [0.0, 10.0]))  # a push up, 10 cm medial
    1.0
    """
    r, f = np.asarray(r, dtype=np.float64), np.asarray(f, dtype=np.float64)
    return r[..., 0] * f[..., 1] - r[..., 1] * f[..., 0]


def rotate_points(rotation: ArrayLike, points_m: ArrayLike) -> NDArray[np.float64]:
    """Apply rotations ``S + (3, 3)`` to a set of points ``(k, 3)``: result ``S + (k, 3)``.

    Examples
    --------
    >>> rotate_points(np.eye(3), [[1.0, 2.0, 3.0]])
    array([[1., 2., 3.]])
    """
    return np.einsum("...ij,kj->...ki", np.asarray(rotation, dtype=np.float64),
                     np.atleast_2d(np.asarray(points_m, dtype=np.float64)))


def pelvis_outline_m(landmarks_m: dict[str, NDArray[np.float64]]) -> NDArray[np.float64]:
    """The stick pelvis: a polyline through the landmarks, shape ``(9, 3)``, NaN breaks it.

    ASIS to ASIS to right hip to left hip and back to the left ASIS; then each
    ASIS to the back of the pelvis, roughly along the iliac crest. The back is
    the sacrum marker where the model has one, else the mid-point of the two
    PSIS, else the back (lumbar) joint.

    Examples
    --------
    >>> from glutemed.geometry import load_geometry
    >>> pelvis_outline_m(load_geometry().pelvis_landmarks_m).shape
    (9, 3)
    """
    lm = landmarks_m
    if "sacrum" in lm:
        back = lm["sacrum"]
    elif "psis_right" in lm and "psis_left" in lm:
        back = (lm["psis_right"] + lm["psis_left"]) / 2
    else:
        back = lm["back_joint"]
    gap = np.full(3, np.nan)
    return np.array([lm["asis_left"], lm["asis_right"], lm["hip_centre_right"], lm["hip_centre_left"],
                     lm["asis_left"], gap, lm["asis_right"], back, lm["asis_left"]])


def hip_angles_rad(
    hip_flexion_deg: ArrayLike,
    hip_adduction_deg: ArrayLike,
    hip_rotation_deg: ArrayLike,
    geometry: Geometry,
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """Check hip angles against the joint ranges and convert to radians, broadcast to one shape.

    Raises
    ------
    TypeError
        For a non-numeric angle.
    ValueError
        For NaN, inf, an angle outside the range (the message names the
        parameter and the range), or shapes that do not broadcast.

    Examples
    --------
    >>> from glutemed.geometry import load_geometry
    >>> f, a, r = hip_angles_rad([0, 90], 0, 0, load_geometry())
    >>> f.shape, a.shape
    ((2,), (2,))
    """
    arrays = []
    for value, name in ((hip_flexion_deg, "hip_flexion_deg"), (hip_adduction_deg, "hip_adduction_deg"),
                        (hip_rotation_deg, "hip_rotation_deg")):
        arr = as_finite_array(value, name)
        check_in_range(arr, name, *geometry.range_deg(name.removesuffix("_deg")), "deg")
        arrays.append(np.deg2rad(arr))
    try:
        f, a, r = np.broadcast_arrays(*arrays)
    except ValueError as exc:
        raise ValueError("hip_flexion_deg, hip_adduction_deg and hip_rotation_deg must broadcast to one shape") from exc
    return f, a, r


def knee_flexion_rad(knee_flexion_deg: ArrayLike, geometry: Geometry,
                     name: str = "knee_flexion_deg") -> NDArray[np.float64]:
    """Check knee flexion against the joint range and convert to radians.

    Examples
    --------
    >>> from glutemed.geometry import load_geometry
    >>> float(np.degrees(knee_flexion_rad(60.0, load_geometry())))
    60.0
    """
    knee = as_finite_array(knee_flexion_deg, name)
    check_in_range(knee, name, *geometry.range_deg("knee_angle"), "deg (knee flexion range)")
    return np.deg2rad(knee)


def leg_points_m(rotation: ArrayLike, knee_flexion_rad: ArrayLike,
                 geometry: Geometry) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Knee and ankle centres relative to the hip for a femur rotation and a knee flexion.

    The knee is a hinge about the femur's z axis at the knee centre; flexion
    swings the shank backwards.

    Parameters
    ----------
    rotation : array_like, shape ``S + (3, 3)``
        Femur-to-frame rotation (the frame the points come out in).
    knee_flexion_rad : float or array_like, shape ``S``
    geometry : Geometry

    Returns
    -------
    knee_m, ankle_m : numpy.ndarray, shape ``S + (3,)``

    Examples
    --------
    >>> from glutemed.geometry import load_geometry
    >>> knee, ankle = leg_points_m(np.eye(3), 0.0, load_geometry())
    >>> bool(ankle[1] < knee[1] < 0)
    True
    """
    rot = np.asarray(rotation, dtype=np.float64)
    knee = rot @ geometry.knee_centre_m
    ankle = knee + (rot @ rot_z(-np.asarray(knee_flexion_rad, dtype=np.float64))) @ geometry.ankle_centre_m
    return knee, ankle


def ankle_under_hip_flexion_rad(knee_flexion_rad: ArrayLike, geometry: Geometry) -> NDArray[np.float64]:
    """Hip flexion that puts the ankle straight below the hip (seen from the side) for a knee flexion.

    Examples
    --------
    >>> from glutemed.geometry import load_geometry
    >>> round(float(np.degrees(ankle_under_hip_flexion_rad(np.radians(60.0), load_geometry()))), 1)
    31.7
    """
    knee = np.asarray(knee_flexion_rad, dtype=np.float64)
    _, ankle = leg_points_m(np.broadcast_to(np.eye(3), knee.shape + (3, 3)), knee, geometry)
    return np.arctan(ankle[..., 0] / ankle[..., 1])  # ankle[..., 1] < 0: the ankle is below the hip


@dataclass(frozen=True)
class LegPose:
    """Points of the posed stick model in the pelvis frame, metres.

    Each attribute has shape ``S + (3,)`` (``S + (3, 3)`` for the muscle
    points: one row per portion), where ``S`` is the broadcast shape of the
    angles.

    Attributes
    ----------
    side : {"right", "left"}
        Which leg is posed.
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

    side: str
    pelvis_m: dict[str, NDArray[np.float64]]
    hip_centre_m: NDArray[np.float64]
    greater_trochanter_m: NDArray[np.float64]
    knee_centre_m: NDArray[np.float64]
    ankle_centre_m: NDArray[np.float64]
    origins_m: NDArray[np.float64]
    insertions_m: NDArray[np.float64]
    rotation: NDArray[np.float64]


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
        Knee flexion, degrees (0 = straight): a hinge, enough to draw the
        shank, not a knee model.
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
    f, a, r, knee = np.broadcast_arrays(f, a, r, knee_flexion_rad(knee_flexion_deg, g))
    rot = hip_rotation_matrix(f, a, r, side=g.side)
    hip = g.hip_centre_m
    knee_m, ankle_m = leg_points_m(rot, knee, g)
    trochanter = g.femur_landmarks_m.get("greater_trochanter", g.insertions_m.mean(axis=0))
    return LegPose(
        side=g.side,
        pelvis_m=dict(g.pelvis_landmarks_m),
        hip_centre_m=hip,
        greater_trochanter_m=hip + rot @ trochanter,
        knee_centre_m=hip + knee_m,
        ankle_centre_m=hip + ankle_m,
        origins_m=np.broadcast_to(g.origins_m, rot.shape[:-2] + (3, 3)),
        insertions_m=hip + rotate_points(rot, g.insertions_m),
        rotation=rot,
    )


@dataclass(frozen=True)
class FrontalFigure:
    """The frontal stick figure of single-leg stance, ``(medial, up)`` relative to the stance hip, m.

    The stance femur stands vertical under the stance hip, or leans toward
    the midline by ``femur_adduction_rad`` (running's narrow step); the pelvis
    turns by the drop; the trunk stands at its own angle to the vertical; the
    swing leg hangs from the swing hip, drawn shortened (its foot is off the
    ground).

    Attributes
    ----------
    pelvis_m : numpy.ndarray, shape (9, 2)
        Stick pelvis (NaN breaks it), see :func:`pelvis_outline_m`.
    trunk_m : numpy.ndarray, shape (2, 2)
        Back joint to the top of the drawn trunk.
    stance_leg_m : numpy.ndarray, shape (3, 2)
        Hip, knee, ankle.
    neck_m : numpy.ndarray, shape (2, 2)
        Hip centre to the middle of the trochanter insertions.
    swing_hip_m : numpy.ndarray, shape (2,)
    swing_leg_m : numpy.ndarray, shape (2, 2)
    origins_m, insertions_m : numpy.ndarray, shape (3, 2)
        The three portions' ends.
    """

    pelvis_m: NDArray[np.float64]
    trunk_m: NDArray[np.float64]
    stance_leg_m: NDArray[np.float64]
    neck_m: NDArray[np.float64]
    swing_hip_m: NDArray[np.float64]
    swing_leg_m: NDArray[np.float64]
    origins_m: NDArray[np.float64]
    insertions_m: NDArray[np.float64]


#: The drawn trunk reaches this multiple of the torso's centre-of-mass height above the back joint.
_TRUNK_DRAWN_LENGTH = 1.6
#: The swing leg is drawn as thigh + this fraction of the shank (a bent knee, foot off the ground).
_SWING_SHANK_DRAWN = 0.6


def frontal_figure(pelvic_drop_rad: float = 0.0, trunk_lean_rad: float = 0.0,
                   geometry: Geometry | str | None = None, femur_adduction_rad: float = 0.0) -> FrontalFigure:
    """Points of the frontal stick figure in single-leg stance on the geometry's leg.

    Parameters
    ----------
    pelvic_drop_rad : float
        Pelvic drop, rad (positive = swing side lower).
    trunk_lean_rad : float
        Trunk angle to the vertical, rad (positive = toward the stance side).
    geometry : Geometry, str or None
        Default gait2392 (right leg in stance).
    femur_adduction_rad : float
        Lean of the stance femur toward the midline, rad (default 0: vertical).
        The stance leg, the neck and the insertions turn with it; hip
        adduction is then the drop plus this lean.

    Examples
    --------
    >>> fig = frontal_figure(np.radians(8.0))
    >>> bool(fig.swing_hip_m[1] < 0 < fig.swing_hip_m[0])  # swing hip medial and lower
    True
    >>> leaning = frontal_figure(femur_adduction_rad=np.radians(4.0))
    >>> bool(leaning.stance_leg_m[1, 0] > 0)  # the knee toward the midline
    True
    """
    g = resolve_geometry(geometry)
    lm = g.pelvis_landmarks_m
    drop, lean = float(pelvic_drop_rad), float(trunk_lean_rad)

    def on_pelvis(points: NDArray[np.float64]) -> NDArray[np.float64]:
        return turn_frontal(to_stance_frontal(points, g), drop)

    other = "hip_centre_left" if g.side == "right" else "hip_centre_right"
    back = on_pelvis(lm["back_joint"])
    trunk_offset = to_frontal(g.segment_com_m["torso"], g.side) * _TRUNK_DRAWN_LENGTH
    swing_hip = on_pelvis(lm[other])
    knee = np.array([0.0, -g.thigh_length_m])
    femur = -float(femur_adduction_rad)  # a negative turn takes points below the hip toward the midline

    def on_femur(points: NDArray[np.float64]) -> NDArray[np.float64]:
        return turn_frontal(points, femur)

    return FrontalFigure(
        pelvis_m=on_pelvis(pelvis_outline_m(lm)),
        trunk_m=np.array([back, back + turn_frontal(trunk_offset, -lean)]),
        stance_leg_m=on_femur(np.array([np.zeros(2), knee, knee - [0.0, g.shank_length_m]])),
        neck_m=on_femur(np.array([np.zeros(2), to_frontal(g.insertions_m.mean(axis=0), g.side)])),
        swing_hip_m=swing_hip,
        swing_leg_m=np.array([swing_hip, swing_hip - [0.0, g.thigh_length_m + _SWING_SHANK_DRAWN * g.shank_length_m]]),
        origins_m=on_pelvis(g.origins_m),
        insertions_m=on_femur(to_frontal(g.insertions_m, g.side)),  # the stance femur stays put (or leans)
    )
