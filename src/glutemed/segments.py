"""Where the body's weight is, seen from behind: the frontal-plane mass model.

For single-leg stance on the right leg, the body above the stance hip is
three point masses, each a fraction of body mass taken from the published
model's segment masses (``data/<name>_segments.csv``):

* the **pelvis**, at its centre of mass;
* the **trunk** (in gait2392 the torso carries head and arms; in the
  Rajagopal models the arm segments are added to it, their left-right pair
  sitting on the midline), at the torso's centre of mass above the back
  joint;
* the **swing leg** (a mirror of the stance leg), hanging straight down from
  the swing-side hip.

The stance leg is below the hip and does not load it. Positions are in a
frontal-plane frame centred on the stance hip: ``m`` is the distance
**medial** of the stance hip (toward the swing side), ``y`` is up, metres.

Pelvic drop (swing side lower, by ``drop``) turns the pelvis, the back joint
and the swing hip about the stance hip; the swing leg keeps hanging straight
down; the trunk keeps its own angle to the vertical, ``lean`` (positive =
toward the stance side, as in a compensated Trendelenburg gait).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from glutemed.geometry import Geometry, resolve_geometry

__all__ = ["MassModel", "frontal_figure", "mass_model", "turn_frontal", "upper_body_com"]

_LEG = ("femur", "tibia", "talus", "calcn", "toes", "patella")
_ARMS = ("humerus", "ulna", "radius", "hand")


@dataclass(frozen=True)
class MassModel:
    """Fractions of body mass and frontal-plane positions (stance-hip frame, m).

    Attributes
    ----------
    pelvis_fraction, trunk_fraction, leg_fraction : float
        Fractions of body mass (one leg each).
    pelvis_m_y, back_joint_m_y : numpy.ndarray, shape (2,)
        Pelvis centre of mass and back joint (medial, up) at neutral.
    trunk_offset_m_y : numpy.ndarray, shape (2,)
        Trunk centre of mass relative to the back joint, trunk upright.
    swing_hip_m_y : numpy.ndarray, shape (2,)
        The swing-side hip centre at neutral.
    leg_com_below_hip_m_y : numpy.ndarray, shape (2,)
        The swing leg's centre of mass relative to its hip, leg hanging.
    """

    pelvis_fraction: float
    trunk_fraction: float
    leg_fraction: float
    pelvis_m_y: NDArray[np.float64]
    back_joint_m_y: NDArray[np.float64]
    trunk_offset_m_y: NDArray[np.float64]
    swing_hip_m_y: NDArray[np.float64]
    leg_com_below_hip_m_y: NDArray[np.float64]

    @property
    def upper_fraction(self) -> float:
        """Fraction of body mass above the stance hip (all but the stance leg)."""
        return self.pelvis_fraction + self.trunk_fraction + self.leg_fraction


def _to_stance_frame(point_pelvis: NDArray[np.float64], hip: NDArray[np.float64]) -> NDArray[np.float64]:
    """Pelvis-frame point -> (medial of the right stance hip, up)."""
    return np.array([hip[2] - point_pelvis[2], point_pelvis[1] - hip[1]])


def _mass_model(g: Geometry) -> MassModel:
    if g.side != "right":
        raise ValueError("the stance models use the right leg as the stance leg; pass a right-side geometry")
    masses, coms = g.segment_masses_kg, g.segment_com_m
    leg = sum(m for s, m in masses.items() if s.removesuffix("_r").removesuffix("_l") in _LEG and s.endswith("_r"))
    arms = sum(m for s, m in masses.items() if s.rsplit("_", 1)[0] in _ARMS)
    total = masses["pelvis"] + masses["torso"] + arms + 2 * leg
    hip = g.hip_centre_m
    lm = g.pelvis_landmarks_m
    back = lm["back_joint"]
    torso_com = back + coms["torso"]
    # the swing leg: femur, tibia (and patella) at their centres of mass, foot segments at the ankle
    knee = g.knee_centre_m
    tibia_origin = knee - g.knee_in_tibia_m  # tibia frame origin, femur frame (knee straight)
    ankle = knee + g.ankle_centre_m
    parts = [(masses["femur_r"], coms["femur_r"]), (masses["tibia_r"], tibia_origin + coms["tibia_r"])]
    if "patella_r" in masses:
        parts.append((masses["patella_r"], knee))
    parts += [(masses[s], ankle) for s in ("talus_r", "calcn_r", "toes_r")]
    leg_com_femur = sum(m * np.asarray(p) for m, p in parts) / leg  # femur frame, right leg
    swing_hip = lm["hip_centre_left"]
    # mirror the right leg's centre of mass to the left; in the stance frame medial is -z
    leg_com_pelvis = swing_hip + leg_com_femur * np.array([1.0, 1.0, -1.0])
    return MassModel(
        pelvis_fraction=masses["pelvis"] / total,
        trunk_fraction=(masses["torso"] + arms) / total,
        leg_fraction=leg / total,
        pelvis_m_y=_to_stance_frame(coms["pelvis"], hip),
        back_joint_m_y=_to_stance_frame(back, hip),
        trunk_offset_m_y=_to_stance_frame(torso_com, hip) - _to_stance_frame(back, hip),
        swing_hip_m_y=_to_stance_frame(swing_hip, hip),
        leg_com_below_hip_m_y=_to_stance_frame(leg_com_pelvis, hip) - _to_stance_frame(swing_hip, hip),
    )


def mass_model(geometry: Geometry | str | None = None) -> MassModel:
    """The frontal-plane mass model of a geometry (right leg in stance).

    Examples
    --------
    >>> mm = mass_model("gait2392")
    >>> round(mm.upper_fraction, 2)  # the body above one hip, as a fraction of body mass
    0.81
    """
    return _mass_model(resolve_geometry(geometry))


def turn_frontal(points: NDArray[np.float64], angle: ArrayLike) -> NDArray[np.float64]:
    """Turn (medial, up) points or vectors about the stance hip by ``angle`` (rad).

    A positive angle lowers the medial (swing) side, as a pelvic drop does.

    Examples
    --------
    >>> np.round(turn_frontal(np.array([1.0, 0.0]), np.pi / 2), 12)
    array([ 0., -1.])
    """
    c, s = np.cos(angle), np.sin(angle)
    m, y = points[..., 0], points[..., 1]
    return np.stack([m * c + y * s, -m * s + y * c], axis=-1)


def upper_body_com(
    pelvic_drop_rad: ArrayLike = 0.0,
    trunk_lean_rad: ArrayLike = 0.0,
    geometry: Geometry | str | None = None,
) -> tuple[float, NDArray[np.float64]]:
    """Mass fraction and centre of mass of the body above the stance hip.

    Parameters
    ----------
    pelvic_drop_rad : float or array_like
        Pelvic drop, rad (positive = swing side lower).
    trunk_lean_rad : float or array_like
        Trunk angle to the vertical, rad (positive = toward the stance side).
    geometry : Geometry, str or None
        Default gait2392.

    Returns
    -------
    fraction : float
        Fraction of body mass above the stance hip.
    com : numpy.ndarray, shape (..., 2)
        Its centre of mass (medial, up) relative to the stance hip, m. The
        medial distance is the body-weight lever arm.

    Examples
    --------
    Leaning over the stance leg shortens the body-weight lever:

    >>> _, upright = upper_body_com(0.0, 0.0)
    >>> _, leaning = upper_body_com(0.0, np.radians(10))
    >>> bool(leaning[0] < upright[0])
    True
    """
    mm = mass_model(geometry)
    drop, lean = np.broadcast_arrays(np.asarray(pelvic_drop_rad, float), np.asarray(trunk_lean_rad, float))
    pelvis = turn_frontal(mm.pelvis_m_y, drop)
    back = turn_frontal(mm.back_joint_m_y, drop)
    trunk = back + turn_frontal(mm.trunk_offset_m_y, -lean)  # leaning toward the stance side moves it laterally
    leg = turn_frontal(mm.swing_hip_m_y, drop) + mm.leg_com_below_hip_m_y
    fractions = np.array([mm.pelvis_fraction, mm.trunk_fraction, mm.leg_fraction])
    com = (fractions[0] * pelvis + fractions[1] * trunk + fractions[2] * leg) / fractions.sum()
    return float(fractions.sum()), com


def frontal_figure(
    pelvic_drop_rad: float = 0.0,
    trunk_lean_rad: float = 0.0,
    geometry: Geometry | str | None = None,
) -> dict[str, NDArray[np.float64]]:
    """Points of the frontal-plane stick figure in single-leg stance, (medial, up) in m.

    The stance femur stays vertical under the stance hip (the origin); the
    pelvis turns by the drop; the trunk stands at its lean to the vertical; the
    swing leg hangs straight down from the swing hip.

    Returns
    -------
    dict of str to numpy.ndarray
        ``pelvis`` (k, 2) polyline (NaN breaks it), ``trunk`` (2, 2),
        ``stance_leg`` (3, 2) hip-knee-ankle, ``neck`` (2, 2) hip to trochanter,
        ``swing_leg`` (2, 2) (drawn shortened: the foot is off the ground), ``origins`` and ``insertions`` (3, 2) of the three
        portions, ``com`` (2,) of the body above the stance hip, ``hip`` (2,).

    Examples
    --------
    >>> pts = frontal_figure(np.radians(8.0))
    >>> bool(pts["pelvis"][3, 1] < 0)  # the swing-side hip is lower
    True
    """
    g = resolve_geometry(geometry)
    mm = mass_model(g)
    hip = g.hip_centre_m
    lm = g.pelvis_landmarks_m
    drop = float(pelvic_drop_rad)

    def pelvis_point(p: NDArray[np.float64]) -> NDArray[np.float64]:
        return turn_frontal(_to_stance_frame(p, hip), drop)

    back = lm.get("sacrum", lm["back_joint"])
    gap = np.full(2, np.nan)
    pelvis = np.array([pelvis_point(lm["asis_left"]), pelvis_point(lm["asis_right"]), np.zeros(2),
                       pelvis_point(lm["hip_centre_left"]), pelvis_point(lm["asis_left"]), gap,
                       pelvis_point(lm["asis_right"]), pelvis_point(back), pelvis_point(lm["asis_left"])])
    back_joint = pelvis_point(lm["back_joint"])
    trunk_top = back_joint + turn_frontal(mm.trunk_offset_m_y * 1.6, -float(trunk_lean_rad))
    knee = np.array([0.0, -g.thigh_length_m])
    ankle = knee - np.array([0.0, g.shank_length_m])
    swing_hip = pelvis_point(lm["hip_centre_left"])
    insertion_pelvis = g.hip_centre_m + g.insertions_m  # femur stays put; stance hip adduction = drop
    _, com = upper_body_com(drop, float(trunk_lean_rad), g)
    return {
        "pelvis": pelvis,
        "trunk": np.array([back_joint, trunk_top]),
        "stance_leg": np.array([np.zeros(2), knee, ankle]),
        "neck": np.array([np.zeros(2), _to_stance_frame(g.hip_centre_m + g.insertions_m.mean(axis=0), hip)]),
        # the swing leg hangs from its hip, foot off the ground (drawn shortened, as with a bent knee)
        "swing_leg": np.array([swing_hip, swing_hip - [0.0, g.thigh_length_m + 0.6 * g.shank_length_m]]),
        "origins": np.array([pelvis_point(o) for o in g.origins_m]),
        "insertions": np.array([_to_stance_frame(p, hip) for p in insertion_pelvis]),
        "com": com,
        "hip": np.zeros(2),
    }
