"""Pelvic drop for every activity: running as the stance model, stance and walking quasi-static, no catch."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import glutemed as gm
from glutemed.pelvic_drop import pelvic_drop, pelvic_drop_deg, quasi_static_drop
from glutemed.running import running_stance
from glutemed.statics import abductor_strength_norm_nm_kg


def test_running_drop_is_the_stance_models_peak() -> None:
    """Issue 13: gm.pelvic_drop(activity="running") returns running_stance's peak at its defaults."""
    s = np.array([1.3, 1.0, 0.8, 0.0])
    r = gm.pelvic_drop(s, activity="running")
    stance = running_stance(s)
    np.testing.assert_allclose(r.drop_deg, stance.peak_pelvic_drop_deg)
    np.testing.assert_allclose(r.hip_adduction_deg, stance.peak_hip_adduction_deg)
    assert r.held.tolist() == stance.pelvis_held.tolist()
    assert float(gm.pelvic_drop_deg(1.0)) == pytest.approx(float(running_stance().peak_pelvic_drop_deg))


@pytest.mark.parametrize("geometry", gm.GEOMETRY_NAMES)
def test_normative_runner_drops_a_few_degrees(geometry) -> None:
    """PLAUSIBILITY: a few degrees, up to twice the typical 3-5 deg of healthy runners (Tenriwulan 2022)."""
    drop = float(pelvic_drop_deg(1.0, "running", geometry=geometry))
    assert 1.0 <= drop <= 10.0
    assert pelvic_drop_deg(0.8, "running", geometry=geometry) > drop + 1.0


@settings(max_examples=30, deadline=None)
@given(strengths=st.lists(st.floats(0.0, 1.5), min_size=2, max_size=30),
       activity=st.sampled_from(["stance", "walking", "running"]), lean=st.floats(-15, 20))
def test_more_strength_never_gives_more_drop(strengths, activity, lean) -> None:
    s = np.sort(np.array(strengths))
    r = pelvic_drop(s, activity, lean)
    assert np.all(np.diff(r.drop_deg) <= 1e-9)
    assert np.all(r.drop_deg >= 0)
    assert np.all(np.diff(r.held.astype(int)) >= 0)


@settings(max_examples=30, deadline=None)
@given(strength=st.floats(0.0, 1.5), activity=st.sampled_from(["stance", "walking"]), lean=st.floats(-15, 20))
def test_quasi_static_held_exactly_when_capacity_meets_demand(strength, activity, lean) -> None:
    """No passive catch: held (level) if and only if the abductors' maximum meets the demand."""
    r = pelvic_drop(strength, activity, lean)
    assert bool(r.held) == bool(r.capacity_nm_kg >= r.demand_nm_kg)
    assert float(r.passive_nm_kg) == 0.0
    if r.held:
        assert float(r.drop_deg) == 0.0 and float(r.muscle_nm_kg) == pytest.approx(float(r.demand_nm_kg))
    else:
        assert float(r.drop_deg) == gm.load_geometry().range_deg("hip_adduction")[1]


def test_quasi_static_lean_needed() -> None:
    r = quasi_static_drop(np.linspace(0.0, 1.5, 31), "walking")
    assert np.all(np.diff(r.held.astype(int)) >= 0)
    needed = r.trunk_lean_needed_deg[~r.held]
    finite = needed[np.isfinite(needed)]
    assert finite.size and np.all(np.diff(finite) <= 1e-9), "weaker needs more lean"
    assert np.all(r.trunk_lean_needed_deg[r.held] == 0.0)
    assert bool(quasi_static_drop(1.0, "stance").held)
    assert quasi_static_drop(0.6, "walking").activation_needed_pct > quasi_static_drop(0.6, "stance").activation_needed_pct
    # at the lean needed, the abductors just suffice
    weak = quasi_static_drop(0.4, "walking")
    at = quasi_static_drop(0.4, "walking", float(weak.trunk_lean_needed_deg) + 0.01)
    assert bool(at.held) and float(at.activation_needed_pct) == pytest.approx(100.0, abs=0.5)


