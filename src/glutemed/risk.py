"""A runner profile through the models: mechanisms, one factor at a time. Not a risk prediction.

A :class:`RunnerProfile` holds the risk factors of ``data/risk_factors.csv``
as model inputs. :func:`runner_mechanisms` runs the models for it and returns
five mechanism quantities: peak pelvic drop, peak hip adduction and peak hip
contact force (the running stance, :func:`glutemed.running.running_stance`),
the FPPA of the knee chain in running (:func:`glutemed.knee_chain.knee_valgus`)
and the week's abductor load (:func:`glutemed.training_load.training_load`).
:func:`glutemed.effects.factor_effects` moves one factor at a time from the
reference runner (the models' normative runner, :data:`REFERENCE_RUNNER`) to
the profile: the bars of a tornado chart.

How each factor enters the models
---------------------------------
``sex``
    Selects the strength norm (Ramskov et al. 2014: women 1.41, men 1.62 N m/kg)
    and the force-speed line; ``strength = 1`` is the norm of the runner's own sex.
``strength``, ``previous_injury``
    Abductor strength before injury, and a deficit of a cited size after it
    (:data:`PREVIOUS_INJURIES`): Ireland et al.'s (2003) 26 % in patellofemoral
    pain, or Fredericson et al.'s (2000) injured-side deficit in ITB syndrome,
    computed from the torques quoted in ``data/risk_factors.csv``.
``weekly_increase_pct``
    This week's distance over three steady weeks of :data:`REFERENCE_WEEKLY_KM`
    (a teaching value): only the week's abductor load sees it.
``shoes_surface``
    **No path in the model**: its half-sine ground force has no impact peak,
    and runners retune leg stiffness to the surface (Ferris et al. 1999). The
    measured effects are quoted, not modelled.
``speed_m_s``
    Sets the ground force and contact time (:mod:`glutemed.ground_force`).
``hip_flexion_deg``
    Posture (anterior pelvic tilt adds hip flexion): scales the abductors'
    capacity by their summed abduction leverage (max force x moment arm,
    :func:`glutemed.muscles.moment_arms`) at that flexion over neutral.
``trunk_lean_deg``
    Frontal-plane lean over the stance leg (positive), as in the running model.
``pelvis_width_change_pct``
    Pelvis width relative to leg length (:func:`glutemed.scaling.scale_geometry`,
    leg length kept): the lever of the body's weight and the femur's lean.
    No sex-specific widths were found (``data/EVIDENCE.md``), so ``sex`` does
    not change it.

Where the pelvis is not held, the running outputs are NaN and ``pelvis_held``
is False: the model cannot say what a runner would do instead.

Examples
--------
>>> m = runner_mechanisms(RunnerProfile())
>>> round(float(m.pelvic_drop_deg), 1), bool(m.pelvis_held)
(5.5, True)
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from glutemed._checks import check_name, checked_scalar
from glutemed.geometry import Geometry, load_geometry
from glutemed.ground_force import DEFAULT_SPEED_M_S, SPEED_RANGE_M_S
from glutemed.injuries import MODEL_QUANTITIES, InjuryRow
from glutemed.knee_chain import knee_valgus
from glutemed.literature import literature_value
from glutemed.muscles import moment_arms
from glutemed.pelvic_drop import STRENGTH_RANGE
from glutemed.running import RunningStance, running_stance
from glutemed.scaling import scale_geometry
from glutemed.statics import SEXES, TRUNK_LEAN_RANGE_DEG
from glutemed.training_load import abductor_load_per_leg_nm_s_kg

__all__ = [
    "HIP_FLEXION_RANGE_DEG",
    "PELVIS_WIDTH_CHANGE_RANGE_PCT",
    "PREVIOUS_INJURIES",
    "REFERENCE_RUNNER",
    "REFERENCE_WEEKLY_KM",
    "SHOES_SURFACES",
    "WEEKLY_INCREASE_RANGE_PCT",
    "MechanismValue",
    "Mechanisms",
    "RunnerProfile",
    "evaluate_mechanism",
    "fredericson_deficit",
    "leverage_factor",
    "injury_deficit",
    "runner_mechanisms",
]

#: Week-on-week change of distance the profile accepts, % (a teaching range, from halving to
#: doubling; the cited thresholds, Nielsen et al.'s 30 % and Damsted et al.'s 20-60 %, lie inside it).
WEEKLY_INCREASE_RANGE_PCT: tuple[float, float] = (-50.0, 100.0)
#: Extra hip flexion at mid-stance from posture (anterior pelvic tilt positive), degrees (teaching range).
HIP_FLEXION_RANGE_DEG: tuple[float, float] = (-10.0, 20.0)
#: Change of pelvis width at fixed leg length, % of the model's (teaching range).
PELVIS_WIDTH_CHANGE_RANGE_PCT: tuple[float, float] = (-15.0, 15.0)
#: Steady weekly distance of the reference runner, km: a teaching value, not a measurement.
REFERENCE_WEEKLY_KM = 20.0

#: Previous injury: a strength deficit of a cited size (see :func:`injury_deficit`).
PREVIOUS_INJURIES: dict[str, str] = {
    "none": "no previous injury",
    "pfp": "patellofemoral pain: 26 % less hip abduction strength (Ireland et al. 2003, 15 vs 15, cross-sectional)",
    "itbs": "ITB syndrome: injured-side abductor torque of Fredericson et al. 2000 (24 vs 30, case-control)",
}
#: Shoes and surfaces: the risk_factors.csv rows quoted (factor, source author); none has a path in the model.
SHOES_SURFACES: dict[str, tuple[str, str]] = {
    "usual": ("", ""),
    "maximalist shoes": ("shoes", "Kulmala"),
    "soft midsole": ("shoes", "Baltich"),
    "soft or hard surface": ("surfaces", "Ferris"),
}
#: Fredericson et al. (2000): abductor torque, injured vs control, %BW*h, as in data/risk_factors.csv.
_FREDERICSON_TORQUE = {"female": (7.82, 10.19), "male": (6.86, 9.73)}


def fredericson_deficit(sex: str) -> float:
    """Fredericson et al.'s (2000) injured-side abductor deficit in ITB syndrome, fraction.

    ``1 - injured / control`` from the torques quoted in ``data/risk_factors.csv``
    (women 7.82 vs 10.19, men 6.86 vs 9.73 %BW*h): a derived number.

    Examples
    --------
    >>> round(fredericson_deficit("female"), 3), round(fredericson_deficit("male"), 3)
    (0.233, 0.295)
    """
    check_name(sex, "sex", SEXES)
    injured, control = _FREDERICSON_TORQUE[sex]
    return 1.0 - injured / control


def injury_deficit(previous_injury: str, sex: str = "female") -> float:
    """The strength deficit of a previous injury, fraction of strength (0 for none).

    Examples
    --------
    >>> injury_deficit("pfp")
    0.26
    """
    check_name(previous_injury, "previous_injury", PREVIOUS_INJURIES)
    if previous_injury == "pfp":
        return literature_value("pfp_abduction_strength_deficit") / 100.0
    if previous_injury == "itbs":
        return fredericson_deficit(sex)
    return 0.0


@dataclass(frozen=True)
class RunnerProfile:
    """A runner as model inputs; the defaults are the models' normative runner.

    Attributes
    ----------
    sex : {"female", "male"}
    strength : float
        Abductor strength before any injury, fraction of the sex's norm (0-1.5).
    previous_injury : {"none", "pfp", "itbs"}
    weekly_increase_pct : float
        This week's distance against the steady weeks before, % change (-50 to 100).
    shoes_surface : str
        One of :data:`SHOES_SURFACES` (no path in the model).
    speed_m_s : float
        Running speed, m/s (2-6).
    hip_flexion_deg : float
        Extra hip flexion from posture, degrees (-10 to 20).
    trunk_lean_deg : float
        Frontal trunk lean over the stance leg, degrees (-15 to 30).
    pelvis_width_change_pct : float
        Pelvis width change at fixed leg length, % (-15 to 15).
    """

    sex: str = "female"
    strength: float = 1.0
    previous_injury: str = "none"
    weekly_increase_pct: float = 0.0
    shoes_surface: str = "usual"
    speed_m_s: float = DEFAULT_SPEED_M_S
    hip_flexion_deg: float = 0.0
    trunk_lean_deg: float = 0.0
    pelvis_width_change_pct: float = 0.0

    def __post_init__(self) -> None:
        check_name(self.sex, "sex", SEXES)
        check_name(self.previous_injury, "previous_injury", PREVIOUS_INJURIES)
        check_name(self.shoes_surface, "shoes_surface", SHOES_SURFACES)
        for name, bounds, unit in (("strength", STRENGTH_RANGE, "(fraction of the sex's norm)"),
                                   ("weekly_increase_pct", WEEKLY_INCREASE_RANGE_PCT, "%"),
                                   ("speed_m_s", SPEED_RANGE_M_S, "m/s"),
                                   ("hip_flexion_deg", HIP_FLEXION_RANGE_DEG, "deg"),
                                   ("trunk_lean_deg", TRUNK_LEAN_RANGE_DEG, "deg"),
                                   ("pelvis_width_change_pct", PELVIS_WIDTH_CHANGE_RANGE_PCT, "%")):
            object.__setattr__(self, name, checked_scalar(getattr(self, name), name, bounds, unit))


#: The reference runner of every comparison: the models' normative runner.
REFERENCE_RUNNER = RunnerProfile()

@functools.lru_cache(maxsize=64)
def _geometry(width_change_pct: float) -> Geometry:
    g = load_geometry()
    if width_change_pct == 0.0:
        return g
    return scale_geometry(g, asis_width_m=g.asis_width_m * (1.0 + width_change_pct / 100.0),
                          leg_length_m=g.thigh_length_m + g.shank_length_m)


@functools.lru_cache(maxsize=64)
def leverage_factor(hip_flexion_deg: float) -> float:
    """The abductors' summed abduction leverage at a hip flexion over neutral (max force x moment arm).

    Examples
    --------
    >>> leverage_factor(0.0)
    1.0
    >>> bool(leverage_factor(20.0) < 1.0)
    True
    """
    g = load_geometry()
    arms = moment_arms(hip_flexion_deg=np.array([0.0, hip_flexion_deg]), geometry=g).as_array()[..., 0]
    summed = arms @ g.max_isometric_force_n
    return float(summed[1] / summed[0])


@dataclass(frozen=True)
class Mechanisms:
    """The five mechanism quantities of one profile (running, right leg in stance).

    Attributes
    ----------
    pelvic_drop_deg, hip_adduction_deg : float
        Peak stance values, degrees; NaN where the pelvis is not held.
    fppa_deg : float
        FPPA of the knee chain in running, degrees (computed even where the
        pelvis is not held: the chain then keeps it level, as if compensated).
    hip_contact_force_bw : float
        Peak hip contact force, body weights; NaN where not held.
    peak_abduction_moment_nm_kg : float
        Peak abductor moment, N m/kg; NaN where not held.
    weekly_abductor_load_nm_s_kg : float
        This week's abductor impulse on one leg, N m s/kg; NaN where the
        training-load model (which runs the stance without trunk lean) does not hold the pelvis.
    pelvis_held : bool
    effective_strength : float
        Strength after the injury deficit and the posture's leverage, fraction of the norm.
    profile : RunnerProfile
    """

    pelvic_drop_deg: float
    hip_adduction_deg: float
    fppa_deg: float
    hip_contact_force_bw: float
    peak_abduction_moment_nm_kg: float
    weekly_abductor_load_nm_s_kg: float
    pelvis_held: bool
    effective_strength: float
    profile: RunnerProfile


def _running(strength: float, speed_m_s: float, trunk_lean_deg: float, sex: str, width_pct: float) -> RunningStance:
    """One runner's stance (cached by :func:`glutemed.running.running_stance`, shared with the knee model)."""
    return running_stance(strength, speed_m_s, trunk_lean_deg=trunk_lean_deg, sex=sex, geometry=_geometry(width_pct))


