"""Running stance in time: how the abductors control the pelvis during one stance.

A frontal-plane model of one stance phase on the right leg. Everything above
the stance hip (pelvis, trunk, swing leg; :func:`glutemed.segments.mass_model`)
turns about the hip by the pelvic drop ``theta`` (positive = swing side
lower). The stance femur is taken to stay vertical, so the model's hip
adduction equals the pelvic drop: in real running part of the peak hip
adduction comes from the femur's own inclination (the foot lands near the
midline), and the model lumps both into one angle. Moments are per kilogram of
body mass (N m/kg), so body mass drops out.

Equation of motion (explicit, fixed time step :data:`TIME_STEP_S` = 0.5 ms)::

    I theta'' = D(t, theta) - M(t, theta, theta') - P(theta)

**Demand** ``D = f g F(t) x(theta, lean)``: in the frame of the hip, which
moves with the body, the weight of the upper body ``f`` (fraction of body
mass) is scaled by the vertical ground force ``F(t)`` in body weights (the
whole body's vertical acceleration is ``(F - 1) g``); ``x`` is the lever of
its centre of mass medial of the hip (:func:`glutemed.segments.upper_body_com`,
shorter when the trunk leans over the stance leg). The medio-lateral ground
force is left out.

**Ground force** ``F(t) = F_peak sin(pi t / t_c)``, a half sine (the shape of
Morin et al.'s 2005 sine-wave method). Its stance average ``F_avg`` follows
running speed (Weyand & Davis 2005, sex-specific regressions); impulse
balance over one step (period ``1 / step rate``) gives the contact time
``t_c = 1 / (step rate x F_avg)`` and ``F_peak = (pi / 2) F_avg``. The
preferred step rate rises with speed (165 steps/min at 3.04 m/s, +3 steps/min
per +15 % speed; doi 10.1080/17461391.2019.1626911). Changing the step rate at
the same speed changes the leg spring: Farley & Gonzalez (1996) measured leg
stiffness rising 2.3-fold from 26 % below to 36 % above the preferred stride
frequency, i.e. ``k ~ rate^1.39``; with a spring-mass contact time ``t_c ~
k^-1/2`` this gives ``t_c ~ rate^-0.69`` (a derivation for teaching, not a
measured contact-time relation). A higher step rate thus shortens contact
and lowers the peak force.

**Muscle** ``M = s S c(theta) a(t) fv (1 - fatigue)``: ``S`` is the sex's mean
eccentric hip-abduction strength (Ramskov et al. 2014, handheld dynamometer;
``s = strength``); ``c`` is the gluteus medius' moment capacity against hip
adduction, 1 at neutral (:func:`glutemed.statics.abductor_unit_forces`),
portion by portion; ``fv`` is Thelen's (2003) Hill-type force-velocity
relation (eccentric plateau :data:`fv_max_eccentric_force`), with each
portion's fibre velocity ``r_i theta'`` (tendon taken as rigid, pennation
ignored) scaled by ``(0.25 + 0.75 a) x 10 x`` its optimal fibre length per
second; ``a(t)`` follows an excitation that switches on before initial contact
and off at 60 % of stance through first-order activation dynamics. The
excitation level is the model's one calibrated number: the same for every
strength and sex, set so that a normative runner (strength 1, default speed,
sex and step rate) reaches the published mean peak hip adduction, 10.4 deg
(Heiderscheit et al. 2011). It is the *mechanical* effect of weakness with an
unchanged neural drive; real runners can also recruit more, or compensate.

Why the eccentric plateau matters: the measured running abduction moment
(1.8 +- 0.4 N m/kg) exceeds the handheld-dynamometer strength norms (1.41
women, 1.62 men). The model reaches it only through eccentric force
enhancement (up to 1.8 x), so the drop is the lengthening that lets the muscle
produce more than its isometric moment. That the norms sit below the running
moment is itself worth teaching: dynamometer strength is not the ceiling.

**Passive tissue** ``P``: the hip-adduction ligament moment of Anderson (1999)
(as coded in Falisse's 3dpredictsim), scaled x10 as an upper bound (van Arkel
et al. 2015 report ~10x more at 40 deg), divided by the model's body mass.
It is tiny (well under 1 % of the muscle moment in running) and provides no
catch: where the drop runs past the hip-adduction range (30 deg, Rajagopal et
al. 2016) the pelvis is **not held** and the result says so (NaN after that
instant).

Hip contact force: the pull that supplies the abduction moment acts along the
resultant line of the three portions; with the upper body's effective weight
it is balanced by the femoral head (rotational inertia of the upper body left
out of this balance).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from glutemed._checks import as_finite_array, check_in_range, check_name
from glutemed.geometry import Geometry, resolve_geometry
from glutemed.literature import literature_value
from glutemed.segments import mass_model, upper_body_com
from glutemed.statics import abductor_unit_forces

__all__ = [
    "SEXES",
    "SPEED_RANGE_M_S",
    "STEP_RATE_CHANGE_RANGE_PCT",
    "FATIGUE_RANGE_PCT",
    "STRENGTH_RANGE",
    "TRUNK_LEAN_RANGE_DEG",
    "TIME_STEP_S",
    "DEFAULT_SEX",
    "DEFAULT_SPEED_M_S",
    "StanceConditions",
    "RunningStance",
    "QuasiStaticDrop",
    "stance_conditions",
    "running_stance",
    "peak_pelvic_drop_deg",
    "quasi_static_drop",
    "calibrated_excitation",
    "fv_multiplier",
]

#: Sexes with a published strength norm (Ramskov et al. 2014).
SEXES: tuple[str, str] = ("female", "male")
#: Default sex: the normative runner is a woman (strength norm 1.41 N m/kg).
DEFAULT_SEX = "female"
#: Running speeds the model accepts, m/s. The force regression (Weyand & Davis
#: 2005) covers running speeds; below about 2 m/s people walk or jog with a
#: different force pattern (Keller et al. 1996), above 6 m/s runners sprint.
SPEED_RANGE_M_S: tuple[float, float] = (2.0, 6.0)
STEP_RATE_CHANGE_RANGE_PCT: tuple[float, float] = (-50.0, 50.0)
FATIGUE_RANGE_PCT: tuple[float, float] = (0.0, 100.0)
#: Strength as a fraction of the sex's mean (same range as :mod:`glutemed.pelvic_drop`).
STRENGTH_RANGE: tuple[float, float] = (0.0, 1.5)
TRUNK_LEAN_RANGE_DEG: tuple[float, float] = (-30.0, 30.0)
#: Fixed integration step, s (explicit semi-implicit Euler).
TIME_STEP_S = 0.0005
#: Excitation searched by the calibration.
_EXCITATION_RANGE = (0.05, 1.0)
_GRID_STEP_DEG = 0.25


def _default_speed() -> float:
    return literature_value("preferred_running_speed")


#: Default running speed, m/s: the comfortable speed of 21 recreational runners
#: (3.04 m/s; doi 10.1080/17461391.2019.1626911), close to the self-selected
#: speeds of the step-rate studies the model is checked against.
DEFAULT_SPEED_M_S: float = _default_speed()


# ----------------------------------------------------------------------------- input checks


def _scalar(value: ArrayLike, name: str, bounds: tuple[float, float], unit: str) -> float:
    arr = as_finite_array(value, name)
    if arr.ndim != 0:
        raise ValueError(f"{name} must be a single number (only strength may be an array)")
    return float(check_in_range(arr, name, *bounds, unit))


def _strength(strength: ArrayLike) -> NDArray[np.float64]:
    return check_in_range(as_finite_array(strength, "strength"), "strength", *STRENGTH_RANGE,
                          "(fraction of the sex's mean)")


# ----------------------------------------------------------------------------- muscle physics


def fv_multiplier(velocity_norm: ArrayLike) -> NDArray[np.float64]:
    """Thelen (2003) force-velocity multiplier, lengthening positive.

    Parameters
    ----------
    velocity_norm : float or array_like
        Fibre velocity over ``(0.25 + 0.75 a) x Vmax x L0`` (dimensionless;
        positive = lengthening, -1 = maximal shortening).

    Returns
    -------
    numpy.ndarray
        Force over isometric force: 0 at -1, 1 at 0, rising toward the
        eccentric plateau ``Flen`` (``fv_max_eccentric_force``) when lengthening.

    Notes
    -----
    Inverting Thelen's eqs 6-7 gives ``f = (1 + v) / (1 - v / Af)`` when
    shortening and ``f = (v c Flen + Flen - 1) / (v c + Flen - 1)`` with
    ``c = 2 + 2 / Af`` when lengthening; the slope at ``v = 0`` is ``1 + 1/Af``
    shortening and ``c`` (twice that) lengthening.

    Examples
    --------
    >>> np.round(fv_multiplier([-1.0, 0.0, 0.05, 100.0]), 3)
    array([0.   , 1.   , 1.308, 1.799])
    """
    v = np.asarray(velocity_norm, dtype=float)
    af = literature_value("fv_shape_factor")
    flen = literature_value("fv_max_eccentric_force")
    c = 2.0 + 2.0 / af
    vs = np.maximum(v, -1.0)
    short = (1.0 + vs) / (1.0 - np.minimum(vs, 0.0) / af)
    vl = np.maximum(v, 0.0)
    length = (vl * c * flen + flen - 1.0) / (vl * c + flen - 1.0)
    return np.where(v < 0.0, short, length)


def _passive_moment_nm(hip_adduction_rad: NDArray[np.float64]) -> NDArray[np.float64]:
    """Ligament abduction moment (N m, restoring adduction positive), Anderson (1999) x bound."""
    k = literature_value("passive_hip_adduction_moment_scale") * literature_value(
        "passive_hip_adduction_upper_bound_factor")
    e = literature_value("passive_hip_adduction_moment_exponent")
    q0 = literature_value("passive_hip_adduction_moment_angle")
    q = hip_adduction_rad
    return k * (np.exp(e * (q - q0)) - np.exp(-e * (q + q0)))


@dataclass(frozen=True)
class _Body:
    """Geometry-derived tables on a uniform hip-adduction grid (memoised per geometry)."""

    grid_deg: NDArray[np.float64]  # (G,)
    portion_weight: NDArray[np.float64]  # (G, 3): F_i r_i(theta) / sum F r(0)
    moment_arm_m: NDArray[np.float64]  # (G, 3)
    resultant_lever_m: NDArray[np.float64]  # (G,)
    resultant_dir: NDArray[np.float64]  # (G, 2) world (medial, up), unit, on the pelvis
    optimal_fibre_m: NDArray[np.float64]  # (3,)
    fraction: float
    inertia_kg_m2_per_kg: float
    body_mass_kg: float
    adduction_max_deg: float


# memo keyed by geometry identity (Geometry holds dicts, so it is not hashable); the geometry is kept alive
_MEMO: dict[tuple[str, int], tuple[Geometry, object]] = {}


def _memo(kind: str, g: Geometry, make):
    hit = _MEMO.get((kind, id(g)))
    if hit is None or hit[0] is not g:
        if len(_MEMO) > 64:
            _MEMO.clear()
        hit = (g, make())
        _MEMO[(kind, id(g))] = hit
    return hit[1]


def _body_cached(g: Geometry) -> _Body:
    return _memo("body", g, lambda: _make_body(g))


def _make_body(g: Geometry) -> _Body:
    lo, hi = g.range_deg("hip_adduction")
    grid = np.arange(lo, hi + 5.0 + _GRID_STEP_DEG / 2, _GRID_STEP_DEG)  # a little past the limit
    force_full, moment_full, _ = abductor_unit_forces(np.clip(grid, lo, hi), geometry=g)
    _, moment0, _ = abductor_unit_forces(0.0, geometry=g)
    weight = moment_full / moment0.sum()
    arm = moment_full / g.max_isometric_force_n
    resultant = force_full.sum(axis=-2)  # pelvis frame (medial, up), on the pelvis
    lever = moment_full.sum(axis=-1) / np.linalg.norm(resultant, axis=-1)
    unit = resultant / np.linalg.norm(resultant, axis=-1, keepdims=True)
    ang = np.radians(grid)  # turn with the pelvis (positive lowers the medial side)
    c, s = np.cos(ang), np.sin(ang)
    direction = np.stack([unit[:, 0] * c + unit[:, 1] * s, -unit[:, 0] * s + unit[:, 1] * c], axis=-1)
    mm = mass_model(g)
    # rotational inertia about the stance hip per kg of body mass: the pelvis turns with the drop,
    # the trunk translates with the back joint, the swing leg with its hip (point masses)
    inertia = (mm.pelvis_fraction * float(mm.pelvis_m_y @ mm.pelvis_m_y)
               + mm.trunk_fraction * float(mm.back_joint_m_y @ mm.back_joint_m_y)
               + mm.leg_fraction * float(mm.swing_hip_m_y @ mm.swing_hip_m_y))
    masses = g.segment_masses_kg
    leg = sum(m for name, m in masses.items() if name.endswith("_r"))
    body_mass = sum(masses.values()) + leg  # the model carries one leg's segments; add the other
    return _Body(grid, weight, arm, lever, direction, np.asarray(g.optimal_fibre_length_m, float),
                 mm.upper_fraction, inertia, body_mass, float(hi))


def _body(geometry: Geometry | str | None) -> tuple[Geometry, _Body]:
    g = resolve_geometry(geometry)
    return g, _body_cached(g)


def _interp_rows(body: _Body, theta_deg: NDArray[np.float64], table: NDArray[np.float64]):
    """Linear interpolation of ``table`` (G, ...) on the uniform grid at ``theta_deg`` (N,)."""
    x = (theta_deg - body.grid_deg[0]) / _GRID_STEP_DEG
    i = np.clip(np.floor(x).astype(np.intp), 0, len(body.grid_deg) - 2)
    t = np.clip(x - i, 0.0, 1.0)
    if table.ndim > 1:
        t = t[:, None]
    return table[i] * (1.0 - t) + table[i + 1] * t


# ----------------------------------------------------------------------------- stance conditions


@dataclass(frozen=True)
class StanceConditions:
    """Ground force and timing of one stance.

    Attributes
    ----------
    speed_m_s : float
    step_rate_steps_min : float
        Steps per minute (both legs), after the requested change.
    contact_time_s : float
    mean_vertical_grf_bw : float
        Stance-averaged vertical ground force, body weights.
    peak_vertical_grf_bw : float
        Peak of the half-sine, ``pi / 2`` times the mean.
    step_length_m : float
        Speed over step rate.
    """

    speed_m_s: float
    step_rate_steps_min: float
    contact_time_s: float
    mean_vertical_grf_bw: float
    peak_vertical_grf_bw: float
    step_length_m: float


def _contact_time_exponent() -> float:
    """``t_c ~ rate^-n`` at fixed speed, from Farley & Gonzalez's stiffness endpoints (see module doc)."""
    k_ratio = literature_value("leg_stiffness_high_step_rate") / literature_value("leg_stiffness_low_step_rate")
    rate_ratio = ((1 + literature_value("step_rate_above_preferred_farley") / 100)
                  / (1 - literature_value("step_rate_below_preferred_farley") / 100))
    return 0.5 * np.log(k_ratio) / np.log(rate_ratio)


