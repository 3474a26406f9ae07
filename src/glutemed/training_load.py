"""Weekly running load: week-on-week change, acute:chronic ratio, and the abductors' share.

``training_load(weekly_km)`` turns a list of weekly distances into

* the **week-on-week change**, % (undefined, NaN, for the first week);
* the **acute:chronic workload ratio (ACWR)**, *coupled* rolling definition:
  this week's distance over the mean of the last 4 weeks *including* this
  week (NaN until 4 weeks exist). The coupled form is the one Gabbett (2016)
  popularised; Impellizzeri et al. (2021) show that a ratio built this way
  carries little beyond the acute load itself, so it is reported for teaching,
  not as a risk score;
* **flags**, each with its threshold and the strength of evidence behind it
  (:data:`FLAGS`);
* the **abductor load** of each week: steps (distance over step length, step
  length from speed and step rate) times the per-step abductor impulse of
  :func:`glutemed.running.running_stance` (N m s/kg, one stance), shared by
  the two legs.

Every threshold comes from ``data/literature_values.csv``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from glutemed._checks import as_finite_array
from glutemed.geometry import Geometry
from glutemed.literature import literature_value
from glutemed.running import DEFAULT_SEX, DEFAULT_SPEED_M_S, RunningStance, running_stance

__all__ = ["ACWR_WINDOW_WEEKS", "FLAGS", "Flag", "TrainingLoad", "abductor_load_per_leg_nm_s_kg", "training_load"]

#: Chronic window of the ACWR, weeks (this week included: the coupled form).
ACWR_WINDOW_WEEKS = 4


@dataclass(frozen=True)
class Flag:
    """One warning rule: what it tests, its threshold and how good the evidence is."""

    name: str
    threshold: str
    evidence: str


FLAGS: tuple[Flag, ...] = (
    Flag("weekly_increase_over_30pct",
         f"week-on-week distance increase > {literature_value('weekly_increase_threshold_nielsen'):g} %",
         "weak: Nielsen et al. 2014, 874 novice runners progressing > 30 % over 2 weeks, distance-related injuries HR "
         f"{literature_value('weekly_increase_hazard_ratio_nielsen'):g} (95 % CI "
         f"{literature_value('weekly_increase_hr_ci_low_nielsen'):g}-"
         f"{literature_value('weekly_increase_hr_ci_high_nielsen'):g}, crosses 1; P = .07); "
         "no significant difference in injury rates overall"),
    Flag("weekly_increase_20_to_60pct",
         f"week-on-week increase {literature_value('weekly_increase_low_damsted'):g}-"
         f"{literature_value('weekly_increase_high_damsted'):g} %",
         "limited: Damsted et al. 2019, 261 half-marathon runners (56 injured); more injuries in this "
         "category 21 days into the 14-week study, no significant difference after 56 and 98 days"),
    Flag("acwr_outside_sweet_spot",
         f"ACWR outside {literature_value('acwr_sweet_spot_low'):g}-{literature_value('acwr_sweet_spot_high'):g}",
         "contested: Gabbett 2016 (team sports, observational); Impellizzeri et al. 2021 argue the ratio "
         "adds nothing over acute load and should be dismissed"),
    Flag("acwr_danger",
         f"ACWR >= {literature_value('acwr_danger'):g}",
         "contested: Gabbett 2016 'danger zone'; see Impellizzeri et al. 2021"),
)


@dataclass(frozen=True)
class TrainingLoad:
    """Week-by-week load; every array has one entry per week.

    Attributes
    ----------
    weekly_km : numpy.ndarray
    week_on_week_change_pct : numpy.ndarray
        Change from the previous week, %; NaN for the first week (and after a
        week of 0 km, where a percentage is undefined).
    acwr : numpy.ndarray
        Coupled acute:chronic ratio (see module doc); NaN for the first 3
        weeks and where the chronic mean is 0.
    flags : dict of str to numpy.ndarray of bool
        One boolean array per rule in :data:`FLAGS` (False where undefined).
    steps_per_week : numpy.ndarray
        Steps (both legs) in the week.
    abductor_impulse_per_step_nm_s_kg : float
        Per-stance abductor impulse from the running model, N m s/kg.
    abductor_load_per_leg_nm_s_kg : numpy.ndarray
        Weekly abductor impulse on each leg (half the steps), N m s/kg.
    step_length_m : float
    rules : tuple of Flag
    """

    weekly_km: NDArray[np.float64]
    week_on_week_change_pct: NDArray[np.float64]
    acwr: NDArray[np.float64]
    flags: dict[str, NDArray[np.bool_]]
    steps_per_week: NDArray[np.float64]
    abductor_impulse_per_step_nm_s_kg: float
    abductor_load_per_leg_nm_s_kg: NDArray[np.float64]
    step_length_m: float
    rules: tuple[Flag, ...] = FLAGS


def _weekly_km(weekly_km: ArrayLike) -> NDArray[np.float64]:
    try:
        km = as_finite_array(weekly_km, "weekly_km")
    except TypeError as exc:
        raise ValueError(str(exc)) from exc
    if km.ndim != 1 or km.size == 0:
        raise ValueError("weekly_km must be a non-empty list of weekly distances (km, >= 0)")
    if np.any(km < 0):
        raise ValueError(f"weekly_km must be >= 0 km; got {km[km < 0][0]:g}")
    return km


def _steps(km: NDArray[np.float64], stance: RunningStance) -> NDArray[np.float64]:
    return km * 1000.0 / stance.conditions.step_length_m


def abductor_load_per_leg_nm_s_kg(weekly_km: ArrayLike, stance: RunningStance) -> NDArray[np.float64]:
    """The abductor load of each week on one leg, N m s/kg.

    A week's steps (its distance over the step length), half of them on
    each leg, each step the abductor impulse of one stance.

    Parameters
    ----------
    weekly_km : sequence of float
        Distance of each week, km (>= 0, finite, at least one week).
    stance : RunningStance
        One stance of :func:`glutemed.running.running_stance` (a single
        strength) in which the pelvis is held.

    Returns
    -------
    numpy.ndarray
        N m s/kg, one entry per week.

    Raises
    ------
    ValueError
        Bad distances, something other than a stance, a stance over several
        strengths, or one that does not hold the pelvis.

    Examples
    --------
    >>> stance = running_stance(1.0)
    >>> load = abductor_load_per_leg_nm_s_kg([10, 20], stance)
    >>> bool(np.isclose(load[1], 2 * load[0]))
    True
    """
    km = _weekly_km(weekly_km)
    if not isinstance(stance, RunningStance):
        raise ValueError(f"stance must be a RunningStance (from running_stance); got {type(stance).__name__}")
    if np.ndim(stance.abductor_impulse_nm_s_kg) != 0:
        raise ValueError("stance must be one runner's stance (single strength, fatigue and trunk lean); got shape "
                         f"{np.shape(stance.abductor_impulse_nm_s_kg)}")
    if not bool(stance.pelvis_held):
        raise ValueError("stance does not hold the pelvis; no abductor load can be computed")
    return _load_per_leg(km, stance)


def _load_per_leg(km: NDArray[np.float64], stance: RunningStance) -> NDArray[np.float64]:
    """:func:`abductor_load_per_leg_nm_s_kg` for checked distances and a checked one-runner, held stance."""
    return _steps(km, stance) / 2.0 * float(stance.abductor_impulse_nm_s_kg)


def training_load(weekly_km: ArrayLike, speed_m_s: float = DEFAULT_SPEED_M_S, step_rate_change_pct: float = 0.0,
                  strength: float = 1.0, sex: str = DEFAULT_SEX,
                  geometry: Geometry | str | None = None) -> TrainingLoad:
    """Week-on-week change, ACWR, flags and abductor load of a running plan.

    Parameters
    ----------
    weekly_km : sequence of float
        Distance of each week, km (>= 0, finite, at least one week).
    speed_m_s, step_rate_change_pct, strength, sex, geometry
        Passed to :func:`glutemed.running.running_stance` for the step length
        and the per-step abductor impulse (``strength`` a single number).

    Returns
    -------
    TrainingLoad

    Raises
    ------
    ValueError
        Empty, negative or non-finite distances (naming ``weekly_km``), or a
        bad running parameter (naming it).

    Examples
    --------
    >>> t = training_load([20, 22, 30, 24, 35])
    >>> [None if np.isnan(c) else round(float(c)) for c in t.week_on_week_change_pct]
    [None, 10, 36, -20, 46]
    >>> t.flags["weekly_increase_over_30pct"].tolist()
    [False, False, True, False, True]
    >>> round(float(t.acwr[4]), 2)  # 35 / mean(22, 30, 24, 35)
    1.26
    """
    km = _weekly_km(weekly_km)
    try:
        if np.ndim(as_finite_array(strength, "strength")) != 0:
            raise ValueError("strength must be a single number here")
    except TypeError as exc:
        raise ValueError(str(exc)) from exc
    stance = running_stance(strength, speed_m_s, step_rate_change_pct, sex=sex, geometry=geometry)
    if not bool(stance.pelvis_held):
        raise ValueError("strength is too low for the running model to hold the pelvis; no abductor load "
                         "can be computed")
    impulse = float(stance.abductor_impulse_nm_s_kg)
    step_length = stance.conditions.step_length_m
    steps = _steps(km, stance)

    previous = np.concatenate([[np.nan], km[:-1]])
    with np.errstate(divide="ignore", invalid="ignore"):
        change = np.where(previous > 0, 100.0 * (km - previous) / previous, np.nan)
    chronic = np.full(km.shape, np.nan)
    if km.size >= ACWR_WINDOW_WEEKS:
        window = np.lib.stride_tricks.sliding_window_view(km, ACWR_WINDOW_WEEKS).mean(axis=-1)
        chronic[ACWR_WINDOW_WEEKS - 1:] = window
    with np.errstate(divide="ignore", invalid="ignore"):
        acwr = np.where(chronic > 0, km / chronic, np.nan)

    defined = ~np.isnan(change)
    acwr_defined = ~np.isnan(acwr)
    nielsen = literature_value("weekly_increase_threshold_nielsen")
    low, high = literature_value("weekly_increase_low_damsted"), literature_value("weekly_increase_high_damsted")
    sweet_low, sweet_high = literature_value("acwr_sweet_spot_low"), literature_value("acwr_sweet_spot_high")
    flags = {
        "weekly_increase_over_30pct": defined & (np.nan_to_num(change) > nielsen),
        "weekly_increase_20_to_60pct": defined & (np.nan_to_num(change) >= low) & (np.nan_to_num(change) <= high),
        "acwr_outside_sweet_spot": acwr_defined & ((np.nan_to_num(acwr, nan=1.0) < sweet_low)
                                                   | (np.nan_to_num(acwr, nan=1.0) > sweet_high)),
        "acwr_danger": acwr_defined & (np.nan_to_num(acwr) >= literature_value("acwr_danger")),
    }
    return TrainingLoad(
        weekly_km=km,
        week_on_week_change_pct=change,
        acwr=acwr,
        flags=flags,
        steps_per_week=steps,
        abductor_impulse_per_step_nm_s_kg=impulse,
        abductor_load_per_leg_nm_s_kg=_load_per_leg(km, stance),
        step_length_m=step_length,
    )
