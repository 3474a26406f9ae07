"""The risk explorer (notebook 08): a runner profile beside a tornado chart of mechanisms."""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
from matplotlib.artist import Artist
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from matplotlib.transforms import Bbox, TransformedBbox

from glutemed.geometry import Geometry
from glutemed.ground_force import DEFAULT_SPEED_M_S, SPEED_RANGE_M_S
from glutemed.panels.base import BlitRenderer, Choice, Panel, Row, Slider, Values, canvas_png
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

__all__ = ["RegionBlitRenderer", "RiskExplorerPanel"]

_INJURY_LABELS = {"none": "none", "pfp": "PFP-sized deficit", "itbs": "ITBS-sized deficit"}


def _state(artist: Artist) -> tuple:
    """What an artist draws (for a text or a bar), to tell whether it changed since the last frame."""
    if isinstance(artist, Text):
        box = artist.get_bbox_patch()
        return (artist.get_text(), tuple(artist.get_position()), artist.get_ha(), artist.get_va(),
                str(artist.get_color()), artist.get_fontweight(), artist.get_visible(),
                None if box is None else tuple(box.get_facecolor()))
    if isinstance(artist, Rectangle):
        return (artist.get_x(), artist.get_y(), artist.get_width(), artist.get_height(), artist.get_visible())
    return (object(),)  # anything else: always redrawn


class RegionBlitRenderer(BlitRenderer):
    """Blitting by regions: the moving artists in groups, each inside its own box of the figure; a frame
    redraws only the boxes whose artists changed since the last one.

    Each artist is clipped to its box (in frames and in full renders alike), and a changed box is first
    restored from the background, then its artists are drawn in order: so a frame is exactly a full
    render of the same state. The last frame is kept and restored first, so a full draw of the canvas in
    between (a snapshot, a test) does not leak into the next frame.

    Parameters
    ----------
    fig : Figure
        Laid out where it stays (no layout engine).
    regions : list of (Bbox, list of Artist)
        Boxes in figure fraction that do not overlap, each with the artists drawn inside it.

    Examples
    --------
    >>> from matplotlib.transforms import Bbox
    >>> from glutemed.views.style import new_figure
    >>> fig = new_figure(2, 2)
    >>> fig.set_layout_engine("none")
    >>> ax = fig.add_axes((0.1, 0.1, 0.8, 0.8))
    >>> left, right = ax.text(0.2, 0.5, "a"), ax.text(0.7, 0.5, "b")
    >>> halves = [(Bbox.from_extents(0, 0, 0.5, 1), [left]), (Bbox.from_extents(0.5, 0, 1, 1), [right])]
    >>> r = RegionBlitRenderer(fig, halves)
    >>> first = r.render()
    >>> right.set_text("c")
    >>> r.render() != first
    True
    """

    def __init__(self, fig: Figure, regions: list[tuple[Bbox, list[Artist]]]):
        super().__init__(fig, [a for _, group in regions for a in group])
        self.regions = [(TransformedBbox(box, fig.transFigure), list(group)) for box, group in regions]
        # Agg clips a text (an image) to its clip box's pixels including the right column and bottom row,
        # a line or patch to the box's edges: one pixel less on those sides keeps both inside the box
        w, h = fig.bbox.width, fig.bbox.height
        for box, group in regions:
            inner = TransformedBbox(Bbox.from_extents(box.x0, box.y0 + 1.0 / h, box.x1 - 1.0 / w, box.y1),
                                    fig.transFigure)
            for artist in group:
                artist.set_clip_path(None)
                artist.set_clip_box(inner)
                artist.set_clip_on(True)
        self._states: list[tuple] | None = None
        self._frame = None

    def invalidate(self) -> None:
        """Forget the background and the last frame (after a change to a static artist)."""
        super().invalidate()
        self._states = None
        self._frame = None

    def render(self) -> bytes:
        """PNG bytes of the figure in its current state."""
        canvas = self.fig.canvas
        if self._background is None:
            self.draw_background()
            self._background = canvas.copy_from_bbox(self.fig.bbox)
            self._states = None
        else:
            canvas.restore_region(self._frame)
        states = [tuple(_state(a) for a in group) for _, group in self.regions]
        for k, ((box, group), state) in enumerate(zip(self.regions, states)):
            if self._states is not None:
                if self._states[k] == state:
                    continue
                # the box in the saved region's pixels (rows from the top, last row and column included),
                # put back where it was (xy: the saved region's corner, the canvas' origin)
                height = self.fig.bbox.height
                canvas.restore_region(self._background, bbox=[round(box.x0), round(height - box.y1),
                                                              round(box.x1) - 1, round(height - box.y0) - 1],
                                      xy=(0, 0))
            for artist in group:
                self.fig.draw_artist(artist)
        self._states = states
        self._frame = canvas.copy_from_bbox(self.fig.bbox)
        return canvas_png(canvas)


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

    figsize = (13.0, 9.0)
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

    def __init__(self, geometry: Geometry | str | None = None, **start: Any):
        super().__init__(geometry, **start)
        # each row of each axes, each factor label and the note redrawn only when it changes
        self.renderer = RegionBlitRenderer(self.fig, self.tornado.regions())
        self.image.value = self.renderer.render()

    def compute(self, values: Values) -> FactorEffects:
        """The profile's factor effects against the reference runner."""
        return factor_effects(RunnerProfile(**values))

    def draw(self, state: FactorEffects) -> list[Artist]:
        """Five tornado axes in two rows of three, the note in the sixth place; returns the moving artists.

        Two rows, not five side by side: at projection size (text at least 1.2 pt per inch of width)
        a factor's label, a mechanism's name and a number beside its bar do not fit a fifth of the width.
        """
        self.fig.set_layout_engine("none")  # fixed margins: the factor labels move, the layout must not
        w_px, h_px = (v * self.fig.dpi for v in self.fig.get_size_inches())
        # pixels: the factor labels' column, the gap between axes (their end tick labels), the right margin;
        # the suptitle band, each row's band above its axes (two-line titles) and below (ticks, x label)
        labels, gap, right = 345.0, 48.0, 24.0
        top, above, below, between = 52.0, 70.0, 66.0, 14.0
        width = (w_px - labels - 2 * gap - right) / 3
        height = (h_px - top - 2 * (above + below) - between) / 2
        places = []
        for row in range(2):
            y0 = h_px - top - above - height - row * (above + height + below + between)
            for col in range(3):
                x0 = labels + col * (width + gap)
                places.append((x0 / w_px, y0 / h_px, width / w_px, height / h_px))
        axes = [self.fig.add_axes(place) for place in places[:len(OUTPUTS)]]
        note_ax = self.fig.add_axes(places[len(OUTPUTS)])
        self.fig.suptitle(TORNADO_TITLE, color="#B34700", fontweight="bold", y=1.0 - 10.0 / h_px, va="top")
        # what every bar is, above the factor labels
        axes[0].text(-0.04, 1.0, "each factor moved alone\nfrom the normative runner", ha="right", va="bottom",
                     transform=axes[0].transAxes, color="#444444")
        self.tornado = draw_tornado(axes, state, label_axes=(0, 3), note_ax=note_ax)
        return self.tornado.all()

    def move(self, state: FactorEffects) -> None:
        """Move bars, values and labels."""
        update_tornado(self.tornado, state)
