"""Single-leg stance seen from behind: the frontal stick figure, its free-body diagram, pelvic drop.

The stick figure stands on the floor (the whole body is in view, so the lifted
swing foot is seen off the floor); the trunk rises from the back (lumbar)
joint, drawn as part of the pelvis. Landmarks are named on the drawing: stance
hip, swing hip, centre of mass. The free-body diagram draws every force as an
arrow to one scale, with a force scale bar, and dimensions both lever arms.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch
from matplotlib.text import Annotation, Text
from numpy.typing import ArrayLike, NDArray

from glutemed.geometry import PORTIONS
from glutemed.kinematics import FrontalFigure
from glutemed.statics import StanceResult
from glutemed.views.labels import add_label, mark_moved
from glutemed.views.projection import behind_cm
from glutemed.views.style import BONE, FORCE_STYLE, OTHER_LEG, PELVIS, PORTION_STYLE, styled

__all__ = [
    "FIGURE_LIMITS_CM",
    "PELVIS_LIMITS_CM",
    "DropOverlayArtists",
    "ForceArtists",
    "FrontalFigureArtists",
    "draw_forces",
    "draw_frontal_figure",
    "draw_drop_overlay",
    "draw_level_pelvis",
    "origins_up_m",
    "update_forces",
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


def _xy(medial_up_m: ArrayLike) -> tuple[float, float]:
    h, v = behind_cm(np.asarray(medial_up_m, dtype=np.float64))
    return float(h), float(v)


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
        (lines["swing_hip"],) = ax.plot(*_xy(figure.swing_hip_m), "o", color="#777777", markersize=7,
                                        markerfacecolor="white", markeredgewidth=2, zorder=5)
        (lines["com"],) = ax.plot(*_xy(com), marker="o", markersize=11, color="black",
                                  markerfacecolor="#FFFFFF", markeredgewidth=2, linestyle="none", zorder=6)
        (lines["com_dot"],) = ax.plot(*_xy(com), marker="+", markersize=11, color="black",
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
            notes["swing_hip"] = add_label(ax, "swing hip", _xy(figure.swing_hip_m), prefer=("SW", "W", "NW"))
            notes["com"] = add_label(ax, "centre of mass", _xy(com), prefer=("NW", "W", "SW", "N"))
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
    com = _xy(com_m)
    artists.lines["com"].set_data([com[0]], [com[1]])
    artists.lines["com_dot"].set_data([com[0]], [com[1]])
    swing = _xy(figure.swing_hip_m)
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
    swing = np.array(_xy(figure.swing_hip_m))
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
            (own["swing_hip"],) = ax.plot(*_xy(figure.swing_hip_m), "o", color=colour, markersize=8,
                                          markerfacecolor="white", markeredgewidth=2.5, zorder=6)
            lines[name] = own
            notes[name] = {"angle": add_label(ax, f"{float(drop):.1f}°", tuple(geo["middle"]),
                                              prefer=("W", "SW", "NW"), color=colour, fontweight="bold")}
        add_label(ax, "swing hip", _xy(figures[-1].swing_hip_m), prefer=("N", "NE", "NW"))
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_aspect("equal", adjustable="box")
        ax.set_xlabel("cm, seen from behind")
        ax.set_ylabel("cm above the stance hip")
        if title:
            ax.set_title(title)
    return DropOverlayArtists(lines, notes)


@dataclass
class ForceArtists:
    """Arrows, lever-arm lines, force labels and the force scale bar of a free-body diagram."""

    arrows: dict[str, FancyArrowPatch]
    levers: dict[str, Line2D]
    labels: dict[str, Text]
    cm_per_newton: float
    crest_up_m: float = 0.1
    scale_bar: list = field(default_factory=list)
    #: tail and head (plot cm) of each arrow as last drawn
    ends: dict[str, tuple[tuple[float, float], tuple[float, float]]] = field(default_factory=dict)

    def moving(self) -> list:
        """Every artist of the diagram that follows the result (all but the scale bar)."""
        return [*self.arrows.values(), *self.levers.values(),
                *(a for k, a in self.labels.items() if k != "scale")]


#: Names, in the drawing, of the forces (on the body above the stance hip).
FORCE_WORDS: dict[str, str] = {"weight": "weight", "abductors": "abductors", "hip contact": "hip contact",
                               "cane": "cane"}
_FORCE_PREFER: dict[str, tuple[str, ...]] = {
    "weight": ("W", "NW", "SW"), "abductors": ("NE", "N", "E"), "hip contact": ("E", "ESE", "SE"),
    "cane": ("NE", "N", "E"),
}
_WEIGHT_DIMENSION_CM = -32.0  # height of the weight's lever-arm dimension line, below the hip


def _single(result: StanceResult) -> StanceResult:
    if np.ndim(result.body_weight_n) != 0:
        raise ValueError("result must be a single stance (scalar inputs); got arrays")
    return result


def _force_layout(result: StanceResult, cm_per_newton: float) -> dict:
    """Tail and head (m) of each force arrow, the lever-arm lines and label points (medial, up).

    The abductor pull acts on the pelvis along its line of action, at the
    lever arm ``r`` from the hip. Its arrow is drawn on that line, sliding
    along it (which changes neither the force nor its moment) so that its head
    meets the pelvis where the muscles arise and the arrow lies above them,
    not on the muscle lines; a dotted line continues the line of action
    through the muscles to the foot of the lever arm.
    """
    com = np.asarray(result.com_m)
    scale = cm_per_newton / 100.0  # metres of arrow per newton
    abd = np.asarray(result.abductor_vector_n)
    unit = abd / max(np.linalg.norm(abd), 1e-12)
    normal = np.array([unit[1], -unit[0]])  # perpendicular: cross2(normal, unit) = +1
    foot = normal * result.abductor_lever_m  # the perpendicular's foot on the line of pull
    cane_point = np.asarray(result.cane_point_m)
    cane = np.asarray(result.cane_vector_n)
    contact = np.asarray(result.hip_contact_vector_n)
    return {"com": com, "foot": foot, "unit": unit, "scale": scale, "abd": abd,
            "weight": np.asarray(result.weight_vector_n), "contact": contact, "cane": cane,
            "cane_point": cane_point}


def _arrows(layout: dict, crest_up_m: float) -> dict[str, tuple[NDArray[np.float64], NDArray[np.float64]]]:
    scale, unit, foot = layout["scale"], layout["unit"], layout["foot"]
    # slide the abductor arrow along its line until its head is at the crest height
    t = (crest_up_m - foot[1]) / unit[1] if abs(unit[1]) > 1e-6 else 0.0
    head = foot + t * unit
    com, cane_point = layout["com"], layout["cane_point"]
    return {
        "weight": (com, com + layout["weight"] * scale),
        "abductors": (head - layout["abd"] * scale, head),
        "hip contact": (-layout["contact"] * scale, np.zeros(2)),
        "cane": (cane_point, cane_point + layout["cane"] * scale),
    }


def _levers(layout: dict, arrows: dict) -> dict[str, NDArray[np.float64]]:
    com, foot, cane = layout["com"], layout["foot"], layout["cane"]
    dim = _WEIGHT_DIMENSION_CM / 100.0
    cane_point = layout["cane_point"]
    return {
        # the weight's lever arm d: a dimension line below the hip, from the hip's vertical to the weight's
        "weight": np.array([[0.0, dim], [com[0], dim]]),
        # the weight's line of action, dotted, from the centre of mass down to the dimension line
        "weight line": np.array([com, [com[0], dim]]),
        # the abductors' lever arm r: hip centre to the foot of the perpendicular
        "abductors": np.array([np.zeros(2), foot]),
        # their line of action, dotted, from the arrow's head through the muscles to the foot and on
        "abductor line": np.array([arrows["abductors"][1], foot + 0.03 * layout["unit"]]),
        # the cane itself, from the hand down toward the floor (hidden without a cane)
        "cane": np.array([cane_point, cane_point - [0.0, 0.8]]) if np.linalg.norm(cane) > 0
        else np.full((2, 2), np.nan),
    }


def draw_forces(ax: Axes, result: StanceResult, cm_per_newton: float = 0.015,
                crest_up_m: float = 0.1, scale_bar_n: float = 1000.0) -> ForceArtists:
    """Force arrows to scale, dimensioned lever arms and a force scale bar on a frontal stick figure.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Axes of :func:`draw_frontal_figure`.
    result : StanceResult
        A single (scalar) result of :func:`glutemed.single_leg_stance`.
    cm_per_newton : float
        Arrow length per newton in plot centimetres (0.015: 1000 N is 15 cm).
    crest_up_m : float
        Height above the hip of the pelvis where the abductor arrow ends
        (where the muscles arise), m; the arrow slides along its line of
        action to it. Take it from the figure (:func:`origins_up_m`).
    scale_bar_n : float
        Force shown by the scale bar, N.

    Examples
    --------
    >>> from glutemed.kinematics import frontal_figure
    >>> from glutemed.statics import single_leg_stance
    >>> from glutemed.views.style import new_figure
    >>> fig = new_figure(4, 6)
    >>> ax = fig.add_subplot()
    >>> r = single_leg_stance(70.0)
    >>> _ = draw_frontal_figure(ax, frontal_figure(), r.com_m)
    >>> art = draw_forces(ax, r)
    >>> sorted(art.arrows)
    ['abductors', 'cane', 'hip contact', 'weight']
    >>> art.labels["scale"].get_text()
    '1000 N'
    """
    result = _single(result)
    arrows, levers, labels = {}, {}, {}
    with styled(ax):
        for name in FORCE_WORDS:
            style = FORCE_STYLE[name]
            if name == "abductors":  # a broad arrow: nothing else in the drawing looks like it
                arrow = FancyArrowPatch((0, 0), (0, 1), arrowstyle="simple,head_width=1.6,head_length=1.4,"
                                        "tail_width=0.55", mutation_scale=16, facecolor=style["color"],
                                        edgecolor="black", linewidth=1.0, zorder=8, label=name)
            else:
                arrow = FancyArrowPatch((0, 0), (0, 1), arrowstyle="-|>", mutation_scale=22, color=style["color"],
                                        linestyle=style["linestyle"], linewidth=3.0, zorder=8, label=name)
            ax.add_patch(arrow)
            arrows[name] = arrow
        dimension = {"color": "black", "linewidth": 1.5, "marker": "|", "markersize": 12, "zorder": 7}
        (levers["weight"],) = ax.plot([], [], **dimension, label="lever arm d")
        (levers["weight line"],) = ax.plot([], [], color="black", linewidth=1.2, linestyle=":", zorder=3)
        (levers["abductors"],) = ax.plot([], [], **{**dimension, "color": FORCE_STYLE["abductors"]["color"],
                                                    "linewidth": 2.5}, label="lever arm r")
        (levers["abductor line"],) = ax.plot([], [], color=FORCE_STYLE["abductors"]["color"], linewidth=1.5,
                                             linestyle=":", zorder=3)
        (levers["cane"],) = ax.plot([], [], color=FORCE_STYLE["cane"]["color"], linewidth=2.5, linestyle=":",
                                    zorder=7, label="cane")
        # the lever arms' labels are placed first: they must be near their short lines
        labels["d"] = add_label(ax, "d", (0.0, 0.0), prefer=("S", "SW", "SE"), priority=3)
        labels["r"] = add_label(ax, "r", (0.0, 0.0), prefer=("NE", "E", "SE"),
                                color=FORCE_STYLE["abductors"]["color"], priority=3)
        for name, words in FORCE_WORDS.items():  # then the forces, then (made before) the landmarks
            labels[name] = add_label(ax, words, (0.0, 0.0), prefer=_FORCE_PREFER[name],
                                     color=FORCE_STYLE[name]["color"] if name != "weight" else "black",
                                     fontweight="bold", priority=2)
        # the force scale: a bar as long as an arrow of scale_bar_n newtons, in a free corner
        x0, x1 = ax.get_xlim()
        y0, y1 = ax.get_ylim()
        length = scale_bar_n * cm_per_newton
        bx, by = x1 - 0.04 * (x1 - x0) - length, y0 + 0.16 * (y1 - y0)
        (bar,) = ax.plot([bx, bx + length], [by, by], color="black", linewidth=5, solid_capstyle="butt",
                         label="force scale bar")
        labels["scale"] = ax.text(bx + length / 2, by + 0.012 * (y1 - y0), f"{scale_bar_n:.0f} N",
                                  ha="center", va="bottom")
    art = ForceArtists(arrows, levers, labels, cm_per_newton, crest_up_m, [bar, labels["scale"]])
    update_forces(art, result)
    return art


def origins_up_m(figure: FrontalFigure) -> float:
    """Mean height of the portions' origins above the stance hip, m: where the abductor arrow ends."""
    return float(np.mean(figure.origins_m[:, 1]))