def stance_conditions(speed_m_s: float = DEFAULT_SPEED_M_S, step_rate_change_pct: float = 0.0,
                      sex: str = DEFAULT_SEX) -> StanceConditions:
    """Contact time and vertical ground force for a speed, step-rate change and sex.

    Parameters
    ----------
    speed_m_s : float
        Running speed, m/s (2-6).
    step_rate_change_pct : float
        Change from the preferred step rate at the same speed, % (-50 to 50).
    sex : {"female", "male"}

    Returns
    -------
    StanceConditions

    Examples
    --------
    >>> c = stance_conditions()
    >>> round(c.step_rate_steps_min), round(c.contact_time_s, 3), round(c.peak_vertical_grf_bw, 2)
    (165, 0.233, 2.45)
    >>> stance_conditions(step_rate_change_pct=10).contact_time_s < c.contact_time_s
    True
    """
    speed = _scalar(speed_m_s, "speed_m_s", SPEED_RANGE_M_S, "m/s")
    change = _scalar(step_rate_change_pct, "step_rate_change_pct", STEP_RATE_CHANGE_RANGE_PCT, "%")
    check_name(sex, "sex", SEXES)
    tag = "women" if sex == "female" else "men"
    mean_force = (literature_value(f"stance_force_intercept_{tag}")
                  + literature_value(f"stance_force_slope_{tag}") * speed)
    v0 = literature_value("preferred_running_speed")
    slope = literature_value("step_rate_rise_per_15pct_speed") / (0.15 * v0)  # steps/min per m/s
    preferred_rate = literature_value("preferred_step_rate") + slope * (speed - v0)
    preferred_contact = 60.0 / (preferred_rate * mean_force)
    ratio = 1.0 + change / 100.0
    rate = preferred_rate * ratio
    contact = preferred_contact * ratio ** (-_contact_time_exponent())
    mean_force = 60.0 / (rate * contact)
    return StanceConditions(float(speed), float(rate), float(contact), float(mean_force),
                            float(np.pi / 2 * mean_force), float(speed * 60.0 / rate))


