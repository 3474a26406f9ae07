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
    3. **Pelvic drop** from the hip-drop model (:func:`glutemed.pelvic_drop`;
       quiet-stance demand for the slow squat, the running stance model's
       peak drop for running). It adds hip adduction (the pelvis tilts over
       a femur that stays put) but, on its own, does not move the knee
       relative to the foot. Where that model says the abductors alone
       cannot hold the pelvis, a person compensates (leans the trunk over the
       stance leg, shortens the step): the chain then keeps the pelvis
       **level**, as if compensated, and says so (``pelvis_held`` False,
       ``pelvic_drop_deg`` 0); the trunk itself is not modelled.
    4. **Knee swing.** With hip and foot fixed, a bent leg can still swing
       its knee inward about the hip-ankle line (angle ``psi``). That single
       motion is dynamic valgus: seen at the hip it is adduction *and*
       internal rotation together. What resists it are the hip abductors and
       external rotators (the gluteus medius resists the adduction part; at
       squat hip flexion, about 30 deg, its three portions together make a
       net internal-rotation moment, so it drives the rotation part, which
       gluteus maximus and the deep external rotators, not modelled, must
       brake); this
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
``extra_hip_rotation_deg`` broadcast against each other.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from glutemed._checks import check_name, checked_array
from glutemed.geometry import Geometry, resolve_geometry
from glutemed.fppa import fppa_from_points
from glutemed.kinematics import ankle_under_hip_flexion_rad, cross2, leg_points_m, medial_sign, to_frontal
from glutemed.literature import literature_value
from glutemed.pelvic_drop import STRENGTH_RANGE, pelvic_drop
from glutemed.scaling import mirror_geometry
from glutemed.segments import upper_body_com
from glutemed.rotations import hip_angles_from_matrix, rot_x, rot_y, rot_z, rotation_about_axis
from glutemed.statics import SEXES

__all__ = [
    "CALIBRATED_ACTIVITY",
    "EXTRA_HIP_ROTATION_RANGE_DEG",
    "KNEE_ACTIVITIES",
    "KNEE_FLEXION_RANGE_DEG",
    "MAX_KNEE_SWING_DEG",
    "KneeValgusResult",
    "LegChain",
    "activity_knee_flexion_deg",
    "knee_swing_deg",
    "knee_valgus",
]

#: Activities of :func:`knee_valgus`: (literature entry for knee flexion, hip-drop demand).
KNEE_ACTIVITIES: dict[str, tuple[str, str]] = {
    "single_leg_squat": ("squat_knee_flexion", "stance"),
    "running": ("running_knee_flexion", "running"),
}
#: The activity the knee-swing line is calibrated on (Herrington's single-leg squat); the
#: others reuse its line.
CALIBRATED_ACTIVITY = "single_leg_squat"
#: Knee flexion the chain is built for, degrees: single-leg squats and running stance.
KNEE_FLEXION_RANGE_DEG: tuple[float, float] = (0.0, 90.0)
#: Extra internal rotation of the femur the chain accepts, degrees.
EXTRA_HIP_ROTATION_RANGE_DEG: tuple[float, float] = (-20.0, 20.0)
#: Largest knee swing of the model, degrees: a teaching bound that keeps the hip inside the
#: published joint ranges (adduction up to 30 deg) for every valid strength.
MAX_KNEE_SWING_DEG = 30.0

_PSI_GRID_DEG = np.linspace(0.0, 60.0, 1201)


@functools.lru_cache(maxsize=16)
def _right_side(g: Geometry) -> Geometry:
    """The right-side twin of a geometry (itself if it is right): the stance models are right-legged."""
    return g if g.side == "right" else mirror_geometry(g)


