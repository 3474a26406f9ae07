"""Running stance model: validations against published running data, invariants and bad input.

No parameter of the model is tuned to running kinematics or kinetics, so
every comparison with a published value below is a **validation** (the
number was not used to set the model); the few **teaching** values it
rests on (step width, the eccentric plateau, the drive rule) are named where
a check depends on them. Monotonicity checks are hypothesis tests of the
mechanism, not of any data.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glutemed.ground_force import DEFAULT_SPEED_M_S, stance_conditions, vertical_grf_bw
from glutemed.literature import literature_entry, literature_value
from glutemed.running import peak_pelvic_drop_deg, running_stance
from glutemed.stance_dynamics import (
    TIME_STEP_S,
    body_tables,
    femur_adduction_deg,
    fv_multiplier,
    simulate_stance,
)


@pytest.fixture(scope="module")
def normative():
    return running_stance(1.0)


def _published(name: str) -> tuple[float, float]:
    return literature_value(name), literature_value(f"{name}_sd")


# ----------------------------------------------------------------------------- validations


def test_validation_normative_peak_hip_adduction_within_published_sd(normative) -> None:
    """VALIDATION: peak hip adduction (not tuned) within Heiderscheit et al.'s 10.4 +- 3.3 deg."""
    mean, sd = _published("running_hip_adduction")
    assert mean - sd <= float(normative.peak_hip_adduction_deg) <= mean + sd
    assert literature_entry("running_hip_adduction").kind == "measured"


def test_validation_peak_abduction_moment_within_published_sd(normative) -> None:
    """VALIDATION: peak abduction moment (not tuned) within 1.8 +- 0.4 N m/kg (Heiderscheit 2011)."""
    mean, sd = _published("running_hip_abduction_moment")
    assert mean - sd <= float(normative.peak_abduction_moment_nm_kg) <= mean + sd


def test_validation_hip_adduction_is_drop_plus_femur_lean(normative) -> None:
    """Hip adduction = pelvic drop + the femur's lean; the drop is a few degrees. PLAUSIBILITY: within
    twice the 3-5 deg typical range of healthy runners' 2-D pelvic drop (Tenriwulan 2022, a small study),
    and the femur's lean (from the teaching step width) a few degrees."""
    phi = femur_adduction_deg()
    assert normative.femur_adduction_deg == pytest.approx(phi)
    assert 2.0 <= phi <= 6.0
    assert float(normative.peak_hip_adduction_deg) == pytest.approx(float(normative.peak_pelvic_drop_deg) + phi)
    drop = float(normative.peak_pelvic_drop_deg)
    assert literature_value("running_pelvic_drop_typical_low") <= drop <= 2 * literature_value(
        "running_pelvic_drop_typical_high")
    assert literature_entry("running_step_width").kind == "teaching"


def test_validation_passive_moment_small(normative) -> None:
    """VALIDATION of plausibility: the ligament moment (Anderson 1999, already x10 as an upper bound) stays
    under 1 % of the muscle moment whenever the muscles carry load."""
    muscle = normative.muscle_moment_nm_kg
    loaded = muscle > 0.1
    assert np.all(np.abs(normative.passive_moment_nm_kg[loaded]) < 0.01 * muscle[loaded])


def test_validation_higher_step_rate_lowers_adduction_and_force() -> None:
    """VALIDATION: +5 % / +10 % step rate lower peak hip adduction (Heiderscheit 2011: 10.4 -> 9.5 -> 8.7 deg),
    in direction and in size (model change within 0.5-1.5 x the published change), and lower the peak
    ground force, the contact time and the peak abduction moment (1.8 -> 1.7 N m/kg; Lenhart et al. 2014:
    gluteus medius force 32.05 -> 28.65 N/kg)."""
    base, plus5, plus10 = (running_stance(1.0, step_rate_change_pct=x) for x in (0, 5, 10))
    measured = literature_value("running_hip_adduction")
    for model, name in ((plus5, "running_hip_adduction_step_rate_plus5"),
                        (plus10, "running_hip_adduction_step_rate_plus10")):
        published_change = literature_value(name) - measured
        model_change = float(model.peak_hip_adduction_deg - base.peak_hip_adduction_deg)
        assert model_change < 0
        assert 0.5 <= model_change / published_change <= 1.5
    assert (plus10.conditions.peak_vertical_grf_bw < plus5.conditions.peak_vertical_grf_bw
            < base.conditions.peak_vertical_grf_bw)
    assert plus10.conditions.contact_time_s < base.conditions.contact_time_s
    assert plus10.peak_abduction_moment_nm_kg < base.peak_abduction_moment_nm_kg
    assert literature_value("running_hip_abduction_moment_step_rate_plus10") < literature_value(
        "running_hip_abduction_moment")
    assert literature_value("gmed_force_running_step_rate_plus10") < literature_value("gmed_force_running_preferred")


