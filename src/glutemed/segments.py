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

The stance leg is below the hip and does not load it. Positions are
``(medial, up)`` pairs relative to the stance hip, metres
(:mod:`glutemed.kinematics`).

Pelvic drop (swing side lower, by ``drop``) turns the pelvis, the back joint
and the swing hip about the stance hip; the swing leg keeps hanging straight
down; the trunk keeps its own angle to the vertical, ``lean`` (positive =
toward the stance side, as in a compensated Trendelenburg gait).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from glutemed.geometry import Geometry, resolve_geometry
from glutemed.kinematics import to_frontal, to_stance_frontal, turn_frontal

__all__ = ["MassModel", "mass_model", "upper_body_com"]

_LEG = ("femur", "tibia", "talus", "calcn", "toes", "patella")
_ARMS = ("humerus", "ulna", "radius", "hand")


@dataclass(frozen=True)
class MassModel:
    """Fractions of body mass and ``(medial, up)`` positions relative to the stance hip, m.

    Attributes
    ----------
    pelvis_fraction, trunk_fraction, leg_fraction : float
        Fractions of body mass (one leg each).
    pelvis_com_m, back_joint_m : numpy.ndarray, shape (2,)
        Pelvis centre of mass and back joint at neutral.
    trunk_com_from_back_m : numpy.ndarray, shape (2,)
        Trunk centre of mass relative to the back joint, trunk upright.
    swing_hip_m : numpy.ndarray, shape (2,)
        The swing-side hip centre at neutral.
    leg_com_from_hip_m : numpy.ndarray, shape (2,)
        The swing leg's centre of mass relative to its hip, leg hanging.
    """

    pelvis_fraction: float
    trunk_fraction: float
    leg_fraction: float
    pelvis_com_m: NDArray[np.float64]
    back_joint_m: NDArray[np.float64]
    trunk_com_from_back_m: NDArray[np.float64]
    swing_hip_m: NDArray[np.float64]
    leg_com_from_hip_m: NDArray[np.float64]

    @property
    def upper_fraction(self) -> float:
        """Fraction of body mass above the stance hip (all but the stance leg)."""
        return self.pelvis_fraction + self.trunk_fraction + self.leg_fraction


@functools.lru_cache(maxsize=64)
def _mass_model(g: Geometry) -> MassModel:
    if g.side != "right":
        raise ValueError("the stance models use the right leg as the stance leg; pass a right-side geometry")
    masses, coms = g.segment_masses_kg, g.segment_com_m
    leg = sum(m for s, m in masses.items() if s.removesuffix("_r").removesuffix("_l") in _LEG and s.endswith("_r"))
    arms = sum(m for s, m in masses.items() if s.rsplit("_", 1)[0] in _ARMS)
    total = masses["pelvis"] + masses["torso"] + arms + 2 * leg
    lm = g.pelvis_landmarks_m
    # the swing leg: femur, tibia (and patella) at their centres of mass, foot segments at the ankle
    knee = g.knee_centre_m
    tibia_origin = knee - g.knee_in_tibia_m  # tibia frame origin, femur frame (knee straight)
    ankle = knee + g.ankle_centre_m
    parts = [(masses["femur_r"], coms["femur_r"]), (masses["tibia_r"], tibia_origin + coms["tibia_r"])]
    if "patella_r" in masses:
        parts.append((masses["patella_r"], knee))
    parts += [(masses[s], ankle) for s in ("talus_r", "calcn_r", "toes_r")]
    leg_com_femur = sum(m * np.asarray(p) for m, p in parts) / leg  # femur frame, right leg
    # the swing (left) leg mirrors the right one: its centre of mass is as far lateral of its hip
    leg_com_from_hip = to_frontal(leg_com_femur * np.array([1.0, 1.0, -1.0]), g.side)
    return MassModel(
        pelvis_fraction=masses["pelvis"] / total,
        trunk_fraction=(masses["torso"] + arms) / total,
        leg_fraction=leg / total,
        pelvis_com_m=to_stance_frontal(coms["pelvis"], g),
        back_joint_m=to_stance_frontal(lm["back_joint"], g),
        trunk_com_from_back_m=to_frontal(coms["torso"], g.side),
        swing_hip_m=to_stance_frontal(lm["hip_centre_left"], g),
        leg_com_from_hip_m=leg_com_from_hip,
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
    pelvis = turn_frontal(mm.pelvis_com_m, drop)
    trunk = turn_frontal(mm.back_joint_m, drop) + turn_frontal(mm.trunk_com_from_back_m, -lean)
    leg = turn_frontal(mm.swing_hip_m, drop) + mm.leg_com_from_hip_m
    fractions = np.array([mm.pelvis_fraction, mm.trunk_fraction, mm.leg_fraction])
    com = (fractions[0] * pelvis + fractions[1] * trunk + fractions[2] * leg) / fractions.sum()
    return float(fractions.sum()), com
