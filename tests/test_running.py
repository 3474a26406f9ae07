"""Running stance model: calibration checks, validations, invariants and bad input.

Each check says whether its number was a tuning target (**calibration**: the
model was fitted to it, so passing only shows the fit held) or was not used
for tuning (**validation**).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glutemed.literature import literature_entry, literature_value
from glutemed.running import (
    DEFAULT_SPEED_M_S,
    TIME_STEP_S,
    calibrated_excitation,
    fv_multiplier,
    peak_pelvic_drop_deg,
    quasi_static_drop,
    running_stance,
    stance_conditions,
)


@pytest.fixture(scope="module")
def normative():
    return running_stance(1.0)


# ----------------------------------------------------------------------------- calibration checks


def test_calibration_normative_peak_hip_adduction(normative) -> None:
    """CALIBRATION: the excitation level is tuned to Heiderscheit et al.'s mean (10.4 deg)."""
    target = literature_value("running_hip_adduction")
    assert float(normative.peak_hip_adduction_deg) == pytest.approx(target, abs=0.05)
    assert literature_entry("running_hip_adduction").kind == "measured"


def test_calibrated_excitation_is_physiological() -> None:
    """The one tuned parameter stays a possible activation (0-1), not a fudge above maximum."""
    assert 0.0 < calibrated_excitation() <= 1.0


# ----------------------------------------------------------------------------- validations


def test_validation_peak_abduction_moment_within_published_sd(normative) -> None:
    """VALIDATION: peak abduction moment (not tuned) within 1.8 +- 0.4 N m/kg (Heiderscheit 2011)."""
    mean = literature_value("running_hip_abduction_moment")
    sd = literature_value("running_hip_abduction_moment_sd")
    assert mean - sd <= float(normative.peak_abduction_moment_nm_kg) <= mean + sd


def test_validation_passive_moment_small(normative) -> None:
    """VALIDATION: "small" means under 5 % of the muscle moment at every instant of stance
    (Anderson 1999 ligament curve, already scaled x10 as an upper bound)."""
    muscle = normative.muscle_moment_nm_kg
    passive = np.abs(normative.passive_moment_nm_kg)
    loaded = muscle > 0.1
    assert np.all(passive[loaded] < 0.05 * muscle[loaded])


def test_validation_step_rate_lowers_adduction_and_force() -> None:
    """VALIDATION: +5 % / +10 % step rate lower peak hip adduction (Heiderscheit 2011: 10.4 -> 9.5 -> 8.7
    deg) and peak ground force, in direction and roughly in size (model change within 0.5-2.5 x the
    published change; the model overstates it, about 1.8 x)."""
    base = running_stance(1.0)
    plus5 = running_stance(1.0, step_rate_change_pct=5)
    plus10 = running_stance(1.0, step_rate_change_pct=10)
    measured = literature_value("running_hip_adduction")
    for model, name in ((plus5, "running_hip_adduction_step_rate_plus5"),
                        (plus10, "running_hip_adduction_step_rate_plus10")):
        published_change = literature_value(name) - measured
        model_change = float(model.peak_hip_adduction_deg - base.peak_hip_adduction_deg)
        assert model_change < 0
        assert 0.5 <= model_change / published_change <= 2.5
    assert plus10.conditions.peak_vertical_grf_bw < plus5.conditions.peak_vertical_grf_bw \
        < base.conditions.peak_vertical_grf_bw
    assert plus10.conditions.contact_time_s < base.conditions.contact_time_s
    # the abduction moment falls too (Heiderscheit: 1.8 -> 1.7 N m/kg; Lenhart 2014: gluteus medius force -11 %)
    assert plus10.peak_abduction_moment_nm_kg < base.peak_abduction_moment_nm_kg


