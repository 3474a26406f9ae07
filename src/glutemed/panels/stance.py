"""Single-leg stance (notebook 03) and pelvic drop, weak against strong (notebook 04)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np
from matplotlib.artist import Artist

from glutemed.kinematics import FrontalFigure, frontal_figure
from glutemed.pelvic_drop import STRENGTH_RANGE, PelvicDropResult, pelvic_drop
from glutemed.panels.base import Choice, Panel, Row, Slider, Values
from glutemed.statics import (
    ACTIVITIES,
    BODY_MASS_RANGE_KG,
    CANE_FORCE_RANGE_BW,
    TRUNK_LEAN_RANGE_DEG,
    StanceResult,
    single_leg_stance,
)
from glutemed.views.drop import draw_drop_curves, update_drop_curves
from glutemed.views.forces import draw_forces, origins_up_m, update_forces
from glutemed.views.stance import PELVIS_LIMITS_CM, draw_frontal_figure, draw_level_pelvis, update_frontal_figure

__all__ = ["HipDropPanel", "StancePanel"]

_TRUNK_LEAN = Slider("trunk_lean_deg", "Trunk lean toward the stance side", "°", TRUNK_LEAN_RANGE_DEG)


@dataclass(frozen=True)
class _StanceState:
    result: StanceResult
    figure: FrontalFigure


class StancePanel(Panel):
    """Single-leg stance free-body diagram with body mass, trunk lean and cane sliders.

    The figure shows the pelvis seen from behind with the forces on the body
    above the stance hip drawn to scale (0.015 cm per newton) and the two
    lever arms dimensioned; the readout gives the numbers in newtons and body
    weights.

    Parameters
    ----------
    geometry : Geometry, str or None
        Default gait2392.
    body_mass_kg, trunk_lean_deg, cane_force_bw : float
        Starting values (see :func:`glutemed.single_leg_stance`).

    Examples
    --------
    >>> panel = StancePanel()
    >>> panel.sliders["cane_force_bw"].value = 0.1
    >>> "Cane" in panel.readout.value
    True
    """

    figsize = (6.6, 7.2)
    controls = (
        Slider("body_mass_kg", "Body mass", "kg", BODY_MASS_RANGE_KG),
        _TRUNK_LEAN,
        Slider("cane_force_bw", "Cane force", "× body weight", CANE_FORCE_RANGE_BW, 0.01, ".2f"),
    )
    defaults: ClassVar[dict] = {"body_mass_kg": 70.0, "trunk_lean_deg": 0.0, "cane_force_bw": 0.0}
    rows = (
        Row("Body weight", lambda v, s: (float(s.result.body_weight_n), s.result.upper_body_fraction
                                         * float(s.result.body_weight_n), s.result.upper_body_fraction),
            "{:.0f} N; above the stance hip {:.0f} N ({:.2f} BW)"),
        Row("Lever arms", lambda v, s: (100 * float(s.result.body_weight_lever_m), 100 * s.result.abductor_lever_m,
                                        float(s.result.body_weight_lever_m) / s.result.abductor_lever_m),
            "body weight d = {:.1f} cm, abductors r = {:.1f} cm (d/r = {:.2f})"),
        Row("Abductor force", lambda v, s: (float(s.result.abductor_force_n), float(s.result.abductor_force_bw),
                                            100 * float(s.result.activation)),
            "{:.0f} N = {:.2f} BW ({:.0f} % of the model's gluteus medius maximum; minimus and TFL not modelled)"),
        Row("Hip contact force", lambda v, s: (float(s.result.hip_contact_force_n),
                                               float(s.result.hip_contact_force_bw),
                                               float(s.result.hip_contact_angle_deg)),
            "{:.0f} N = {:.2f} BW, {:.0f}° from vertical"),
        Row("Cane", lambda v, s: (float(np.asarray(s.result.cane_vector_n)[..., 1]), 100 * s.result.cane_lever_m),
            "{:.0f} N at {:.0f} cm from the hip"),
        Row("", lambda v, s: "Lean and cane together tip the pelvis toward the stance side: the adductors "
            "would have to act (outside this model).", show=lambda v, s: not bool(s.result.balanced)),
    )

    def compute(self, values: Values) -> _StanceState:
        """The statics and the stick figure for the slider values."""
        result = single_leg_stance(values["body_mass_kg"], values["trunk_lean_deg"], values["cane_force_bw"],
                                   geometry=self.geometry)
        return _StanceState(result, frontal_figure(0.0, np.radians(values["trunk_lean_deg"]), self.geometry))

    def draw(self, state: _StanceState) -> list[Artist]:
        """The frontal stick figure and the force arrows; returns the moving artists."""
        ax = self.fig.add_subplot()
        self.figure_artists = draw_frontal_figure(ax, state.figure, state.result.com_m,
                                                  label="Single-leg stance on the right leg")
        self.forces = draw_forces(ax, state.result, crest_up_m=origins_up_m(state.figure))
        lines = self.figure_artists.lines
        labels = self.figure_artists.labels  # re-placed at each step if a force reaches them
        return [lines["trunk"], lines["com"], lines["com_dot"], labels["com"], labels["swing_hip"],
                *self.forces.moving()]

    def move(self, state: _StanceState) -> None:
        """Move the trunk, the centre of mass and the forces."""
        update_frontal_figure(self.figure_artists, state.figure, state.result.com_m)
        update_forces(self.forces, state.result)


@dataclass(frozen=True)
class _DropState:
    result: PelvicDropResult
    figure: FrontalFigure


def _level_text(v: Values, s: _DropState) -> str:
    level = float(s.result.activation_to_stay_level_pct)
    return "no strength at all" if not np.isfinite(level) else f"{level:.0f} %"


def _drop_text(v: Values, s: _DropState) -> str:
    r = s.result
    if bool(r.held):
        return f"{float(r.drop_deg):.1f}° (swing side lower)"
    text = f"not held: the hip reaches the end of its adduction range ({float(r.hip_adduction_deg):.0f}°)"
    lean = float(r.trunk_lean_needed_deg)
    if np.isfinite(lean):
        text += f"; a trunk lean of {lean:.0f}° over the stance leg would hold it"
    elif r.activity != "running":
        text += "; even a 30° trunk lean would not hold it"
    return text


class HipDropPanel(Panel):
    """Abductor strength against pelvic drop: the stick figure and the moments over stance.

    Parameters
    ----------
    geometry : Geometry, str or None
        Default gait2392.
    strength : float
        Starting strength, fraction of a normative runner's (0-1.5).
    activity : {"stance", "walking", "running"}
    trunk_lean_deg : float
        Starting trunk lean toward the stance side, degrees.

    Examples
    --------
    >>> panel = HipDropPanel()
    >>> panel.sliders["strength"].value = 0.4
    >>> "Pelvic drop" in panel.readout.value
    True
    """

    figsize = (12.0, 6.2)
    controls = (
        Choice("activity", "Activity", tuple((a, a) for a in ACTIVITIES), "7em"),
        Slider("strength", "Abductor strength", "× normative", STRENGTH_RANGE, 0.05, ".2f"),
        _TRUNK_LEAN,
    )
    defaults: ClassVar[dict] = {"activity": "running", "strength": 1.0, "trunk_lean_deg": 0.0}
    rows = (
        Row("Activity", lambda v, s: (v["activity"], v["strength"], v["trunk_lean_deg"]),
            "{}, strength {:.2f} × normative, trunk lean {:.0f}°"),
        Row("Pelvic drop", _drop_text),
        Row("Hip adduction", lambda v, s: (float(s.result.hip_adduction_deg), float(s.result.femur_adduction_deg)),
            "{:.1f}° (pelvic drop + {:.1f}° lean of the femur toward the midline)"),
        Row("To stay level", _level_text, "model demand over the strength norm {} (not a measured effort)"),
        Row("Moments at peak load", lambda v, s: (float(s.result.demand_nm_kg), float(s.result.capacity_nm_kg),
                                     float(s.result.muscle_nm_kg), float(s.result.passive_nm_kg)),
            "demand {:.2f}, capacity {:.2f}, muscles {:.2f}, passive tissue {:.3f}", "N m/kg"),
        Row("Hip contact force", lambda v, s: float(s.result.hip_contact_force_bw), "{:.1f} BW"),
    )

    def compute(self, values: Values) -> _DropState:
        """The drop model and the stick figure at the settled drop."""
        result = pelvic_drop(values["strength"], values["activity"], values["trunk_lean_deg"],
                             geometry=self.geometry)
        figure = frontal_figure(np.radians(float(result.drop_deg)), np.radians(values["trunk_lean_deg"]),
                                self.geometry)
        return _DropState(result, figure)

    def draw(self, state: _DropState) -> list[Artist]:
        """Stick figure (left) and demand/capacity curves (right); returns the moving artists."""
        ax_fig, ax_curves = self.fig.subplots(1, 2, width_ratios=[1.2, 1.0])
        draw_level_pelvis(ax_fig, frontal_figure(0.0, 0.0, self.geometry))
        self.figure_artists = draw_frontal_figure(ax_fig, state.figure, state.result.com_m,
                                                  limits_cm=PELVIS_LIMITS_CM, label="Pelvis from behind",
                                                  drop_deg=float(state.result.drop_deg))
        self.curves = draw_drop_curves(ax_curves, state.result)
        ax_curves.set_title("Demand and capacity over stance")
        return [*self.figure_artists.moving(), *self.curves.lines.values()]

    def move(self, state: _DropState) -> None:
        """Move the figure, the drop angle and the curves."""
        update_frontal_figure(self.figure_artists, state.figure, state.result.com_m,
                              drop_deg=float(state.result.drop_deg))
        update_drop_curves(self.curves, state.result)
        if not bool(state.result.held):
            self.figure_artists.labels["drop"].set_text("not held")
