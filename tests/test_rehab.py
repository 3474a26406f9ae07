"""Rehabilitation exercises: the table is consistent, the band force is its published data, bad input is refused."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import numpy as np
import pytest

import glutemed as gm
from glutemed.literature import literature_value
from glutemed.panels import RehabPanel
from glutemed.rehab import loads
from glutemed.kinematics import pose_leg, to_frontal
from glutemed.segments import mass_model, upper_body_com

DATA = Path(__file__).parents[1] / "data"
ARTICLE = {"bridge_band_knees", "wall_squat_ball", "crab_walk", "monster_walk"}
REQUIRED = ARTICLE | {"side_lying_abduction", "clam", "side_plank_abduction", "single_leg_squat",
                      "single_leg_deadlift", "lateral_step_up", "lunge", "single_leg_bridge"}


def _csv(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


# --- the table --------------------------------------------------------------------------------

def test_at_least_ten_exercises_including_the_articles_four() -> None:
    names = [e.name for e in gm.rehab.EXERCISES]
    assert len(names) >= 10 and len(set(names)) == len(names)
    assert REQUIRED <= set(names)
    assert {e.name for e in gm.rehab.EXERCISES if e.in_article} == ARTICLE
    assert all(isinstance(e, gm.rehab.RehabExercise) for e in gm.rehab.EXERCISES)


def test_records_are_frozen() -> None:
    with pytest.raises(AttributeError):
        gm.rehab.exercise("clam").demand_nm_kg = 2.0  # type: ignore[misc]


def _band_from_csv(value: float) -> str:
    """Ebert et al.'s band, read from the CSV here rather than from the library."""
    rows = _csv("emg_intensity_bands.csv")
    name = rows[0]["band"]
    for row in rows:
        if value >= float(row["low_pct_mvic"]):
            name = row["band"]
    return name


def test_cited_emg_is_the_csv_row_and_its_band_matches_the_value() -> None:
    rows = {r["exercise"]: r for r in _csv("rehab_emg.csv")}
    for e in gm.rehab.EXERCISES:
        if e.has_emg:
            row = rows[e.emg_key]
            assert row["status"] == "checked"
            assert e.emg_pct_mvic == float(row["emg_pct_mvic"]), "the value comes from the CSV, not retyped"
            assert e.emg_sd == (float(row["emg_sd"]) if row["emg_sd"] else None)
            assert e.emg_method == (row["emg_method"] or None) and e.emg_method in (None, "mean", "peak")
            assert e.emg_n == (int(row["emg_n"]) if row["emg_n"] else None)
            assert e.emg_source == row["source"]
            assert re.search(r"\b(19|20)\d\d\b", e.emg_source), f"{e.name}: the source has a year"
            assert e.intensity == _band_from_csv(e.emg_pct_mvic)
        else:
            assert (e.emg_key, e.emg_sd, e.emg_method, e.emg_n, e.emg_source, e.intensity) == (None,) * 6
        for key in e.related_evidence:
            assert key in rows, f"{e.name}: related row {key} exists"


def test_intensity_band_edges() -> None:
    assert [gm.rehab.intensity_band(v) for v in (0.0, 20.0, 21.0, 40.0, 41.0, 60.0, 61.0, 150.0)] == [
        "low", "low", "moderate", "moderate", "high", "high", "very_high", "very_high"]
    with pytest.raises(ValueError, match="pct_mvic must be 0 or more"):
        gm.rehab.intensity_band(-1.0)


def test_demands_are_finite_and_positive_except_where_the_ground_force_passes_through_the_hip() -> None:
    """One-sided support, a lifted leg or a band asks something; a foot under its hip asks nothing."""
    for e in gm.rehab.EXERCISES:
        assert np.isfinite(e.demand_nm_kg) and e.demand_nm_kg >= 0.0, e.name
        assert e.demand_nm_kg == pytest.approx(e.weight_nm_kg + e.band_nm_kg)
        if e.support != "double-leg" or e.band != "none":
            assert e.demand_nm_kg > 0.1, e.name
        else:  # both feet down, no band: the ground force passes through the hip (feet under the hips)
            pose = pose_leg(e.hip_flexion_deg, e.hip_adduction_deg, e.hip_rotation_deg, e.knee_flexion_deg)
            geometry = gm.load_geometry()
            foot_medial_m = to_frontal(pose.ankle_centre_m - geometry.hip_centre_m)[0]
            assert abs(foot_medial_m) < 1e-9 and abs(e.demand_nm_kg) < 1e-12, e.name


