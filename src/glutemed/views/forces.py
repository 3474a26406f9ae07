"""The free-body diagram of single-leg stance, drawn on the frontal stick figure of :mod:`glutemed.views.stance`.

Every force is an arrow to one scale, with a force scale bar; both lever arms
are dimensioned; labels sit clear of the femur.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch
from matplotlib.text import Text
from numpy.typing import NDArray

from glutemed.kinematics import FrontalFigure
from glutemed.statics import StanceResult
from glutemed.views.labels import add_label, mark_moved
from glutemed.views.projection import behind_cm, behind_point_cm
from glutemed.views.style import FORCE_STYLE, styled

__all__ = ["FORCE_WORDS", "ForceArtists", "draw_forces", "origins_up_m", "update_forces"]


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
    >>> from glutemed.views.stance import draw_frontal_figure
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
        art.ends[name] = (behind_point_cm(tail), behind_point_cm(head))
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
        note.xy = behind_point_cm(at)
        note.set_text(f"{words}\n{magnitudes[name]:.0f} N")
        note.set_visible(bool(magnitudes[name] > 1e-9))
    dim = _WEIGHT_DIMENSION_CM / 100.0
    art.labels["d"].xy = behind_point_cm([layout["com"][0] / 2, dim])
    art.labels["d"].set_text(f"d = {100 * float(result.body_weight_lever_m):.1f} cm")
    art.labels["r"].xy = behind_point_cm(layout["foot"] / 2)
    art.labels["r"].set_text(f"r = {100 * result.abductor_lever_m:.1f} cm")
    mark_moved([a for k, a in art.labels.items() if k != "scale"])  # re-checked against the moved lines
