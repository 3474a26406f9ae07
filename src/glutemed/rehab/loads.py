"""What an exercise asks of the working hip: quasi-static moments per kg of body mass.

Every formula gives the moment the working (right) hip must supply to hold
the pelvis, divided by body mass, N m/kg; positive means the loads tend to
let the pelvis go on the unsupported side (or to adduct a lifted leg). In
standing and side-lying that is the **external hip abduction moment**; in a
bridge on one foot it is a **pelvic-roll moment** (below). The parts:

Single-leg stance (:func:`single_leg_stance_nm_kg`)
    The body above the stance hip on its medial lever, from
    :func:`glutemed.single_leg_stance` (frontal plane, trunk upright):
    ``M1 / m = f_upper g d``. The model treats the pelvis and trunk as
    tilting with the femur, so hip flexion does not change it.
Both feet down (:func:`double_leg_stance_nm_kg`)
    The working leg as a free body: the ground pushes up with the share
    ``s`` of body weight at the foot, ``w`` medial of the hip, and the leg's
    own weight hangs on a straight-leg lever:
    ``M / m = g w (s - f_leg c / L)``. With the feet under the hips
    (``w = 0``) it is zero whatever the split: the ground force passes
    through the hip, and a shift of weight is made by moving the trunk over
    the loaded foot, not by the abductors. Whole-body balance then holds in
    the frontal plane (the earlier ``(2 s - 1) M1`` formula broke it).
A lifted leg's weight (:func:`limb_weight_nm_kg`)
    The leg (thigh, shank and foot masses of the geometry's model) at its
    posed centre of mass: ``m_leg/m g ((c x u) . a)``, with ``c`` the
    centre of mass from the hip, ``u`` the direction of gravity in the
    pelvis frame and ``a`` the hip's adduction axis in that pose.
A bridge on one foot (:func:`one_foot_bridge_nm_kg`)
    Lying on the back, gravity runs along the hip's abduction axis (at 0
    degrees of flexion), so weight makes no abduction moment. What the
    working hip must hold instead is the pelvis rolling toward the
    unsupported side. Taking the lumbosacral (back) joint as a ball that
    carries no twisting moment, the pelvis and the lifted leg can turn only
    about the line from the working hip centre to the back joint
    (:func:`pelvic_roll_axis`); their weights' moment about that line,
    ``sum m_i/m g ((r_i x u) . e)``, is the demand. It is an **upper
    bound**: a trunk that resists twisting takes part of it.
A band (:func:`band_moment_nm`)
    The band's pull on the working leg, ``F`` at the band's point ``p``
    (from the hip), toward the other leg: ``(p x F) . a``. Contact forces at
    the foot are not counted.

Lying on the back on both feet, the pelvis is held by both hips and the
demand is zero by symmetry (:data:`WEIGHT_PARTS`).
"""

from __future__ import annotations

import functools

import numpy as np
from numpy.typing import ArrayLike, NDArray

from glutemed._checks import check_name, checked_array
from glutemed.geometry import Geometry, resolve_geometry
from glutemed.kinematics import hip_angles_rad, knee_flexion_rad, leg_points_m, to_frontal
from glutemed.literature import literature_value
from glutemed.muscles import moment_arms, moment_arms_about_axis
from glutemed.rotations import hip_axes, hip_rotation_matrix, rot_z
from glutemed.scaling import mirror_geometry
from glutemed.segments import mass_model
from glutemed.statics import single_leg_stance

__all__ = [
    "GRAVITY_UNIT",
    "POSITIONS",
    "SUPPORTS",
    "WEIGHT_PARTS",
    "band_moment_nm",
    "double_leg_stance_nm_kg",
    "leg_com_m",
    "limb_weight_nm_kg",
    "one_foot_bridge_nm_kg",
    "pelvic_roll_axis",
    "portion_share",
    "single_leg_stance_nm_kg",
]

