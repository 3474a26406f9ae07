"""Single-leg stance in the frontal plane: the Pauwels balance of the pelvis.

Free body: everything above the right (stance) hip. Forces on it:

* its weight, ``activity factor x upper-body fraction x body weight``, at its
  centre of mass (:mod:`glutemed.segments`), medial of the stance hip;
* optionally a cane's upward push, held in the opposite hand;
* the pull of the three gluteus medius portions on the pelvis, toward the
  greater trochanter, sharing the load with equal activation (each portion's
  force is the same fraction of its maximum isometric force);
* the hip contact force, the femoral head pushing on the acetabulum.

Moments about the stance hip centre balance; the contact force balances the
other forces. Vectors are (medial, up) components in newtons, acting on the
upper body; positive moments lift the swing side.

``activity`` scales the weight by the published peak vertical ground force
of that activity (``data/literature_values.csv``): a quasi-static stand-in for
the dynamic load, not a gait simulation.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from glutemed._checks import check_name, checked_array
from glutemed.geometry import Geometry, resolve_geometry
from glutemed.kinematics import cross2, to_frontal
from glutemed.literature import literature_value
from glutemed.muscles import lines_of_action, moment_arms
from glutemed.segments import upper_body_com

__all__ = ["ACTIVITIES", "BODY_MASS_RANGE_KG", "CANE_FORCE_RANGE_BW", "TRUNK_LEAN_RANGE_DEG", "StanceResult",
           "SEXES", "abductor_strength_norm_nm_kg", "activity_factor", "abductor_unit_forces", "single_leg_stance"]

#: Sexes with a published strength norm (Ramskov et al. 2014).
SEXES: tuple[str, str] = ("female", "male")

#: Activities, in order of demand.
ACTIVITIES: tuple[str, str, str] = ("stance", "walking", "running")

#: Valid body mass, kg.
BODY_MASS_RANGE_KG: tuple[float, float] = (40.0, 150.0)
#: Valid trunk lean, degrees (positive toward the stance side).
TRUNK_LEAN_RANGE_DEG: tuple[float, float] = (-15.0, 30.0)
#: Valid cane force, body weights (Brand & Crowninshield 1980: canes rarely carry more than about 20 % BW).
CANE_FORCE_RANGE_BW: tuple[float, float] = (0.0, 0.25)


def abductor_strength_norm_nm_kg(sex: str) -> float:
    """Mean eccentric hip abduction strength of novice runners of one sex, N m/kg.

    ``strength = 1`` in every model means this norm (Ramskov et al. 2014,
    831 novice runners: men 1.62, women 1.41 N m/kg).

    Examples
    --------
    >>> abductor_strength_norm_nm_kg("female"), abductor_strength_norm_nm_kg("male")
    (1.41, 1.62)
    """
    check_name(sex, "sex", SEXES)
    return literature_value("abductor_strength_men" if sex == "male" else "abductor_strength_women")


def activity_factor(activity: str) -> float:
    """Peak vertical ground force of an activity, in body weights.

    Examples
    --------
    >>> [activity_factor(a) for a in ACTIVITIES]
    [1.0, 1.2, 2.5]
    """
    check_name(activity, "activity", ACTIVITIES)
    return literature_value(f"vertical_force_{activity}")


def abductor_unit_forces(
    hip_adduction_deg: ArrayLike = 0.0, geometry: Geometry | str | None = None
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """Per-portion frontal-plane pull at full activation, and their moments.

    Parameters
    ----------
    hip_adduction_deg : float or array_like
        Stance-hip adduction, degrees (equal to the pelvic drop when the femur
        stays vertical).
    geometry : Geometry, str or None

    Returns
    -------
    force_on_pelvis_n : numpy.ndarray, shape (..., 3, 2)
        Each portion's pull on the pelvis at its maximum isometric force,
        (medial, up), N: toward the trochanter.
    moment_nm : numpy.ndarray, shape (..., 3)
        Each portion's abduction moment at full activation, N m
        (max force x abduction moment arm from :func:`glutemed.moment_arms`).
    origin_m : numpy.ndarray, shape (3, 2)
        The portions' origins relative to the stance hip, (medial, up), m.

    Examples
    --------
    >>> f, m, o = abductor_unit_forces()
    >>> f.shape, m.shape
    ((3, 2), (3,))
    """
    g = resolve_geometry(geometry)
    lines = lines_of_action(0.0, hip_adduction_deg, 0.0, geometry=g)
    unit = np.stack([lines[p] for p in ("anterior", "middle", "posterior")], axis=-2)  # on femur
    force_on_pelvis = -to_frontal(unit, g.side) * g.max_isometric_force_n[:, None]
    arms = moment_arms(0.0, hip_adduction_deg, 0.0, geometry=g).as_array()[..., 0]  # abduction
    origin = to_frontal(g.origins_m - g.hip_centre_m, g.side)
    return force_on_pelvis, arms * g.max_isometric_force_n, origin


@dataclass(frozen=True)
class StanceResult:
    """Forces and levers of single-leg stance; arrays broadcast over the inputs.

    Attributes
    ----------
    body_weight_n : numpy.ndarray
        Body weight, N.
    activity : str
        ``"stance"``, ``"walking"`` or ``"running"``.
    upper_body_fraction : float
        Fraction of body weight above the stance hip.
    body_weight_lever_m : numpy.ndarray
        Horizontal distance of that weight's line medial of the stance hip, m.
    abductor_lever_m : float
        Lever of the resultant gluteus medius force about the hip centre, m.
    cane_lever_m : float
        Lever of the cane force about the stance hip, m.
    abductor_moment_nm : numpy.ndarray
        Abduction moment the muscles must supply, N m (0 if a cane does it all).
    activation : numpy.ndarray
        Fraction of each portion's maximum isometric force needed (0-1; above
        1 means gluteus medius alone cannot do it).
    abductor_force_n, hip_contact_force_n : numpy.ndarray
        Magnitudes, N.
    abductor_force_bw, hip_contact_force_bw : numpy.ndarray
        The same in body weights.
    hip_contact_angle_deg : numpy.ndarray
        Angle of the hip contact force from the vertical, degrees; positive
        when the femoral head pushes the pelvis up and medially (the usual case).
    weight_vector_n, cane_vector_n, abductor_vector_n, hip_contact_vector_n : numpy.ndarray
        Forces on the upper body, shape ``(..., 2)`` (medial, up), N.
    com_m : numpy.ndarray
        Upper-body centre of mass relative to the stance hip, ``(..., 2)``, m.
    cane_point_m : numpy.ndarray
        Where the cane force acts (medial, up) relative to the stance hip, m.
    balanced : numpy.ndarray of bool
        False where lean and cane together would tip the pelvis toward the
        stance side: the hip adductors (not in this model) would have to act,
        so the forces shown are not in balance there.
    """

    body_weight_n: NDArray[np.float64]
    activity: str
    upper_body_fraction: float
    body_weight_lever_m: NDArray[np.float64]
    abductor_lever_m: float
    cane_lever_m: float
    abductor_moment_nm: NDArray[np.float64]
    activation: NDArray[np.float64]
    abductor_force_n: NDArray[np.float64]
    hip_contact_force_n: NDArray[np.float64]
    abductor_force_bw: NDArray[np.float64]
    hip_contact_force_bw: NDArray[np.float64]
    hip_contact_angle_deg: NDArray[np.float64]
    weight_vector_n: NDArray[np.float64]
    cane_vector_n: NDArray[np.float64]
    abductor_vector_n: NDArray[np.float64]
    hip_contact_vector_n: NDArray[np.float64]
    com_m: NDArray[np.float64]
    cane_point_m: NDArray[np.float64]
    balanced: NDArray[np.bool_]


def single_leg_stance(
    body_mass_kg: ArrayLike = 70.0,
    trunk_lean_deg: ArrayLike = 0.0,
    cane_force_bw: ArrayLike = 0.0,
    activity: str = "stance",
    geometry: Geometry | str | None = None,
    *,
    cane_distance_m: float | None = None,
) -> StanceResult:
    """Abductor and hip contact forces in single-leg stance on the right leg.

    Parameters
    ----------
    body_mass_kg : float or array_like
        Body mass, kg (40-150, :data:`BODY_MASS_RANGE_KG`).
    trunk_lean_deg : float or array_like
        Trunk angle to the vertical, degrees (-15 to 30): **positive leans
        toward the stance side** (over the stance leg, as in a compensated
        Trendelenburg gait), negative toward the swing side.
    cane_force_bw : float or array_like
        Upward force through a cane in the opposite hand, body weights (0-0.25).
    activity : {"stance", "walking", "running"}
        Scales the weight by the activity's peak vertical ground force.
    geometry : Geometry, str or None
        Default gait2392 (right leg).
    cane_distance_m : float, optional
        Cane's line of force from the body's midline toward the swing side, m
        (default from ``data/literature_values.csv``, a teaching value).

    Returns
    -------
    StanceResult

    Raises
    ------
    ValueError
        Non-finite or out-of-range mass, lean or cane force, or an unknown
        activity; the message names the parameter and the valid range.

    Examples
    --------
    >>> r = single_leg_stance(70.0)
    >>> round(float(r.abductor_force_bw), 2), round(float(r.hip_contact_force_bw), 2)
    (1.81, 2.57)
    >>> bool(single_leg_stance(70.0, trunk_lean_deg=10).hip_contact_force_bw < r.hip_contact_force_bw)
    True
    """
    g = resolve_geometry(geometry)
    mass = checked_array(body_mass_kg, "body_mass_kg", BODY_MASS_RANGE_KG, "kg")
    lean = checked_array(trunk_lean_deg, "trunk_lean_deg", TRUNK_LEAN_RANGE_DEG, "deg")
    cane = checked_array(cane_force_bw, "cane_force_bw", CANE_FORCE_RANGE_BW, "BW")
    factor = activity_factor(activity)
    if cane_distance_m is None:
        cane_distance_m = literature_value("cane_lateral_distance")
    cane_distance_m = float(checked_array(cane_distance_m, "cane_distance_m", (0.0, 1.0), "m"))
    mass, lean, cane = np.broadcast_arrays(mass, lean, cane)

    weight = mass * literature_value("gravity")
    fraction, com = upper_body_com(0.0, np.radians(lean), geometry=g)
    lever = com[..., 0]
    cane_point = np.array([g.hip_centre_m[2] + cane_distance_m, 0.0])  # hand level does not matter
    weight_vec = np.stack([np.zeros_like(weight), -factor * fraction * weight], axis=-1)
    cane_vec = np.stack([np.zeros_like(weight), cane * weight], axis=-1)
    needed = -(cross2(com, weight_vec) + cross2(cane_point, cane_vec))  # moment the muscles must add
    balanced = needed >= 0.0
    needed = np.maximum(needed, 0.0)  # below 0 the adductors would be needed: outside this model

    force_full, moment_full, origin = abductor_unit_forces(0.0, geometry=g)
    activation = needed / moment_full.sum()
    abductor_vec = activation[..., None] * force_full.sum(axis=0)
    contact_vec = -(weight_vec + cane_vec + abductor_vec)
    abductor_n = np.linalg.norm(abductor_vec, axis=-1)
    contact_n = np.linalg.norm(contact_vec, axis=-1)
    resultant = np.linalg.norm(force_full.sum(axis=0))
    return StanceResult(
        body_weight_n=weight[()],
        activity=activity,
        upper_body_fraction=fraction,
        body_weight_lever_m=lever[()],
        abductor_lever_m=float(moment_full.sum() / resultant),
        cane_lever_m=float(cane_point[0]),
        abductor_moment_nm=needed[()],
        activation=activation[()],
        abductor_force_n=abductor_n[()],
        hip_contact_force_n=contact_n[()],
        abductor_force_bw=(abductor_n / weight)[()],
        hip_contact_force_bw=(contact_n / weight)[()],
        hip_contact_angle_deg=np.degrees(np.arctan2(contact_vec[..., 0], contact_vec[..., 1]))[()],
        weight_vector_n=weight_vec,
        cane_vector_n=cane_vec,
        abductor_vector_n=abductor_vec,
        hip_contact_vector_n=contact_vec,
        com_m=com,
        cane_point_m=cane_point,
        balanced=balanced[()],
    )
