"""The exercise explorer (notebook 09): posture, band, demand, portion shares and the cited EMG."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import ipywidgets as widgets
import numpy as np
from matplotlib.artist import Artist
from numpy.typing import NDArray

from glutemed._checks import check_name
from glutemed.geometry import PORTIONS
from glutemed.panels.base import Choice, Panel, Row, Slider, Values
from glutemed.rehab import (
    BAND_CHOICES,
    BAND_ELONGATION_RANGE_PCT,
    BAND_GRADES,
    EXERCISES,
    HIP_FLEXION_RANGE_DEG,
    KNEE_FLEXION_RANGE_DEG,
    NO_BAND,
    ExerciseDemand,
    band_force_n,
    band_points,
    exercise,
    exercise_demand,
)
from glutemed.views.rehab import (
    draw_band_curve,
    draw_demand_bars,
    draw_exercise,
    update_band_curve,
    update_demand_bars,
    update_exercise,
)
from glutemed.views.style import PORTION_STYLE

__all__ = ["Menu", "RehabPanel"]

_CURVE_PCT = np.linspace(*BAND_ELONGATION_RANGE_PCT, 81)
_KIND_WORDS = {"measured": "a read point", "teaching": "teaching line through the read point", "none": "no force"}


@dataclass(frozen=True)
class Menu(Choice):
    """A drop-down list bound to a model parameter, for a long list of options."""

    button_width: str = "26em"

    def widget(self, value: str) -> widgets.Dropdown:
        """The list, starting at ``value`` (one of the option values)."""
        check_name(value, self.name, [v for _, v in self.options])
        menu = widgets.Dropdown(options=list(self.options), value=value, description=self.description,
                                style={"description_width": "initial"}, layout=widgets.Layout(width=self.button_width))
        menu.add_class("glutemed-menu")
        return menu


def _band_words(band: str) -> str:
    return "no band" if band == NO_BAND else band.replace("theraband_", "Thera-Band ")


@dataclass(frozen=True)
class _RehabState:
    result: ExerciseDemand
    curve_n: NDArray[np.float64]  # the band's tension along _CURVE_PCT
    read_points: NDArray[np.float64]  # (k, 2) checked (elongation, force)


def _band_text(v: Values, s: _RehabState) -> str:
    r = s.result
    if r.band == NO_BAND:
        return f"none (stretch slider at {float(r.band_elongation_pct):.0f} %)"
    return (f"{_band_words(r.band)} loop at {float(r.band_elongation_pct):.0f} % elongation: tension "
            f"{float(r.band_tension_n):.1f} N ({_KIND_WORDS[r.band_force_kind]}), pull on the leg "
            f"{float(r.band_force_n):.1f} N at the {r.exercise.band_at}, lever {100 * float(r.band_lever_m):.0f} cm")


def _emg_text(v: Values, s: _RehabState) -> str:
    e = s.result.exercise
    if not e.has_emg:
        return "no checked EMG value (data/rehab_emg.csv lists what was found)"
    sd = f" ± {e.emg_sd:g}" if e.emg_sd is not None else ""
    method = f"{e.emg_method} amplitude" if e.emg_method else "method not reported"
    n = f"n = {e.emg_n}" if e.emg_n is not None else "n not read"
    reference = e.emg_reference or "a reference contraction"
    return f"{e.emg_pct_mvic:g}{sd} % of {reference} ({method}, {n}); {e.emg_citation}"


def _share_row(i: int, portion: str) -> Row:
    return Row(f"{portion} share", lambda v, s: 100.0 * float(s.result.portion_share[i]), "{:.0f}", "%",
               colour=PORTION_STYLE[portion]["color"])


class RehabPanel(Panel):
    """Explore an exercise: choose it and a band, stretch the band, change hip and knee flexion.

    Left, the stick model in the exercise's position (gravity down the
    page); right, the demand (body-weight and band parts) with the three
    portions' shares, and the band's tension against its elongation. The
    readout adds the cited EMG with its method, sample and source, and its
    intensity band, or says that no checked value exists.

    Choosing an exercise sets the band and the sliders to that exercise's
    teaching posture.

    Parameters
    ----------
    geometry : Geometry, str or None
        Default gait2392.
    exercise : str
        Starting exercise (:data:`glutemed.rehab.EXERCISE_NAMES`).
    band, band_elongation_pct, hip_flexion_deg, knee_flexion_deg
        Starting values; default the exercise's own.

    Examples
    --------
    >>> panel = RehabPanel()
    >>> panel.choices["exercise"].value = "clam"
    >>> panel.sliders["hip_flexion_deg"].value
    45.0
    >>> "Distefano" in panel.readout.value
    True
    """

    figsize = (12.0, 6.2)
    controls = (
        Menu("exercise", "Exercise", tuple((e.label, e.name) for e in EXERCISES)),
        Choice("band", "Band", tuple((_band_words(b), b) for b in BAND_CHOICES), "11em"),
        Slider("band_elongation_pct", "Band stretch (elongation)", "%", BAND_ELONGATION_RANGE_PCT, 5.0),
        Slider("hip_flexion_deg", "Hip flexion", "°", HIP_FLEXION_RANGE_DEG),
        Slider("knee_flexion_deg", "Knee flexion (squat depth)", "°", KNEE_FLEXION_RANGE_DEG),
    )
    defaults: ClassVar[dict] = {"exercise": "crab_walk"}
    rows = (
        Row("Exercise", lambda v, s: (s.result.exercise.label, s.result.exercise.position,
                                      s.result.exercise.support), "{} ({}, {})"),
        Row("Posture", lambda v, s: (v["hip_flexion_deg"], s.result.exercise.hip_adduction_deg,
                                     s.result.exercise.hip_rotation_deg, v["knee_flexion_deg"]),
            "hip flexion {:.0f}°, adduction {:+.0f}°, internal rotation {:+.0f}°, knee flexion {:.0f}° "
            "(a teaching posture)"),
        Row("Band", _band_text),
        Row("Demand", lambda v, s: (float(s.result.demand_nm_kg), s.result.demand_axis, float(s.result.weight_nm_kg),
                                    float(s.result.band_nm_kg)),
            "{:.2f} N m/kg, {} moment (body weight {:.2f} + band {:.2f}), quasi-static, 70 kg"),
        Row("Formula", lambda v, s: s.result.demand_formula),
        *(_share_row(i, p) for i, p in enumerate(PORTIONS)),
        Row("Cited EMG", _emg_text),
        Row("Intensity (Ebert et al. 2017 bands)",
            lambda v, s: (s.result.exercise.intensity or "none").replace("_", " ")),
        Row("", lambda v, s: "The model's demand is zero here: both feet are down under the hips and no band pulls "
            "sideways. Yet the muscle is active: see the notebook for why.",
            show=lambda v, s: float(s.result.demand_nm_kg) == 0.0),
    )

    def __init__(self, geometry=None, **start: Any):
        name = start.get("exercise", self.defaults["exercise"])
        check_name(name, "exercise", [e.name for e in EXERCISES])
        record = exercise(name)
        own = {"exercise": name, "band": record.band, "band_elongation_pct": record.band_elongation_pct,
               "hip_flexion_deg": record.hip_flexion_deg, "knee_flexion_deg": record.knee_flexion_deg}
        self._resetting = False
        super().__init__(geometry, **{**own, **start})

    def _on_change(self, change: Mapping) -> None:
        """A new exercise brings its band and posture; then one update."""
        if self._resetting:
            return
        if change.get("owner") is self.choices["exercise"]:
            record = exercise(change["new"])
            self._resetting = True
            try:
                self.choices["band"].value = record.band
                self.sliders["band_elongation_pct"].value = record.band_elongation_pct
                self.sliders["hip_flexion_deg"].value = record.hip_flexion_deg
                self.sliders["knee_flexion_deg"].value = record.knee_flexion_deg
            finally:
                self._resetting = False
        self.update()

    def compute(self, values: Values) -> _RehabState:
        """The exercise's demand at the control values, and the band's curve."""
        result = exercise_demand(values["exercise"], band=values["band"],
                                 band_elongation_pct=values["band_elongation_pct"],
                                 hip_flexion_deg=values["hip_flexion_deg"],
                                 knee_flexion_deg=values["knee_flexion_deg"], geometry=self.geometry)
        points = np.array([(p.elongation_pct, p.force_n) for p in band_points(values["band"])]).reshape(-1, 2)
        return _RehabState(result, np.asarray(band_force_n(values["band"], _CURVE_PCT)), points)

    def draw(self, state: _RehabState) -> list[Artist]:
        """The stick model (left), the demand and share bars and the band curve (right)."""
        axes = self.fig.subplot_mosaic([["figure", "demand"], ["figure", "shares"], ["figure", "band"]],
                                       width_ratios=[1.2, 1.0], height_ratios=[0.3, 0.8, 1.1])
        self.figure_artists = draw_exercise(axes["figure"], state.result)
        self.bars = draw_demand_bars(axes["demand"], axes["shares"], state.result)
        strongest = max(float(band_force_n(g, _CURVE_PCT[-1])) for g in BAND_GRADES) if BAND_GRADES else 1.0
        self.curve = draw_band_curve(axes["band"], _CURVE_PCT, state.curve_n, state.read_points, self._now(state),
                                     1.15 * strongest)
        return [*self.figure_artists.moving(), *self.bars.values(), *self.curve.moving()]

    @staticmethod
    def _now(state: _RehabState) -> tuple[float, float]:
        return float(state.result.band_elongation_pct), float(state.result.band_tension_n)

    def move(self, state: _RehabState) -> None:
        """Move the legs, the bars and the band curve."""
        update_exercise(self.figure_artists, state.result)
        update_demand_bars(self.bars, state.result)
        update_band_curve(self.curve, state.curve_n, state.read_points, self._now(state))
