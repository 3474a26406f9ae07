"""Running injuries and risk factors as the evidence tables state them (data, no model).

Two tables, read as they are from ``data/injuries.csv`` and
``data/risk_factors.csv`` (provenance in ``data/EVIDENCE.md``): one row per
source and finding, each with its study design, its sample, what the design
allows (association or cause) and the model quantity or parameter that
stands for the mechanism. Nothing is retyped here; this module only reads,
checks and names the columns.

``model_quantity`` (injuries) is the glutemed output that stands for the
*mechanism*, not necessarily what the study measured; ``None`` where the
model has nothing to say (muscle timing, piriformis, hamstring swing-phase
mechanics). :func:`glutemed.risk.evaluate_mechanism` computes it for a
runner profile.

Examples
--------
>>> rows = injury_table()
>>> sorted({r.injury for r in rows}) == sorted(INJURIES + ("distance_related_injuries_incl_gluteus_medius",))
True
>>> next(r for r in rows if r.injury == "piriformis_syndrome").model_quantity is None
True
>>> {r.model_parameter for r in risk_factor_table()} <= set(MODEL_PARAMETERS)
True
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from glutemed._checks import check_name
from glutemed.geometry import data_dir

__all__ = [
    "INJURIES",
    "MODEL_PARAMETERS",
    "MODEL_QUANTITIES",
    "RISK_FACTORS",
    "InjuryRow",
    "RiskFactorRow",
    "injury_rows",
    "injury_table",
    "risk_factor_rows",
    "risk_factor_table",
]

#: The injuries notebook 08 covers, as keyed in ``data/injuries.csv``.
INJURIES: tuple[str, ...] = (
    "gluteal_tendinopathy",
    "gluteus_medius_strain_or_tear",
    "patellofemoral_pain",
    "iliotibial_band_syndrome",
    "achilles_tendinopathy",
    "hamstring_injury",
    "hip_osteoarthritis",
    "knee_osteoarthritis",
    "piriformis_syndrome",
    "trochanteric_bursitis",
)
#: The risk factors, as keyed in ``data/risk_factors.csv``.
RISK_FACTORS: tuple[str, ...] = (
    "female_sex",
    "previous_injury",
    "training_load_spikes",
    "surfaces",
    "shoes",
    "high_impact_activity",
    "posture",
    "trunk_control",
)
#: Model outputs an injury's mechanism may map to, with what each means in the model.
MODEL_QUANTITIES: dict[str, str] = {
    "pelvic_drop_deg": "peak contralateral pelvic drop in running stance (glutemed.running_stance)",
    "hip_adduction_deg": "peak stance-hip adduction in running: the drop plus the femur's lean",
    "fppa_deg": "frontal plane projection angle of the knee chain in running (glutemed.knee_valgus)",
    "hip_contact_force_bw": "peak hip contact force in running stance, body weights",
    "muscle_force_and_stretch": "peak abductor moment (N m/kg) while the muscle lengthens as the pelvis drops",
}
#: Model parameters a risk factor may act through (``data/EVIDENCE.md``).
MODEL_PARAMETERS: tuple[str, ...] = ("sex", "strength", "weekly_km", "vertical_grf_bw", "speed_m_s",
                                     "hip_flexion_deg", "trunk_lean_deg")
_COMMON = ("mechanism", "evidence_design", "sample", "finding", "association_or_cause", "source", "excerpt",
           "status")
_STATUSES = ("checked", "not found")


@dataclass(frozen=True)
class InjuryRow:
    """One finding about one injury: a row of ``data/injuries.csv``.

    Attributes
    ----------
    injury : str
        The injury's key (one of :data:`INJURIES`, or a wider group).
    mechanism : str
        The proposed or studied mechanism, in words.
    model_quantity : str or None
        The model output that stands for the mechanism (:data:`MODEL_QUANTITIES`);
        ``None`` where the model is silent.
    evidence : str
        The study design: prospective, case-control, cross-sectional, review,
        systematic review or case report.
    sample : str
        Who was studied (empty where it was not read).
    finding : str
        What was found, with the numbers read in the source.
    association : str
        What the design allows: nearly always an association, never a cause.
    source : str
        The reference as read (bibliographic gaps are marked in it).
    year : int or None
        The publication year found in ``source``.
    status : {"checked", "not found"}
        ``checked``: read in the source; ``not found``: the result could not be read.
    excerpt : str
        What was read, quoted.
    """

    injury: str
    mechanism: str
    model_quantity: str | None
    evidence: str
    sample: str
    finding: str
    association: str
    source: str
    year: int | None
    status: str
    excerpt: str

    @property
    def citation(self) -> str:
        """A short citation: first author and year, or the start of the source where no author was read.

        Examples
        --------
        >>> injury_rows("hip_osteoarthritis")[0].citation
        'Loureiro et al. 2018'
        """
        surnames = []
        for piece in re.split(r"[(\[]", self.source)[0].split(","):
            author = re.fullmatch(r"\s*([A-Za-z][A-Za-z' \-]*?) [A-Z]{1,3}\s*", piece)
            if not author:
                break
            surnames.append(author.group(1))
        if surnames:
            names = surnames[0] if len(surnames) == 1 else (
                " & ".join(surnames) if len(surnames) == 2 else f"{surnames[0]} et al.")
            return f"{names} {self.year}"
        head = re.split(r"[,(\[]", self.source)[0].strip()
        head = head if len(head) <= 48 else head[:45].rstrip() + "..."
        return head if self.year is None or str(self.year) in head else f"{head} {self.year}"

    @property
    def model_says(self) -> str:
        """What the model can say about this row, in words (silent where it has no quantity)."""
        if self.model_quantity is None:
            return "silent: no model quantity stands for this mechanism"
        return MODEL_QUANTITIES[self.model_quantity]


@dataclass(frozen=True)
class RiskFactorRow(InjuryRow):
    """One finding about one risk factor: a row of ``data/risk_factors.csv``.

    The same columns as :class:`InjuryRow` (``injury`` holds the factor's key,
    also available as :attr:`factor`; ``model_quantity`` is ``None``), plus
    ``model_parameter``: the model input the factor acts through
    (:data:`MODEL_PARAMETERS`).
    """

    model_parameter: str = ""

    @property
    def factor(self) -> str:
        """The factor's key (one of :data:`RISK_FACTORS`)."""
        return self.injury