@dataclass(frozen=True)
class LegChain:
    """The posed chain in a world frame with the ankle at the origin, m (x anterior, y up, z right).

    Each point has shape ``S + (3,)`` (``S`` the broadcast shape of the inputs).

    Attributes
    ----------
    hip_m, knee_m, ankle_m : numpy.ndarray
        Joint centres of the stance leg.
    neutral_knee_m : numpy.ndarray
        Where the knee would be with no knee swing and no extra rotation.
    pelvis_rotation : numpy.ndarray, shape ``S + (3, 3)``
        Pelvis-to-world rotation (the pelvic drop), for posing the pelvis
        about the hip (:func:`glutemed.kinematics.rotate_points`).
    geometry : Geometry
        The leg's geometry (its side and landmarks).
    """

    hip_m: NDArray[np.float64]
    knee_m: NDArray[np.float64]
    ankle_m: NDArray[np.float64]
    neutral_knee_m: NDArray[np.float64]
    pelvis_rotation: NDArray[np.float64]
    geometry: Geometry


@dataclass(frozen=True)
class KneeValgusResult:
    """The knee valgus chain for one or many strengths (arrays of the broadcast shape).

    Attributes
    ----------
    fppa_deg : numpy.ndarray
        Frontal plane projection angle, degrees (positive = valgus).
    hip_adduction_deg, hip_rotation_deg, hip_flexion_deg : numpy.ndarray
        Total hip angles relative to the pelvis, degrees (positive =
        adduction, internal rotation, flexion), extra rotation included.
    pelvic_drop_deg : numpy.ndarray
        Contralateral pelvic drop from the hip-drop model, degrees.
    pelvis_held : numpy.ndarray of bool
        False where the hip-drop model's abductors alone cannot hold the
        pelvis; the chain then keeps it level, as if compensated (drop 0).
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
    shank_turn_on_foot_deg : numpy.ndarray
        How far the knee's hinge axis, and so the shank, turns about the
        vertical on the planted foot as the knee swings, degrees: what a
        real knee, ankle and foot must allow (the model's rigid foot does not).
    within_joint_ranges : numpy.ndarray of bool
        False where a hip angle leaves the published joint ranges (the model
        is then extrapolating).
    activity, sex : str
    chain : LegChain
        Points for drawing.
    """

    fppa_deg: NDArray[np.float64]
    hip_adduction_deg: NDArray[np.float64]
    hip_rotation_deg: NDArray[np.float64]
    hip_flexion_deg: NDArray[np.float64]
    pelvic_drop_deg: NDArray[np.float64]
    pelvis_held: NDArray[np.bool_]
    knee_medial_shift_m: NDArray[np.float64]
    knee_flexion_deg: NDArray[np.float64]
    knee_swing_deg: NDArray[np.float64]
    balance_tilt_deg: NDArray[np.float64]
    shank_turn_on_foot_deg: NDArray[np.float64]
    within_joint_ranges: NDArray[np.bool_]
    activity: str
    sex: str
    chain: LegChain


