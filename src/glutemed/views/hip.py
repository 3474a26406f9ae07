"""The hip and leg in the three anatomical planes, with the three portions' lines of action."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from numpy.typing import NDArray

from glutemed._checks import check_name
from glutemed.geometry import PORTIONS
from glutemed.kinematics import LegPose, pelvis_outline_m
from glutemed.views.projection import PLANE_AXES, PLANES, plane_cm
from glutemed.views.style import BONE, OTHER_LEG, PELVIS, PORTION_STYLE, styled

__all__ = ["PLANE_TITLES", "ZOOMS", "HipViewArtists", "add_portion_legend", "draw_hip_view", "update_hip_view"]

PLANE_TITLES: dict[str, str] = {
    "frontal": "Frontal plane, from behind",
    "sagittal": "Sagittal plane, from the right",
    "transverse": "Transverse plane, from above",
}

#: Fixed limits (cm) per zoom and plane, so that cached backgrounds stay valid while the pose moves.
ZOOMS: dict[str, dict[str, tuple[float, float, float, float]]] = {
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


@dataclass
class HipViewArtists:
    """The artists of one plane, keyed by name, and the plane they show."""

    plane: str
    lines: dict[str, Line2D]

    def moving(self) -> list[Line2D]:
        """Every artist that moves with the pose (all but the pelvis and the other leg)."""
        return [a for k, a in self.lines.items() if k not in ("pelvis", "other_leg")]


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


def draw_hip_view(ax: Axes, pose: LegPose, plane: str = "frontal", zoom: str = "hip",
                  legend: bool = True, title: bool = True) -> HipViewArtists:
    """Draw the stick model in one anatomical plane and return its artists.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw; its limits are fixed for the zoom level.
    pose : LegPose
        A single pose from :func:`glutemed.kinematics.pose_leg`.
    plane : {"frontal", "sagittal", "transverse"}
    zoom : {"hip", "leg"}
        ``"hip"`` shows the pelvis and greater trochanter; ``"leg"`` the whole leg.
    legend, title : bool
        Whether to add a legend of the portions and a title naming the plane.

    Returns
    -------
    HipViewArtists
        ``lines`` holds ``pelvis``, ``other_leg``, ``femur``, ``neck``,
        ``shank``, ``hip``, and one line per portion.

    Examples
    --------
    >>> from glutemed.kinematics import pose_leg
    >>> from glutemed.views.style import new_figure
    >>> fig = new_figure(4, 4)
    >>> art = draw_hip_view(fig.add_subplot(), pose_leg(), "frontal")
    >>> sorted(art.lines)[:3]
    ['anterior', 'femur', 'hip']
    """
    check_name(plane, "plane", PLANES)
    check_name(zoom, "zoom", ZOOMS)
    pose = _single(pose)
    lines: dict[str, Line2D] = {}
    with styled():
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
        x0, x1, y0, y1 = ZOOMS[zoom][plane]
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_aspect("equal", adjustable="box")
        _, _, xlabel, ylabel = PLANE_AXES[plane]
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        if title:
            ax.set_title(PLANE_TITLES[plane])
        if legend:
            ax.legend(handles=[lines[p] for p in PORTIONS], loc="lower left", framealpha=0.9, fontsize=11)
    return HipViewArtists(plane=plane, lines=lines)


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
    with styled():
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
