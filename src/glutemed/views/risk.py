"""The tornado chart of :func:`glutemed.effects.factor_effects`: each factor's effect on each mechanism.

One axes per mechanism, one bar per factor (the difference from the
reference runner), the whole profile last. Where a factor has no path to a
mechanism in the models the row shows a grey "no path"; where the pelvis is
not held the bar is replaced by a marker and the words "not held", never by
a number. Views draw; they never run a model.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from glutemed.effects import OUTPUTS, FactorEffects
from glutemed.views.style import OKABE_ITO, styled

__all__ = ["TORNADO_LIMITS", "TORNADO_TITLE", "TornadoArtists", "draw_tornado", "update_tornado"]

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
_BAR = {"facecolor": OKABE_ITO["blue"], "edgecolor": "black", "linewidth": 0.6}
_ALL = {"facecolor": OKABE_ITO["vermilion"], "edgecolor": "black", "linewidth": 0.6, "hatch": "//"}
_NOT_HELD = OKABE_ITO["vermilion"]
_NO_PATH = "#8A8A8A"


@dataclass
class TornadoArtists:
    """The moving artists of a tornado chart."""

    axes: list[Axes]
    bars: list[list[Rectangle]]
    values: list[list[Text]]
    labels: list[Text]
    note: Text

    def all(self) -> list:
        """Every moving artist, for the panel's renderer."""
        return ([b for row in self.bars for b in row] + [t for row in self.values for t in row]
                + self.labels + [self.note])


def _row_y(n: int) -> np.ndarray:
    """Row positions, top to bottom; the whole-profile row set a little apart."""
    y = np.arange(n, dtype=float)[::-1]
    y[-1] -= 0.4
    return y


def draw_tornado(axes: Sequence[Axes], effects: FactorEffects) -> TornadoArtists:
    """Draw the chart on one axes per output (in :data:`glutemed.effects.OUTPUTS` order); return its artists.

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
    with styled():
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
            ax.set_title(f"{name}\nreference {reference}", fontsize=11)
            ax.set_xlabel(f"change ({'% of reference' if unit == '%' else unit})", fontsize=10)
            ax.tick_params(labelsize=9)
            row_bars, row_values = [], []
            for i, yi in enumerate(y):
                style = _ALL if i == len(y) - 1 else _BAR
                bar = Rectangle((0.0, yi - 0.32), 0.0, 0.64, **style)
                ax.add_patch(bar)
                row_bars.append(bar)
                row_values.append(ax.text(0.0, yi, "", va="center", fontsize=9, zorder=5))
            bars.append(row_bars)
            values.append(row_values)
        for i, yi in enumerate(y):
            labels.append(axes[0].text(-0.06, yi, "", transform=axes[0].get_yaxis_transform(), ha="right",
                                       va="center", fontsize=10))
        note = axes[0].figure.text(0.01, 0.01, "", fontsize=9, color="#444444", ha="left", va="bottom")
    artists = TornadoArtists(axes, bars, values, labels, note)
    update_tornado(artists, effects)
    return artists


def update_tornado(artists: TornadoArtists, effects: FactorEffects) -> None:
    """Move the bars, values, labels and the note to new effects (no redraw)."""
    for j, output in enumerate(effects.outputs):
        lo, hi = TORNADO_LIMITS[output]
        span = hi - lo
        for i in range(len(effects.factors)):
            bar, text = artists.bars[j][i], artists.values[j][i]
            d = effects.delta[i, j]
            y = bar.get_y() + bar.get_height() / 2
            if effects.no_path[i, j]:
                bar.set_width(0.0)
                text.set_text("no path")
                text.set_color(_NO_PATH)
                text.set_position((lo + 0.03 * span, y))
                text.set_ha("left")
            elif np.isnan(d):  # a running output where the pelvis is not held
                bar.set_width(0.0)
                text.set_text("▶ pelvis not held")
                text.set_color(_NOT_HELD)
                text.set_position((hi - 0.02 * span, y))
                text.set_ha("right")
            else:
                shown = float(np.clip(d, lo, hi))
                bar.set_x(min(0.0, shown))
                bar.set_width(abs(shown))
                clipped = "»" if d > hi else ("«" if d < lo else "")
                text.set_text(f"{d:+.1f}{clipped}" if abs(d) >= 0.05 else "0")
                inside = shown > hi - 0.25 * span or shown < lo + 0.25 * span
                text.set_color("white" if inside else "black")  # inside a bar: light on dark
                if shown >= 0:
                    text.set_position((shown - 0.02 * span if inside else shown + 0.02 * span, y))
                    text.set_ha("right" if inside else "left")
                else:
                    text.set_position((shown + 0.02 * span if inside else shown - 0.02 * span, y))
                    text.set_ha("left" if inside else "right")
    for i, label in enumerate(artists.labels):
        moved = effects.moved[i] or i == len(effects.factors) - 1
        label.set_text(effects.labels[i])
        label.set_color("black" if moved else "#777777")
        label.set_fontweight("bold" if i == len(effects.factors) - 1 else "normal")
    shoes = effects.notes.get("shoes_surface", "")
    artists.note.set_text(f"Shoes and surfaces, measured (not modelled): {shoes}" if shoes else
                          "Grey 'no path': the model of that mechanism does not read the factor. "
                          "'Pelvis not held': the model cannot say what the runner would do instead.")
