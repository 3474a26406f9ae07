"""The tornado chart of :func:`glutemed.effects.factor_effects`: each factor's effect on each mechanism.

One axes per mechanism, one bar per factor (the difference from the
reference runner), the whole profile last. Where a factor has no path to a
mechanism in the models the row shows a grey "no path"; where the pelvis is
not held the bar is replaced by a marker and the words "not held", never by
a number. Views draw; they never run a model.

Every number sits where it can be read: beyond its bar's end if the axes
has room there, else inside the bar (light on the bar's colour), else on
the other side of the zero line; no text is ever drawn across the zero line.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from glutemed.effects import OUTPUTS, FactorEffects
from glutemed.views.style import OKABE_ITO, styled

__all__ = ["NOT_HELD", "TORNADO_LIMITS", "TORNADO_TITLE", "TornadoArtists", "draw_tornado", "update_tornado"]

#: Fixed x limits of each mechanism's axes (difference from the reference runner, in its unit).
TORNADO_LIMITS: dict[str, tuple[float, float]] = {
    "pelvic_drop_deg": (-10.0, 25.0),
    "hip_adduction_deg": (-10.0, 25.0),
    "fppa_deg": (-10.0, 20.0),
    "hip_contact_force_bw": (-1.5, 1.5),
    "weekly_abductor_load_pct": (-60.0, 120.0),
}
#: Said on the figure itself.
TORNADO_TITLE = "Mechanisms in a model, not a personal risk prediction"
#: What a row shows where the pelvis is not held (a marker and words, never a number).
NOT_HELD = "▶ not held"
_BAR = {"facecolor": OKABE_ITO["blue"], "edgecolor": "black", "linewidth": 0.6}
_ALL = {"facecolor": OKABE_ITO["vermilion"], "edgecolor": "black", "linewidth": 0.6, "hatch": "//"}
_NOT_HELD = OKABE_ITO["vermilion"]
_NO_PATH = "#767676"
#: Gap between a number and its bar's end (or the zero line, or the axes' edge), pixels.
_GAP_PX = 5.0
_NOTES = {
    "default": ("Grey 'no path': the model of that mechanism does not read the factor. "
                f"'{NOT_HELD.replace(' ', chr(0xA0))}': the abductors cannot hold the pelvis, and the model "
                "cannot say what "
                "the runner would do instead."),
    "shoes": "Shoes and surfaces, measured (not modelled): {}",
}


@dataclass
class TornadoArtists:
    """The moving artists of a tornado chart.

    ``labels`` holds the factor labels left of every axes in ``label_axes``
    (one set per row of axes), in that order.
    """

    axes: list[Axes]
    bars: list[list[Rectangle]]
    values: list[list[Text]]
    labels: list[Text]
    note: Text
    note_chars: int | None = None
    label_axes: tuple[int, ...] = (0,)
    note_ax: Axes | None = None
    _widths: dict = field(default_factory=dict, repr=False)

    def all(self) -> list:
        """Every moving artist, for the panel's renderer."""
        return ([b for row in self.bars for b in row] + [t for row in self.values for t in row]
                + self.labels + [self.note])

    def regions(self) -> list[tuple[Bbox, list]]:
        """Every moving artist in a group with its own box of the figure (figure fraction), boxes not overlapping.

        One box per row of each axes (its bar and its number: the row's band, a little wider than the
        axes), one per factor label (left of its axes), one for the note (its axes, down to the figure's
        bottom and out to its right edge). A renderer may redraw only the boxes whose artists changed.
        Needs the note in its own axes (``note_ax``) and the axes where they stay.
        """
        if self.note_ax is None:
            raise ValueError("regions need the note in its own axes (draw_tornado's note_ax)")
        fig = self.axes[0].get_figure(root=True)
        w, h = fig.bbox.width, fig.bbox.height
        n = len(self.bars[0])

        def band(ax: Axes, i: int, x0: float, x1: float) -> Bbox:
            y = self.bars[0][i].get_y() + self.bars[0][i].get_height() / 2
            half = 0.5 if i < n - 1 else 0.7  # the whole profile sits apart, between the line and the axis
            _, top = ax.transData.transform((0.0, y + half))
            _, bottom = ax.transData.transform((0.0, y - half))
            return Bbox.from_extents(round(x0) / w, round(bottom) / h, round(x1) / w, round(top) / h)

        out = []
        for j, ax in enumerate(self.axes):
            x0, x1 = ax.bbox.x0 - _GAP_PX - 1, ax.bbox.x1 + 4 * _GAP_PX
            out += [(band(ax, i, x0, x1), [self.bars[j][i], self.values[j][i]]) for i in range(n)]
        for k, j in enumerate(self.label_axes):
            right = self.axes[j].bbox.x0 - _GAP_PX - 2
            out += [(band(self.axes[j], i, 0.0, right), [self.labels[k * n + i]]) for i in range(n)]
        box = self.note_ax.bbox
        out.append((Bbox.from_extents(round(box.x0 - _GAP_PX - 1) / w, 0.0, 1.0, round(box.y1 + 2) / h),
                    [self.note]))
        return out


