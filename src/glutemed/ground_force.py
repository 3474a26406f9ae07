"""The vertical ground force of one running stance: how hard and how long the foot pushes.

A half sine, ``F(t) = F_peak sin(pi t / t_c)`` body weights over the contact
time ``t_c`` (the shape of Morin et al.'s 2005 sine-wave method), set by three
published relations:

* **Stance-averaged force against speed** (Weyand & Davis 2005, one line per
  sex): ``F_avg = a + b v`` body weights.
* **Preferred step rate against speed**: 165 steps/min at a comfortable
  3.04 m/s, +3 steps/min for +15 % speed (21 recreational runners outdoors,
  Eur J Sport Sci 2020, doi 10.1080/17461391.2019.1626911), extended as a
  straight line.
* **Impulse balance**: over one step (period ``1 / step rate``) the ground
  must push one body weight on average, so ``t_c = 1 / (step rate x F_avg)``;
  for a half sine ``F_peak = (pi / 2) F_avg``.

Changing the step rate at the same speed changes the leg spring: Farley &
Gonzalez (1996) measured leg stiffness rising 2.3-fold from 26 % below to
36 % above the preferred stride frequency, ``k ~ rate^1.39``; with a
spring-mass contact time ``t_c ~ k^-1/2`` this gives ``t_c ~ rate^-0.69``
(a derivation for teaching, not a measured contact-time relation). A higher
step rate therefore shortens contact and lowers the peak force.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from glutemed._checks import check_name, checked_scalar
from glutemed.literature import literature_value
from glutemed.statics import SEXES

__all__ = [
    "DEFAULT_SPEED_M_S",
    "SPEED_RANGE_M_S",
    "STEP_RATE_CHANGE_RANGE_PCT",
    "StanceConditions",
    "contact_time_exponent",
    "stance_conditions",
    "vertical_grf_bw",
]

#: Running speeds the model accepts, m/s. The force regression (Weyand & Davis 2005) is for
#: running; below about 2 m/s people walk or jog with another force pattern (Keller et al. 1996).
SPEED_RANGE_M_S: tuple[float, float] = (2.0, 6.0)
#: Step-rate change from the preferred rate at the same speed, %.
STEP_RATE_CHANGE_RANGE_PCT: tuple[float, float] = (-50.0, 50.0)
#: Default running speed, m/s: the comfortable speed of the step-rate study (3.04 m/s).
DEFAULT_SPEED_M_S: float = literature_value("preferred_running_speed")


@dataclass(frozen=True)
class StanceConditions:
    """Ground force and timing of one running stance.

    Attributes
    ----------
    speed_m_s : float
        Running speed, m/s.
    step_rate_steps_min : float
        Steps per minute (both legs), after the requested change.
    contact_time_s : float
        Stance (foot contact) time, s.
    mean_vertical_grf_bw : float
        Stance-averaged vertical ground force, body weights.
    peak_vertical_grf_bw : float
        Peak of the half sine, ``pi / 2`` times the mean, body weights.
    step_length_m : float
        Speed over step rate, m.
    """

    speed_m_s: float
    step_rate_steps_min: float
    contact_time_s: float
    mean_vertical_grf_bw: float
    peak_vertical_grf_bw: float
    step_length_m: float


@functools.lru_cache(maxsize=1)
def contact_time_exponent() -> float:
    """``n`` in ``t_c ~ rate^-n`` at a fixed speed, from Farley & Gonzalez's (1996) stiffness endpoints.

    Examples
    --------
    >>> round(contact_time_exponent(), 2)
    0.69
    """
    k_ratio = literature_value("leg_stiffness_high_step_rate") / literature_value("leg_stiffness_low_step_rate")
    rate_ratio = ((1 + literature_value("step_rate_above_preferred_farley") / 100)
                  / (1 - literature_value("step_rate_below_preferred_farley") / 100))
    return float(0.5 * np.log(k_ratio) / np.log(rate_ratio))


def stance_conditions(speed_m_s: float = DEFAULT_SPEED_M_S, step_rate_change_pct: float = 0.0,
                      sex: str = "female") -> StanceConditions:
    """Contact time and vertical ground force for a speed, a step-rate change and a sex.

    Parameters
    ----------
    speed_m_s : float
        Running speed, m/s (:data:`SPEED_RANGE_M_S`, 2-6).
    step_rate_change_pct : float
        Change from the preferred step rate at the same speed, % (-50 to 50).
    sex : {"female", "male"}
        Selects Weyand & Davis's (2005) force-speed line.

    Returns
    -------
    StanceConditions

    Raises
    ------
    ValueError
        A non-finite, non-scalar or out-of-range value, or an unknown sex; the
        message names the parameter and the range.

    Examples
    --------
    >>> c = stance_conditions()
    >>> round(c.step_rate_steps_min), round(c.contact_time_s, 3), round(c.peak_vertical_grf_bw, 2)
    (165, 0.233, 2.45)
    >>> stance_conditions(step_rate_change_pct=10).contact_time_s < c.contact_time_s
    True
    """
    speed = checked_scalar(speed_m_s, "speed_m_s", SPEED_RANGE_M_S, "m/s")
    change = checked_scalar(step_rate_change_pct, "step_rate_change_pct", STEP_RATE_CHANGE_RANGE_PCT, "%")
    check_name(sex, "sex", SEXES)
    tag = "women" if sex == "female" else "men"
    mean_force_bw = (literature_value(f"stance_force_intercept_{tag}")
                     + literature_value(f"stance_force_slope_{tag}") * speed)
    v0_m_s = literature_value("preferred_running_speed")
    slope = literature_value("step_rate_rise_per_15pct_speed") / (0.15 * v0_m_s)  # steps/min per m/s
    preferred_rate = literature_value("preferred_step_rate") + slope * (speed - v0_m_s)
    preferred_contact_s = 60.0 / (preferred_rate * mean_force_bw)
    ratio = 1.0 + change / 100.0
    rate = preferred_rate * ratio
    contact_s = preferred_contact_s * ratio ** (-contact_time_exponent())
    mean_force_bw = 60.0 / (rate * contact_s)  # impulse balance at the new rate
    return StanceConditions(float(speed), float(rate), float(contact_s), float(mean_force_bw),
                            float(np.pi / 2 * mean_force_bw), float(speed * 60.0 / rate))


def vertical_grf_bw(time_s: ArrayLike, conditions: StanceConditions) -> NDArray[np.float64]:
    """The half-sine vertical ground force at times from initial contact, body weights (0 outside contact).

    Parameters
    ----------
    time_s : float or array_like
        Time from initial contact, s.
    conditions : StanceConditions

    Returns
    -------
    numpy.ndarray
        Same shape as ``time_s``, body weights.

    Examples
    --------
    >>> c = stance_conditions()
    >>> float(vertical_grf_bw(c.contact_time_s / 2, c)) == c.peak_vertical_grf_bw
    True
    """
    t = np.asarray(time_s, dtype=np.float64)
    inside = (t >= 0.0) & (t <= conditions.contact_time_s)
    return np.where(inside, conditions.peak_vertical_grf_bw * np.sin(np.pi * t / conditions.contact_time_s), 0.0)
