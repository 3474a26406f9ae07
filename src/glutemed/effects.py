"""Each factor of a runner profile moved alone from the reference runner: the bars of a tornado chart.

:func:`factor_effects` runs :func:`glutemed.risk.runner_mechanisms` for the
reference runner, for the reference with one factor set as in the profile
(for every factor), and for the whole profile; the differences are the
chart's bars. It marks where a mechanism's model does not read a factor at
all (``no_path``) and where the pelvis is not held (NaN). Mechanisms in a
model, not a personal risk prediction.

Examples
--------
>>> from glutemed.risk import RunnerProfile
>>> e = factor_effects(RunnerProfile(sex="male"))
>>> bool(e.delta[e.factors.index("sex"), e.outputs.index("pelvic_drop_deg")] < 0)
True
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

import numpy as np
from numpy.typing import NDArray

from glutemed._checks import check_name
from glutemed.injuries import risk_factor_rows
from glutemed.risk import REFERENCE_RUNNER, SHOES_SURFACES, Mechanisms, RunnerProfile, runner_mechanisms

__all__ = ["FACTORS", "OUTPUTS", "FactorEffects", "factor_effects", "shoes_surface_note"]

#: The factors of :func:`factor_effects`, in chart order: (label, profile fields it sets).
FACTORS: dict[str, tuple[str, tuple[str, ...]]] = {
    "strength": ("abductor strength", ("strength",)),
    "sex": ("sex", ("sex",)),
    "previous_injury": ("previous injury", ("previous_injury",)),
    "training_load": ("training-load spike", ("weekly_increase_pct",)),
    "shoes_surface": ("shoes, surfaces", ("shoes_surface",)),
    "speed": ("speed", ("speed_m_s",)),
    "posture": ("posture (hip flexion)", ("hip_flexion_deg",)),
    "trunk_lean": ("trunk lean", ("trunk_lean_deg",)),
    "pelvis_width": ("pelvis width", ("pelvis_width_change_pct",)),
    "all": ("whole profile", tuple(f.name for f in fields(RunnerProfile))),
}
#: The mechanism quantities: (label, unit of the chart's difference).
OUTPUTS: dict[str, tuple[str, str]] = {
    "pelvic_drop_deg": ("peak pelvic drop", "deg"),
    "hip_adduction_deg": ("peak hip adduction", "deg"),
    "fppa_deg": ("FPPA (running)", "deg"),
    "hip_contact_force_bw": ("peak hip contact force", "BW"),
    "weekly_abductor_load_pct": ("week's abductor load", "%"),
}
# profile fields each output's model reads (others: no path)
_READS = {
    "running": {"sex", "strength", "previous_injury", "speed_m_s", "hip_flexion_deg", "trunk_lean_deg",
                "pelvis_width_change_pct"},
    "fppa_deg": {"sex", "strength", "previous_injury", "hip_flexion_deg", "pelvis_width_change_pct"},
    "weekly_abductor_load_pct": {"sex", "strength", "previous_injury", "speed_m_s", "hip_flexion_deg",
                                 "pelvis_width_change_pct", "weekly_increase_pct"},
}



@dataclass(frozen=True)
class FactorEffects:
    """Each factor's effect on each mechanism against the reference runner (a tornado chart's bars).

    Rows follow :data:`FACTORS` (the last, ``"all"``, is the whole profile);
    columns follow :data:`OUTPUTS`.

    Attributes
    ----------
    factors : tuple of str
    labels : tuple of str
        The factors' labels, with the profile's value.
    outputs : tuple of str
    reference : numpy.ndarray, shape (O,)
        The reference runner's values (the load in N m s/kg, not %).
    delta : numpy.ndarray, shape (F, O)
        Profile-with-this-factor minus reference, in :data:`OUTPUTS` units
        (the load as % of the reference's); NaN where not held or no path.
    held : numpy.ndarray of bool, shape (F,)
        Whether the pelvis is held with this factor moved.
    no_path : numpy.ndarray of bool, shape (F, O)
        True where the output's model does not read this factor at all.
    moved : numpy.ndarray of bool, shape (F,)
        True where the profile differs from the reference in this factor.
    notes : dict of str to str
        Quoted findings for factors the model cannot represent (shoes and surfaces).
    profile, reference_profile : RunnerProfile
    """

    factors: tuple[str, ...]
    labels: tuple[str, ...]
    outputs: tuple[str, ...]
    reference: NDArray[np.float64]
    delta: NDArray[np.float64]
    held: NDArray[np.bool_]
    no_path: NDArray[np.bool_]
    moved: NDArray[np.bool_]
    notes: dict[str, str]
    profile: RunnerProfile
    reference_profile: RunnerProfile


def _values(m: Mechanisms) -> list[float]:
    return [m.pelvic_drop_deg, m.hip_adduction_deg, m.fppa_deg, m.hip_contact_force_bw,
            m.weekly_abductor_load_nm_s_kg]


def shoes_surface_note(choice: str) -> str:
    """The quoted finding behind a shoes-or-surface choice (empty for ``"usual"``).

    Examples
    --------
    >>> "impact peak" in shoes_surface_note("maximalist shoes")
    True
    """
    check_name(choice, "shoes_surface", SHOES_SURFACES)
    factor, author = SHOES_SURFACES[choice]
    if not factor:
        return ""
    row = next(r for r in risk_factor_rows(factor) if r.source.startswith(author))
    return f"{row.finding} ({row.citation}, {row.evidence}; no injury outcome)"


def _label(factor: str, p: RunnerProfile) -> str:
    label = FACTORS[factor][0]
    value = {"strength": f"{p.strength:.2f} ×", "sex": p.sex, "previous_injury": p.previous_injury,
             "training_load": f"{p.weekly_increase_pct:+.0f} %", "shoes_surface": p.shoes_surface.split(" ")[0],
             "speed": f"{p.speed_m_s:.2f} m/s", "posture": f"{p.hip_flexion_deg:+.0f}°",
             "trunk_lean": f"{p.trunk_lean_deg:+.0f}°", "pelvis_width": f"{p.pelvis_width_change_pct:+.0f} %"}
    return f"{label}: {value[factor]}" if factor in value else label


def factor_effects(profile: RunnerProfile, reference: RunnerProfile = REFERENCE_RUNNER) -> FactorEffects:
    """Move each factor, alone, from the reference runner to the profile; then all together.

    Examples
    --------
    >>> e = factor_effects(RunnerProfile(weekly_increase_pct=30.0))
    >>> i = e.factors.index("training_load")
    >>> round(float(e.delta[i, e.outputs.index("weekly_abductor_load_pct")]), 1)
    30.0
    >>> bool(e.no_path[i, e.outputs.index("pelvic_drop_deg")])
    True
    """
    for name, value in (("profile", profile), ("reference", reference)):
        if not isinstance(value, RunnerProfile):
            raise ValueError(f"{name} must be a RunnerProfile; got {type(value).__name__}")
    outputs = tuple(OUTPUTS)
    ref = np.array(_values(runner_mechanisms(reference)))
    factors = tuple(FACTORS)
    delta = np.full((len(factors), len(outputs)), np.nan)
    held = np.ones(len(factors), dtype=bool)
    no_path = np.zeros((len(factors), len(outputs)), dtype=bool)
    moved = np.zeros(len(factors), dtype=bool)
    for i, factor in enumerate(factors):
        names = FACTORS[factor][1]
        moved[i] = any(getattr(profile, n) != getattr(reference, n) for n in names)
        m = runner_mechanisms(replace(reference, **{n: getattr(profile, n) for n in names}))
        held[i] = m.pelvis_held
        values = np.array(_values(m))
        d = values - ref
        d[-1] = 100.0 * d[-1] / ref[-1]
        for j, output in enumerate(outputs):
            reads = _READS.get(output, _READS["running"])
            no_path[i, j] = factor != "all" and not set(names) & reads
        delta[i] = np.where(no_path[i], np.nan, d)
    return FactorEffects(
        factors=factors, labels=tuple(_label(f, profile) for f in factors), outputs=outputs, reference=ref,
        delta=delta, held=held, no_path=no_path, moved=moved,
        notes={"shoes_surface": shoes_surface_note(profile.shoes_surface)},
        profile=profile, reference_profile=reference)