def test_single_leg_exercises_demand_more_than_the_double_leg_bridges() -> None:
    bridges = [e for e in gm.rehab.EXERCISES if e.position == "supine" and e.support == "double-leg"]
    single = [e for e in gm.rehab.EXERCISES if e.support == "single-leg"]
    assert bridges and {e.position for e in single} == {"stance", "supine"}
    assert min(e.demand_nm_kg for e in single) > max(e.demand_nm_kg for e in bridges)
    assert gm.rehab.exercise("single_leg_bridge").demand_nm_kg > gm.rehab.exercise("bridge_band_knees").demand_nm_kg


def test_both_feet_down_obeys_whole_body_balance() -> None:
    """Zero with the feet under the hips whatever the split; linear in the foot's offset; and with all the weight
    on one foot under the body's centre of mass it comes close to the single-leg-stance moment."""
    shares = np.linspace(0.0, 1.0, 11)
    np.testing.assert_array_equal(loads.double_leg_stance_nm_kg(shares, 0.0), 0.0)
    w = np.array([0.01, 0.02, 0.04])
    m = loads.double_leg_stance_nm_kg(0.7, w)
    np.testing.assert_allclose(m / w, m[0] / w[0])
    assert float(loads.double_leg_stance_nm_kg(0.7, -0.02)) < 0.0  # a wide stance asks the adductors
    mm = mass_model()
    _, upper = upper_body_com()
    foot_under_body_m = mm.upper_fraction * upper[0]  # the stance leg hangs straight below its hip
    one_foot = float(loads.double_leg_stance_nm_kg(1.0, foot_under_body_m))
    assert one_foot == pytest.approx(loads.single_leg_stance_nm_kg(), rel=0.12)


def test_one_foot_bridge_is_a_pelvic_roll_moment() -> None:
    e = gm.rehab.exercise("single_leg_bridge")
    assert e.demand_axis == "pelvic roll" and e.weight_nm_kg == pytest.approx(float(loads.one_foot_bridge_nm_kg()))
    assert all(x.demand_axis == "abduction" for x in gm.rehab.EXERCISES if x is not e)
    axis = loads.pelvic_roll_axis()
    assert np.linalg.norm(axis) == pytest.approx(1.0) and axis[1] > 0.0  # up from the hip to the back joint
    # a free leg swung out to the side hangs further from the roll axis: more demand
    assert float(loads.one_foot_bridge_nm_kg(0.0, -20.0)) > float(loads.one_foot_bridge_nm_kg()) > 0.0
    # a different body (another model's geometry) changes the number but not its sign or size class
    assert 0.3 < float(loads.one_foot_bridge_nm_kg(geometry="rajagopal2016")) < 1.0
    # equal activation: the anterior portion, an internal rotator, does most of the holding; the shares add to 1
    share = np.array(e.portion_share)
    assert share.sum() == pytest.approx(1.0) and share.argmax() == 0


def test_shares_sum_to_one() -> None:
    for e in gm.rehab.EXERCISES:
        assert sum(e.portion_share) == pytest.approx(1.0), e.name
    shares = gm.rehab.portion_share(np.linspace(0, 90, 10), -10.0, 20.0)
    np.testing.assert_allclose(shares.sum(axis=-1), 1.0)


# --- the mechanics ------------------------------------------------------------------------------

def test_single_leg_stance_part_is_the_statics_model() -> None:
    stance = gm.single_leg_stance(80.0)
    expected = float(stance.abductor_moment_nm) / 80.0
    for name in ("single_leg_squat", "single_leg_deadlift", "lateral_step_up"):
        assert gm.rehab.exercise(name).weight_nm_kg == pytest.approx(expected)