def _year(source: str) -> int | None:
    """The first four-digit year in a reference, preferring one in parentheses."""
    match = re.search(r"\((\d{4})\)", source) or re.search(r"\b((?:19|20)\d\d)\b", source)
    return int(match.group(1)) if match else None


def _read(path: Path, key: str, extra: tuple[str, ...]) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        columns = (key, *extra, *_COMMON)
        missing = [c for c in columns if c not in (reader.fieldnames or ())]
        if missing:
            raise ValueError(f"{path.name}: missing columns {', '.join(missing)}")
        rows = list(reader)
    for i, row in enumerate(rows, start=2):
        check_name(row["status"], f"{path.name}:{i} status", _STATUSES)
    return rows


def _common(row: dict[str, str]) -> dict[str, object]:
    return {"mechanism": row["mechanism"], "evidence": row["evidence_design"], "sample": row["sample"],
            "finding": row["finding"], "association": row["association_or_cause"], "source": row["source"],
            "year": _year(row["source"]), "status": row["status"], "excerpt": row["excerpt"]}


def _checked_rows(file_name: str, key: str, column: str, valid: Iterable[str],
                  optional: bool = False) -> list[tuple[dict[str, str], str | None]]:
    """The rows of a table with ``column`` checked against ``valid`` (empty allowed if ``optional``)."""
    out = []
    for i, row in enumerate(_read(data_dir() / file_name, key, (column,)), start=2):
        value = row[column] or None
        if value is not None or not optional:
            check_name(value, f"{file_name}:{i} {column}", valid)
        out.append((row, value))
    return out


@functools.lru_cache(maxsize=1)
def injury_table() -> tuple[InjuryRow, ...]:
    """Every row of ``data/injuries.csv``, in file order.

    Raises
    ------
    ValueError
        A missing column, an unknown status or an unknown model quantity.

    Examples
    --------
    >>> gt = [r for r in injury_table() if r.injury == "gluteal_tendinopathy"]
    >>> gt[0].model_quantity, gt[0].evidence
    ('hip_adduction_deg', 'review')
    """
    return tuple(InjuryRow(injury=row["injury"], model_quantity=value, **_common(row))
                 for row, value in _checked_rows("injuries.csv", "injury", "model_quantity", MODEL_QUANTITIES,
                                                 optional=True))


@functools.lru_cache(maxsize=1)
def risk_factor_table() -> tuple[RiskFactorRow, ...]:
    """Every row of ``data/risk_factors.csv``, in file order.

    Raises
    ------
    ValueError
        A missing column, an unknown status or an unknown model parameter.

    Examples
    --------
    >>> rows = [r for r in risk_factor_table() if r.factor == "training_load_spikes"]
    >>> rows[0].model_parameter, rows[0].evidence
    ('weekly_km', 'prospective')
    """
    return tuple(RiskFactorRow(injury=row["factor"], model_quantity=None, model_parameter=value, **_common(row))
                 for row, value in _checked_rows("risk_factors.csv", "factor", "model_parameter", MODEL_PARAMETERS))


def injury_rows(injury: str) -> tuple[InjuryRow, ...]:
    """The rows of one injury (one of :data:`INJURIES`).

    Examples
    --------
    >>> [r.evidence for r in injury_rows("hip_osteoarthritis")]
    ['cross-sectional']
    """
    check_name(injury, "injury", sorted({r.injury for r in injury_table()}))
    return tuple(r for r in injury_table() if r.injury == injury)


def risk_factor_rows(factor: str) -> tuple[RiskFactorRow, ...]:
    """The rows of one risk factor (one of :data:`RISK_FACTORS`).

    Examples
    --------
    >>> len(risk_factor_rows("shoes"))
    3
    """
    check_name(factor, "factor", RISK_FACTORS)
    return tuple(r for r in risk_factor_table() if r.factor == factor)
