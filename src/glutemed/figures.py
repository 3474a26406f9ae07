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
from matplotlib.lines import Line2D
from matplotlib.text import Text

from glutemed.geometry import PORTIONS, Geometry, resolve_geometry
from glutemed.kinematics import frontal_figure, pose_leg
from glutemed.knee_chain import knee_valgus
from glutemed.literature import literature_value
from glutemed.muscles import moment_arms, role_switch_flexion_deg
from glutemed.pelvic_drop import pelvic_drop
from glutemed.rehab import EXERCISES
from glutemed.running import running_stance
from glutemed.statics import single_leg_stance
from glutemed.views.hip import draw_hip_view
from glutemed.views.knee import draw_chain, draw_chain_axes
from glutemed.views.labels import add_label
from glutemed.views.moment_arms import draw_moment_arm_curves
from glutemed.views.projection import PLANES
from glutemed.views.rehab import draw_ladder, ladder_key
from glutemed.views.running import RUNNER_STYLE, draw_moment_curves, draw_stance_time
from glutemed.views.forces import draw_forces, origins_up_m
from glutemed.views.stance import draw_drop_overlay, draw_frontal_figure
from glutemed.views.style import CHAIN_STYLE, OKABE_ITO, new_figure

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
    "progression_ladder_figure",
    "FIGURES",
    "save_figure",
    "main",
]