def _row_y(n: int) -> np.ndarray:
    """Row positions, top to bottom; the whole-profile row set a little apart."""
    y = np.arange(n, dtype=float)[::-1]
    y[-1] -= 0.4
    return y


def draw_tornado(axes: Sequence[Axes], effects: FactorEffects, label_axes: Sequence[int] = (0,),
                 note_ax: Axes | None = None) -> TornadoArtists:
    """Draw the chart on one axes per output (in :data:`glutemed.effects.OUTPUTS` order); return its artists.

    Parameters
    ----------
    axes : sequence of Axes
        One per output, laid out by the caller (fixed positions: the labels move, the layout must not).
    effects : FactorEffects
    label_axes : sequence of int
        The axes (indices into ``axes``) with the factor labels on their left: the first of each row.
    note_ax : Axes, optional
        An empty axes for the note (wrapped to its width); without one the note runs along the
        figure's bottom edge.

    Examples
    --------
    >>> from glutemed.effects import factor_effects
    >>> from glutemed.risk import RunnerProfile
    >>> from glutemed.views.style import new_figure
    >>> fig = new_figure(12, 5)
    >>> a = draw_tornado(fig.subplots(1, 5), factor_effects(RunnerProfile(previous_injury="pfp")))
    >>> len(a.bars), len(a.bars[0])
    (5, 10)
    """
    axes = list(axes)
    if len(axes) != len(OUTPUTS):
        raise ValueError(f"axes must hold one axes per output ({len(OUTPUTS)}); got {len(axes)}")
    y = _row_y(len(effects.factors))
    bars, values, labels = [], [], []
    with styled(axes[0]):
        for j, (ax, output) in enumerate(zip(axes, effects.outputs)):
            lo, hi = TORNADO_LIMITS[output]
            name, unit = OUTPUTS[output]
            ax.set_xlim(lo, hi)
            ax.set_ylim(y[-1] - 0.8, y[0] + 0.7)
            ax.axvline(0.0, color="black", linewidth=1.0)
            ax.axhline(y[-1] + 0.7, color="#BBBBBB", linewidth=0.8)
            ax.set_yticks([])
            ax.grid(True, axis="x", color="#E5E5E5", linewidth=0.8)
            ref = effects.reference[j]
            reference = f"{ref:.0f} N m s/kg" if unit == "%" else f"{ref:.1f} {unit}"
            ax.set_title(f"{name}\nreference {reference}")
            ax.set_xlabel(f"change ({'% of reference' if unit == '%' else unit})")
            row_bars, row_values = [], []
            for i, yi in enumerate(y):
                style = _ALL if i == len(y) - 1 else _BAR
                bar = Rectangle((0.0, yi - 0.32), 0.0, 0.64, **style)
                ax.add_patch(bar)
                row_bars.append(bar)
                row_values.append(ax.text(0.0, yi, "", va="center", zorder=5))
            bars.append(row_bars)
            values.append(row_values)
        for k in label_axes:
            for yi in y:
                labels.append(axes[k].text(-0.04, yi, "", transform=axes[k].get_yaxis_transform(), ha="right",
                                           va="center"))
        if note_ax is not None:
            note_ax.set_axis_off()
            note = note_ax.text(0.0, 1.0, "", transform=note_ax.transAxes, ha="left", va="top", color="#444444")
            em_px = note.get_fontsize() * note_ax.figure.dpi / 72.0
            chars = max(12, int(note_ax.bbox.width / (0.56 * em_px)))
        else:
            note = axes[0].figure.text(0.01, 0.01, "", color="#444444", ha="left", va="bottom")
            chars = None
    artists = TornadoArtists(axes, bars, values, labels, note, chars, tuple(label_axes), note_ax)
    update_tornado(artists, effects)
    return artists


