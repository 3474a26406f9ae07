"""Single-leg stance seen from behind: the frontal stick figure and the pelvic drop.

The stick figure stands on the floor (the whole body is in view, so the lifted
swing foot is seen off the floor); the trunk rises from the back (lumbar)
joint, drawn as part of the pelvis. Landmarks are named on the drawing: stance
hip, swing hip, centre of mass. Its free-body diagram is in
:mod:`glutemed.views.forces`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.text import Annotation
from numpy.typing import ArrayLike, NDArray

from glutemed.geometry import PORTIONS
from glutemed.kinematics import FrontalFigure
from glutemed.views.labels import add_label, mark_moved
from glutemed.views.projection import behind_cm, behind_point_cm
from glutemed.views.style import BONE, OTHER_LEG, PELVIS, PORTION_STYLE, styled

__all__ = [
    "FIGURE_LIMITS_CM",
    "PELVIS_LIMITS_CM",
    "DropOverlayArtists",
    "FrontalFigureArtists",
    "draw_frontal_figure",
    "draw_drop_overlay",
    "draw_level_pelvis",
    "update_frontal_figure",
]

#: Default plot limits of the frontal figure, cm relative to the stance hip (x0, x1, y0, y1): the
#: whole body, floor to chest, with room beside it for labels.
FIGURE_LIMITS_CM: tuple[float, float, float, float] = (-47.0, 31.0, -88.0, 40.0)
#: Limits of a pelvis close-up (the pelvic-drop overlay).
PELVIS_LIMITS_CM: tuple[float, float, float, float] = (-48.0, 14.0, -15.0, 20.0)
_SEGMENTS = ("pelvis", "trunk", "swing_leg", "stance_leg", "neck")
_FOOT_CM = 7.0  # drawn foot length


@dataclass
class FrontalFigureArtists:
    """The lines of :func:`draw_frontal_figure`, keyed by name, and its landmark labels."""

    lines: dict[str, Line2D]
    labels: dict[str, Annotation] = field(default_factory=dict)

    def moving(self) -> list:
        """Every artist that follows the pose (all but the stance leg, its foot and the floor)."""
        still = ("stance_leg", "stance_foot", "floor", "neck", "drop_level")
        return ([a for k, a in self.lines.items() if k not in still]
                + [a for k, a in self.labels.items() if k not in ("stance_hip", "level")])


def _pelvis_with_back(figure: FrontalFigure) -> NDArray[np.float64]:
    """The stick pelvis and, after a break, the segment from its back to the back (lumbar) joint.

    The back joint is on the pelvis, so the trunk drawn from it is joined to
    the pelvis through this segment (both turn with the pelvic drop).
    """
    back = figure.pelvis_m[7]
    return np.vstack([figure.pelvis_m, [[np.nan, np.nan]], [back, figure.trunk_m[0]]])


def _feet(figure: FrontalFigure) -> dict[str, NDArray[np.float64]]:
    """A short foot (heel seen from behind) under each leg, m."""
    half = np.array([_FOOT_CM / 200.0, 0.0])
    stance_ankle, swing_ankle = figure.stance_leg_m[-1], figure.swing_leg_m[-1]
    return {"stance_foot": np.array([stance_ankle - half, stance_ankle + half]),
            "swing_foot": np.array([swing_ankle - half, swing_ankle + half])}


def _segments(figure: FrontalFigure) -> dict[str, NDArray[np.float64]]:
    return {"pelvis": _pelvis_with_back(figure), "trunk": figure.trunk_m, "swing_leg": figure.swing_leg_m,
            "stance_leg": figure.stance_leg_m, "neck": figure.neck_m, **_feet(figure)}


def _portion(figure: FrontalFigure, i: int) -> NDArray[np.float64]:
    return np.array([figure.origins_m[i], figure.insertions_m[i]])


def draw_frontal_figure(ax: Axes, figure: FrontalFigure, com_m: ArrayLike,
                        limits_cm: tuple[float, float, float, float] = FIGURE_LIMITS_CM,
                        label: str | None = None, landmarks: bool = True,
                        drop_deg: float | None = None) -> FrontalFigureArtists:
    """Draw the stick figure of :func:`glutemed.kinematics.frontal_figure` and a centre of mass.

    Seen from behind, the right (stance) leg on the right of the plot; axes
    in cm relative to the stance hip. When the limits reach the stance foot,
    the floor is drawn under it (the swing foot is then seen off the floor).

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
    landmarks : bool
        Name the stance hip, the swing hip and the centre of mass on the drawing.
    drop_deg : float, optional
        The model's pelvic drop, degrees: if given, the drop is drawn as an
        angle at the stance hip (level line, pelvis line, arc) labelled with it.

    Examples
    --------
    >>> from glutemed.kinematics import frontal_figure
    >>> from glutemed.views.style import new_figure
    >>> fig = new_figure(4, 6)
    >>> art = draw_frontal_figure(fig.add_subplot(), frontal_figure(), [0.08, 0.2])
    >>> "pelvis" in art.lines and "middle" in art.lines
    True
    >>> sorted(art.labels)
    ['com', 'stance_hip', 'swing_hip']
    """
    lines: dict[str, Line2D] = {}
    notes: dict[str, Annotation] = {}
    styles = {"pelvis": PELVIS, "trunk": BONE, "swing_leg": OTHER_LEG, "stance_leg": BONE, "neck": BONE,
              "stance_foot": BONE, "swing_foot": OTHER_LEG}
    com = np.asarray(com_m, dtype=np.float64)
    x0, x1, y0, y1 = limits_cm
    with styled(ax):
        for name, pts in _segments(figure).items():
            (lines[name],) = ax.plot(*behind_cm(pts), **styles[name])
        floor_cm = 100.0 * float(figure.stance_leg_m[-1][1])
        if y0 < floor_cm:
            (lines["floor"],) = ax.plot([x0, x1], [floor_cm, floor_cm], color="#8A8A8A", linewidth=2.0,
                                        zorder=0, label="floor")
            ax.axhspan(y0, floor_cm, color="#EEEEEE", zorder=-1, linewidth=0)
        for i, portion in enumerate(PORTIONS):
            style = PORTION_STYLE[portion]
            (lines[portion],) = ax.plot(*behind_cm(_portion(figure, i)), color=style["color"],
                                        linestyle=style["linestyle"], linewidth=2.0, zorder=4)
        (lines["hip"],) = ax.plot(0.0, 0.0, "o", color="black", markersize=8, markerfacecolor="white",
                                  markeredgewidth=2, zorder=5)
        (lines["swing_hip"],) = ax.plot(*behind_point_cm(figure.swing_hip_m), "o", color="#777777", markersize=7,
                                        markerfacecolor="white", markeredgewidth=2, zorder=5)
        (lines["com"],) = ax.plot(*behind_point_cm(com), marker="o", markersize=11, color="black",
                                  markerfacecolor="#FFFFFF", markeredgewidth=2, linestyle="none", zorder=6)
        (lines["com_dot"],) = ax.plot(*behind_point_cm(com), marker="+", markersize=11, color="black",
                                      markeredgewidth=2, linestyle="none", zorder=7)
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_aspect("equal", adjustable="box")
        ax.set_xlabel("cm, seen from behind")
        ax.set_ylabel("cm above the stance hip")
        if label:
            ax.set_title(label)
        if drop_deg is not None:
            geo = _drop_lines(figure)
            (lines["drop_level"],) = ax.plot(*geo["level"].T, color="#555555", linewidth=1.8,
                                             linestyle=(0, (6, 3)), zorder=2)
            colour = PORTION_STYLE["posterior"]["color"]
            (lines["drop_line"],) = ax.plot(*geo["line"].T, color=colour, linewidth=1.8, zorder=3)
            (lines["drop_arc"],) = ax.plot(*geo["arc"].T, color=colour, linewidth=3.0, zorder=5)
            notes["drop"] = add_label(ax, f"drop {float(drop_deg):.1f}°", tuple(geo["middle"]),
                                      prefer=("SW", "W", "S"), color=colour, fontweight="bold")
            notes["level"] = add_label(ax, "level", tuple(geo["level"][1]), prefer=("N", "NE"), leader=False,
                                       color="#555555")
        if landmarks:
            notes["stance_hip"] = add_label(ax, "stance hip", (0.0, 0.0), prefer=("SE", "E", "S"))
            notes["swing_hip"] = add_label(ax, "swing hip", behind_point_cm(figure.swing_hip_m), prefer=("SW", "W", "NW"))
            notes["com"] = add_label(ax, "centre of mass", behind_point_cm(com), prefer=("NW", "W", "SW", "N"))
    return FrontalFigureArtists(lines, notes)


def update_frontal_figure(artists: FrontalFigureArtists, figure: FrontalFigure, com_m: ArrayLike,
                          drop_deg: float | None = None) -> None:
    """Move the stick figure of :func:`draw_frontal_figure` and its labels (no new artists).

    ``drop_deg`` (the model's pelvic drop) relabels the drop angle, if one is drawn.
    """
    for name, pts in _segments(figure).items():
        artists.lines[name].set_data(*behind_cm(pts))
    for i, portion in enumerate(PORTIONS):
        artists.lines[portion].set_data(*behind_cm(_portion(figure, i)))
    com = behind_point_cm(com_m)
    artists.lines["com"].set_data([com[0]], [com[1]])
    artists.lines["com_dot"].set_data([com[0]], [com[1]])
    swing = behind_point_cm(figure.swing_hip_m)
    artists.lines["swing_hip"].set_data([swing[0]], [swing[1]])
    if "com" in artists.labels:
        artists.labels["com"].xy = com
        artists.labels["swing_hip"].xy = swing
    if "drop_arc" in artists.lines:
        geo = _drop_lines(figure)
        artists.lines["drop_line"].set_data(*geo["line"].T)
        artists.lines["drop_arc"].set_data(*geo["arc"].T)
        artists.labels["drop"].xy = tuple(geo["middle"])
        if drop_deg is not None:
            artists.labels["drop"].set_text(f"drop {float(drop_deg):.1f}°")
    mark_moved([a for k, a in artists.labels.items() if k in ("com", "swing_hip", "drop")])


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
    with styled(ax):
        (line,) = ax.plot(*behind_cm(figure.pelvis_m), color="#BBBBBB", linestyle="--", linewidth=1.5,
                          label="level pelvis")
    return line


_DROP_REACH_CM = 45.0  # how far the level line and the pelvis line run toward the swing side
_DROP_RADIUS_CM = 40.0  # radius of the drop-angle arc


def _drop_lines(figure: FrontalFigure, reach_cm: float = _DROP_REACH_CM,
                radius_cm: float = _DROP_RADIUS_CM) -> dict[str, NDArray[np.float64]]:
    """Plot points (cm) of the drop angle at the stance hip: level line, pelvis line, arc, arc middle.

    The pelvis line runs from the stance hip through the swing hip; the arc
    turns from the level line to it. (Drawing geometry only: the angle's
    value is the model's, passed to the label.)
    """
    swing = np.array(behind_point_cm(figure.swing_hip_m))
    direction = swing / max(np.linalg.norm(swing), 1e-12)
    level = np.array([np.sign(swing[0]) or -1.0, 0.0])
    start, stop = np.arctan2(level[1], level[0]), np.arctan2(direction[1], direction[0])
    if stop - start > np.pi:
        stop -= 2 * np.pi
    elif start - stop > np.pi:
        stop += 2 * np.pi
    phi = np.linspace(start, stop, 25)
    arc = radius_cm * np.column_stack([np.cos(phi), np.sin(phi)])
    middle = radius_cm * np.array([np.cos((start + stop) / 2), np.sin((start + stop) / 2)])
    return {"level": np.array([[0.0, 0.0], level * reach_cm]), "line": np.array([[0.0, 0.0], direction * reach_cm]),
            "arc": arc, "middle": middle}


@dataclass
class DropOverlayArtists:
    """Lines and labels of :func:`draw_drop_overlay`, one dict per pelvis (keyed by its name)."""

    lines: dict[str, dict[str, Line2D]]
    labels: dict[str, dict[str, Annotation]]


def draw_drop_overlay(ax: Axes, level: FrontalFigure, figures: Sequence[FrontalFigure],
                      drops_deg: Sequence[float], names: Sequence[str],
                      styles: Sequence[dict], limits_cm: tuple[float, float, float, float] = PELVIS_LIMITS_CM,
                      title: str | None = None) -> DropOverlayArtists:
    """Several pelvises over one stance hip, each with its drop angle drawn as an arc and labelled.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    level : FrontalFigure
        The level pelvis (drawn dashed grey, with the level line).
    figures : sequence of FrontalFigure
        The dropped figures, from :func:`glutemed.kinematics.frontal_figure`.
    drops_deg : sequence of float
        Their pelvic drops from the model, degrees (the labels' values).
    names : sequence of str
        Legend entry of each.
    styles : sequence of dict
        ``color`` and ``linestyle`` of each (distinct in colour and in grey).
    limits_cm : tuple of float
    title : str, optional

    Examples
    --------
    >>> import numpy as np
    >>> from glutemed.kinematics import frontal_figure
    >>> from glutemed.views.style import new_figure
    >>> fig = new_figure(8, 6)
    >>> art = draw_drop_overlay(fig.add_subplot(), frontal_figure(), [frontal_figure(np.radians(6.0))], [6.0],
    ...                         ["weak"], [{"color": "red", "linestyle": "-"}])
    >>> art.labels["weak"]["angle"].get_text()
    '6.0°'
    """
    lines: dict[str, dict[str, Line2D]] = {}
    notes: dict[str, dict[str, Annotation]] = {}
    x0, x1, y0, y1 = limits_cm
    with styled(ax):
        draw_level_pelvis(ax, level)
        ref = _drop_lines(level)
        ax.plot(*ref["level"].T, color="#555555", linewidth=1.8, linestyle=(0, (6, 3)), zorder=2)
        ax.plot(*behind_cm(level.stance_leg_m), **BONE)
        ax.plot(0.0, 0.0, "o", color="black", markersize=9, markerfacecolor="white", markeredgewidth=2, zorder=6)
        add_label(ax, "level", tuple(ref["level"][1]), prefer=("N", "NE"), leader=False, color="#555555")
        add_label(ax, "stance hip", (0.0, 0.0), prefer=("SE", "E", "S"))
        n = len(figures)
        for i, (figure, drop, name, style) in enumerate(zip(figures, drops_deg, names, styles)):
            colour, ls = style["color"], style["linestyle"]
            radius = _DROP_RADIUS_CM * (0.62 + 0.38 * (i + 1) / n)  # one arc inside the other
            geo = _drop_lines(figure, radius_cm=radius)
            own: dict[str, Line2D] = {}
            (own["pelvis"],) = ax.plot(*behind_cm(figure.pelvis_m), color=colour, linestyle=ls,
                                       linewidth=3.0, zorder=4, label=name)
            (own["swing_leg"],) = ax.plot(*behind_cm(figure.swing_leg_m), color=colour, linestyle=ls,
                                          linewidth=2.5, zorder=3)
            (own["line"],) = ax.plot(*geo["line"].T, color=colour, linestyle=ls, linewidth=1.8, zorder=3)
            (own["arc"],) = ax.plot(*geo["arc"].T, color=colour, linestyle="-", linewidth=3.0, zorder=5)
            (own["swing_hip"],) = ax.plot(*behind_point_cm(figure.swing_hip_m), "o", color=colour, markersize=8,
                                          markerfacecolor="white", markeredgewidth=2.5, zorder=6)
            lines[name] = own
            notes[name] = {"angle": add_label(ax, f"{float(drop):.1f}°", tuple(geo["middle"]),
                                              prefer=("W", "SW", "NW"), color=colour, fontweight="bold")}
        add_label(ax, "swing hip", behind_point_cm(figures[-1].swing_hip_m), prefer=("N", "NE", "NW"))
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_aspect("equal", adjustable="box")
        ax.set_xlabel("cm, seen from behind")
        ax.set_ylabel("cm above the stance hip")
        if title:
            ax.set_title(title)
    return DropOverlayArtists(lines, notes)