#: Body positions, and the direction of gravity in the pelvis frame for each
#: (side-lying: on the other side, the working side up).
GRAVITY_UNIT: dict[str, tuple[float, float, float]] = {
    "stance": (0.0, -1.0, 0.0),
    "supine": (-1.0, 0.0, 0.0),
    "side-lying": (0.0, 0.0, -1.0),
}
POSITIONS: tuple[str, ...] = tuple(GRAVITY_UNIT)
#: How the working leg is loaded: standing on it alone, sharing the weight with the other leg,
#: or lifting it (its own weight).
SUPPORTS: tuple[str, str, str] = ("single-leg", "double-leg", "limb")
#: The weight formula used for each (position, support) pair.
WEIGHT_PARTS: dict[tuple[str, str], str] = {
    ("stance", "single-leg"): "single-leg stance: M1/m = f_upper g d",
    ("stance", "double-leg"): "both feet down: g w (s - f_leg c/L), w = foot medial of the hip (0: under it)",
    ("side-lying", "limb"): "lifted leg: m_leg/m g ((c x u) . a), gravity toward the floor",
    ("supine", "single-leg"): "bridge on one foot, pelvic roll: sum m_i/m g ((r_i x u) . e), e = hip to back joint",
    ("supine", "double-leg"): "supine on both feet: 0 (gravity along the abduction axis, both hips hold the pelvis)",
}

_LEG_SEGMENTS_AT_ANKLE = ("talus_r", "calcn_r", "toes_r")


def _adduction_axis(f: NDArray, a: NDArray, r: NDArray, side: str) -> NDArray[np.float64]:
    return hip_axes(f, a, r, side)[1]


def leg_com_m(
    hip_flexion_deg: ArrayLike = 0.0,
    hip_adduction_deg: ArrayLike = 0.0,
    hip_rotation_deg: ArrayLike = 0.0,
    knee_flexion_deg: ArrayLike = 0.0,
    geometry: Geometry | str | None = None,
) -> NDArray[np.float64]:
    """Centre of mass of the posed leg relative to its hip centre, pelvis frame, m.

    The femur and tibia at their own centres of mass, the patella (where
    the model has one) at the knee, the foot segments at the ankle, as in
    :mod:`glutemed.segments`.

    Returns
    -------
    numpy.ndarray, shape ``S + (3,)``

    Examples
    --------
    The straight leg's centre of mass is about a third of a metre below the hip:

    >>> round(float(leg_com_m()[1]), 3)
    -0.345
    """
    g = resolve_geometry(geometry)
    f, a, r = hip_angles_rad(hip_flexion_deg, hip_adduction_deg, hip_rotation_deg, g)
    f, a, r, k = np.broadcast_arrays(f, a, r, knee_flexion_rad(knee_flexion_deg, g))
    rot = hip_rotation_matrix(f, a, r, g.side)
    masses, coms = g.segment_masses_kg, g.segment_com_m
    shank = rot_z(-k)  # tibia frame -> femur frame
    knee = g.knee_centre_m
    _, ankle = leg_points_m(np.broadcast_to(np.eye(3), k.shape + (3, 3)), k, g)  # femur frame
    # segment masses and centres of mass are stored for the right leg; a mirrored geometry keeps the names
    parts = [(masses["femur_r"], np.broadcast_to(coms["femur_r"], ankle.shape)),
             (masses["tibia_r"], knee + shank @ (coms["tibia_r"] - g.knee_in_tibia_m))]
    if "patella_r" in masses:
        parts.append((masses["patella_r"], np.broadcast_to(knee, ankle.shape)))
    parts += [(masses[s], ankle) for s in _LEG_SEGMENTS_AT_ANKLE]
    total = sum(m for m, _ in parts)
    com_femur = sum(m * p for m, p in parts) / total
    return np.einsum("...ij,...j->...i", rot, com_femur)


def limb_weight_nm_kg(
    hip_flexion_deg: ArrayLike,
    hip_adduction_deg: ArrayLike,
    hip_rotation_deg: ArrayLike,
    knee_flexion_deg: ArrayLike,
    position: str = "side-lying",
    geometry: Geometry | str | None = None,
) -> NDArray[np.float64]:
    """Abduction moment that a lifted leg's own weight asks of its hip, N m/kg of body mass.

    ``m_leg/m g ((c x u) . a)``: the leg's mass fraction (one leg of the
    geometry's segment masses, :func:`glutemed.segments.mass_model`), its
    centre of mass ``c`` (:func:`leg_com_m`), gravity ``u`` for the position
    (:data:`GRAVITY_UNIT`) and the hip's adduction axis ``a``.

    Examples
    --------
    Side-lying, the straight leg level with the trunk, then lifted 20 degrees:

    >>> [round(float(limb_weight_nm_kg(0, a, 0, 0)), 2) for a in (0.0, -20.0)]
    [0.66, 0.62]
    """
    g = resolve_geometry(geometry)
    check_name(position, "position", POSITIONS)
    com = leg_com_m(hip_flexion_deg, hip_adduction_deg, hip_rotation_deg, knee_flexion_deg, g)
    f, a, r = hip_angles_rad(hip_flexion_deg, hip_adduction_deg, hip_rotation_deg, g)
    axis = _adduction_axis(f, a, r, g.side)
    lever = np.einsum("...i,...i->...", np.cross(com, GRAVITY_UNIT[position]), axis)
    return (mass_model(g).leg_fraction * literature_value("gravity") * lever)[()]


