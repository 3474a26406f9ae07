"""Panels whose sliders are the three hip angles: lines of action (notebook 01), moment arms (02)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np
from matplotlib.artist import Artist
from numpy.typing import NDArray

from glutemed.geometry import PORTIONS, Geometry
from glutemed.kinematics import LegPose, pose_leg
from glutemed.muscles import ACTIONS, action_roles, lines_of_action, moment_arms, muscle_lengths
from glutemed.panels.base import Panel, Row, Slider, Values
from glutemed.views.hip import draw_hip_view, update_hip_view
from glutemed.views.moment_arms import draw_moment_arm_bars, update_moment_arm_bars
from glutemed.views.style import PORTION_STYLE

__all__ = ["HipPosePanel", "LinesOfActionPanel", "MomentArmPanel"]


def _joint_range(coordinate: str):
    def bounds(g: Geometry) -> tuple[float, float]:
        return g.range_deg(coordinate)
    return bounds


_POSE_ROW = Row("Pose", lambda v, s: (v["hip_flexion_deg"], v["hip_adduction_deg"], v["hip_rotation_deg"]),
                "flexion {:.0f}°, adduction {:.0f}°, internal rotation {:.0f}°")


class HipPosePanel(Panel):
    """A panel whose sliders are the three hip angles, over the published joint ranges.

    Parameters
    ----------
    geometry : Geometry, str or None
        Default gait2392.
    hip_flexion_deg, hip_adduction_deg, hip_rotation_deg : float
        Starting pose, degrees (checked against the joint ranges).
    """

    controls = (
        Slider("hip_flexion_deg", "Hip flexion", "°", _joint_range("hip_flexion")),
        Slider("hip_adduction_deg", "Hip adduction", "°", _joint_range("hip_adduction")),
        Slider("hip_rotation_deg", "Hip internal rotation", "°", _joint_range("hip_rotation")),
    )
    defaults: ClassVar[dict] = {"hip_flexion_deg": 0.0, "hip_adduction_deg": 0.0, "hip_rotation_deg": 0.0}

    def pose(self, values: Values) -> LegPose:
        """The posed leg for the slider values."""
        return pose_leg(values["hip_flexion_deg"], values["hip_adduction_deg"], values["hip_rotation_deg"],
                        geometry=self.geometry)


@dataclass(frozen=True)
class _MomentArmState:
    pose: LegPose
    moment_arms_m: NDArray[np.float64]  # (3 portions, 3 actions)


def _portion_row(i: int, portion: str) -> Row:
    def value(v: Values, s: _MomentArmState) -> tuple:
        arms = s.moment_arms_m[i] * 100
        return (*arms, ", ".join(action_roles(s.moment_arms_m[i])))
    return Row(portion, value, "{:+.1f}, {:+.1f}, {:+.1f} cm ({})", colour=PORTION_STYLE[portion]["color"])


class MomentArmPanel(HipPosePanel):
    """Pose the hip with three sliders; see each portion's moment arms change.

    Left: the stick model from behind (frontal) and from the right
    (sagittal), hip region; right: bars of each portion's abduction, internal
    rotation and flexion moment arm; beside it, the numbers.

    Examples
    --------
    >>> panel = MomentArmPanel()
    >>> panel.sliders["hip_flexion_deg"].value = 60.0
    >>> "60" in panel.readout.value
    True
    """

    figsize = (12.0, 5.2)
    rows = (
        _POSE_ROW,
        Row("Moment arms", lambda v, s: "abduction, internal rotation, flexion"),
        *(_portion_row(i, p) for i, p in enumerate(PORTIONS)),
    )

    def compute(self, values: Values) -> _MomentArmState:
        """The pose and the moment arms (m)."""
        ma = moment_arms(values["hip_flexion_deg"], values["hip_adduction_deg"], values["hip_rotation_deg"],
                         geometry=self.geometry)
        return _MomentArmState(self.pose(values), ma.as_array())

    def draw(self, state: _MomentArmState) -> list[Artist]:
        """Two views of the hip and the moment-arm bars; returns the moving artists."""
        axes = self.fig.subplots(1, 3, width_ratios=[1.0, 1.1, 1.0])
        # the portions are named on the two small views; the landmarks are named in notebook 01
        self.views = [draw_hip_view(axes[0], state.pose, "frontal", zoom="hip", legend=False, landmarks=False),
                      draw_hip_view(axes[1], state.pose, "sagittal", zoom="hip", legend=False, landmarks=False)]
        self.bars = draw_moment_arm_bars(axes[2], state.moment_arms_m, ACTIONS)
        axes[2].set_title("Moment arms")
        axes[2].set_ylabel("moment arm (cm)\n+ = the named action")
        moving: list[Artist] = [a for v in self.views for a in v.moving()]
        return moving + [rect for rects in self.bars.values() for rect in rects]

    def move(self, state: _MomentArmState) -> None:
        """Move the legs and the bars."""
        for view in self.views:
            update_hip_view(view, state.pose)
        update_moment_arm_bars(self.bars, state.moment_arms_m)


@dataclass(frozen=True)
class _LineState:
    pose: LegPose
    pull: dict[str, NDArray[np.float64]]  # unit vectors on the femur
    change_mm: dict[str, float]  # length change from neutral


def _change_words(change_mm: float) -> str:
    if abs(change_mm) < 0.05:
        return "as at neutral"
    return f"{abs(change_mm):.1f} mm {'longer' if change_mm > 0 else 'shorter'}"


def _pull_row(portion: str) -> Row:
    return Row(portion, lambda v, s: (*s.pull[portion], _change_words(s.change_mm[portion])),
               "{:+.2f}, {:+.2f}, {:+.2f}; {}", colour=PORTION_STYLE[portion]["color"])


class LinesOfActionPanel(HipPosePanel):
    """Turn the femur with three sliders; watch the lines of action in three views.

    The readout gives each portion's unit pull on the femur (forward, up,
    right components) and how much longer or shorter than at neutral the
    portion is: a portion that lengthens as the hip moves one way pulls the
    other way.

    Examples
    --------
    >>> panel = LinesOfActionPanel()
    >>> panel.sliders["hip_adduction_deg"].value = 20.0
    >>> "longer" in panel.readout.value
    True
    """

    figsize = (12.0, 4.5)
    rows = (
        _POSE_ROW,
        Row("Pull on the femur", lambda v, s: "unit vector (forward, up, right) and length against neutral"),
        *(_pull_row(p) for p in PORTIONS),
    )

    def compute(self, values: Values) -> _LineState:
        """The pose, the unit pulls and the length changes."""
        angles = (values["hip_flexion_deg"], values["hip_adduction_deg"], values["hip_rotation_deg"])
        lengths = muscle_lengths(*angles, geometry=self.geometry)
        neutral = muscle_lengths(geometry=self.geometry)
        return _LineState(self.pose(values), lines_of_action(*angles, geometry=self.geometry),
                          {p: float(lengths[p] - neutral[p]) * 1000 for p in PORTIONS})

    def draw(self, state: _LineState) -> list[Artist]:
        """The three views of the hip; returns the moving artists."""
        axes = self.fig.subplots(1, 3)
        self.views = [draw_hip_view(ax, state.pose, plane, zoom="hip", legend=False)
                      for ax, plane in zip(axes, ("frontal", "sagittal", "transverse"))]
        return [a for v in self.views for a in v.moving()]

    def move(self, state: _LineState) -> None:
        """Move the legs in all three views."""
        for view in self.views:
            update_hip_view(view, state.pose)
