"""How far the pelvis drops on the swing side: demand against capacity.

A teaching model of contralateral pelvic drop in single-leg support (right
leg in stance). All moments are per kilogram of body mass (N m/kg), so the
drop does not depend on body mass.

**Demand** ``D(drop)``: the abduction moment needed to hold the body above
the stance hip, ``activity factor x g x upper-body fraction x lever``. The
lever (:mod:`glutemed.segments`) grows a little as the pelvis drops, because
the pelvis' centre of mass and the back joint, which sit above the hip line,
swing medially; leaning the trunk over the stance leg shortens it.

**Capacity** ``C(drop) = strength x S x c(drop)``: ``S`` is the mean
eccentric hip abduction strength of novice runners of the chosen sex
(Ramskov et al. 2014: men 1.62, women 1.41 N m/kg); ``c`` is how the gluteus
medius' moment (max forces x abduction moment arms from
:func:`glutemed.moment_arms`) changes with stance-hip adduction, 1 at
neutral. The femur is taken to stay vertical, so stance-hip adduction equals
the pelvic drop.

**Passive restoring moment** ``P(drop) = k (exp(drop / a) - 1)``: iliotibial
band, capsule and other passive tissue, stiffening steeply as the hip
adducts. The scale ``a`` is a teaching value; ``k`` is calibrated so that a
normative male runner (strength 1, running, trunk upright) drops 5 degrees,
an illustrative value (one healthy runner's data distributed with OpenSim
peaks at about 5-7 degrees; published group means were not found).

The pelvis settles at the smallest drop where ``C + P >= D``: no drop at all
when the muscles alone can hold it level. Any drop in this model therefore
means the muscles are at full capacity; in gait a few degrees of drop is
normal and controlled eccentrically, so read the drop as how far the pelvis
would go if strength were the only limit.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from glutemed._checks import check_name, checked_array
from glutemed.geometry import Geometry, resolve_geometry
from glutemed.kinematics import turn_frontal
from glutemed.literature import literature_value
from glutemed.segments import upper_body_com
from glutemed.statics import (
    ACTIVITIES,
    SEXES,
    TRUNK_LEAN_RANGE_DEG,
    abductor_strength_norm_nm_kg,
    abductor_unit_forces,
    activity_factor,
)

__all__ = ["STRENGTH_RANGE", "DropCurves", "PelvicDropResult", "drop_curves", "pelvic_drop", "pelvic_drop_deg"]

#: Valid abductor strength, as a fraction of the mean of the runner's sex.
STRENGTH_RANGE: tuple[float, float] = (0.0, 1.5)
#: The sex the passive tissue is calibrated on (the normative runner of the calibration).
CALIBRATION_SEX = "male"
_GRID_MAX_DEG = 30.0  # the hip adduction range of the published joint ranges
_GRID_STEP_DEG = 0.05
_DROP_GRID_DEG = np.arange(0.0, _GRID_MAX_DEG + _GRID_STEP_DEG / 2, _GRID_STEP_DEG)
_DROP_GRID_DEG.flags.writeable = False


@dataclass(frozen=True)
class DropCurves:
    """Demand, capacity (at strength 1) and passive moment against pelvic drop.

    Attributes
    ----------
    drop_deg : numpy.ndarray, shape (n,)
        Pelvic drop grid, degrees.
    demand_nm_kg : numpy.ndarray, shape ``S + (n,)``
        Demand, N m/kg (``S`` the shape of the trunk lean).
    capacity_at_norm_nm_kg, passive_nm_kg : numpy.ndarray, shape (n,)
        Capacity at strength 1 and passive moment, N m/kg.
    activity, sex : str
    trunk_lean_deg : numpy.ndarray
    """

    drop_deg: NDArray[np.float64]
    demand_nm_kg: NDArray[np.float64]
    capacity_at_norm_nm_kg: NDArray[np.float64]
    passive_nm_kg: NDArray[np.float64]
    activity: str
    sex: str
    trunk_lean_deg: NDArray[np.float64]


def _demand_nm_kg(activity: str, lean_deg: NDArray[np.float64], g: Geometry) -> NDArray[np.float64]:
    """Demand on the drop grid, shape ``lean.shape + (n,)``."""
    fraction, com = upper_body_com(np.radians(_DROP_GRID_DEG), np.radians(lean_deg)[..., None], geometry=g)
    return activity_factor(activity) * literature_value("gravity") * fraction * com[..., 0]


@functools.lru_cache(maxsize=16)
def _leverage_shape(g: Geometry) -> NDArray[np.float64]:
    """How the portions' summed abduction moment at full force changes with drop, 1 at level."""
    _, moment_full, _ = abductor_unit_forces(_DROP_GRID_DEG, geometry=g)
    shape = moment_full.sum(axis=-1) / moment_full[0].sum()
    shape.flags.writeable = False
    return shape


