"""Measure yourself: the FPPA and pelvic obliquity from points clicked on a photo.

Image coordinates, as every photo viewer uses them: **x to the right, y
down**, in pixels. The photo is taken square to the body:

``view="front"``
    the camera faces the subject: the subject's **right** leg is on the
    image's **left**, so for the right leg medial (toward the midline) is
    the image's +x, for the left leg its -x.
``view="back"``
    the camera is behind: the subject's right is on the image's right, and
    medial is -x for the right leg, +x for the left.

:func:`measure_fppa` gives the angle between thigh (hip to knee) and shank
(knee to ankle), **positive when the knee is medial of the hip-ankle line**
(valgus), for either leg and either view: the same convention as
:func:`glutemed.fppa.fppa_from_points`. :func:`measure_pelvic_obliquity`
gives the tilt of the line between two left-right landmarks (the PSIS
dimples from behind), **positive when the swing side is lower**, as the
model's pelvic drop.

:func:`example_photo` poses the model's own leg and projects it as a camera
would see it, so the bundled example has a known answer. Nothing here draws
(:mod:`glutemed.views.measure` does) and nothing leaves the Python process.

Examples
--------
A right knee 30 px to the image's right (medial, in a front photo) of a straight leg:

>>> round(float(measure_fppa((100, 100), (130, 300), (100, 500))), 1)
17.1
>>> round(float(measure_fppa((300, 100), (270, 300), (300, 500), side="left")), 1)
17.1
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from glutemed._checks import as_finite_array, check_name, checked_scalar
from glutemed.geometry import SIDES, Geometry, load_geometry
from glutemed.kinematics import cross2, pelvis_outline_m, rotate_points
from glutemed.knee_chain import knee_valgus
from glutemed.pelvic_drop import STRENGTH_RANGE
from glutemed.scaling import mirror_geometry

__all__ = [
    "EXAMPLE_FRAME_PX",
    "EXAMPLE_SCALE_PX_PER_M",
    "MEASURE_TASKS",
    "PHOTO_VIEWS",
    "ExamplePhoto",
    "example_photo",
    "image_points",
    "measure_fppa",
    "measure_pelvic_obliquity",
]

#: Where the camera stands.
PHOTO_VIEWS: tuple[str, str] = ("front", "back")
#: What to measure: (view of the photo, points to click, in order).
MEASURE_TASKS: dict[str, tuple[str, tuple[str, ...]]] = {
    "fppa": ("front", ("hip", "knee", "ankle")),
    "pelvis": ("back", ("left", "right")),
}
#: Size of the photo frame of the example and of the panel, pixels (width, height).
EXAMPLE_FRAME_PX: tuple[int, int] = (480, 640)
#: Scale of the example's camera, pixels per metre.
EXAMPLE_SCALE_PX_PER_M = 560.0
_ANKLE_ROW_PX = 600.0


def _xy(value: ArrayLike, name: str) -> NDArray[np.float64]:
    try:
        arr = as_finite_array(value, name)
    except TypeError as exc:
        raise ValueError(f"{name} must be an (x, y) pair of pixel coordinates; got {value!r}") from exc
    if arr.ndim == 0 or arr.shape[-1] != 2:
        raise ValueError(f"{name} must be an (x, y) pair of pixel coordinates; got shape {arr.shape}")
    return arr


def _distinct(a: NDArray[np.float64], b: NDArray[np.float64], name_a: str, name_b: str) -> None:
    if np.any(np.hypot(*np.moveaxis(a - b, -1, 0)) < 1e-9):
        raise ValueError(f"{name_a} and {name_b} are the same point: an angle needs distinct points")


def _medial_x(side: str, view: str) -> float:
    """+1 where the leg's medial side is the image's +x, -1 where it is -x."""
    check_name(side, "side", SIDES)
    check_name(view, "view", PHOTO_VIEWS)
    return 1.0 if (side == "right") == (view == "front") else -1.0


def measure_fppa(hip_xy: ArrayLike, knee_xy: ArrayLike, ankle_xy: ArrayLike, side: str = "right",
                 view: str = "front") -> NDArray[np.float64]:
    """Frontal plane projection angle from three points on a photo, degrees (positive = valgus).

    Parameters
    ----------
    hip_xy, knee_xy, ankle_xy : array_like, shape (..., 2)
        Image coordinates (x right, y down), pixels: hip, knee and ankle centres.
    side : {"right", "left"}
        The subject's leg being measured.
    view : {"front", "back"}
        Where the camera was (see the module docstring).

    Returns
    -------
    numpy.ndarray
        The FPPA, degrees: 0 for a straight leg, positive when the knee is
        medial of the hip-ankle line, negative when lateral (varus).

    Raises
    ------
    ValueError
        A point that is not a finite (x, y) pair, two coincident points
        (the message names them), or an unknown side or view.

    Examples
    --------
    >>> float(measure_fppa((200, 100), (200, 300), (200, 500)))  # a straight leg
    0.0
    >>> round(float(measure_fppa((100, 100), (130, 300), (100, 500), view="back")), 1)  # knee lateral
    -17.1
    """
    sign = _medial_x(side, view)
    hip, knee, ankle = (_xy(p, n) for p, n in ((hip_xy, "hip_xy"), (knee_xy, "knee_xy"), (ankle_xy, "ankle_xy")))
    _distinct(knee, hip, "knee_xy", "hip_xy")
    _distinct(ankle, knee, "ankle_xy", "knee_xy")

    def medial_up(v: NDArray[np.float64]) -> NDArray[np.float64]:
        return np.stack([sign * v[..., 0], -v[..., 1]], axis=-1)

    thigh, shank = medial_up(knee - hip), medial_up(ankle - knee)
    return (np.degrees(-np.arctan2(cross2(thigh, shank), (thigh * shank).sum(axis=-1))) + 0.0)[()]  # no -0


def measure_pelvic_obliquity(left_xy: ArrayLike, right_xy: ArrayLike, stance_side: str = "right",
                             view: str = "back") -> NDArray[np.float64]:
    """Tilt of the line between a left and a right landmark, degrees (positive = swing side lower).

    Parameters
    ----------
    left_xy, right_xy : array_like, shape (..., 2)
        Image coordinates (x right, y down), pixels, of the subject's left
        and right landmark (e.g. the PSIS dimples).
    stance_side : {"right", "left"}
        The leg the subject stands on; the other side swings.
    view : {"back", "front"}
        Where the camera was: from behind, the subject's left is on the image's left.

    Returns
    -------
    numpy.ndarray
        Degrees; positive when the swing side's landmark is lower (the model's pelvic drop).

    Raises
    ------
    ValueError
        Points that are not finite (x, y) pairs, coincide, or sit on the
        wrong sides of each other for the view (swapped or mislabelled), or
        an unknown side or view.

    Examples
    --------
    >>> round(float(measure_pelvic_obliquity((100, 210), (300, 200))), 2)  # from behind, left side lower
    2.86
    >>> round(float(measure_pelvic_obliquity((100, 210), (300, 200), stance_side="left")), 2)
    -2.86
    """
    check_name(stance_side, "stance_side", SIDES)
    check_name(view, "view", PHOTO_VIEWS)
    left, right = _xy(left_xy, "left_xy"), _xy(right_xy, "right_xy")
    _distinct(left, right, "left_xy", "right_xy")
    across = right[..., 0] - left[..., 0]  # from the subject's left to right, in the image
    if np.any(across <= 0 if view == "back" else across >= 0):
        where = "left" if view == "back" else "right"
        raise ValueError(f"left_xy must be to the image's {where} of right_xy in a {view} view (the subject's "
                         f"left is on the image's {where}): swap the points or check the view")
    swing, stance = (left, right) if stance_side == "right" else (right, left)
    return (np.degrees(np.arctan2(swing[..., 1] - stance[..., 1], np.abs(across))) + 0.0)[()]


def image_points(points_m: ArrayLike, view: str = "front", scale_px_per_m: float = EXAMPLE_SCALE_PX_PER_M,
                 origin_px: ArrayLike = (0.0, 0.0)) -> NDArray[np.float64]:
    """World points (x anterior, y up, z right; m) as an orthographic camera sees them, pixels (x right, y down).

    The camera looks along the body's x axis (the anterior-posterior axis), so
    the x coordinate is dropped, as :func:`glutemed.fppa.fppa_from_points` drops it.

    Examples
    --------
    >>> image_points([0.0, 1.0, 0.1], "front", 100.0, (50, 200))  # the subject's right: the image's left
    array([ 40., 100.])
    >>> image_points([0.0, 1.0, 0.1], "back", 100.0, (50, 200))
    array([ 60., 100.])
    """
    check_name(view, "view", PHOTO_VIEWS)
    p = np.asarray(points_m, dtype=np.float64)
    o = np.asarray(origin_px, dtype=np.float64)
    across = -1.0 if view == "front" else 1.0
    return np.stack([o[0] + across * scale_px_per_m * p[..., 2], o[1] - scale_px_per_m * p[..., 1]], axis=-1)


@dataclass(frozen=True)
class ExamplePhoto:
    """The model's leg as a camera sees it: the points to click and the known answer.

    Attributes
    ----------
    task : {"fppa", "pelvis"}
    side : str
        The stance leg.
    view : str
    strength : float
        Abductor strength the model was posed with (fraction of normative).
    points_px : dict of str to numpy.ndarray
        The landmarks to click, in :data:`MEASURE_TASKS` order, pixels.
    angle_deg : float
        The model's own angle: FPPA (single-leg squat) or pelvic drop (running).
    pelvis_held : bool
        False where the abductors alone cannot hold the pelvis (then drawn level, as if compensated).
    outline_px : dict of str to numpy.ndarray
        Polylines for drawing: ``leg`` (hip, knee, ankle), ``pelvis``,
        ``other_hip`` (the swing side's hip centre), ``midline`` (pelvis origin).
    frame_px : tuple of int
        Width and height of the photo, pixels.
    """

    task: str
    side: str
    view: str
    strength: float
    points_px: dict[str, NDArray[np.float64]]
    angle_deg: float
    pelvis_held: bool
    outline_px: dict[str, NDArray[np.float64]]
    frame_px: tuple[int, int]


def _side_geometry(side: str) -> Geometry:
    g = load_geometry()
    return g if side == g.side else mirror_geometry(g)


def example_photo(strength: float = 1.0, task: str = "fppa", side: str = "right") -> ExamplePhoto:
    """The bundled example: the model's leg posed at a strength, projected onto a photo.

    ``task="fppa"``: a single-leg squat seen from the front
    (:func:`glutemed.knee_valgus`), the hip, knee and ankle centres to click.
    ``task="pelvis"``: running stance seen from behind at the model's peak
    pelvic drop; the model has no PSIS, so its two ASIS, seen through the
    body, stand in for them (any left-right pair of pelvic landmarks shows
    the same tilt in this view).

    Examples
    --------
    >>> e = example_photo(0.8)
    >>> bool(abs(measure_fppa(*e.points_px.values(), side=e.side, view=e.view) - e.angle_deg) < 1e-9)
    True
    """
    s = checked_scalar(strength, "strength", STRENGTH_RANGE, "(fraction of normative)")
    check_name(task, "task", MEASURE_TASKS)
    check_name(side, "side", SIDES)
    view, names = MEASURE_TASKS[task]
    g = _side_geometry(side)
    r = knee_valgus(s, "single_leg_squat" if task == "fppa" else "running", geometry=g)
    c = r.chain
    hip = c.hip_m

    def on_pelvis(points_m: ArrayLike) -> NDArray[np.float64]:
        """Pelvis-frame points (k, 3) posed with the pelvis about the stance hip, world frame."""
        return rotate_points(c.pelvis_rotation, np.atleast_2d(points_m) - g.hip_centre_m) + hip

    other = "left" if side == "right" else "right"
    midline = on_pelvis(np.zeros(3))[0]
    origin = (EXAMPLE_FRAME_PX[0] / 2.0 - float(image_points(midline, view, EXAMPLE_SCALE_PX_PER_M)[0]), _ANKLE_ROW_PX)

    def px(points_m: ArrayLike) -> NDArray[np.float64]:
        return image_points(points_m, view, EXAMPLE_SCALE_PX_PER_M, origin)

    if task == "fppa":
        points = {"hip": px(hip), "knee": px(c.knee_m), "ankle": px(c.ankle_m)}
        angle = float(r.fppa_deg)
    else:
        points = {name: px(on_pelvis(g.pelvis_landmarks_m[f"asis_{name}"])[0]) for name in names}
        angle = float(r.pelvic_drop_deg)
    outline = {"leg": px(np.array([hip, c.knee_m, c.ankle_m])),
               "pelvis": px(on_pelvis(pelvis_outline_m(g.pelvis_landmarks_m))),
               "other_hip": px(on_pelvis(g.pelvis_landmarks_m[f"hip_centre_{other}"])[0]),
               "midline": px(midline)}
    return ExamplePhoto(task, side, view, s, points, angle, bool(r.pelvis_held), outline, EXAMPLE_FRAME_PX)