def test_validation_lower_step_rate_raises_adduction_direction_only() -> None:
    """VALIDATION (direction only): -5 % / -10 % step rate raise peak hip adduction (Heiderscheit 2011: 10.8,
    11.3 deg). The model overstates the rise (about 1.5-2.5 x): its size is not checked."""
    base = float(running_stance(1.0).peak_hip_adduction_deg)
    for change, name in ((-5, "running_hip_adduction_step_rate_minus5"),
                         (-10, "running_hip_adduction_step_rate_minus10")):
        assert float(running_stance(1.0, step_rate_change_pct=change).peak_hip_adduction_deg) > base
        assert literature_value(name) > literature_value("running_hip_adduction")


def test_validation_faster_running_raises_peak_ground_force() -> None:
    """VALIDATION: peak vertical force rises with speed (Keller 1996: ~2.5 BW at 6 m/s; Cavanagh & Lafortune
    1980: ~2.5-3 BW at 4.5 m/s) and stays in that range; contact time about 0.2-0.25 s at 4 m/s."""
    speeds = np.linspace(2.0, 6.0, 9)
    peaks = np.array([stance_conditions(v).peak_vertical_grf_bw for v in speeds])
    assert np.all(np.diff(peaks) > 0)
    assert 2.3 <= stance_conditions(4.5).peak_vertical_grf_bw <= 3.1
    assert 2.4 <= stance_conditions(6.0).peak_vertical_grf_bw <= 3.1
    contact = np.array([stance_conditions(v).contact_time_s for v in speeds])
    assert np.all(np.diff(contact) < 0)
    assert 0.2 <= stance_conditions(4.0).contact_time_s <= 0.25


def test_validation_men_adduct_less_than_women() -> None:
    """VALIDATION (direction only): women run with more peak hip adduction (Ferber et al. 2003)."""
    assert running_stance(1.0, sex="male").peak_hip_adduction_deg < running_stance(1.0).peak_hip_adduction_deg


def test_validation_hip_contact_force_order_of_magnitude(normative) -> None:
    """VALIDATION (order of magnitude): jogging hip contact forces reach about 5.5 BW in instrumented
    implants (Bergmann et al. 1993, science brief); the model's peak stays within 3-8 BW."""
    assert 3.0 <= float(normative.peak_hip_contact_force_bw) <= 8.0


# ----------------------------------------------------------------------------- the mechanism


def test_strong_runner_holds_the_pelvis_level_with_partial_drive() -> None:
    """Above the demand's peak the drive rule holds the pelvis level, using less than full activation."""
    r = running_stance(1.5)
    assert float(r.peak_pelvic_drop_deg) == 0.0 and np.isnan(r.time_of_peak_drop_s)
    assert float(r.activation_to_stay_level_pct) < 100
    assert np.nanmax(r.activation_fraction) < 1.0
    assert float(r.peak_hip_adduction_deg) == pytest.approx(r.femur_adduction_deg)


def test_drop_only_while_demand_exceeds_capacity(normative) -> None:
    """The pelvis starts to drop only when the demand passes the isometric capacity, at full drive."""
    dropping = np.flatnonzero(normative.pelvic_drop_deg > 0)
    first = dropping[0]
    assert normative.demand_moment_nm_kg[first - 1] >= normative.capacity_moment_nm_kg[first - 1] * 0.99
    assert np.all(normative.activation_fraction[dropping] == 1.0)
    assert float(normative.activation_to_stay_level_pct) > 100