@functools.lru_cache(maxsize=16)
def _passive_nm_kg(g: Geometry) -> NDArray[np.float64]:
    """The passive moment on the drop grid, with ``k`` from the running calibration."""
    scale_deg = literature_value("passive_angle_scale")
    target = literature_value("healthy_running_drop")
    i = int(np.argmin(np.abs(_DROP_GRID_DEG - target)))
    demand = _demand_nm_kg("running", np.asarray(0.0), g)
    shortfall = demand[i] - abductor_strength_norm_nm_kg(CALIBRATION_SEX) * _leverage_shape(g)[i]
    if shortfall <= 0:
        raise ValueError(f"{g.name}: a normative runner's abductors alone hold the pelvis level in this "
                         "model, so the passive moment cannot be calibrated")
    passive = shortfall / np.expm1(_DROP_GRID_DEG[i] / scale_deg) * np.expm1(_DROP_GRID_DEG / scale_deg)
    passive.flags.writeable = False
    return passive


@functools.lru_cache(maxsize=256)
def _scalar_lean_demand(activity: str, lean_deg: float, g: Geometry) -> NDArray[np.float64]:
    demand = _demand_nm_kg(activity, np.asarray(lean_deg), g)
    demand.flags.writeable = False
    return demand


def drop_curves(activity: str = "running", trunk_lean_deg: ArrayLike = 0.0, sex: str = CALIBRATION_SEX,
                geometry: Geometry | str | None = None) -> DropCurves:
    """The three moment curves of the model against pelvic drop (0-30 deg).

    Examples
    --------
    >>> c = drop_curves("running")
    >>> bool(c.demand_nm_kg[0] > c.capacity_at_norm_nm_kg[0])  # running asks more than maximal strength
    True
    """
    g = resolve_geometry(geometry)
    check_name(activity, "activity", ACTIVITIES)
    lean = checked_array(trunk_lean_deg, "trunk_lean_deg", TRUNK_LEAN_RANGE_DEG, "deg")
    demand = _scalar_lean_demand(activity, float(lean), g) if lean.ndim == 0 else _demand_nm_kg(activity, lean, g)
    return DropCurves(_DROP_GRID_DEG, demand, abductor_strength_norm_nm_kg(sex) * _leverage_shape(g),
                      _passive_nm_kg(g), activity, sex, lean)


@dataclass(frozen=True)
class PelvicDropResult:
    """Where the pelvis settles; arrays have the broadcast shape of strength and trunk lean.

    Attributes
    ----------
    strength : numpy.ndarray
        The strengths solved for (fraction of the norm of ``curves.sex``).
    drop_deg : numpy.ndarray
        Contralateral pelvic drop, degrees (positive = swing side lower).
    demand_nm_kg, capacity_nm_kg, passive_nm_kg : numpy.ndarray
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
    com_m : numpy.ndarray, shape ``S + (2,)``
        Centre of mass of the body above the stance hip at that drop,
        ``(medial, up)`` relative to the hip, m.
    curves : DropCurves
        The curves the result was read from.
    """

    strength: NDArray[np.float64]
    drop_deg: NDArray[np.float64]
    demand_nm_kg: NDArray[np.float64]
    capacity_nm_kg: NDArray[np.float64]
    passive_nm_kg: NDArray[np.float64]
    activation_to_stay_level_pct: NDArray[np.float64]
    hip_contact_force_bw: NDArray[np.float64]
    com_m: NDArray[np.float64]
    curves: DropCurves


def _settle(strength: NDArray[np.float64], c: DropCurves) -> NDArray[np.float64]:
    """The first drop on the grid where capacity + passive meet demand, interpolated; vectorised."""
    need = c.demand_nm_kg - c.passive_nm_kg  # what the muscles must supply at each drop
    # the least strength that holds the pelvis at or before each drop
    running_min = np.minimum.accumulate(need / c.capacity_at_norm_nm_kg, axis=-1)
    s, running_min, need = np.broadcast_arrays(strength[..., None], running_min, need)
    holds = running_min <= s
    if not np.all(holds[..., -1]):
        raise ValueError(f"the pelvis would drop beyond {_GRID_MAX_DEG:g} deg: outside this model")
    k = np.argmax(holds, axis=-1)[..., None]
    km = np.maximum(k - 1, 0)
    f_hi = np.take_along_axis(s * c.capacity_at_norm_nm_kg - need, k, -1)[..., 0]
    f_lo = np.take_along_axis(s * c.capacity_at_norm_nm_kg - need, km, -1)[..., 0]
    k, km = k[..., 0], km[..., 0]
    with np.errstate(invalid="ignore", divide="ignore"):
        t = np.where(k > 0, -f_lo / (f_hi - f_lo), 0.0)
    return np.where(k > 0, c.drop_deg[km] + t * (c.drop_deg[k] - c.drop_deg[km]), 0.0)


