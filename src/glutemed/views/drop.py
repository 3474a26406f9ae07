"""The pelvic-drop model's moments over one stance: demand, capacity, muscle and passive tissue."""

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
    """Demand, capacity, muscle and passive moments over stance, with the instant of the peak drop marked.

    Running shows the stance model's time courses; quiet stance and walking
    are quasi-static, so their lines are flat.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    result : PelvicDropResult
        A single result of :func:`glutemed.pelvic_drop`.

    Examples
    --------
    >>> from glutemed.pelvic_drop import pelvic_drop
    >>> from glutemed.views.style import new_figure
    >>> fig = new_figure(5, 4)
    >>> sorted(draw_drop_curves(fig.add_subplot(), pelvic_drop(1.0)).lines)
    ['capacity', 'demand', 'muscle', 'passive', 'peak drop']
    """
    lines: dict[str, Line2D] = {}
    with styled(ax):
        (lines["demand"],) = ax.plot([], [], color="black", linestyle="-", linewidth=3,
                                     label="demand (body above the hip)")
        (lines["capacity"],) = ax.plot([], [], color=OKABE_ITO["blue"], linestyle="--", linewidth=2.5,
                                       label="capacity (isometric, full drive)")
        (lines["muscle"],) = ax.plot([], [], color=OKABE_ITO["orange"], linestyle="-.", linewidth=2.5,
                                     label="abductors' moment")
        (lines["passive"],) = ax.plot([], [], color="#888888", linestyle=":", linewidth=2.5,
                                      label="passive tissue")
        (lines["peak drop"],) = ax.plot([], [], color=OKABE_ITO["vermilion"], linewidth=2, marker="o",
                                        markersize=9, label="peak pelvic drop")
        ax.set_xlim(0.0, 100.0)
        ax.set_ylim(0.0, 3.2)
        ax.set_xlabel("stance (% of contact time)")
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
    x = c.stance_pct
    for name, y in (("demand", c.demand_nm_kg), ("capacity", c.capacity_nm_kg), ("muscle", c.muscle_nm_kg),
                    ("passive", c.passive_nm_kg)):
        lines[name].set_data(x, y)
    drop = np.nan_to_num(c.drop_deg, nan=-np.inf)
    i = int(np.argmax(drop)) if float(result.drop_deg) > 0 else int(np.argmax(np.nan_to_num(c.demand_nm_kg)))
    if not bool(result.held):
        i = int(np.isfinite(c.drop_deg).sum()) - 1  # the last instant the pelvis was held
    y = float(c.demand_nm_kg[i])
    lines["peak drop"].set_data([x[i], x[i], x[i]], [0.0, y, y])
    lines["peak drop"].set_markevery([2])