# ----------------------------------------------------------------------------- the integration


@dataclass(frozen=True)
class RunningStance:
    """One stance of running, frontal plane; time on the last axis.

    Arrays marked ``(..., T)`` have the shape of ``strength`` followed by time;
    peaks and ``pelvis_held`` have the shape of ``strength``.

    Attributes
    ----------
    time_s : numpy.ndarray, shape (T,)
        Time from initial contact to toe-off, s.
    vertical_grf_bw : numpy.ndarray, shape (T,)
        Vertical ground reaction force, body weights.
    activation_fraction : numpy.ndarray, shape (T,)
        Gluteus medius activation (0-1), the same for every strength.
    pelvic_drop_deg, hip_adduction_deg : numpy.ndarray, shape (..., T)
        Contralateral pelvic drop and stance-hip adduction, degrees (equal:
        the femur stays vertical). NaN after the pelvis is lost.
    demand_moment_nm_kg : numpy.ndarray, shape (..., T)
        Abduction moment the body above the hip asks for, N m/kg.
    muscle_moment_nm_kg, passive_moment_nm_kg : numpy.ndarray, shape (..., T)
        What the abductors and the hip ligaments supply, N m/kg.
    hip_contact_force_bw : numpy.ndarray, shape (..., T)
        Hip joint contact force, body weights.
    peak_pelvic_drop_deg, peak_hip_adduction_deg : numpy.ndarray
        Peaks over stance, degrees; NaN where the pelvis is not held.
    peak_abduction_moment_nm_kg : numpy.ndarray
        Peak of muscle + passive moment, N m/kg (over the time it was held).
    peak_hip_contact_force_bw : numpy.ndarray
        Peak hip contact force, body weights (over the time it was held).
    abductor_impulse_nm_s_kg : numpy.ndarray
        Time integral of muscle + passive moment over stance, N m s/kg;
        NaN where the pelvis is not held.
    pelvis_held : numpy.ndarray of bool
        False where the drop runs past the hip-adduction range (30 deg): the
        abductors cannot hold the pelvis and the runner must compensate.
    strength : numpy.ndarray
    conditions : StanceConditions
    sex : str
    fatigue_pct, trunk_lean_deg, excitation_fraction : float
    """

    time_s: NDArray[np.float64]
    vertical_grf_bw: NDArray[np.float64]
    activation_fraction: NDArray[np.float64]
    pelvic_drop_deg: NDArray[np.float64]
    hip_adduction_deg: NDArray[np.float64]
    demand_moment_nm_kg: NDArray[np.float64]
    muscle_moment_nm_kg: NDArray[np.float64]
    passive_moment_nm_kg: NDArray[np.float64]
    hip_contact_force_bw: NDArray[np.float64]
    peak_pelvic_drop_deg: NDArray[np.float64]
    peak_hip_adduction_deg: NDArray[np.float64]
    peak_abduction_moment_nm_kg: NDArray[np.float64]
    peak_hip_contact_force_bw: NDArray[np.float64]
    abductor_impulse_nm_s_kg: NDArray[np.float64]
    pelvis_held: NDArray[np.bool_]
    strength: NDArray[np.float64]
    conditions: StanceConditions
    sex: str
    fatigue_pct: float
    trunk_lean_deg: float
    excitation_fraction: float


