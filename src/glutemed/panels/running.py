"""One running stance in time (notebook 07): scrub or play it, a runner beside a normative reference.

The model (:func:`glutemed.running.running_stance`) runs once per set of
runner and running values and is cached; the time slider and the Play
button only pick an instant of the cached result, so scrubbing moves
artists and never integrates again.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, ClassVar

import ipywidgets as widgets
import numpy as np
from matplotlib.artist import Artist
from matplotlib.figure import Figure

from glutemed.geometry import Geometry
from glutemed.ground_force import stance_conditions
from glutemed.kinematics import FrontalFigure, frontal_figure
from glutemed.literature import literature_value
from glutemed.panels.base import BlitRenderer, Choice, Panel, Row, Slider, Values, canvas_png
from glutemed.running import (
    DEFAULT_SEX,
    DEFAULT_SPEED_M_S,
    FATIGUE_RANGE_PCT,
    SPEED_RANGE_M_S,
    STEP_RATE_CHANGE_RANGE_PCT,
    STRENGTH_RANGE,
    RunningStance,
    running_stance,
)
from glutemed.statics import SEXES, TRUNK_LEAN_RANGE_DEG, abductor_strength_norm_nm_kg
from glutemed.views.running import (
    RUNNER_STYLE,
    draw_running_figures,
    draw_stance_time,
    stance_time_axis,
    update_running_figures,
    update_stance_cursor,
    update_stance_time,
)

__all__ = ["STANCE_PCT_RANGE", "LayeredBlitRenderer", "RunningPanel"]

#: The time slider: the instant shown, % of the contact time.
STANCE_PCT_RANGE: tuple[float, float] = (0.0, 100.0)
#: Parameters of the model, in the order of :func:`running_stance` (the cache key).
_MODEL_VALUES = ("strength", "speed_m_s", "step_rate_change_pct", "fatigue_pct", "trunk_lean_deg", "sex")
#: Speed slider step, m/s: 2 m/s + 26 steps is the default 3.04 m/s.
_SPEED_STEP_M_S = 0.04
#: Results kept per panel (one per set of model values visited).
_CACHE_SIZE = 64
#: Play: percent of stance per frame (also the time slider's step, so Play always reaches 100 %) and
#: milliseconds between frames: one stance in about 5 s, slow motion.
_PLAY_STEP_PCT = 2
_PLAY_INTERVAL_MS = 100


class LayeredBlitRenderer(BlitRenderer):
    """Blitting in two layers: artists that change with the runner, kept in a second cached image, under
    artists that change with the instant.

    Scrubbing in time redraws only the upper layer; a new runner (a new
    model result) redraws both (:meth:`invalidate_lower`).

    Examples
    --------
    >>> from glutemed.views.style import new_figure
    >>> fig = new_figure(2, 2)
    >>> ax = fig.add_subplot()
    >>> (curve,) = ax.plot([0, 1], [0, 1])
    >>> (dot,) = ax.plot([0.5], [0.5], "o")
    >>> r = LayeredBlitRenderer(fig, [curve], [dot])
    >>> r.render()[:4] == b"\\x89PNG" and r.render()[:4] == b"\\x89PNG"
    True
    """

    def __init__(self, fig: Figure, lower: list[Artist], upper: list[Artist]):
        super().__init__(fig, [*lower, *upper])
        self.lower, self.upper = list(lower), list(upper)
        self._lower_background = None

    def invalidate(self) -> None:
        """Forget both cached images (after a change to a static artist)."""
        super().invalidate()
        self._lower_background = None

    def invalidate_lower(self) -> None:
        """Forget the cached lower layer (after its artists moved)."""
        self._lower_background = None

    def render(self) -> bytes:
        """PNG bytes of the figure in its current state."""
        canvas = self.fig.canvas
        if self._lower_background is None:
            if self._background is None:
                self.draw_background()  # static parts only; the layout is frozen from here on
                self._background = canvas.copy_from_bbox(self.fig.bbox)
            else:
                canvas.restore_region(self._background)
            for artist in self.lower:
                self.fig.draw_artist(artist)
            self._lower_background = canvas.copy_from_bbox(self.fig.bbox)
        else:
            canvas.restore_region(self._lower_background)
        for artist in self.upper:
            self.fig.draw_artist(artist)
        return canvas_png(canvas)


@dataclass(frozen=True)
class _RunningState:
    result: RunningStance
    index: int
    figures: dict[str, FrontalFigure]


def _published(name: str) -> str:
    return f"{literature_value(name):g} ± {literature_value(name + '_sd'):g}"


def _held(s: _RunningState, i: int = 0) -> bool:
    return bool(np.asarray(s.result.pelvis_held)[i])


def _peak(s: _RunningState, field: str, i: int = 0) -> float:
    return float(np.asarray(getattr(s.result, field))[i])


def _now(v: Values, s: _RunningState) -> str:
    r, k = s.result, s.index
    drop = r.pelvic_drop_deg[:, k]
    runner = f"{drop[0]:.1f}°" if np.isfinite(drop[0]) else "lost"
    return (f"t = {1000 * r.time_s[k]:.0f} ms ({v['stance_pct']:.0f} % of stance): ground force "
            f"{r.vertical_grf_bw[k]:.2f} BW; pelvic drop {runner} (normative {drop[1]:.1f}°)")


def _drop(v: Values, s: _RunningState) -> str:
    if not _held(s):
        return ("not held: the abductors cannot stop the drop before the hip's adduction range ends, so the "
                "runner must compensate (lean the trunk, shorten the stride, slow down)")
    return (f"{_peak(s, 'peak_pelvic_drop_deg'):.1f}° at {1000 * _peak(s, 'time_of_peak_drop_s'):.0f} ms "
            f"(normative {_peak(s, 'peak_pelvic_drop_deg', 1):.1f}°)") if _peak(s, "peak_pelvic_drop_deg") > 0 \
        else f"none: the pelvis stays level (normative {_peak(s, 'peak_pelvic_drop_deg', 1):.1f}°)"


def _adduction(v: Values, s: _RunningState) -> str:
    phi = float(s.result.femur_adduction_deg)
    measured = f"runners {_published('running_hip_adduction')}° (Heiderscheit 2011)"
    if not _held(s):
        return f"past {_peak(s, 'peak_hip_adduction_deg'):.0f}°, the end of the model's range; {measured}"
    return (f"{_peak(s, 'peak_hip_adduction_deg'):.1f}° = drop + {phi:.1f}° femur lean "
            f"(normative {_peak(s, 'peak_hip_adduction_deg', 1):.1f}°); {measured}")


def _moment(v: Values, s: _RunningState) -> str:
    until = "" if _held(s) else " until the pelvis was lost"
    return (f"{_peak(s, 'peak_abduction_moment_nm_kg'):.2f} N m/kg{until} (normative "
            f"{_peak(s, 'peak_abduction_moment_nm_kg', 1):.2f}); runners "
            f"{_published('running_hip_abduction_moment')} N m/kg (Heiderscheit 2011)")


def _contact(v: Values, s: _RunningState) -> str:
    held = _held(s)
    runner = f"{_peak(s, 'peak_hip_contact_force_bw'):.1f} BW" + ("" if held else " until the pelvis was lost")
    return f"peak {runner} (normative {_peak(s, 'peak_hip_contact_force_bw', 1):.1f} BW)"


class RunningPanel(Panel):
    """One running stance, played or scrubbed: the runner on the sliders beside a normative reference.

    Left, both runners from behind on the right leg (the femur leaning
    toward the midline): the runner solid red-orange, the reference dashed
    blue. Right, against time: the vertical ground force, and both runners'
    pelvic drop with the hip adduction on the right axis; a cursor marks the
    instant on the time slider. The reference has normative strength (1.0)
    and no fatigue; it shares the runner's speed, step rate, trunk lean and sex.

    The Play button steps the time slider in slow motion; the model runs once
    for each set of the other values (cached), so scrubbing and playing only
    move artists.

    Parameters
    ----------
    geometry : Geometry, str or None
        Default gait2392.
    stance_pct : float
        Starting instant, % of the contact time (0-100).
    strength, speed_m_s, step_rate_change_pct, fatigue_pct, trunk_lean_deg, sex
        Starting values (see :func:`glutemed.running_stance`).

    Examples
    --------
    >>> panel = RunningPanel()
    >>> panel.sliders["stance_pct"].value = 50.0
    >>> "ms (50 % of stance)" in panel.readout.value
    True
    """

    figsize = (11.5, 5.6)
    controls = (
        Choice("sex", "Runner", tuple((s, s) for s in SEXES), "7em"),
        Slider("stance_pct", "Time in stance", "% of contact time", STANCE_PCT_RANGE, _PLAY_STEP_PCT, ".0f"),
        Slider("strength", "Abductor strength", "× the sex's mean", STRENGTH_RANGE, 0.05, ".2f"),
        Slider("fatigue_pct", "Fatigue: abductor force lost", "%", FATIGUE_RANGE_PCT, 1.0, ".0f"),
        Slider("speed_m_s", "Running speed", "m/s", SPEED_RANGE_M_S, _SPEED_STEP_M_S, ".2f"),
        Slider("step_rate_change_pct", "Step-rate change", "% from preferred", STEP_RATE_CHANGE_RANGE_PCT, 1.0,
               "+.0f"),
        Slider("trunk_lean_deg", "Trunk lean over the stance leg", "°", TRUNK_LEAN_RANGE_DEG, 1.0, ".0f"),
    )
    #: controls that pick what is shown from the model's result, not model parameters
    view_controls: ClassVar[tuple[str, ...]] = ("stance_pct",)
    defaults: ClassVar[dict] = {"sex": DEFAULT_SEX, "stance_pct": 80.0, "strength": 0.8, "fatigue_pct": 0.0,
                                "speed_m_s": DEFAULT_SPEED_M_S, "step_rate_change_pct": 0.0,
                                "trunk_lean_deg": 0.0}
    rows = (
        Row("Runner", lambda v, s: (v["sex"], v["strength"], v["strength"] * abductor_strength_norm_nm_kg(v["sex"]),
                                    v["fatigue_pct"], v["trunk_lean_deg"]),
            "{}, strength {:.2f} × the sex's mean ({:.2f} N m/kg), fatigue {:.0f} %, trunk lean {:.0f}°",
            colour=RUNNER_STYLE["runner"]["color"]),
        Row("Running", lambda v, s: (v["speed_m_s"], s.result.conditions.step_rate_steps_min,
                                     v["step_rate_change_pct"], 1000 * s.result.conditions.contact_time_s,
                                     s.result.conditions.peak_vertical_grf_bw),
            "{:.2f} m/s, {:.0f} steps/min ({:+.0f} %); contact {:.0f} ms; peak ground force {:.2f} BW"),
        Row("Now", _now),
        Row("Peak pelvic drop", _drop),
        Row("Peak hip adduction", _adduction),
        Row("Peak abduction moment", _moment),
        Row("Hip contact force", _contact),
    )

    def __init__(self, geometry: Geometry | str | None = None, **start: Any):
        self._results: OrderedDict[tuple, RunningStance] = OrderedDict()
        self._drawn: RunningStance | None = None
        super().__init__(geometry, **start)
        # two layers: the curves (they change with the runner) under the cursor and figures (with the instant)
        self.renderer = LayeredBlitRenderer(self.fig, self._runner_layer, self._instant_layer)
        self.image.value = self.renderer.render()

    # --- the model, once per set of values --------------------------------------------------
    def result_for(self, values: Values) -> RunningStance:
        """The runner and the reference for ``values``, from the cache or one model run."""
        key = tuple(values[name] for name in _MODEL_VALUES)
        if key in self._results:
            self._results.move_to_end(key)
            return self._results[key]
        strength, speed, rate, fatigue, lean, sex = key
        result = running_stance(np.array([strength, 1.0]), speed, rate, np.array([fatigue, 0.0]), lean, sex,
                                geometry=self.geometry)
        self._results[key] = result
        if len(self._results) > _CACHE_SIZE:
            self._results.popitem(last=False)
        return result

    def compute(self, values: Values) -> _RunningState:
        """The cached result, the time sample nearest the slider's instant, and both stick figures there."""
        result = self.result_for(values)
        x = stance_time_axis(result, "%")
        index = int(np.argmin(np.abs(x - values["stance_pct"])))
        lean = np.radians(values["trunk_lean_deg"])
        phi = np.radians(float(result.femur_adduction_deg))
        figures = {}
        for i, name in enumerate(("runner", "reference")):
            drop = float(result.pelvic_drop_deg[i, index])
            if not np.isfinite(drop):  # lost: drawn where it was lost, at the end of the hip's range
                drop = float(np.asarray(result.peak_pelvic_drop_deg)[i])
            figures[name] = frontal_figure(np.radians(drop), lean, self.geometry, femur_adduction_rad=phi)
        return _RunningState(result, index, figures)

    # --- drawing ------------------------------------------------------------------------------
    def _force_max_bw(self) -> float:
        """Top of the ground-force axis: the highest peak any slider setting can give, rounded up."""
        peaks = [stance_conditions(v, c, sex).peak_vertical_grf_bw for v in SPEED_RANGE_M_S
                 for c in STEP_RATE_CHANGE_RANGE_PCT for sex in SEXES]
        return float(np.ceil(max(peaks) * 2.0) / 2.0)

    def draw(self, state: _RunningState) -> list[Artist]:
        """Runners from behind (left); ground force and drop against time (right); returns the moving artists."""
        grid = self.fig.add_gridspec(2, 2, width_ratios=[1.0, 1.45], height_ratios=[1.0, 1.6])
        ax_fig = self.fig.add_subplot(grid[:, 0])
        ax_force = self.fig.add_subplot(grid[0, 1])
        ax_drop = self.fig.add_subplot(grid[1, 1], sharex=ax_force)
        self.figure_artists = draw_running_figures(ax_fig, state.figures)
        _, high = self.geometry.range_deg("hip_adduction")
        self.time_artists = draw_stance_time(
            ax_force, ax_drop, state.result, float(high), self._force_max_bw(),
            labels={"runner": "runner on the sliders", "reference": "normative (1.0, no fatigue)"}, legend=False)
        ax_force.tick_params(labelbottom=False)
        # one legend for both sides (stick figures and curves share the styles), above everything
        self.fig.legend(handles=[self.time_artists.lines[name] for name in ("runner", "reference")],
                        loc="outside upper center", ncols=2, frameon=False, handlelength=2.8)
        self._runner_layer: list[Artist] = [self.time_artists.title, *self.time_artists.lines.values()]
        self._instant_layer: list[Artist] = [a for parts in self.figure_artists.lines.values() for a in parts.values()]
        self._instant_layer += [self.figure_artists.caption, *self.time_artists.cursor.values()]
        return self._runner_layer + self._instant_layer

    def move(self, state: _RunningState) -> None:
        """Curves to the result, cursor and stick figures to the instant."""
        r, k = state.result, state.index
        if r is not self._drawn:  # a new runner: the curves move (scrubbing skips this)
            v = self.values
            title = f"strength {v['strength']:.2f} × normative, fatigue {v['fatigue_pct']:.0f} %"
            update_stance_time(self.time_artists, r, title)
            if isinstance(getattr(self, "renderer", None), LayeredBlitRenderer):
                self.renderer.invalidate_lower()
            self._drawn = r
        update_stance_cursor(self.time_artists, r, k)
        drop = r.pelvic_drop_deg[0, k]
        words = f"pelvic drop {drop:.1f}°" if np.isfinite(drop) else "pelvis not held"
        update_running_figures(self.figure_artists, state.figures, f"t = {1000 * r.time_s[k]:.0f} ms\n{words}")

    # --- the Play button --------------------------------------------------------------------
    def _layout(self) -> None:
        super()._layout()
        time = self.sliders["stance_pct"]
        self.play = widgets.Play(value=int(time.value), min=int(time.min), max=int(time.max), step=_PLAY_STEP_PCT,
                                 interval=_PLAY_INTERVAL_MS, description="Play the stance",
                                 tooltip="Play the stance in slow motion (the time slider moves)")
        self.play.add_class("glutemed-play")
        # linked in the browser: each frame moves the slider there, and the slider's change reaches the kernel
        self.play_link = widgets.jslink((self.play, "value"), (time, "value"))
        others = [w for name, w in self.sliders.items() if name != "stance_pct"]
        controls = widgets.VBox([*self.choices.values(), *others])
        time_row = widgets.HBox([self.play, time], layout=widgets.Layout(align_items="center"))
        figure_row = self.widget.children[-1]
        self.widget.children = (controls, time_row, figure_row)
