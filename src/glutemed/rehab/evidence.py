"""Cited gluteus medius EMG per exercise and the intensity bands of Ebert et al. (2017).

Reads ``data/rehab_emg.csv`` and ``data/emg_intensity_bands.csv`` (see
``data/EVIDENCE.md``); no number is typed here. A row's value is used only
when its ``status`` is ``checked``.

EMG amplitudes are percentages of a reference contraction (%MVIC, or %MVC in
Barton et al. 2014), averaged (``"mean"``) or at their peak (``"peak"``);
the method is recorded only where it was read. Values from different
methods and references are not comparable on one scale, and Ebert et al.'s
bands were built from studies normalised to a side-lying MVIC: applying them
to other normalisations is an extrapolation.
"""

from __future__ import annotations

import csv
import functools
import math
import re
from dataclasses import dataclass

from glutemed._checks import as_finite_array, check_name
from glutemed.geometry import data_dir

__all__ = ["EmgRow", "IntensityBand", "emg_row", "emg_rows", "intensity_band", "intensity_bands"]

_EMG_COLUMNS = ("exercise", "description", "emg_pct_mvic", "emg_sd", "emg_method", "reference_contraction",
                "electrode", "emg_n", "sample", "source", "excerpt", "status")
_BAND_COLUMNS = ("band", "low_pct_mvic", "high_pct_mvic", "source", "excerpt")


def _read(name: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    path = data_dir() / name
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        if tuple(reader.fieldnames or ()) != columns:
            raise ValueError(f"{name}: columns must be {', '.join(columns)}")
        return list(reader)


def _number(text: str) -> float | None:
    return float(text) if text.strip() else None


@dataclass(frozen=True)
class EmgRow:
    """One row of ``data/rehab_emg.csv``.

    Attributes
    ----------
    key, description : str
        The row's key and what the exercise was.
    pct_mvic, sd_pct : float or None
        Gluteus medius amplitude and its standard deviation, % of the
        reference contraction; None where no single value was read (or the
        row is not checked).
    method : {"mean", "peak"} or None
        Amplitude method, where read.
    reference, electrode, sample : str
        Reference contraction, electrode type and sample, as read (may be empty).
    n : int or None
        Number of participants, where read.
    source, excerpt, status : str
        The citation, the words read, and ``checked`` or ``not found``.
    """

    key: str
    description: str
    pct_mvic: float | None
    sd_pct: float | None
    method: str | None
    reference: str
    electrode: str
    n: int | None
    sample: str
    source: str
    excerpt: str
    status: str

    @property
    def year(self) -> int | None:
        """The first four-digit year (19xx or 20xx) in the source, if any."""
        found = re.search(r"\b(19|20)\d\d\b", self.source)
        return int(found.group()) if found else None


@functools.lru_cache(maxsize=None)
def _emg_table() -> dict[str, EmgRow]:
    table = {}
    for r in _read("rehab_emg.csv", _EMG_COLUMNS):
        checked = r["status"] == "checked"
        table[r["exercise"]] = EmgRow(
            key=r["exercise"], description=r["description"],
            pct_mvic=_number(r["emg_pct_mvic"]) if checked else None,
            sd_pct=_number(r["emg_sd"]) if checked else None,
            method=r["emg_method"] or None, reference=r["reference_contraction"], electrode=r["electrode"],
            n=int(r["emg_n"]) if r["emg_n"].strip() else None, sample=r["sample"], source=r["source"],
            excerpt=r["excerpt"], status=r["status"])
    return table


def emg_row(key: str) -> EmgRow:
    """One row of the EMG table by its key.

    Examples
    --------
    >>> row = emg_row("lateral_band_walk_stance_limb")
    >>> row.pct_mvic, row.sd_pct, row.method, row.n, row.year
    (52.0, 18.0, 'mean', 21, 2013)
    """
    table = _emg_table()
    check_name(key, "key", table)
    return table[key]


def emg_rows(keys: tuple[str, ...] | list[str]) -> list[EmgRow]:
    """Several rows, in the order given.

    Examples
    --------
    >>> [r.status for r in emg_rows(["clam_review", "lateral_band_walk_distefano"])]
    ['checked', 'not found']
    """
    return [emg_row(k) for k in keys]


@dataclass(frozen=True)
class IntensityBand:
    """One of Ebert et al.'s (2017) EMG intensity bands, %MVIC (``high_pct`` None: no upper bound)."""

    name: str
    low_pct: float
    high_pct: float | None
    source: str


@functools.lru_cache(maxsize=None)
def intensity_bands() -> tuple[IntensityBand, ...]:
    """The bands, lowest first.

    Examples
    --------
    >>> [b.name for b in intensity_bands()]
    ['low', 'moderate', 'high', 'very_high']
    """
    rows = _read("emg_intensity_bands.csv", _BAND_COLUMNS)
    bands = tuple(IntensityBand(r["band"], float(r["low_pct_mvic"]), _number(r["high_pct_mvic"]), r["source"])
                  for r in rows)
    lows = [b.low_pct for b in bands]
    if lows != sorted(lows) or lows[0] != 0.0:
        raise ValueError("emg_intensity_bands.csv: bands must start at 0 and rise")
    return bands


def intensity_band(pct_mvic: float) -> str:
    """The Ebert et al. (2017) band a %MVIC value falls in.

    The published bands are 0-20, 21-40, 41-60 and above 61 %; a value in a
    gap between them (e.g. 20.5) is put in the lower band.

    Raises
    ------
    ValueError
        For a negative or non-finite value.

    Examples
    --------
    >>> [intensity_band(v) for v in (9.0, 28.0, 40.0, 52.0, 81.0)]
    ['low', 'moderate', 'moderate', 'high', 'very_high']
    """
    value = float(as_finite_array(pct_mvic, "pct_mvic"))
    if value < 0 or math.isnan(value):
        raise ValueError(f"pct_mvic must be 0 or more; got {value:g}")
    return [b.name for b in intensity_bands() if b.low_pct <= value][-1]