def _activation(contact_s: float, onset_before_contact_s: float, excitation: float) -> NDArray[np.float64]:
    """Activation on the stance time grid (from initial contact), first-order dynamics from onset."""
    tau_act = literature_value("activation_time_constant")
    tau_deact = literature_value("deactivation_time_constant")
    off = literature_value("gmed_excitation_end") / 100.0 * contact_s
    n_pre = int(round(onset_before_contact_s / TIME_STEP_S))
    n = int(np.ceil(contact_s / TIME_STEP_S)) + 1
    t = (np.arange(-n_pre, n)) * TIME_STEP_S
    u = np.where(t <= off, excitation, 0.0)
    a = np.zeros_like(t)
    for k in range(1, len(t)):  # exact step of the linear first-order ODE
        tau = tau_act if u[k - 1] > a[k - 1] else tau_deact
        a[k] = u[k - 1] + (a[k - 1] - u[k - 1]) * np.exp(-TIME_STEP_S / tau)
    return a[n_pre:]


def _lever_table(body: _Body, g: Geometry, trunk_lean_deg: float) -> NDArray[np.float64]:
    _, com = upper_body_com(np.radians(body.grid_deg), np.radians(trunk_lean_deg), geometry=g)
    return com[..., 0]


def _simulate(strength: NDArray[np.float64], cond: StanceConditions, sex: str, fatigue_pct: float,
              lean_deg: float, g: Geometry, body: _Body, excitation: float,
              onset_before_contact_s: float) -> RunningStance:
    gravity = literature_value("gravity")
    norm = literature_value("abductor_strength_women" if sex == "female" else "abductor_strength_men")
    vmax = literature_value("max_contraction_velocity")
    shape = strength.shape
    s = strength.reshape(-1)
    n_s = s.size
    act = _activation(cond.contact_time_s, onset_before_contact_s, excitation)
    n_t = act.size
    time = np.arange(n_t) * TIME_STEP_S
    grf = cond.peak_vertical_grf_bw * np.sin(np.pi * np.clip(time / cond.contact_time_s, 0.0, 1.0))
    lever = _lever_table(body, g, lean_deg)
    passive_tab = _passive_moment_nm(np.radians(body.grid_deg)) / body.body_mass_kg
    capacity = s * norm * (1.0 - fatigue_pct / 100.0)  # (N,)
    lo = body.grid_deg[0]
    hi = body.adduction_max_deg

    theta = np.zeros(n_s)  # deg
    omega = np.zeros(n_s)  # rad/s
    held = np.ones(n_s, dtype=bool)
    out_theta = np.full((n_s, n_t), np.nan)
    out_demand = np.full((n_s, n_t), np.nan)
    out_muscle = np.full((n_s, n_t), np.nan)
    out_passive = np.full((n_s, n_t), np.nan)
    inv_inertia = 1.0 / body.inertia_kg_m2_per_kg
    for k in range(n_t):
        a = act[k]
        w = _interp_rows(body, theta, body.portion_weight)  # (N, 3)
        r = _interp_rows(body, theta, body.moment_arm_m)
        v_norm = r * omega[:, None] / ((0.25 + 0.75 * a) * vmax * body.optimal_fibre_m)
        muscle = capacity * a * np.sum(w * fv_multiplier(v_norm), axis=-1)
        passive = _interp_rows(body, theta, passive_tab)
        demand = body.fraction * gravity * grf[k] * _interp_rows(body, theta, lever)
        live = held
        out_theta[live, k] = theta[live]
        out_demand[live, k] = demand[live]
        out_muscle[live, k] = muscle[live]
        out_passive[live, k] = passive[live]
        omega = omega + TIME_STEP_S * (demand - muscle - passive) * inv_inertia
        theta = theta + TIME_STEP_S * np.degrees(omega)
        lost = held & ((theta > hi) | (theta < lo))
        if np.any(lost):
            held = held & ~lost
            theta = np.where(held, theta, 0.0)  # frozen; no longer reported
            omega = np.where(held, omega, 0.0)

    supplied = out_muscle + out_passive
    contact = _contact_force_bw(body, out_theta, supplied, grf, gravity)
    with np.errstate(invalid="ignore"):
        peak_drop = np.where(held, np.nanmax(np.where(np.isnan(out_theta), -np.inf, out_theta), axis=-1), np.nan)
    peak_moment = np.nanmax(np.where(np.isnan(supplied), -np.inf, supplied), axis=-1)
    peak_contact = np.nanmax(np.where(np.isnan(contact), -np.inf, contact), axis=-1)
    impulse = np.where(held, np.trapezoid(np.nan_to_num(supplied), dx=TIME_STEP_S, axis=-1), np.nan)

    def shaped(x: NDArray[np.float64]) -> NDArray[np.float64]:
        return x.reshape(shape + x.shape[1:])

    return RunningStance(
        time_s=time,
        vertical_grf_bw=grf,
        activation_fraction=act,
        pelvic_drop_deg=shaped(out_theta),
        hip_adduction_deg=shaped(out_theta.copy()),
        demand_moment_nm_kg=shaped(out_demand),
        muscle_moment_nm_kg=shaped(out_muscle),
        passive_moment_nm_kg=shaped(out_passive),
        hip_contact_force_bw=shaped(contact),
        peak_pelvic_drop_deg=shaped(peak_drop)[()],
        peak_hip_adduction_deg=shaped(peak_drop.copy())[()],
        peak_abduction_moment_nm_kg=shaped(peak_moment)[()],
        peak_hip_contact_force_bw=shaped(peak_contact)[()],
        abductor_impulse_nm_s_kg=shaped(impulse)[()],
        pelvis_held=shaped(held)[()],
        strength=strength,
        conditions=cond,
        sex=sex,
        fatigue_pct=fatigue_pct,
        trunk_lean_deg=lean_deg,
        excitation_fraction=excitation,
    )


