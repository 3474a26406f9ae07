"""Moment arms of the three portions: curves against a joint angle, and bars for one pose."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from numpy.typing import NDArray

from glutemed.geometry import PORTIONS
from glutemed.views.labels import add_label
from glutemed.views.style import PORTION_HATCH, PORTION_STYLE, styled

__all__ = ["draw_moment_arm_bars", "draw_moment_arm_curves", "update_moment_arm_bars"]


def draw_moment_arm_curves(ax: Axes, angle_deg: NDArray[np.float64],
                           values_m: Mapping[str, NDArray[np.float64]],
                           xlabel: str, ylabel: str, title: str | None = None,
                           legend: bool = True, roles: tuple[str, str] | None = None,
                           switches_deg: Mapping[str, float] | None = None) -> dict[str, Line2D]:
    """Plot one moment arm of each portion against a joint angle.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    angle_deg : numpy.ndarray, shape (n,)
        The swept angle, degrees.
    values_m : mapping of portion to numpy.ndarray, shape (n,)
        Moment arms in metres (plotted in cm).
    xlabel, ylabel : str
        Axis labels (say the units).
    title : str, optional
    legend : bool
    roles : (str, str), optional
        What a positive and a negative moment arm make the portion (e.g.
        ``("abductor", "adductor")``), written above and below the zero line.
    switches_deg : mapping of portion to float, optional
        Angle at which each portion's moment arm changes sign (from
        :func:`glutemed.role_switch_flexion_deg`); each one inside the plotted
        range is marked on the zero line and labelled with its angle. NaN: none.

    Returns
    -------
    dict of str to Line2D
        One line per portion, and ``"switch <portion>"`` for each marked switch.

    Examples
    --------
    >>> import glutemed as gm
    >>> flex = np.linspace(-20, 90, 12)
    >>> ma = gm.moment_arms(hip_flexion_deg=flex)
    >>> from glutemed.views.style import new_figure
    >>> fig = new_figure(4, 3)
    >>> lines = draw_moment_arm_curves(fig.add_subplot(), flex,
    ...     {p: ma[p]["flexion"] for p in gm.PORTIONS}, "hip flexion (deg)", "cm",
    ...     switches_deg={"anterior": 44.6, "middle": float("nan")})
    >>> sorted(lines)
    ['anterior', 'middle', 'posterior', 'switch anterior']
    """
    lines = {}
    lo, hi = float(np.min(angle_deg)), float(np.max(angle_deg))
    with styled(ax):
        ax.axhline(0.0, color="black", linewidth=1.8, zorder=1, label="zero: the role changes here")
        for portion in PORTIONS:
            style = PORTION_STYLE[portion]
            (lines[portion],) = ax.plot(angle_deg, np.asarray(values_m[portion]) * 100.0,
                                        color=style["color"], linestyle=style["linestyle"],
                                        marker=style["marker"], markevery=max(1, len(angle_deg) // 8),
                                        label=portion, zorder=3)
        ax.set_xlim(lo, hi)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        if title:
            ax.set_title(title)
        ax.grid(True, color="#E4E4E4", linewidth=0.8)
        ax.set_axisbelow(True)
        if roles:
            ax.margins(y=0.22)  # a free band above and below the curves for the role words
            low, high = ax.get_ylim()
            reach = max(abs(low), abs(high), 0.5)
            low, high = min(low, -0.3 * reach), max(high, 0.3 * reach)  # room on both sides of zero
            ax.set_ylim(low, high)
            inset = 0.02 * (hi - lo)
            # written above (below) the zero line at either end, or else in a corner of the positive
            # (negative) side, wherever no curve passes
            for word, up, corner in ((roles[0], True, high), (roles[1], False, low)):
                away, back = (("NE", "NW"), ("SE", "SW")) if up else (("SE", "SW"), ("NE", "NW"))
                add_label(ax, word, (lo + inset, 0.0), prefer=away[:1], radii_pt=(4.0, 9.0), leader=False,
                          only_preferred=True,
                          alternatives=[((hi - inset, 0.0), away[1:]), ((lo + inset, corner), back[:1]),
                                        ((hi - inset, corner), back[1:])],
                          color="black", fontstyle="italic")
        for portion, angle in (switches_deg or {}).items():
            if not (np.isfinite(angle) and lo <= angle <= hi):
                continue
            style = PORTION_STYLE[portion]
            (lines[f"switch {portion}"],) = ax.plot(
                [angle], [0.0], marker=style["marker"], markersize=14, markerfacecolor="white",
                markeredgecolor=style["color"], markeredgewidth=3, linestyle="none", zorder=6,
                label=f"{portion} switches")
            add_label(ax, f"{angle:.0f}°", (angle, 0.0), prefer=("S", "SE", "SW", "N", "NE", "NW"),
                      radii_pt=(9.0, 16.0, 26.0, 38.0, 52.0), color=style["color"], fontweight="bold")
        if legend:
            ax.legend(handles=[lines[p] for p in PORTIONS], framealpha=0.9)
    return lines


def draw_moment_arm_bars(ax: Axes, values_m: NDArray[np.float64], actions: Sequence[str],
                         ylim_cm: tuple[float, float] = (-6.0, 8.0)) -> dict[str, list]:
    """Grouped bars: one group per action, one bar per portion.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    values_m : numpy.ndarray, shape (3 portions, n actions)
        Moment arms, metres (drawn in cm).
    actions : sequence of str
        Names of the actions, used as group labels.
    ylim_cm : tuple of float
        Fixed y limits in cm, so that updates never rescale the axes.

    Returns
    -------
    dict of str to list of Rectangle
        The bars of each portion, to pass to :func:`update_moment_arm_bars`.

    Examples
    --------
    >>> from glutemed.views.style import new_figure
    >>> fig = new_figure(4, 3)
    >>> bars = draw_moment_arm_bars(fig.add_subplot(), np.zeros((3, 3)), ["a", "b", "c"])
    >>> len(bars["middle"])
    3
    """
    values = np.asarray(values_m, dtype=np.float64) * 100.0
    n = values.shape[1]
    width = 0.26
    x = np.arange(n)
    bars = {}
    with styled(ax):
        for i, portion in enumerate(PORTIONS):
            style = PORTION_STYLE[portion]
            container = ax.bar(x + (i - 1) * width, values[i], width=width, color=style["color"],
                               edgecolor="black", linewidth=1.0, hatch=PORTION_HATCH[portion],
                               label=portion)
            bars[portion] = list(container.patches)
        ax.axhline(0.0, color="black", linewidth=1.0)
        ax.set_xticks(x, [a.replace("_", "\n") for a in actions])
        ax.set_ylim(*ylim_cm)
        ax.set_ylabel("moment arm (cm)")
        ax.grid(True, axis="y", color="#DDDDDD", linewidth=0.8)
        ax.legend(loc="upper right", framealpha=0.9)
    return bars


def update_moment_arm_bars(bars: Mapping[str, list], values_m: NDArray[np.float64]) -> None:
    """Set the heights of the bars of :func:`draw_moment_arm_bars` (metres in).

    Examples
    --------
    >>> from glutemed.views.style import new_figure
    >>> fig = new_figure(4, 3)
    >>> bars = draw_moment_arm_bars(fig.add_subplot(), np.zeros((3, 2)), ["a", "b"])
    >>> update_moment_arm_bars(bars, np.full((3, 2), 0.05))
    >>> float(bars["anterior"][0].get_height())
    5.0
    """
    values = np.asarray(values_m, dtype=np.float64) * 100.0
    for i, portion in enumerate(PORTIONS):
        for rect, value in zip(bars[portion], values[i]):
            rect.set_height(value)
