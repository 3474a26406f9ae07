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
>>> literature_entry("passive_angle_scale").kind
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
    "healthy_running_drop": "deg",
    "passive_angle_scale": "deg",
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
    "running_hip_abduction_moment": "N*m/kg",
    "running_hip_abduction_moment_sd": "N*m/kg",
    "fppa_sdd_min": "deg",
    "fppa_sdd_max": "deg",
    "pauwels_lever_ratio": "1",
    "pauwels_joint_force": "1",
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
