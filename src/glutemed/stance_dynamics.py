"""The physics of one running stance in the frontal plane: muscle, body and the time integration.

Everything above the stance (right) hip -- pelvis, trunk, swing leg
(:func:`glutemed.segments.mass_model`) -- turns about the hip by the pelvic
drop ``theta`` (positive = swing side lower). Moments are per kilogram of
body mass (N m/kg), so body mass drops out::

    I theta'' = D(t, theta) - M(t, theta, theta') - P(theta + phi)

**The femur is not vertical.** The stance foot lands close to the midline
(a narrow running step width), so the femur leans in by ``phi`` =
:func:`femur_adduction_deg` (about 4 deg for gait2392). The hip's adduction is
``theta + phi``: the muscles' leverage, fibre lengths and the passive tissue
see that angle; the lever of the body's weight sees only the pelvis' turn
``theta``. ``phi`` is held constant over stance (foot planted; a teaching
simplification).

**Demand** ``D = f g F(t) x(theta, lean)``: in the frame of the hip, which
moves with the body, the weight of the upper body (fraction ``f`` of body
mass) is scaled by the vertical ground force ``F(t)`` in body weights
(:mod:`glutemed.ground_force`); ``x`` is its centre of mass' lever medial of
the hip (:func:`glutemed.segments.upper_body_com`). Medio-lateral ground force
is left out.

**Muscle.** ``C = s S c(theta + phi)`` is the abductors' maximal isometric
moment: ``s S`` the runner's strength (N m/kg, fatigue already taken off),
``c`` how the gluteus medius' summed moment (max forces x abduction moment
arms) changes with hip adduction, 1 at neutral, portion by portion
(weights ``w_i``). The **drive** follows one rule (a teaching assumption,
see below): while the pelvis is level and ``D <= C`` the nervous system
supplies exactly ``D`` (activation ``D / C``: a weaker runner uses a larger
share of the capacity, so strength above the need does not show in the
drop); otherwise drive is full (activation 1) and the muscle gives
``s S sum_i w_i fv(v_i)``, where ``fv`` is Thelen's (2003) force-velocity
relation (:func:`fv_multiplier`) and ``v_i = r_i theta'`` each portion's
fibre velocity over ``Vmax L0_i`` (rigid tendon, pennation ignored). The
pelvis drops only while the demand exceeds the isometric capacity: the
lengthening muscle then resists up to ``Flen`` (1.8) times its isometric
moment; once the demand falls, full drive shortens the muscle and lifts the
pelvis back to level, where it is held again.

Support for the drive rule: the same moment from a weaker muscle needs a
larger share of its capacity (force = activation x capacity), and the
surface EMG of a fatiguing muscle rises while it keeps a submaximal force
(Lind & Petrofsky 1979, Muscle Nerve 2:257-264, handgrip). That the drive
aims at a level pelvis is set for teaching.

**Passive tissue** ``P``: the hip-adduction ligament moment of Anderson
(1999), scaled x10 as an upper bound, over the model's body mass. It is far
below 1 % of the muscle moment and catches nothing: where hip adduction
passes the model's range (30 deg) the pelvis is **not held**.

Integration: semi-implicit Euler at :data:`TIME_STEP_S` (1 ms; halving it
moves the peak drop by under 0.05 deg), vectorised over any number of
runners (strengths, leans, fatigue levels).

Limits, said plainly: the drop peaks late in stance (about 90 % of contact
for the normative runner: the symmetric half-sine load puts the largest
demand at mid-stance and the pelvis stops only after it), whereas measured
peak hip adduction falls in the loading response; the medio-lateral ground
force, muscle force-length, tendon compliance and any compensation (trunk
lean, step width, speed) are left out, so the model shows the *mechanism*
of weakness far more strongly than cohorts do (abductor strength relates
only weakly to running kinematics in the studies in the science brief).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from glutemed.geometry import Geometry, resolve_geometry
from glutemed.kinematics import ankle_under_hip_flexion_rad, leg_points_m, to_frontal, turn_frontal
from glutemed.literature import literature_value
from glutemed.rotations import rot_z
from glutemed.segments import mass_model, upper_body_com
from glutemed.statics import abductor_unit_forces

__all__ = [
    "TIME_STEP_S",
    "BodyTables",
    "StanceHistory",
    "body_tables",
    "femur_adduction_deg",
    "fv_multiplier",
    "lean_lever_offset_m",
    "passive_moment_nm",
    "simulate_stance",
]

#: Fixed integration step, s.
TIME_STEP_S = 0.001
#: Step of the hip-adduction grid the geometry tables are read on, degrees.
_GRID_STEP_DEG = 0.25


def fv_multiplier(velocity_norm: ArrayLike) -> NDArray[np.float64]:
    """Thelen (2003) force-velocity multiplier, lengthening positive.

    Parameters
    ----------
    velocity_norm : float or array_like
        Fibre velocity over ``Vmax L0`` at full activation (dimensionless;
        positive = lengthening, -1 = maximal shortening).

    Returns
    -------
    numpy.ndarray
        Force over isometric force, same shape: 0 at -1, 1 at 0, rising
        toward the eccentric plateau ``Flen`` (``fv_max_eccentric_force``).

    Notes
    -----
    Inverting Thelen's eqs 6-7 gives ``f = (1 + v) / (1 - v / Af)`` when
    shortening and ``f = (v c Flen + Flen - 1) / (v c + Flen - 1)`` with
    ``c = 2 + 2 / Af`` when lengthening.

    Examples
    --------
    >>> np.round(fv_multiplier([-1.0, 0.0, 0.05, 100.0]), 3)
    array([0.   , 1.   , 1.308, 1.799])
    """
    return _fv(np.asarray(velocity_norm, dtype=np.float64), literature_value("fv_shape_factor"),
               literature_value("fv_max_eccentric_force"))


def _fv(v: NDArray[np.float64], af: float, flen: float) -> NDArray[np.float64]:
    c = 2.0 + 2.0 / af
    vs = np.maximum(v, -1.0)
    short = (1.0 + vs) / (1.0 - np.minimum(vs, 0.0) / af)
    vl = np.maximum(v, 0.0)
    length = (vl * c * flen + flen - 1.0) / (vl * c + flen - 1.0)
    return np.where(v < 0.0, short, length)


def passive_moment_nm(hip_adduction_rad: ArrayLike) -> NDArray[np.float64]:
    """Hip-ligament moment resisting adduction, N m (Anderson 1999 curve x the upper-bound factor).

    Positive restores (abducts); the curve is antisymmetric about neutral.

    Examples
    --------
    >>> round(float(passive_moment_nm(np.radians(10.0))), 4)  # N m: a few thousandths at 10 deg
    0.0023
    """
    q = np.asarray(hip_adduction_rad, dtype=np.float64)
    k_nm = literature_value("passive_hip_adduction_moment_scale") * literature_value(
        "passive_hip_adduction_upper_bound_factor")
    e = literature_value("passive_hip_adduction_moment_exponent")
    q0 = literature_value("passive_hip_adduction_moment_angle")
    return k_nm * (np.exp(e * (q - q0)) - np.exp(-e * (q + q0)))


@functools.lru_cache(maxsize=16)
def _femur_adduction_deg(g: Geometry) -> float:
    knee_rad = np.radians(literature_value("running_knee_flexion"))
    _, ankle_m = leg_points_m(rot_z(ankle_under_hip_flexion_rad(knee_rad, g)), knee_rad, g)
    offset_m = g.hip_width_m / 2 - literature_value("running_step_width") / 2
    return float(np.degrees(np.arcsin(offset_m / np.linalg.norm(ankle_m))))


def femur_adduction_deg(geometry: Geometry | str | None = None) -> float:
    """How far the stance femur leans toward the midline in running, degrees.

    The foot lands half the step width from the midline, medial of the hip
    (half the hip-centre spacing out); the hip-to-ankle line, at the runners'
    peak stance knee flexion (Heiderscheit et al. 2011) with the ankle under
    the hip, leans in by ``arcsin(offset / length)``. In this frontal-plane
    model that lean is taken as the femur's share of hip adduction (with the
    hip flexed 20-30 deg the joint-coordinate value would be a few per cent
    smaller).

    Examples
    --------
    >>> round(femur_adduction_deg("gait2392"), 1)  # 6 cm step width (a teaching value)
    4.0
    """
    return _femur_adduction_deg(resolve_geometry(geometry))


@dataclass(frozen=True)
class BodyTables:
    """Geometry-derived tables on a uniform grid (``grid_deg``, shape (G,)), memoised per geometry.

    Attributes
    ----------
    grid_deg : numpy.ndarray, shape (G,)
        Angle grid, degrees (hip adduction for the muscle tables, pelvic drop for ``lever_m``).
    portion_weight : numpy.ndarray, shape (G, 3)
        Each portion's share of the maximal isometric moment, relative to the summed moment at neutral.
    moment_arm_m : numpy.ndarray, shape (G, 3)
        Abduction moment arms, m.
    resultant_lever_m : numpy.ndarray, shape (G,)
        Lever of the portions' resultant pull about the hip, m.
    resultant_unit : numpy.ndarray, shape (G, 2)
        Unit direction of that pull on the pelvis, pelvis axes (medial, up).
    lever_m : numpy.ndarray, shape (G,)
        Upper-body centre of mass medial of the hip against pelvic drop, trunk upright, m.
    passive_nm_kg : numpy.ndarray, shape (G,)
        Passive moment against hip adduction, N m per kg of the model's body mass.
    optimal_fibre_m : numpy.ndarray, shape (3,)
    upper_fraction : float
        Fraction of body mass above the stance hip.
    inertia_kg_m2_per_kg : float
        Rotational inertia of that mass about the hip, per kg of body mass.
    adduction_max_deg : float
        Upper end of the model's hip-adduction range, degrees.
    femur_adduction_deg : float
        :func:`femur_adduction_deg`.
    """

    grid_deg: NDArray[np.float64]
    portion_weight: NDArray[np.float64]
    moment_arm_m: NDArray[np.float64]
    resultant_lever_m: NDArray[np.float64]
    resultant_unit: NDArray[np.float64]
    lever_m: NDArray[np.float64]
    passive_nm_kg: NDArray[np.float64]
    optimal_fibre_m: NDArray[np.float64]
    upper_fraction: float
    inertia_kg_m2_per_kg: float
    adduction_max_deg: float
    femur_adduction_deg: float

    def read(self, angle_deg: NDArray[np.float64], table: NDArray[np.float64]) -> NDArray[np.float64]:
        """Linear interpolation of ``table`` (G, ...) at ``angle_deg`` (any shape; clamped to the grid)."""
        x = (angle_deg - self.grid_deg[0]) / _GRID_STEP_DEG
        i = np.clip(np.floor(x).astype(np.intp), 0, len(self.grid_deg) - 2)
        t = np.clip(x - i, 0.0, 1.0)
        if table.ndim > 1:
            t = t[..., None]
        return table[i] * (1.0 - t) + table[i + 1] * t


@functools.lru_cache(maxsize=16)
def _body_tables(g: Geometry) -> BodyTables:
    lo, hi = g.range_deg("hip_adduction")
    grid = np.arange(-5.0, hi + 5.0 + _GRID_STEP_DEG / 2, _GRID_STEP_DEG)
    force_full, moment_full, _ = abductor_unit_forces(np.clip(grid, lo, hi), geometry=g)
    _, moment0, _ = abductor_unit_forces(0.0, geometry=g)
    resultant = force_full.sum(axis=-2)
    mm = mass_model(g)
    # translating point masses about the hip: the pelvis turns, trunk and swing leg move with their joints
    inertia = (mm.pelvis_fraction * float(mm.pelvis_com_m @ mm.pelvis_com_m)
               + mm.trunk_fraction * float(mm.back_joint_m @ mm.back_joint_m)
               + mm.leg_fraction * float(mm.swing_hip_m @ mm.swing_hip_m))
    masses = g.segment_masses_kg
    body_mass_kg = sum(masses.values()) + sum(m for n, m in masses.items() if n.endswith("_r"))  # + other leg
    _, com = upper_body_com(np.radians(grid), 0.0, geometry=g)
    tables = BodyTables(
        grid_deg=grid,
        portion_weight=moment_full / moment0.sum(),
        moment_arm_m=moment_full / g.max_isometric_force_n,
        resultant_lever_m=moment_full.sum(axis=-1) / np.linalg.norm(resultant, axis=-1),
        resultant_unit=resultant / np.linalg.norm(resultant, axis=-1, keepdims=True),
        lever_m=com[..., 0],
        passive_nm_kg=passive_moment_nm(np.radians(grid)) / body_mass_kg,
        optimal_fibre_m=np.asarray(g.optimal_fibre_length_m, dtype=np.float64),
        upper_fraction=mm.upper_fraction,
        inertia_kg_m2_per_kg=inertia,
        adduction_max_deg=float(hi),
        femur_adduction_deg=_femur_adduction_deg(g),
    )
    for value in vars(tables).values():
        if isinstance(value, np.ndarray):
            value.flags.writeable = False
    return tables


def body_tables(geometry: Geometry | str | None = None) -> BodyTables:
    """The geometry's tables for :func:`simulate_stance` (right leg in stance).

    Examples
    --------
    >>> b = body_tables()
    >>> round(b.inertia_kg_m2_per_kg, 3), round(b.upper_fraction, 2)
    (0.02, 0.81)
    """
    g = resolve_geometry(geometry)
    if g.side != "right":
        raise ValueError("the stance models use the right leg as the stance leg; pass a right-side geometry")
    return _body_tables(g)


def lean_lever_offset_m(trunk_lean_deg: ArrayLike, geometry: Geometry | str | None = None) -> NDArray[np.float64]:
    """Change of the upper-body lever when the trunk leans (positive over the stance leg), m; same shape.

    Examples
    --------
    >>> float(lean_lever_offset_m(10.0)) < 0  # leaning over the stance leg shortens the lever
    True
    """
    g = resolve_geometry(geometry)
    mm = mass_model(g)
    torso = to_frontal(g.segment_com_m["torso"], g.side)
    shift = turn_frontal(torso, -np.radians(trunk_lean_deg))[..., 0] - torso[0]
    return mm.trunk_fraction / mm.upper_fraction * shift


@dataclass(frozen=True)
class StanceHistory:
    """Raw output of :func:`simulate_stance`: runners on the first axis, time on the last.

    Attributes
    ----------
    drop_deg, demand_nm_kg, muscle_nm_kg, passive_nm_kg, capacity_nm_kg, activation, contact_bw
        Shape (N, T): pelvic drop (deg), demand, muscle, passive and maximal
        isometric moments (N m/kg), activation (0-1) and hip contact force
        (body weights); NaN after the pelvis is lost.
    held : numpy.ndarray of bool, shape (N,)
    """

    drop_deg: NDArray[np.float64]
    demand_nm_kg: NDArray[np.float64]
    muscle_nm_kg: NDArray[np.float64]
    passive_nm_kg: NDArray[np.float64]
    capacity_nm_kg: NDArray[np.float64]
    activation: NDArray[np.float64]
    contact_bw: NDArray[np.float64]
    held: NDArray[np.bool_]


def simulate_stance(strength_nm_kg: ArrayLike, trunk_lean_deg: ArrayLike, grf_bw: ArrayLike,
                    geometry: Geometry | str | None = None, time_step_s: float = TIME_STEP_S) -> StanceHistory:
    """Integrate one stance for N runners at once (no Python loop over runners).

    Parameters
    ----------
    strength_nm_kg : array_like, shape (N,)
        Each runner's isometric abduction strength at neutral, N m/kg
        (strength fraction x the sex's norm x (1 - fatigue)).
    trunk_lean_deg : array_like, shape (N,)
        Trunk lean over the stance leg, degrees.
    grf_bw : array_like, shape (T,)
        Vertical ground force at each time step, body weights.
    geometry : Geometry, str or None
    time_step_s : float
        Time between the samples of ``grf_bw``, s (default :data:`TIME_STEP_S`).

    Returns
    -------
    StanceHistory

    Examples
    --------
    >>> from glutemed.ground_force import stance_conditions, vertical_grf_bw
    >>> c = stance_conditions()
    >>> grf = vertical_grf_bw(np.arange(0.0, c.contact_time_s, TIME_STEP_S), c)
    >>> h = simulate_stance([2.5, 1.41, 0.0], [0.0, 0.0, 0.0], grf)
    >>> np.round(np.nanmax(h.drop_deg, axis=-1)[:2], 1), h.held.tolist()  # strong: level; normative: drops
    (array([0. , 5.5]), [True, True, False])
    """
    g = resolve_geometry(geometry)
    b = body_tables(g)
    strength = np.asarray(strength_nm_kg, dtype=np.float64).reshape(-1)
    offset_m = lean_lever_offset_m(np.asarray(trunk_lean_deg, dtype=np.float64).reshape(-1), g)
    grf = np.asarray(grf_bw, dtype=np.float64)
    n, steps = strength.size, grf.size
    weight = b.upper_fraction * literature_value("gravity")  # N/kg per body weight of ground force
    phi = b.femur_adduction_deg
    velocity_scale = literature_value("max_contraction_velocity") * b.optimal_fibre_m  # m/s, (3,)
    inverse_inertia = 1.0 / b.inertia_kg_m2_per_kg

    # one table read per step, on the hip-adduction grid: weights, scaled moment arms, passive moment, their
    # sum of weights, and the weight's lever (a function of the drop, read at hip adduction - phi)
    lever_by_hip = np.interp(b.grid_deg - phi, b.grid_deg, b.lever_m)
    table = np.column_stack([b.portion_weight, b.moment_arm_m / velocity_scale, b.passive_nm_kg,
                             b.portion_weight.sum(axis=1), lever_by_hip])  # (G, 9)
    slope = np.vstack([np.diff(table, axis=0), np.zeros((1, table.shape[1]))])
    to_grid = np.degrees(1.0) / _GRID_STEP_DEG  # grid steps per radian
    phi_grid = (phi - b.grid_deg[0]) / _GRID_STEP_DEG  # hip adduction >= phi > grid start: int() floors
    last = len(b.grid_deg) - 2
    limit_rad = np.radians(b.adduction_max_deg - phi)
    af, flen = literature_value("fv_shape_factor"), literature_value("fv_max_eccentric_force")

    theta = np.zeros(n)  # rad
    omega = np.zeros(n)  # rad/s
    held = np.ones(n, dtype=bool)
    lost_step = np.full(n, steps)
    rows = {key: np.empty((steps, n)) for key in ("drop", "demand", "muscle", "passive", "capacity", "activation")}
    k = 0
    while k < steps:
        if not (theta.any() or omega.any()):  # every pelvis level and still: nothing moves until a need outgrows
            k = _fill_held(rows, k, table, slope, phi_grid, last, strength, offset_m, weight * grf)
            if k == steps:
                break
        row = _table_row(table, slope, theta * to_grid + phi_grid, last)
        demand, passive, capacity, need = _hip_moments(row, weight * grf[k], offset_m, strength)
        holding = (theta <= 0.0) & (omega <= 0.0) & (need <= capacity)
        fv = _fv(row[:, 3:6] * omega[:, None], af, flen)
        muscle = np.where(holding, need, strength * (row[:, :3] * fv).sum(axis=-1))
        rows["drop"][k] = theta
        rows["demand"][k] = demand
        rows["muscle"][k] = muscle
        rows["passive"][k] = passive
        rows["capacity"][k] = capacity
        rows["activation"][k] = np.where(holding, _held_activation(need, capacity), 1.0)
        omega = np.where(holding, 0.0, omega + time_step_s * (demand - muscle - passive) * inverse_inertia)
        theta = theta + time_step_s * omega
        back = theta < 0.0  # back to level: held there again
        if back.any():
            theta, omega = np.where(back, 0.0, theta), np.where(back, 0.0, omega)
        lost = held & (theta > limit_rad)
        if lost.any():
            held &= ~lost
            lost_step[lost] = k + 1
            theta, omega = np.where(held, theta, 0.0), np.where(held, omega, 0.0)
        k += 1
    rows["drop"] = np.degrees(rows["drop"])

    after_loss = np.arange(steps)[None, :] >= lost_step[:, None]  # (N, T)
    out = {key: np.where(after_loss, np.nan, value.T) for key, value in rows.items()}
    supplied = out["muscle"] + out["passive"]
    contact = _contact_force_bw(b, out["drop"], supplied, weight * grf)
    return StanceHistory(out["drop"], out["demand"], out["muscle"], out["passive"], out["capacity"],
                         out["activation"], contact, held)


def _table_row(table: NDArray[np.float64], slope: NDArray[np.float64], x: NDArray[np.float64],
               last: int) -> NDArray[np.float64]:
    """The per-step tables read at grid position ``x`` (one per runner), linearly interpolated: ``(N, 9)``."""
    i = np.minimum(x.astype(np.intp), last)
    return table[i] + slope[i] * (x - i)[:, None]


def _hip_moments(row: NDArray[np.float64], weight_grf: ArrayLike, offset_m: NDArray[np.float64],
                 strength: NDArray[np.float64]) -> tuple[NDArray[np.float64], ...]:
    """Demand, passive moment, isometric capacity and the muscles' share of the demand, N m/kg."""
    demand = weight_grf * (row[:, 8] + offset_m)
    passive = row[:, 6]
    need = np.maximum(demand - passive, 0.0)
    return demand, passive, strength * row[:, 7], need


def _held_activation(need: NDArray[np.float64], capacity: NDArray[np.float64]) -> NDArray[np.float64]:
    return need / np.maximum(capacity, 1e-300)


def _fill_held(rows: dict[str, NDArray[np.float64]], first: int, table: NDArray[np.float64],
               slope: NDArray[np.float64], phi_grid: float, last: int, strength: NDArray[np.float64],
               offset_m: NDArray[np.float64], weight_grf: NDArray[np.float64]) -> int:
    """Fill the steps from ``first`` while every pelvis stays level; return the first step the loop must integrate.

    While every pelvis is held level its state does not change, so those
    steps need no integration: the loop's own arithmetic (:func:`_hip_moments`
    at a level pelvis), for all of them at once. They end where the first
    runner's need outgrows its capacity (or at toe-off). This covers the
    opening steps, and any stretch after every pelvis has come back to level.
    """
    level = _table_row(table, slope, np.full(1, phi_grid), last)
    demand, passive, capacity, need = _hip_moments(level, weight_grf[first:, None], offset_m, strength)  # (T', N)
    breaks = ~(need <= capacity)
    span = int(breaks.any(axis=1).argmax()) if breaks.any() else len(demand)
    end = first + span
    rows["drop"][first:end] = 0.0
    rows["demand"][first:end] = demand[:span]
    rows["muscle"][first:end] = need[:span]
    rows["passive"][first:end] = passive
    rows["capacity"][first:end] = capacity
    rows["activation"][first:end] = _held_activation(need[:span], capacity)
    return end


def _contact_force_bw(b: BodyTables, drop_deg: NDArray[np.float64], supplied_nm_kg: NDArray[np.float64],
                      weight_n_kg: NDArray[np.float64]) -> NDArray[np.float64]:
    """Hip contact force (BW): the pull along the portions' resultant line plus the upper body's weight.

    The pull that supplies the moment acts on the pelvis along the resultant
    of the three portions (at the hip's adduction), turned with the pelvis
    into world axes; the femoral head balances it and the effective weight
    (upper-body inertia left out of this balance).
    """
    drop = np.nan_to_num(drop_deg)
    hip = drop + b.femur_adduction_deg
    unit = turn_frontal(b.read(hip, b.resultant_unit), np.radians(drop))  # (N, T, 2)
    pull = unit * (supplied_nm_kg / b.read(hip, b.resultant_lever_m))[..., None]
    total_m, total_y = pull[..., 0], pull[..., 1] - weight_n_kg
    return np.hypot(total_m, total_y) / literature_value("gravity")