def test_demand_order_of_activities() -> None:
    levels = [float(pelvic_drop(1.0, a).activation_to_stay_level_pct) for a in gm.ACTIVITIES]
    assert levels[0] < levels[1] < levels[2]
    assert levels[2] > 100, "a normative runner's abductors cannot hold the pelvis level at the force peak"


def test_leaning_over_the_stance_leg_reduces_drop() -> None:
    drops = pelvic_drop_deg(0.9, "running", [-10.0, 0.0, 10.0, 20.0])
    assert np.all(np.diff(drops) < 0)
    assert pelvic_drop(0.4, "running", 30.0).held, "a strong lean rescues even a weak runner"


def test_lean_broadcasts_like_strength() -> None:
    strength, lean = np.meshgrid([0.6, 0.9, 1.0], [-10.0, 0.0, 15.0])
    together = pelvic_drop_deg(strength, "running", lean)
    one_by_one = np.vectorize(lambda s, t: float(pelvic_drop_deg(s, "running", t)))(strength, lean)
    np.testing.assert_allclose(together, one_by_one, atol=1e-9)


def test_sex_specific_norm() -> None:
    """strength = 1 means each sex's own mean (Ramskov 2014): a woman's norm is the weaker absolute capacity."""
    female = pelvic_drop(1.0, "walking", sex="female")
    male = pelvic_drop(1.0, "walking", sex="male")
    assert float(female.capacity_nm_kg) == pytest.approx(abductor_strength_norm_nm_kg("female"))
    assert float(female.capacity_nm_kg) / float(male.capacity_nm_kg) == pytest.approx(1.41 / 1.62)
    assert float(pelvic_drop_deg(1.0, sex="female")) > float(pelvic_drop_deg(1.0, sex="male"))
    with pytest.raises(ValueError, match="sex must be one of"):
        pelvic_drop(1.0, sex="other")


def test_not_held_is_finite_and_flagged() -> None:
    """Decision: not held -> held False and the drop at the end of the hip's adduction range (finite), so
    views, panels and the knee chain work; running's time course is NaN after the pelvis is lost."""
    limit = gm.load_geometry().range_deg("hip_adduction")[1]
    for activity in gm.ACTIVITIES:
        r = pelvic_drop(0.0, activity)
        assert not bool(r.held)
        assert float(r.hip_adduction_deg) == pytest.approx(limit)
        assert np.all(np.isfinite([r.drop_deg, r.demand_nm_kg, r.hip_contact_force_bw])) and np.all(
            np.isfinite(r.com_m))
    running = pelvic_drop(0.0, "running")
    assert np.isnan(running.curves.drop_deg).any()


def test_curves_shapes() -> None:
    r = pelvic_drop([1.0, 0.8], "running")
    assert r.curves.demand_nm_kg.shape == (2, r.curves.stance_pct.size)
    assert r.curves.stance_pct[0] == 0.0 and r.curves.stance_pct[-1] == pytest.approx(100.0, abs=1.0)
    q = pelvic_drop([1.0, 0.2], "walking")
    assert q.curves.demand_nm_kg.shape == (2, 2) and q.curves.stance_pct.tolist() == [0.0, 100.0]


def test_vectorised_over_many_strengths_matches_one_by_one() -> None:
    s = np.linspace(0.0, 1.5, 1000)
    drop = pelvic_drop_deg(s)
    assert drop.shape == (1000,)
    for i in (0, 300, 500, 999):
        assert drop[i] == pytest.approx(float(pelvic_drop_deg(s[i])))


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"strength": -0.1}, "strength must be between 0 and 1.5"),
    ({"strength": 1.6}, "strength must be between 0 and 1.5"),
    ({"strength": float("nan")}, "strength must be a finite number"),
    ({"activity": "sprinting"}, "activity must be one of"),
    ({"trunk_lean_deg": 45.0}, "trunk_lean_deg must be between -15 and 30 deg"),
    ({"strength": [0.5, 1.0], "trunk_lean_deg": [0.0, 5.0, 10.0]}, "broadcast"),
])
def test_bad_input(kwargs, message) -> None:
    with pytest.raises(ValueError, match=message):
        pelvic_drop_deg(**kwargs)
