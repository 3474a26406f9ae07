"""The knee valgus chain: pelvis, femur, shank and a planted foot.

A kinematic teaching model of *dynamic knee valgus* (Powers 2010): with the
foot on the ground and the knee bent, hip adduction and internal rotation
carry the knee inward, past the line from the hip to the ankle. What a
clinician measures from a frontal video is the **frontal plane projection
angle** (FPPA): the angle between the thigh (hip to knee) and the shank (knee
to ankle) drawn on the camera image, positive when the knee sits medial of
the hip-ankle line (valgus).

Two layers
----------
:func:`frontal_plane_projection_angle`
    Pure geometry. The leg of :func:`glutemed.posing.pose_leg` posed by hip
    angles and knee flexion, seen by a camera in front. By default the hip is
    flexed just enough to put the ankle under the hip (the thigh and shank
    fold over the foot, as in a squat or at running mid-stance). Internal
    rotation shows in the FPPA whenever the knee is bent; adduction only when
    the hip is flexed too (with the hip straight it tilts thigh and shank
    together).
:func:`knee_valgus`
    How abductor strength sets those angles, in four steps (right leg in
    stance; the left is its mirror image):

    1. **Posture.** Knee flexion for the activity (a cited value), hip
       flexed so that the ankle is under the hip.
    2. **Balance.** The whole leg tilts inward about the hip until the foot
       is under the centre of mass of the body above it
       (:func:`glutemed.segments.upper_body_com`). A tilt of the whole leg
       seen from the front does not change the FPPA.
    3. **Pelvic drop** from the hip-drop model (:func:`glutemed.hip_drop`;
       quiet-stance demand for the slow squat, running demand for running).
       It adds hip adduction (the pelvis tilts over a femur that stays put)
       but, on its own, does not move the knee relative to the foot.
    4. **Knee swing.** With hip and foot fixed, a bent leg can still swing
       its knee inward about the hip-ankle line (angle ``psi``). That single
       motion is dynamic valgus: seen at the hip it is adduction *and*
       internal rotation together. What resists it are the hip abductors and
       external rotators (the gluteus medius resists the adduction part; its
       portions' rotation levers shift toward internal rotation as the hip
       flexes, so the rotation part falls to other muscles in a squat); this
       model lets it grow in a straight line as strength falls,
       ``psi = clip(psi_1 + k (1 - strength), 0, 30 deg)``. ``psi_1`` and ``k`` are
       **calibrated**, not measured: ``psi_1`` so that the squat at strength
       1 gives the mean FPPA of Herrington's (2014) controls, and ``k`` so
       that a 26 % weaker hip (Ireland et al. 2003) gives the mean of their
       patellofemoral-pain group. Running uses the same line, an
       extrapolation with no calibration target of its own. The 30 degree
       cap is a teaching bound: it keeps the hip inside the published joint
       ranges when strength approaches zero.

Everything is vectorised: ``strength``, ``knee_flexion_deg`` and
``hip_rotation_deg`` broadcast against each other.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from glutemed._checks import as_finite_array, check_in_range, check_name
from glutemed.geometry import Geometry, mirror_geometry, resolve_geometry
from glutemed.literature import literature_value
from glutemed.pelvic_drop import STRENGTH_RANGE, hip_drop
from glutemed.posing import hip_angles_rad
from glutemed.rotations import (
    hip_angles_from_matrix,
    hip_rotation_matrix,
    rot_x,
    rot_y,
    rot_z,
    rotation_about_axis,
)
from glutemed.segments import upper_body_com

__all__ = [
    "CALIBRATED_ACTIVITY",
    "KNEE_ACTIVITIES",
    "MAX_KNEE_SWING_DEG",
    "KneeValgusResult",
    "LegChain",
    "fppa_from_points",
    "frontal_plane_projection_angle",
    "knee_swing_deg",
    "knee_valgus",
    "squat_hip_flexion_deg",
]

#: Activities of :func:`knee_valgus`: (literature entry for knee flexion, hip-drop demand).
KNEE_ACTIVITIES: dict[str, tuple[str, str]] = {
    "single_leg_squat": ("squat_knee_flexion", "stance"),
    "running": ("running_knee_flexion", "running"),
}
#: The activity the knee-swing line is calibrated on (Herrington's single-leg squat); the
#: others reuse its line.
CALIBRATED_ACTIVITY = "single_leg_squat"

_PSI_GRID_DEG = np.linspace(0.0, 60.0, 1201)
#: Largest knee swing of the model, degrees: a teaching bound that keeps the hip inside the
#: published joint ranges (adduction up to 30 deg) for every valid strength.
MAX_KNEE_SWING_DEG = 30.0


_RIGHT: dict[int, tuple[Geometry, Geometry]] = {}


def _right_side(g: Geometry) -> Geometry:
    """The right-side twin of a geometry (itself if it is right), kept so memoised models are reused."""
    if g.side == "right":
        return g
    hit = _RIGHT.get(id(g))
    if hit is None or hit[0] is not g:
        if len(_RIGHT) > 64:
            _RIGHT.clear()
        hit = (g, mirror_geometry(g))
        _RIGHT[id(g)] = hit
    return hit[1]


def _medial_sign(g: Geometry) -> float:
    """+1 where medial is -z (right leg), -1 for the left leg."""
    return 1.0 if g.side == "right" else -1.0


def fppa_from_points(hip: ArrayLike, knee: ArrayLike, ankle: ArrayLike, side: str = "right") -> NDArray[np.float64]:
    """Frontal plane projection angle from hip, knee and ankle centres, degrees.

    The points are projected on the frontal plane (the x coordinate, anterior,
    is dropped, as a camera in front of the subject sees them); the FPPA is
    the angle between the thigh line and the shank line, 0 when they are in
    one line, **positive when the knee is medial of the hip-ankle line**
    (valgus).

    Parameters
    ----------
    hip, knee, ankle : array_like, shape (..., 3)
        Points, m (x anterior, y up, z right).
    side : {"right", "left"}
        Which leg: medial is -z for the right leg, +z for the left.

    Returns
    -------
    numpy.ndarray, shape (...)

    Examples
    --------
    A right knee 3 cm medial of a straight hip-ankle line:

    >>> round(float(fppa_from_points([0, 0.8, 0], [0, 0.4, -0.03], [0, 0, 0])), 1)
    8.6
    """
    check_name(side, "side", ("right", "left"))
    sign = 1.0 if side == "right" else -1.0
    hip, knee, ankle = (np.asarray(p, dtype=np.float64) for p in (hip, knee, ankle))
    thigh = knee - hip
    shank = ankle - knee
    # (medial, up) components of each line in the camera image
    u = np.stack([-sign * thigh[..., 2], thigh[..., 1]], axis=-1)
    v = np.stack([-sign * shank[..., 2], shank[..., 1]], axis=-1)
    cross = u[..., 0] * v[..., 1] - u[..., 1] * v[..., 0]
    dot = (u * v).sum(axis=-1)
    return np.degrees(-np.arctan2(cross, dot))


def _squat_flexion_rad(knee_rad: NDArray[np.float64], g: Geometry) -> NDArray[np.float64]:
    """Hip flexion that puts the ankle straight under the hip (sagittal plane)."""
    c, s = np.cos(-knee_rad), np.sin(-knee_rad)
    a = g.ankle_centre_m
    # femur-frame hip-to-ankle vector with the knee bent (rot_z(-knee) @ a, x and y rows)
    vx = g.knee_centre_m[0] + c * a[0] - s * a[1]
    vy = g.knee_centre_m[1] + s * a[0] + c * a[1]
    return np.arctan(vx / vy)  # vy < 0: the ankle is below the hip


def _knee_rad(knee_flexion_deg: ArrayLike, g: Geometry, name: str = "knee_flexion_deg") -> NDArray[np.float64]:
    knee = as_finite_array(knee_flexion_deg, name)
    lo, hi = g.range_deg("knee_angle")
    check_in_range(knee, name, lo, hi, "deg (knee flexion range)")
    return np.deg2rad(knee)


def squat_hip_flexion_deg(knee_flexion_deg: ArrayLike = 0.0,
                          geometry: Geometry | str | None = None) -> NDArray[np.float64]:
    """Hip flexion that places the ankle under the hip for a given knee flexion, degrees.

    The thigh leans forward as much as the shank leans back, so the foot is
    straight below the hip seen from the side: the posture of a squat with
    the weight over the foot, or of running mid-stance.

    Examples
    --------
    >>> float(np.round(squat_hip_flexion_deg(0.0), 1))  # straight leg: upright
    0.3
    >>> bool(squat_hip_flexion_deg(60.0) > squat_hip_flexion_deg(30.0))
    True
    """
    g = resolve_geometry(geometry)
    return np.degrees(_squat_flexion_rad(_knee_rad(knee_flexion_deg, g), g))[()]


def frontal_plane_projection_angle(
    hip_adduction_deg: ArrayLike = 0.0,
    hip_rotation_deg: ArrayLike = 0.0,
    knee_flexion_deg: ArrayLike = 0.0,
    geometry: Geometry | str | None = None,
    *,
    hip_flexion_deg: ArrayLike | None = None,
) -> NDArray[np.float64]:
    """FPPA of a posed leg as a camera in front of the subject measures it, degrees.

    Parameters
    ----------
    hip_adduction_deg, hip_rotation_deg : float or array_like
        Hip angles relative to the pelvis, degrees (positive = adduction,
        internal rotation), within the model's joint ranges.
    knee_flexion_deg : float or array_like
        Knee flexion, degrees (0 = straight).
    geometry : Geometry, str or None
        Default gait2392, right leg; a mirrored geometry gives the left leg.
    hip_flexion_deg : float, array_like or None
        Hip flexion, degrees. ``None`` (default) flexes the hip just enough
        to put the ankle under the hip (:func:`squat_hip_flexion_deg`).

    Returns
    -------
    numpy.ndarray or float
        FPPA in degrees, positive = valgus (knee medial of the hip-ankle
        line), the broadcast shape of the inputs. A tilt of the pelvis in the
        frontal plane turns the whole picture and leaves the FPPA unchanged,
        so the pelvis frame serves as the camera frame.

    Examples
    --------
    Internal rotation looks like valgus only with the knee bent:

    >>> round(float(frontal_plane_projection_angle(0, 15, knee_flexion_deg=0)), 1)
    -0.2
    >>> round(float(frontal_plane_projection_angle(0, 15, knee_flexion_deg=60)), 1)
    14.3
    """
    g = resolve_geometry(geometry)
    knee = _knee_rad(knee_flexion_deg, g)
    flexion = np.degrees(_squat_flexion_rad(knee, g)) if hip_flexion_deg is None else hip_flexion_deg
    f, a, r = hip_angles_rad(flexion, hip_adduction_deg, hip_rotation_deg, g)
    f, a, r, knee = np.broadcast_arrays(f, a, r, knee)
    rot = hip_rotation_matrix(f, a, r, side=g.side)
    knee_pos = rot @ g.knee_centre_m
    ankle_pos = knee_pos + (rot @ rot_z(-knee)) @ g.ankle_centre_m
    return fppa_from_points(np.zeros(3), knee_pos, ankle_pos, side=g.side)[()]


@dataclass(frozen=True)
class LegChain:
    """Points of the posed chain in a world frame with the ankle at the origin, m.

    Each point has shape ``S + (3,)`` (``S`` the broadcast shape of the
    inputs); x anterior, y up, z to the subject's right.

    Attributes
    ----------
    hip, knee, ankle : numpy.ndarray
        Joint centres of the stance leg.
    pelvis : numpy.ndarray, shape ``S + (k, 3)``
        Pelvis stick points (NaN breaks the line), as in the other figures.
    neutral_knee : numpy.ndarray
        Where the knee would be with no knee swing and no extra rotation.
    """

    hip: NDArray[np.float64]
    knee: NDArray[np.float64]
    ankle: NDArray[np.float64]
    pelvis: NDArray[np.float64]
    neutral_knee: NDArray[np.float64]


@dataclass(frozen=True)
class KneeValgusResult:
    """The knee valgus chain for one or many strengths (arrays of the broadcast shape).

    Attributes
    ----------
    fppa_deg : numpy.ndarray
        Frontal plane projection angle, degrees (positive = valgus).
    hip_adduction_deg, hip_rotation_deg, hip_flexion_deg : numpy.ndarray
        Hip angles relative to the pelvis, degrees (positive = adduction,
        internal rotation, flexion).
    pelvic_drop_deg : numpy.ndarray
        Contralateral pelvic drop from the hip-drop model, degrees.
    knee_medial_shift_m : numpy.ndarray
        How far the knee centre sits medial of the hip-ankle line in the
        camera image, m (positive = medial).
    knee_flexion_deg : numpy.ndarray
        Knee flexion used, degrees.
    knee_swing_deg : numpy.ndarray
        Inward swing of the knee about the hip-ankle line, degrees.
    balance_tilt_deg : numpy.ndarray
        Inward tilt of the whole leg that puts the foot under the centre of
        mass, degrees.
    within_joint_ranges : numpy.ndarray of bool
        False where a hip angle leaves the published joint ranges (the model
        is then extrapolating).
    activity : str
    chain : LegChain
        Points for drawing.
    """

    fppa_deg: NDArray[np.float64]
    hip_adduction_deg: NDArray[np.float64]
    hip_rotation_deg: NDArray[np.float64]
    hip_flexion_deg: NDArray[np.float64]
    pelvic_drop_deg: NDArray[np.float64]
    knee_medial_shift_m: NDArray[np.float64]
    knee_flexion_deg: NDArray[np.float64]
    knee_swing_deg: NDArray[np.float64]
    balance_tilt_deg: NDArray[np.float64]
    within_joint_ranges: NDArray[np.bool_]
    activity: str
    chain: LegChain


def _swing_rotation(knee_rad: NDArray[np.float64], psi_rad: NDArray[np.float64],
                    g: Geometry) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Femur-to-world rotation (level pelvis, no balance tilt) with the knee swung by ``psi``.

    Returns the rotation and the femur's rotation before the swing.
    """
    base = rot_z(_squat_flexion_rad(knee_rad, g))
    hip_to_ankle = base @ g.knee_centre_m + (base @ rot_z(-knee_rad)) @ g.ankle_centre_m
    axis = -hip_to_ankle / np.linalg.norm(hip_to_ankle, axis=-1, keepdims=True)  # ankle to hip, upward
    # a positive swing about the upward axis turns the (anterior) knee toward the midline
    return rotation_about_axis(axis, _medial_sign(g) * psi_rad) @ base, base


