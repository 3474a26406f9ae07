"""One running stance in time: two runners from behind, and their ground force, drop and moments against time.

Two runners share every scene: the one on the sliders (``"runner"``, solid
red-orange) and a reference at normative strength (``"reference"``, dashed
blue), in the weak/strong styles of :data:`glutemed.views.style.CHAIN_STYLE`.
A :class:`~glutemed.running.RunningStance` result holds both on its first
axis; ``order`` says which is which (default: the runner first).

Every ``draw_*`` builds its artists once; ``update_*`` moves them to a new
result (curves) or to another instant of the same result (the cursor and the
stick figures). Time runs along x either as a percentage of the contact time
(``"%"``, fixed axes whatever the speed) or in milliseconds (``"ms"``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.text import Text
from numpy.typing import NDArray

from glutemed._checks import check_name
from glutemed.geometry import PORTIONS
from glutemed.kinematics import FrontalFigure
from glutemed.running import RunningStance
from glutemed.views.projection import behind_cm
from glutemed.views.style import BONE, CHAIN_STYLE, PELVIS, PORTION_STYLE, styled

__all__ = [
    "RUNNERS",
    "RUNNER_STYLE",
    "RUNNING_LIMITS_CM",
    "TIME_UNITS",
    "RunningFigureArtists",
    "StanceTimeArtists",
    "draw_moment_curves",
    "draw_running_figures",
    "draw_stance_time",
    "stance_time_axis",
    "update_running_figures",
    "update_stance_cursor",
    "update_stance_time",
]

#: The two runners of every scene: on the sliders, and the normative reference.
RUNNERS: tuple[str, str] = ("runner", "reference")
#: Line style of each runner: the runner solid red-orange, the reference dashed blue.
RUNNER_STYLE: dict[str, dict[str, object]] = {
    "runner": {"color": CHAIN_STYLE["weak"]["color"], "linestyle": "-"},
    "reference": {"color": CHAIN_STYLE["strong"]["color"], "linestyle": "--"},
}
#: Units of the time axis: percentage of the contact time, or milliseconds.
TIME_UNITS: tuple[str, str] = ("%", "ms")
#: Plot limits of the runners from behind, cm relative to the stance hip (x0, x1, y0, y1): the whole trunk
#: at any lean, the thigh and most of the shank.
RUNNING_LIMITS_CM: tuple[float, float, float, float] = (-45.0, 25.0, -60.0, 70.0)
_SEGMENT_WIDTH = {"pelvis": 3.0, "trunk": 4.0, "swing_leg": 3.0}
_GRID = {"color": "#DDDDDD", "linewidth": 0.8}
#: Free band above the end of the hip's adduction range on the drop axis, degrees: the range's label
#: sits there, where no curve goes (a lost pelvis stops at the range) and the cursor stops short.
_ABOVE_RANGE_DEG = 5.0


def _order(order: Sequence[str]) -> tuple[str, ...]:
    out = tuple(order)
    if sorted(out) != sorted(RUNNERS):
        raise ValueError(f"order must name each of {RUNNERS} once; got {order!r}")
    return out


def stance_time_axis(result: RunningStance, unit: str = "%") -> NDArray[np.float64]:
    """The result's time samples on the plot's x axis: % of the contact time or ms.

    Examples
    --------
    >>> from glutemed.running import running_stance
    >>> r = running_stance(1.0)
    >>> x = stance_time_axis(r)
    >>> float(x[0]), bool(99.0 < x[-1] < 101.0)
    (0.0, True)
    """
    check_name(unit, "unit", TIME_UNITS)
    if unit == "ms":
        return 1000.0 * result.time_s
    return 100.0 * result.time_s / result.conditions.contact_time_s


def _time_label(unit: str) -> str:
    return "time from foot contact (% of stance)" if unit == "%" else "time from foot contact (ms)"


# --------------------------------------------------------------------------- the runners from behind
@dataclass
class RunningFigureArtists:
    """The stick figures of :func:`draw_running_figures`: per runner, its moving segments; the shared leg.

    ``caption`` is the axes' title (the instant shown, above the figures, where no line reaches).
    """

    lines: dict[str, dict[str, Line2D]]
    stance_leg: Line2D
    caption: Text


def _moving(figure: FrontalFigure) -> dict[str, NDArray[np.float64]]:
    return {"pelvis": figure.pelvis_m, "trunk": figure.trunk_m, "swing_leg": figure.swing_leg_m}


def _portion(figure: FrontalFigure, i: int) -> NDArray[np.float64]:
    return np.array([figure.origins_m[i], figure.insertions_m[i]])


def draw_running_figures(ax: Axes, figures: Mapping[str, FrontalFigure],
                         limits_cm: tuple[float, float, float, float] = RUNNING_LIMITS_CM,
                         caption: str = "") -> RunningFigureArtists:
    """Both runners from behind on one stance leg: pelvis, trunk and swing leg each; the runner's gluteus medius.

    The caption (e.g. the instant shown) is the axes' title, in the runner's
    colour; the x label says the figures are seen from behind.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    figures : mapping of str to FrontalFigure
        ``{"runner": ..., "reference": ...}`` from
        :func:`glutemed.kinematics.frontal_figure`; the stance leg (the same
        for both) is drawn from the runner's.
    limits_cm : tuple of float
        Fixed plot limits (x0, x1, y0, y1), cm relative to the stance hip.
    caption : str
        Title text, changed by :func:`update_running_figures`.

    Examples
    --------
    >>> from glutemed.kinematics import frontal_figure
    >>> from glutemed.views.style import new_figure
    >>> ax = new_figure(4, 6).add_subplot()
    >>> art = draw_running_figures(ax, {"runner": frontal_figure(0.1), "reference": frontal_figure()})
    >>> sorted(art.lines["runner"]), sorted(art.lines["reference"])
    (['anterior', 'middle', 'pelvis', 'posterior', 'swing_leg', 'trunk'], ['pelvis', 'swing_leg', 'trunk'])
    """
    missing = sorted(set(RUNNERS) - set(figures))
    if missing:
        raise ValueError(f"figures must hold both runners {RUNNERS}; missing {missing}")
    lines: dict[str, dict[str, Line2D]] = {}
    with styled(ax):
        runner = figures["runner"]
        (stance_leg,) = ax.plot(*behind_cm(runner.stance_leg_m), **BONE, zorder=2)
        ax.plot(*behind_cm(runner.neck_m), **BONE, zorder=2)
        for name in ("reference", "runner"):  # the runner on top
            style = RUNNER_STYLE[name]
            lines[name] = {}
            for segment, pts in _moving(figures[name]).items():
                colour = style["color"] if segment != "swing_leg" else PELVIS["color"]
                (lines[name][segment],) = ax.plot(*behind_cm(pts), color=colour, linestyle=style["linestyle"],
                                                  linewidth=_SEGMENT_WIDTH[segment], zorder=3)
        for i, portion in enumerate(PORTIONS):
            s = PORTION_STYLE[portion]
            (lines["runner"][portion],) = ax.plot(*behind_cm(_portion(runner, i)), color=s["color"],
                                                  linestyle=s["linestyle"], linewidth=2.0, zorder=4)
        ax.plot(0.0, 0.0, "o", color="black", markersize=8, markerfacecolor="white", markeredgewidth=2, zorder=5)
        title = ax.set_title(caption, color=RUNNER_STYLE["runner"]["color"])
        x0, x1, y0, y1 = limits_cm
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_aspect("equal", adjustable="box")
        ax.set_xlabel("cm, seen from behind\n(right leg in stance)")
        ax.set_ylabel("cm above the stance hip")
    return RunningFigureArtists(lines, stance_leg, title)


def update_running_figures(artists: RunningFigureArtists, figures: Mapping[str, FrontalFigure],
                           caption: str = "") -> None:
    """Move both runners' pelvis, trunk and swing leg (and the runner's portions); set the caption (the title)."""
    for name, parts in artists.lines.items():
        for segment, pts in _moving(figures[name]).items():
            parts[segment].set_data(*behind_cm(pts))
    for i, portion in enumerate(PORTIONS):
        artists.lines["runner"][portion].set_data(*behind_cm(_portion(figures["runner"], i)))
    artists.caption.set_text(caption)


# --------------------------------------------------------------------------- curves against time
@dataclass
class StanceTimeArtists:
    """Curves of :func:`draw_stance_time` and the cursor marking the current instant.

    ``title`` is the ground-force axes' title (:func:`update_stance_time` may change it).
    """

    lines: dict[str, Line2D]
    cursor: dict[str, Line2D]
    title: Text
    order: tuple[str, ...]
    unit: str


def draw_stance_time(ax_force: Axes, ax_drop: Axes, result: RunningStance, adduction_max_deg: float,
                     force_max_bw: float, labels: Mapping[str, str] | None = None,
                     order: Sequence[str] = RUNNERS, unit: str = "%", cursor: bool = True,
                     title: str = "", legend: bool = True) -> StanceTimeArtists:
    """Vertical ground force (top) and both runners' pelvic drop (bottom) against time, with a cursor.

    The drop axis carries the hip adduction on its right (drop + the femur's
    lean) and a dotted line where the hip reaches the end of its adduction
    range, named in a free band above it; a runner's drop line stops where
    the pelvis is lost there. The cursor's line on the drop axis stops at
    that range too, so it never crosses the range's name.

    Parameters
    ----------
    ax_force, ax_drop : matplotlib.axes.Axes
    result : RunningStance
        Two runners (first axis) in ``order``.
    adduction_max_deg : float
        Upper end of the hip's adduction range, degrees (the geometry's).
    force_max_bw : float
        Top of the ground-force axis, body weights (fixed, so the axis never moves).
    labels : mapping of str to str, optional
        Legend text of each runner.
    order : sequence of str
        Which runner each row of the result is.
    unit : {"%", "ms"}
        Time axis (see :func:`stance_time_axis`).
    cursor : bool
        Draw the cursor (a vertical line and a dot on each curve).
    title : str
        Title of the ground-force plot (a Text artist that :func:`update_stance_time` can change).
    legend : bool
        Name the runners in a legend just above the drop plot, outside it (no curve or cursor reaches it).

    Examples
    --------
    >>> from glutemed.running import running_stance
    >>> from glutemed.views.style import new_figure
    >>> fig = new_figure(6, 6)
    >>> a, b = fig.subplots(2, 1)
    >>> art = draw_stance_time(a, b, running_stance([0.8, 1.0]), 30.0, 3.0)
    >>> sorted(art.lines)
    ['force', 'reference', 'runner']
    """
    order = _order(order)
    labels = dict(labels or {})
    lines: dict[str, Line2D] = {}
    marks: dict[str, Line2D] = {}
    phi = float(result.femur_adduction_deg)
    with styled(ax_force):
        (lines["force"],) = ax_force.plot([], [], color="black", linewidth=2.5)
        heading = ax_force.set_title(title)
        ax_force.set_ylim(0.0, force_max_bw)
        ax_force.set_ylabel("vertical ground\nforce (BW)")
        for name in order:
            style = RUNNER_STYLE[name]
            (lines[name],) = ax_drop.plot([], [], color=style["color"], linestyle=style["linestyle"], linewidth=3,
                                          label=labels.get(name, name))
        limit = adduction_max_deg - phi
        low, high = -1.0, limit + _ABOVE_RANGE_DEG
        ax_drop.axhline(limit, color="#777777", linestyle=":", linewidth=1.5)
        ax_drop.annotate(f"end of hip adduction range ({adduction_max_deg:g}°)", xy=(1.0, limit),
                         xycoords=ax_drop.get_yaxis_transform(), xytext=(-6.0, 4.0), textcoords="offset points",
                         ha="right", va="bottom", color="#555555")
        ax_drop.set_ylim(low, high)
        ax_drop.set_ylabel("pelvic drop (deg)")
        right = ax_drop.secondary_yaxis("right", functions=(lambda d: d + phi, lambda a: a - phi))
        right.set_ylabel(f"hip adduction (deg)\n= drop + {phi:.1f}° femur lean")
        if legend:
            ax_drop.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=len(order), borderaxespad=0.3,
                           frameon=False, handlelength=2.8)
        for ax in (ax_force, ax_drop):
            ax.set_xlim(0.0, 100.0 if unit == "%" else None)
            ax.grid(True, **_GRID)
        ax_drop.set_xlabel(_time_label(unit))
        if cursor:
            marks["line_force"] = ax_force.axvline(0.0, color="#555555", linewidth=1.2)
            # up to the end of the hip's range only: the band above it holds the range's name
            marks["line_drop"] = ax_drop.axvline(0.0, ymax=(limit - low) / (high - low), color="#555555",
                                                 linewidth=1.2)
            (marks["force"],) = ax_force.plot([], [], "o", color="black", markersize=8)
            for name in order:
                (marks[name],) = ax_drop.plot([], [], "o", color=RUNNER_STYLE[name]["color"], markersize=9,
                                              markerfacecolor="white" if name == "reference" else None,
                                              markeredgewidth=2)
    artists = StanceTimeArtists(lines, marks, heading, order, unit)
    update_stance_time(artists, result)
    if unit == "ms":
        for ax in (ax_force, ax_drop):
            ax.set_xlim(0.0, float(stance_time_axis(result, "ms")[-1]))
    return artists


def update_stance_time(artists: StanceTimeArtists, result: RunningStance, title: str | None = None) -> None:
    """Move the curves of :func:`draw_stance_time` to a new result (no redraw); a new ``title`` if given."""
    if title is not None:
        artists.title.set_text(title)
    x = stance_time_axis(result, artists.unit)
    artists.lines["force"].set_data(x, result.vertical_grf_bw)
    for i, name in enumerate(artists.order):
        artists.lines[name].set_data(x, result.pelvic_drop_deg[i])


def update_stance_cursor(artists: StanceTimeArtists, result: RunningStance, index: int) -> None:
    """Put the cursor of :func:`draw_stance_time` at time sample ``index`` (a dot hides where the pelvis is lost).

    Examples
    --------
    >>> from glutemed.running import running_stance
    >>> from glutemed.views.style import new_figure
    >>> fig = new_figure(6, 6)
    >>> a, b = fig.subplots(2, 1)
    >>> r = running_stance([0.8, 1.0])
    >>> art = draw_stance_time(a, b, r, 30.0, 3.0)
    >>> update_stance_cursor(art, r, 100)
    >>> float(art.cursor["runner"].get_ydata()[0]) == float(r.pelvic_drop_deg[0, 100])
    True
    """
    n = result.time_s.size
    if not 0 <= index < n:
        raise ValueError(f"index must be between 0 and {n - 1} (a time sample of the result); got {index}")
    x = float(stance_time_axis(result, artists.unit)[index])
    c = artists.cursor
    c["line_force"].set_xdata([x, x])
    c["line_drop"].set_xdata([x, x])
    c["force"].set_data([x], [float(result.vertical_grf_bw[index])])
    for i, name in enumerate(artists.order):
        c[name].set_data([x], [float(result.pelvic_drop_deg[i, index])])


def draw_moment_curves(ax: Axes, result: RunningStance, labels: Mapping[str, str] | None = None,
                       order: Sequence[str] = RUNNERS, unit: str = "ms", legend: bool = True) -> dict[str, Line2D]:
    """Demand, the abductors' moment and the passive tissue's against time, for both runners.

    Where a runner's abductors supply less than the demand, the pelvis
    drops; the passive tissue's moment stays near zero. With ``legend`` the
    lines are named in a legend to the right of the plot, outside it (a
    figure may name them in one legend of its own instead).

    Examples
    --------
    >>> from glutemed.running import running_stance
    >>> from glutemed.views.style import new_figure
    >>> lines = draw_moment_curves(new_figure(6, 4).add_subplot(), running_stance([0.8, 1.0]))
    >>> sorted(lines)[:3]
    ['demand reference', 'demand runner', 'muscle reference']
    """
    order = _order(order)
    labels = dict(labels or {})
    x = stance_time_axis(result, unit)
    lines: dict[str, Line2D] = {}
    with styled(ax):
        for i, name in enumerate(order):
            style = RUNNER_STYLE[name]
            who = labels.get(name, name)
            (lines[f"demand {name}"],) = ax.plot(x, result.demand_moment_nm_kg[i], color="black", linewidth=1.3,
                                                 linestyle=style["linestyle"], label=f"demand, {who}")
            (lines[f"muscle {name}"],) = ax.plot(x, result.muscle_moment_nm_kg[i], color=style["color"],
                                                 linestyle=style["linestyle"], linewidth=3,
                                                 label=f"abductors, {who}")
            (lines[f"passive {name}"],) = ax.plot(x, result.passive_moment_nm_kg[i], color="#888888",
                                                  linestyle=":", linewidth=2.5,
                                                  label="passive tissue (both)" if i == 0 else None)
        ax.set_xlim(0.0, float(x[-1]))
        ax.set_ylabel("abduction moment\n(N m per kg)")
        ax.set_xlabel(_time_label(unit))
        ax.grid(True, **_GRID)
        if legend:
            ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0)
    return lines
