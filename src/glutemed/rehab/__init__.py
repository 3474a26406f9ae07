"""Rehabilitation exercises for gluteus medius: what each asks of the hip, and what EMG shows.

For each exercise the package gives a **modelled demand** (the external hip
abduction moment per kg of body mass, quasi-static, on the stick model at a
teaching posture), how the three portions **share** it, and the **cited**
gluteus medius EMG where a checked value exists (``None`` otherwise).

:data:`EXERCISES`, :func:`exercise`
    The exercise records (:class:`RehabExercise`), built from
    ``data/rehab_exercises.csv`` and ``data/rehab_emg.csv``.
:func:`exercise_demand`
    One exercise with another band, stretch or posture
    (:class:`ExerciseDemand`, with the posed legs for drawing).
:func:`band_force_n`, :func:`band_force_kind`, :func:`band_elongation_pct`
    Elastic-band force from the checked force-elongation points
    (``data/band_force.csv``).
:func:`intensity_band`, :func:`emg_row`
    Ebert et al.'s (2017) intensity bands and the EMG table's rows.

Modules: :mod:`~glutemed.rehab.bands`, :mod:`~glutemed.rehab.evidence`,
:mod:`~glutemed.rehab.loads` (the formulas), :mod:`~glutemed.rehab.exercises`.

Examples
--------
>>> import glutemed as gm
>>> len(gm.rehab.EXERCISES) >= 10
True
>>> gm.rehab.exercise("side_lying_abduction").intensity
'very_high'
"""

from glutemed.rehab.bands import (
    BAND_CHOICES,
    BAND_ELONGATION_RANGE_PCT,
    BAND_GRADES,
    LOOP_STRANDS,
    NO_BAND,
    BandPoint,
    band_elongation_pct,
    band_force_kind,
    band_force_n,
    band_points,
)
from glutemed.rehab.evidence import EmgRow, IntensityBand, emg_row, emg_rows, intensity_band, intensity_bands
from glutemed.rehab.exercises import (
    BAND_PLACES,
    EXERCISE_NAMES,
    EXERCISES,
    HIP_FLEXION_RANGE_DEG,
    KNEE_FLEXION_RANGE_DEG,
    ExerciseDemand,
    RehabExercise,
    exercise,
    exercise_demand,
    ladder_rows,
)
from glutemed.rehab.loads import portion_share

__all__ = [
    "BAND_CHOICES",
    "BAND_ELONGATION_RANGE_PCT",
    "BAND_GRADES",
    "BAND_PLACES",
    "EXERCISES",
    "EXERCISE_NAMES",
    "HIP_FLEXION_RANGE_DEG",
    "KNEE_FLEXION_RANGE_DEG",
    "LOOP_STRANDS",
    "NO_BAND",
    "BandPoint",
    "EmgRow",
    "ExerciseDemand",
    "IntensityBand",
    "RehabExercise",
    "band_elongation_pct",
    "band_force_kind",
    "band_force_n",
    "band_points",
    "emg_row",
    "emg_rows",
    "exercise",
    "exercise_demand",
    "intensity_band",
    "intensity_bands",
    "ladder_rows",
    "portion_share",
]
