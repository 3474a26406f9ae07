"""How points become plot coordinates, in centimetres, for every kind of view.

Anatomical planes of the pelvis frame (x anterior, y superior, z right):

``"frontal"``
    seen from behind: subject's right on the right (z across, y up).
``"sagittal"``
    seen from the right: anterior to the right (x across, y up).
``"transverse"``
    seen from above: subject's right on the right, anterior up (z across, x up).

Frontal ``(medial, up)`` pairs of the stance models are drawn **from
behind**: the stance leg on its own side, so for the right stance leg the
swing side is on the left of the plot. The knee chain is drawn by a camera
**in front** of the subject (horizontal = medial distance, as a clinician's
video shows it) and in an oblique view from the front, the leg's outer side
and a little above.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from glutemed._checks import check_name
from glutemed.kinematics import medial_sign, to_frontal

__all__ = ["CHAIN_VIEWS", "PLANE_AXES", "PLANES", "behind_cm", "behind_point_cm", "chain_cm", "plane_cm"]

PLANES: tuple[str, str, str] = ("frontal", "sagittal", "transverse")

#: (horizontal, vertical) pelvis-frame axis index and axis labels of each plane.
PLANE_AXES: dict[str, tuple[int, int, str, str]] = {
    "frontal": (2, 1, "medial-lateral z (cm, right +)", "vertical y (cm)"),
    "sagittal": (0, 1, "anterior-posterior x (cm, anterior +)", "vertical y (cm)"),
    "transverse": (2, 0, "medial-lateral z (cm, right +)", "anterior-posterior x (cm)"),
}

#: Views of the knee chain.
CHAIN_VIEWS: tuple[str, str] = ("oblique", "camera")
_OBLIQUE_AZIMUTH_DEG = 35.0
_OBLIQUE_ELEVATION_DEG = 20.0

Plot = tuple[NDArray[np.float64], NDArray[np.float64]]


def plane_cm(points_m: ArrayLike, plane: str) -> Plot:
    """Pelvis-frame points ``(..., 3)`` (m) onto an anatomical plane, cm.

    Examples
    --------
    >>> h, v = plane_cm([[0.1, 0.2, 0.3]], "sagittal")
    >>> float(h[0]), float(v[0])
    (10.0, 20.0)
    """
    check_name(plane, "plane", PLANES)
    h, v, _, _ = PLANE_AXES[plane]
    pts = np.asarray(points_m, dtype=np.float64) * 100.0
    return pts[..., h], pts[..., v]


def behind_cm(medial_up_m: ArrayLike, side: str = "right") -> Plot:
    """Frontal ``(medial, up)`` pairs (m) as seen from behind, cm: the stance leg on its own side.

    Examples
    --------
    A point 10 cm medial of the right hip is drawn 10 cm to the left:

    >>> h, v = behind_cm([0.1, 0.0])
    >>> float(h), float(v)
    (-10.0, 0.0)
    """
    pts = np.asarray(medial_up_m, dtype=np.float64) * 100.0
    return -medial_sign(side) * pts[..., 0], pts[..., 1]


def behind_point_cm(medial_up_m: ArrayLike, side: str = "right") -> tuple[float, float]:
    """One ``(medial, up)`` point (m) seen from behind, as a pair of plot floats (cm).

    Examples
    --------
    >>> behind_point_cm([0.1, 0.2])
    (-10.0, 20.0)
    """
    h, v = behind_cm(np.asarray(medial_up_m, dtype=np.float64), side)
    return float(h), float(v)


def chain_cm(points_m: ArrayLike, view: str, side: str = "right") -> Plot:
    """Knee-chain points (m, world frame, ankle at the origin) onto a chain view, cm.

    ``"camera"``: a camera in front of the subject; horizontal = medial
    distance (toward the midline to the right), vertical = height.
    ``"oblique"``: an orthographic view from in front, 35 degrees toward the
    stance leg's outer side and 20 degrees above, so that depth shows.

    Examples
    --------
    >>> h, v = chain_cm(np.array([[0.0, 0.5, -0.1]]), "camera")
    >>> float(h[0]), float(v[0])  # 10 cm medial of the right ankle, 50 cm up
    (10.0, 50.0)
    """
    check_name(view, "view", CHAIN_VIEWS)
    p = np.asarray(points_m, dtype=np.float64)
    medial, up = np.moveaxis(to_frontal(p, side) * 100.0, -1, 0)
    if view == "camera":
        return medial, up
    x, lateral = p[..., 0] * 100.0, -medial
    az, el = np.radians(_OBLIQUE_AZIMUTH_DEG), np.radians(_OBLIQUE_ELEVATION_DEG)
    # screen axes of a camera looking along (cos el cos az, sin el, cos el sin az) in (x, y, lateral)
    h = np.sin(az) * x - np.cos(az) * lateral
    v = -np.sin(el) * np.cos(az) * x + np.cos(el) * up - np.sin(el) * np.sin(az) * lateral
    return h, v