def test_side_lying_straight_leg_is_leg_weight_times_its_lever() -> None:
    mm = mass_model()
    expected = mm.leg_fraction * literature_value("gravity") * abs(float(mm.leg_com_from_hip_m[1]))
    assert float(loads.limb_weight_nm_kg(0.0, 0.0, 0.0, 0.0)) == pytest.approx(expected, rel=1e-3)
    lifted = gm.rehab.exercise("side_lying_abduction")
    assert lifted.weight_nm_kg == pytest.approx(expected * np.cos(np.radians(20.0)), rel=1e-2)


def test_band_part_is_loop_force_times_lever_and_grows_with_stretch() -> None:
    r = gm.rehab.exercise_demand("crab_walk", band_elongation_pct=[50.0, 100.0, 150.0])
    force = gm.rehab.LOOP_STRANDS * gm.rehab.band_force_n("theraband_red", [50.0, 100.0, 150.0])
    np.testing.assert_allclose(r.band_force_n, force)
    np.testing.assert_allclose(r.band_nm_kg * 70.0, force * r.band_lever_m)
    assert np.all(np.diff(r.band_nm_kg) > 0) and np.all(np.diff(r.demand_nm_kg) > 0)
    assert float(gm.rehab.exercise_demand("crab_walk", band="none").band_nm_kg) == 0.0
    # a band at the ankles acts on a longer lever than one at the knees
    assert float(gm.rehab.exercise_demand("crab_walk").band_lever_m) > float(
        gm.rehab.exercise_demand("monster_walk").band_lever_m)


def test_posture_moves_the_work_between_portions() -> None:
    clam = gm.rehab.exercise_demand("clam", hip_flexion_deg=[30.0, 60.0])
    assert clam.portion_share[1, 2] > clam.portion_share[0, 2], "more flexion: more posterior"
    assert clam.portion_share[1, 0] < clam.portion_share[0, 0], "more flexion: less anterior"
    walk = gm.rehab.exercise_demand("crab_walk", hip_flexion_deg=[0.0, 45.0], knee_flexion_deg=[0.0, 45.0])
    assert walk.portion_share[1, 2] > walk.portion_share[0, 2], "squat posture: more posterior"


# --- band force against its published data ------------------------------------------------------

def test_band_force_passes_through_every_checked_point() -> None:
    checked = [r for r in _csv("band_force.csv") if r["status"] == "checked" and r["force_n"]]
    assert checked
    for row in checked:
        assert float(gm.rehab.band_force_n(row["band"], float(row["elongation_pct"]))) == pytest.approx(
            float(row["force_n"]))
        assert gm.rehab.band_force_kind(row["band"], float(row["elongation_pct"])) == "measured"
    assert set(gm.rehab.BAND_GRADES) == {r["band"] for r in checked}


def test_band_force_is_a_teaching_line_through_the_point() -> None:
    e = np.linspace(0.0, 200.0, 9)
    f = gm.rehab.band_force_n("theraband_red", e)
    assert f[0] == 0.0 and np.all(np.diff(f) > 0)
    np.testing.assert_allclose(f, 16.46 * e / 100.0)
    assert gm.rehab.band_force_kind("theraband_red", 150.0) == "teaching"
    np.testing.assert_array_equal(gm.rehab.band_force_n("none", e), 0.0)