def _width_px(artists: TornadoArtists, text: Text, words: str) -> float:
    """The width of ``words`` in ``text``'s font, pixels (remembered: the same few numbers come back)."""
    key = (words, text.get_fontsize(), text.get_fontweight())
    if key not in artists._widths:
        renderer = text.get_figure(root=True).canvas.get_renderer()
        w, _, _ = renderer.get_text_width_height_descent(words, text.get_fontproperties(), ismath=False)
        artists._widths[key] = float(w)
    return artists._widths[key]


def _place_number(artists: TornadoArtists, ax: Axes, bar: Rectangle, text: Text, words: str, shown: float,
                  y: float, lo: float, hi: float) -> None:
    """Put a bar's number beyond its end, else inside it, else across the zero line (never on the zero line)."""
    per_px = (hi - lo) / max(ax.bbox.width, 1.0)
    gap = _GAP_PX * per_px
    width = _width_px(artists, text, words) * per_px
    side = 1.0 if shown >= 0 else -1.0
    away = "left" if side > 0 else "right"
    toward = "right" if side > 0 else "left"
    room_beyond = (hi - shown) if side > 0 else (shown - lo)
    text.set_text(words)
    text.set_bbox(None)
    if room_beyond >= width + 2 * gap:
        x, ha, colour = shown + side * gap, away, "black"
    elif abs(shown) >= width + 2 * gap:  # inside the bar, light on the bar's colour (which hides any hatch)
        x, ha, colour = shown - side * gap, toward, "white"
        text.set_bbox({"facecolor": bar.get_facecolor(), "edgecolor": "none", "pad": 0.5})
    else:
        x, ha, colour = -side * gap, toward, "black"
    text.set_position((x, y))
    text.set_ha(ha)
    text.set_color(colour)


def update_tornado(artists: TornadoArtists, effects: FactorEffects) -> None:
    """Move the bars, values, labels and the note to new effects (no redraw)."""
    n = len(effects.factors)
    for j, output in enumerate(effects.outputs):
        lo, hi = TORNADO_LIMITS[output]
        ax = artists.axes[j]
        per_px = (hi - lo) / max(ax.bbox.width, 1.0)
        for i in range(n):
            bar, text = artists.bars[j][i], artists.values[j][i]
            d = effects.delta[i, j]
            y = bar.get_y() + bar.get_height() / 2
            if effects.no_path[i, j] or np.isnan(d):
                bar.set_visible(False)
                bar.set_x(0.0)
                bar.set_width(0.0)
                text.set_bbox(None)
                if effects.no_path[i, j]:  # right of the zero line, where a number would be
                    text.set_text("no path")
                    text.set_color(_NO_PATH)
                    text.set_position((_GAP_PX * per_px, y))
                    text.set_ha("left")
                else:  # a running output where the pelvis is not held: off the chart, to the right
                    text.set_text(NOT_HELD)
                    text.set_color(_NOT_HELD)
                    text.set_position((hi - _GAP_PX * per_px, y))
                    text.set_ha("right")
                continue
            shown = float(np.clip(d, lo, hi))
            bar.set_visible(True)
            bar.set_x(min(0.0, shown))
            bar.set_width(abs(shown))
            clipped = "»" if d > hi else ("«" if d < lo else "")
            words = f"{d:+.1f}{clipped}" if abs(d) >= 0.05 else "0"
            _place_number(artists, ax, bar, text, words, shown if words != "0" else 0.0, y, lo, hi)
    for k, label in enumerate(artists.labels):
        i = k % n
        moved = effects.moved[i] or i == n - 1
        label.set_text(effects.labels[i])
        label.set_color("black" if moved else "#767676")
        label.set_fontweight("bold" if i == n - 1 else "normal")
    shoes = effects.notes.get("shoes_surface", "")
    words = _NOTES["shoes"].format(shoes) if shoes else _NOTES["default"]
    if artists.note_chars:
        words = textwrap.fill(words, artists.note_chars, break_on_hyphens=False)
    artists.note.set_text(words)
