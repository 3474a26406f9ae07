"""Running stance in time: how the hip abductors control the pelvis during one stance.

The public face of the running model (right leg in stance; the left is its
mirror image). Three layers, each in its own module:

* :mod:`glutemed.ground_force` -- how hard and how long the foot pushes:
  a half-sine vertical ground force from running speed, step rate and sex;
* :mod:`glutemed.stance_dynamics` -- the physics: the weight of the upper
  body against the abductors (strength, force-velocity, drive), the femur's
  own lean toward the midline, the time integration;
* this module -- inputs checked, the result assembled: time courses, peaks,
  and whether the pelvis is held.

In words: while the abductors' isometric capacity exceeds the demand, the
nervous system holds the pelvis level with just the drive needed; around the
peak of the ground force the demand of a normative runner exceeds that
capacity, drive is full, the lengthening muscle gives up to 1.8 times its
isometric moment, and the pelvis drops a few degrees before it is lifted
back. The hip's adduction is that drop plus the femur's lean (about 4 deg).
Weaker or fatigued abductors drop further; when even full eccentric force
cannot stop the drop before the hip's adduction range ends (30 deg), the
pelvis is **not held**: the runner would have to compensate (lean the trunk,
shorten the stride, slow down), which the model does not do by itself.

No parameter is tuned to running kinematics: the normative runner's peak hip
adduction and abduction moment, and their change with step rate, are
checks against Heiderscheit et al. (2011), not fits (``tests/test_running.py``).

Examples
--------
>>> r = running_stance([1.0, 0.74, 0.0])
>>> np.round(r.peak_hip_adduction_deg, 1)  # normative, Ireland's patellofemoral-pain deficit, none
array([ 9.5, 25.7, 30. ])
>>> r.pelvis_held.tolist()
[True, True, False]
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, fields, replace

import numpy as np
from numpy.typing import ArrayLike, NDArray

from glutemed._checks import check_name, checked_array
from glutemed.geometry import Geometry, resolve_geometry
from glutemed.ground_force import (
    DEFAULT_SPEED_M_S,
    SPEED_RANGE_M_S,
    STEP_RATE_CHANGE_RANGE_PCT,
    StanceConditions,
    stance_conditions,
    vertical_grf_bw,
)
from glutemed.literature import literature_value
from glutemed.stance_dynamics import TIME_STEP_S, body_tables, lean_lever_offset_m, simulate_stance
from glutemed.statics import SEXES, TRUNK_LEAN_RANGE_DEG, abductor_strength_norm_nm_kg

__all__ = [
    "DEFAULT_SEX",
    "DEFAULT_SPEED_M_S",
    "FATIGUE_RANGE_PCT",
    "SPEED_RANGE_M_S",
    "STEP_RATE_CHANGE_RANGE_PCT",
    "STRENGTH_RANGE",
    "RunningStance",
    "peak_pelvic_drop_deg",
    "running_stance",
]

#: Valid abductor strength, as a fraction of the mean of the runner's sex (Ramskov et al. 2014).
STRENGTH_RANGE: tuple[float, float] = (0.0, 1.5)
#: Valid fatigue: loss of abductor force capacity, %.
FATIGUE_RANGE_PCT: tuple[float, float] = (0.0, 100.0)
#: The normative runner is a woman (strength norm 1.41 N m/kg; women run with more hip adduction).
DEFAULT_SEX = "female"


@dataclass(frozen=True)
class RunningStance:
    """One running stance, frontal plane; runners (the broadcast shape ``S`` of the inputs) then time.

    The stance of one runner (every input a single value) is shared by all
    who ask for it (:func:`running_stance` keeps it), so its arrays are
    read-only; a stance of several runners is computed afresh and writeable.

    Attributes
    ----------
    time_s : numpy.ndarray, shape (T,)
        Time from initial contact to toe-off, s, in steps of :data:`TIME_STEP_S`.
    vertical_grf_bw : numpy.ndarray, shape (T,)
        Vertical ground force, body weights.
    femur_adduction_deg : float
        The stance femur's lean toward the midline, degrees (constant over stance).
    pelvic_drop_deg, hip_adduction_deg : numpy.ndarray, shape S + (T,)
        Contralateral pelvic drop and stance-hip adduction (drop + femur
        lean), degrees; NaN after the pelvis is lost.
    activation_fraction : numpy.ndarray, shape S + (T,)
        Abductor activation, 0-1 (the share of capacity the drive asks for).
    demand_moment_nm_kg : numpy.ndarray, shape S + (T,)
        Abduction moment the body above the hip asks for, N m/kg.
    muscle_moment_nm_kg, passive_moment_nm_kg : numpy.ndarray, shape S + (T,)
        What the abductors and the hip ligaments supply, N m/kg.
    capacity_moment_nm_kg : numpy.ndarray, shape S + (T,)
        The abductors' maximal isometric moment at the current hip adduction, N m/kg.
    hip_contact_force_bw : numpy.ndarray, shape S + (T,)
        Hip joint contact force, body weights.
    peak_pelvic_drop_deg, peak_hip_adduction_deg : numpy.ndarray, shape S
        Peaks over stance, degrees. Where the pelvis is not held: the values
        at which it was lost (hip adduction at the end of its range), a lower
        bound of what would happen without compensation.
    time_of_peak_drop_s : numpy.ndarray, shape S
        When the drop peaks (or the pelvis was lost), s; NaN if it stays level.
    peak_abduction_moment_nm_kg : numpy.ndarray, shape S
        Peak of muscle + passive moment, N m/kg (while held).
    peak_hip_contact_force_bw : numpy.ndarray, shape S
        Peak hip contact force, body weights (while held).
    activation_to_stay_level_pct : numpy.ndarray, shape S
        Peak demand with the pelvis level over the isometric capacity, %:
        above 100 the abductors cannot hold the pelvis level (inf at zero strength).
    abductor_impulse_nm_s_kg : numpy.ndarray, shape S
        Time integral of muscle + passive moment over stance, N m s/kg; NaN where not held.
    pelvis_held : numpy.ndarray of bool, shape S
        False where hip adduction passes the model's range (30 deg).
    strength, fatigue_pct, trunk_lean_deg : numpy.ndarray, shape S
        The inputs, broadcast.
    conditions : StanceConditions
    sex : str
    """

    time_s: NDArray[np.float64]
    vertical_grf_bw: NDArray[np.float64]
    femur_adduction_deg: float
    pelvic_drop_deg: NDArray[np.float64]
    hip_adduction_deg: NDArray[np.float64]
    activation_fraction: NDArray[np.float64]
    demand_moment_nm_kg: NDArray[np.float64]
    muscle_moment_nm_kg: NDArray[np.float64]
    passive_moment_nm_kg: NDArray[np.float64]
    capacity_moment_nm_kg: NDArray[np.float64]
    hip_contact_force_bw: NDArray[np.float64]
    peak_pelvic_drop_deg: NDArray[np.float64]
    peak_hip_adduction_deg: NDArray[np.float64]
    time_of_peak_drop_s: NDArray[np.float64]
    peak_abduction_moment_nm_kg: NDArray[np.float64]
    peak_hip_contact_force_bw: NDArray[np.float64]
    activation_to_stay_level_pct: NDArray[np.float64]
    abductor_impulse_nm_s_kg: NDArray[np.float64]
    pelvis_held: NDArray[np.bool_]
    strength: NDArray[np.float64]
    fatigue_pct: NDArray[np.float64]
    trunk_lean_deg: NDArray[np.float64]
    conditions: StanceConditions
    sex: str


def _broadcast(**arrays: NDArray[np.float64]) -> list[NDArray[np.float64]]:
    try:
        return list(np.broadcast_arrays(*arrays.values()))
    except ValueError as exc:
        raise ValueError(f"{', '.join(arrays)} must broadcast to one shape; got shapes "
                         f"{', '.join(str(a.shape) for a in arrays.values())}") from exc


def _nanmax(x: NDArray[np.float64]) -> NDArray[np.float64]:
    """Max over the last axis ignoring NaN (all-NaN rows give NaN, without a warning)."""
    filled = np.where(np.isnan(x), -np.inf, x)
    top = filled.max(axis=-1)
    return np.where(np.isneginf(top), np.nan, top)


def _single_number(value: object) -> bool:
    """A plain real number (or a 0-d numeric array) that a float holds: one runner's value, a cache key.

    Anything else (bools, arrays, text, an integer too large for a float) goes
    the uncached way, whose checks name the parameter.
    """
    if isinstance(value, bool | np.bool_):
        return False
    if not (isinstance(value, int | float | np.integer | np.floating)
            or (isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iuf")):
        return False
    try:
        float(value)
    except OverflowError:
        return False
    return True


def _frozen(value: NDArray) -> NDArray:
    """A read-only view of a read-only copy: nobody can make it writeable again."""
    base = np.array(value)
    base.flags.writeable = False
    return base.view()


def running_stance(
    strength: ArrayLike = 1.0,
    speed_m_s: float = DEFAULT_SPEED_M_S,
    step_rate_change_pct: float = 0.0,
    fatigue_pct: ArrayLike = 0.0,
    trunk_lean_deg: ArrayLike = 0.0,
    sex: str = DEFAULT_SEX,
    geometry: Geometry | str | None = None,
) -> RunningStance:
    """Simulate one running stance on the right leg, vectorised over runners.

    Parameters
    ----------
    strength : float or array_like
        Eccentric hip-abduction strength as a fraction of the sex's mean
        (Ramskov et al. 2014: women 1.41, men 1.62 N m/kg); 0-1.5.
    speed_m_s : float
        Running speed, m/s (2-6); default 3.04 m/s, a comfortable
        recreational speed (Eur J Sport Sci 2020, doi 10.1080/17461391.2019.1626911).
    step_rate_change_pct : float
        Step-rate change from the preferred rate at the same speed, % (-50 to 50).
    fatigue_pct : float or array_like
        Loss of abductor force capacity, % (0-100).
    trunk_lean_deg : float or array_like
        Trunk angle to the vertical, degrees, positive over the stance leg
        (:data:`glutemed.statics.TRUNK_LEAN_RANGE_DEG`, -15 to 30).
    sex : {"female", "male"}
        Selects the strength norm and the force-speed line; default ``"female"``.
    geometry : Geometry, str or None
        Default gait2392 (right leg).

    ``strength``, ``fatigue_pct`` and ``trunk_lean_deg`` broadcast against
    each other and are simulated together (no Python loop over runners);
    speed, step rate and sex are single values (they set the time grid).

    Returns
    -------
    RunningStance
        For one runner, the kept (shared, read-only) result of an earlier
        identical call if there is one.

    Raises
    ------
    ValueError
        NaN, non-numeric or out-of-range input, shapes that do not
        broadcast, an array where a single value is needed, or an unknown
        sex; the message names the parameter and the valid range.

    Examples
    --------
    >>> r = running_stance([1.2, 1.0, 0.9])
    >>> np.round(r.peak_pelvic_drop_deg, 1)
    array([1.4, 5.5, 9.8])
    >>> round(float(r.peak_abduction_moment_nm_kg[1]), 2)  # Heiderscheit et al. 2011: 1.8 +- 0.4
    1.82

    One runner (every number a single value) is integrated once and kept:
    the same call returns the same result, whose arrays are read-only.

    >>> running_stance(1.0) is running_stance(1.0), running_stance(1.0).pelvic_drop_deg.flags.writeable
    (True, False)
    """
    g = resolve_geometry(geometry)
    numbers = (strength, speed_m_s, step_rate_change_pct, fatigue_pct, trunk_lean_deg)
    if all(_single_number(x) for x in numbers) and isinstance(sex, str):
        # the cache key: -0.0 and 0.0 (and 1 and 1.0) are one key, and give the same stance
        return _one_runner(*(float(x) for x in numbers), sex, g)
    return _integrate(strength, speed_m_s, step_rate_change_pct, fatigue_pct, trunk_lean_deg, sex, g)


@functools.lru_cache(maxsize=256)
def _one_runner(strength: float, speed_m_s: float, step_rate_change_pct: float, fatigue_pct: float,
                trunk_lean_deg: float, sex: str, g: Geometry) -> RunningStance:
    """:func:`running_stance` of one runner, cached; its arrays are made read-only, as it is shared."""
    r = _integrate(strength, speed_m_s, step_rate_change_pct, fatigue_pct, trunk_lean_deg, sex, g)
    return replace(r, **{f.name: _frozen(getattr(r, f.name)) for f in fields(r)
                         if isinstance(getattr(r, f.name), np.ndarray)})


def _integrate(strength: ArrayLike, speed_m_s: float, step_rate_change_pct: float, fatigue_pct: ArrayLike,
               trunk_lean_deg: ArrayLike, sex: str, g: Geometry) -> RunningStance:
    """:func:`running_stance` for a resolved geometry (checks, integration, summary)."""
    b = body_tables(g)
    check_name(sex, "sex", SEXES)
    cond = stance_conditions(speed_m_s, step_rate_change_pct, sex)

    def checked(value: ArrayLike, name: str, bounds: tuple[float, float], unit: str) -> NDArray[np.float64]:
        try:
            return checked_array(value, name, bounds, unit)
        except TypeError as exc:
            raise ValueError(str(exc)) from exc

    s, fatigue, lean = _broadcast(
        strength=checked(strength, "strength", STRENGTH_RANGE, "(fraction of the sex's mean)"),
        fatigue_pct=checked(fatigue_pct, "fatigue_pct", FATIGUE_RANGE_PCT, "%"),
        trunk_lean_deg=checked(trunk_lean_deg, "trunk_lean_deg", TRUNK_LEAN_RANGE_DEG, "deg"))
    shape = s.shape
    strength_nm_kg = s * abductor_strength_norm_nm_kg(sex) * (1.0 - fatigue / 100.0)

    time = np.arange(int(np.ceil(cond.contact_time_s / TIME_STEP_S)) + 1) * TIME_STEP_S
    grf = vertical_grf_bw(np.minimum(time, cond.contact_time_s), cond)
    h = simulate_stance(strength_nm_kg.reshape(-1), lean.reshape(-1), grf, g)

    phi = b.femur_adduction_deg
    limit_deg = b.adduction_max_deg - phi
    held = h.held
    peak_drop = np.where(held, _nanmax(h.drop_deg), limit_deg)
    recorded = np.isfinite(h.drop_deg)
    last = recorded.shape[-1] - 1 - np.argmax(recorded[:, ::-1], axis=-1)  # last instant held
    peak_index = np.where(held, np.argmax(np.nan_to_num(h.drop_deg, nan=-1.0), axis=-1), last)
    peak_time = np.where(held & (peak_drop <= 0.0), np.nan, time[peak_index])
    supplied = h.muscle_nm_kg + h.passive_nm_kg
    impulse = np.where(held, np.trapezoid(np.nan_to_num(supplied), dx=TIME_STEP_S, axis=-1), np.nan)
    # level-pelvis demand at the force peak over the isometric capacity with the femur's lean
    level_demand = (b.upper_fraction * literature_value("gravity") * cond.peak_vertical_grf_bw
                    * (b.lever_m[np.argmin(np.abs(b.grid_deg))] + lean_lever_offset_m(lean, g)))
    capacity = strength_nm_kg * float(b.read(np.asarray(phi), b.portion_weight).sum())
    with np.errstate(divide="ignore", over="ignore"):
        level_pct = np.where(capacity > 0, 100.0 * level_demand / np.where(capacity > 0, capacity, 1.0), np.inf)

    def series(x: NDArray[np.float64]) -> NDArray[np.float64]:
        return x.reshape(shape + x.shape[1:])

    def each(x: NDArray[np.float64]) -> NDArray[np.float64]:
        return np.asarray(x).reshape(shape)[()]

    return RunningStance(
        time_s=time,
        vertical_grf_bw=grf,
        femur_adduction_deg=phi,
        pelvic_drop_deg=series(h.drop_deg),
        hip_adduction_deg=series(h.drop_deg + phi),
        activation_fraction=series(h.activation),
        demand_moment_nm_kg=series(h.demand_nm_kg),
        muscle_moment_nm_kg=series(h.muscle_nm_kg),
        passive_moment_nm_kg=series(h.passive_nm_kg),
        capacity_moment_nm_kg=series(h.capacity_nm_kg),
        hip_contact_force_bw=series(h.contact_bw),
        peak_pelvic_drop_deg=each(peak_drop),
        peak_hip_adduction_deg=each(peak_drop + phi),
        time_of_peak_drop_s=each(peak_time),
        peak_abduction_moment_nm_kg=each(_nanmax(supplied)),
        peak_hip_contact_force_bw=each(_nanmax(h.contact_bw)),
        activation_to_stay_level_pct=each(level_pct),
        abductor_impulse_nm_s_kg=each(impulse),
        pelvis_held=each(held),
        strength=s[()],
        fatigue_pct=fatigue[()],
        trunk_lean_deg=lean[()],
        conditions=cond,
        sex=sex,
    )


def peak_pelvic_drop_deg(strength: ArrayLike = 1.0, speed_m_s: float = DEFAULT_SPEED_M_S,
                         step_rate_change_pct: float = 0.0, fatigue_pct: ArrayLike = 0.0,
                         trunk_lean_deg: ArrayLike = 0.0, sex: str = DEFAULT_SEX,
                         geometry: Geometry | str | None = None) -> NDArray[np.float64]:
    """Just the peak pelvic drop of :func:`running_stance`, degrees; same parameters.

    Where the pelvis is not held this is the drop at which it was lost (see
    :attr:`RunningStance.pelvis_held`).

    Examples
    --------
    >>> d = peak_pelvic_drop_deg([1.2, 1.0, 0.8])
    >>> bool(d[0] < d[1] < d[2])
    True
    """
    return running_stance(strength, speed_m_s, step_rate_change_pct, fatigue_pct, trunk_lean_deg, sex,
                          geometry).peak_pelvic_drop_deg
