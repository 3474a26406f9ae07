"""Draw the stick model and moment-arm plots: build artists once, then move them.

Every ``draw_*`` function takes a Matplotlib ``Axes``, draws, and returns the
artists it made; every ``update_*`` function only moves those artists to new
data. Nothing here runs a model: callers pass in a posed
:class:`~glutemed.posing.LegPose` or computed values. Colours are the
Okabe-Ito colour-blind-safe palette, and each portion also has its own line
style and marker so that the figures read in greyscale.

Views (right-handed pelvis frame, x anterior, y superior, z right):

``"frontal"``
    seen from behind: subject's right on the right (z across, y up).
``"sagittal"``
    seen from the right: anterior to the right (x across, y up).
``"transverse"``
    seen from above: subject's right on the right, anterior up (z across, x up).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import matplotlib as mpl
import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch
from matplotlib.text import Text
from numpy.typing import NDArray

from glutemed._checks import check_name
from glutemed.geometry import PORTIONS
from glutemed.posing import LegPose

__all__ = [
    "PORTION_STYLE",
    "OKABE_ITO",
    "STYLE",
    "VIEWS",
    "VIEW_TITLES",
    "ViewArtists",
    "add_portion_legend",
    "new_figure",
    "draw_view",
    "update_view",
    "draw_moment_arm_curves",
    "draw_moment_arm_bars",
    "update_moment_arm_bars",
    "FORCE_STYLE",
    "ForceArtists",
    "draw_frontal_figure",
    "draw_level_pelvis",
    "update_frontal_figure",
    "draw_forces",
    "update_forces",
    "draw_drop_curves",
    "update_drop_curves",
    "CHAIN_STYLE",
    "CHAIN_VIEWS",
    "chain_xy",
    "draw_chain_axes",
    "draw_chain",
    "update_chain",
]

#: Okabe & Ito (2008) colour-blind-safe palette.
OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermilion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

#: Colour, line style and marker of each portion (distinct in colour and in grey).
PORTION_STYLE: dict[str, dict[str, str]] = {
    "anterior": {"color": OKABE_ITO["orange"], "linestyle": "-", "marker": "o"},
    "middle": {"color": OKABE_ITO["blue"], "linestyle": "--", "marker": "s"},
    "posterior": {"color": OKABE_ITO["vermilion"], "linestyle": "-.", "marker": "^"},
}

#: Matplotlib settings used inside :func:`new_figure` only (never set globally):
#: large type for projection, deterministic SVG output.
STYLE: dict[str, object] = {
    "font.size": 13,
    "axes.titlesize": 14,
    "axes.labelsize": 13,
    "legend.fontsize": 12,
    "xtick.labelsize": 11,
    "ytick.labelsize": 11,
    "lines.linewidth": 2.5,
    "svg.hashsalt": "glutemed",
    "axes.spines.top": False,
    "axes.spines.right": False,
}

VIEWS: tuple[str, str, str] = ("frontal", "sagittal", "transverse")

VIEW_TITLES: dict[str, str] = {
    "frontal": "Frontal plane, from behind",
    "sagittal": "Sagittal plane, from the right",
    "transverse": "Transverse plane, from above",
}

# (horizontal, vertical) pelvis-frame axis index and axis labels per view
_VIEW_AXES: dict[str, tuple[int, int, str, str]] = {
    "frontal": (2, 1, "medial-lateral z (cm, right +)", "vertical y (cm)"),
    "sagittal": (0, 1, "anterior-posterior x (cm, anterior +)", "vertical y (cm)"),
    "transverse": (2, 0, "medial-lateral z (cm, right +)", "anterior-posterior x (cm)"),
}

# fixed limits (cm) so that blitting backgrounds stay valid while the pose moves
_LIMITS_CM: dict[str, dict[str, tuple[float, float, float, float]]] = {
    "hip": {
        "frontal": (-16.0, 18.0, -22.0, 10.0),
        "sagittal": (-20.0, 16.0, -22.0, 10.0),
        "transverse": (-16.0, 18.0, -20.0, 16.0),
    },
    "leg": {
        "frontal": (-45.0, 55.0, -98.0, 12.0),
        "sagittal": (-55.0, 55.0, -98.0, 12.0),
        "transverse": (-45.0, 55.0, -55.0, 55.0),
    },
}

_BONE = {"color": "#3A3A3A", "linewidth": 4.0, "solid_capstyle": "round"}
_PELVIS = {"color": "#7A7A7A", "linewidth": 2.5}
_OTHER_LEG = {"color": "#BBBBBB", "linewidth": 3.0, "linestyle": "-"}


def new_figure(width_in: float, height_in: float, dpi: float = 100) -> Figure:
    """A Figure with an Agg canvas and the package style, without pyplot.

    Building figures this way keeps no global pyplot state, so a widget panel
    can redraw its own figure without touching any other.

    Parameters
    ----------
    width_in, height_in : float
        Size in inches.
    dpi : float
        Dots per inch (100 gives ``width_in * 100`` pixels).

    Examples
    --------
    >>> fig = new_figure(4, 3)
    >>> fig.canvas.get_width_height()
    (400, 300)
    """
    with mpl.rc_context(STYLE):
        fig = Figure(figsize=(width_in, height_in), dpi=dpi, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _xy(points: NDArray[np.float64], view: str) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Project ``(n, 3)`` pelvis-frame points (m) onto a view, in cm."""
    h, v, _, _ = _VIEW_AXES[view]
    pts = np.asarray(points, dtype=np.float64) * 100.0
    return pts[..., h], pts[..., v]