def _fppa_of_swing(knee_rad: NDArray[np.float64], psi_rad: NDArray[np.float64], g: Geometry) -> NDArray[np.float64]:
    rot, _ = _swing_rotation(knee_rad, psi_rad, g)
    knee_pos = rot @ g.knee_centre_m
    ankle_pos = knee_pos + (rot @ rot_z(-knee_rad)) @ g.ankle_centre_m
    return fppa_from_points(np.zeros(3), knee_pos, ankle_pos, side=g.side)


def _swing_line(g: Geometry) -> tuple[float, float]:
    """Calibrated ``(psi_1, k)`` of the knee-swing line, degrees and degrees per unit strength."""
    from glutemed.pelvic_drop import _memo  # shared memo keyed by geometry identity

    def make() -> tuple[float, float]:
        knee = np.radians(literature_value(KNEE_ACTIVITIES[CALIBRATED_ACTIVITY][0]))
        fppa = _fppa_of_swing(np.full_like(_PSI_GRID_DEG, knee), np.radians(_PSI_GRID_DEG), g)
        if np.any(np.diff(fppa) <= 0):
            raise ValueError(f"{g.name}: FPPA does not grow with knee swing; cannot calibrate")
        psi_healthy = float(np.interp(literature_value("fppa_squat_controls"), fppa, _PSI_GRID_DEG))
        psi_pfp = float(np.interp(literature_value("fppa_squat_pfp"), fppa, _PSI_GRID_DEG))
        deficit = literature_value("pfp_abduction_strength_deficit") / 100.0
        return psi_healthy, (psi_pfp - psi_healthy) / deficit

    return _memo(("swing", id(g)), g, make)