def test_validation_faster_running_raises_peak_ground_force() -> None:
    """VALIDATION: peak vertical force rises with speed (Keller 1996: ~2.5 BW at 6 m/s; Cavanagh &
    Lafortune 1980: ~2.5-3 BW at 4.5 m/s) and stays in that range."""
    speeds = np.linspace(2.0, 6.0, 9)
    peaks = np.array([stance_conditions(v).peak_vertical_grf_bw for v in speeds])
    assert np.all(np.diff(peaks) > 0)
    assert 2.3 <= stance_conditions(4.5).peak_vertical_grf_bw <= 3.1
    assert 2.4 <= stance_conditions(6.0).peak_vertical_grf_bw <= 3.1
    contact = np.array([stance_conditions(v).contact_time_s for v in speeds])
    assert np.all(np.diff(contact) < 0)
    assert 0.2 <= stance_conditions(4.0).contact_time_s <= 0.25  # science brief: about 0.2-0.25 s at 4 m/s


def test_validation_men_adduct_less_than_women() -> None:
    """VALIDATION (direction only): women run with more peak hip adduction (Ferber et al. 2003)."""
    assert running_stance(1.0, sex="male").peak_hip_adduction_deg < running_stance(1.0).peak_hip_adduction_deg


def test_validation_hip_contact_force_order_of_magnitude(normative) -> None:
    """VALIDATION (order of magnitude): jogging hip contact forces reach about 5.5 BW in instrumented
    implants (Bergmann et al. 1993, science brief); the model's peak stays within 3-8 BW."""
    assert 3.0 <= float(normative.peak_hip_contact_force_bw) <= 8.0


# ----------------------------------------------------------------------------- monotonicity and limits


@settings(max_examples=25, deadline=None)
@given(strengths=st.lists(st.floats(0.0, 1.5), min_size=2, max_size=20))
def test_less_strength_never_less_drop(strengths) -> None:
    s = np.sort(np.array(strengths))
    r = running_stance(s)
    drop = np.where(r.pelvis_held, r.peak_pelvic_drop_deg, 1e9)  # not held = worst
    assert np.all(np.diff(drop) <= 1e-9)
    assert np.all(np.diff(r.pelvis_held.astype(int)) >= 0), "once held, stronger runners stay held"


@settings(max_examples=15, deadline=None)
@given(fatigue=st.lists(st.floats(0.0, 40.0), min_size=2, max_size=6))
def test_more_fatigue_more_drop(fatigue) -> None:
    f = np.sort(np.array(fatigue))
    drops = [float(peak_pelvic_drop_deg(1.0, fatigue_pct=x)) for x in f]
    drops = [1e9 if np.isnan(d) else d for d in drops]
    assert np.all(np.diff(drops) >= -1e-9)


def test_zero_strength_pelvis_not_held() -> None:
    r = running_stance(0.0)
    assert not bool(r.pelvis_held)
    assert np.isnan(r.peak_pelvic_drop_deg)
    lost = np.isnan(r.pelvic_drop_deg)
    assert lost.any() and not lost[0], "reported until the joint range is passed, NaN after"
    assert np.nanmax(r.pelvic_drop_deg) <= 30.0


def test_leaning_over_the_stance_leg_reduces_drop() -> None:
    assert running_stance(1.0, trunk_lean_deg=5).peak_pelvic_drop_deg < running_stance(1.0).peak_pelvic_drop_deg


def test_later_activation_onset_more_drop() -> None:
    """Delayed gluteus medius onset (as in patellofemoral pain, Willson 2011) lets the pelvis drop further."""
    late = running_stance(1.0, onset_before_contact_s=0.0).peak_pelvic_drop_deg
    assert late > running_stance(1.0).peak_pelvic_drop_deg


# ----------------------------------------------------------------------------- invariants and shapes


