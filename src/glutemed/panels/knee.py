"""The knee valgus chain, weak against strong (notebook 06)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import numpy as np
from matplotlib.artist import Artist

from glutemed.fppa import describe_fppa
from glutemed.knee_chain import (
    CALIBRATED_ACTIVITY,
    EXTRA_HIP_ROTATION_RANGE_DEG,
    KNEE_ACTIVITIES,
    KNEE_FLEXION_RANGE_DEG,
    KneeValgusResult,
    activity_knee_flexion_deg,
    knee_valgus,
)
from glutemed.literature import literature_value
from glutemed.panels.base import Choice, Panel, Row, Slider, Values
from glutemed.pelvic_drop import STRENGTH_RANGE
from glutemed.views.knee import draw_chain, draw_chain_axes, update_chain
from glutemed.views.projection import CHAIN_VIEWS

__all__ = ["KneeValgusPanel"]

_KNEE_STEP_DEG = 1.0


def _group(task: str, name: str) -> str:
    return f"{literature_value(f'fppa_{task}_{name}'):g} ± {literature_value(f'fppa_{task}_{name}_sd'):g}°"


def _herrington(v: Values, r: KneeValgusResult) -> str:
    return (f"single-leg squat, controls {_group('squat', 'controls')} and patellofemoral pain "
            f"{_group('squat', 'pfp')}; landing, controls {_group('landing', 'controls')} and "
            f"patellofemoral pain {_group('landing', 'pfp')}")


def _chain_values(r: KneeValgusResult, i: int) -> dict[str, float]:
    """The FPPA and knee shift of pose ``i``, for the camera view's labels."""
    return {"fppa_deg": float(r.fppa_deg[i]), "knee_shift_m": float(r.knee_medial_shift_m[i])}