@functools.lru_cache(maxsize=512)
def _fppa(strength: float, sex: str, width_pct: float) -> float:
    return float(knee_valgus(strength, "running", sex=sex, geometry=_geometry(width_pct)).fppa_deg)


def _steady_week_load(strength: float, speed_m_s: float, sex: str, width_pct: float) -> float:
    """A week of :data:`REFERENCE_WEEKLY_KM`: its abductor load per leg, N m s/kg.

    The training-load model runs the stance without trunk lean (it may not hold the pelvis: NaN); that is
    the cached stance of an upright runner, shared with :func:`_running`.
    """
    stance = _running(strength, speed_m_s, 0.0, sex, width_pct)
    if not bool(stance.pelvis_held):
        return float("nan")
    return float(abductor_load_per_leg_nm_s_kg([REFERENCE_WEEKLY_KM], stance)[0])


def runner_mechanisms(profile: RunnerProfile = REFERENCE_RUNNER) -> Mechanisms:
    """Run the models for one runner profile.

    Parameters
    ----------
    profile : RunnerProfile
        Default: the reference (normative) runner.

    Returns
    -------
    Mechanisms

    Examples
    --------
    >>> weak = runner_mechanisms(RunnerProfile(previous_injury="pfp"))
    >>> bool(weak.pelvic_drop_deg > runner_mechanisms().pelvic_drop_deg)
    True
    """
    if not isinstance(profile, RunnerProfile):
        raise ValueError(f"profile must be a RunnerProfile; got {type(profile).__name__}")
    return _mechanisms(profile)


