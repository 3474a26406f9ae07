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

from glutemed.geometry import PORTIONS, Geometry, resolve_geometry
from glutemed.kinematics import frontal_figure, pose_leg
from glutemed.knee_chain import knee_valgus
from glutemed.literature import literature_value
from glutemed.muscles import moment_arms
from glutemed.pelvic_drop import pelvic_drop
from glutemed.running import running_stance
from glutemed.statics import single_leg_stance
from glutemed.views.hip import add_portion_legend, draw_hip_view
from glutemed.views.knee import draw_chain, draw_chain_axes
from glutemed.views.moment_arms import draw_moment_arm_curves
from glutemed.views.projection import PLANES
from glutemed.views.running import RUNNER_STYLE, draw_moment_curves, draw_stance_time
from glutemed.views.stance import draw_forces, draw_frontal_figure, draw_level_pelvis
from glutemed.views.style import OKABE_ITO, new_figure

__all__ = [
    "lines_of_action_figure",
    "moment_arms_vs_flexion_figure",
    "moment_arms_vs_adduction_figure",
    "stance_free_body_figure",
    "weak_vs_strong_figure",
    "drop_vs_strength_figure",
    "knee_valgus_figure",
    "fppa_vs_strength_figure",
    "stance_phase_figure",
    "step_rate_figure",
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
    views = [draw_hip_view(ax, pose, plane, zoom="hip", legend=False) for ax, plane in zip(axes, PLANES)]
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


def stance_free_body_figure(geometry: Geometry | str | None = None, body_mass_kg: float = 70.0) -> Figure:
    """Free-body diagrams of single-leg stance: upright, and leaning with a cane.

    Examples
    --------
    >>> len(stance_free_body_figure().axes)
    2
    """
    g = resolve_geometry(geometry)
    fig = new_figure(12.0, 6.6)
    axes = fig.subplots(1, 2)
    cases = [(0.0, 0.0, "Upright"), (10.0, 0.1, "Trunk lean 10° + cane 0.1 BW")]
    for ax, (lean, cane, title) in zip(axes, cases):
        r = single_leg_stance(body_mass_kg, lean, cane, geometry=g)
        draw_frontal_figure(ax, frontal_figure(0.0, np.radians(lean), geometry=g), r.com_m,
                            label=f"{title}: contact {float(r.hip_contact_force_bw):.2f} BW")
        draw_forces(ax, r)
    fig.suptitle(f"Single-leg stance, {body_mass_kg:.0f} kg, forces to scale ({g.name})")
    return fig


def weak_vs_strong_figure(geometry: Geometry | str | None = None, activity: str = "running",
                          strengths: tuple[float, float] = (1.0, 0.4)) -> Figure:
    """Two stick figures at the same scale: normative and weak abductors, drop annotated.

    Examples
    --------
    >>> len(weak_vs_strong_figure().axes)
    2
    """
    g = resolve_geometry(geometry)
    fig = new_figure(11.0, 6.4)
    axes = fig.subplots(1, 2, sharey=True)
    level = frontal_figure(0.0, 0.0, geometry=g)
    for ax, strength in zip(axes, strengths):
        r = pelvic_drop(strength, activity, 0.0, geometry=g)
        drop = float(r.drop_deg)
        draw_level_pelvis(ax, level)
        words = "normative" if strength == 1.0 else f"{strength:.1f} × normative"
        outcome = f"drop {drop:.1f}°" if bool(r.held) else f"\nnot held (drawn at {drop:.0f}°, end of hip range)"
        draw_frontal_figure(ax, frontal_figure(np.radians(drop), 0.0, geometry=g), r.com_m,
                            label=f"Strength {words}: {outcome}")
    fig.suptitle(f"{activity.capitalize()}: the same body, strong and weak abductors "
                 f"(dashed: level pelvis; {g.name})")
    return fig


def drop_vs_strength_figure(geometry: Geometry | str | None = None) -> Figure:
    """Pelvic drop against abductor strength for stance, walking and running; lines stop where it is not held.

    Examples
    --------
    >>> len(drop_vs_strength_figure().axes)
    1
    """
    g = resolve_geometry(geometry)
    fig = new_figure(8.0, 5.0)
    ax = fig.add_subplot()
    strength = np.linspace(0.0, 1.5, 301)
    styles = {"stance": ("-", OKABE_ITO["black"]), "walking": ("--", OKABE_ITO["blue"]),
              "running": ("-.", OKABE_ITO["vermilion"])}
    for activity, (ls, colour) in styles.items():
        r = pelvic_drop(strength, activity, geometry=g)
        held = np.asarray(r.held)
        ax.plot(strength, np.where(held, r.drop_deg, np.nan), linestyle=ls, color=colour, linewidth=3,
                label=f"{activity} (not held below {strength[held][0]:.2f})" if not held.all() else activity)
    ax.axvline(1.0, color="#888888", linewidth=1.0)
    ax.set_xlabel("hip abductor strength (× normative runner)")
    ax.set_ylabel("contralateral pelvic drop (deg)")
    ax.grid(True, color="#DDDDDD", linewidth=0.8)
    ax.legend(framealpha=0.9)
    ax.set_title(f"Pelvic drop against abductor strength ({g.name})")
    return fig


def knee_valgus_figure(geometry: Geometry | str | None = None, activity: str = "single_leg_squat",
                       strengths: tuple[float, float] = (1.0, 0.5)) -> Figure:
    """Strong and weak chains overlaid, in the oblique 3-D view and the frontal camera view.

    Examples
    --------
    >>> len(knee_valgus_figure().axes)
    2
    """
    g = resolve_geometry(geometry)
    r = knee_valgus(np.array(strengths), activity, geometry=g)
    fig = new_figure(11.0, 6.6)
    axes = fig.subplots(1, 2)
    titles = {"oblique": "3-D view (front, outer side, above)", "camera": "Frontal camera: the FPPA"}
    for ax, view in zip(axes, titles):
        draw_chain_axes(ax, view, titles[view], g.side)
        for i, (strength, kind) in enumerate(zip(strengths, ("strong", "weak"))):
            label = (f"strength {strength:.1f} × normative: FPPA {float(r.fppa_deg[i]):.1f}°, "
                     f"knee {100 * float(r.knee_medial_shift_m[i]):.1f} cm medial")
            draw_chain(ax, r.chain, view, kind, label=label, index=(i,))
    fig.legend(*axes[1].get_legend_handles_labels(), loc="outside lower center", ncols=1, framealpha=0.9)
    words = activity.replace("_", " ")
    fig.suptitle(f"{words.capitalize()}, knee flexed {float(r.knee_flexion_deg[0]):.0f}°: "
                 f"strong (dashed) and weak (solid) abductors ({g.name})")
    return fig


def fppa_vs_strength_figure(geometry: Geometry | str | None = None) -> Figure:
    """FPPA against abductor strength, with Herrington's (2014) group means +- 1 SD.

    Examples
    --------
    >>> len(fppa_vs_strength_figure().axes)
    1
    """
    g = resolve_geometry(geometry)
    fig = new_figure(8.5, 5.2)
    ax = fig.add_subplot()
    strength = np.linspace(0.0, 1.5, 301)
    bands = (("controls", OKABE_ITO["bluish_green"], "//"), ("pfp", OKABE_ITO["reddish_purple"], "\\\\"))
    for group, colour, hatch in bands:
        mean = literature_value(f"fppa_squat_{group}")
        sd = literature_value(f"fppa_squat_{group}_sd")
        words = "controls" if group == "controls" else "patellofemoral pain"
        ax.axhspan(mean - sd, mean + sd, facecolor=colour, alpha=0.18, hatch=hatch, edgecolor=colour,
                   linewidth=0, label=f"single-leg squat, {words}: {mean:g} ± {sd:g}° (Herrington 2014)")
    styles = {"single_leg_squat": ("-", OKABE_ITO["black"]), "running": ("--", OKABE_ITO["vermilion"])}
    for activity, (ls, colour) in styles.items():
        ax.plot(strength, knee_valgus(strength, activity, geometry=g).fppa_deg, linestyle=ls, color=colour,
                linewidth=3, label=f"model: {activity.replace('_', ' ')}")
    ax.axvline(1.0, color="#888888", linewidth=1.0)
    ax.text(1.01, 0.70, "normative", transform=ax.get_xaxis_transform(), color="#555555", fontsize=10)
    ax.set_xlabel("hip abductor strength (× normative runner)")
    ax.set_ylabel("frontal plane projection angle (deg, + valgus)")
    ax.grid(True, color="#DDDDDD", linewidth=0.8)
    ax.legend(framealpha=0.9, fontsize=10, loc="upper right")
    ax.set_title(f"Knee valgus (FPPA) against abductor strength ({g.name})")
    return fig


def stance_phase_figure(geometry: Geometry | str | None = None, weak_strength: float = 0.8) -> Figure:
    """One running stance against time, normative and weak: ground force, pelvic drop, muscle and passive moments.

    Examples
    --------
    >>> len(stance_phase_figure().axes)  # force, drop (hip adduction on its right), moments
    3
    """
    g = resolve_geometry(geometry)
    r = running_stance(np.array([weak_strength, 1.0]), geometry=g)
    fig = new_figure(9.0, 9.0)
    ax_force, ax_drop, ax_moment = fig.subplots(3, 1, sharex=True, height_ratios=[0.8, 1.2, 1.2])
    labels = {"runner": f"strength {weak_strength:g} × normative", "reference": "normative (1.0)"}
    _, high = g.range_deg("hip_adduction")
    draw_stance_time(ax_force, ax_drop, r, float(high), float(np.ceil(r.conditions.peak_vertical_grf_bw + 0.5)),
                     labels, unit="ms", cursor=False)
    draw_moment_curves(ax_moment, r, labels, unit="ms")
    ax_force.set_title(f"Vertical ground force: the same for both (peak {r.conditions.peak_vertical_grf_bw:.2f} BW, "
                       f"contact {1000 * r.conditions.contact_time_s:.0f} ms)", fontsize=12)
    ax_drop.set_title("Pelvic drop: where the abductors fall short of the demand, the pelvis drops", fontsize=12)
    ax_moment.set_title("Abduction moments: demand, abductors, passive tissue", fontsize=12)
    for ax in (ax_force, ax_drop):
        ax.set_xlabel("")
    fig.suptitle(f"One running stance at {r.conditions.speed_m_s:.2f} m/s ({r.sex} strength norm): normative "
                 f"(dashed) and weak (solid) abductors ({g.name})")
    return fig


def step_rate_figure(geometry: Geometry | str | None = None) -> Figure:
    """Peak hip adduction against step-rate change: the model's normative runner and Heiderscheit's (2011) runners.

    Examples
    --------
    >>> len(step_rate_figure().axes)
    1
    """
    g = resolve_geometry(geometry)
    fig = new_figure(8.5, 5.2)
    ax = fig.add_subplot()
    change = np.linspace(-10.0, 10.0, 41)
    model = np.array([float(running_stance(1.0, step_rate_change_pct=c, geometry=g).peak_hip_adduction_deg)
                      for c in change])
    names = {-10: "minus10", -5: "minus5", 0: "", 5: "plus5", 10: "plus10"}
    measured = {c: ("running_hip_adduction" + (f"_step_rate_{n}" if n else "")) for c, n in names.items()}
    mean = np.array([literature_value(m) for m in measured.values()])
    sd = np.array([literature_value(m + "_sd") for m in measured.values()])
    ax.errorbar(list(measured), mean, yerr=sd, fmt="s", color=OKABE_ITO["blue"], markersize=9, capsize=6,
                linewidth=2, label="45 runners, mean ± SD (Heiderscheit et al. 2011)")
    ax.plot(change, model, color=RUNNER_STYLE["runner"]["color"], linewidth=3,
            label="model: normative runner (not tuned to these data)")
    ax.plot(list(measured), np.interp(list(measured), change, model), "o", color=RUNNER_STYLE["runner"]["color"],
            markersize=8)
    ax.set_xlabel("step-rate change from preferred, same speed (%)")
    ax.set_ylabel("peak hip adduction in stance (deg)")
    ax.set_xticks(list(measured))
    ax.grid(True, color="#DDDDDD", linewidth=0.8)
    ax.legend(framealpha=0.9, fontsize=10, loc="upper right")
    ax.set_title(f"Step rate and peak hip adduction ({g.name})")
    return fig


#: File name (in ``figures/``) and the function that makes it.
FIGURES: dict[str, Callable[[], Figure]] = {
    "01_lines_of_action.png": lines_of_action_figure,
    "02_moment_arms_vs_flexion.png": moment_arms_vs_flexion_figure,
    "02_moment_arms_vs_adduction.png": moment_arms_vs_adduction_figure,
    "03_free_body_diagram.png": stance_free_body_figure,
    "04_weak_vs_strong.png": weak_vs_strong_figure,
    "04_drop_vs_strength.png": drop_vs_strength_figure,
    "05_knee_valgus_weak_vs_strong.png": knee_valgus_figure,
    "05_fppa_vs_strength.png": fppa_vs_strength_figure,
    "07_stance_phase.png": stance_phase_figure,
    "07_step_rate.png": step_rate_figure,
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

