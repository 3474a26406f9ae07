"""How far the pelvis drops on the swing side: demand against capacity.

A teaching model of contralateral pelvic drop in single-leg support (right
leg in stance). All moments are per kilogram of body mass (N m/kg), so the
drop does not depend on body mass.

**Demand** ``D(drop)``: the abduction moment needed to hold the body above
the stance hip, ``activity factor x g x upper-body fraction x lever``. The
lever (:mod:`glutemed.segments`) grows a little as the pelvis drops, because
the pelvis' centre of mass and the back joint, which sit above the hip line,
swing medially; leaning the trunk over the stance leg shortens it.

**Capacity** ``C(drop) = strength x S x c(drop)``: ``S`` is a normative
runner's eccentric hip abduction strength (Ramskov et al. 2014, men,
1.62 N m/kg); ``c`` is how the gluteus medius' moment (max forces x abduction
moment arms from :func:`glutemed.moment_arms`) changes with stance-hip
adduction, 1 at neutral. The femur is taken to stay vertical, so stance-hip
adduction equals the pelvic drop.

**Passive restoring moment** ``P(drop) = k (exp(drop / a) - 1)``: iliotibial
band, capsule and other passive tissue, stiffening steeply as the hip
adducts. The scale ``a`` is a teaching value; ``k`` is calibrated so that a
normative runner (strength 1, running, trunk upright) drops 5 degrees, an
illustrative value (one healthy runner's data distributed with OpenSim peaks
at about 5-7 degrees; published group means were not found).

The pelvis settles at the smallest drop where ``C + P >= D``: no drop at all
when the muscles alone can hold it level.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from glutemed._checks import as_finite_array, check_in_range
from glutemed.geometry import Geometry, resolve_geometry
from glutemed.literature import literature_value
from glutemed.segments import turn_frontal, upper_body_com
from glutemed.statics import TRUNK_LEAN_RANGE_DEG, abductor_unit_forces, activity_factor

__all__ = ["STRENGTH_RANGE", "DropCurves", "DropResult", "drop_curves", "hip_drop", "pelvic_drop"]

#: Valid abductor strength, as a fraction of a normative runner's.
STRENGTH_RANGE: tuple[float, float] = (0.0, 1.5)
_GRID_MAX_DEG = 30.0  # the hip adduction range of the published joint ranges
_GRID_STEP_DEG = 0.05


@dataclass(frozen=True)
class DropCurves:
    """Demand, capacity (at strength 1) and passive moment against pelvic drop.

    Attributes
    ----------
    drop_deg : numpy.ndarray, shape (n,)
        Pelvic drop grid, degrees.
    demand, capacity_at_norm, passive : numpy.ndarray, shape (n,)
        Moments, N m/kg.
    activity : str
    trunk_lean_deg : float
    """

    drop_deg: NDArray[np.float64]
    demand: NDArray[np.float64]
    capacity_at_norm: NDArray[np.float64]
    passive: NDArray[np.float64]
    activity: str
    trunk_lean_deg: float


def _lean(trunk_lean_deg: float) -> float:
    arr = as_finite_array(trunk_lean_deg, "trunk_lean_deg")
    if arr.ndim != 0:
        raise ValueError("trunk_lean_deg must be a single number here (strength may be an array)")
    return float(check_in_range(arr, "trunk_lean_deg", *TRUNK_LEAN_RANGE_DEG, "deg"))


def _raw_curves(activity: str, lean_deg: float, g: Geometry):
    drop = np.arange(0.0, _GRID_MAX_DEG + _GRID_STEP_DEG / 2, _GRID_STEP_DEG)
    fraction, com = upper_body_com(np.radians(drop), np.radians(lean_deg), geometry=g)
    demand = activity_factor(activity) * literature_value("gravity") * fraction * com[..., 0]
    _, moment_full, _ = abductor_unit_forces(drop, geometry=g)
    shape = moment_full.sum(axis=-1) / moment_full[0].sum()
    capacity = literature_value("abductor_strength_men") * shape
    return drop, demand, capacity


# memo of calibrations and curves, keyed by geometry identity (the Geometry is kept alive with it)
_MEMO: dict[tuple, tuple[Geometry, object]] = {}


def _memo(key: tuple, g: Geometry, make):
    hit = _MEMO.get(key)
    if hit is None or hit[0] is not g:
        if len(_MEMO) > 256:
            _MEMO.clear()
        hit = (g, make())
        _MEMO[key] = hit
    return hit[1]


def _passive_stiffness(g: Geometry) -> float:
    """``k`` of the passive moment, from the running calibration (N m/kg); memoised."""
    return _memo(("k", id(g)), g, lambda: _calibrate(g))


def _calibrate(g: Geometry) -> float:
    target = literature_value("healthy_running_drop")
    drop, demand, capacity = _raw_curves("running", 0.0, g)
    i = int(np.argmin(np.abs(drop - target)))
    shortfall = demand[i] - capacity[i]
    if shortfall <= 0:
        raise ValueError(f"{g.name}: a normative runner's abductors alone hold the pelvis level in this "
                         "model, so the passive moment cannot be calibrated")
    return float(shortfall / np.expm1(drop[i] / literature_value("passive_angle_scale")))


def drop_curves(activity: str = "running", trunk_lean_deg: float = 0.0,
                geometry: Geometry | str | None = None) -> DropCurves:
    """The three moment curves of the model against pelvic drop (0-30 deg).

    Examples
    --------
    >>> c = drop_curves("running")
    >>> bool(c.demand[0] > c.capacity_at_norm[0])  # running asks more than maximal strength at level
    True
    """
    g = resolve_geometry(geometry)
    lean = _lean(trunk_lean_deg)
    activity_factor(activity)  # validates the name

    def make() -> DropCurves:
        drop, demand, capacity = _raw_curves(activity, lean, g)
        passive = _passive_stiffness(g) * np.expm1(drop / literature_value("passive_angle_scale"))
        for arr in (drop, demand, capacity, passive):
            arr.flags.writeable = False
        return DropCurves(drop, demand, capacity, passive, activity, lean)

    return _memo(("curves", id(g), activity, lean), g, make)


@dataclass(frozen=True)
class DropResult:
    """Where the pelvis settles; arrays have the shape of ``strength``.

    Attributes
    ----------
    drop_deg : numpy.ndarray
        Contralateral pelvic drop, degrees (positive = swing side lower).
    demand, capacity, passive : numpy.ndarray
        Moments at that drop, N m/kg (capacity at this strength).
    activation_to_stay_level_pct : numpy.ndarray
        Demand over capacity with the pelvis level, %: above 100 the muscles
        alone cannot hold it level.
    hip_contact_force_bw : numpy.ndarray
        Hip contact force at that drop, body weights: the (activity-scaled)
        weight above the hip plus the pull that supplies the whole abduction
        moment. The passive tissue (iliotibial band, capsule) is taken to
        pull along the same line as the muscles: both run over the lateral
        side of the hip, so both press the joint together.
    curves : DropCurves
        The curves the result was read from.
    """

    drop_deg: NDArray[np.float64]
    demand: NDArray[np.float64]
    capacity: NDArray[np.float64]
    passive: NDArray[np.float64]
    activation_to_stay_level_pct: NDArray[np.float64]
    hip_contact_force_bw: NDArray[np.float64]
    curves: DropCurves


def hip_drop(strength: ArrayLike = 1.0, activity: str = "running", trunk_lean_deg: float = 0.0,
             geometry: Geometry | str | None = None) -> DropResult:
    """Solve the pelvic-drop model for one or many strengths (vectorised, no loop).

    Parameters are those of :func:`pelvic_drop`.

    Examples
    --------
    >>> r = hip_drop([1.0, 0.4])
    >>> bool(r.drop_deg[1] > r.drop_deg[0])
    True
    """
    s = check_in_range(as_finite_array(strength, "strength"), "strength", *STRENGTH_RANGE, "(fraction of normative)")
    c = drop_curves(activity, trunk_lean_deg, geometry)
    need = c.demand - c.passive  # what the muscles must supply at each drop
    # strength needed to balance at each drop; the first drop whose running minimum is reached
    needed_strength = need / c.capacity_at_norm
    running_min = np.minimum.accumulate(needed_strength)
    k = np.searchsorted(-running_min, -s, side="left")
    if np.any(k >= len(c.drop_deg)):
        raise ValueError("the pelvis would drop beyond 30 deg: outside this model")
    f_hi = s * c.capacity_at_norm[k] - need[k]
    km = np.maximum(k - 1, 0)
    f_lo = s * c.capacity_at_norm[km] - need[km]
    with np.errstate(invalid="ignore", divide="ignore"):
        t = np.where(k > 0, -f_lo / (f_hi - f_lo), 0.0)
    drop = np.where(k > 0, c.drop_deg[km] + t * (c.drop_deg[k] - c.drop_deg[km]), 0.0)
    demand = np.interp(drop, c.drop_deg, c.demand)
    passive = np.interp(drop, c.drop_deg, c.passive)
    contact = _contact_force_bw(drop, demand, activity, c.trunk_lean_deg, resolve_geometry(geometry))
    return DropResult(
        drop_deg=drop[()],
        demand=demand[()],
        capacity=(s * np.interp(drop, c.drop_deg, c.capacity_at_norm))[()],
        passive=passive[()],
        activation_to_stay_level_pct=np.where(s > 0, 100 * c.demand[0] / np.maximum(s, 1e-12) / c.capacity_at_norm[0],
                                              np.inf)[()],
        hip_contact_force_bw=contact[()],
        curves=c,
    )


def _contact_force_bw(drop_deg: NDArray[np.float64], moment: NDArray[np.float64], activity: str,
                      lean_deg: float, g: Geometry) -> NDArray[np.float64]:
    """Hip contact force (BW) when a pull along the abductors' line supplies ``moment`` (N m/kg)."""
    gravity = literature_value("gravity")
    force_full, moment_full, _ = abductor_unit_forces(drop_deg, geometry=g)
    resultant = force_full.sum(axis=-2)  # pelvis frame, on the pelvis
    lever = moment_full.sum(axis=-1) / np.linalg.norm(resultant, axis=-1)
    direction = turn_frontal(resultant / np.linalg.norm(resultant, axis=-1, keepdims=True), np.radians(drop_deg))
    muscle = direction * (moment / lever)[..., None]  # N/kg, world frame
    fraction, _ = upper_body_com(0.0, 0.0, geometry=g)
    weight = np.stack([np.zeros_like(drop_deg), -activity_factor(activity) * gravity * fraction
                       * np.ones_like(drop_deg)], axis=-1)
    return np.linalg.norm(muscle + weight, axis=-1) / gravity


def pelvic_drop(strength: ArrayLike = 1.0, activity: str = "running", trunk_lean_deg: float = 0.0,
                geometry: Geometry | str | None = None) -> NDArray[np.float64]:
    """Contralateral pelvic drop in single-leg support, degrees (swing side lower).

    Parameters
    ----------
    strength : float or array_like
        Hip abductor strength as a fraction of a normative runner's (1.0 =
        1.62 N m/kg, Ramskov et al. 2014); valid 0-1.5. Vectorised.
    activity : {"stance", "walking", "running"}
    trunk_lean_deg : float
        Trunk angle to the vertical, degrees, positive toward the stance side
        (-30 to 30).
    geometry : Geometry, str or None
        Default gait2392.

    Returns
    -------
    numpy.ndarray or float
        Drop in degrees, the shape of ``strength``.

    Examples
    --------
    >>> round(float(pelvic_drop(1.0, "running")), 1)  # the calibration point
    5.0
    >>> bool(pelvic_drop(0.4) > pelvic_drop(1.0))
    True
    >>> float(pelvic_drop(1.0, "stance"))  # the muscles alone hold it level
    0.0
    """
    return hip_drop(strength, activity, trunk_lean_deg, geometry).drop_deg
