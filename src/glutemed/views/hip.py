"""The hip and leg in the three anatomical planes, with the three portions' lines of action."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Annotation
from numpy.typing import NDArray

from glutemed._checks import check_name
from glutemed.geometry import PORTIONS
from glutemed.kinematics import LegPose, pelvis_outline_m
from glutemed.views.labels import add_label, mark_moved
from glutemed.views.projection import PLANE_AXES, PLANES, plane_cm
from glutemed.views.style import BONE, OTHER_LEG, PELVIS, PORTION_STYLE, styled

__all__ = ["PLANE_TITLES", "ZOOMS", "HipViewArtists", "add_portion_legend", "draw_hip_view", "update_hip_view"]

PLANE_TITLES: dict[str, str] = {
    "frontal": "Frontal, from behind",
    "sagittal": "Sagittal, from the right",
    "transverse": "Transverse, from above",
}

#: Words along each axis of each plane (right-hand side shown; a left hip is mirrored).
_PLANE_WORDS: dict[str, tuple[str, str]] = {
    "frontal": ("medial  ←   → lateral", "inferior  ←   → superior"),
    "sagittal": ("posterior  ←   → anterior", "inferior  ←   → superior"),
    "transverse": ("medial  ←   → lateral", "posterior  ←   → anterior"),
}

#: Fixed limits (cm, right hip; mirrored across for a left hip) per zoom and plane, so that
#: cached backgrounds stay valid while the pose moves. "hip" frames one hip and its
#: hemipelvis, so that the three portions fill a good part of the view.
ZOOMS: dict[str, dict[str, tuple[float, float, float, float]]] = {
    "hip": {
        "frontal": (-6.0, 26.0, -18.0, 12.0),
        "sagittal": (-24.0, 8.0, -18.0, 12.0),
        "transverse": (-6.0, 26.0, -20.0, 10.0),
    },
    "leg": {
        "frontal": (-45.0, 55.0, -98.0, 12.0),
        "sagittal": (-55.0, 55.0, -98.0, 12.0),
        "transverse": (-45.0, 55.0, -55.0, 55.0),
    },
}

#: Where the 5 cm scale bar of the hip zoom sits, axes fraction (left end, height).
_SCALE_BAR_AT: dict[str, tuple[float, float]] = {"frontal": (0.05, 0.06), "sagittal": (0.05, 0.06),
                                                 "transverse": (0.62, 0.06)}
_SCALE_BAR_CM = 5.0

#: Landmark labels.
_LANDMARKS: dict[str, str] = {"crest": "iliac crest", "asis": "ASIS", "trochanter": "greater\ntrochanter",
                              "hip_centre": "hip joint\ncentre"}
#: Preferred directions (from the point) of each label in each plane (right hip; mirrored for a
#: left hip). A portion's label points at its origin on the pelvis, which stays put while the
#: femur moves: the label is then part of the static background of a widget (no redraw per step).
_LABEL_PREFER: dict[str, dict[str, tuple[str, ...]]] = {
    "frontal": {"anterior": ("E", "SE", "ESE"), "middle": ("N", "NW", "NE"), "posterior": ("SW", "W", "S"),
                "crest": ("NW", "N", "W"), "asis": ("NE", "N", "ENE"), "trochanter": ("SE", "E", "S"),
                "hip_centre": ("SW", "W", "S")},
    "sagittal": {"anterior": ("E", "SE", "NE"), "middle": ("N", "NE", "NW"), "posterior": ("W", "SW", "NW"),
                 "crest": ("NW", "N", "W"), "asis": ("NE", "E", "N"), "trochanter": ("SW", "W", "S"),
                 "hip_centre": ("SE", "E", "S")},
    "transverse": {"anterior": ("N", "NE", "E"), "middle": ("SE", "E", "S"), "posterior": ("SW", "S", "W"),
                   "crest": ("W", "SW", "NW"), "asis": ("NE", "E", "N"), "trochanter": ("E", "SE", "NE"),
                   "hip_centre": ("NW", "N", "W")},
}
_MIRROR = {"E": "W", "W": "E", "NE": "NW", "NW": "NE", "SE": "SW", "SW": "SE", "N": "N", "S": "S"}
#: How far along the line from the ASIS to the back of the pelvis the iliac crest label points.
_CREST_FRACTION = 0.7


@dataclass
class HipViewArtists:
    """The artists of one plane, keyed by name, and the plane they show.

    ``lines`` are the stick model's lines; ``labels`` the direct labels of
    the landmarks and the portions (``Annotation``, with leader lines).
    """

    plane: str
    lines: dict[str, Line2D]
    labels: dict[str, Annotation] = field(default_factory=dict)

    def moving(self) -> list[Artist]:
        """Every artist that moves with the pose (all but the pelvis, the other leg and fixed labels)."""
        fixed = ("pelvis", "other_leg", "scale_bar")
        still = ("crest", "asis", "hip_centre", *PORTIONS)  # these point at fixed places on the pelvis
        return ([a for k, a in self.lines.items() if k not in fixed]
                + [a for k, a in self.labels.items() if k not in still])


def _single(pose: LegPose) -> LegPose:
    if pose.knee_centre_m.ndim != 1:
        raise ValueError("pose must be a single pose (scalar angles); got an array of poses")
    return pose


def _bones(pose: LegPose) -> dict[str, NDArray[np.float64]]:
    return {
        "femur": np.array([pose.hip_centre_m, pose.knee_centre_m]),
        "neck": np.array([pose.hip_centre_m, pose.greater_trochanter_m]),
        "shank": np.array([pose.knee_centre_m, pose.ankle_centre_m]),
    }


def _portion_line(pose: LegPose, i: int) -> NDArray[np.float64]:
    return np.array([pose.origins_m[i], pose.insertions_m[i]])


def _other_leg(pose: LegPose) -> NDArray[np.float64]:
    """The opposite leg, standing straight (as long as the posed one)."""
    other = pose.pelvis_m["hip_centre_left" if pose.side == "right" else "hip_centre_right"]
    thigh = np.linalg.norm(pose.knee_centre_m - pose.hip_centre_m)
    shank = np.linalg.norm(pose.ankle_centre_m - pose.knee_centre_m)
    return np.array([other, other - [0.0, thigh, 0.0], other - [0.0, thigh + shank, 0.0]])


def _landmarks_m(pose: LegPose) -> dict[str, NDArray[np.float64]]:
    """The labelled points (pelvis frame, m): ASIS and crest of the posed side, trochanter, hip centre."""
    outline = pelvis_outline_m(pose.pelvis_m)
    asis = pose.pelvis_m[f"asis_{pose.side}"]
    back = outline[7]  # the back of the stick pelvis (sacrum, mid-PSIS or back joint)
    return {
        "crest": asis + _CREST_FRACTION * (back - asis),
        "asis": asis,
        "trochanter": pose.greater_trochanter_m,
        "hip_centre": pose.hip_centre_m,
    }


def _portion_anchor_m(pose: LegPose, i: int) -> NDArray[np.float64]:
    """Where a portion's label points: its origin (fixed on the pelvis)."""
    return pose.origins_m[i]