def test_strength_curve_is_graded_and_held_at_ireland_deficit() -> None:
    """Less strength, more drop, without a cliff above the pelvis-lost threshold: Ireland et al.'s (2003)
    26 % deficit gives clearly more drop but is still held; zero strength is not held."""
    deficit = literature_value("pfp_abduction_strength_deficit") / 100
    r = running_stance([1.2, 1.0, 0.9, 1 - deficit, 0.0])
    drops = r.peak_pelvic_drop_deg
    assert np.all(np.diff(drops) > 0)
    assert r.pelvis_held.tolist() == [True, True, True, True, False]
    assert drops[3] > drops[1] + 10
    assert np.all(np.diff(drops[:4]) < 12), "no step of more than 12 deg between neighbouring strengths"


@settings(max_examples=25, deadline=None)
@given(strengths=st.lists(st.floats(0.0, 1.5), min_size=2, max_size=20))
def test_less_strength_never_less_drop(strengths) -> None:
    s = np.sort(np.array(strengths))
    r = running_stance(s)
    drop = np.where(r.pelvis_held, r.peak_pelvic_drop_deg, 1e9)  # not held = worst
    assert np.all(np.diff(drop) <= 1e-9)
    assert np.all(np.diff(r.pelvis_held.astype(int)) >= 0), "once held, stronger runners stay held"


@settings(max_examples=15, deadline=None)
@given(fatigue=st.lists(st.floats(0.0, 60.0), min_size=2, max_size=6))
def test_more_fatigue_never_less_drop(fatigue) -> None:
    f = np.sort(np.array(fatigue))
    r = running_stance(1.0, fatigue_pct=f)  # fatigue broadcasts like strength
    drop = np.where(r.pelvis_held, r.peak_pelvic_drop_deg, 1e9)
    assert np.all(np.diff(drop) >= -1e-9)


def test_fatigue_and_strength_scale_the_same_capacity() -> None:
    """10 % fatigue takes off the same capacity as 10 % less strength."""
    assert float(peak_pelvic_drop_deg(1.0, fatigue_pct=10)) == pytest.approx(float(peak_pelvic_drop_deg(0.9)))


def test_zero_strength_pelvis_not_held() -> None:
    r = running_stance(0.0)
    b = body_tables()
    assert not bool(r.pelvis_held)
    assert float(r.peak_hip_adduction_deg) == pytest.approx(b.adduction_max_deg)
    assert np.isnan(r.abductor_impulse_nm_s_kg)
    lost = np.isnan(r.pelvic_drop_deg)
    assert lost.any() and not lost[0], "reported until the joint range is passed, NaN after"
    assert np.nanmax(r.hip_adduction_deg) <= b.adduction_max_deg
    assert np.isinf(r.activation_to_stay_level_pct)


def test_leaning_over_the_stance_leg_reduces_drop() -> None:
    drops = running_stance(0.9, trunk_lean_deg=[-10.0, 0.0, 5.0, 10.0]).peak_pelvic_drop_deg
    assert np.all(np.diff(drops) < 0)


# ----------------------------------------------------------------------------- invariants and shapes


def test_shapes_units_and_vectorisation(normative) -> None:
    s = np.array([[1.0, 0.9], [1.1, 0.0]])
    r = running_stance(s)
    n_t = r.time_s.size
    assert r.pelvic_drop_deg.shape == (2, 2, n_t)
    assert r.peak_pelvic_drop_deg.shape == (2, 2) and r.pelvis_held.shape == (2, 2)
    assert np.allclose(np.diff(r.time_s), TIME_STEP_S)
    assert r.time_s[-1] == pytest.approx(r.conditions.contact_time_s, abs=TIME_STEP_S)
    # impulse (N m s/kg) = time integral of the supplied moment
    supplied = normative.muscle_moment_nm_kg + normative.passive_moment_nm_kg
    assert float(normative.abductor_impulse_nm_s_kg) == pytest.approx(np.trapezoid(supplied, normative.time_s))
    # ground impulse over stance = one body weight times the step period (impulse balance)
    step_period_s = 60.0 / normative.conditions.step_rate_steps_min
    assert np.trapezoid(normative.vertical_grf_bw, normative.time_s) == pytest.approx(step_period_s, rel=1e-2)


def test_vectorised_equals_one_by_one() -> None:
    strength = np.array([0.0, 0.7, 0.9, 1.0, 1.3])
    lean = np.array([0.0, 5.0, -5.0, 10.0, 0.0])
    together = running_stance(strength, trunk_lean_deg=lean)
    for i, (s, t) in enumerate(zip(strength, lean)):
        single = running_stance(s, trunk_lean_deg=t)
        np.testing.assert_allclose(together.pelvic_drop_deg[i], single.pelvic_drop_deg, equal_nan=True)
        assert together.peak_pelvic_drop_deg[i] == pytest.approx(float(single.peak_pelvic_drop_deg))
        assert bool(together.pelvis_held[i]) == bool(single.pelvis_held)


