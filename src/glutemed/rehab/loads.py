"""What an exercise asks of the working hip: quasi-static abduction moments per kg of body mass.

Every formula gives the **external hip abduction moment** the abductors of
the working (right) hip must balance, divided by body mass, N m/kg; positive
means the loads tend to adduct the hip. The parts:

Single-leg stance (:func:`single_leg_stance_nm_kg`)
    The body above the stance hip on its medial lever, from
    :func:`glutemed.single_leg_stance` (frontal plane, trunk upright):
    ``M1 / m = f_upper g d``. The model treats the pelvis and trunk as
    tilting with the femur, so hip flexion does not change it.
Double-leg stance (:func:`double_leg_stance_nm_kg`)
    Feet under the hips and the body's centre of mass midway between them;
    the working leg carries the share ``s`` of body weight. Moments about
    the working hip give ``(2 s - 1) M1 / m``: zero for an even split (the
    two hips are not asked to hold the pelvis level against one-sided
    support), ``M1 / m`` when all the weight is on the working leg.
A lifted leg's weight (:func:`limb_weight_nm_kg`)
    The leg (thigh, shank and foot masses of the geometry's model) at its
    posed centre of mass: ``m_leg/m g ((c x u) . a)``, with ``c`` the
    centre of mass from the hip, ``u`` the direction of gravity in the
    pelvis frame and ``a`` the hip's adduction axis in that pose.
A band (:func:`band_moment_nm`)
    The band's pull on the working leg, ``F`` at the band's point ``p``
    (from the hip), toward the other leg: ``(p x F) . a``. Contact forces at
    the foot are not counted.

Lying supine, gravity runs along the hip's abduction axis (at 0 degrees of
flexion), so body weight makes no abduction moment: the exercise files give
supine exercises a weight part of zero (:data:`WEIGHT_PARTS`).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from glutemed._checks import check_name, checked_array
from glutemed.geometry import Geometry, resolve_geometry
from glutemed.kinematics import hip_angles_rad, knee_flexion_rad, leg_points_m
from glutemed.literature import literature_value
from glutemed.muscles import moment_arms
from glutemed.rotations import hip_axes, hip_rotation_matrix, rot_z
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
    ("stance", "double-leg"): "double-leg stance: (2 s - 1) M1/m, feet under the hips",
    ("side-lying", "limb"): "lifted leg: m_leg/m g ((c x u) . a), gravity toward the floor",
    ("supine", "single-leg"): "supine: 0 (gravity along the abduction axis)",
    ("supine", "double-leg"): "supine: 0 (gravity along the abduction axis)",
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


def double_leg_stance_nm_kg(working_leg_share: ArrayLike, geometry: Geometry | str | None = None) -> NDArray:
    """Abduction moment at the working hip with both feet down, N m/kg: ``(2 s - 1) M1/m``.

    Parameters
    ----------
    working_leg_share : float or array_like
        Share of body weight on the working leg, 0-1 (0.5: even).

    Examples
    --------
    >>> [round(float(double_leg_stance_nm_kg(s)), 2) for s in (0.5, 0.75, 1.0)]
    [0.0, 0.41, 0.82]
    """
    share = checked_array(working_leg_share, "working_leg_share", (0.0, 1.0), "of body weight")
    return ((2.0 * share - 1.0) * single_leg_stance_nm_kg(geometry))[()]


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
) -> NDArray[np.float64]:
    """How the three portions share an abduction moment, with equal activation.

    Each portion's part is its maximum isometric force times its abduction
    moment arm (:func:`glutemed.moment_arms`), over the sum; the shares add
    up to 1. A negative share means the portion *adducts* in that pose: at
    equal activation it works against the others.

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
    """
    g = resolve_geometry(geometry)
    arms = moment_arms(hip_flexion_deg, hip_adduction_deg, hip_rotation_deg, geometry=g).as_array()[..., 0]
    parts = arms * g.max_isometric_force_n
    return parts / parts.sum(axis=-1, keepdims=True)