def _prefer(plane: str, key: str, side: str) -> tuple[str, ...]:
    prefer = _LABEL_PREFER[plane][key]
    return tuple(_MIRROR[d] for d in prefer) if side == "left" and plane != "sagittal" else prefer


def _xy(point_m: NDArray[np.float64], plane: str) -> tuple[float, float]:
    h, v = plane_cm(point_m, plane)
    return float(h), float(v)


def _limits(zoom: str, plane: str, side: str) -> tuple[float, float, float, float]:
    x0, x1, y0, y1 = ZOOMS[zoom][plane]
    if side == "left" and plane != "sagittal":  # z runs across: mirror the window
        x0, x1 = -x1, -x0
    return x0, x1, y0, y1


def draw_hip_view(ax: Axes, pose: LegPose, plane: str = "frontal", zoom: str = "hip",
                  legend: bool = True, title: bool = True, labels: bool = True,
                  landmarks: bool = True) -> HipViewArtists:
    """Draw the stick model in one anatomical plane and return its artists.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw; its limits are fixed for the zoom level.
    pose : LegPose
        A single pose from :func:`glutemed.kinematics.pose_leg`.
    plane : {"frontal", "sagittal", "transverse"}
    zoom : {"hip", "leg"}
        ``"hip"`` frames the hip and its half of the pelvis, with anatomical
        directions on the axes and a 5 cm scale bar; ``"leg"`` shows the
        whole leg on axes in cm.
    legend, title : bool
        Whether to add a legend of the portions and a title naming the plane.
    labels : bool
        Name the three portions on the drawing, with leader lines.
    landmarks : bool
        With ``labels``, also name the landmarks (iliac crest, ASIS, greater
        trochanter, hip joint centre).

    Returns
    -------
    HipViewArtists
        ``lines`` holds ``pelvis``, ``other_leg``, ``femur``, ``neck``,
        ``shank``, ``hip``, one line per portion and (hip zoom) ``scale_bar``;
        ``labels`` the landmark and portion labels.

    Examples
    --------
    >>> from glutemed.kinematics import pose_leg
    >>> from glutemed.views.style import new_figure
    >>> fig = new_figure(4, 4)
    >>> art = draw_hip_view(fig.add_subplot(), pose_leg(), "frontal")
    >>> sorted(art.lines)[:3]
    ['anterior', 'femur', 'hip']
    >>> sorted(art.labels)
    ['anterior', 'asis', 'crest', 'hip_centre', 'middle', 'posterior', 'trochanter']
    """
    check_name(plane, "plane", PLANES)
    check_name(zoom, "zoom", ZOOMS)
    pose = _single(pose)
    lines: dict[str, Line2D] = {}
    notes: dict[str, Annotation] = {}
    with styled(ax):
        (lines["pelvis"],) = ax.plot(*plane_cm(pelvis_outline_m(pose.pelvis_m), plane), **PELVIS,
                                     label="pelvis (landmarks)")
        if plane != "transverse":
            (lines["other_leg"],) = ax.plot(*plane_cm(_other_leg(pose), plane), **OTHER_LEG, zorder=1)
        for name, pts in _bones(pose).items():
            (lines[name],) = ax.plot(*plane_cm(pts, plane), **BONE, zorder=2,
                                     label="femur and shank" if name == "femur" else None)
        (lines["hip"],) = ax.plot(*plane_cm(pose.hip_centre_m[None], plane), "o", color="black",
                                  markersize=9, markerfacecolor="white", markeredgewidth=2,
                                  zorder=5, label="hip joint centre")
        for i, portion in enumerate(PORTIONS):
            style = PORTION_STYLE[portion]
            (lines[portion],) = ax.plot(*plane_cm(_portion_line(pose, i), plane), color=style["color"],
                                        linestyle=style["linestyle"], marker=style["marker"],
                                        markersize=7, linewidth=3, zorder=4, label=f"{portion} glute med")
        x0, x1, y0, y1 = _limits(zoom, plane, pose.side)
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_aspect("equal", adjustable="box")
        if zoom == "hip":
            _anatomical_frame(ax, plane, pose.side)
            fx, fy = _SCALE_BAR_AT[plane]
            bx, by = x0 + fx * (x1 - x0), y0 + fy * (y1 - y0)
            (lines["scale_bar"],) = ax.plot([bx, bx + _SCALE_BAR_CM], [by, by], color="black", linewidth=3,
                                            solid_capstyle="butt", label="scale bar")
            ax.text(bx + _SCALE_BAR_CM / 2, by + 0.6, f"{_SCALE_BAR_CM:.0f} cm", ha="center", va="bottom")
        else:
            _, _, xlabel, ylabel = PLANE_AXES[plane]
            ax.set_xlabel(xlabel)
            ax.set_ylabel(ylabel)
        if title:
            ax.set_title(PLANE_TITLES[plane])
        if labels:  # the portions first: they get the best spots
            for i, portion in enumerate(PORTIONS):
                notes[portion] = add_label(ax, portion, _xy(_portion_anchor_m(pose, i), plane),
                                           prefer=_prefer(plane, portion, pose.side),
                                           color=PORTION_STYLE[portion]["color"], fontweight="bold")
            for key, point in (_landmarks_m(pose) if landmarks else {}).items():
                notes[key] = add_label(ax, _LANDMARKS[key], _xy(point, plane), prefer=_prefer(plane, key, pose.side),
                                       color="#222222")
        if legend:
            ax.legend(handles=[lines[p] for p in PORTIONS], loc="lower left", framealpha=0.9)
    return HipViewArtists(plane=plane, lines=lines, labels=notes)


