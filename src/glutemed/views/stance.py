"""Single-leg stance seen from behind: the frontal stick figure and its free-body diagram."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch
from matplotlib.text import Text
from numpy.typing import ArrayLike, NDArray

from glutemed.geometry import PORTIONS
from glutemed.kinematics import FrontalFigure
from glutemed.statics import StanceResult
from glutemed.views.projection import behind_cm
from glutemed.views.style import BONE, FORCE_STYLE, OTHER_LEG, PELVIS, PORTION_STYLE, styled

__all__ = [
    "FIGURE_LIMITS_CM",
    "ForceArtists",
    "FrontalFigureArtists",
    "draw_forces",
    "draw_frontal_figure",
    "draw_level_pelvis",
    "update_forces",
    "update_frontal_figure",
]

#: Default plot limits of the frontal figure, cm relative to the stance hip (x0, x1, y0, y1).
FIGURE_LIMITS_CM: tuple[float, float, float, float] = (-42.0, 22.0, -42.0, 50.0)
_SEGMENTS = ("pelvis", "trunk", "swing_leg", "stance_leg", "neck")


@dataclass
class FrontalFigureArtists:
    """The lines of :func:`draw_frontal_figure`, keyed by name."""

    lines: dict[str, Line2D]


def _segments(figure: FrontalFigure) -> dict[str, NDArray[np.float64]]:
    return {"pelvis": figure.pelvis_m, "trunk": figure.trunk_m, "swing_leg": figure.swing_leg_m,
            "stance_leg": figure.stance_leg_m, "neck": figure.neck_m}


def _portion(figure: FrontalFigure, i: int) -> NDArray[np.float64]:
    return np.array([figure.origins_m[i], figure.insertions_m[i]])


def draw_frontal_figure(ax: Axes, figure: FrontalFigure, com_m: ArrayLike,
                        limits_cm: tuple[float, float, float, float] = FIGURE_LIMITS_CM,
                        label: str | None = None) -> FrontalFigureArtists:
    """Draw the stick figure of :func:`glutemed.kinematics.frontal_figure` and a centre of mass.

    Seen from behind, the right (stance) leg on the right of the plot; axes
    in cm relative to the stance hip.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    figure : FrontalFigure
    com_m : array_like, shape (2,)
        Centre of mass of the body above the stance hip, (medial, up), m
        (from the model's result).
    limits_cm : tuple of float
        Fixed plot limits.
    label : str, optional
        Axes title.

    Examples
    --------
    >>> from glutemed.kinematics import frontal_figure
    >>> from glutemed.views.style import new_figure
    >>> fig = new_figure(4, 6)
    >>> art = draw_frontal_figure(fig.add_subplot(), frontal_figure(), [0.08, 0.2])
    >>> "pelvis" in art.lines and "middle" in art.lines
    True
    """
    lines: dict[str, Line2D] = {}
    styles = {"pelvis": PELVIS, "trunk": BONE, "swing_leg": OTHER_LEG, "stance_leg": BONE, "neck": BONE}
    com = np.asarray(com_m, dtype=np.float64)[None]
    with styled():
        for name, pts in _segments(figure).items():
            (lines[name],) = ax.plot(*behind_cm(pts), **styles[name])
        for i, portion in enumerate(PORTIONS):
            style = PORTION_STYLE[portion]
            (lines[portion],) = ax.plot(*behind_cm(_portion(figure, i)), color=style["color"],
                                        linestyle=style["linestyle"], linewidth=2.5, zorder=4)
        (lines["hip"],) = ax.plot(0.0, 0.0, "o", color="black", markersize=8, markerfacecolor="white",
                                  markeredgewidth=2, zorder=5)
        (lines["com"],) = ax.plot(*behind_cm(com), marker="o", markersize=11, color="black",
                                  markerfacecolor="#FFFFFF", markeredgewidth=2, linestyle="none", zorder=6)
        (lines["com_dot"],) = ax.plot(*behind_cm(com), marker="+", markersize=11, color="black",
                                      markeredgewidth=2, linestyle="none", zorder=7)
        x0, x1, y0, y1 = limits_cm
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_aspect("equal", adjustable="box")
        ax.set_xlabel("cm (seen from behind; stance leg right)")
        ax.set_ylabel("cm above the stance hip")
        if label:
            ax.set_title(label)
    return FrontalFigureArtists(lines)


def update_frontal_figure(artists: FrontalFigureArtists, figure: FrontalFigure, com_m: ArrayLike) -> None:
    """Move the stick figure of :func:`draw_frontal_figure` (no redraw)."""
    for name, pts in _segments(figure).items():
        artists.lines[name].set_data(*behind_cm(pts))
    for i, portion in enumerate(PORTIONS):
        artists.lines[portion].set_data(*behind_cm(_portion(figure, i)))
    com = np.asarray(com_m, dtype=np.float64)[None]
    artists.lines["com"].set_data(*behind_cm(com))
    artists.lines["com_dot"].set_data(*behind_cm(com))


def draw_level_pelvis(ax: Axes, figure: FrontalFigure) -> Line2D:
    """Dashed grey outline of the level pelvis (a reference for the drop).

    Examples
    --------
    >>> from glutemed.kinematics import frontal_figure
    >>> from glutemed.views.style import new_figure
    >>> fig = new_figure(4, 6)
    >>> draw_level_pelvis(fig.add_subplot(), frontal_figure()).get_linestyle()
    '--'
    """
    with styled():
        (line,) = ax.plot(*behind_cm(figure.pelvis_m), color="#BBBBBB", linestyle="--", linewidth=1.5,
                          label="level pelvis")
    return line


@dataclass
class ForceArtists:
    """Arrows, lever-arm lines and labels of a free-body diagram."""

    arrows: dict[str, FancyArrowPatch]
    levers: dict[str, Line2D]
    labels: dict[str, Text]
    cm_per_newton: float

    def moving(self) -> list:
        """Every artist of the diagram."""
        return [*self.arrows.values(), *self.levers.values(), *self.labels.values()]


def _single(result: StanceResult) -> StanceResult:
    if np.ndim(result.body_weight_n) != 0:
        raise ValueError("result must be a single stance (scalar inputs); got arrays")
    return result


def _force_layout(result: StanceResult, cm_per_newton: float) -> dict:
    """Tail and head (m) of each force arrow and the lever-arm lines (medial, up)."""
    com = np.asarray(result.com_m)
    scale = cm_per_newton / 100.0  # metres of arrow per newton
    abd = np.asarray(result.abductor_vector_n)
    # the abductor resultant acts along a line at its lever arm from the hip; draw it from the trochanter side
    unit = abd / max(np.linalg.norm(abd), 1e-12)
    normal = np.array([unit[1], -unit[0]])  # perpendicular: cross2(normal, unit) = +1
    foot = normal * result.abductor_lever_m  # the perpendicular's foot on the line of pull
    cane_point = np.asarray(result.cane_point_m)
    cane = np.asarray(result.cane_vector_n)
    contact = np.asarray(result.hip_contact_vector_n)
    arrows = {
        "weight": (com, com + np.asarray(result.weight_vector_n) * scale),
        "abductors": (foot - abd * scale, foot),
        "hip contact": (-contact * scale, np.zeros(2)),
        "cane": (cane_point, cane_point + cane * scale),
    }
    levers = {
        "weight": np.array([np.zeros(2), [com[0], 0.0]]),
        "abductors": np.array([np.zeros(2), foot]),
        # the cane itself, from the hand down toward the floor (hidden without a cane)
        "cane": np.array([cane_point, cane_point - [0.0, 0.8]]) if np.linalg.norm(cane) > 0
        else np.full((2, 2), np.nan),
    }
    return {"arrows": arrows, "levers": levers, "com": com, "foot": foot}


def draw_forces(ax: Axes, result: StanceResult, cm_per_newton: float = 0.015) -> ForceArtists:
    """Force arrows to scale and dimensioned lever arms on a frontal stick figure.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Axes of :func:`draw_frontal_figure`.
    result : StanceResult
        A single (scalar) result of :func:`glutemed.single_leg_stance`.
    cm_per_newton : float
        Arrow length per newton in plot centimetres (0.015: 1000 N is 15 cm).

    Examples
    --------
    >>> from glutemed.kinematics import frontal_figure
    >>> from glutemed.statics import single_leg_stance
    >>> from glutemed.views.style import new_figure
    >>> fig = new_figure(4, 6)
    >>> ax = fig.add_subplot()
    >>> r = single_leg_stance(70.0)
    >>> _ = draw_frontal_figure(ax, frontal_figure(), r.com_m)
    >>> sorted(draw_forces(ax, r).arrows)
    ['abductors', 'cane', 'hip contact', 'weight']
    """
    layout = _force_layout(_single(result), cm_per_newton)
    arrows, levers, labels = {}, {}, {}
    with styled():
        for name, (tail, head) in layout["arrows"].items():
            style = FORCE_STYLE[name]
            arrow = FancyArrowPatch(behind_cm(tail), behind_cm(head), arrowstyle="-|>", mutation_scale=22,
                                    color=style["color"], linestyle=style["linestyle"], linewidth=2.8,
                                    zorder=8, label=name)
            ax.add_patch(arrow)
            arrows[name] = arrow
        for name, pts in layout["levers"].items():
            if name == "cane":  # the cane itself, dotted like its legend entry
                (levers[name],) = ax.plot(*behind_cm(pts), color=FORCE_STYLE[name]["color"], linewidth=2.5,
                                          linestyle=":", zorder=7)
            else:
                (levers[name],) = ax.plot(*behind_cm(pts), color=FORCE_STYLE[name]["color"], linewidth=1.5,
                                          marker="|", markersize=10, zorder=7)
        labels["weight"] = ax.text(0, 0, "", ha="center", va="top", fontsize=12)
        labels["abductors"] = ax.text(0, 0, "", ha="left", va="bottom", fontsize=12,
                                      color=FORCE_STYLE["abductors"]["color"])
        proxies = [Line2D([], [], color=FORCE_STYLE[n]["color"], linestyle=FORCE_STYLE[n]["linestyle"],
                          linewidth=2.8, label=n) for n in arrows]
        ax.legend(handles=proxies, loc="upper right", fontsize=11, framealpha=0.9)
    art = ForceArtists(arrows, levers, labels, cm_per_newton)
    update_forces(art, result)
    return art


def update_forces(art: ForceArtists, result: StanceResult) -> None:
    """Move the arrows and lever arms of :func:`draw_forces` to a new result."""
    layout = _force_layout(_single(result), art.cm_per_newton)
    for name, (tail, head) in layout["arrows"].items():
        art.arrows[name].set_positions(behind_cm(tail), behind_cm(head))
        art.arrows[name].set_visible(bool(np.linalg.norm(head - tail) > 1e-9))
    for name, pts in layout["levers"].items():
        art.levers[name].set_data(*behind_cm(pts))
    wx, _ = behind_cm(np.array([layout["com"][0] / 2, 0.0]))
    art.labels["weight"].set_position((float(wx), -6.0))
    art.labels["weight"].set_text(f"d = {100 * float(result.body_weight_lever_m):.1f} cm")
    fx, fy = behind_cm(layout["foot"])
    art.labels["abductors"].set_position((float(fx) + 2.0, float(fy) - 8.0))
    art.labels["abductors"].set_text(f"r = {100 * result.abductor_lever_m:.1f} cm")
