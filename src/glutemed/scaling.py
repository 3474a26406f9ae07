"""Scale a published geometry to a body, or mirror it to the other hip.

Both return a new read-only :class:`~glutemed.geometry.Geometry`; the one
place that knows which fields are points, and on which side of the hip they
lie, is :func:`_transform_points`.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from numpy.typing import NDArray

from glutemed._checks import as_finite_array, check_in_range, check_name, checked_array
from glutemed.geometry import PORTIONS, Geometry, frozen_array, resolve_geometry

__all__ = ["mirror_geometry", "move_insertion", "scale_geometry"]


def _positive_length(value: float | None, name: str, low: float, high: float) -> float | None:
    if value is None:
        return None
    arr = as_finite_array(value, name)
    if arr.ndim != 0:
        raise ValueError(f"{name} must be a single number")
    return float(check_in_range(arr, name, low, high, "m"))


_UPPER_BODY_SEGMENTS = ("pelvis", "torso", "humerus", "ulna", "radius", "hand")


def _transform_points(g: Geometry, upper: float | NDArray[np.float64],
                      leg: float | NDArray[np.float64]) -> Geometry:
    """Multiply every point of ``g``: pelvis and upper-body points by ``upper``, leg points by ``leg``.

    The one place that knows which fields are points and which side of the hip
    they belong to; :func:`scale_geometry` and :func:`mirror_geometry` use it.
    """

    def is_upper(segment: str) -> bool:
        return segment.rsplit("_", 1)[0] in _UPPER_BODY_SEGMENTS

    return replace(
        g,
        hip_centre_m=frozen_array(g.hip_centre_m * upper),
        pelvis_landmarks_m={k: frozen_array(v * upper) for k, v in g.pelvis_landmarks_m.items()},
        origins_m=frozen_array(g.origins_m * upper),
        femur_landmarks_m={k: frozen_array(v * leg) for k, v in g.femur_landmarks_m.items()},
        ankle_centre_m=frozen_array(g.ankle_centre_m * leg),
        insertions_m=frozen_array(g.insertions_m * leg),
        knee_in_tibia_m=frozen_array(g.knee_in_tibia_m * leg),
        segment_com_m={k: frozen_array(v * (upper if is_upper(k) else leg)) for k, v in g.segment_com_m.items()},
    )


def scale_geometry(
    geometry: Geometry | str | None = None,
    *,
    asis_width_m: float | None = None,
    leg_length_m: float | None = None,
) -> Geometry:
    """Scale a geometry uniformly to a body's pelvis width and leg length.

    Pelvis points (origins, landmarks, hip centres) scale by
    ``asis_width_m / geometry.asis_width_m``; femur and shank points
    (insertions, knee, ankle) by ``leg_length_m / (thigh + shank length)``.
    Optimal fibre and tendon slack lengths scale with each portion's length
    at neutral, as OpenSim's scale tool preserves their ratio. Masses and
    forces are not changed. This is a simple teaching scaling, not a
    subject-specific model.

    Parameters
    ----------
    geometry : Geometry, str or None
        Geometry to scale (default gait2392).
    asis_width_m : float, optional
        Distance between the two ASIS, m (valid 0.15-0.40).
    leg_length_m : float, optional
        Hip centre to ankle centre, knee straight, m (valid 0.5-1.2).

    Returns
    -------
    Geometry

    Examples
    --------
    >>> g = scale_geometry(asis_width_m=0.23, leg_length_m=0.75)
    >>> round(g.asis_width_m, 3), round(g.thigh_length_m + g.shank_length_m, 3)
    (0.23, 0.75)
    """
    g = resolve_geometry(geometry)
    width = _positive_length(asis_width_m, "asis_width_m", 0.15, 0.40)
    leg = _positive_length(leg_length_m, "leg_length_m", 0.5, 1.2)
    sp = 1.0 if width is None else width / g.asis_width_m
    sl = 1.0 if leg is None else leg / (g.thigh_length_m + g.shank_length_m)

    def neutral_lengths(geo: Geometry) -> NDArray[np.float64]:
        return np.linalg.norm(geo.hip_centre_m + geo.insertions_m - geo.origins_m, axis=-1)

    scaled = replace(_transform_points(g, sp, sl), name=f"{g.name} (scaled)")
    ratio = neutral_lengths(scaled) / neutral_lengths(g)
    return replace(
        scaled,
        optimal_fibre_length_m=frozen_array(g.optimal_fibre_length_m * ratio),
        tendon_slack_length_m=frozen_array(g.tendon_slack_length_m * ratio),
    )


def mirror_geometry(geometry: Geometry | str | None = None) -> Geometry:
    """The same geometry for the other hip (reflection ``z -> -z``).

    Examples
    --------
    >>> left = mirror_geometry("gait2392")
    >>> left.side, float(left.hip_centre_m[2]) < 0
    ('left', True)
    """
    g = resolve_geometry(geometry)
    m = np.array([1.0, 1.0, -1.0])
    mirrored = _transform_points(g, m, m)
    # swap the names so "hip_centre_right" still means the subject's right
    swapped = {}
    for k, v in mirrored.pelvis_landmarks_m.items():
        if k.endswith("_right"):
            swapped[k.removesuffix("_right") + "_left"] = v
        elif k.endswith("_left"):
            swapped[k.removesuffix("_left") + "_right"] = v
        else:
            swapped[k] = v
    return replace(mirrored, side="left" if g.side == "right" else "right", pelvis_landmarks_m=swapped)


#: How far :func:`move_insertion` may move an insertion along each axis, m (a few centimetres:
#: the spread of the trochanter between people, not a new bone).
INSERTION_SHIFT_RANGE_M: tuple[float, float] = (-0.05, 0.05)


def move_insertion(geometry: Geometry | str | None = None, portion: str = "anterior", *,
                   forward_m: float = 0.0, up_m: float = 0.0, lateral_m: float = 0.0) -> Geometry:
    """The same geometry with one portion's insertion on the trochanter moved, femur frame.

    A what-if for teaching: how sensitive is a moment arm to where the
    fibres attach? ``lateral_m`` is away from the midline on either side.

    Parameters
    ----------
    geometry : Geometry, str or None
        Default gait2392.
    portion : {"anterior", "middle", "posterior"}
    forward_m, up_m, lateral_m : float
        Shift along the femur's x (anterior), y (up) and lateral axis, m
        (each -0.05 to 0.05).

    Returns
    -------
    Geometry
        A new read-only geometry named after the change.

    Examples
    --------
    >>> from glutemed.muscles import moment_arms
    >>> moved = move_insertion(portion="anterior", forward_m=0.02)
    >>> bool(moment_arms(geometry=moved)["anterior"]["flexion"] > moment_arms()["anterior"]["flexion"])
    True
    """
    g = resolve_geometry(geometry)
    check_name(portion, "portion", PORTIONS)
    shift = [float(checked_array(v, name, INSERTION_SHIFT_RANGE_M, "m"))
             for v, name in ((forward_m, "forward_m"), (up_m, "up_m"), (lateral_m, "lateral_m"))]
    lateral_sign = 1.0 if g.side == "right" else -1.0
    insertions = np.array(g.insertions_m)
    insertions[PORTIONS.index(portion)] += [shift[0], shift[1], lateral_sign * shift[2]]
    return replace(g, name=f"{g.name} ({portion} insertion moved)", insertions_m=frozen_array(insertions))