def _contact_force_bw(body: _Body, theta_deg: NDArray[np.float64], supplied_nm_kg: NDArray[np.float64],
                      grf_bw: NDArray[np.float64], gravity: float) -> NDArray[np.float64]:
    """Hip contact force (BW): pull along the abductors' resultant line plus the effective weight."""
    flat = np.nan_to_num(theta_deg.reshape(-1))
    lever = _interp_rows(body, flat, body.resultant_lever_m).reshape(theta_deg.shape)
    direction = _interp_rows(body, flat, body.resultant_dir).reshape(theta_deg.shape + (2,))
    pull = direction * (supplied_nm_kg / lever)[..., None]  # N/kg on the pelvis
    weight_y = -body.fraction * gravity * grf_bw  # (T,)
    total_m = pull[..., 0]
    total_y = pull[..., 1] + weight_y
    return np.hypot(total_m, total_y) / gravity


def _calibrated_excitation_cached(g: Geometry) -> float:
    return _memo("excitation", g, lambda: _calibrate(g))


def _calibrate(g: Geometry) -> float:
    body = _body_cached(g)
    target = literature_value("running_hip_adduction")
    cond = stance_conditions(DEFAULT_SPEED_M_S, 0.0, DEFAULT_SEX)
    onset = literature_value("gmed_onset_before_contact")
    lo, hi = _EXCITATION_RANGE

    def peak(u: float) -> float:
        r = _simulate(np.array([1.0]), cond, DEFAULT_SEX, 0.0, 0.0, g, body, u, onset)
        return float(r.peak_hip_adduction_deg[0]) if bool(r.pelvis_held[0]) else np.inf

    if peak(hi) > target:
        raise ValueError(f"{g.name}: even full excitation lets a normative runner drop more than "
                         f"{target} deg; the running model cannot be calibrated")
    for _ in range(40):  # bisection: peak drop falls as excitation rises
        mid = 0.5 * (lo + hi)
        if peak(mid) > target:
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