def test_shapes_units_and_vectorisation(normative) -> None:
    s = np.array([[1.0, 0.9], [1.1, 0.0]])
    r = running_stance(s)
    n_t = r.time_s.size
    assert r.pelvic_drop_deg.shape == (2, 2, n_t)
    assert r.peak_pelvic_drop_deg.shape == (2, 2) and r.pelvis_held.shape == (2, 2)
    assert np.allclose(np.diff(r.time_s), TIME_STEP_S)
    assert r.time_s[-1] == pytest.approx(r.conditions.contact_time_s, abs=TIME_STEP_S)
    # vectorised result equals the one-at-a-time result
    single = running_stance(0.9)
    assert np.allclose(r.pelvic_drop_deg[0, 1], single.pelvic_drop_deg, equal_nan=True)
    # impulse (N m s/kg) = time integral of the supplied moment
    supplied = normative.muscle_moment_nm_kg + normative.passive_moment_nm_kg
    assert float(normative.abductor_impulse_nm_s_kg) == pytest.approx(np.trapezoid(supplied, normative.time_s))
    # ground impulse over stance = one body weight times the step period (impulse balance)
    step_period_s = 60.0 / normative.conditions.step_rate_steps_min
    assert np.trapezoid(normative.vertical_grf_bw, normative.time_s) == pytest.approx(step_period_s, rel=1e-3)


def test_geometry_variants_run() -> None:
    for name in ("rajagopal2016", "rajagopal_lai_uhlrich2023"):
        r = running_stance([1.0, 0.0], geometry=name)
        assert r.pelvis_held.tolist() == [True, False]
        assert float(r.peak_hip_adduction_deg[0]) == pytest.approx(10.4, abs=0.05)


def test_force_velocity_shape() -> None:
    f = fv_multiplier(np.linspace(-1, 5, 200))
    assert np.all(np.diff(f) > 0)
    assert f[0] == 0.0 and fv_multiplier(0.0) == 1.0
    assert f[-1] < literature_value("fv_max_eccentric_force")


# ----------------------------------------------------------------------------- quiet stance and walking


def test_quasi_static_held_or_lean() -> None:
    r = quasi_static_drop(np.linspace(0.0, 1.5, 31), "walking")
    assert np.all(np.diff(r.held.astype(int)) >= 0)
    needed = r.trunk_lean_needed_deg[~r.held]
    finite = needed[np.isfinite(needed)]
    assert np.all(np.diff(finite) <= 1e-9), "weaker needs more lean"
    assert np.all(r.pelvic_drop_deg[r.held] == 0.0) and np.all(np.isnan(r.pelvic_drop_deg[~r.held]))
    assert bool(quasi_static_drop(1.0, "stance").held)
    # walking asks more than standing
    assert quasi_static_drop(0.6, "walking").activation_needed_pct > quasi_static_drop(0.6, "stance").activation_needed_pct


# ----------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"speed_m_s": -1.0}, "speed_m_s"),
        ({"speed_m_s": 9.0}, "speed_m_s"),
        ({"speed_m_s": float("nan")}, "speed_m_s"),
        ({"step_rate_change_pct": -60.0}, "step_rate_change_pct"),
        ({"step_rate_change_pct": 51.0}, "step_rate_change_pct"),
        ({"fatigue_pct": -1.0}, "fatigue_pct"),
        ({"fatigue_pct": 101.0}, "fatigue_pct"),
        ({"trunk_lean_deg": 40.0}, "trunk_lean_deg"),
        ({"sex": "other"}, "sex"),
        ({"strength": float("nan")}, "strength"),
        ({"strength": -0.1}, "strength"),
        ({"onset_before_contact_s": 1.0}, "onset_before_contact_s"),
    ],
)
def test_bad_input_names_the_parameter(kwargs, name) -> None:
    with pytest.raises(ValueError, match=name):
        running_stance(**kwargs)


def test_bad_input_quasi_static() -> None:
    with pytest.raises(ValueError, match="activity"):
        quasi_static_drop(1.0, "running")
    with pytest.raises(ValueError, match="sex"):
        quasi_static_drop(1.0, sex="x")


def test_default_speed_is_the_cited_value() -> None:
    assert DEFAULT_SPEED_M_S == literature_value("preferred_running_speed")
