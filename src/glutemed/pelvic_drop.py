"""How far the pelvis drops on the swing side: one entry point for stance, walking and running.

:func:`pelvic_drop` answers, for one or many abductor strengths, whether the
abductors hold the pelvis in single-leg support on the right leg, and how far
the swing side drops. Moments are per kilogram of body mass (N m/kg).

``activity="running"``
    The running stance model in time (:func:`glutemed.running.running_stance`,
    default speed and step rate): the pelvis drops while the demand of the
    body above the hip exceeds the abductors' isometric capacity, and the
    femur's own lean toward the midline adds to the hip's adduction. The
    result's drop is the peak of that stance.
``activity="stance"`` or ``"walking"``
    Quasi-static (:func:`quasi_static_drop`): the weight above the hip, times
    the activity's peak vertical ground force (1.0 BW standing, 1.2 BW walking,
    Keller et al. 1996), at its lever asks for a moment ``D``; the abductors
    give at most ``strength x S`` (``S`` the sex's strength norm, Ramskov et
    al. 2014). Either ``D <= S``: the pelvis is held level (the few degrees of
    normal, controlled pelvic obliquity of gait are not modelled); or it is
    not held, and the model reports the trunk lean over the stance leg that
    would shorten the lever enough (the compensated Trendelenburg gait).

There is no passive "catch": the hip's ligaments give far less than one per
cent of the moment needed. **Where the pelvis is not held**, the result says
so (``held`` False) and its ``drop_deg`` is the drop at which the hip reaches
the end of its adduction range (30 deg in the published models): a finite
lower bound, so drawings still work, never a resting position. (The knee
chain, :func:`glutemed.knee_valgus`, draws such a pelvis level instead, as if
the person compensated.)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from glutemed._checks import check_name, checked_array
from glutemed.geometry import Geometry, resolve_geometry
from glutemed.literature import literature_value
from glutemed.running import DEFAULT_SEX, STRENGTH_RANGE, running_stance
from glutemed.segments import upper_body_com
from glutemed.statics import (
    ACTIVITIES,
    SEXES,
    TRUNK_LEAN_RANGE_DEG,
    abductor_strength_norm_nm_kg,
    abductor_unit_forces,
    activity_factor,
)

__all__ = [
    "QUASI_STATIC_ACTIVITIES",
    "STRENGTH_RANGE",
    "DropCurves",
    "PelvicDropResult",
    "QuasiStaticDrop",
    "pelvic_drop",
    "pelvic_drop_deg",
    "quasi_static_drop",
]

#: Activities solved quasi-statically (no time course).
QUASI_STATIC_ACTIVITIES: tuple[str, str] = ("stance", "walking")
_LEAN_STEPS = 241


@dataclass(frozen=True)
class QuasiStaticDrop:
    """Single-leg support in quiet stance or walking; arrays have the broadcast shape of strength and lean.

    Attributes
    ----------
    held : numpy.ndarray of bool
        True where the abductors (at most full activation) hold the pelvis level at the given lean.
    activation_needed_pct : numpy.ndarray
        Demand over maximal capacity with the pelvis level, % (inf at zero strength).
    trunk_lean_needed_deg : numpy.ndarray
        Trunk lean over the stance leg at which the abductors just suffice,
        degrees (the given lean where it already suffices); NaN where even
        30 deg is not enough (no unaided single-leg support).
    demand_moment_nm_kg, capacity_moment_nm_kg : numpy.ndarray
        Abduction moment needed with the pelvis level at the given lean, and
        the abductors' maximal isometric moment, N m/kg.
    activity : str
    """

    held: NDArray[np.bool_]
    activation_needed_pct: NDArray[np.float64]
    trunk_lean_needed_deg: NDArray[np.float64]
    demand_moment_nm_kg: NDArray[np.float64]
    capacity_moment_nm_kg: NDArray[np.float64]
    activity: str


def _strength(strength: ArrayLike) -> NDArray[np.float64]:
    return checked_array(strength, "strength", STRENGTH_RANGE, "(fraction of normative)")


def _lean(trunk_lean_deg: ArrayLike) -> NDArray[np.float64]:
    return checked_array(trunk_lean_deg, "trunk_lean_deg", TRUNK_LEAN_RANGE_DEG, "deg")


def _demand_level_nm_kg(activity: str, lean_deg: ArrayLike, g: Geometry) -> NDArray[np.float64]:
    fraction, com = upper_body_com(0.0, np.radians(lean_deg), geometry=g)
    return activity_factor(activity) * literature_value("gravity") * fraction * com[..., 0]


def _first_crossing(x: NDArray[np.float64], y: NDArray[np.float64], level: NDArray[np.float64]) -> NDArray[np.float64]:
    """Per row, the ``x`` where ``y`` (falling along the last axis) first reaches ``level``; NaN if never."""
    below = y <= level[..., None]
    k = np.maximum(np.argmax(below, axis=-1), 1)[..., None]

    def pick(a: NDArray[np.float64], i: NDArray[np.intp]) -> NDArray[np.float64]:
        return np.take_along_axis(a, i, -1)[..., 0]

    x0, x1, y0, y1 = pick(x, k - 1), pick(x, k), pick(y, k - 1), pick(y, k)
    with np.errstate(divide="ignore", invalid="ignore"):
        at = np.where(y1 < y0, x0 + (y0 - level) / (y0 - y1) * (x1 - x0), x0)
    return np.where(below.any(axis=-1), at, np.nan)


def quasi_static_drop(strength: ArrayLike = 1.0, activity: str = "stance", trunk_lean_deg: ArrayLike = 0.0,
                      sex: str = DEFAULT_SEX, geometry: Geometry | str | None = None) -> QuasiStaticDrop:
    """Hold the pelvis level, or lean the trunk over the stance leg (compensated Trendelenburg).

    Parameters
    ----------
    strength : float or array_like
        Fraction of the sex's mean abduction strength (0-1.5).
    activity : {"stance", "walking"}
    trunk_lean_deg : float or array_like
        The lean already used, degrees (-15 to 30, positive over the stance
        leg); broadcasts against ``strength``.
    sex : {"female", "male"}
    geometry : Geometry, str or None

    Returns
    -------
    QuasiStaticDrop

    Examples
    --------
    >>> r = quasi_static_drop([1.0, 0.3], "walking")
    >>> r.held.tolist()
    [True, False]
    >>> bool(r.trunk_lean_needed_deg[1] > 0)
    True
    """
    g = resolve_geometry(geometry)
    check_name(activity, "activity", QUASI_STATIC_ACTIVITIES)
    check_name(sex, "sex", SEXES)
    s, lean = np.broadcast_arrays(_strength(strength), _lean(trunk_lean_deg))
    capacity = s * abductor_strength_norm_nm_kg(sex)
    demand = _demand_level_nm_kg(activity, lean, g)
    held = capacity >= demand
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        needed_pct = np.where(capacity > 0, 100.0 * demand / np.where(capacity > 0, capacity, 1.0), np.inf)
    # the demand falls as the lean grows: where it meets the capacity, on a fine grid of leans per runner
    leans = np.linspace(lean, TRUNK_LEAN_RANGE_DEG[1], _LEAN_STEPS, axis=-1)  # S + (L,)
    crossing = _first_crossing(leans, _demand_level_nm_kg(activity, leans, g), capacity)
    needed_lean = np.where(held, lean, crossing)
    return QuasiStaticDrop(
        held=held[()],
        activation_needed_pct=needed_pct[()],
        trunk_lean_needed_deg=needed_lean[()],
        demand_moment_nm_kg=demand[()],
        capacity_moment_nm_kg=capacity[()],
        activity=activity,
    )


@dataclass(frozen=True)
class DropCurves:
    """Moments and drop over one stance, for drawing; time on the last axis.

    For running these are the model's time courses; quiet stance and walking
    are quasi-static, so their curves are flat (two points, 0 and 100 %).

    Attributes
    ----------
    stance_pct : numpy.ndarray, shape (T,)
        Time from initial contact, % of stance.
    demand_nm_kg, capacity_nm_kg, muscle_nm_kg, passive_nm_kg : numpy.ndarray, shape S + (T,)
        Demand, maximal isometric capacity, muscle and passive moments, N m/kg.
    drop_deg : numpy.ndarray, shape S + (T,)
        Pelvic drop, degrees (NaN after the pelvis is lost).
    """

    stance_pct: NDArray[np.float64]
    demand_nm_kg: NDArray[np.float64]
    capacity_nm_kg: NDArray[np.float64]
    muscle_nm_kg: NDArray[np.float64]
    passive_nm_kg: NDArray[np.float64]
    drop_deg: NDArray[np.float64]


@dataclass(frozen=True)
class PelvicDropResult:
    """Whether and how far the pelvis drops; arrays have the broadcast shape ``S`` of strength and lean.

    Attributes
    ----------
    strength, trunk_lean_deg : numpy.ndarray
        The inputs, broadcast.
    activity, sex : str
    held : numpy.ndarray of bool
        False where the abductors cannot hold the pelvis (it would drop to the
        end of the hip's adduction range without compensation).
    drop_deg : numpy.ndarray
        Peak contralateral pelvic drop, degrees (positive = swing side
        lower); where not held, the drop at which the hip reaches the end of
        its adduction range (a lower bound).
    hip_adduction_deg : numpy.ndarray
        Peak stance-hip adduction: the drop plus ``femur_adduction_deg``, degrees.
    femur_adduction_deg : float
        The stance femur's lean toward the midline, degrees: running's narrow
        step width (:func:`glutemed.stance_dynamics.femur_adduction_deg`);
        0 for the quasi-static activities (femur vertical).
    demand_nm_kg, capacity_nm_kg, muscle_nm_kg, passive_nm_kg : numpy.ndarray
        Demand, maximal isometric capacity, muscle and passive moments, N m/kg;
        running: at the peak of the demand (the ground-force peak; the last
        instant held if the pelvis is lost before it).
    activation_to_stay_level_pct : numpy.ndarray
        Peak demand over isometric capacity with the pelvis level, %: above
        100 the abductors alone cannot hold it level.
    trunk_lean_needed_deg : numpy.ndarray
        Quiet stance and walking: the lean over the stance leg at which the
        abductors suffice (NaN if 30 deg is not enough). Running: NaN (not
        computed; try leans with ``trunk_lean_deg``).
    hip_contact_force_bw : numpy.ndarray
        Peak hip contact force, body weights (running: over the time held).
    com_m : numpy.ndarray, shape S + (2,)
        Centre of mass of the body above the stance hip at ``drop_deg``,
        ``(medial, up)`` relative to the hip, m.
    curves : DropCurves
    """

    strength: NDArray[np.float64]
    trunk_lean_deg: NDArray[np.float64]
    activity: str
    sex: str
    held: NDArray[np.bool_]
    drop_deg: NDArray[np.float64]
    hip_adduction_deg: NDArray[np.float64]
    femur_adduction_deg: float
    demand_nm_kg: NDArray[np.float64]
    capacity_nm_kg: NDArray[np.float64]
    muscle_nm_kg: NDArray[np.float64]
    passive_nm_kg: NDArray[np.float64]
    activation_to_stay_level_pct: NDArray[np.float64]
    trunk_lean_needed_deg: NDArray[np.float64]
    hip_contact_force_bw: NDArray[np.float64]
    com_m: NDArray[np.float64]
    curves: DropCurves


def _running(s: NDArray[np.float64], lean: NDArray[np.float64], sex: str, g: Geometry) -> PelvicDropResult:
    r = running_stance(s, trunk_lean_deg=lean, sex=sex, geometry=g)
    shape = np.shape(r.pelvis_held)
    # the instant of the peak demand (the force peak), or the last instant held if the pelvis was lost before
    peak = np.argmax(np.nan_to_num(r.demand_moment_nm_kg, nan=-np.inf), axis=-1)
    last_held = np.isfinite(r.pelvic_drop_deg).sum(axis=-1) - 1
    index = np.minimum(peak, last_held)

    def at_peak(x: NDArray[np.float64]) -> NDArray[np.float64]:
        return np.take_along_axis(x, np.asarray(index)[..., None], -1)[..., 0][()]

    _, com = upper_body_com(np.radians(r.peak_pelvic_drop_deg), np.radians(lean), geometry=g)
    stance_pct = 100.0 * r.time_s / r.conditions.contact_time_s
    return PelvicDropResult(
        strength=r.strength, trunk_lean_deg=r.trunk_lean_deg, activity="running", sex=sex,
        held=r.pelvis_held, drop_deg=r.peak_pelvic_drop_deg, hip_adduction_deg=r.peak_hip_adduction_deg,
        femur_adduction_deg=r.femur_adduction_deg,
        demand_nm_kg=at_peak(r.demand_moment_nm_kg), capacity_nm_kg=at_peak(r.capacity_moment_nm_kg),
        muscle_nm_kg=at_peak(r.muscle_moment_nm_kg), passive_nm_kg=at_peak(r.passive_moment_nm_kg),
        activation_to_stay_level_pct=r.activation_to_stay_level_pct,
        trunk_lean_needed_deg=np.full(shape, np.nan)[()],
        hip_contact_force_bw=r.peak_hip_contact_force_bw, com_m=com,
        curves=DropCurves(stance_pct, r.demand_moment_nm_kg, r.capacity_moment_nm_kg, r.muscle_moment_nm_kg,
                          r.passive_moment_nm_kg, r.pelvic_drop_deg),
    )


def _contact_force_bw(moment_nm_kg: NDArray[np.float64], activity: str, g: Geometry) -> NDArray[np.float64]:
    """Hip contact force (BW), pelvis level, when a pull along the abductors' resultant supplies the moment."""
    gravity = literature_value("gravity")
    force_full, moment_full, _ = abductor_unit_forces(0.0, geometry=g)
    resultant = force_full.sum(axis=0)
    lever = moment_full.sum() / np.linalg.norm(resultant)
    pull = resultant / np.linalg.norm(resultant) * (moment_nm_kg / lever)[..., None]  # N/kg on the pelvis
    fraction, _ = upper_body_com(0.0, 0.0, geometry=g)
    weight = activity_factor(activity) * gravity * fraction
    return np.hypot(pull[..., 0], pull[..., 1] - weight) / gravity


def _quasi_static(s: NDArray[np.float64], lean: NDArray[np.float64], activity: str, sex: str,
                  g: Geometry) -> PelvicDropResult:
    q = quasi_static_drop(s, activity, lean, sex, g)
    held = np.asarray(q.held)
    limit = g.range_deg("hip_adduction")[1]
    drop = np.where(held, 0.0, limit)
    muscle = np.minimum(q.demand_moment_nm_kg, q.capacity_moment_nm_kg)
    _, com = upper_body_com(np.radians(drop), np.radians(lean), geometry=g)

    def curve(x: ArrayLike) -> NDArray[np.float64]:  # flat: the same value at 0 and 100 % of stance
        return np.repeat(np.asarray(x, dtype=np.float64)[..., None], 2, axis=-1)

    return PelvicDropResult(
        strength=s[()], trunk_lean_deg=lean[()], activity=activity, sex=sex, held=held[()], drop_deg=drop[()],
        hip_adduction_deg=drop[()], femur_adduction_deg=0.0,
        demand_nm_kg=q.demand_moment_nm_kg, capacity_nm_kg=q.capacity_moment_nm_kg, muscle_nm_kg=muscle[()],
        passive_nm_kg=np.zeros_like(drop)[()], activation_to_stay_level_pct=q.activation_needed_pct,
        trunk_lean_needed_deg=q.trunk_lean_needed_deg,
        hip_contact_force_bw=_contact_force_bw(muscle, activity, g)[()], com_m=com,
        curves=DropCurves(np.array([0.0, 100.0]), curve(q.demand_moment_nm_kg), curve(q.capacity_moment_nm_kg),
                          curve(muscle), curve(np.zeros_like(drop)), curve(drop)),
    )


def pelvic_drop(strength: ArrayLike = 1.0, activity: str = "running", trunk_lean_deg: ArrayLike = 0.0,
                sex: str = DEFAULT_SEX, geometry: Geometry | str | None = None) -> PelvicDropResult:
    """Whether and how far the pelvis drops, for one or many strengths and leans (vectorised).

    Parameters
    ----------
    strength : float or array_like
        Hip abductor strength as a fraction of the mean of the runner's sex
        (0-1.5, :data:`STRENGTH_RANGE`). Broadcasts against ``trunk_lean_deg``.
    activity : {"stance", "walking", "running"}
        Running runs the stance model at its defaults (speed 3.04 m/s,
        preferred step rate); stance and walking are quasi-static.
    trunk_lean_deg : float or array_like
        Trunk angle to the vertical, degrees, positive toward the stance side
        (:data:`glutemed.statics.TRUNK_LEAN_RANGE_DEG`, -15 to 30).
    sex : {"female", "male"}
        Whose strength norm ``strength = 1`` means (Ramskov et al. 2014):
        women 1.41, men 1.62 N m/kg. Default ``"female"``, as in
        :func:`glutemed.running.running_stance`.
    geometry : Geometry, str or None
        Default gait2392.

    Returns
    -------
    PelvicDropResult

    Raises
    ------
    ValueError
        NaN or out-of-range input, shapes that do not broadcast, an unknown
        activity or sex; the message names the parameter.

    Examples
    --------
    >>> r = pelvic_drop([1.0, 0.4])
    >>> np.round(r.drop_deg, 1), r.held.tolist()  # running: normative drops a little; 40 % is not held
    (array([ 5.5, 26. ]), [True, False])
    >>> float(pelvic_drop_deg(1.0, "stance"))  # the muscles alone hold it level
    0.0
    """
    g = resolve_geometry(geometry)
    check_name(activity, "activity", ACTIVITIES)
    check_name(sex, "sex", SEXES)
    s, lean = _strength(strength), _lean(trunk_lean_deg)
    try:
        s, lean = np.broadcast_arrays(s, lean)
    except ValueError as exc:
        raise ValueError(f"strength and trunk_lean_deg must broadcast to one shape; got shapes {s.shape}, "
                         f"{lean.shape}") from exc
    if activity == "running":
        return _running(s, lean, sex, g)
    return _quasi_static(s, lean, activity, sex, g)


def pelvic_drop_deg(strength: ArrayLike = 1.0, activity: str = "running", trunk_lean_deg: ArrayLike = 0.0,
                    sex: str = DEFAULT_SEX, geometry: Geometry | str | None = None) -> NDArray[np.float64]:
    """Just the drop of :func:`pelvic_drop`, degrees (swing side lower); same parameters.

    Where the pelvis is not held this is the drop at which the hip reaches the
    end of its adduction range; use :func:`pelvic_drop` to see ``held``.

    Examples
    --------
    >>> round(float(pelvic_drop_deg(1.0, "running")), 1)  # as running_stance at its defaults
    5.5
    >>> bool(pelvic_drop_deg(0.8) > pelvic_drop_deg(1.0))
    True
    """
    return pelvic_drop(strength, activity, trunk_lean_deg, sex, geometry).drop_deg