def calibrated_excitation(geometry: Geometry | str | None = None) -> float:
    """The calibrated peak excitation (0-1) of gluteus medius in running.

    Set once per geometry so that the normative runner (strength 1, default
    sex, speed and step rate, upright trunk, no fatigue) reaches the published
    mean peak hip adduction (Heiderscheit et al. 2011, 10.4 deg). A
    calibration value, not a measurement.

    Examples
    --------
    >>> 0.5 < calibrated_excitation() <= 1.0
    True
    """
    g = resolve_geometry(geometry)
    return _calibrated_excitation_cached(g)


def running_stance(
    strength: ArrayLike = 1.0,
    speed_m_s: float = DEFAULT_SPEED_M_S,
    step_rate_change_pct: float = 0.0,
    fatigue_pct: float = 0.0,
    trunk_lean_deg: float = 0.0,
    sex: str = DEFAULT_SEX,
    geometry: Geometry | str | None = None,
    *,
    onset_before_contact_s: float | None = None,
) -> RunningStance:
    """Simulate one running stance on the right leg, vectorised over strengths.

    Parameters
    ----------
    strength : float or array_like
        Eccentric hip-abduction strength as a fraction of the sex's mean
        (Ramskov et al. 2014: women 1.41, men 1.62 N m/kg); 0-1.5. Arrays are
        simulated together (no Python loop over strengths).
    speed_m_s : float
        Running speed, m/s (2-6); default 3.04 m/s, a comfortable
        recreational speed (doi 10.1080/17461391.2019.1626911).
    step_rate_change_pct : float
        Step-rate change from preferred at the same speed, % (-50 to 50).
    fatigue_pct : float
        Loss of abductor force capacity, % (0-100).
    trunk_lean_deg : float
        Trunk angle to the vertical, degrees, positive over the stance leg
        (-30 to 30).
    sex : {"female", "male"}
        Selects the strength norm and the force-speed regression; default
        ``"female"``.
    geometry : Geometry, str or None
        Default gait2392 (right leg).
    onset_before_contact_s : float, optional
        How long before initial contact gluteus medius excitation starts, s
        (0-0.15); default 0.05 s (a teaching value). Later onset models the
        delayed activation reported in patellofemoral pain (Willson et al. 2011).

    Returns
    -------
    RunningStance

    Raises
    ------
    ValueError
        NaN or out-of-range input, a non-scalar where a scalar is needed, or
        an unknown sex; the message names the parameter and the valid range.

    Examples
    --------
    >>> r = running_stance([1.0, 0.9, 0.0])
    >>> r.pelvic_drop_deg.shape[0], r.time_s.shape == r.vertical_grf_bw.shape
    (3, True)
    >>> round(float(r.peak_hip_adduction_deg[0]), 1)  # the calibration target
    10.4
    >>> bool(r.peak_hip_adduction_deg[1] > r.peak_hip_adduction_deg[0])
    True
    >>> r.pelvis_held.tolist()  # without abductors the pelvis is not held
    [True, True, False]
    """
    g, body = _body(geometry)
    s = _strength(strength)
    check_name(sex, "sex", SEXES)
    cond = stance_conditions(speed_m_s, step_rate_change_pct, sex)
    fatigue = _scalar(fatigue_pct, "fatigue_pct", FATIGUE_RANGE_PCT, "%")
    lean = _scalar(trunk_lean_deg, "trunk_lean_deg", TRUNK_LEAN_RANGE_DEG, "deg")
    if onset_before_contact_s is None:
        onset = literature_value("gmed_onset_before_contact")
    else:
        onset = _scalar(onset_before_contact_s, "onset_before_contact_s", (0.0, 0.15), "s")
    return _simulate(s, cond, sex, fatigue, lean, g, body, calibrated_excitation(g), onset)


