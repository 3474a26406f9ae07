"""The knee valgus chain: an oblique 3-D view and the frontal camera view that measures the FPPA."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from numpy.typing import NDArray

from glutemed._checks import check_name
from glutemed.kinematics import pelvis_outline_m, rotate_points
from glutemed.knee_chain import LegChain
from glutemed.views.projection import CHAIN_VIEWS, chain_cm
from glutemed.views.style import CHAIN_STYLE, styled

__all__ = ["CHAIN_LIMITS_CM", "ChainArtists", "chain_points_m", "draw_chain", "draw_chain_axes", "update_chain"]

#: Fixed plot limits of each chain view, cm (x0, x1, y0, y1).
CHAIN_LIMITS_CM: dict[str, tuple[float, float, float, float]] = {
    "oblique": (-40.0, 40.0, -8.0, 98.0),
    "camera": (-30.0, 40.0, -8.0, 98.0),
}


@dataclass
class ChainArtists:
    """The lines of one chain in one view."""

    view: str
    index: tuple
    lines: dict[str, Line2D]


def chain_points_m(chain: LegChain, index: tuple = ()) -> dict[str, NDArray[np.float64]]:
    """The polylines of one pose of a chain (world frame, ankle at the origin), m.

    ``leg`` (hip, knee, ankle), ``pelvis`` (the stick pelvis posed about the
    hip), ``hip_ankle`` (the reference line of the FPPA) and ``shadow`` (the
    leg straight below itself, on the floor).

    Examples
    --------
    >>> from glutemed.knee_chain import knee_valgus
    >>> sorted(chain_points_m(knee_valgus(0.5).chain))
    ['hip_ankle', 'leg', 'pelvis', 'shadow']
    """
    g = chain.geometry
    hip = chain.hip_m[index]
    leg = np.array([hip, chain.knee_m[index], chain.ankle_m[index]])
    if leg.ndim != 2:
        raise ValueError("index must pick a single pose out of the chain's arrays")
    pelvis = rotate_points(chain.pelvis_rotation[index], pelvis_outline_m(g.pelvis_landmarks_m) - g.hip_centre_m)
    return {
        "leg": leg,
        "pelvis": pelvis + hip,
        "hip_ankle": np.array([hip, chain.ankle_m[index]]),
        "shadow": leg * [1.0, 0.0, 1.0],
    }


def draw_chain_axes(ax: Axes, view: str, title: str, side: str = "right") -> None:
    """Fixed limits, the floor and the planted foot of a chain view (static parts)."""
    check_name(view, "view", CHAIN_VIEWS)
    x0, x1, y0, y1 = CHAIN_LIMITS_CM[view]
    with styled():
        if view == "camera":
            ax.axhline(0.0, color="#999999", linewidth=1.5)
            ax.plot([-4.0, 4.0], [0.0, 0.0], color="black", linewidth=6, solid_capstyle="butt")
            ax.set_xlabel("cm, lateral ← → medial")
            ax.set_ylabel("cm above the ankle")
        else:
            # a floor grid around the foot gives the depth cue
            for g in np.linspace(-0.3, 0.3, 7):
                for a, b in (([g, 0, -0.3], [g, 0, 0.3]), ([-0.3, 0, g], [0.3, 0, g])):
                    ax.plot(*chain_cm(np.array([a, b]), view, side), color="#DDDDDD", linewidth=1.0, zorder=0)
            lateral = 0.02 if side == "right" else -0.02
            foot = np.array([[-0.05, 0.0, 0.0], [0.17, 0.0, -lateral]])  # a sketch of the foot, heel to toes
            ax.plot(*chain_cm(foot, view, side), color="black", linewidth=6, solid_capstyle="round")
            ax.set_xticks([])
            ax.set_yticks([])
            for spine in ax.spines.values():
                spine.set_visible(False)
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_aspect("equal", adjustable="box")
        ax.set_title(title)


def draw_chain(ax: Axes, chain: LegChain, view: str, kind: str, label: str | None = None,
               index: tuple = ()) -> ChainArtists:
    """Draw one pelvis-femur-shank chain of a :class:`~glutemed.knee_chain.LegChain`.

    ``kind`` is ``"weak"`` or ``"strong"`` (:data:`~glutemed.views.style.CHAIN_STYLE`);
    ``index`` picks one pose out of an array of poses. The camera view also
    gets the hip-ankle line (dotted), against which the knee's inward shift
    shows; the oblique view gets the leg's shadow on the floor.

    Examples
    --------
    >>> from glutemed.knee_chain import knee_valgus
    >>> from glutemed.views.style import new_figure
    >>> fig = new_figure(4, 6)
    >>> sorted(draw_chain(fig.add_subplot(), knee_valgus(0.5).chain, "camera", "weak").lines)
    ['hip_ankle', 'leg', 'pelvis', 'shadow']
    """
    check_name(view, "view", CHAIN_VIEWS)
    check_name(kind, "kind", CHAIN_STYLE)
    style = CHAIN_STYLE[kind]
    side = chain.geometry.side
    pts = chain_points_m(chain, index)
    lines: dict[str, Line2D] = {}
    with styled():
        (lines["leg"],) = ax.plot(*chain_cm(pts["leg"], view, side), label=label, zorder=4, **style)
        (lines["pelvis"],) = ax.plot(*chain_cm(pts["pelvis"], view, side), color=style["color"],
                                     linestyle=style["linestyle"], linewidth=2.0, zorder=3)
        (lines["hip_ankle"],) = ax.plot(*chain_cm(pts["hip_ankle"], view, side), color=style["color"],
                                        linestyle=":", linewidth=1.5, zorder=2, visible=view == "camera")
        (lines["shadow"],) = ax.plot(*chain_cm(pts["shadow"], view, side), color=style["color"],
                                     linestyle=style["linestyle"], linewidth=1.5, alpha=0.6, zorder=1,
                                     marker="o", markersize=4, visible=view == "oblique")
    return ChainArtists(view, index, lines)


def update_chain(artists: ChainArtists, chain: LegChain) -> None:
    """Move the artists of :func:`draw_chain` to a new chain (no redraw)."""
    pts = chain_points_m(chain, artists.index)
    for name, line in artists.lines.items():
        line.set_data(*chain_cm(pts[name], artists.view, chain.geometry.side))
