"""The risk explorer (notebook 08): a runner profile beside a tornado chart of mechanisms."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
from matplotlib.artist import Artist

from glutemed.ground_force import DEFAULT_SPEED_M_S, SPEED_RANGE_M_S
from glutemed.panels.base import Choice, Panel, Row, Slider, Values
from glutemed.pelvic_drop import STRENGTH_RANGE
from glutemed.effects import OUTPUTS, FactorEffects, factor_effects
from glutemed.risk import (
    HIP_FLEXION_RANGE_DEG,
    PELVIS_WIDTH_CHANGE_RANGE_PCT,
    PREVIOUS_INJURIES,
    SHOES_SURFACES,
    WEEKLY_INCREASE_RANGE_PCT,
    RunnerProfile,
    runner_mechanisms,
)
from glutemed.statics import SEXES, TRUNK_LEAN_RANGE_DEG
from glutemed.views.risk import TORNADO_TITLE, draw_tornado, update_tornado

__all__ = ["RiskExplorerPanel"]

_INJURY_LABELS = {"none": "none", "pfp": "PFP-sized deficit", "itbs": "ITBS-sized deficit"}


def _value(e: FactorEffects, output: str) -> str:
    """The profile's value of one output against the reference, or why there is none."""
    j = e.outputs.index(output)
    name, unit = OUTPUTS[output]
    d = e.delta[-1, j]
    if np.isnan(d):
        return f"{name}: pelvis not held, no value"
    if unit == "%":
        return f"{name}: {e.reference[j] * (1 + d / 100):.0f} N m s/kg ({d:+.0f} % against the reference)"
    return f"{name}: {e.reference[j] + d:.1f} {unit} ({d:+.1f} against {e.reference[j]:.1f})"


class RiskExplorerPanel(Panel):
    """A runner profile (the risk factors of ``data/risk_factors.csv`` as model inputs) and a tornado chart.

    Each bar moves one factor, alone, from the reference runner (the models'
    normative runner) to the profile; the last bar moves them all. The
    chart shows mechanisms in a model, not anyone's risk of injury.

    Parameters
    ----------
    geometry : Geometry, str or None
        Accepted for the panel base; the profile always uses the default geometry.
    **start
        Starting values of the controls, by :class:`glutemed.risk.RunnerProfile` field name.

    Examples
    --------
    >>> panel = RiskExplorerPanel()
    >>> panel.choices["previous_injury"].value = "pfp"
    >>> "not a personal risk prediction" in panel.readout.value
    True
    """

    figsize = (13.0, 5.6)
    controls = (
        Choice("sex", "Sex", tuple((s, s) for s in SEXES)),
        Choice("previous_injury", "Previous injury", tuple((v, k) for k, v in _INJURY_LABELS.items()), "11em"),
        Choice("shoes_surface", "Shoes and surfaces", tuple((k, k) for k in SHOES_SURFACES), "12em"),
        Slider("strength", "Abductor strength before injury", "× the sex's norm", STRENGTH_RANGE, 0.05, ".2f"),
        Slider("weekly_increase_pct", "This week's distance change", "%", WEEKLY_INCREASE_RANGE_PCT, 5.0),
        Slider("speed_m_s", "Running speed", "m/s", SPEED_RANGE_M_S, 0.04, ".2f"),
        Slider("hip_flexion_deg", "Posture: extra hip flexion (anterior pelvic tilt)", "°", HIP_FLEXION_RANGE_DEG),
        Slider("trunk_lean_deg", "Trunk lean over the stance leg (frontal)", "°", TRUNK_LEAN_RANGE_DEG),
        Slider("pelvis_width_change_pct", "Pelvis width at the same leg length", "% change",
               PELVIS_WIDTH_CHANGE_RANGE_PCT),
    )
    defaults: ClassVar[dict] = {"sex": "female", "previous_injury": "none", "shoes_surface": "usual",
                                "strength": 1.0, "weekly_increase_pct": 0.0, "speed_m_s": DEFAULT_SPEED_M_S,
                                "hip_flexion_deg": 0.0, "trunk_lean_deg": 0.0, "pelvis_width_change_pct": 0.0}
    rows = (
        Row("", lambda v, e: TORNADO_TITLE + ": bars show what the model does when one factor moves, "
            "not who gets injured.", colour="#B34700"),
        Row("Profile", lambda v, e: "; ".join(e.labels[:-1])),
        Row("Mechanisms", lambda v, e: _value(e, "pelvic_drop_deg")),
        Row("", lambda v, e: _value(e, "hip_adduction_deg")),
        Row("", lambda v, e: _value(e, "fppa_deg")),
        Row("", lambda v, e: _value(e, "hip_contact_force_bw")),
        Row("", lambda v, e: _value(e, "weekly_abductor_load_pct")),
        Row("Strength the model uses", lambda v, e: runner_mechanisms(e.profile).effective_strength,
            "{:.2f} × the sex's norm (after injury deficit and posture)"),
        Row("Pelvis", lambda v, e: "not held by the abductors in this profile: the model cannot say what the "
            "runner would do instead (lean, shorten the step, slow down)",
            show=lambda v, e: not bool(e.held[-1]), colour="#B34700"),
        Row("Previous injury", lambda v, e: PREVIOUS_INJURIES[v["previous_injury"]],
            show=lambda v, e: v["previous_injury"] != "none"),
        Row("Shoes and surfaces", lambda v, e: "no path in the model; measured: " + e.notes["shoes_surface"],
            show=lambda v, e: v["shoes_surface"] != "usual"),
    )

    def compute(self, values: Values) -> FactorEffects:
        """The profile's factor effects against the reference runner."""
        return factor_effects(RunnerProfile(**values))

    def draw(self, state: FactorEffects) -> list[Artist]:
        """Five tornado axes side by side; returns the moving artists."""
        self.fig.set_layout_engine("none")  # fixed margins: the factor labels move, the layout must not
        left, right, bottom, top, gap = 0.175, 0.99, 0.19, 0.80, 0.012
        width = (right - left - gap * (len(OUTPUTS) - 1)) / len(OUTPUTS)
        axes = [self.fig.add_axes((left + j * (width + gap), bottom, width, top - bottom))
                for j in range(len(OUTPUTS))]
        self.fig.suptitle(TORNADO_TITLE + " (reference: the normative runner)", fontsize=13,
                          color="#B34700", fontweight="bold")
        self.tornado = draw_tornado(axes, state)
        self.tornado.note.set_wrap(True)
        return self.tornado.all()

    def move(self, state: FactorEffects) -> None:
        """Move bars, values and labels."""
        update_tornado(self.tornado, state)
