"""Published values the models use, read from ``data/literature_values.csv``.

Each row has a name, a value, its unit, its kind and its source:

``measured``
    a published measurement (the source names the paper);
``definition`` / ``standard``
    true by definition, or a standard constant;
``calibration``
    a published range the model is tuned to reproduce;
``teaching``
    set for teaching, not measured: the notebooks say so where it matters.

Examples
--------
>>> literature_value("vertical_force_running")
2.5
>>> literature_entry("running_step_width").kind
'teaching'
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass

from glutemed._checks import check_name
from glutemed.geometry import data_dir

__all__ = ["LiteratureValue", "literature_entry", "literature_value", "literature_table"]

_COLUMNS = ("name", "value", "unit", "kind", "source")
_KINDS = ("measured", "definition", "standard", "calibration", "teaching")
_UNITS = {
    "gravity": "m/s^2",
    "vertical_force_stance": "BW",
    "vertical_force_walking": "BW",
    "vertical_force_running": "BW",
    "abductor_strength_men": "N*m/kg",
    "abductor_strength_women": "N*m/kg",
    "cane_lateral_distance": "m",
    "cane_force_typical_max": "BW",
    "squat_knee_flexion": "deg",
    "running_knee_flexion": "deg",
    "fppa_squat_controls": "deg",
    "fppa_squat_controls_sd": "deg",
    "fppa_squat_pfp": "deg",
    "fppa_squat_pfp_sd": "deg",
    "fppa_landing_controls": "deg",
    "fppa_landing_controls_sd": "deg",
    "fppa_landing_pfp": "deg",
    "fppa_landing_pfp_sd": "deg",
    "pfp_abduction_strength_deficit": "%",
    "running_hip_adduction": "deg",
    "running_hip_adduction_sd": "deg",
    "running_hip_internal_rotation": "deg",
    "running_hip_internal_rotation_sd": "deg",
    "hip_contact_walking": "BW",
    "hip_contact_jogging": "BW",
    "fppa_sdd_min": "deg",
    "fppa_sdd_max": "deg",
    "pauwels_lever_ratio": "1",
    "pauwels_joint_force": "1",
    "running_pelvic_drop_typical_low": "deg",
    "running_pelvic_drop_typical_high": "deg",
    # running stance model (glutemed.running) and training load (glutemed.training_load)
    "running_hip_abduction_moment": "N*m/kg",
    "running_hip_abduction_moment_sd": "N*m/kg",
    "running_hip_adduction_step_rate_plus5": "deg",
    "running_hip_adduction_step_rate_plus10": "deg",
    "running_hip_adduction_step_rate_minus5": "deg",
    "running_hip_adduction_step_rate_minus10": "deg",
    "running_hip_adduction_step_rate_plus5_sd": "deg",
    "running_hip_adduction_step_rate_plus10_sd": "deg",
    "running_hip_adduction_step_rate_minus5_sd": "deg",
    "running_hip_adduction_step_rate_minus10_sd": "deg",
    "running_hip_abduction_moment_step_rate_plus10": "N*m/kg",
    "gmed_force_running_preferred": "N/kg",
    "gmed_force_running_step_rate_plus10": "N/kg",
    "stance_force_intercept_women": "BW",
    "stance_force_slope_women": "BW*s/m",
    "stance_force_intercept_men": "BW",
    "stance_force_slope_men": "BW*s/m",
    "preferred_running_speed": "m/s",
    "preferred_step_rate": "steps/min",
    "step_rate_rise_per_15pct_speed": "steps/min",
    "leg_stiffness_low_step_rate": "kN/m",
    "leg_stiffness_high_step_rate": "kN/m",
    "step_rate_below_preferred_farley": "%",
    "step_rate_above_preferred_farley": "%",
    "fv_shape_factor": "1",
    "fv_max_eccentric_force": "1",
    "max_contraction_velocity": "L0/s",
    "passive_hip_adduction_moment_scale": "N*m",
    "passive_hip_adduction_moment_exponent": "1/rad",
    "passive_hip_adduction_moment_angle": "rad",
    "passive_hip_adduction_upper_bound_factor": "1",
    "running_step_width": "m",
    "weekly_increase_threshold_nielsen": "%",
    "weekly_increase_hazard_ratio_nielsen": "1",
    "weekly_increase_hr_ci_low_nielsen": "1",
    "weekly_increase_hr_ci_high_nielsen": "1",
    "weekly_increase_low_damsted": "%",
    "weekly_increase_high_damsted": "%",
    "acwr_sweet_spot_low": "1",
    "acwr_sweet_spot_high": "1",
    "acwr_danger": "1",
}


@dataclass(frozen=True)
class LiteratureValue:
    """One row of ``data/literature_values.csv``."""

    name: str
    value: float
    unit: str
    kind: str
    source: str


@functools.lru_cache(maxsize=None)
def literature_table() -> dict[str, LiteratureValue]:
    """All rows, keyed by name, after checking columns, units and kinds.

    Examples
    --------
    >>> "abductor_strength_men" in literature_table()
    True
    """
    path = data_dir() / "literature_values.csv"
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        if tuple(reader.fieldnames or ()) != _COLUMNS:
            raise ValueError(f"{path.name}: columns must be {', '.join(_COLUMNS)}")
        rows = list(reader)
    table = {}
    for row in rows:
        name = row["name"]
        expected_unit = _UNITS.get(name)
        if expected_unit is None:
            raise ValueError(f"{path.name}: unknown entry {name!r}; known: {', '.join(_UNITS)}")
        if row["unit"] != expected_unit:
            raise ValueError(f"{path.name}: {name} must be in {expected_unit}; got {row['unit']}")
        check_name(row["kind"], f"{path.name} kind of {name}", _KINDS)
        value = float(row["value"])
        if not value > 0:
            raise ValueError(f"{path.name}: {name} must be positive; got {value}")
        table[name] = LiteratureValue(name, value, row["unit"], row["kind"], row["source"])
    missing = sorted(set(_UNITS) - set(table))
    if missing:
        raise ValueError(f"{path.name}: missing entries {missing}")
    return table


def literature_entry(name: str) -> LiteratureValue:
    """The full row for ``name`` (value, unit, kind, source)."""
    table = literature_table()
    check_name(name, "name", table)
    return table[name]


def literature_value(name: str) -> float:
    """Just the value for ``name``, in the unit the table states."""
    return literature_entry(name).value
