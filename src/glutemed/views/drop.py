"""The pelvic-drop model's moments against drop: demand, capacity, passive, and where the pelvis settles."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from glutemed.pelvic_drop import PelvicDropResult
from glutemed.views.style import OKABE_ITO, styled

__all__ = ["DropCurveArtists", "draw_drop_curves", "update_drop_curves"]


@dataclass
class DropCurveArtists:
    """The lines of :func:`draw_drop_curves`, keyed by name."""

    lines: dict[str, Line2D]


def _single(result: PelvicDropResult) -> PelvicDropResult:
    if np.ndim(result.drop_deg) != 0:
        raise ValueError("result must be a single pelvic drop (scalar strength and lean); got arrays")
    return result


def draw_drop_curves(ax: Axes, result: PelvicDropResult) -> DropCurveArtists:
    """Demand, capacity and passive moments against pelvic drop, with the settled drop marked.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    result : PelvicDropResult
        A single result of :func:`glutemed.pelvic_drop`: its curves, its
        strength (scales the capacity) and its drop (the marker).

    Examples
    --------
    >>> from glutemed.pelvic_drop import pelvic_drop
    >>> from glutemed.views.style import new_figure
    >>> fig = new_figure(5, 4)
    >>> sorted(draw_drop_curves(fig.add_subplot(), pelvic_drop(1.0)).lines)
    ['capacity', 'demand', 'drop', 'muscles + passive', 'passive']
    """
    lines: dict[str, Line2D] = {}
    with styled(ax):
        (lines["demand"],) = ax.plot([], [], color="black", linestyle="-", linewidth=3,
                                     label="demand (body above the hip)")
        (lines["capacity"],) = ax.plot([], [], color=OKABE_ITO["blue"], linestyle="--", linewidth=2.5,
                                       label="muscle capacity (strength × leverage)")
        (lines["passive"],) = ax.plot([], [], color="#888888", linestyle=":", linewidth=2.5,
                                      label="passive tissue")
        (lines["muscles + passive"],) = ax.plot([], [], color=OKABE_ITO["orange"], linestyle="-.",
                                                linewidth=2.5, label="muscles + passive")
        (lines["drop"],) = ax.plot([], [], color=OKABE_ITO["vermilion"], linewidth=2, marker="o",
                                   markersize=9, label="where the pelvis settles")
        ax.set_xlim(0.0, 15.0)
        ax.set_ylim(0.0, 3.2)
        ax.set_xticks(np.arange(0.0, 15.1, 3.0))
        ax.set_xlabel("pelvic drop = stance-hip adduction (°)")
        ax.set_ylabel("abduction moment (N m per kg)")
        ax.grid(True, color="#DDDDDD", linewidth=0.8)
        # below all the axes, clear of the curves whatever the strength
        ax.get_figure().legend(handles=list(lines.values()), loc="outside lower center", ncols=3,
                               framealpha=0.9)
    artists = DropCurveArtists(lines)
    update_drop_curves(artists, result)
    return artists


def update_drop_curves(artists: DropCurveArtists, result: PelvicDropResult) -> None:
    """Move the curves of :func:`draw_drop_curves` to a new result (no redraw)."""
    c = _single(result).curves
    lines = artists.lines
    x = c.drop_deg
    capacity = float(result.strength) * c.capacity_at_norm_nm_kg
    lines["demand"].set_data(x, c.demand_nm_kg)
    lines["capacity"].set_data(x, capacity)
    lines["passive"].set_data(x, c.passive_nm_kg)
    lines["muscles + passive"].set_data(x, capacity + c.passive_nm_kg)
    drop = float(result.drop_deg)
    y = float(np.interp(drop, x, c.demand_nm_kg))
    lines["drop"].set_data([drop, drop, drop], [0.0, y, y])
    lines["drop"].set_markevery([2])