def single_leg_stance_nm_kg(geometry: Geometry | str | None = None) -> float:
    """Abduction moment of quiet single-leg stance per kg of body mass, N m/kg (mass-independent).

    Examples
    --------
    >>> round(single_leg_stance_nm_kg(), 2)
    0.82
    """
    mass_kg = 70.0  # any mass in range: the moment is proportional to it
    return float(single_leg_stance(mass_kg, geometry=geometry).abductor_moment_nm) / mass_kg


@functools.lru_cache(maxsize=16)
def _straight_leg_com_ratio(g: Geometry) -> float:
    """The straight leg's centre of mass along it, as a fraction of hip-to-ankle length."""
    _, ankle = leg_points_m(np.eye(3), 0.0, g)
    return float(np.linalg.norm(leg_com_m(geometry=g)) / np.linalg.norm(ankle))


def double_leg_stance_nm_kg(
    working_leg_share: ArrayLike,
    foot_medial_m: ArrayLike = 0.0,
    geometry: Geometry | str | None = None,
) -> NDArray[np.float64]:
    """Abduction moment at the working hip with both feet down, N m/kg: ``g w (s - f_leg c/L)``.

    The working leg as a free body, straight: the ground pushes up with
    ``s`` of body weight at the foot, ``w`` medial of the hip, and the leg's
    weight (fraction ``f_leg``) acts at ``c/L`` of the way down.

    Parameters
    ----------
    working_leg_share : float or array_like
        Share of body weight on the working leg, 0-1 (0.5: even).
    foot_medial_m : float or array_like
        How far the working foot is medial of its hip, m (-0.3 to 0.3; 0:
        under the hip; negative: a wide stance, the foot lateral).

    Examples
    --------
    Feet under the hips, any split: zero. A foot 4 cm inside the hip's line:

    >>> [round(float(double_leg_stance_nm_kg(s)), 2) for s in (0.5, 0.75, 1.0)]
    [0.0, 0.0, 0.0]
    >>> [round(float(double_leg_stance_nm_kg(s, 0.04)), 2) for s in (0.5, 0.75, 1.0)]
    [0.16, 0.26, 0.36]
    """
    g = resolve_geometry(geometry)
    share = checked_array(working_leg_share, "working_leg_share", (0.0, 1.0), "of body weight")
    medial = checked_array(foot_medial_m, "foot_medial_m", (-0.3, 0.3), "m")
    leg = mass_model(g).leg_fraction * _straight_leg_com_ratio(g)
    return (literature_value("gravity") * medial * (share - leg))[()]


def pelvic_roll_axis(geometry: Geometry | str | None = None) -> NDArray[np.float64]:
    """Unit vector from the working hip centre to the back joint, pelvis frame.

    The line the pelvis (with the other leg) can turn about in a bridge on
    one foot when the back joint carries no twisting moment.

    Examples
    --------
    >>> pelvic_roll_axis().round(2)
    array([-0.17,  0.86, -0.48])
    """
    g = resolve_geometry(geometry)
    axis = g.pelvis_landmarks_m["back_joint"] - g.hip_centre_m
    return axis / np.linalg.norm(axis)