def _pelvis_outline(pose: LegPose) -> NDArray[np.float64]:
    """Lines joining the pelvis landmarks (a stick pelvis, not a bone outline).

    ASIS to ASIS to hip centre to hip centre, closed; then each ASIS to the
    back of the pelvis (sacrum marker, or mid-PSIS where the model has no
    sacrum marker), roughly along the iliac crest. NaN breaks the line.
    """
    lm = pose.pelvis_m
    back = lm.get("sacrum")
    if back is None:
        back = (lm["psis_right"] + lm["psis_left"]) / 2
    gap = np.full(3, np.nan)
    return np.array([lm["asis_left"], lm["asis_right"], lm["hip_centre_right"],
                     lm["hip_centre_left"], lm["asis_left"], gap,
                     lm["asis_right"], back, lm["asis_left"]])


def _leg_points(pose: LegPose) -> dict[str, NDArray[np.float64]]:
    if pose.knee_centre_m.ndim != 1:
        raise ValueError("drawing needs a single pose; got an array of poses")
    return {
        "femur": np.array([pose.hip_centre_m, pose.knee_centre_m]),
        "neck": np.array([pose.hip_centre_m, pose.greater_trochanter_m]),
        "shank": np.array([pose.knee_centre_m, pose.ankle_centre_m]),
    }


def _other_leg(pose: LegPose) -> NDArray[np.float64]:
    """The opposite leg, standing straight (mirror of the posed leg at neutral)."""
    lm = pose.pelvis_m
    this = pose.hip_centre_m
    other = lm["hip_centre_left"] if np.allclose(this, lm["hip_centre_right"]) else lm["hip_centre_right"]
    thigh = np.linalg.norm(pose.knee_centre_m - this)
    shank = np.linalg.norm(pose.ankle_centre_m - pose.knee_centre_m)
    return np.array([other, other - [0.0, thigh, 0.0], other - [0.0, thigh + shank, 0.0]])


@dataclass
class ViewArtists:
    """The artists of one view, keyed by name, plus the view they show."""

    view: str
    lines: dict[str, Line2D]

    def all(self) -> list[Line2D]:
        """Every artist that moves with the pose."""
        return [a for k, a in self.lines.items() if k not in ("pelvis", "other_leg")]