def update_forces(art: ForceArtists, result: StanceResult) -> None:
    """Move the arrows, lever arms and labels of :func:`draw_forces` to a new result (no new artists)."""
    result = _single(result)
    layout = _force_layout(result, art.cm_per_newton)
    arrows = _arrows(layout, art.crest_up_m)
    for name, (tail, head) in arrows.items():
        art.ends[name] = (_xy(tail), _xy(head))
        art.arrows[name].set_positions(*art.ends[name])
        art.arrows[name].set_visible(bool(np.linalg.norm(head - tail) > 1e-9))
    for name, pts in _levers(layout, arrows).items():
        art.levers[name].set_data(*behind_cm(pts))
    magnitudes = {"weight": np.linalg.norm(layout["weight"]), "abductors": float(result.abductor_force_n),
                  "hip contact": float(result.hip_contact_force_n), "cane": np.linalg.norm(layout["cane"])}
    for name, words in FORCE_WORDS.items():
        tail, head = arrows[name]
        note = art.labels[name]
        # weight: under the centre of mass; abductors and hip contact: at the tail, away from the crowded
        # hip; cane: halfway
        at = {"weight": head, "abductors": tail, "hip contact": tail, "cane": tail + 0.5 * (head - tail)}[name]
        note.xy = _xy(at)
        note.set_text(f"{words}\n{magnitudes[name]:.0f} N")
        note.set_visible(bool(magnitudes[name] > 1e-9))
    dim = _WEIGHT_DIMENSION_CM / 100.0
    art.labels["d"].xy = _xy([layout["com"][0] / 2, dim])
    art.labels["d"].set_text(f"d = {100 * float(result.body_weight_lever_m):.1f} cm")
    art.labels["r"].xy = _xy(layout["foot"] / 2)
    art.labels["r"].set_text(f"r = {100 * result.abductor_lever_m:.1f} cm")
    mark_moved([a for k, a in art.labels.items() if k != "scale"])  # re-checked against the moved lines