def _anatomical_frame(ax: Axes, plane: str, side: str) -> None:
    """No numbers on the hip zoom: anatomical directions along the axes (the scale bar gives size)."""
    xwords, ywords = _PLANE_WORDS[plane]
    if side == "left" and plane != "sagittal":
        xwords = "lateral  ←   → medial"
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel(xwords)
    ax.set_ylabel(ywords)
    for spine in ax.spines.values():
        spine.set_visible(True)
        spine.set_color("#AAAAAA")


def add_portion_legend(fig: Figure, artists: HipViewArtists) -> None:
    """One legend of the three portions below all the axes of ``fig``.

    Examples
    --------
    >>> from glutemed.kinematics import pose_leg
    >>> from glutemed.views.style import new_figure
    >>> fig = new_figure(4, 4)
    >>> add_portion_legend(fig, draw_hip_view(fig.add_subplot(), pose_leg(), legend=False))
    >>> len(fig.legends)
    1
    """
    with styled(fig):
        fig.legend(handles=[artists.lines[p] for p in PORTIONS], loc="outside lower center",
                   ncols=len(PORTIONS), framealpha=0.9)


def update_hip_view(artists: HipViewArtists, pose: LegPose) -> None:
    """Move the artists of :func:`draw_hip_view` to a new pose (no redraw).

    Examples
    --------
    >>> from glutemed.kinematics import pose_leg
    >>> from glutemed.views.style import new_figure
    >>> fig = new_figure(4, 4)
    >>> art = draw_hip_view(fig.add_subplot(), pose_leg(), "frontal", zoom="leg")
    >>> before = art.lines["femur"].get_xdata().copy()
    >>> update_hip_view(art, pose_leg(hip_adduction_deg=20))
    >>> bool(art.lines["femur"].get_xdata()[1] < before[1])
    True
    """
    pose = _single(pose)
    for name, pts in _bones(pose).items():
        artists.lines[name].set_data(*plane_cm(pts, artists.plane))
    for i, portion in enumerate(PORTIONS):
        artists.lines[portion].set_data(*plane_cm(_portion_line(pose, i), artists.plane))
    if "trochanter" in artists.labels:
        artists.labels["trochanter"].xy = _xy(pose.greater_trochanter_m, artists.plane)
        mark_moved([artists.labels["trochanter"]])