def draw_view(ax: Axes, pose: LegPose, view: str = "frontal", zoom: str = "hip",
              legend: bool = True, title: bool = True) -> ViewArtists:
    """Draw the stick model in one view and return its artists.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw; its limits are fixed for the zoom level.
    pose : LegPose
        A single pose from :func:`glutemed.posing.pose_leg`.
    view : {"frontal", "sagittal", "transverse"}
    zoom : {"hip", "leg"}
        ``"hip"`` shows the pelvis and greater trochanter; ``"leg"`` the whole
        leg.
    legend, title : bool
        Whether to add a legend of the portions and a title naming the view.

    Returns
    -------
    ViewArtists
        ``lines`` holds ``pelvis``, ``other_leg``, ``femur``, ``neck``,
        ``shank``, ``hip``, and one line per portion.

    Examples
    --------
    >>> from glutemed.posing import pose_leg
    >>> fig = new_figure(4, 4)
    >>> art = draw_view(fig.add_subplot(), pose_leg(), "frontal")
    >>> sorted(art.lines)[:3]
    ['anterior', 'femur', 'hip']
    """
    check_name(view, "view", VIEWS)
    check_name(zoom, "zoom", tuple(_LIMITS_CM))
    lines: dict[str, Line2D] = {}
    with mpl.rc_context(STYLE):
        (lines["pelvis"],) = ax.plot(*_xy(_pelvis_outline(pose), view), **_PELVIS, label="pelvis (landmarks)")
        if view != "transverse":
            (lines["other_leg"],) = ax.plot(*_xy(_other_leg(pose), view), **_OTHER_LEG, zorder=1)
        for name, pts in _leg_points(pose).items():
            (lines[name],) = ax.plot(*_xy(pts, view), **_BONE, zorder=2,
                                     label="femur and shank" if name == "femur" else None)
        (lines["hip"],) = ax.plot(*_xy(pose.hip_centre_m[None], view), "o", color="black",
                                  markersize=9, markerfacecolor="white", markeredgewidth=2,
                                  zorder=5, label="hip joint centre")
        for i, portion in enumerate(PORTIONS):
            pts = np.array([pose.origins_m[i], pose.insertions_m[i]])
            style = PORTION_STYLE[portion]
            (lines[portion],) = ax.plot(*_xy(pts, view), color=style["color"],
                                        linestyle=style["linestyle"], marker=style["marker"],
                                        markersize=7, linewidth=3, zorder=4,
                                        label=f"{portion} glute med")
        x0, x1, y0, y1 = _LIMITS_CM[zoom][view]
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_aspect("equal", adjustable="box")
        _, _, xlabel, ylabel = _VIEW_AXES[view]
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        if title:
            ax.set_title(VIEW_TITLES[view])
        if legend:
            ax.legend(handles=[lines[p] for p in PORTIONS], loc="lower left", framealpha=0.9, fontsize=11)
    return ViewArtists(view=view, lines=lines)


def add_portion_legend(fig: Figure, artists: ViewArtists) -> None:
    """One legend of the three portions below all the axes of ``fig``.

    Examples
    --------
    >>> from glutemed.posing import pose_leg
    >>> fig = new_figure(4, 4)
    >>> add_portion_legend(fig, draw_view(fig.add_subplot(), pose_leg(), legend=False))
    >>> len(fig.legends)
    1
    """
    with mpl.rc_context(STYLE):
        fig.legend(handles=[artists.lines[p] for p in PORTIONS], loc="outside lower center",
                   ncols=len(PORTIONS), framealpha=0.9)