def peak_pelvic_drop_deg(strength: ArrayLike = 1.0, speed_m_s: float = DEFAULT_SPEED_M_S,
                         step_rate_change_pct: float = 0.0, fatigue_pct: float = 0.0,
                         trunk_lean_deg: float = 0.0, sex: str = DEFAULT_SEX,
                         geometry: Geometry | str | None = None) -> NDArray[np.float64]:
    """Peak pelvic drop in running, degrees; NaN where the pelvis is not held.

    The same numbers as ``running_stance(...).peak_pelvic_drop_deg``, for
    ``gm.pelvic_drop(strength, activity="running")``.

    Examples
    --------
    >>> d = peak_pelvic_drop_deg([1.2, 1.0, 0.8])
    >>> bool(d[0] < d[1] < d[2])
    True
    """
    return running_stance(strength, speed_m_s, step_rate_change_pct, fatigue_pct, trunk_lean_deg, sex,
                          geometry).peak_pelvic_drop_deg


# ----------------------------------------------------------------------------- stance and walking


@dataclass(frozen=True)
class QuasiStaticDrop:
    """Single-leg support in quiet stance or walking; arrays have the shape of ``strength``.

    Attributes
    ----------
    held : numpy.ndarray of bool
        True where maximal abductor effort holds the pelvis at the given lean.
    activation_needed_pct : numpy.ndarray
        Demand over maximal capacity with the pelvis level, %.
    pelvic_drop_deg : numpy.ndarray
        0 where held (level: the few degrees of normal, controlled pelvic
        obliquity of gait are not modelled); NaN where not held.
    trunk_lean_needed_deg : numpy.ndarray
        Trunk lean over the stance leg at which the abductors just suffice,
        degrees (equal to the given lean where it already suffices); NaN where
        even 30 deg is not enough (no unaided single-leg support).
    demand_moment_nm_kg, capacity_moment_nm_kg : numpy.ndarray
        Abduction moment needed with the pelvis level at the given lean, and
        the abductors' maximal isometric moment, N m/kg.
    activity : str
    """

    held: NDArray[np.bool_]
    activation_needed_pct: NDArray[np.float64]
    pelvic_drop_deg: NDArray[np.float64]
    trunk_lean_needed_deg: NDArray[np.float64]
    demand_moment_nm_kg: NDArray[np.float64]
    capacity_moment_nm_kg: NDArray[np.float64]
    activity: str