@functools.lru_cache(maxsize=512)
def _mechanisms(p: RunnerProfile) -> Mechanisms:
    """:func:`runner_mechanisms` for a checked profile, cached (profiles are frozen)."""
    strength = p.strength * (1.0 - injury_deficit(p.previous_injury, p.sex)) * leverage_factor(p.hip_flexion_deg)
    # a numerical guard, not a clamp of anything the user typed: the profile's strength is checked against
    # STRENGTH_RANGE, and posture can lengthen the lever by at most 0.25 % (hip extended ~5 deg), which at the top
    # of the range would leave the running model's domain by that much
    strength = float(np.clip(strength, *STRENGTH_RANGE))
    r = _running(strength, p.speed_m_s, p.trunk_lean_deg, p.sex, p.pelvis_width_change_pct)
    held = bool(r.pelvis_held)
    fppa = _fppa(strength, p.sex, p.pelvis_width_change_pct)
    # the week's load is linear in this week's distance: the steady week's, scaled
    load = _steady_week_load(strength, p.speed_m_s, p.sex, p.pelvis_width_change_pct) * (
        1.0 + p.weekly_increase_pct / 100.0)

    def running(x: NDArray[np.float64]) -> float:
        return float(x) if held else float("nan")

    return Mechanisms(
        pelvic_drop_deg=running(r.peak_pelvic_drop_deg),
        hip_adduction_deg=running(r.peak_hip_adduction_deg),
        fppa_deg=fppa,
        hip_contact_force_bw=running(r.peak_hip_contact_force_bw),
        peak_abduction_moment_nm_kg=running(r.peak_abduction_moment_nm_kg),
        weekly_abductor_load_nm_s_kg=load,
        pelvis_held=held,
        effective_strength=strength,
        profile=p,
    )


