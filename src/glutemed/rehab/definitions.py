"""The exercise definitions of ``data/rehab_exercises.csv``: posture and load (teaching values).

Each row is checked when read: a known position, support, band and band
place, a weight formula for the (position, support) pair, and numbers where
numbers belong. :mod:`glutemed.rehab.exercises` evaluates them.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass

from glutemed._checks import check_name
from glutemed.geometry import data_dir
from glutemed.rehab.bands import BAND_CHOICES
from glutemed.rehab.loads import POSITIONS, SUPPORTS, WEIGHT_PARTS

__all__ = ["BAND_PLACES", "Definition", "definitions"]

#: Where a band loop can sit.
BAND_PLACES: tuple[str, str] = ("knees", "ankles")

_COLUMNS = ("exercise", "label", "in_article", "position", "support", "hip_flexion_deg", "hip_adduction_deg",
            "hip_rotation_deg", "knee_flexion_deg", "other_hip_flexion_deg", "other_hip_adduction_deg",
            "other_hip_rotation_deg", "other_knee_flexion_deg", "working_leg_share", "band", "band_at",
            "band_elongation_pct", "emg_row", "related_rows", "kind", "note")


@dataclass(frozen=True)
class Definition:
    """One exercise as defined in the CSV (posture in degrees: flexion, adduction, rotation, knee)."""

    name: str
    label: str
    in_article: bool
    position: str
    support: str
    posture_deg: tuple[float, float, float, float]
    other_leg_deg: tuple[float, float, float, float] | None
    working_leg_share: float
    band: str
    band_at: str
    band_elongation_pct: float
    emg_key: str | None
    related: tuple[str, ...]
    note: str


def _float(row: dict[str, str], key: str) -> float:
    try:
        return float(row[key])
    except ValueError as exc:
        raise ValueError(f"rehab_exercises.csv, {row['exercise']}: {key} must be a number") from exc


@functools.lru_cache(maxsize=None)
def definitions() -> tuple[Definition, ...]:
    """Every row, checked, in file order.

    Examples
    --------
    >>> definitions()[0].name, definitions()[0].band_at
    ('bridge_band_knees', 'knees')
    """
    path = data_dir() / "rehab_exercises.csv"
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        if tuple(reader.fieldnames or ()) != _COLUMNS:
            raise ValueError(f"{path.name}: columns must be {', '.join(_COLUMNS)}")
        rows = list(reader)
    out = []
    for r in rows:
        where = f"{path.name}, {r['exercise']}"
        check_name(r["position"], f"{where}: position", POSITIONS)
        check_name(r["support"], f"{where}: support", SUPPORTS)
        check_name(r["band"], f"{where}: band", BAND_CHOICES)
        check_name(r["band_at"], f"{where}: band_at", BAND_PLACES)
        check_name(r["kind"], f"{where}: kind", ("teaching",))
        if (r["position"], r["support"]) not in WEIGHT_PARTS:
            raise ValueError(f"{where}: no weight formula for {r['position']}, {r['support']}")
        other = ("other_hip_flexion_deg", "other_hip_adduction_deg", "other_hip_rotation_deg", "other_knee_flexion_deg")
        out.append(Definition(
            name=r["exercise"], label=r["label"], in_article=r["in_article"] == "yes", position=r["position"],
            support=r["support"],
            posture_deg=tuple(_float(r, k) for k in ("hip_flexion_deg", "hip_adduction_deg", "hip_rotation_deg",
                                                     "knee_flexion_deg")),
            other_leg_deg=tuple(_float(r, k) for k in other) if r[other[0]].strip() else None,
            working_leg_share=_float(r, "working_leg_share"), band=r["band"], band_at=r["band_at"],
            band_elongation_pct=_float(r, "band_elongation_pct"), emg_key=r["emg_row"] or None,
            related=tuple(k for k in r["related_rows"].split(";") if k), note=r["note"]))
    return tuple(out)
