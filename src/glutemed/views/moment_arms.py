"""Moment arms of the three portions: curves against a joint angle, and bars for one pose."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from numpy.typing import NDArray

from glutemed.geometry import PORTIONS
from glutemed.views.style import PORTION_HATCH, PORTION_STYLE, styled

__all__ = ["draw_moment_arm_bars", "draw_moment_arm_curves", "update_moment_arm_bars"]


def draw_moment_arm_curves(ax: Axes, angle_deg: NDArray[np.float64],
                           values_m: Mapping[str, NDArray[np.float64]],
                           xlabel: str, ylabel: str, title: str | None = None,
                           legend: bool = True) -> dict[str, Line2D]:
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

    Returns
    -------
    dict of str to Line2D
        One line per portion.

    Examples
    --------
    >>> import glutemed as gm
    >>> flex = np.linspace(-20, 90, 12)
    >>> ma = gm.moment_arms(hip_flexion_deg=flex)
    >>> from glutemed.views.style import new_figure
    >>> fig = new_figure(4, 3)
    >>> lines = draw_moment_arm_curves(fig.add_subplot(), flex,
    ...     {p: ma[p]["flexion"] for p in gm.PORTIONS}, "hip flexion (deg)", "cm")
    >>> len(lines)
    3
    """
    lines = {}
    with styled():
        ax.axhline(0.0, color="#777777", linewidth=1.0, zorder=0)
        for portion in PORTIONS:
            style = PORTION_STYLE[portion]
            (lines[portion],) = ax.plot(angle_deg, np.asarray(values_m[portion]) * 100.0,
                                        color=style["color"], linestyle=style["linestyle"],
                                        marker=style["marker"], markevery=max(1, len(angle_deg) // 8),
                                        label=portion)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        if title:
            ax.set_title(title)
        ax.grid(True, color="#DDDDDD", linewidth=0.8)
        if legend:
            ax.legend(framealpha=0.9)
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
    with styled():
        for i, portion in enumerate(PORTIONS):
            style = PORTION_STYLE[portion]
            container = ax.bar(x + (i - 1) * width, values[i], width=width, color=style["color"],
                               edgecolor="black", linewidth=1.0, hatch=PORTION_HATCH[portion],
                               label=portion)
            bars[portion] = list(container.patches)
        ax.axhline(0.0, color="black", linewidth=1.0)
        ax.set_xticks(x, [a.replace("_", " ") for a in actions])
        ax.set_ylim(*ylim_cm)
        ax.set_ylabel("moment arm (cm)")
        ax.grid(True, axis="y", color="#DDDDDD", linewidth=0.8)
        ax.legend(loc="upper right", framealpha=0.9, ncols=3, fontsize=10)
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