def quasi_static_drop(strength: ArrayLike = 1.0, activity: str = "stance", trunk_lean_deg: float = 0.0,
                      sex: str = DEFAULT_SEX, geometry: Geometry | str | None = None) -> QuasiStaticDrop:
    """Hold the pelvis level, or lean the trunk over the stance leg (compensated Trendelenburg).

    Quiet single-leg stance and walking are slow enough for a quasi-static
    balance with isometric muscles and no passive catch: the weight above the
    hip (times the activity's peak vertical ground force, 1.0 BW standing,
    1.2 BW walking, Keller et al. 1996) at its lever asks for an abduction
    moment ``D(lean)``; the abductors can give at most ``strength x S`` (the
    sex's strength norm, full activation, pelvis level). Either ``D <= S``:
    the pelvis is held (level in this model); or it is not, and the model
    reports the trunk lean over the stance leg that shortens the lever enough
    (the compensated Trendelenburg gait), up to 30 deg.

    Parameters
    ----------
    strength : float or array_like
        Fraction of the sex's mean abduction strength (0-1.5).
    activity : {"stance", "walking"}
    trunk_lean_deg : float
        The lean already used, degrees (-30 to 30, positive over the stance leg).
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
    s = _strength(strength)
    check_name(activity, "activity", ("stance", "walking"))
    check_name(sex, "sex", SEXES)
    lean = _scalar(trunk_lean_deg, "trunk_lean_deg", TRUNK_LEAN_RANGE_DEG, "deg")
    gravity = literature_value("gravity")
    factor = literature_value(f"vertical_force_{activity}")
    norm = literature_value("abductor_strength_women" if sex == "female" else "abductor_strength_men")
    leans = np.linspace(lean, TRUNK_LEAN_RANGE_DEG[1], 241)
    fraction, com = upper_body_com(0.0, np.radians(leans), geometry=g)
    demand_curve = factor * gravity * fraction * com[..., 0]  # falls as the lean grows
    capacity = s * norm
    demand = demand_curve[0]
    held = capacity >= demand
    with np.errstate(divide="ignore"):
        needed_pct = np.where(capacity > 0, 100.0 * demand / np.where(capacity > 0, capacity, 1.0), np.inf)
    # lean where the demand curve meets the capacity (demand decreases with lean)
    needed_lean = np.interp(-capacity, -demand_curve, leans, left=np.nan, right=np.nan)
    needed_lean = np.where(held, lean, needed_lean)
    return QuasiStaticDrop(
        held=held[()],
        activation_needed_pct=needed_pct[()],
        pelvic_drop_deg=np.where(held, 0.0, np.nan)[()],
        trunk_lean_needed_deg=needed_lean[()],
        demand_moment_nm_kg=np.broadcast_to(demand, s.shape).copy()[()],
        capacity_moment_nm_kg=capacity[()],
        activity=activity,
    )