def update_view(artists: ViewArtists, pose: LegPose) -> None:
    """Move the artists of :func:`draw_view` to a new pose (no redraw).

    Examples
    --------
    >>> from glutemed.posing import pose_leg
    >>> fig = new_figure(4, 4)
    >>> art = draw_view(fig.add_subplot(), pose_leg(), "frontal", zoom="leg")
    >>> before = art.lines["femur"].get_xdata().copy()
    >>> update_view(art, pose_leg(hip_adduction_deg=20))
    >>> bool(art.lines["femur"].get_xdata()[1] < before[1])
    True
    """
    view = artists.view
    for name, pts in _leg_points(pose).items():
        artists.lines[name].set_data(*_xy(pts, view))
    for i, portion in enumerate(PORTIONS):
        pts = np.array([pose.origins_m[i], pose.insertions_m[i]])
        artists.lines[portion].set_data(*_xy(pts, view))


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
    >>> fig = new_figure(4, 3)
    >>> lines = draw_moment_arm_curves(fig.add_subplot(), flex,
    ...     {p: ma[p]["flexion"] for p in gm.PORTIONS}, "hip flexion (deg)", "cm")
    >>> len(lines)
    3
    """
    lines = {}
    with mpl.rc_context(STYLE):
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


_HATCHES = {"anterior": "", "middle": "//", "posterior": ".."}


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
    with mpl.rc_context(STYLE):
        for i, portion in enumerate(PORTIONS):
            style = PORTION_STYLE[portion]
            container = ax.bar(x + (i - 1) * width, values[i], width=width, color=style["color"],
                               edgecolor="black", linewidth=1.0, hatch=_HATCHES[portion],
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


# --- frontal plane: single-leg stance and hip drop -----------------------------------------

#: Colours and styles of the force arrows (free-body diagrams).
FORCE_STYLE: dict[str, dict[str, object]] = {
    "weight": {"color": OKABE_ITO["black"], "linestyle": "-"},
    "abductors": {"color": OKABE_ITO["reddish_purple"], "linestyle": "--"},
    "hip contact": {"color": OKABE_ITO["bluish_green"], "linestyle": "-."},
    "cane": {"color": OKABE_ITO["sky_blue"], "linestyle": ":"},
}


def _fx(points_m_y: NDArray[np.float64]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """(medial, up) metres -> plot (cm), seen from behind: the right stance leg on the right."""
    pts = np.asarray(points_m_y, dtype=np.float64) * 100.0
    return -pts[..., 0], pts[..., 1]


def draw_frontal_figure(ax: Axes, points: Mapping[str, NDArray[np.float64]],
                        limits_cm: tuple[float, float, float, float] = (-42.0, 22.0, -42.0, 50.0),
                        label: str | None = None) -> dict[str, Line2D]:
    """Draw the frontal stick figure of :func:`glutemed.segments.frontal_figure`.

    Seen from behind, the right (stance) leg on the right of the plot; axes
    in cm relative to the stance hip. Returns the line artists by name.

    Examples
    --------
    >>> from glutemed.segments import frontal_figure
    >>> fig = new_figure(4, 6)
    >>> art = draw_frontal_figure(fig.add_subplot(), frontal_figure())
    >>> "pelvis" in art and "middle" in art
    True
    """
    lines: dict[str, Line2D] = {}
    with mpl.rc_context(STYLE):
        (lines["pelvis"],) = ax.plot(*_fx(points["pelvis"]), **_PELVIS)
        (lines["trunk"],) = ax.plot(*_fx(points["trunk"]), **_BONE)
        (lines["swing_leg"],) = ax.plot(*_fx(points["swing_leg"]), **_OTHER_LEG)
        (lines["stance_leg"],) = ax.plot(*_fx(points["stance_leg"]), **_BONE)
        (lines["neck"],) = ax.plot(*_fx(points["neck"]), **_BONE)
        for i, portion in enumerate(PORTIONS):
            style = PORTION_STYLE[portion]
            pts = np.array([points["origins"][i], points["insertions"][i]])
            (lines[portion],) = ax.plot(*_fx(pts), color=style["color"], linestyle=style["linestyle"],
                                        linewidth=2.5, zorder=4)
        (lines["hip"],) = ax.plot(*_fx(points["hip"][None]), "o", color="black", markersize=8,
                                  markerfacecolor="white", markeredgewidth=2, zorder=5)
        (lines["com"],) = ax.plot(*_fx(points["com"][None]), marker="o", markersize=11, color="black",
                                  markerfacecolor="#FFFFFF", markeredgewidth=2, linestyle="none", zorder=6)
        (lines["com_dot"],) = ax.plot(*_fx(points["com"][None]), marker="+", markersize=11, color="black",
                                      markeredgewidth=2, linestyle="none", zorder=7)
        x0, x1, y0, y1 = limits_cm
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_aspect("equal", adjustable="box")
        ax.set_xlabel("cm (seen from behind; stance leg right)")
        ax.set_ylabel("cm above the stance hip")
        if label:
            ax.set_title(label)
    return lines


def draw_level_pelvis(ax: Axes, points: Mapping[str, NDArray[np.float64]]) -> Line2D:
    """Dashed grey outline of the level pelvis (a reference for the drop), from ``frontal_figure(0)``.

    Examples
    --------
    >>> from glutemed.segments import frontal_figure
    >>> fig = new_figure(4, 6)
    >>> draw_level_pelvis(fig.add_subplot(), frontal_figure()).get_linestyle()
    '--'
    """
    with mpl.rc_context(STYLE):
        (line,) = ax.plot(*_fx(points["pelvis"]), color="#BBBBBB", linestyle="--", linewidth=1.5,
                          label="level pelvis")
    return line


def update_frontal_figure(lines: Mapping[str, Line2D], points: Mapping[str, NDArray[np.float64]]) -> None:
    """Move the stick figure of :func:`draw_frontal_figure` (no redraw)."""
    for name in ("pelvis", "trunk", "swing_leg", "stance_leg", "neck"):
        lines[name].set_data(*_fx(points[name]))
    for i, portion in enumerate(PORTIONS):
        lines[portion].set_data(*_fx(np.array([points["origins"][i], points["insertions"][i]])))
    lines["com"].set_data(*_fx(points["com"][None]))
    lines["com_dot"].set_data(*_fx(points["com"][None]))


@dataclass
class ForceArtists:
    """Arrows, lever-arm lines and labels of a free-body diagram."""

    arrows: dict[str, FancyArrowPatch]
    levers: dict[str, Line2D]
    labels: dict[str, Text]
    cm_per_newton: float

    def all(self) -> list:
        return [*self.arrows.values(), *self.levers.values(), *self.labels.values()]


def _force_geometry(result, cm_per_newton: float) -> dict[str, tuple]:
    """Tail, head (plot cm) of each force arrow and the lever-arm lines, from a StanceResult."""
    com = np.asarray(result.com_m)
    weight, cane = np.asarray(result.weight_vector_n), np.asarray(result.cane_vector_n)
    abd, contact = np.asarray(result.abductor_vector_n), np.asarray(result.hip_contact_vector_n)
    scale = cm_per_newton / 100.0  # metres of arrow per newton
    hip = np.zeros(2)
    # the abductor resultant acts along a line at its lever arm from the hip; draw it from the trochanter side
    unit = abd / max(np.linalg.norm(abd), 1e-12)
    normal = np.array([unit[1], -unit[0]])  # perpendicular: cross2(normal, unit) = +1
    foot = hip + normal * result.abductor_lever_m  # the perpendicular's foot on the line of pull
    arrows = {
        "weight": (com, com + weight * scale),
        "abductors": (foot - abd * scale, foot),
        "hip contact": (hip - contact * scale, hip),
        "cane": (result.cane_point_m, result.cane_point_m + cane * scale),
    }
    cane_point = np.asarray(result.cane_point_m)
    levers = {
        "weight": np.array([hip, [com[0], 0.0]]),
        "abductors": np.array([hip, foot]),
        # the cane itself, from the hand down toward the floor (hidden without a cane)
        "cane": np.array([cane_point, cane_point - [0.0, 0.8]]) if np.linalg.norm(cane) > 0
        else np.full((2, 2), np.nan),
    }
    return {"arrows": arrows, "levers": levers, "com": com, "foot": foot}


def draw_forces(ax: Axes, result, cm_per_newton: float = 0.015) -> ForceArtists:
    """Force arrows to scale and dimensioned lever arms on a frontal stick figure.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Axes of :func:`draw_frontal_figure`.
    result : StanceResult
        A single (scalar) result of :func:`glutemed.single_leg_stance`.
    cm_per_newton : float
        Arrow length per newton in plot centimetres (0.015: 1000 N is 15 cm).

    Returns
    -------
    ForceArtists

    Examples
    --------
    >>> from glutemed.segments import frontal_figure
    >>> from glutemed.statics import single_leg_stance
    >>> fig = new_figure(4, 6)
    >>> ax = fig.add_subplot()
    >>> _ = draw_frontal_figure(ax, frontal_figure())
    >>> sorted(draw_forces(ax, single_leg_stance(70.0)).arrows)
    ['abductors', 'cane', 'hip contact', 'weight']
    """
    geo = _force_geometry(result, cm_per_newton)
    arrows, levers, labels = {}, {}, {}
    with mpl.rc_context(STYLE):
        for name, (tail, head) in geo["arrows"].items():
            style = FORCE_STYLE[name]
            arrow = FancyArrowPatch(_fx(tail), _fx(head), arrowstyle="-|>", mutation_scale=22,
                                    color=style["color"], linestyle=style["linestyle"], linewidth=2.8,
                                    zorder=8, label=name)
            ax.add_patch(arrow)
            arrows[name] = arrow
        for name, pts in geo["levers"].items():
            if name == "cane":  # the cane itself, dotted like its legend entry
                (levers[name],) = ax.plot(*_fx(pts), color=FORCE_STYLE[name]["color"], linewidth=2.5,
                                          linestyle=":", zorder=7)
            else:
                (levers[name],) = ax.plot(*_fx(pts), color=FORCE_STYLE[name]["color"], linewidth=1.5,
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


def update_forces(art: ForceArtists, result) -> None:
    """Move the arrows and lever arms of :func:`draw_forces` to a new result."""
    geo = _force_geometry(result, art.cm_per_newton)
    for name, (tail, head) in geo["arrows"].items():
        art.arrows[name].set_positions(_fx(tail), _fx(head))
        art.arrows[name].set_visible(bool(np.linalg.norm(head - tail) > 1e-9))
    for name, pts in geo["levers"].items():
        art.levers[name].set_data(*_fx(pts))
    wx, _ = _fx(np.array([geo["com"][0] / 2, 0.0]))
    art.labels["weight"].set_position((float(wx), -6.0))
    art.labels["weight"].set_text(f"d = {100 * float(result.body_weight_lever_m):.1f} cm")
    fx, fy = _fx(geo["foot"])
    art.labels["abductors"].set_position((float(fx) + 2.0, float(fy) - 8.0))
    art.labels["abductors"].set_text(f"r = {100 * result.abductor_lever_m:.1f} cm")


def draw_drop_curves(ax: Axes, curves, strength: float, drop_deg: float) -> dict[str, Line2D]:
    """Demand, capacity and passive moments against pelvic drop, with the settled drop marked.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    curves : DropCurves
        From :func:`glutemed.pelvic_drop.drop_curves`.
    strength : float
        Scales the capacity curve.
    drop_deg : float
        Where the pelvis settles (vertical marker).

    Examples
    --------
    >>> from glutemed.pelvic_drop import drop_curves
    >>> fig = new_figure(5, 4)
    >>> lines = draw_drop_curves(fig.add_subplot(), drop_curves(), 1.0, 5.0)
    >>> sorted(lines)
    ['capacity', 'demand', 'drop', 'muscles + passive', 'passive']
    """
    lines: dict[str, Line2D] = {}
    with mpl.rc_context(STYLE):
        (lines["demand"],) = ax.plot([], [], color="black", linestyle="-", linewidth=3,
                                     label="demand (body above the hip)")
        (lines["capacity"],) = ax.plot([], [], color=OKABE_ITO["blue"], linestyle="--", linewidth=2.5,
                                       label="muscle capacity (strength x leverage)")
        (lines["passive"],) = ax.plot([], [], color="#888888", linestyle=":", linewidth=2.5,
                                      label="passive tissue")
        (lines["muscles + passive"],) = ax.plot([], [], color=OKABE_ITO["orange"], linestyle="-.",
                                                linewidth=2.5, label="muscles + passive")
        (lines["drop"],) = ax.plot([], [], color=OKABE_ITO["vermilion"], linewidth=2, marker="o",
                                   markersize=9, label="where the pelvis settles")
        ax.set_xlim(0.0, 15.0)
        ax.set_ylim(0.0, 3.2)
        ax.set_xlabel("pelvic drop = stance-hip adduction (deg)")
        ax.set_ylabel("abduction moment (N m per kg)")
        ax.grid(True, color="#DDDDDD", linewidth=0.8)
        ax.legend(loc="upper left", fontsize=10, framealpha=0.9)
    update_drop_curves(lines, curves, strength, drop_deg)
    return lines


def update_drop_curves(lines: Mapping[str, Line2D], curves, strength: float, drop_deg: float) -> None:
    """Move the curves of :func:`draw_drop_curves` (no redraw)."""
    x = curves.drop_deg
    capacity = strength * curves.capacity_at_norm
    lines["demand"].set_data(x, curves.demand)
    lines["capacity"].set_data(x, capacity)
    lines["passive"].set_data(x, curves.passive)
    lines["muscles + passive"].set_data(x, capacity + curves.passive)
    y = float(np.interp(drop_deg, x, curves.demand))
    lines["drop"].set_data([drop_deg, drop_deg, drop_deg], [0.0, y, y])
    lines["drop"].set_markevery([2])


# --- knee valgus chain --------------------------------------------------------------------------

#: Weak (moving, solid) and strong (reference, dashed) chains: distinct in colour and in grey.
CHAIN_STYLE: dict[str, dict[str, object]] = {
    "strong": {"color": OKABE_ITO["blue"], "linestyle": "--", "linewidth": 3.0, "marker": "o",
               "markersize": 7, "markerfacecolor": "white"},
    "weak": {"color": OKABE_ITO["vermilion"], "linestyle": "-", "linewidth": 4.0, "marker": "o",
             "markersize": 8},
}

#: Chain views: the oblique "3-D" view (from in front, to the stance leg's outer side, a little
#: above) and the frontal camera view used to measure the FPPA.
CHAIN_VIEWS: tuple[str, str] = ("oblique", "camera")
_OBLIQUE_AZIMUTH_DEG = 35.0
_OBLIQUE_ELEVATION_DEG = 20.0
_CHAIN_LIMITS_CM = {"oblique": (-40.0, 40.0, -8.0, 98.0), "camera": (-30.0, 40.0, -8.0, 98.0)}


def chain_xy(points: NDArray[np.float64], view: str, side: str = "right") -> tuple[NDArray[np.float64],
                                                                                    NDArray[np.float64]]:
    """Project chain points (m, ankle at the origin) onto a chain view, in cm.

    ``"camera"``: a camera in front of the subject; horizontal = medial
    distance (toward the midline to the right), vertical = height.
    ``"oblique"``: an orthographic view from in front, 35 degrees toward the
    stance leg's outer side and 20 degrees above, so that depth shows.

    Examples
    --------
    >>> h, v = chain_xy(np.array([[0.0, 0.5, -0.1]]), "camera")
    >>> float(h[0]), float(v[0])  # 10 cm medial of the right ankle, 50 cm up
    (10.0, 50.0)
    """
    check_name(view, "view", CHAIN_VIEWS)
    sign = 1.0 if side == "right" else -1.0
    p = np.asarray(points, dtype=np.float64) * 100.0
    x, y, medial = p[..., 0], p[..., 1], -sign * p[..., 2]
    if view == "camera":
        return medial, y
    az, el = np.radians(_OBLIQUE_AZIMUTH_DEG), np.radians(_OBLIQUE_ELEVATION_DEG)
    # screen axes of a camera in direction (cos el cos az, sin el, cos el sin az) in (x, y, lateral)
    lateral = -medial
    h = np.sin(az) * x - np.cos(az) * lateral
    v = -np.sin(el) * np.cos(az) * x + np.cos(el) * y - np.sin(el) * np.sin(az) * lateral
    return h, v


def _chain_polyline(chain, index: tuple = ()) -> dict[str, NDArray[np.float64]]:
    leg = np.array([chain.hip[index], chain.knee[index], chain.ankle[index]])
    return {
        "leg": leg,
        "pelvis": chain.pelvis[index],
        "hip_ankle": np.array([chain.hip[index], chain.ankle[index]]),
        "shadow": leg * [1.0, 0.0, 1.0],  # the leg straight below itself, on the floor
    }


def draw_chain_axes(ax: Axes, view: str, title: str) -> None:
    """Fixed limits, the floor and the planted foot of a chain view (static parts)."""
    check_name(view, "view", CHAIN_VIEWS)
    x0, x1, y0, y1 = _CHAIN_LIMITS_CM[view]
    with mpl.rc_context(STYLE):
        if view == "camera":
            ax.axhline(0.0, color="#999999", linewidth=1.5)
            ax.plot([-4.0, 4.0], [0.0, 0.0], color="black", linewidth=6, solid_capstyle="butt")
            ax.set_xlabel("cm, lateral ← → medial")
            ax.set_ylabel("cm above the ankle")
        else:
            # a floor grid around the foot gives the depth cue
            grid = np.linspace(-0.3, 0.3, 7)
            for g in grid:
                for a, b in (([g, 0, -0.3], [g, 0, 0.3]), ([-0.3, 0, g], [0.3, 0, g])):
                    ax.plot(*chain_xy(np.array([a, b]), view), color="#DDDDDD", linewidth=1.0, zorder=0)
            foot = np.array([[-0.05, 0.0, 0.0], [0.17, 0.0, -0.02]])  # a sketch of the foot, heel to toes
            ax.plot(*chain_xy(foot, view), color="black", linewidth=6, solid_capstyle="round")
            ax.set_xticks([])
            ax.set_yticks([])
            for spine in ax.spines.values():
                spine.set_visible(False)
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_aspect("equal", adjustable="box")
        ax.set_title(title)


def draw_chain(ax: Axes, chain, view: str, kind: str, side: str = "right", label: str | None = None,
               index: tuple = ()) -> dict[str, Line2D]:
    """Draw one pelvis-femur-shank chain of a :class:`~glutemed.knee_chain.LegChain`.

    ``kind`` is ``"weak"`` or ``"strong"`` (:data:`CHAIN_STYLE`); ``index``
    picks one pose out of an array of poses. The camera view also gets the
    hip-ankle line (dotted), against which the knee's inward shift shows; the
    oblique view gets the leg's shadow on the floor (straight below it), which
    shows where the knee is over the foot.

    Examples
    --------
    >>> from glutemed.knee_chain import knee_valgus
    >>> fig = new_figure(4, 6)
    >>> ax = fig.add_subplot()
    >>> sorted(draw_chain(ax, knee_valgus(0.5).chain, "camera", "weak"))
    ['hip_ankle', 'leg', 'pelvis', 'shadow']
    """
    check_name(kind, "kind", CHAIN_STYLE)
    style = CHAIN_STYLE[kind]
    pts = _chain_polyline(chain, index)
    lines: dict[str, Line2D] = {}
    with mpl.rc_context(STYLE):
        (lines["leg"],) = ax.plot(*chain_xy(pts["leg"], view, side), label=label, zorder=4, **style)
        (lines["pelvis"],) = ax.plot(*chain_xy(pts["pelvis"], view, side), color=style["color"],
                                     linestyle=style["linestyle"], linewidth=2.0, zorder=3)
        (lines["hip_ankle"],) = ax.plot(*chain_xy(pts["hip_ankle"], view, side), color=style["color"],
                                        linestyle=":", linewidth=1.5, zorder=2,
                                        visible=view == "camera")
        (lines["shadow"],) = ax.plot(*chain_xy(pts["shadow"], view, side), color=style["color"],
                                     linestyle=style["linestyle"], linewidth=1.5, alpha=0.6, zorder=1,
                                     marker="o", markersize=4, visible=view == "oblique")
    return lines


def update_chain(lines: Mapping[str, Line2D], chain, view: str, side: str = "right", index: tuple = ()) -> None:
    """Move the artists of :func:`draw_chain` to a new chain (no redraw)."""
    pts = _chain_polyline(chain, index)
    for name, line in lines.items():
        line.set_data(*chain_xy(pts[name], view, side))
