"""Published hip geometry: loading, checking, scaling and mirroring.

The numbers live in the repository's ``data/`` folder (see ``data/README.md``
for the source of every file). Each model has four CSV files::

    <name>_gluteus_medius.csv   origins (pelvis frame), insertions (femur frame),
                                 muscle parameters of the three portions
    <name>_landmarks.csv        pelvis, femur and tibia landmarks
    <name>_segments.csv         segment masses
    <name>_hip_ranges.csv       coordinate ranges of the model's joints

All lengths are metres. The loader checks column names (which carry the
units), the three portions and plausible ranges, and returns a read-only
:class:`Geometry`. :mod:`glutemed.scaling` scales and mirrors one.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass, field, fields
from importlib import resources
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from glutemed._checks import as_finite_array, check_in_range, check_name

__all__ = [
    "PORTIONS",
    "SIDES",
    "GEOMETRY_NAMES",
    "Geometry",
    "load_geometry",
    "resolve_geometry",
    "data_dir",
    "frozen_array",
]

#: The three portions of gluteus medius, in anatomical order (front to back).
PORTIONS: tuple[str, str, str] = ("anterior", "middle", "posterior")

#: The two sides a geometry can describe.
SIDES: tuple[str, str] = ("right", "left")

#: Geometry sets shipped in ``data/``.
GEOMETRY_NAMES: tuple[str, ...] = ("gait2392", "rajagopal2016", "rajagopal_lai_uhlrich2023")

_MUSCLE_COLUMNS = (
    "portion",
    "opensim_name",
    "origin_x_m",
    "origin_y_m",
    "origin_z_m",
    "insertion_x_m",
    "insertion_y_m",
    "insertion_z_m",
    "max_isometric_force_N",
    "optimal_fibre_length_m",
    "tendon_slack_length_m",
    "pennation_angle_deg",
)
_LANDMARK_COLUMNS = ("landmark", "segment", "x_m", "y_m", "z_m", "opensim_source")
_SEGMENT_COLUMNS = ("segment", "mass_kg", "com_x_m", "com_y_m", "com_z_m")
_RANGE_COLUMNS = ("coordinate", "min_deg", "max_deg")

_REQUIRED_LANDMARKS = {
    ("hip_centre_right", "pelvis"),
    ("hip_centre_left", "pelvis"),
    ("asis_right", "pelvis"),
    ("asis_left", "pelvis"),
    ("knee_centre", "femur"),
    ("ankle_centre", "tibia"),
}
_REQUIRED_RANGES = ("hip_flexion_r", "hip_adduction_r", "hip_rotation_r", "knee_angle_r")
# Valid joint angles for every geometry: the coordinate ranges of Rajagopal et
# al. (2016), which are physiological limits (hip flexion -30..120, adduction
# -50..30, rotation -40..40, knee flexion 0..120 deg). gait2392's own hip
# coordinate ranges are +-120 deg for all three axes: model limits, not joint
# ranges, so they are kept in data/ but not used for checking input.
_RANGES_FROM = "rajagopal2016"


def data_dir() -> Path:
    """Folder holding the geometry CSV files.

    An installed wheel carries them as ``glutemed/data``; a source checkout
    (including an editable install) reads the repository's ``data/`` folder.

    Examples
    --------
    >>> (data_dir() / "gait2392_gluteus_medius.csv").is_file()
    True
    """
    packaged = resources.files("glutemed") / "data"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "data"


@dataclass(frozen=True, eq=False)
class Geometry:
    """Hip and leg geometry of one published model (one side).

    Immutable (frozen, read-only arrays) and hashable: two geometries are
    equal when every name and number is equal, so a geometry can key a
    ``functools`` cache.

    Attributes
    ----------
    name : str
        Model name, e.g. ``"gait2392"``; scaled or mirrored copies say so.
    side : {"right", "left"}
        Which hip the points describe.
    hip_centre_m : numpy.ndarray, shape (3,)
        Hip joint centre of this side in the pelvis frame, m.
    pelvis_landmarks_m : dict of str to numpy.ndarray, shape (3,)
        Pelvis landmarks (both hip centres, ASIS, PSIS, sacrum where the model
        has them) in the pelvis frame, m.
    femur_landmarks_m : dict of str to numpy.ndarray, shape (3,)
        Femur landmarks (``knee_centre``, ``greater_trochanter`` where the
        model has one) in the femur frame (origin at the hip centre), m.
    ankle_centre_m : numpy.ndarray, shape (3,)
        Ankle centre in the shank frame (origin at the knee centre), m.
    origins_m, insertions_m : numpy.ndarray, shape (3, 3)
        One row per portion (anterior, middle, posterior): origins in the
        pelvis frame, insertions in the femur frame, m.
    max_isometric_force_n : numpy.ndarray, shape (3,)
        Maximum isometric force of each portion, N.
    optimal_fibre_length_m, tendon_slack_length_m : numpy.ndarray, shape (3,)
        Muscle-tendon parameters, m.
    pennation_angle_rad : numpy.ndarray, shape (3,)
        Pennation at optimal fibre length, rad.
    joint_ranges_deg : dict of str to tuple of float
        Valid joint angles, degrees (``hip_flexion``, ``hip_adduction``,
        ``hip_rotation``, ``knee_angle`` = knee flexion): the coordinate
        ranges of Rajagopal et al. (2016), used for every geometry.
    segment_masses_kg : dict of str to float
        Segment masses of the model, kg.
    segment_com_m : dict of str to numpy.ndarray, shape (3,)
        Each segment's centre of mass in its own body frame, m.
    knee_in_tibia_m : numpy.ndarray, shape (3,)
        The knee centre in the tibia body frame (zero where the tibia frame
        starts at the knee), m.
    """

    name: str
    side: str
    hip_centre_m: NDArray[np.float64]
    pelvis_landmarks_m: dict[str, NDArray[np.float64]]
    femur_landmarks_m: dict[str, NDArray[np.float64]]
    ankle_centre_m: NDArray[np.float64]
    origins_m: NDArray[np.float64]
    insertions_m: NDArray[np.float64]
    max_isometric_force_n: NDArray[np.float64]
    optimal_fibre_length_m: NDArray[np.float64]
    tendon_slack_length_m: NDArray[np.float64]
    pennation_angle_rad: NDArray[np.float64]
    joint_ranges_deg: dict[str, tuple[float, float]]
    segment_masses_kg: dict[str, float] = field(default_factory=dict)
    segment_com_m: dict[str, NDArray[np.float64]] = field(default_factory=dict)
    knee_in_tibia_m: NDArray[np.float64] = field(default_factory=lambda: np.zeros(3))

    @functools.cached_property
    def _key(self) -> tuple:
        """Every field as hashable values (arrays as bytes), for ``==`` and ``hash``."""

        def freeze(value: object) -> object:
            if isinstance(value, np.ndarray):
                return (value.shape, value.tobytes())
            if isinstance(value, dict):
                return tuple(sorted((k, freeze(v)) for k, v in value.items()))
            return value

        return tuple(freeze(getattr(self, f.name)) for f in fields(self))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Geometry) and self._key == other._key

    def __hash__(self) -> int:
        return hash(self._key)

    @property
    def knee_centre_m(self) -> NDArray[np.float64]:
        """Knee centre in the femur frame (knee straight), shape (3,), m."""
        return self.femur_landmarks_m["knee_centre"]

    @property
    def thigh_length_m(self) -> float:
        """Hip centre to knee centre, m."""
        return float(np.linalg.norm(self.knee_centre_m))

    @property
    def shank_length_m(self) -> float:
        """Knee centre to ankle centre, m."""
        return float(np.linalg.norm(self.ankle_centre_m))

    @property
    def asis_width_m(self) -> float:
        """Distance between the two ASIS, m."""
        lm = self.pelvis_landmarks_m
        return float(np.linalg.norm(lm["asis_right"] - lm["asis_left"]))

    @property
    def hip_width_m(self) -> float:
        """Distance between the two hip joint centres, m."""
        lm = self.pelvis_landmarks_m
        return float(np.linalg.norm(lm["hip_centre_right"] - lm["hip_centre_left"]))

    def range_deg(self, coordinate: str) -> tuple[float, float]:
        """The model's range for ``coordinate`` (e.g. ``"hip_flexion"``), degrees.

        Examples
        --------
        >>> load_geometry().range_deg("hip_adduction")
        (-50.0, 30.0)
        """
        check_name(coordinate, "coordinate", self.joint_ranges_deg)
        return self.joint_ranges_deg[coordinate]


def _read_csv(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    if not path.is_file():
        raise FileNotFoundError(f"geometry file {path.name} is missing from {path.parent}")
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        if tuple(reader.fieldnames or ()) != columns:
            raise ValueError(
                f"{path.name}: columns must be {', '.join(columns)} (the suffix is the unit); "
                f"got {', '.join(reader.fieldnames or ())}"
            )
        return list(reader)


def _floats(rows: list[dict[str, str]], keys: tuple[str, ...], what: str) -> NDArray[np.float64]:
    try:
        values = np.array([[float(r[k]) for k in keys] for r in rows], dtype=np.float64)
    except ValueError as exc:
        raise ValueError(f"{what}: every value in {', '.join(keys)} must be a number") from exc
    return as_finite_array(values, what)


def frozen_array(arr: NDArray[np.float64]) -> NDArray[np.float64]:
    """A read-only float copy of ``arr`` (geometries never change once made)."""
    arr = np.array(arr, dtype=np.float64)
    arr.flags.writeable = False
    return arr


def _load_muscles(path: Path) -> dict[str, NDArray[np.float64]]:
    rows = _read_csv(path, _MUSCLE_COLUMNS)
    portions = tuple(r["portion"] for r in rows)
    if portions != PORTIONS:
        raise ValueError(f"{path.name}: rows must be the portions {PORTIONS} in that order; got {portions}")
    pts = _floats(rows, _MUSCLE_COLUMNS[2:8], path.name)
    check_in_range(pts, f"{path.name} origin/insertion coordinates", -0.3, 0.3, "m")
    force = check_in_range(_floats(rows, ("max_isometric_force_N",), path.name)[:, 0],
                           f"{path.name} max_isometric_force_N", 1.0, 5000.0, "N")
    lengths = check_in_range(
        _floats(rows, ("optimal_fibre_length_m", "tendon_slack_length_m"), path.name),
        f"{path.name} fibre and tendon lengths", 0.001, 0.5, "m")
    pennation = check_in_range(_floats(rows, ("pennation_angle_deg",), path.name)[:, 0],
                               f"{path.name} pennation_angle_deg", 0.0, 45.0, "deg")
    return {
        "origins_m": pts[:, :3],
        "insertions_m": pts[:, 3:],
        "max_isometric_force_n": force,
        "optimal_fibre_length_m": lengths[:, 0],
        "tendon_slack_length_m": lengths[:, 1],
        "pennation_angle_rad": np.deg2rad(pennation),
    }


def _load_landmarks(path: Path) -> dict[tuple[str, str], NDArray[np.float64]]:
    rows = _read_csv(path, _LANDMARK_COLUMNS)
    for r in rows:
        check_name(r["segment"], f"{path.name} segment", ("pelvis", "femur", "tibia"))
    xyz = check_in_range(_floats(rows, ("x_m", "y_m", "z_m"), path.name),
                         f"{path.name} landmark coordinates", -0.6, 0.6, "m")
    found = {(r["landmark"], r["segment"]): xyz[i] for i, r in enumerate(rows)}
    missing = sorted(_REQUIRED_LANDMARKS - set(found))
    if missing:
        raise ValueError(f"{path.name}: missing landmarks {missing}")
    if ("sacrum", "pelvis") not in found and ("psis_right", "pelvis") not in found:
        raise ValueError(f"{path.name}: needs a sacrum or PSIS landmarks for the back of the pelvis")
    return found


def _load_ranges(path: Path) -> dict[str, tuple[float, float]]:
    rows = _read_csv(path, _RANGE_COLUMNS)
    ranges = check_in_range(_floats(rows, ("min_deg", "max_deg"), path.name),
                            f"{path.name} ranges", -180.0, 180.0, "deg")
    coords = tuple(r["coordinate"] for r in rows)
    missing = [c for c in _REQUIRED_RANGES if c not in coords]
    if missing:
        raise ValueError(f"{path.name}: missing coordinates {missing}")
    return {c.removesuffix("_r"): (float(lo), float(hi)) for c, (lo, hi) in zip(coords, ranges)}


@functools.lru_cache(maxsize=None)
def load_geometry(name: str = "gait2392") -> Geometry:
    """Load a published right-hip geometry from ``data/``.

    Parameters
    ----------
    name : {"gait2392", "rajagopal2016", "rajagopal_lai_uhlrich2023"}
        Which model. ``gait2392`` is Delp et al. (1990) as distributed with
        OpenSim; ``rajagopal2016`` is Rajagopal et al. (2016);
        ``rajagopal_lai_uhlrich2023`` has the abductor paths revised by Lai et
        al. (2017) and Uhlrich et al. (2022).

    Returns
    -------
    Geometry
        Right side, unscaled, read-only arrays.

    Raises
    ------
    ValueError
        If ``name`` is unknown or a file fails its checks.

    Examples
    --------
    >>> g = load_geometry("gait2392")
    >>> g.origins_m.shape, g.insertions_m.shape
    ((3, 3), (3, 3))
    >>> round(g.hip_width_m, 3)
    0.167
    """
    check_name(name, "geometry", GEOMETRY_NAMES)
    folder = data_dir()
    muscles = _load_muscles(folder / f"{name}_gluteus_medius.csv")
    landmarks = _load_landmarks(folder / f"{name}_landmarks.csv")
    seg_rows = _read_csv(folder / f"{name}_segments.csv", _SEGMENT_COLUMNS)
    masses = check_in_range(_floats(seg_rows, ("mass_kg",), f"{name}_segments.csv")[:, 0],
                            f"{name}_segments.csv mass_kg", 0.0, 100.0, "kg")
    seg_coms = check_in_range(_floats(seg_rows, ("com_x_m", "com_y_m", "com_z_m"), f"{name}_segments.csv"),
                              f"{name}_segments.csv centre of mass", -0.6, 0.6, "m")
    seg_names = [r["segment"] for r in seg_rows]
    missing_segments = sorted({"pelvis", "torso", "femur_r", "tibia_r", "talus_r", "calcn_r", "toes_r"}
                              - set(seg_names))
    if missing_segments:
        raise ValueError(f"{name}_segments.csv: missing segments {missing_segments}")
    if ("back_joint", "pelvis") not in landmarks:
        raise ValueError(f"{name}_landmarks.csv: missing the back_joint landmark (pelvis)")
    joint_ranges = _load_ranges(folder / f"{_RANGES_FROM}_hip_ranges.csv")
    pelvis = {k: frozen_array(v) for (k, seg), v in landmarks.items() if seg == "pelvis"}
    femur = {k: frozen_array(v) for (k, seg), v in landmarks.items() if seg == "femur"}
    return Geometry(
        name=name,
        side="right",
        hip_centre_m=pelvis["hip_centre_right"],
        pelvis_landmarks_m=pelvis,
        femur_landmarks_m=femur,
        # the shank frame has its origin at the knee centre
        ankle_centre_m=frozen_array(landmarks[("ankle_centre", "tibia")]
                               - landmarks.get(("knee_centre", "tibia"), np.zeros(3))),
        **{k: frozen_array(v) for k, v in muscles.items()},
        joint_ranges_deg=joint_ranges,
        segment_masses_kg={n: float(m) for n, m in zip(seg_names, masses)},
        segment_com_m={n: frozen_array(c) for n, c in zip(seg_names, seg_coms)},
        knee_in_tibia_m=frozen_array(landmarks.get(("knee_centre", "tibia"), np.zeros(3))),
    )


def resolve_geometry(geometry: Geometry | str | None) -> Geometry:
    """Accept ``None`` (gait2392), a model name or a :class:`Geometry`.

    Examples
    --------
    >>> resolve_geometry(None).name
    'gait2392'
    >>> resolve_geometry(3)
    Traceback (most recent call last):
    ...
    TypeError: geometry must be None, a model name (gait2392, rajagopal2016, rajagopal_lai_uhlrich2023) or a Geometry; got 3
    """
    if geometry is None:
        return load_geometry("gait2392")
    if isinstance(geometry, str):
        return load_geometry(geometry)
    if isinstance(geometry, Geometry):
        return geometry
    raise TypeError(
        f"geometry must be None, a model name ({', '.join(GEOMETRY_NAMES)}) or a Geometry; got {geometry!r}"
    )