def _swing_rotation(knee_rad: NDArray[np.float64], psi_rad: NDArray[np.float64],
                    g: Geometry) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Femur-to-world rotation (level pelvis, no balance tilt) with the knee swung by ``psi``.

    Returns the rotation and the femur's rotation before the swing.
    """
    base = rot_z(ankle_under_hip_flexion_rad(knee_rad, g))
    _, hip_to_ankle = leg_points_m(base, knee_rad, g)
    axis = -hip_to_ankle / np.linalg.norm(hip_to_ankle, axis=-1, keepdims=True)  # ankle to hip, upward
    # a positive swing about the upward axis turns the (anterior) knee toward the midline
    return rotation_about_axis(axis, medial_sign(g.side) * psi_rad) @ base, base


@functools.lru_cache(maxsize=16)
def _swing_line(g: Geometry) -> tuple[float, float]:
    """Calibrated ``(psi_1, k)`` of the knee-swing line, degrees and degrees per unit strength."""
    knee = np.full_like(_PSI_GRID_DEG, np.radians(literature_value(KNEE_ACTIVITIES[CALIBRATED_ACTIVITY][0])))
    swung, _ = _swing_rotation(knee, np.radians(_PSI_GRID_DEG), g)
    fppa = fppa_from_points(np.zeros(3), *leg_points_m(swung, knee, g), side=g.side)
    if np.any(np.diff(fppa) <= 0):
        raise ValueError(f"{g.name}: FPPA does not grow with knee swing; cannot calibrate")
    psi_healthy = float(np.interp(literature_value("fppa_squat_controls"), fppa, _PSI_GRID_DEG))
    psi_pfp = float(np.interp(literature_value("fppa_squat_pfp"), fppa, _PSI_GRID_DEG))
    deficit = literature_value("pfp_abduction_strength_deficit") / 100.0
    return psi_healthy, (psi_pfp - psi_healthy) / deficit


def _strength(strength: ArrayLike) -> NDArray[np.float64]:
    return checked_array(strength, "strength", STRENGTH_RANGE, "(fraction of normative)")


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
    psi_1, slope = _swing_line(resolve_geometry(geometry))
    return np.clip(psi_1 + slope * (1.0 - _strength(strength)), 0.0, MAX_KNEE_SWING_DEG)[()]


def activity_knee_flexion_deg(activity: str) -> float:
    """The cited knee flexion of an activity, degrees.

    Examples
    --------
    >>> activity_knee_flexion_deg("running")  # Heiderscheit et al. 2011
    46.3
    """
    check_name(activity, "activity", KNEE_ACTIVITIES)
    return literature_value(KNEE_ACTIVITIES[activity][0])


def _medial_shift_m(knee_m: NDArray[np.float64], ankle_from_hip_m: NDArray[np.float64],
                    side: str) -> NDArray[np.float64]:
    """Signed distance of the knee from the hip-ankle line in the camera image, medial positive."""
    knee, line = to_frontal(knee_m, side), to_frontal(ankle_from_hip_m, side)
    return cross2(line / np.linalg.norm(line, axis=-1, keepdims=True), knee)


def _turn_seen_from_above_deg(a_m: NDArray[np.float64], b_m: NDArray[np.float64]) -> NDArray[np.float64]:
    """Angle between two vectors' horizontal (x, z) directions, degrees."""
    a, b = a_m[..., [0, 2]], b_m[..., [0, 2]]
    cos = (a * b).sum(axis=-1) / (np.linalg.norm(a, axis=-1) * np.linalg.norm(b, axis=-1))
    return np.degrees(np.arccos(np.clip(cos, -1.0, 1.0)))