def knee_swing_deg(strength: ArrayLike = 1.0, geometry: Geometry | str | None = None) -> NDArray[np.float64]:
    """Inward knee swing about the hip-ankle line for a given abductor strength, degrees.

    ``clip(psi_1 + k (1 - strength), 0, MAX_KNEE_SWING_DEG)`` with ``psi_1``
    and ``k`` calibrated on Herrington (2014) and Ireland et al. (2003); see
    the module docstring.

    Examples
    --------
    >>> bool(knee_swing_deg(0.5) > knee_swing_deg(1.0) > 0)
    True
    """
    g = resolve_geometry(geometry)
    s = check_in_range(as_finite_array(strength, "strength"), "strength", *STRENGTH_RANGE,
                       "(fraction of normative)")
    psi_1, slope = _swing_line(g)
    return np.clip(psi_1 + slope * (1.0 - s), 0.0, MAX_KNEE_SWING_DEG)[()]


def knee_valgus(
    strength: ArrayLike = 1.0,
    activity: str = "single_leg_squat",
    geometry: Geometry | str | None = None,
    *,
    knee_flexion_deg: ArrayLike | None = None,
    hip_rotation_deg: ArrayLike = 0.0,
) -> KneeValgusResult:
    """The stance leg's chain for a given abductor strength: pelvic drop to FPPA.

    Parameters
    ----------
    strength : float or array_like
        Hip abductor strength as a fraction of a normative runner's (0-1.5).
    activity : {"single_leg_squat", "running"}
        Sets the knee flexion (cited) and the load of the hip-drop model.
    geometry : Geometry, str or None
        Default gait2392, right leg; a mirrored geometry gives the left leg.
    knee_flexion_deg : float, array_like or None
        Override the activity's knee flexion, degrees (0-120).
    hip_rotation_deg : float or array_like
        Extra internal rotation of the femur about its own long axis,
        degrees (-40 to 40), on top of what the model gives; the whole chain
        is then moved so the foot stays where it was.

    Returns
    -------
    KneeValgusResult

    Raises
    ------
    ValueError
        For an unknown activity or a value outside its range.

    Examples
    --------
    >>> r = knee_valgus([1.0, 0.74])
    >>> np.round(r.fppa_deg, 1)  # the two calibration points
    array([ 8.4, 16.8])
    >>> round(float(knee_valgus(1.0, knee_flexion_deg=0.0).fppa_deg), 6)  # straight knee: no valgus
    0.0
    """
    g = resolve_geometry(geometry)
    check_name(activity, "activity", KNEE_ACTIVITIES)
    knee_entry, drop_activity = KNEE_ACTIVITIES[activity]
    s = check_in_range(as_finite_array(strength, "strength"), "strength", *STRENGTH_RANGE,
                       "(fraction of normative)")
    knee = _knee_rad(literature_value(knee_entry) if knee_flexion_deg is None else knee_flexion_deg, g)
    extra = as_finite_array(hip_rotation_deg, "hip_rotation_deg")
    check_in_range(extra, "hip_rotation_deg", *g.range_deg("hip_rotation"), "deg")
    s, knee, extra = np.broadcast_arrays(s, knee, np.radians(extra))
    sign = _medial_sign(g)

    right = _right_side(g)  # the stance models are written for the right leg; the left mirrors them
    drop = np.radians(hip_drop(s, drop_activity, 0.0, geometry=right).drop_deg)
    _, com = upper_body_com(drop, 0.0, geometry=right)
    psi = np.radians(knee_swing_deg(s, g))
    swung, base = _swing_rotation(knee, psi, g)
    unswung = base
    hip_to_ankle = np.linalg.norm(base @ g.knee_centre_m + (base @ rot_z(-knee)) @ g.ankle_centre_m, axis=-1)
    tilt = np.arcsin(np.clip(com[..., 0] / hip_to_ankle, -1.0, 1.0))  # foot under the centre of mass
    tilt_rot = rot_x(sign * tilt)  # the whole leg turns inward about the hip, seen from the front
    femur = tilt_rot @ swung @ rot_y(sign * extra)
    pelvis_rot = rot_x(-sign * drop)  # swing side lower

    knee_pos = femur @ g.knee_centre_m
    ankle_pos = knee_pos + (femur @ rot_z(-knee)) @ g.ankle_centre_m
    neutral_knee = (tilt_rot @ unswung) @ g.knee_centre_m
    relative = np.swapaxes(pelvis_rot, -1, -2) @ femur
    flexion, adduction, rotation = np.degrees(hip_angles_from_matrix(relative, side=g.side))
    fppa = fppa_from_points(np.zeros(3), knee_pos, ankle_pos, side=g.side)

    # medial distance of the knee from the hip-ankle line in the camera image
    line = ankle_pos[..., 1:] / np.linalg.norm(ankle_pos[..., 1:], axis=-1, keepdims=True)  # (y, z), unit
    k = knee_pos[..., 1:]
    shift = -sign * (k[..., 0] * line[..., 1] - k[..., 1] * line[..., 0])  # signed distance, medial positive

    hip = g.hip_centre_m
    lm = g.pelvis_landmarks_m
    back = lm.get("sacrum", lm["back_joint"])
    gap = np.full(3, np.nan)
    pelvis_local = np.array([lm["asis_left"], lm["asis_right"], lm["hip_centre_right"], lm["hip_centre_left"],
                             lm["asis_left"], gap, lm["asis_right"], back, lm["asis_left"]]) - hip
    pelvis = np.einsum("...ij,kj->...ki", pelvis_rot, pelvis_local)

    def planted(p: NDArray[np.float64]) -> NDArray[np.float64]:
        offset = ankle_pos if p.ndim == ankle_pos.ndim else ankle_pos[..., None, :]
        return p - offset

    chain = LegChain(
        hip=planted(np.zeros_like(knee_pos)), knee=planted(knee_pos), ankle=planted(ankle_pos),
        pelvis=planted(pelvis), neutral_knee=planted(neutral_knee),
    )
    inside = np.ones(fppa.shape, dtype=bool)
    for angle, coordinate in ((flexion, "hip_flexion"), (adduction, "hip_adduction"), (rotation, "hip_rotation")):
        lo, hi = g.range_deg(coordinate)
        inside &= (angle >= lo) & (angle <= hi)
    return KneeValgusResult(
        fppa_deg=fppa[()],
        hip_adduction_deg=adduction[()],
        hip_rotation_deg=rotation[()],
        hip_flexion_deg=flexion[()],
        pelvic_drop_deg=np.degrees(drop)[()],
        knee_medial_shift_m=shift[()],
        knee_flexion_deg=np.degrees(knee)[()],
        knee_swing_deg=np.degrees(psi)[()],
        balance_tilt_deg=np.degrees(tilt)[()],
        within_joint_ranges=inside[()],
        activity=activity,
        chain=chain,
    )