def one_foot_bridge_nm_kg(
    other_hip_flexion_deg: ArrayLike = 0.0,
    other_hip_adduction_deg: ArrayLike = 0.0,
    other_hip_rotation_deg: ArrayLike = 0.0,
    other_knee_flexion_deg: ArrayLike = 0.0,
    geometry: Geometry | str | None = None,
) -> NDArray[np.float64]:
    """Pelvic-roll moment a bridge on the working foot asks of its hip, N m/kg (an upper bound).

    Lying on the back (gravity toward the floor, along the pelvis's
    backward axis), the pelvis and the lifted other leg hang on the working
    hip and the back joint. Their weights' moment about the line between
    the two (:func:`pelvic_roll_axis`), per kg of body mass:
    ``sum m_i/m g ((r_i x u) . e)``. The back joint is taken to carry no
    twisting moment, so the trunk takes none of it: a real trunk takes some.

    Parameters
    ----------
    other_hip_flexion_deg, other_hip_adduction_deg, other_hip_rotation_deg, other_knee_flexion_deg : float or array_like
        Posture of the lifted leg, degrees (0: straight, in line with the trunk).

    Examples
    --------
    >>> round(float(one_foot_bridge_nm_kg()), 2)
    0.65
    """
    g = resolve_geometry(geometry)
    other = mirror_geometry(g)
    mm = mass_model(g)
    try:
        leg_com = other.hip_centre_m + leg_com_m(other_hip_flexion_deg, other_hip_adduction_deg,
                                                 other_hip_rotation_deg, other_knee_flexion_deg, other)
    except ValueError as exc:  # name this function's parameter, not the one it was passed on as
        raise ValueError(f"other_{exc}") from exc
    down = np.array(GRAVITY_UNIT["supine"])
    axis = pelvic_roll_axis(g)
    def lever(point: NDArray) -> NDArray:
        return np.einsum("...i,i->...", np.cross(point - g.hip_centre_m, down), axis)
    moment = mm.leg_fraction * lever(leg_com) + mm.pelvis_fraction * lever(g.segment_com_m["pelvis"])
    return (literature_value("gravity") * moment)[()]


def band_moment_nm(
    point_m: ArrayLike,
    force_n: ArrayLike,
    hip_flexion_deg: ArrayLike,
    hip_adduction_deg: ArrayLike,
    hip_rotation_deg: ArrayLike,
    geometry: Geometry | str | None = None,
) -> NDArray[np.float64]:
    """Abduction moment a force on the leg asks of the hip, N m: ``(p x F) . a``.

    Parameters
    ----------
    point_m : array_like, shape ``S + (3,)``
        Where the force acts, from the hip centre, pelvis frame, m.
    force_n : array_like, shape ``S + (3,)``
        The force on the leg, N.
    hip_flexion_deg, hip_adduction_deg, hip_rotation_deg : float or array_like
        The hip's pose (sets its adduction axis), degrees.

    Examples
    --------
    20 N pulling the knee (40 cm below the hip) toward the midline:

    >>> round(float(band_moment_nm([0.0, -0.4, 0.0], [0.0, 0.0, -20.0], 0, 0, 0)), 2)
    8.0
    """
    g = resolve_geometry(geometry)
    f, a, r = hip_angles_rad(hip_flexion_deg, hip_adduction_deg, hip_rotation_deg, g)
    moment = np.cross(np.asarray(point_m, dtype=np.float64), np.asarray(force_n, dtype=np.float64))
    return np.einsum("...i,...i->...", moment, _adduction_axis(f, a, r, g.side))[()]


def portion_share(
    hip_flexion_deg: ArrayLike = 0.0,
    hip_adduction_deg: ArrayLike = 0.0,
    hip_rotation_deg: ArrayLike = 0.0,
    geometry: Geometry | str | None = None,
    axis: ArrayLike | None = None,
) -> NDArray[np.float64]:
    """How the three portions share a moment, with equal activation.

    Each portion's part is its maximum isometric force times its moment arm,
    over the sum; the shares add up to 1. By default the moment is
    abduction (:func:`glutemed.moment_arms`); with ``axis`` it is about that
    pelvis-frame axis, positive for a pull that turns the femur about
    ``+axis`` (:func:`glutemed.muscles.moment_arms_about_axis`), as for
    :func:`pelvic_roll_axis`. A negative share means the portion works
    against the others in that pose.

    Returns
    -------
    numpy.ndarray, shape ``S + (3,)``
        Anterior, middle, posterior.

    Examples
    --------
    >>> portion_share().round(2)
    array([0.45, 0.29, 0.26])
    >>> portion_share(90.0).round(2)  # the anterior portion has become an adductor
    array([-1.26,  0.43,  1.83])
    >>> portion_share(axis=pelvic_roll_axis()).round(2)  # holding the pelvis from rolling in a bridge
    array([ 0.93,  0.24, -0.17])
    """
    g = resolve_geometry(geometry)
    if axis is None:
        arms = moment_arms(hip_flexion_deg, hip_adduction_deg, hip_rotation_deg, geometry=g).as_array()[..., 0]
    else:
        arms = moment_arms_about_axis(axis, hip_flexion_deg, hip_adduction_deg, hip_rotation_deg, geometry=g)
    parts = arms * g.max_isometric_force_n
    return parts / parts.sum(axis=-1, keepdims=True)