#: Title and the roles of a positive and a negative moment arm, per action.
_ACTIONS: dict[str, tuple[str, tuple[str, str]]] = {
    "abduction": ("Abduction", ("+ abductor", "− adductor")),
    "internal_rotation": ("Rotation", ("+ internal rotator", "− external rotator")),
    "flexion": ("Flexion", ("+ flexor", "− extensor")),
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
    fig = new_figure(13.0, 5.6)
    axes = fig.subplots(1, 3)
    pose = pose_leg(hip_flexion_deg=hip_flexion_deg, geometry=g)
    for ax, plane in zip(axes, PLANES):
        draw_hip_view(ax, pose, plane, zoom="hip", legend=False)
    fig.suptitle(f"Gluteus medius lines of action, right hip ({g.name}, "
                 f"hip flexion {hip_flexion_deg:.0f}°)")
    return fig


def _sweep_figure(sweep_deg: np.ndarray, ma, xlabel: str, title: str,
                  switches_deg: dict[str, dict[str, float]] | None = None) -> Figure:
    fig = new_figure(13.0, 5.4)
    axes = fig.subplots(1, 3)
    for i, (ax, action) in enumerate(zip(axes, _ACTIONS)):
        words, roles = _ACTIONS[action]
        lines = draw_moment_arm_curves(ax, sweep_deg, {p: ma[p][action] for p in PORTIONS}, xlabel,
                                       "moment arm (cm)" if i == 0 else "", title=words, legend=False,
                                       roles=roles, switches_deg=(switches_deg or {}).get(action))
    handles = [lines[p] for p in PORTIONS]
    if switches_deg:
        handles.append(Line2D([], [], marker="o", markersize=12, markerfacecolor="white", markeredgecolor="black",
                              markeredgewidth=2.5, linestyle="none", label="role switch (flexion angle)"))
    fig.legend(handles=handles, loc="outside lower center", ncols=len(handles))
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
    switches = {action: {p: role_switch_flexion_deg(p, action, geometry=g) for p in PORTIONS}
                for action in _ACTIONS}
    return _sweep_figure(flexion, ma, "hip flexion (°)",
                         f"Gluteus medius moment arms against hip flexion ({g.name})", switches)


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
    return _sweep_figure(adduction, ma, "hip adduction (°; − = abduction)",
                         f"Gluteus medius moment arms against hip adduction ({g.name})")


def stance_free_body_figure(geometry: Geometry | str | None = None, body_mass_kg: float = 70.0) -> Figure:
    """Free-body diagrams of single-leg stance: upright, and leaning with a cane.

    Examples
    --------
    >>> len(stance_free_body_figure().axes)
    2
    """
    g = resolve_geometry(geometry)
    fig = new_figure(10.5, 8.0)
    axes = fig.subplots(1, 2)
    cases = [(0.0, 0.0, "Upright"), (10.0, 0.1, "Trunk lean 10° + cane 0.1 BW")]
    for ax, (lean, cane, title) in zip(axes, cases):
        r = single_leg_stance(body_mass_kg, lean, cane, geometry=g)
        figure = frontal_figure(0.0, np.radians(lean), geometry=g)
        draw_frontal_figure(ax, figure, r.com_m,
                            label=f"{title}\nhip contact {float(r.hip_contact_force_bw):.2f} BW")
        draw_forces(ax, r, crest_up_m=origins_up_m(figure))
    fig.suptitle(f"Single-leg stance on the right leg, {body_mass_kg:.0f} kg ({g.name}):\n"
                 "forces on the body above the stance hip, to scale")
    return fig


def weak_vs_strong_figure(geometry: Geometry | str | None = None, activity: str = "running",
                          strengths: tuple[float, float] = (1.0, 0.8)) -> Figure:
    """One pelvis view: the same body with strong and weak abductors overlaid, each drop drawn as an angle.

    Examples
    --------
    >>> len(weak_vs_strong_figure().axes)
    1
    """
    g = resolve_geometry(geometry)
    fig = new_figure(10.0, 6.4)
    ax = fig.add_subplot()
    level = frontal_figure(0.0, 0.0, geometry=g)
    figures, drops, names = [], [], []
    for strength in strengths:
        r = pelvic_drop(strength, activity, 0.0, geometry=g)
        drop, held = float(r.drop_deg), bool(r.held)
        figures.append(frontal_figure(np.radians(drop), 0.0, geometry=g))
        drops.append(drop)
        words = "normative" if strength == 1.0 else f"{strength:.1f} × normative"
        outcome = f"drop {drop:.1f}°" if held else f"not held (drawn at {drop:.0f}°, the end of the hip's range)"
        names.append(f"strength {words}: {outcome}")
    kinds = ("strong", "weak") if len(strengths) == 2 else ("strong",) * len(strengths)
    styles = [{"color": CHAIN_STYLE[k]["color"], "linestyle": CHAIN_STYLE[k]["linestyle"]} for k in kinds]
    draw_drop_overlay(ax, level, figures, drops, names, styles)
    ax.legend(loc="upper right", framealpha=0.95)
    fig.suptitle(f"{activity.capitalize()}, right leg in stance, seen from behind ({g.name}):\n"
                 "the same body with strong and weak abductors")
    return fig


def _normative_line(ax) -> None:
    """The vertical line at normative strength (1.0), named at its top."""
    ax.axvline(1.0, color="#888888", linewidth=1.5, zorder=1, label="normative strength")
    top = ax.get_ylim()[1]
    add_label(ax, "normative", (1.0, top), prefer=("SE", "SW"), radii_pt=(4.0, 8.0, 14.0), leader=False,
              color="#555555", only_preferred=True)


def drop_vs_strength_figure(geometry: Geometry | str | None = None) -> Figure:
    """Pelvic drop against abductor strength for stance, walking and running; lines stop where it is not held.

    Examples
    --------
    >>> len(drop_vs_strength_figure().axes)
    1
    """
    g = resolve_geometry(geometry)
    fig = new_figure(10.0, 6.0)
    ax = fig.add_subplot()
    strength = np.linspace(0.0, 1.5, 301)
    styles = {"stance": ("-", OKABE_ITO["black"]), "walking": ("--", OKABE_ITO["blue"]),
              "running": ("-.", OKABE_ITO["vermilion"])}
    lines = []
    for activity, (ls, colour) in styles.items():
        r = pelvic_drop(strength, activity, geometry=g)
        held = np.asarray(r.held)
        label = f"{activity} (not held below {strength[held][0]:.2f})" if not held.all() else activity
        lines += ax.plot(strength, np.where(held, r.drop_deg, np.nan), linestyle=ls, color=colour,
                         linewidth=3, label=label)
    ax.set_xlim(0.0, 1.5)
    ax.set_xlabel("hip abductor strength (× normative runner)")
    ax.set_ylabel("contralateral pelvic drop (°)")
    ax.grid(True, color="#DDDDDD", linewidth=0.8)
    ax.set_axisbelow(True)
    _normative_line(ax)
    ax.legend(handles=lines, loc="upper left", framealpha=0.9)
    ax.set_title(f"Pelvic drop against abductor strength ({g.name})")
    return fig


def knee_valgus_figure(geometry: Geometry | str | None = None, activity: str = "single_leg_squat",
                       strengths: tuple[float, float] = (1.0, 0.5)) -> Figure:
    """Strong and weak chains overlaid, in the oblique 3-D view and the frontal camera view.

    In the camera view each chain's FPPA is drawn as an angle at the knee and
    its medial shift as a dimension line to its hip-ankle line.

    Examples
    --------
    >>> len(knee_valgus_figure().axes)
    2
    """
    g = resolve_geometry(geometry)
    r = knee_valgus(np.array(strengths), activity, geometry=g)
    fig = new_figure(11.0, 7.8)
    axes = fig.subplots(1, 2, width_ratios=[1.0, 1.15])
    titles = {"oblique": "3-D view (front, outer side, above)", "camera": "Frontal camera: the FPPA"}
    for ax, view in zip(axes, titles):
        draw_chain_axes(ax, view, titles[view], g.side)
        for i, (strength, kind) in enumerate(zip(strengths, ("strong", "weak"))):
            label = (f"strength {strength:.1f} × normative: FPPA {float(r.fppa_deg[i]):.1f}°, "
                     f"knee {100 * float(r.knee_medial_shift_m[i]):.1f} cm medial")
            extra = ({"fppa_deg": float(r.fppa_deg[i]), "knee_shift_m": float(r.knee_medial_shift_m[i])}
                     if view == "camera" else {})
            draw_chain(ax, r.chain, view, kind, label=label, index=(i,), **extra)
    fig.legend(*axes[1].get_legend_handles_labels(), loc="outside lower center", ncols=1, framealpha=0.9)
    words = activity.replace("_", " ")
    fig.suptitle(f"{words.capitalize()}, knee flexed {float(r.knee_flexion_deg[0]):.0f}°: "
                 f"strong (dashed) and weak (solid) abductors ({g.name})")
    return fig


def fppa_vs_strength_figure(geometry: Geometry | str | None = None) -> Figure:
    """FPPA against abductor strength, with Herrington's (2014) group means +- 1 SD.

    The model's knee-swing line is fitted to two points: the controls' mean
    FPPA at normative strength and the pain group's mean at the strength of
    Ireland et al.'s (2003) 26 % deficit. Those two points are marked as
    **calibration** (the model passes through them by construction, so they
    are not a validation).

    Examples
    --------
    >>> len(fppa_vs_strength_figure().axes)
    1
    """
    g = resolve_geometry(geometry)
    fig = new_figure(10.0, 6.8)
    ax = fig.add_subplot()
    strength = np.linspace(0.0, 1.5, 301)
    bands = (("controls", OKABE_ITO["bluish_green"], "//"), ("pfp", OKABE_ITO["reddish_purple"], "\\\\"))
    handles = []
    for group, colour, hatch in bands:
        mean = literature_value(f"fppa_squat_{group}")
        sd = literature_value(f"fppa_squat_{group}_sd")
        words = "controls" if group == "controls" else "patellofemoral pain"
        handles.append(ax.axhspan(mean - sd, mean + sd, facecolor=colour, alpha=0.18, hatch=hatch,
                                  edgecolor=colour, linewidth=0,
                                  label=f"{words}: {mean:g} ± {sd:g}° (Herrington 2014)"))
    styles = {"single_leg_squat": ("-", OKABE_ITO["black"]), "running": ("--", OKABE_ITO["vermilion"])}
    for activity, (ls, colour) in styles.items():
        (line,) = ax.plot(strength, knee_valgus(strength, activity, geometry=g).fppa_deg, linestyle=ls,
                          color=colour, linewidth=3, label=f"model: {activity.replace('_', ' ')}")
        handles.append(line)
    # the two points the knee-swing line is fitted to: the controls' mean at strength 1 and the pain
    # group's mean at the strength of the measured deficit
    calibration = [(1.0, literature_value("fppa_squat_controls")),
                   (1.0 - literature_value("pfp_abduction_strength_deficit") / 100.0,
                    literature_value("fppa_squat_pfp"))]
    (points,) = ax.plot(*np.array(calibration).T, linestyle="none", marker="D", markersize=13,
                        markerfacecolor="white", markeredgecolor="black", markeredgewidth=2.5, zorder=6,
                        label="calibration points (the model is fitted to them)")
    handles.append(points)
    for (x, y), words in zip(calibration, ("calibration:\ncontrols' mean", "calibration:\npain group's mean")):
        add_label(ax, words, (x, y), prefer=("NE", "E", "SE", "N"), color="black")
    ax.set_xlim(0.0, 1.5)
    ax.set_xlabel("hip abductor strength (× normative runner)")
    ax.set_ylabel("frontal plane projection angle (°, + valgus)")
    ax.grid(True, color="#DDDDDD", linewidth=0.8)
    ax.set_axisbelow(True)
    _normative_line(ax)
    fig.legend(handles=handles, loc="outside lower center", ncols=2, framealpha=0.9)
    ax.set_title(f"Knee valgus (FPPA) against abductor strength: single-leg squat ({g.name})")
    return fig


def _methods_note(exercises) -> str:
    """Which cited values are mean amplitude, peak or not reported, against which reference, from which study."""
    groups: dict[str, dict[str, list[str]]] = {}
    for e in exercises:
        if e.has_emg:
            method = {"mean": "Mean amplitude", "peak": "Peak amplitude"}.get(e.emg_method, "Method not reported")
            reference = f"% of {e.emg_reference}" if e.emg_reference else "reference not reported"
            groups.setdefault(f"{method}, {reference}", {}).setdefault(e.emg_citation, []).append(e.label)
    lines = [f"{kind} — " + "; ".join(f"{study}: {', '.join(names)}" for study, names in studies.items()) + "."
             for kind, studies in groups.items()]
    return ("EMG methods differ, so values from different studies are not one scale and the ranking is not "
            "settled.\n" + "\n".join(lines))


def _add_footer(fig: Figure, text: str, legend: dict | None = None, margin: float = 0.012) -> Text:
    """A caption across the bottom of ``fig`` (and a figure legend just above it); the layout keeps the axes above.

    Each line of ``text`` is wrapped at word boundaries, measured with the
    figure's renderer at the caption's own (styled) font size. ``legend`` holds
    the arguments of ``fig.legend`` (it is centred above the caption).
    """
    renderer = fig.canvas.get_renderer()
    caption = fig.text(margin, margin, "", ha="left", va="bottom")
    room = (1.0 - 2.0 * margin) * fig.bbox.width
    wrapped: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            trial = f"{line} {word}".strip()
            caption.set_text(trial)
            if line and caption.get_window_extent(renderer).width > room:
                wrapped.append(line)
                line = word
            else:
                line = trial
        wrapped.append(line)
    caption.set_text("\n".join(wrapped))
    top = caption.get_window_extent(renderer).height / fig.bbox.height + 2.0 * margin
    if legend is not None:
        key = fig.legend(**legend, loc="lower center", bbox_to_anchor=(0.5, top), borderaxespad=0.0)
        top += key.get_window_extent(renderer).height / fig.bbox.height + margin
    fig.get_layout_engine().set(rect=(0.0, top, 1.0, 1.0 - top))
    return caption


def progression_ladder_figure() -> Figure:
    """Modelled demand against cited EMG for every exercise, coloured by Ebert et al.'s intensity band.

    The caption under the axes says how the cited values were measured
    (method, reference contraction, study), since they are not one scale.

    Examples
    --------
    >>> len(progression_ladder_figure().axes)
    1
    """
    fig = new_figure(12.0, 9.0)
    ax = fig.add_subplot()
    draw_ladder(ax, EXERCISES, legend=False)
    ax.set_title("Exercise ladder: modelled demand (gait2392, 70 kg, teaching postures) against cited EMG")
    handles, names = ladder_key(EXERCISES)
    _add_footer(fig, _methods_note(EXERCISES), legend={"handles": handles, "labels": names, "ncols": 3,
                                                       "title": "Ebert et al. 2017 intensity band"})
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
    fig = new_figure(9.0, 10.0)
    ax_force, ax_drop, ax_moment = fig.subplots(3, 1, sharex=True, height_ratios=[0.8, 1.2, 1.2])
    labels = {"runner": f"strength {weak_strength:g} × normative", "reference": "normative (1.0)"}
    _, high = g.range_deg("hip_adduction")
    draw_stance_time(ax_force, ax_drop, r, float(high), float(np.ceil(r.conditions.peak_vertical_grf_bw + 0.5)),
                     labels, unit="ms", cursor=False, legend=False)
    moments = draw_moment_curves(ax_moment, r, labels, unit="ms", legend=False)
    ax_force.set_title(f"Vertical ground force, the same for both: peak {r.conditions.peak_vertical_grf_bw:.2f} BW, "
                       f"contact {1000 * r.conditions.contact_time_s:.0f} ms")
    ax_drop.set_title("Pelvic drop: the pelvis drops where the abductors fall short")
    ax_moment.set_title("Abduction moments: demand (thin), abductors (thick), passive tissue")
    for ax in (ax_force, ax_drop):
        ax.set_xlabel("")
    # one legend below: each runner's thick lines (drop and abductors share its style), the demands, the passive
    runners = [Line2D([], [], color=RUNNER_STYLE[n]["color"], linestyle=RUNNER_STYLE[n]["linestyle"], linewidth=3,
                      label=labels[n]) for n in ("runner", "reference")]
    handles = [runners[0], moments["demand runner"], moments["passive runner"], runners[1],
               moments["demand reference"]]
    fig.legend(handles=handles, loc="outside lower center", ncols=2, handlelength=2.8)
    fig.suptitle(f"One running stance at {r.conditions.speed_m_s:.2f} m/s ({r.sex} strength norm, {g.name}):\n"
                 "normative (dashed) and weak (solid) abductors")
    return fig


def step_rate_figure(geometry: Geometry | str | None = None) -> Figure:
    """Peak hip adduction against step-rate change: the model's normative runner and Heiderscheit's (2011) runners.

    Examples
    --------
    >>> len(step_rate_figure().axes)
    1
    """
    g = resolve_geometry(geometry)
    fig = new_figure(8.5, 5.8)
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
    fig.legend(loc="outside lower center", ncols=1)
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
    "09_progression_ladder.png": progression_ladder_figure,
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

