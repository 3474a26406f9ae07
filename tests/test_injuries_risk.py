"""Injury and risk-factor tables as read from the evidence files; a runner profile's mechanisms; the risk panel."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np
import pytest

import glutemed as gm
from glutemed.injuries import INJURIES, MODEL_QUANTITIES, RISK_FACTORS, injury_rows, risk_factor_rows
from glutemed.panels import RiskExplorerPanel
from glutemed.effects import FACTORS, OUTPUTS, shoes_surface_note
from glutemed.risk import (
    PREVIOUS_INJURIES,
    REFERENCE_RUNNER,
    SHOES_SURFACES,
    fredericson_deficit,
    injury_deficit,
    leverage_factor,
)

DATA = Path(__file__).parents[1] / "data"


def _csv(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_every_injury_of_the_issue_is_in_the_table() -> None:
    present = {r.injury for r in gm.injury_table()}
    for injury in INJURIES:
        assert injury in present, injury
    # trochanteric bursitis: how it relates to greater trochanteric pain syndrome today
    assert any("greater trochanteric pain syndrome" in r.mechanism for r in injury_rows("trochanteric_bursitis"))


def test_every_risk_factor_of_the_issue_is_in_the_table() -> None:
    present = {r.factor for r in gm.risk_factor_table()}
    assert set(RISK_FACTORS) <= present
    assert {r.model_parameter for r in risk_factor_rows("female_sex")} >= {"sex", "strength"}


@pytest.mark.parametrize("table", [gm.injury_table, gm.risk_factor_table])
def test_each_row_has_a_source_a_design_and_a_year(table) -> None:
    for row in table():
        assert row.source.strip(), row
        assert row.evidence.strip(), row
        assert row.year is not None and 1900 < row.year < 2030, row.source
        assert row.association.strip()


def test_rows_are_read_not_retyped() -> None:
    """Every row equals its line in the CSV, in order."""
    for rows, name, key in ((gm.injury_table(), "injuries.csv", "injury"),
                            (gm.risk_factor_table(), "risk_factors.csv", "factor")):
        raw = _csv(name)
        assert len(rows) == len(raw)
        for row, line in zip(rows, raw):
            assert row.injury == line[key] and row.source == line["source"] and row.sample == line["sample"]
            assert row.evidence == line["evidence_design"] and row.finding == line["finding"]


def test_model_silent_rows_say_so() -> None:
    silent = [r for r in gm.injury_table() if r.model_quantity is None]
    assert {"piriformis_syndrome", "hamstring_injury"} <= {r.injury for r in silent}
    for row in silent:
        assert row.model_says.startswith("silent")
        assert gm.evaluate_mechanism(row) is None
    piriformis = injury_rows("piriformis_syndrome")[0]
    assert "no gluteus medius" in piriformis.association


def test_evaluate_mechanism_matches_the_models() -> None:
    run = gm.running_stance(1.0)
    values = {q: gm.evaluate_mechanism(q) for q in MODEL_QUANTITIES}
    assert values["pelvic_drop_deg"].value == pytest.approx(float(run.peak_pelvic_drop_deg))
    assert values["hip_adduction_deg"].value == pytest.approx(float(run.peak_hip_adduction_deg))
    assert values["hip_contact_force_bw"].value == pytest.approx(float(run.peak_hip_contact_force_bw))
    assert values["muscle_force_and_stretch"].value == pytest.approx(float(run.peak_abduction_moment_nm_kg))
    assert values["fppa_deg"].value == pytest.approx(float(gm.knee_valgus(1.0, "running").fppa_deg))
    for row in gm.injury_table():
        v = gm.evaluate_mechanism(row)
        assert (v is None) == (row.model_quantity is None)


def test_evaluate_mechanism_rejects_unknown_quantities() -> None:
    with pytest.raises(ValueError, match="model_quantity must be one of"):
        gm.evaluate_mechanism("knee_pain_score")


def test_cited_deficits() -> None:
    assert injury_deficit("none") == 0.0
    assert injury_deficit("pfp") == pytest.approx(0.26)
    # Fredericson 2000 torques, as quoted in the checked row of risk_factors.csv
    finding = next(r.finding for r in risk_factor_rows("previous_injury") if r.source.startswith("Fredericson"))
    for number in ("7.82", "10.19", "6.86", "9.73"):
        assert number in finding
    assert fredericson_deficit("female") == pytest.approx(1 - 7.82 / 10.19)
    assert fredericson_deficit("male") == pytest.approx(1 - 6.86 / 9.73)
    assert set(PREVIOUS_INJURIES) == {"none", "pfp", "itbs"}


def test_reference_runner_is_the_models_normative_runner() -> None:
    m = gm.runner_mechanisms()
    assert m.profile == REFERENCE_RUNNER
    assert m.pelvic_drop_deg == pytest.approx(float(gm.peak_pelvic_drop_deg(1.0)))
    assert m.effective_strength == 1.0 and m.pelvis_held


def test_factor_effects_move_one_factor_at_a_time() -> None:
    profile = gm.RunnerProfile(sex="male", previous_injury="pfp", weekly_increase_pct=30.0, speed_m_s=4.0,
                               trunk_lean_deg=5.0, hip_flexion_deg=10.0, pelvis_width_change_pct=5.0)
    e = gm.factor_effects(profile)
    assert e.factors == tuple(FACTORS) and e.outputs == tuple(OUTPUTS)
    drop, load = e.outputs.index("pelvic_drop_deg"), e.outputs.index("weekly_abductor_load_pct")
    i = e.factors.index("previous_injury")
    alone = gm.runner_mechanisms(gm.RunnerProfile(previous_injury="pfp"))
    assert e.delta[i, drop] == pytest.approx(alone.pelvic_drop_deg - gm.runner_mechanisms().pelvic_drop_deg)
    assert e.delta[e.factors.index("training_load"), load] == pytest.approx(30.0)
    assert e.delta[e.factors.index("sex"), drop] < 0, "the men's norm is higher: less drop"
    assert e.delta[e.factors.index("trunk_lean"), drop] < 0, "a lean over the stance leg lowers the demand"
    assert e.delta[e.factors.index("posture"), drop] > 0, "hip flexion shortens the abduction levers"
    assert leverage_factor(10.0) < 1.0
    # no path: shoes everywhere; training load outside the week's load; trunk lean and speed outside the FPPA
    assert e.no_path[e.factors.index("shoes_surface")].all()
    assert e.no_path[e.factors.index("training_load"), :load].all()
    fppa = e.outputs.index("fppa_deg")
    assert e.no_path[e.factors.index("trunk_lean"), fppa] and e.no_path[e.factors.index("speed"), fppa]
    assert np.isnan(e.delta[e.no_path]).all()
    assert not e.no_path[-1].any()
    assert e.moved.tolist() == [False, True, True, True, False, True, True, True, True, True]


def test_not_held_is_nan_not_a_number() -> None:
    weak = gm.runner_mechanisms(gm.RunnerProfile(strength=0.3))
    assert not weak.pelvis_held
    assert math.isnan(weak.pelvic_drop_deg) and math.isnan(weak.hip_contact_force_bw)
    assert math.isnan(weak.weekly_abductor_load_nm_s_kg)
    assert not math.isnan(weak.fppa_deg), "the knee chain still gives an FPPA (pelvis drawn level)"
    e = gm.factor_effects(gm.RunnerProfile(strength=0.3))
    assert not e.held[0] and np.isnan(e.delta[0, 0])


def test_shoes_and_surfaces_quote_the_table() -> None:
    for choice in SHOES_SURFACES:
        note = shoes_surface_note(choice)
        assert (note == "") == (choice == "usual")
    assert "1.70 / 1.64 / 1.54 BW" in shoes_surface_note("soft midsole")


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"sex": "other"}, "sex must be one of"),
    ({"strength": 2.0}, "strength must be between 0 and 1.5"),
    ({"weekly_increase_pct": -60.0}, "weekly_increase_pct must be between -50 and 100"),
    ({"speed_m_s": 9.0}, "speed_m_s must be between 2 and 6"),
    ({"hip_flexion_deg": float("nan")}, "hip_flexion_deg must be a finite number"),
    ({"previous_injury": "acl"}, "previous_injury must be one of"),
    ({"shoes_surface": "barefoot"}, "shoes_surface must be one of"),
    ({"pelvis_width_change_pct": "wide"}, "pelvis_width_change_pct must be a real number"),
])
def test_profile_rejects_bad_input(kwargs, message) -> None:
    with pytest.raises(ValueError, match=message):
        gm.RunnerProfile(**kwargs)


def test_functions_reject_non_profiles() -> None:
    with pytest.raises(ValueError, match="profile must be a RunnerProfile"):
        gm.runner_mechanisms({"sex": "female"})
    with pytest.raises(ValueError, match="profile must be a RunnerProfile"):
        gm.factor_effects("runner")


def test_risk_panel_says_it_is_not_a_prediction_and_marks_not_held() -> None:
    panel = RiskExplorerPanel()
    assert "not a personal risk prediction" in panel.readout.value
    assert "not a personal risk prediction" in panel.fig.texts[0].get_text().lower() or any(
        "not a personal risk prediction" in t.get_text() for t in panel.fig.texts)
    png = panel.image.value
    panel.sliders["strength"].value = 0.3
    assert panel.image.value != png
    assert "not held" in panel.readout.value
    texts = [t.get_text() for row in panel.tornado.values for t in row]
    assert any("not held" in t for t in texts), "a marker, not a number"
    panel.choices["shoes_surface"].value = "maximalist shoes"
    assert "no path in the model" in panel.readout.value and "Kulmala" in panel.readout.value
    expected = gm.factor_effects(gm.RunnerProfile(**panel.values))
    np.testing.assert_array_equal(np.isnan(panel.state.delta), np.isnan(expected.delta))