class KneeValgusPanel(Panel):
    """The knee valgus chain, weak against strong, in a 3-D view and the frontal camera view.

    The moving chain (solid) follows the sliders; the dashed chain is the
    same leg at normative strength (1.0) with the same knee flexion and
    rotation, for comparison.

    Parameters
    ----------
    geometry : Geometry, str or None
        Default gait2392.
    strength : float
        Starting abductor strength, fraction of a normative runner's (0-1.5).
    activity : {"single_leg_squat", "running"}
    knee_flexion_deg : float or None
        Starting knee flexion, degrees; None takes the activity's.
    extra_hip_rotation_deg : float
        Starting extra internal rotation of the femur, degrees.

    Examples
    --------
    >>> panel = KneeValgusPanel()
    >>> panel.sliders["strength"].value = 0.5
    >>> "FPPA" in panel.readout.value
    True
    """

    figsize = (11.0, 6.0)
    controls = (
        Choice("activity", "Activity", tuple((a.replace("_", " "), a) for a in KNEE_ACTIVITIES), "10em"),
        Slider("strength", "Abductor strength", "× normative", STRENGTH_RANGE, 0.05, ".2f"),
        Slider("knee_flexion_deg", "Knee flexion", "°", KNEE_FLEXION_RANGE_DEG, _KNEE_STEP_DEG),
        Slider("extra_hip_rotation_deg", "Extra hip internal rotation", "°", EXTRA_HIP_ROTATION_RANGE_DEG),
    )
    defaults: ClassVar[dict] = {"activity": "single_leg_squat", "strength": 1.0, "knee_flexion_deg": None,
                                "extra_hip_rotation_deg": 0.0}
    rows = (
        Row("Activity", lambda v, r: (v["activity"].replace("_", " "), v["strength"], v["knee_flexion_deg"],
                                      v["extra_hip_rotation_deg"]),
            "{}, strength {:.2f} × normative, knee flexion {:.0f}°, extra rotation {:+.0f}°"),
        Row("FPPA", lambda v, r: (float(r.fppa_deg[0]), float(r.fppa_deg[1])),
            "{:.1f}° (normative strength: {:.1f}°)"),
        Row("Against the squat groups", lambda v, r: describe_fppa(float(r.fppa_deg[0]), "squat")),
        Row("Herrington 2014 groups", _herrington),
        Row("Knee", lambda v, r: (100 * float(r.knee_medial_shift_m[0]), float(r.knee_swing_deg[0])),
            "{:.1f} cm medial of the hip-ankle line (swing {:.1f}°)"),
        Row("Hip", lambda v, r: (float(r.hip_adduction_deg[0]), float(r.hip_rotation_deg[0]),
                                 float(r.hip_flexion_deg[0])),
            "adduction {:.1f}°, internal rotation {:.1f}° (total), flexion {:.1f}°"),
        Row("Pelvic drop", lambda v, r: (float(r.pelvic_drop_deg[0]), "" if bool(r.pelvis_held[0]) else
                                         ": the abductors alone cannot hold it; drawn level, as if compensated"),
            "{:.1f}° (swing side lower){}"),
        Row("", lambda v, r: f"{v['activity'].replace('_', ' ').capitalize()} reuses the squat's calibration of "
            "the knee swing, and Herrington's groups are squats and landings: compare with care.",
            show=lambda v, r: v["activity"] != CALIBRATED_ACTIVITY),
        Row("", lambda v, r: "A hip angle is outside the published joint ranges: the model is extrapolating.",
            show=lambda v, r: not bool(r.within_joint_ranges[0])),
    )

    def __init__(self, geometry=None, **start: Any):
        activity = start.get("activity", self.defaults["activity"])
        if start.get("knee_flexion_deg") is None:
            start["knee_flexion_deg"] = self.activity_knee_flexion_deg(activity)
        super().__init__(geometry, **start)
        self.choices["activity"].observe(self._on_activity, names="value")

    @staticmethod
    def activity_knee_flexion_deg(activity: str) -> float:
        """The activity's knee flexion from the literature, rounded to the slider's 1° step.

        >>> KneeValgusPanel.activity_knee_flexion_deg("running")  # Heiderscheit 2011: 46.3
        46.0
        """
        return float(round(activity_knee_flexion_deg(activity) / _KNEE_STEP_DEG) * _KNEE_STEP_DEG)

    def _on_activity(self, change: Mapping) -> None:
        """A new activity brings its own knee flexion (which triggers one more update)."""
        self.sliders["knee_flexion_deg"].value = self.activity_knee_flexion_deg(change["new"])

    def compute(self, values: Values) -> KneeValgusResult:
        """The chain at the slider's strength and at normative strength, side by side."""
        return knee_valgus(np.array([values["strength"], 1.0]), values["activity"],
                           knee_flexion_deg=values["knee_flexion_deg"],
                           extra_hip_rotation_deg=values["extra_hip_rotation_deg"], geometry=self.geometry)

    def draw(self, state: KneeValgusResult) -> list[Artist]:
        """Oblique 3-D view (left) and camera view (right); returns the moving artists."""
        axes = self.fig.subplots(1, 2)
        titles = {"oblique": "3-D view (front, outer side, above)", "camera": "Frontal camera: the FPPA"}
        self.chains = []
        for ax, view in zip(axes, CHAIN_VIEWS):
            draw_chain_axes(ax, view, titles[view], self.geometry.side)
            self.chains.append(draw_chain(ax, state.chain, view, "strong", label="normative strength (1.0)",
                                          index=(1,)))
            # the slider's chain: in the camera view, its FPPA as an angle and its knee shift dimensioned
            values = _chain_values(state, 0) if view == "camera" else {}
            self.chains.append(draw_chain(ax, state.chain, view, "weak", label="strength on the slider",
                                          index=(0,), **values))
        self.fig.legend(*axes[1].get_legend_handles_labels(), loc="outside lower center", ncols=2)
        return [artist for chain in self.chains for artist in chain.moving()]

    def move(self, state: KneeValgusResult) -> None:
        """Move both chains in both views, with the slider chain's angle and shift labels."""
        for chain in self.chains:
            update_chain(chain, state.chain, **_chain_values(state, chain.index[0]))