@pytest.mark.parametrize(("call", "message"), [
    (lambda: gm.rehab.band_force_n("theraband_red", -5.0), "band_elongation_pct must be between 0 and 200"),
    (lambda: gm.rehab.band_force_n("theraband_red", 250.0), "band_elongation_pct must be between 0 and 200"),
    (lambda: gm.rehab.band_force_n("theraband_gold", 100.0), "band must be one of 'none', 'theraband_red'"),
    (lambda: gm.rehab.band_force_n("theraband_red", float("nan")), "band_elongation_pct must be a finite number"),
    (lambda: gm.rehab.exercise("plank"), "exercise must be one of 'bridge_band_knees', .*'crab_walk'"),
    (lambda: gm.rehab.exercise_demand("plank"), "exercise must be one of"),
    (lambda: gm.rehab.exercise_demand("clam", band="yellow"), "band must be one of"),
    (lambda: gm.rehab.exercise_demand("crab_walk", band_elongation_pct=-1.0), "band_elongation_pct must be between"),
    (lambda: gm.rehab.exercise_demand("clam", hip_flexion_deg=100.0), "hip_flexion_deg must be between 0 and 90"),
    (lambda: gm.rehab.exercise_demand("clam", knee_flexion_deg=-5.0), "knee_flexion_deg must be between 0 and 90"),
    (lambda: gm.rehab.exercise_demand("clam", body_mass_kg=20.0), "body_mass_kg must be between 40 and 150"),
    (lambda: gm.rehab.band_elongation_pct(0.5, 0.6), "stretched_length_m must be between"),
])
def test_bad_input_is_refused_with_the_valid_range(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()


def test_band_elongation_from_lengths() -> None:
    assert float(gm.rehab.band_elongation_pct(1.2, 0.6)) == pytest.approx(100.0)


# --- the panel, headless ----------------------------------------------------------------------

def _snapshot(panel: RehabPanel) -> tuple[bytes, str]:
    return panel.image.value, panel.readout.value


@pytest.mark.parametrize(("control", "value"), [
    ("exercise", "side_lying_abduction"), ("band", "none"), ("band_elongation_pct", 150.0),
    ("hip_flexion_deg", 60.0), ("knee_flexion_deg", 80.0)])
def test_every_control_changes_pixels_and_readout(control: str, value) -> None:
    panel = RehabPanel()
    before = _snapshot(panel)
    n_children = [len(ax.get_children()) for ax in panel.fig.axes]
    widget = panel.sliders.get(control) or panel.choices[control]
    widget.value = value
    png, html = _snapshot(panel)
    assert png != before[0] and html != before[1]
    assert [len(ax.get_children()) for ax in panel.fig.axes] == n_children, "updated in place"


def test_panel_readout_is_the_model() -> None:
    panel = RehabPanel(exercise="crab_walk", band_elongation_pct=150.0, hip_flexion_deg=45.0)
    r = gm.rehab.exercise_demand("crab_walk", band_elongation_pct=150.0, hip_flexion_deg=45.0)
    assert f"{float(r.demand_nm_kg):.2f} N m/kg" in panel.readout.value
    assert f"{100 * float(r.portion_share[2]):.0f} %" in panel.readout.value
    assert "52 ± 18 % of MVIC (mean amplitude, n = 21); Youdas et al. 2013" in panel.readout.value
    assert "teaching line" in panel.readout.value
    panel.choices["exercise"].value = "wall_squat_ball"
    assert "no checked EMG value" in panel.readout.value
    assert panel.sliders["hip_flexion_deg"].value == gm.rehab.exercise("wall_squat_ball").hip_flexion_deg
    assert panel.choices["band"].value == "none"


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"exercise": "plank"}, "exercise must be one of"),
    ({"band": "theraband_gold"}, "band must be one of"),
    ({"band_elongation_pct": -10.0}, "band_elongation_pct must be between 0 and 200"),
    ({"hip_flexion_deg": 120.0}, "hip_flexion_deg must be between 0 and 90"),
    ({"knee_flexion_deg": "deep"}, "knee_flexion_deg must be a number"),
])
def test_panel_refuses_bad_start_values(kwargs, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        RehabPanel(**kwargs)


def test_ladder_figure_is_registered() -> None:
    assert "09_progression_ladder.png" in gm.figures.FIGURES
    fig = gm.figures.FIGURES["09_progression_ladder.png"]()
    assert "not one scale" in fig.texts[0].get_text()


@pytest.mark.parametrize(("call", "message"), [
    (lambda: loads.double_leg_stance_nm_kg(1.5), "working_leg_share must be between 0 and 1"),
    (lambda: loads.double_leg_stance_nm_kg(0.5, float("nan")), "foot_medial_m must be a finite number"),
    (lambda: loads.double_leg_stance_nm_kg(0.5, 0.5), "foot_medial_m must be between -0.3 and 0.3"),
    (lambda: loads.one_foot_bridge_nm_kg(0.0, 200.0), "other_hip_adduction_deg must be between"),
    (lambda: loads.one_foot_bridge_nm_kg(0.0, 0.0, 0.0, -5.0), "other_knee_flexion_deg must be"),
    (lambda: loads.portion_share(axis=[0.0, 0.0, 0.0]), "axis must be a finite, non-zero 3-vector"),
])
def test_new_demand_functions_refuse_bad_input(call, message) -> None:
    with pytest.raises(ValueError, match=message):
        call()
