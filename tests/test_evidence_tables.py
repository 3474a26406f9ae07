"""The evidence tables for the injury, risk-factor and rehabilitation notebooks hold only what was read.

Each row of data/rehab_emg.csv, band_force.csv, injuries.csv and risk_factors.csv
is either ``checked`` (read in the source: a source with a year and an excerpt)
or ``not found`` (its numbers left empty). See data/EVIDENCE.md.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

DATA = Path(__file__).parents[1] / "data"
TABLES = {
    "rehab_emg.csv": ("emg_pct_mvic", "emg_sd", "emg_n"),
    "band_force.csv": ("elongation_pct", "force_n"),
    "injuries.csv": (),
    "risk_factors.csv": (),
}
DESIGNS = {"prospective", "case-control", "cross-sectional", "review", "systematic review", "randomised trial",
           "case series", "meta-analysis", "laboratory", "cohort", "experimental", ""}


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("name", TABLES)
def test_every_row_is_checked_or_not_found(name: str) -> None:
    rows = _rows(name)
    assert rows, f"{name} has rows"
    for i, row in enumerate(rows, start=2):
        assert row["status"] in ("checked", "not found"), f"{name}:{i} status {row['status']!r}"
        numbers = [row[c] for c in TABLES[name] if row.get(c)]
        for value in numbers:
            float(value)  # parses
        if row["status"] == "checked":
            assert re.search(r"\b(19|20)\d\d\b", row["source"]), f"{name}:{i} source has a year"
            assert row["excerpt"].strip(), f"{name}:{i} a checked row quotes what was read"
        elif name != "band_force.csv":
            assert not any(row[c] for c in TABLES[name][:1]), f"{name}:{i} a row not found carries no value"


def test_emg_values_carry_their_method_or_say_it_is_unknown() -> None:
    for i, row in enumerate(_rows("rehab_emg.csv"), start=2):
        if row["emg_pct_mvic"]:
            assert 0 < float(row["emg_pct_mvic"]) < 200, f"rehab_emg.csv:{i} a plausible %MVIC"
            assert row["emg_method"] in ("mean", "peak", ""), f"rehab_emg.csv:{i} method"


def test_intensity_bands_are_contiguous_and_ordered() -> None:
    rows = _rows("emg_intensity_bands.csv")
    assert [r["band"] for r in rows] == ["low", "moderate", "high", "very_high"]
    lows = [float(r["low_pct_mvic"]) for r in rows]
    assert lows == sorted(lows) and lows[0] == 0


@pytest.mark.parametrize("name", ["injuries.csv", "risk_factors.csv"])
def test_clinical_rows_name_design_and_association(name: str) -> None:
    for i, row in enumerate(_rows(name), start=2):
        if row["status"] == "checked":
            assert row["evidence_design"].strip(), f"{name}:{i} names its design"
            assert row["association_or_cause"].strip(), f"{name}:{i} says association or cause"