def test_time_step_converged() -> None:
    """Halving the 1 ms step moves the normative peak drop by less than 0.1 deg."""
    c = stance_conditions()
    peaks = []
    for dt in (TIME_STEP_S, TIME_STEP_S / 2):
        grf = vertical_grf_bw(np.arange(0.0, c.contact_time_s + dt, dt), c)
        h = simulate_stance([1.41], [0.0], grf, time_step_s=dt)
        peaks.append(np.nanmax(h.drop_deg))
    assert abs(peaks[0] - peaks[1]) < 0.1


@pytest.mark.parametrize("name", ["rajagopal2016", "rajagopal_lai_uhlrich2023"])
def test_geometry_variants_run_and_stay_plausible(name) -> None:
    r = running_stance([1.0, 0.0], geometry=name)
    assert r.pelvis_held.tolist() == [True, False]
    mean, sd = _published("running_hip_adduction")
    assert mean - 2 * sd <= float(r.peak_hip_adduction_deg[0]) <= mean + 2 * sd


def test_force_velocity_shape() -> None:
    f = fv_multiplier(np.linspace(-1, 5, 200))
    assert np.all(np.diff(f) > 0)
    assert f[0] == 0.0 and fv_multiplier(0.0) == 1.0
    assert f[-1] < literature_value("fv_max_eccentric_force")


def test_default_speed_is_the_cited_value() -> None:
    assert DEFAULT_SPEED_M_S == literature_value("preferred_running_speed")


# ----------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"speed_m_s": -1.0}, "speed_m_s"),
        ({"speed_m_s": 9.0}, "speed_m_s"),
        ({"speed_m_s": float("nan")}, "speed_m_s"),
        ({"speed_m_s": [3.0, 4.0]}, "speed_m_s"),
        ({"step_rate_change_pct": -60.0}, "step_rate_change_pct"),
        ({"step_rate_change_pct": 51.0}, "step_rate_change_pct"),
        ({"step_rate_change_pct": float("nan")}, "step_rate_change_pct"),
        ({"fatigue_pct": -1.0}, "fatigue_pct"),
        ({"fatigue_pct": 101.0}, "fatigue_pct"),
        ({"fatigue_pct": float("nan")}, "fatigue_pct"),
        ({"trunk_lean_deg": 40.0}, "trunk_lean_deg"),
        ({"sex": "other"}, "sex"),
        ({"strength": float("nan")}, "strength"),
        ({"strength": -0.1}, "strength"),
        ({"strength": 1.6}, "strength"),
        ({"strength": "strong"}, "strength"),
        ({"strength": [1.0, 0.5], "fatigue_pct": [0.0, 5.0, 10.0]}, "strength, fatigue_pct"),
    ],
)
def test_bad_input_names_the_parameter(kwargs, name) -> None:
    with pytest.raises(ValueError, match=name):
        running_stance(**kwargs)


def _first_drop(drop_deg) -> int:
    dropped = np.nan_to_num(drop_deg) > 0.0
    return int(dropped.argmax()) if dropped.any() else len(dropped)


def test_a_runner_integrates_the_same_alone_or_beside_another() -> None:
    """Before any pelvis drops the opening steps are filled in one pass; where a weaker runner beside her starts
    to drop sooner, the same steps go through the time loop instead. Her history must not depend on which."""
    fields = ("pelvic_drop_deg", "demand_moment_nm_kg", "muscle_moment_nm_kg", "passive_moment_nm_kg",
              "capacity_moment_nm_kg", "hip_contact_force_bw")
    for strength in (1.0, 1.5):
        alone = running_stance(strength)
        together = running_stance(np.array([0.3, strength]))
        assert _first_drop(together.pelvic_drop_deg[0]) < _first_drop(alone.pelvic_drop_deg)
        for name in fields:
            np.testing.assert_array_equal(getattr(together, name)[1], getattr(alone, name), err_msg=name)


