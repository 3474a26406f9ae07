"""The knee valgus chain: an oblique 3-D view and the frontal camera view that measures the FPPA."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.text import Annotation
from numpy.typing import NDArray

from glutemed._checks import check_name
from glutemed.kinematics import pelvis_outline_m, rotate_points
from glutemed.knee_chain import LegChain
from glutemed.views.labels import add_label, mark_moved
from glutemed.views.projection import CHAIN_VIEWS, chain_cm
from glutemed.views.style import CHAIN_STYLE, styled

__all__ = ["CHAIN_LIMITS_CM", "ChainArtists", "chain_points_m", "draw_chain", "draw_chain_axes", "update_chain"]

#: Fixed plot limits of each chain view, cm (x0, x1, y0, y1).
CHAIN_LIMITS_CM: dict[str, tuple[float, float, float, float]] = {
    "oblique": (-40.0, 40.0, -8.0, 98.0),
    "camera": (-24.0, 30.0, -6.0, 86.0),
}


@dataclass
class ChainArtists:
    """The lines and labels of one chain in one view."""

    view: str
    index: tuple
    lines: dict[str, Line2D]
    labels: dict[str, Annotation] = field(default_factory=dict)
    kind: str = "weak"

    def moving(self) -> list:
        """Every artist of the chain (all move with it)."""
        return [*self.lines.values(), *self.labels.values()]


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
    with styled(ax):
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


_FPPA_RADIUS_CM = {"strong": 11.0, "weak": 17.0}  # the weak chain's arc outside the strong one's
_THIGH_EXTENSION_CM = 24.0


def _angle_geometry(points_cm: NDArray[np.float64], kind: str) -> dict[str, NDArray[np.float64]]:
    """Camera-view drawing of the FPPA and the knee shift from the leg's plotted points (cm).

    ``extension``: the thigh line carried on past the knee (the FPPA is
    measured from it to the shank); ``arc``: from the extension to the shank;
    ``shift``: the knee's perpendicular to the hip-ankle line (dimension
    line); ``arc_middle``, ``shift_middle``: where their labels point.
    (Drawing geometry only: the labelled values are the model's.)
    """
    hip, knee, ankle = points_cm
    u = (knee - hip) / max(np.linalg.norm(knee - hip), 1e-12)
    w = (ankle - knee) / max(np.linalg.norm(ankle - knee), 1e-12)
    a0, a1 = np.arctan2(u[1], u[0]), np.arctan2(w[1], w[0])
    if a1 - a0 > np.pi:
        a1 -= 2 * np.pi
    elif a0 - a1 > np.pi:
        a1 += 2 * np.pi
    radius = _FPPA_RADIUS_CM[kind]
    phi = np.linspace(a0, a1, 20)
    line = (ankle - hip) / max(np.linalg.norm(ankle - hip), 1e-12)
    foot = hip + np.dot(knee - hip, line) * line
    mid = (a0 + a1) / 2
    return {"extension": np.array([knee, knee + _THIGH_EXTENSION_CM * u]),
            "arc": knee + radius * np.column_stack([np.cos(phi), np.sin(phi)]),
            "arc_middle": knee + radius * np.array([np.cos(mid), np.sin(mid)]),
            "shift": np.array([knee, foot]), "shift_middle": (knee + foot) / 2}


def _camera_points(chain: LegChain, index: tuple) -> NDArray[np.float64]:
    h, v = chain_cm(chain_points_m(chain, index)["leg"], "camera", chain.geometry.side)
    return np.column_stack([h, v])


def draw_chain(ax: Axes, chain: LegChain, view: str, kind: str, label: str | None = None,
               index: tuple = (), fppa_deg: float | None = None,
               knee_shift_m: float | None = None) -> ChainArtists:
    """Draw one pelvis-femur-shank chain of a :class:`~glutemed.knee_chain.LegChain`.

    ``kind`` is ``"weak"`` or ``"strong"`` (:data:`~glutemed.views.style.CHAIN_STYLE`);
    ``index`` picks one pose out of an array of poses. The camera view also
    gets the hip-ankle line (dotted), against which the knee's inward shift
    shows; the oblique view gets the leg's shadow on the floor.

    In the camera view, ``fppa_deg`` and ``knee_shift_m`` (the model's
    values for this pose) draw the FPPA as an angle at the knee (the thigh
    line carried on past the knee, an arc to the shank, labelled) and the
    knee's medial shift as a dimension line to the hip-ankle line, labelled
    in cm.

    Examples
    --------
    >>> from glutemed.knee_chain import knee_valgus
    >>> from glutemed.views.style import new_figure
    >>> fig = new_figure(4, 6)
    >>> sorted(draw_chain(fig.add_subplot(), knee_valgus(0.5).chain, "camera", "weak").lines)
    ['hip_ankle', 'leg', 'pelvis', 'shadow']
    >>> r = knee_valgus(0.5)
    >>> art = draw_chain(fig.axes[0], r.chain, "camera", "weak", fppa_deg=float(r.fppa_deg),
    ...                  knee_shift_m=float(r.knee_medial_shift_m))
    >>> art.labels["fppa"].get_text(), art.labels["shift"].get_text()
    ('FPPA 24.1°', '7.7 cm')
    """
    check_name(view, "view", CHAIN_VIEWS)
    check_name(kind, "kind", CHAIN_STYLE)
    style = CHAIN_STYLE[kind]
    side = chain.geometry.side
    pts = chain_points_m(chain, index)
    lines: dict[str, Line2D] = {}
    notes: dict[str, Annotation] = {}
    with styled(ax):
        (lines["leg"],) = ax.plot(*chain_cm(pts["leg"], view, side), label=label, zorder=4, **style)
        (lines["pelvis"],) = ax.plot(*chain_cm(pts["pelvis"], view, side), color=style["color"],
                                     linestyle=style["linestyle"], linewidth=2.0, zorder=3)
        (lines["hip_ankle"],) = ax.plot(*chain_cm(pts["hip_ankle"], view, side), color=style["color"],
                                        linestyle=":", linewidth=1.5, zorder=2, visible=view == "camera")
        (lines["shadow"],) = ax.plot(*chain_cm(pts["shadow"], view, side), color=style["color"],
                                     linestyle=style["linestyle"], linewidth=1.5, alpha=0.6, zorder=1,
                                     marker="o", markersize=4, visible=view == "oblique")
        if view == "camera" and fppa_deg is not None:
            geo = _angle_geometry(_camera_points(chain, index), kind)
            (lines["extension"],) = ax.plot(*geo["extension"].T, color=style["color"], linestyle=(0, (2, 2)),
                                            linewidth=1.5, zorder=2)
            (lines["fppa_arc"],) = ax.plot(*geo["arc"].T, color=style["color"], linewidth=2.5, zorder=5)
            notes["fppa"] = add_label(ax, f"FPPA {float(fppa_deg):.1f}°", tuple(geo["arc_middle"]),
                                      prefer=("SW", "W", "S") if kind == "strong" else ("SE", "E", "NE"),
                                      color=style["color"], fontweight="bold")
        if view == "camera" and knee_shift_m is not None:
            geo = _angle_geometry(_camera_points(chain, index), kind)
            (lines["shift"],) = ax.plot(*geo["shift"].T, color=style["color"], linewidth=2.0, marker="|",
                                        markersize=10, zorder=5)
            notes["shift"] = add_label(ax, f"{100 * float(knee_shift_m):.1f} cm", tuple(geo["shift_middle"]),
                                       prefer=("NW", "W", "N") if kind == "strong" else ("NE", "E", "N"),
                                       color=style["color"])
    return ChainArtists(view, index, lines, notes, kind)


def update_chain(artists: ChainArtists, chain: LegChain, fppa_deg: float | None = None,
                 knee_shift_m: float | None = None) -> None:
    """Move the artists of :func:`draw_chain` to a new chain (no new artists).

    ``fppa_deg`` and ``knee_shift_m`` relabel the angle and the shift, if drawn.
    """
    pts = chain_points_m(chain, artists.index)
    for name in ("leg", "pelvis", "hip_ankle", "shadow"):
        artists.lines[name].set_data(*chain_cm(pts[name], artists.view, chain.geometry.side))
    if "fppa_arc" in artists.lines or "shift" in artists.lines:
        kind = artists.kind
        geo = _angle_geometry(_camera_points(chain, artists.index), kind)
        for name, key in (("extension", "extension"), ("fppa_arc", "arc"), ("shift", "shift")):
            if name in artists.lines:
                artists.lines[name].set_data(*geo[key].T)
        if "fppa" in artists.labels:
            artists.labels["fppa"].xy = tuple(geo["arc_middle"])
            if fppa_deg is not None:
                artists.labels["fppa"].set_text(f"FPPA {float(fppa_deg):.1f}°")
        if "shift" in artists.labels:
            artists.labels["shift"].xy = tuple(geo["shift_middle"])
            if knee_shift_m is not None:
                artists.labels["shift"].set_text(f"{100 * float(knee_shift_m):.1f} cm")
        mark_moved(artists.labels.values())