def _interp_rows(x: NDArray[np.float64], xp: NDArray[np.float64], fp: NDArray[np.float64]) -> NDArray[np.float64]:
    """``np.interp`` of ``x`` (shape S) on a regular grid ``xp``, with ``fp`` of shape ``(n,)`` or ``S + (n,)``."""
    step = xp[1] - xp[0]
    i = np.clip(((x - xp[0]) // step).astype(int), 0, len(xp) - 2)
    t = (x - xp[i]) / step
    fp = np.broadcast_to(fp, x.shape + xp.shape)
    lo = np.take_along_axis(fp, i[..., None], -1)[..., 0]
    hi = np.take_along_axis(fp, i[..., None] + 1, -1)[..., 0]
    return lo + t * (hi - lo)


def pelvic_drop(strength: ArrayLike = 1.0, activity: str = "running", trunk_lean_deg: ArrayLike = 0.0,
                sex: str = CALIBRATION_SEX, geometry: Geometry | str | None = None) -> PelvicDropResult:
    """Solve the pelvic-drop model for one or many strengths and leans (vectorised, no loop).

    Parameters
    ----------
    strength : float or array_like
        Hip abductor strength as a fraction of the mean of the runner's sex
        (0-1.5). Broadcasts against ``trunk_lean_deg``.
    activity : {"stance", "walking", "running"}
    trunk_lean_deg : float or array_like
        Trunk angle to the vertical, degrees, positive toward the stance side
        (:data:`glutemed.statics.TRUNK_LEAN_RANGE_DEG`).
    sex : {"male", "female"}
        Whose strength norm ``strength = 1`` means (Ramskov et al. 2014):
        men 1.62, women 1.41 N m/kg. Default ``"male"``, the sex the passive
        tissue is calibrated on.
    geometry : Geometry, str or None
        Default gait2392.

    Returns
    -------
    PelvicDropResult

    Examples
    --------
    >>> r = pelvic_drop([1.0, 0.4])
    >>> bool(r.drop_deg[1] > r.drop_deg[0])
    True
    >>> bool(pelvic_drop(1.0, sex="female").drop_deg > pelvic_drop(1.0, sex="male").drop_deg)
    True
    """
    g = resolve_geometry(geometry)
    s = checked_array(strength, "strength", STRENGTH_RANGE, "(fraction of normative)")
    check_name(sex, "sex", SEXES)
    c = drop_curves(activity, trunk_lean_deg, sex, g)
    s = np.broadcast_to(s, np.broadcast_shapes(s.shape, c.trunk_lean_deg.shape))
    drop = _settle(s, c)
    demand = _interp_rows(drop, c.drop_deg, c.demand_nm_kg)
    _, com = upper_body_com(np.radians(drop), np.radians(c.trunk_lean_deg), geometry=g)
    with np.errstate(divide="ignore", over="ignore"):
        level_pct = np.where(s > 0, 100 * c.demand_nm_kg[..., 0] / (s * c.capacity_at_norm_nm_kg[0]), np.inf)
    return PelvicDropResult(
        strength=s[()],
        drop_deg=drop[()],
        demand_nm_kg=demand[()],
        capacity_nm_kg=(s * np.interp(drop, c.drop_deg, c.capacity_at_norm_nm_kg))[()],
        passive_nm_kg=np.interp(drop, c.drop_deg, c.passive_nm_kg)[()],
        activation_to_stay_level_pct=level_pct[()],
        hip_contact_force_bw=_contact_force_bw(drop, demand, activity, g)[()],
        com_m=com,
        curves=c,
    )


def _contact_force_bw(drop_deg: NDArray[np.float64], moment_nm_kg: NDArray[np.float64], activity: str,
                      g: Geometry) -> NDArray[np.float64]:
    """Hip contact force (BW) when a pull along the abductors' line supplies ``moment_nm_kg``."""
    gravity = literature_value("gravity")
    force_full, moment_full, _ = abductor_unit_forces(drop_deg, geometry=g)
    resultant = force_full.sum(axis=-2)  # on the pelvis, pelvis axes
    lever = moment_full.sum(axis=-1) / np.linalg.norm(resultant, axis=-1)
    direction = turn_frontal(resultant / np.linalg.norm(resultant, axis=-1, keepdims=True), np.radians(drop_deg))
    muscle = direction * (moment_nm_kg / lever)[..., None]  # N/kg, world axes
    fraction, _ = upper_body_com(0.0, 0.0, geometry=g)
    weight = np.stack([np.zeros_like(drop_deg), np.full_like(drop_deg, -activity_factor(activity) * gravity
                                                             * fraction)], axis=-1)
    return np.linalg.norm(muscle + weight, axis=-1) / gravity


def pelvic_drop_deg(strength: ArrayLike = 1.0, activity: str = "running", trunk_lean_deg: ArrayLike = 0.0,
                    sex: str = CALIBRATION_SEX, geometry: Geometry | str | None = None) -> NDArray[np.float64]:
    """Just the drop of :func:`pelvic_drop`, degrees (swing side lower); same parameters.

    Examples
    --------
    >>> round(float(pelvic_drop_deg(1.0, "running")), 1)  # the calibration point
    5.0
    >>> bool(pelvic_drop_deg(0.4) > pelvic_drop_deg(1.0))
    True
    >>> float(pelvic_drop_deg(1.0, "stance"))  # the muscles alone hold it level
    0.0
    """
    return pelvic_drop(strength, activity, trunk_lean_deg, sex, geometry).drop_deg