def test_a_pelvis_back_at_level_integrates_the_same_alone_or_beside_one_still_dropping() -> None:
    """Once every pelvis is level again the rest of stance is filled in one pass; beside a runner still dropping,
    the same steps go through the time loop. Her history must not depend on which."""
    fields = ("pelvic_drop_deg", "demand_moment_nm_kg", "muscle_moment_nm_kg", "passive_moment_nm_kg",
              "capacity_moment_nm_kg", "hip_contact_force_bw")
    alone = running_stance(1.3)
    together = running_stance(np.array([1.0, 1.3]))
    back_at_level = np.flatnonzero(alone.pelvic_drop_deg > 0)[-1] + 1
    assert back_at_level < alone.pelvic_drop_deg.size - 1, "she is back at level before toe-off"
    assert together.pelvic_drop_deg[0, back_at_level:].max() > 0, "the other is still dropping then"
    for name in fields:
        np.testing.assert_array_equal(getattr(together, name)[1], getattr(alone, name), err_msg=name)


def test_one_runner_is_integrated_once_and_shared_read_only() -> None:
    first = running_stance(0.95, trunk_lean_deg=2.0)
    assert running_stance(np.float64(0.95), trunk_lean_deg=np.array(2.0)) is first, "same runner, same result"
    assert not first.pelvic_drop_deg.flags.writeable, "a shared result cannot be changed in place"
    with pytest.raises(ValueError, match="read-only"):
        first.pelvic_drop_deg[0] = 1.0
    batch = running_stance(np.array([0.95]), trunk_lean_deg=2.0)  # several runners: integrated afresh
    assert batch.pelvic_drop_deg.flags.writeable
    np.testing.assert_array_equal(batch.pelvic_drop_deg[0], first.pelvic_drop_deg)
    with pytest.raises(ValueError, match="strength must be a finite number"):
        running_stance(float("nan"))


@settings(max_examples=40, deadline=None)
@given(strengths=st.lists(st.floats(0.0, 2.6), min_size=1, max_size=4),
       lean_deg=st.floats(-15.0, 30.0), speed=st.floats(2.0, 6.0))
def test_filling_the_level_stretches_changes_nothing(strengths, lean_deg, speed) -> None:
    """The held-level fill is a shortcut only: integrating every step gives the same history, bit for bit."""
    import glutemed.stance_dynamics as sd

    c = stance_conditions(speed)
    grf = vertical_grf_bw(np.arange(0.0, c.contact_time_s, TIME_STEP_S), c)
    lean = [lean_deg] * len(strengths)
    filled = simulate_stance(strengths, lean, grf)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(sd, "_fill_held", lambda rows, first, *args: first)  # fill nothing: the loop takes every step
        stepped = simulate_stance(strengths, lean, grf)
    for name in ("drop_deg", "demand_nm_kg", "muscle_nm_kg", "passive_nm_kg", "capacity_nm_kg", "activation",
                 "contact_bw", "held"):
        np.testing.assert_array_equal(getattr(filled, name), getattr(stepped, name), err_msg=name)


def test_the_fill_stops_where_a_need_first_outgrows_its_capacity_by_a_hair() -> None:
    """A runner whose need exceeds her capacity by one part in 10^5 at a chosen step must start dropping there,
    with or without the fill (a fill that looked past such a small excess would hold her one step too long)."""
    import glutemed.stance_dynamics as sd

    c = stance_conditions()
    grf = vertical_grf_bw(np.arange(0.0, c.contact_time_s, TIME_STEP_S), c)
    probe = simulate_stance([100.0], [0.0], grf)  # far too strong to drop: the muscles supply the need all stance
    need, per_strength = probe.muscle_nm_kg[0], probe.capacity_nm_kg[0, 0] / 100.0
    rising = np.flatnonzero(np.diff(need) > 1e-4 * need[1:])
    for k in rising[[len(rising) // 4, len(rising) // 2]]:
        strength = need[k] / per_strength / (1.0 + 1e-5)
        filled = simulate_stance([strength], [0.0], grf)
        assert filled.drop_deg[0, k] == 0.0 and filled.drop_deg[0, k + 1] > 0.0, "she starts to drop after step k"
        with pytest.MonkeyPatch.context() as m:
            m.setattr(sd, "_fill_held", lambda rows, first, *args: first)
            stepped = simulate_stance([strength], [0.0], grf)
        np.testing.assert_array_equal(filled.drop_deg, stepped.drop_deg)
        np.testing.assert_array_equal(filled.muscle_nm_kg, stepped.muscle_nm_kg)
