"""Rehabilitation exercises: posture, load, modelled demand, portion shares and cited EMG.

Each exercise is one row of ``data/rehab_exercises.csv``: its posture (hip
flexion, adduction, internal rotation and knee flexion of the working right
leg, and of the other leg), its position (standing, supine, side-lying), how
the working leg is loaded and where a band loop sits. The postures are
**teaching values**: chosen to illustrate each exercise, not measured in the
EMG studies. The EMG comes from ``data/rehab_emg.csv``, never typed here.

The demand (:mod:`glutemed.rehab.loads`) is the moment per kg of body mass
the working hip must supply to hold the pelvis, quasi-static, at the
posture: the external hip abduction moment, except in a bridge on one foot,
where it is the pelvic-roll moment (``demand_axis``)::

    demand = weight part + band part
    weight part:  single-leg stance   M1/m (the statics model)
                  both feet down      g w (s - f_leg c/L), w = foot medial of the hip (0 under it)
                  lifted leg          m_leg/m g ((c x u) . a)
                  bridge on one foot  sum m_i/m g ((r_i x u) . e), e = hip to back joint (upper bound)
                  bridge on two feet  0 (both hips hold the pelvis)
    band part:    (p x F) . a / m, F = 2 T(e) toward the other leg (a loop: two strands)

``M1`` is the single-leg-stance moment of :func:`glutemed.single_leg_stance`;
``T(e)`` the band's tension at elongation ``e``
(:func:`glutemed.rehab.band_force_n`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from glutemed._checks import check_name, checked_array
from glutemed.geometry import Geometry, resolve_geometry
from glutemed.kinematics import LegPose, pose_leg, to_frontal
from glutemed.rehab.bands import (
    BAND_CHOICES,
    BAND_ELONGATION_RANGE_PCT,
    LOOP_STRANDS,
    NO_BAND,
    band_force_kind,
    band_force_n,
)
from glutemed.rehab.definitions import BAND_PLACES, Definition, definitions
from glutemed.rehab.evidence import emg_row, intensity_band
from glutemed.rehab.loads import (
    GRAVITY_UNIT,
    WEIGHT_PARTS,
    band_moment_nm,
    double_leg_stance_nm_kg,
    limb_weight_nm_kg,
    one_foot_bridge_nm_kg,
    pelvic_roll_axis,
    portion_share,
    single_leg_stance_nm_kg,
)
from glutemed.scaling import mirror_geometry
from glutemed.statics import BODY_MASS_RANGE_KG

__all__ = ["BAND_PLACES", "HIP_FLEXION_RANGE_DEG", "KNEE_FLEXION_RANGE_DEG", "ExerciseDemand",
           "RehabExercise", "EXERCISES", "EXERCISE_NAMES", "exercise", "exercise_demand", "ladder_rows"]

#: Hip flexion the exercise explorer offers, degrees (within the joint range).
HIP_FLEXION_RANGE_DEG: tuple[float, float] = (0.0, 90.0)
#: Knee flexion (squat depth) the exercise explorer offers, degrees.
KNEE_FLEXION_RANGE_DEG: tuple[float, float] = (0.0, 90.0)
_BODY_MASS_KG = 70.0  # the statics model's default; only the band part depends on it



@dataclass(frozen=True)
class RehabExercise:
    """One exercise: its posture and load, the modelled demand and the cited EMG.

    Attributes
    ----------
    name, label : str
        Key (snake_case) and words.
    in_article : bool
        One of the source article's four exercises.
    position : {"stance", "supine", "side-lying"}
    support : {"single-leg", "double-leg", "limb"}
        Standing (or bridging) on the working leg alone, sharing the weight,
        or lifting the working leg.
    hip_flexion_deg, hip_adduction_deg, hip_rotation_deg, knee_flexion_deg : float
        Posture of the working (right) leg, degrees (teaching values).
    other_leg_deg : tuple of 4 float or None
        The other leg's hip flexion, adduction, rotation and knee flexion;
        None mirrors the working leg.
    working_leg_share : float
        Share of body weight on the working leg (double-leg support).
    band : str
        ``"none"`` or a band grade (:data:`glutemed.rehab.BAND_GRADES`).
    band_at : {"knees", "ankles"}
        Where a band loop sits (if one is used).
    band_elongation_pct : float
        The band's percent elongation, %.
    demand_nm_kg, weight_nm_kg, band_nm_kg : float
        The moment the working hip must supply per kg of body mass (70 kg),
        and its body-weight and band parts, N m/kg.
    demand_axis : {"abduction", "pelvic roll"}
        What the moment is about: the hip's abduction axis, or (a bridge on
        one foot) the line from the hip to the back joint.
    portion_share : tuple of 3 float
        Anterior, middle, posterior shares of that moment (sum 1).
    demand_formula : str
        The formula behind the number.
    emg_key : str or None
        Row of ``data/rehab_emg.csv`` giving the cited value.
    emg_pct_mvic, emg_sd : float or None
        Gluteus medius amplitude and SD, % of the reference contraction.
    emg_method : {"mean", "peak"} or None
    emg_reference : str or None
        The reference contraction (MVIC, %MVC, ...).
    emg_n : int or None
    emg_source : str or None
    intensity : str or None
        Ebert et al.'s (2017) band for the value.
    related_evidence : tuple of str
        Other rows of ``data/rehab_emg.csv`` about this exercise.
    note : str
        What the posture is.
    """

    name: str
    label: str
    in_article: bool
    position: str
    support: str
    hip_flexion_deg: float
    hip_adduction_deg: float
    hip_rotation_deg: float
    knee_flexion_deg: float
    other_leg_deg: tuple[float, float, float, float] | None
    working_leg_share: float
    band: str
    band_at: str
    band_elongation_pct: float
    demand_nm_kg: float
    weight_nm_kg: float
    band_nm_kg: float
    demand_axis: str
    portion_share: tuple[float, float, float]
    demand_formula: str
    emg_key: str | None
    emg_pct_mvic: float | None
    emg_sd: float | None
    emg_method: str | None
    emg_reference: str | None
    emg_n: int | None
    emg_source: str | None
    intensity: str | None
    related_evidence: tuple[str, ...]
    note: str

    @property
    def has_emg(self) -> bool:
        """Whether a checked gluteus medius value is cited."""
        return self.emg_pct_mvic is not None

    @property
    def emg_citation(self) -> str | None:
        """A short citation of the EMG source, e.g. ``"Youdas et al. 2013"`` (None without a value).

        Examples
        --------
        >>> exercise("crab_walk").emg_citation, exercise("double_leg_bridge").emg_citation
        ('Youdas et al. 2013', 'a review table (2014)')
        """
        if self.emg_source is None:
            return None
        year = re.search(r"\b(19|20)\d\d\b", self.emg_source)
        when = year.group() if year else "year not read"
        if self.emg_source.startswith("Review table"):
            return f"a review table ({when})"
        authors = self.emg_source.split("(")[0]
        first = authors.split()[0].rstrip(",")
        return f"{first} et al. {when}" if authors.count(",") >= 2 else f"{first} {when}"


@dataclass(frozen=True)
class ExerciseDemand:
    """The demand of one exercise at a posture and band, with the posed legs for drawing.

    Attributes
    ----------
    exercise : RehabExercise
        The exercise (its defaults and its cited EMG).
    hip_flexion_deg, knee_flexion_deg : numpy.ndarray
        The working leg's hip and knee flexion used, degrees.
    band : str
    band_elongation_pct : numpy.ndarray
    band_tension_n : numpy.ndarray
        Tension in the band, N.
    band_force_n : numpy.ndarray
        The loop's pull on the working leg (two strands), N.
    band_force_kind : str
        ``"measured"`` (a read point), ``"teaching"`` (the line) or ``"none"``.
    band_lever_m : numpy.ndarray
        Band moment over band force, m (0 without a band).
    weight_nm_kg, band_nm_kg, demand_nm_kg : numpy.ndarray
        Body-weight part, band part and total, N m/kg.
    demand_axis : {"abduction", "pelvic roll"}
    portion_share : numpy.ndarray, shape ``S + (3,)``
        Anterior, middle, posterior.
    gravity_unit : numpy.ndarray, shape (3,)
        Direction of gravity in the pelvis frame.
    pose, other_pose : LegPose
        The working (right) and other (left) leg.
    band_points_m : numpy.ndarray, shape ``S + (2, 3)``
        The band's points on the working and the other leg, pelvis frame, m.
    demand_formula : str
        The formula behind the demand, with this band.
    """

    exercise: RehabExercise
    hip_flexion_deg: NDArray[np.float64]
    knee_flexion_deg: NDArray[np.float64]
    band: str
    band_elongation_pct: NDArray[np.float64]
    band_tension_n: NDArray[np.float64]
    band_force_n: NDArray[np.float64]
    band_force_kind: str
    band_lever_m: NDArray[np.float64]
    weight_nm_kg: NDArray[np.float64]
    band_nm_kg: NDArray[np.float64]
    demand_nm_kg: NDArray[np.float64]
    demand_axis: str
    portion_share: NDArray[np.float64]
    gravity_unit: NDArray[np.float64]
    pose: LegPose
    other_pose: LegPose
    band_points_m: NDArray[np.float64]
    demand_formula: str


def _formula(d: Definition, band: str) -> str:
    weight = WEIGHT_PARTS[(d.position, d.support)]
    if band == NO_BAND:
        return weight
    return f"{weight} + band: (p x F) . a / m, F = {LOOP_STRANDS} T(e) at the {d.band_at}, toward the other leg"


def _evaluate(d: Definition, band: str, elongation_pct: ArrayLike, hip_flexion_deg: ArrayLike,
              knee_flexion_deg: ArrayLike, body_mass_kg: float, g: Geometry) -> dict:
    """Everything the demand needs, broadcast over the posture and elongation arrays."""
    check_name(band, "band", BAND_CHOICES)
    elongation = checked_array(elongation_pct, "band_elongation_pct", BAND_ELONGATION_RANGE_PCT, "%")
    hip = checked_array(hip_flexion_deg, "hip_flexion_deg", HIP_FLEXION_RANGE_DEG, "deg")
    knee = checked_array(knee_flexion_deg, "knee_flexion_deg", KNEE_FLEXION_RANGE_DEG, "deg")
    mass = float(checked_array(body_mass_kg, "body_mass_kg", BODY_MASS_RANGE_KG, "kg"))
    hip, knee, elongation = np.broadcast_arrays(hip, knee, elongation)
    _, add, rot, _ = d.posture_deg
    pose = pose_leg(hip, add, rot, knee, geometry=g)
    other_angles = (hip, add, rot, knee) if d.other_leg_deg is None else d.other_leg_deg
    other = pose_leg(*other_angles, geometry=mirror_geometry(g))
    axis, axis_name = None, "abduction"
    if d.support == "single-leg" and d.position == "stance":
        weight = np.full(hip.shape, single_leg_stance_nm_kg(g))
    elif d.support == "double-leg" and d.position == "stance":
        foot_medial = to_frontal(pose.ankle_centre_m - g.hip_centre_m, g.side)[..., 0]
        weight = double_leg_stance_nm_kg(d.working_leg_share, foot_medial, g)
    elif d.support == "limb":
        weight = limb_weight_nm_kg(hip, add, rot, knee, d.position, g)
    elif d.support == "single-leg":  # supine: a bridge on the working foot
        weight = np.full(hip.shape, one_foot_bridge_nm_kg(*other_angles, geometry=g))
        axis, axis_name = pelvic_roll_axis(g), "pelvic roll"
    else:  # supine on both feet
        weight = np.zeros(hip.shape)
    place = "knee_centre_m" if d.band_at == "knees" else "ankle_centre_m"
    points = np.stack(np.broadcast_arrays(getattr(pose, place), getattr(other, place)), axis=-2)
    span = points[..., 1, :] - points[..., 0, :]
    toward = span / np.linalg.norm(span, axis=-1, keepdims=True)
    tension = band_force_n(band, elongation)
    force = LOOP_STRANDS * tension
    moment = band_moment_nm(points[..., 0, :] - g.hip_centre_m, force[..., None] * toward, hip, add, rot, g)
    lever = np.divide(moment, force, out=np.zeros_like(moment), where=force > 0)
    kinds = {band_force_kind(band, float(e)) for e in np.unique(elongation)}
    kind = kinds.pop() if len(kinds) == 1 else "mixed"
    return dict(hip_flexion_deg=hip[()], knee_flexion_deg=knee[()], band=band, band_elongation_pct=elongation[()],
                band_tension_n=np.asarray(tension)[()], band_force_n=np.asarray(force)[()], band_force_kind=kind,
                band_lever_m=lever[()], weight_nm_kg=weight[()], band_nm_kg=(moment / mass)[()],
                demand_nm_kg=(weight + moment / mass)[()], demand_axis=axis_name,
                portion_share=portion_share(hip, add, rot, g, axis=axis),
                gravity_unit=np.array(GRAVITY_UNIT[d.position]), pose=pose, other_pose=other, band_points_m=points,
                demand_formula=_formula(d, band))


def _record(d: Definition) -> RehabExercise:
    hip, add, rot, knee = d.posture_deg
    v = _evaluate(d, d.band, d.band_elongation_pct, hip, knee, _BODY_MASS_KG, resolve_geometry(None))
    row = emg_row(d.emg_key) if d.emg_key else None
    value = row.pct_mvic if row else None
    if d.emg_key and value is None:
        raise ValueError(f"rehab_exercises.csv, {d.name}: emg_row {d.emg_key} has no checked value")
    return RehabExercise(
        name=d.name, label=d.label, in_article=d.in_article, position=d.position, support=d.support,
        hip_flexion_deg=hip, hip_adduction_deg=add, hip_rotation_deg=rot, knee_flexion_deg=knee,
        other_leg_deg=d.other_leg_deg, working_leg_share=d.working_leg_share, band=d.band, band_at=d.band_at,
        band_elongation_pct=d.band_elongation_pct, demand_nm_kg=float(v["demand_nm_kg"]),
        weight_nm_kg=float(v["weight_nm_kg"]), band_nm_kg=float(v["band_nm_kg"]), demand_axis=v["demand_axis"],
        portion_share=tuple(float(s) for s in v["portion_share"]), demand_formula=_formula(d, d.band),
        emg_key=d.emg_key, emg_pct_mvic=value, emg_sd=row.sd_pct if row else None,
        emg_method=row.method if row else None, emg_reference=(row.reference or None) if row else None,
        emg_n=row.n if row else None, emg_source=row.source if row else None,
        intensity=intensity_band(value) if value is not None else None, related_evidence=d.related, note=d.note)


#: Every exercise, in the order of ``data/rehab_exercises.csv`` (the source article's four first).
EXERCISES: tuple[RehabExercise, ...] = tuple(_record(d) for d in definitions())
#: Their names.
EXERCISE_NAMES: tuple[str, ...] = tuple(e.name for e in EXERCISES)


def exercise(name: str) -> RehabExercise:
    """One exercise by name.

    Raises
    ------
    ValueError
        For an unknown name; the message lists the valid ones.

    Examples
    --------
    >>> e = exercise("crab_walk")
    >>> e.emg_pct_mvic, e.emg_method, e.intensity
    (52.0, 'mean', 'high')
    >>> round(e.demand_nm_kg, 2), round(e.weight_nm_kg, 2)
    (1.18, 0.82)
    """
    check_name(name, "exercise", EXERCISE_NAMES)
    return EXERCISES[EXERCISE_NAMES.index(name)]


def exercise_demand(
    exercise: str,
    band: str | None = None,
    band_elongation_pct: ArrayLike | None = None,
    hip_flexion_deg: ArrayLike | None = None,
    knee_flexion_deg: ArrayLike | None = None,
    body_mass_kg: float = _BODY_MASS_KG,
    geometry: Geometry | str | None = None,
) -> ExerciseDemand:
    """The demand of an exercise, optionally with another band, stretch or posture.

    Parameters
    ----------
    exercise : str
        One of :data:`EXERCISE_NAMES`.
    band : str, optional
        ``"none"`` or a grade of :data:`glutemed.rehab.BAND_GRADES`; default the exercise's.
    band_elongation_pct : float or array_like, optional
        Percent elongation of the band, % (0-200); default the exercise's.
    hip_flexion_deg, knee_flexion_deg : float or array_like, optional
        Working leg's hip and knee flexion, degrees (0-90,
        :data:`HIP_FLEXION_RANGE_DEG`, :data:`KNEE_FLEXION_RANGE_DEG`);
        default the exercise's. Adduction and rotation stay the exercise's.
    body_mass_kg : float
        Body mass, kg (40-150); only the band part depends on it.
    geometry : Geometry, str or None
        Default gait2392 (right leg working).

    Returns
    -------
    ExerciseDemand
        Arrays broadcast over the posture and elongation.

    Raises
    ------
    ValueError
        Unknown exercise or band (the message lists the valid ones), or a
        value outside its range (named with the range).

    Examples
    --------
    A clam: the demand barely moves with hip flexion, the share moves to the back:

    >>> r = exercise_demand("clam", hip_flexion_deg=[30.0, 60.0])
    >>> r.demand_nm_kg.round(2), r.portion_share[:, 2].round(2)
    (array([0.49, 0.49]), array([0.34, 0.46]))
    >>> float(exercise_demand("bridge_band_knees", band="none").demand_nm_kg)
    0.0
    """
    check_name(exercise, "exercise", EXERCISE_NAMES)
    d = definitions()[EXERCISE_NAMES.index(exercise)]
    v = _evaluate(d, d.band if band is None else band,
                  d.band_elongation_pct if band_elongation_pct is None else band_elongation_pct,
                  d.posture_deg[0] if hip_flexion_deg is None else hip_flexion_deg,
                  d.posture_deg[3] if knee_flexion_deg is None else knee_flexion_deg,
                  body_mass_kg, resolve_geometry(geometry))
    return ExerciseDemand(exercise=EXERCISES[EXERCISE_NAMES.index(exercise)], **v)


def ladder_rows() -> list[dict[str, object]]:
    """One row per exercise for a table: demand, cited EMG, its method, reference and source.

    Missing values are shown as ``"—"``; the EMG columns say "no checked value" where there is none.

    Examples
    --------
    >>> row = ladder_rows()[2]
    >>> row["exercise"], round(row["demand (N m/kg)"], 2), row["EMG (%)"], row["method"]
    ('Crab walk (lateral band walk)', 1.18, 52.0, 'mean')
    """
    rows = []
    for e in EXERCISES:
        rows.append({
            "exercise": e.label,
            "demand (N m/kg)": e.demand_nm_kg,
            "EMG (%)": e.emg_pct_mvic if e.has_emg else "no checked value",
            "SD (%)": e.emg_sd if e.emg_sd is not None else "—",
            "method": (e.emg_method or "not reported") if e.has_emg else "—",
            "of": (e.emg_reference or "not reported") if e.has_emg else "—",
            "source": e.emg_citation or "—",
        })
    return rows