@dataclass(frozen=True)
class MechanismValue:
    """A model quantity evaluated for a profile.

    Attributes
    ----------
    quantity : str
        One of :data:`glutemed.injuries.MODEL_QUANTITIES`.
    value : float
        NaN where the pelvis is not held (running quantities).
    unit : str
    meaning : str
        What the quantity is in the model.
    pelvis_held : bool
    """

    quantity: str
    value: float
    unit: str
    meaning: str
    pelvis_held: bool


_QUANTITY = {
    "pelvic_drop_deg": ("pelvic_drop_deg", "deg"),
    "hip_adduction_deg": ("hip_adduction_deg", "deg"),
    "fppa_deg": ("fppa_deg", "deg"),
    "hip_contact_force_bw": ("hip_contact_force_bw", "BW"),
    "muscle_force_and_stretch": ("peak_abduction_moment_nm_kg", "N m/kg"),
}


def evaluate_mechanism(row: InjuryRow | str, profile: RunnerProfile = REFERENCE_RUNNER) -> MechanismValue | None:
    """Evaluate an injury row's model quantity for a runner profile; ``None`` where the model is silent.

    Parameters
    ----------
    row : InjuryRow or str
        A row of :func:`glutemed.injuries.injury_table`, or a quantity name.
    profile : RunnerProfile

    Examples
    --------
    >>> from glutemed.injuries import injury_rows
    >>> v = evaluate_mechanism(injury_rows("gluteal_tendinopathy")[0])
    >>> v.quantity, round(v.value, 1), v.unit
    ('hip_adduction_deg', 9.5, 'deg')
    >>> evaluate_mechanism(injury_rows("piriformis_syndrome")[0]) is None
    True
    """
    quantity = row.model_quantity if isinstance(row, InjuryRow) else row
    if quantity is None:
        return None
    check_name(quantity, "model_quantity", MODEL_QUANTITIES)
    m = runner_mechanisms(profile)
    attribute, unit = _QUANTITY[quantity]
    return MechanismValue(quantity, float(getattr(m, attribute)), unit, MODEL_QUANTITIES[quantity], m.pelvis_held)
