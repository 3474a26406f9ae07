"""Elastic-band force from published force-elongation points (``data/band_force.csv``).

The force of an elastic band depends on its *percent elongation*, the
increase in length over its resting length (a band stretched to twice its
length is at 100 %), not on the absolute stretch. Only rows with
``status = checked`` are used; ``data/EVIDENCE.md`` says what was read.

So far one point is checked: Thera-Band red at 100 % elongation, 3.7 lbf =
16.46 N, from the manufacturer's own blog (Hygenic Corporation 2009).
Between the checked points (and the origin: no stretch, no force) the force
is interpolated linearly; beyond the last point the last straight piece is
extended. With one point that is a straight line through the origin. It is a
**teaching** line, not a measurement: tubing is non-linear below about 50 %
elongation and close to linear after it (Patterson et al. 2001), and
independent measurements found the manufacturer's values too high (Uchida et
al. 2016). :func:`band_force_kind` says which forces are read points and
which come from the line.

A closed loop around both legs has two strands between the legs, each at
the band's tension, so each leg is pulled by twice the tension
(:data:`LOOP_STRANDS`): plain statics, and what the manufacturer states
("The Thera-Band loops produce the same force-elongation properties as
'doubled' band", Thera-Band Academy FAQ, thera-bandacademy.com, read in
this project's search index).
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from glutemed._checks import check_name, checked_array
from glutemed.geometry import data_dir

__all__ = [
    "BAND_CHOICES",
    "BAND_ELONGATION_RANGE_PCT",
    "BAND_GRADES",
    "LOOP_STRANDS",
    "NO_BAND",
    "BandPoint",
    "band_elongation_pct",
    "band_force_kind",
    "band_force_n",
    "band_points",
]

#: The choice meaning "no band" (zero force).
NO_BAND = "none"
#: Valid percent elongation of a band, %: up to the 200 % of the manufacturer's charts.
BAND_ELONGATION_RANGE_PCT: tuple[float, float] = (0.0, 200.0)
#: Strands of a loop between the two legs: each leg is pulled by this many times the tension.
LOOP_STRANDS = 2

_COLUMNS = ("band", "elongation_pct", "force_n", "source", "excerpt", "status")


@dataclass(frozen=True)
class BandPoint:
    """One checked force-elongation point.

    Attributes
    ----------
    grade : str
        Band name, e.g. ``"theraband_red"``.
    elongation_pct : float
        Percent elongation, %.
    force_n : float
        Tension at that elongation, N.
    source, excerpt : str
        Where it was read, and what was read.
    """

    grade: str
    elongation_pct: float
    force_n: float
    source: str
    excerpt: str


@functools.lru_cache(maxsize=None)
def _checked_points() -> dict[str, tuple[BandPoint, ...]]:
    path = data_dir() / "band_force.csv"
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        if tuple(reader.fieldnames or ()) != _COLUMNS:
            raise ValueError(f"{path.name}: columns must be {', '.join(_COLUMNS)}")
        rows = [r for r in reader if r["status"] == "checked" and r["elongation_pct"] and r["force_n"]]
    points: dict[str, list[BandPoint]] = {}
    for r in rows:
        point = BandPoint(r["band"], float(r["elongation_pct"]), float(r["force_n"]), r["source"], r["excerpt"])
        if not (point.elongation_pct > 0 and point.force_n > 0):
            raise ValueError(f"{path.name}: {point.grade} needs a positive elongation and force")
        points.setdefault(point.grade, []).append(point)
    return {g: tuple(sorted(p, key=lambda q: q.elongation_pct)) for g, p in points.items()}


#: Band grades with at least one checked force-elongation point.
BAND_GRADES: tuple[str, ...] = tuple(sorted(_checked_points()))
#: Valid values of a ``band`` argument: no band, or a grade with checked data.
BAND_CHOICES: tuple[str, ...] = (NO_BAND, *BAND_GRADES)


def band_points(grade: str) -> tuple[BandPoint, ...]:
    """The checked force-elongation points of one grade (empty for ``"none"``).

    Examples
    --------
    >>> [(p.elongation_pct, p.force_n) for p in band_points("theraband_red")]
    [(100.0, 16.46)]
    """
    check_name(grade, "band", BAND_CHOICES)
    return () if grade == NO_BAND else _checked_points()[grade]


def _elongation(elongation_pct: ArrayLike, name: str = "band_elongation_pct") -> NDArray[np.float64]:
    return checked_array(elongation_pct, name, BAND_ELONGATION_RANGE_PCT, "%")


def band_force_n(grade: str, elongation_pct: ArrayLike) -> NDArray[np.float64]:
    """Tension of a band at a percent elongation, N (one strand).

    Piecewise linear through the origin and the grade's checked points,
    the last piece extended beyond the last point (module docstring).

    Parameters
    ----------
    grade : str
        One of :data:`BAND_CHOICES`: ``"none"`` or a grade with checked data.
    elongation_pct : float or array_like
        Percent elongation, % (0-200, :data:`BAND_ELONGATION_RANGE_PCT`).

    Returns
    -------
    numpy.ndarray
        Tension, N, with the shape of ``elongation_pct``.

    Raises
    ------
    ValueError
        Unknown grade (the message lists the valid ones), or a negative,
        non-finite or too large elongation.

    Examples
    --------
    >>> float(band_force_n("theraband_red", 100.0))  # the checked point
    16.46
    >>> band_force_n("theraband_red", [50.0, 150.0]).round(2)  # teaching line
    array([ 8.23, 24.69])
    >>> band_force_n("theraband_blue", 100.0)
    Traceback (most recent call last):
    ...
    ValueError: band must be one of 'none', 'theraband_red'; got 'theraband_blue'
    >>> band_force_n("theraband_red", -10.0)
    Traceback (most recent call last):
    ...
    ValueError: band_elongation_pct must be between 0 and 200 %; got -10
    """
    points = band_points(grade)
    e = _elongation(elongation_pct)
    if not points:
        return np.zeros_like(e)[()]
    xs = np.array([0.0, *(p.elongation_pct for p in points)])
    ys = np.array([0.0, *(p.force_n for p in points)])
    slope = (ys[-1] - ys[-2]) / (xs[-1] - xs[-2])
    return np.where(e <= xs[-1], np.interp(e, xs, ys), ys[-1] + slope * (e - xs[-1]))[()]


def band_force_kind(grade: str, elongation_pct: float) -> str:
    """Whether a band force is a read point (``"measured"``) or from the teaching line (``"teaching"``).

    ``"none"`` for no band, and for zero elongation (no stretch, no force:
    true by definition).

    Examples
    --------
    >>> band_force_kind("theraband_red", 100.0), band_force_kind("theraband_red", 60.0)
    ('measured', 'teaching')
    >>> band_force_kind("none", 60.0)
    'none'
    """
    points = band_points(grade)
    e = float(_elongation(elongation_pct))
    if not points or e == 0.0:
        return "none"
    return "measured" if any(np.isclose(e, p.elongation_pct) for p in points) else "teaching"


def band_elongation_pct(stretched_length_m: ArrayLike, rest_length_m: ArrayLike) -> NDArray[np.float64]:
    """Percent elongation of a band stretched from its resting length, %.

    Parameters
    ----------
    stretched_length_m, rest_length_m : float or array_like
        Length when stretched and at rest, m (the rest length positive, the
        stretched length not shorter than it).

    Examples
    --------
    A loop 60 cm round, stretched to 90 cm around the knees:

    >>> float(band_elongation_pct(0.90, 0.60))
    50.0
    >>> band_elongation_pct(0.50, 0.60)
    Traceback (most recent call last):
    ...
    ValueError: stretched_length_m must be between 0.6 and 1.8 m; got 0.5
    """
    rest = checked_array(rest_length_m, "rest_length_m", (1e-3, 2.0), "m")
    if rest.ndim:
        raise ValueError("rest_length_m must be one number (the band's resting length)")
    stretched = checked_array(stretched_length_m, "stretched_length_m", (float(rest), 3.0 * float(rest)), "m")
    return (100.0 * (stretched - rest) / rest)[()]
