"""Training load: week-on-week change, ACWR, flags, abductor load and bad input."""

from __future__ import annotations

import numpy as np
import pytest

from glutemed.running import running_stance
from glutemed.training_load import FLAGS, abductor_load_per_leg_nm_s_kg, training_load


def test_first_week_change_is_undefined() -> None:
    t = training_load([10.0, 13.0])
    assert np.isnan(t.week_on_week_change_pct[0])
    assert t.week_on_week_change_pct[1] == pytest.approx(30.0)
    assert not t.flags["weekly_increase_over_30pct"][1], "the Nielsen rule is > 30 %, not >= 30 %"


def test_acwr_coupled_four_weeks() -> None:
    km = [10.0, 10.0, 10.0, 10.0, 20.0]
    t = training_load(km)
    assert np.all(np.isnan(t.acwr[:3]))
    assert t.acwr[3] == pytest.approx(1.0)
    assert t.acwr[4] == pytest.approx(20.0 / np.mean(km[1:]))


def test_flags_follow_thresholds() -> None:
    t = training_load([10, 10, 10, 10, 20, 0, 5])
    assert t.flags["weekly_increase_over_30pct"].tolist() == [False, False, False, False, True, False, False]
    assert np.isnan(t.week_on_week_change_pct[-1]), "no percentage after a week of 0 km"
    assert t.flags["acwr_danger"][4] == (t.acwr[4] >= 1.5)
    assert {f.name for f in FLAGS} == set(t.flags)
    assert all(f.threshold and f.evidence for f in FLAGS)


def test_abductor_load_scales_with_distance() -> None:
    t = training_load([10.0, 20.0])
    assert t.abductor_load_per_leg_nm_s_kg[1] == pytest.approx(2 * t.abductor_load_per_leg_nm_s_kg[0])
    stance = running_stance(1.0)
    assert t.abductor_impulse_per_step_nm_s_kg == pytest.approx(float(stance.abductor_impulse_nm_s_kg))
    assert t.steps_per_week[0] == pytest.approx(10_000.0 / stance.conditions.step_length_m)


def test_higher_step_rate_more_steps_less_per_step() -> None:
    base = training_load([30.0])
    quick = training_load([30.0], step_rate_change_pct=10)
    assert quick.steps_per_week[0] > base.steps_per_week[0]
    assert quick.abductor_impulse_per_step_nm_s_kg < base.abductor_impulse_per_step_nm_s_kg


@pytest.mark.parametrize("bad", [[], [10.0, -1.0], [10.0, float("nan")], [float("inf")], [[1.0, 2.0]], "ten"])
def test_bad_distances_raise_naming_weekly_km(bad) -> None:
    with pytest.raises(ValueError, match="weekly_km"):
        training_load(bad)


def test_bad_running_parameter_is_named() -> None:
    with pytest.raises(ValueError, match="speed_m_s"):
        training_load([10.0], speed_m_s=-3.0)
    with pytest.raises(ValueError, match="strength"):
        training_load([10.0], strength=[1.0, 0.5])


def test_a_plan_and_a_given_stance_give_the_same_weekly_load() -> None:
    """The risk explorer reuses its cached stance; the load must be the plan's, bit for bit."""
    from glutemed.risk import REFERENCE_WEEKLY_KM, _steady_week_load
    for strength, speed in ((1.0, 3.5), (0.8, 4.5)):
        plan = training_load([REFERENCE_WEEKLY_KM] * 4, speed, strength=strength)
        stance = running_stance(strength, speed)
        by_hand = REFERENCE_WEEKLY_KM * 1000.0 / stance.conditions.step_length_m / 2.0 * float(
            stance.abductor_impulse_nm_s_kg)  # the week's steps, half on this leg, times one step's impulse
        np.testing.assert_allclose(abductor_load_per_leg_nm_s_kg(plan.weekly_km, stance), by_hand, rtol=1e-12)
        assert _steady_week_load(strength, speed, "female", 0.0) == plan.abductor_load_per_leg_nm_s_kg[-1]


def test_a_load_needs_one_held_stance() -> None:
    with pytest.raises(ValueError, match="single strength"):
        abductor_load_per_leg_nm_s_kg([20.0], running_stance([0.8, 1.0]))
    with pytest.raises(ValueError, match="does not hold the pelvis"):
        abductor_load_per_leg_nm_s_kg([20.0], running_stance(0.3))
    with pytest.raises(ValueError, match="weekly_km"):
        abductor_load_per_leg_nm_s_kg([-1.0], running_stance(1.0))
    with pytest.raises(ValueError, match="stance must be a RunningStance"):
        abductor_load_per_leg_nm_s_kg([20.0], {"abductor_impulse_nm_s_kg": 1.0})
