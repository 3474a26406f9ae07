"""Static figures: the first figure of each notebook and ``make figures``.

Each ``*_figure`` function returns a new :class:`matplotlib.figure.Figure`
(built without pyplot). :func:`main` writes them to ``figures/`` under names
that start with their notebook's number; saving twice gives the same bytes.

Run ``glutemed-figures figures`` (that is, ``make figures``).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

import numpy as np
from matplotlib.figure import Figure

from glutemed.drawing import VIEWS, add_portion_legend, draw_moment_arm_curves, draw_view, new_figure
from glutemed.geometry import PORTIONS, Geometry, resolve_geometry
from glutemed.muscles import moment_arms
from glutemed.posing import pose_leg

__all__ = [
    "lines_of_action_figure",
    "moment_arms_vs_flexion_figure",
    "moment_arms_vs_adduction_figure",
    "FIGURES",
    "save_figure",
    "main",
]

_ACTION_LABELS = {
    "abduction": "abduction moment arm (cm)\n+ abductor, - adductor",
    "internal_rotation": "rotation moment arm (cm)\n+ internal, - external rotator",
    "flexion": "flexion moment arm (cm)\n+ flexor, - extensor",
}


def lines_of_action_figure(geometry: Geometry | str | None = None,
                           hip_flexion_deg: float = 0.0) -> Figure:
    """The three portions on the stick model in frontal, sagittal and transverse views.

    Examples
    --------
    >>> len(lines_of_action_figure().axes)
    3
    """
    g = resolve_geometry(geometry)
    fig = new_figure(13.0, 5.2)
    axes = fig.subplots(1, 3)
    pose = pose_leg(hip_flexion_deg=hip_flexion_deg, geometry=g)
    views = [draw_view(ax, pose, view, zoom="hip", legend=False) for ax, view in zip(axes, VIEWS)]
    add_portion_legend(fig, views[0])
    fig.suptitle(f"Gluteus medius lines of action, right hip ({g.name}, "
                 f"hip flexion {hip_flexion_deg:.0f}°)")
    return fig


def _sweep_figure(sweep_deg: np.ndarray, ma, xlabel: str, title: str) -> Figure:
    fig = new_figure(13.0, 4.4)
    axes = fig.subplots(1, 3)
    for i, (ax, action) in enumerate(zip(axes, _ACTION_LABELS)):
        draw_moment_arm_curves(ax, sweep_deg, {p: ma[p][action] for p in PORTIONS},
                               xlabel, _ACTION_LABELS[action], legend=(i == 0))
    fig.suptitle(title)
    return fig


def moment_arms_vs_flexion_figure(geometry: Geometry | str | None = None) -> Figure:
    """Moment arms of each portion against hip flexion (-20 to 90 deg), other angles 0.

    Examples
    --------
    >>> len(moment_arms_vs_flexion_figure().axes)
    3
    """
    g = resolve_geometry(geometry)
    flexion = np.linspace(-20.0, 90.0, 111)
    ma = moment_arms(hip_flexion_deg=flexion, geometry=g)
    return _sweep_figure(flexion, ma, "hip flexion (deg)",
                         f"Gluteus medius moment arms against hip flexion ({g.name})")


def moment_arms_vs_adduction_figure(geometry: Geometry | str | None = None) -> Figure:
    """Moment arms of each portion against hip adduction (-20 to 20 deg), other angles 0.

    Examples
    --------
    >>> len(moment_arms_vs_adduction_figure().axes)
    3
    """
    g = resolve_geometry(geometry)
    adduction = np.linspace(-20.0, 20.0, 81)
    ma = moment_arms(hip_adduction_deg=adduction, geometry=g)
    return _sweep_figure(adduction, ma, "hip adduction (deg; - = abduction)",
                         f"Gluteus medius moment arms against hip adduction ({g.name})")


#: File name (in ``figures/``) and the function that makes it.
FIGURES: dict[str, Callable[[], Figure]] = {
    "01_lines_of_action.png": lines_of_action_figure,
    "02_moment_arms_vs_flexion.png": moment_arms_vs_flexion_figure,
    "02_moment_arms_vs_adduction.png": moment_arms_vs_adduction_figure,
}


def save_figure(fig: Figure, path: Path) -> None:
    """Save with fixed metadata so that re-running gives identical bytes."""
    fig.savefig(path, dpi=100, metadata={"Software": None})


def main(argv: list[str] | None = None) -> None:
    """Write every figure of :data:`FIGURES` into the folder given on the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path, help="folder to write into, e.g. figures")
    args = parser.parse_args(argv)
    args.outdir.mkdir(parents=True, exist_ok=True)
    for name, make in FIGURES.items():
        save_figure(make(), args.outdir / name)
        print(f"wrote {args.outdir / name}")

