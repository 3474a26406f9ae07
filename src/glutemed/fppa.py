"""The frontal plane projection angle (FPPA): what a camera in front of the knee measures.

Pure geometry of a posed leg, and the published groups it is compared with.
The FPPA is the angle between the thigh (hip to knee) and the shank (knee to
ankle) drawn on a frontal image, **positive when the knee sits medial of the
hip-ankle line** (valgus), for either leg.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from glutemed._checks import check_name, checked_array
from glutemed.geometry import Geometry, resolve_geometry
from glutemed.kinematics import (
    ankle_under_hip_flexion_rad,
    cross2,
    hip_angles_rad,
    knee_flexion_rad,
    leg_points_m,
    to_frontal,
)
from glutemed.literature import literature_value
from glutemed.rotations import hip_rotation_matrix

__all__ = ["FPPA_TASKS", "describe_fppa", "fppa_from_points", "frontal_plane_projection_angle",
           "squat_hip_flexion_deg"]

#: Tasks with published FPPA groups (Herrington 2014).
FPPA_TASKS: tuple[str, str] = ("squat", "landing")


def fppa_from_points(hip: ArrayLike, knee: ArrayLike, ankle: ArrayLike, side: str = "right") -> NDArray[np.float64]:
    """Frontal plane projection angle from hip, knee and ankle centres, degrees.

    The points are projected on the frontal plane (the x coordinate, anterior,
    is dropped, as a camera in front of the subject sees them); the FPPA is
    the angle between the thigh line and the shank line, 0 when they are in
    one line, **positive when the knee is medial of the hip-ankle line**
    (valgus).

    Parameters
    ----------
    hip, knee, ankle : array_like, shape (..., 3)
        Points, m (x anterior, y up, z right).
    side : {"right", "left"}
        Which leg: medial is -z for the right leg, +z for the left.

    Returns
    -------
    numpy.ndarray, shape (...)

    Examples
    --------
    A right knee 3 cm medial of a straight hip-ankle line:

    >>> round(float(fppa_from_points([0, 0.8, 0], [0, 0.4, -0.03], [0, 0, 0])), 1)
    8.6
    """
    hip, knee, ankle = (np.asarray(p, dtype=np.float64) for p in (hip, knee, ankle))
    thigh, shank = to_frontal(knee - hip, side), to_frontal(ankle - knee, side)
    return np.degrees(-np.arctan2(cross2(thigh, shank), (thigh * shank).sum(axis=-1)))


def squat_hip_flexion_deg(knee_flexion_deg: ArrayLike = 0.0,
                          geometry: Geometry | str | None = None) -> NDArray[np.float64]:
    """Hip flexion that places the ankle under the hip for a given knee flexion, degrees.

    The thigh leans forward as much as the shank leans back, so the foot is
    straight below the hip seen from the side: the posture of a squat with
    the weight over the foot, or of running mid-stance.

    Examples
    --------
    >>> float(np.round(squat_hip_flexion_deg(0.0), 1))  # straight leg: upright
    0.3
    >>> bool(squat_hip_flexion_deg(60.0) > squat_hip_flexion_deg(30.0))
    True
    """
    g = resolve_geometry(geometry)
    return np.degrees(ankle_under_hip_flexion_rad(knee_flexion_rad(knee_flexion_deg, g), g))[()]


def frontal_plane_projection_angle(
    *,
    hip_flexion_deg: ArrayLike | None = None,
    hip_adduction_deg: ArrayLike = 0.0,
    hip_rotation_deg: ArrayLike = 0.0,
    knee_flexion_deg: ArrayLike = 0.0,
    geometry: Geometry | str | None = None,
) -> NDArray[np.float64]:
    """FPPA of a posed leg as a camera in front of the subject measures it, degrees.

    Parameters (keyword-only)
    -------------------------
    hip_flexion_deg : float, array_like or None
        Hip flexion, degrees. ``None`` (default) flexes the hip just enough
        to put the ankle under the hip (:func:`squat_hip_flexion_deg`).
    hip_adduction_deg, hip_rotation_deg : float or array_like
        Hip angles relative to the pelvis, degrees (positive = adduction,
        internal rotation), within the joint ranges.
    knee_flexion_deg : float or array_like
        Knee flexion, degrees (0 = straight).
    geometry : Geometry, str or None
        Default gait2392, right leg; a mirrored geometry gives the left leg.

    Returns
    -------
    numpy.ndarray or float
        FPPA in degrees, positive = valgus (knee medial of the hip-ankle
        line), the broadcast shape of the inputs. A tilt of the pelvis in the
        frontal plane turns the whole picture and leaves the FPPA unchanged,
        so the pelvis frame serves as the camera frame.

    Examples
    --------
    Internal rotation looks like valgus only with the knee bent:

    >>> round(float(frontal_plane_projection_angle(hip_rotation_deg=15, knee_flexion_deg=0)), 1)
    -0.2
    >>> round(float(frontal_plane_projection_angle(hip_rotation_deg=15, knee_flexion_deg=60)), 1)
    14.3
    """
    g = resolve_geometry(geometry)
    knee = knee_flexion_rad(knee_flexion_deg, g)
    flexion = np.degrees(ankle_under_hip_flexion_rad(knee, g)) if hip_flexion_deg is None else hip_flexion_deg
    f, a, r = hip_angles_rad(flexion, hip_adduction_deg, hip_rotation_deg, g)
    f, a, r, knee = np.broadcast_arrays(f, a, r, knee)
    knee_m, ankle_m = leg_points_m(hip_rotation_matrix(f, a, r, side=g.side), knee, g)
    return fppa_from_points(np.zeros(3), knee_m, ankle_m, side=g.side)[()]


def describe_fppa(fppa_deg: float, task: str = "squat") -> str:
    """An FPPA set against Herrington's (2014) two groups, in words: a comparison, not a diagnosis.

    Says how many of each group's standard deviations the value lies from
    that group's mean. Group means describe groups; a single value inside
    both ranges belongs to neither.

    Examples
    --------
    >>> describe_fppa(8.4)
    "0.0 SD from the controls' mean (8.4 ± 5.1°), 1.6 SD below the patellofemoral-pain group's mean (16.8 ± 5.4°)"
    """
    check_name(task, "task", FPPA_TASKS)
    value = float(checked_array(fppa_deg, "fppa_deg", (-90.0, 90.0), "deg"))
    parts = []
    for group, name in (("controls", "the controls' mean"), ("pfp", "the patellofemoral-pain group's mean")):
        mean = literature_value(f"fppa_{task}_{group}")
        sd = literature_value(f"fppa_{task}_{group}_sd")
        z = (value - mean) / sd
        where = "from" if abs(z) < 0.05 else ("above" if z > 0 else "below")
        parts.append(f"{abs(z):.1f} SD {where} {name} ({mean:g} ± {sd:g}°)")
    return ", ".join(parts)