def knee_valgus(
    strength: ArrayLike = 1.0,
    activity: str = "single_leg_squat",
    *,
    sex: str = "female",
    knee_flexion_deg: ArrayLike | None = None,
    extra_hip_rotation_deg: ArrayLike = 0.0,
    geometry: Geometry | str | None = None,
) -> KneeValgusResult:
    """The stance leg's chain for a given abductor strength: pelvic drop to FPPA.

    Parameters
    ----------
    strength : float or array_like
        Hip abductor strength as a fraction of the mean of the runner's sex (0-1.5).
    activity : {"single_leg_squat", "running"}
        Sets the knee flexion (cited) and the load of the hip-drop model.
    sex : {"female", "male"}
        Whose strength norm ``strength = 1`` means (Ramskov et al. 2014).
        Default ``"female"``: the FPPA groups (Herrington 2014) and the
        strength deficit (Ireland et al. 2003) of the calibration are women.
        The knee swing depends only on strength relative to the norm; the
        sex sets the pelvic drop.
    knee_flexion_deg : float, array_like or None
        Override the activity's knee flexion, degrees (:data:`KNEE_FLEXION_RANGE_DEG`).
    extra_hip_rotation_deg : float or array_like
        Extra internal rotation of the femur about its own long axis,
        degrees (:data:`EXTRA_HIP_ROTATION_RANGE_DEG`), on top of what the
        model gives; the whole chain is then moved so the foot stays where
        it was. The result's ``hip_rotation_deg`` is the total.
    geometry : Geometry, str or None
        Default gait2392, right leg; a mirrored geometry gives the left leg.

    Returns
    -------
    KneeValgusResult

    Raises
    ------
    ValueError
        For an unknown activity or sex, or a value outside its range.

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
    check_name(sex, "sex", SEXES)
    s = _strength(strength)
    knee_deg = activity_knee_flexion_deg(activity) if knee_flexion_deg is None else knee_flexion_deg
    knee = np.radians(checked_array(knee_deg, "knee_flexion_deg", KNEE_FLEXION_RANGE_DEG, "deg"))
    extra = checked_array(extra_hip_rotation_deg, "extra_hip_rotation_deg", EXTRA_HIP_ROTATION_RANGE_DEG, "deg")
    s, knee, extra = np.broadcast_arrays(s, knee, np.radians(extra))
    sign = medial_sign(g.side)

    drop = pelvic_drop(s, KNEE_ACTIVITIES[activity][1], 0.0, sex, _right_side(g))
    held = np.asarray(drop.held)
    drop_deg = np.where(held, drop.drop_deg, 0.0)  # not held: level, as if compensated
    com_m = np.where(held[..., None], drop.com_m, upper_body_com(0.0, 0.0, geometry=_right_side(g))[1])
    psi = np.radians(knee_swing_deg(s, g))
    swung, base = _swing_rotation(knee, psi, g)
    _, unswung_ankle = leg_points_m(base, knee, g)
    # the whole leg turns inward about the hip, seen from the front, until the foot is under the mass
    tilt = np.arcsin(np.clip(com_m[..., 0] / np.linalg.norm(unswung_ankle, axis=-1), -1.0, 1.0))
    tilt_rot = rot_x(sign * tilt)
    femur = tilt_rot @ swung @ rot_y(sign * extra)
    pelvis_rot = rot_x(-sign * np.radians(drop_deg))  # swing side lower

    knee_m, ankle_m = leg_points_m(femur, knee, g)
    neutral_knee_m, _ = leg_points_m(tilt_rot @ base, knee, g)
    flexion, adduction, rotation = np.degrees(hip_angles_from_matrix(np.swapaxes(pelvis_rot, -1, -2) @ femur,
                                                                     side=g.side))
    # the knee's hinge axis (thigh x shank), swung and unswung, seen from above
    hinge_turn = _turn_seen_from_above_deg(np.cross(knee_m, ankle_m - knee_m),
                                           np.cross(neutral_knee_m, ankle_m - neutral_knee_m))
    inside = np.ones(knee_m.shape[:-1], dtype=bool)
    for angle, coordinate in ((flexion, "hip_flexion"), (adduction, "hip_adduction"), (rotation, "hip_rotation")):
        lo, hi = g.range_deg(coordinate)
        inside &= (angle >= lo) & (angle <= hi)
    return KneeValgusResult(
        fppa_deg=fppa_from_points(np.zeros(3), knee_m, ankle_m, side=g.side)[()],
        hip_adduction_deg=adduction[()],
        hip_rotation_deg=rotation[()],
        hip_flexion_deg=flexion[()],
        pelvic_drop_deg=drop_deg[()],
        pelvis_held=held[()],
        knee_medial_shift_m=_medial_shift_m(knee_m, ankle_m, g.side)[()],
        knee_flexion_deg=np.degrees(knee)[()],
        knee_swing_deg=np.degrees(psi)[()],
        balance_tilt_deg=np.degrees(tilt)[()],
        shank_turn_on_foot_deg=hinge_turn[()],
        within_joint_ranges=inside[()],
        activity=activity,
        sex=sex,
        chain=LegChain(hip_m=-ankle_m, knee_m=knee_m - ankle_m, ankle_m=np.zeros_like(ankle_m),
                       neutral_knee_m=neutral_knee_m - ankle_m, pelvis_rotation=pelvis_rot, geometry=g),
    )
