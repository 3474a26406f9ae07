"""glutemed: teaching models of the gluteus medius.

Conventions (stated once here; every module follows them)
---------------------------------------------------------
Frames
    Pelvis frame as in OpenSim's gait2392 and Rajagopal models: **x anterior,
    y superior, z to the subject's right**, origin at the model's pelvis
    reference point (mid-way between the hips, near the sacrum). The femur
    frame has its origin at the hip joint centre and is aligned with the
    pelvis frame when all hip angles are zero; its y axis is the femur's
    mechanical axis (hip centre to knee centre).
Hip rotations
    Body-fixed, in the order flexion (about z), adduction (about the new x),
    internal rotation (about the new y): ``R = Rz(flex) @ Rx(add) @ Ry(rot)``,
    mapping femur-frame vectors into the pelvis frame. Positive = flexion,
    adduction, internal rotation, on either side (the left hip is the mirror
    image of the right).
Moment arms
    Tendon-excursion form ``r_q = -dL/dq``, reported with **abduction,
    internal rotation and flexion positive**. OpenSim reports the adduction
    coordinate, so its abduction moment arms have the opposite sign.
Units
    SI inside the library: metres, newtons, newton-metres, radians. Degrees
    appear only at the surface, in names ending ``_deg``. Forces shown as
    multiples of body weight end in ``_bw``.
Arrays
    Angle arguments accept scalars or arrays and broadcast against each other;
    a point has shape ``(..., 3)`` and a rotation ``(..., 3, 3)``.

Data flows one way, and no module imports one later in the chain::

    data/ -> geometry, scaling, literature             (data, with provenance checks)
          -> rotations, kinematics                     (core: posing and projecting points)
          -> muscles -> segments -> statics                                (models: frontal-plane statics)
          -> ground_force -> stance_dynamics -> running -> training_load  (models: running stance in time)
          -> pelvic_drop -> fppa -> knee_chain                             (models: drop for any activity)
          -> injuries (data), risk -> effects, measure        (a runner profile's mechanisms; photos measured)
          -> rehab (exercises: demand, portion shares, cited EMG, band force)
          -> views (style, projection, one module per scene)
          -> panels (one base: values -> model -> view -> render -> readout)
          -> answers, figures, notebooks

Models return result dataclasses and never draw; views draw results and
never run a model; panels hold no science. The UI layer (``answers``,
``figures``, ``panels``, ``views``) is loaded on first use, so ``import
glutemed`` needs only NumPy.

Naming
    Every numeric name carries its unit: ``_deg``, ``_rad``, ``_m``, ``_n``,
    ``_bw`` (body weights), ``_nm_kg`` (N m per kg of body mass), ``_pct``.
    Hip angles are always given in the order flexion, adduction, rotation.
    ``strength`` is a fraction of the mean eccentric hip abduction strength
    of novice runners of the chosen ``sex`` (Ramskov et al. 2014).

Frontal-plane statics (single-leg stance on the right leg) use (medial, up)
components: medial = toward the swing side; moments positive when they lift
the swing side; forces often in body weights (``_bw``).

Running (:mod:`glutemed.running`): one stance in time, the vertical ground
force from speed and step rate (:mod:`glutemed.ground_force`), the physics in
:mod:`glutemed.stance_dynamics`; hip adduction in running is the pelvic drop
plus the femur's own lean toward the midline. :func:`pelvic_drop` gives the
same peak drop for ``activity="running"`` and a quasi-static answer for
quiet stance and walking; where the pelvis is not held, results say so
(``held`` / ``pelvis_held``).

Knee valgus (:mod:`glutemed.fppa`, :mod:`glutemed.knee_chain`): the frontal plane projection angle
(FPPA) is measured as a camera in front of the subject sees the leg, positive
= valgus (knee medial of the hip-ankle line).

Examples
--------
>>> import glutemed as gm
>>> ma = gm.moment_arms(hip_flexion_deg=0.0)
>>> sorted(ma)
['anterior', 'middle', 'posterior']
"""

from glutemed.fppa import describe_fppa, frontal_plane_projection_angle
from glutemed.geometry import (
    GEOMETRY_NAMES,
    PORTIONS,
    SIDES,
    Geometry,
    load_geometry,
)
from glutemed.kinematics import LegPose, pose_leg
from glutemed.knee_chain import KneeValgusResult, knee_valgus
from glutemed.muscles import (
    ACTIONS,
    MomentArms,
    action_roles,
    frontal_angle_from_vertical_deg,
    lines_of_action,
    moment_arms,
    moment_arms_cross_product,
    muscle_lengths,
    role_switch_flexion_deg,
)
from glutemed.ground_force import StanceConditions, stance_conditions
from glutemed.injuries import InjuryRow, RiskFactorRow, injury_table, risk_factor_table
from glutemed.measure import example_photo, measure_fppa, measure_pelvic_obliquity
from glutemed.pelvic_drop import (
    STRENGTH_RANGE,
    PelvicDropResult,
    QuasiStaticDrop,
    pelvic_drop,
    pelvic_drop_deg,
    quasi_static_drop,
)
from glutemed.risk import Mechanisms, RunnerProfile, evaluate_mechanism, runner_mechanisms
from glutemed.effects import FactorEffects, factor_effects
from glutemed.running import RunningStance, peak_pelvic_drop_deg, running_stance
from glutemed.scaling import mirror_geometry, move_insertion, scale_geometry
from glutemed.statics import ACTIVITIES, SEXES, StanceResult, single_leg_stance
from glutemed.training_load import TrainingLoad, training_load
from glutemed import rehab  # after the models it uses

# Modules the notebooks reach as gm.answers, gm.figures, gm.panels, gm.views. They import
# the model (never the reverse) and pull in Matplotlib and ipywidgets, so they are loaded
# on first use: `import glutemed` itself needs only NumPy.
_LAZY_MODULES = ("answers", "figures", "panels", "views")


def __getattr__(name: str):
    if name in _LAZY_MODULES:
        import importlib

        return importlib.import_module(f"glutemed.{name}")
    raise AttributeError(f"module 'glutemed' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(list(globals()) + list(_LAZY_MODULES))


__version__ = "0.2.0"

__all__ = [
    "ACTIONS",
    "ACTIVITIES",
    "GEOMETRY_NAMES",
    "PORTIONS",
    "SEXES",
    "SIDES",
    "STRENGTH_RANGE",
    "FactorEffects",
    "Geometry",
    "InjuryRow",
    "KneeValgusResult",
    "LegPose",
    "Mechanisms",
    "MomentArms",
    "PelvicDropResult",
    "QuasiStaticDrop",
    "RiskFactorRow",
    "RunnerProfile",
    "RunningStance",
    "StanceConditions",
    "StanceResult",
    "TrainingLoad",
    "action_roles",
    "answers",
    "describe_fppa",
    "evaluate_mechanism",
    "example_photo",
    "factor_effects",
    "figures",
    "frontal_angle_from_vertical_deg",
    "frontal_plane_projection_angle",
    "injury_table",
    "knee_valgus",
    "lines_of_action",
    "load_geometry",
    "measure_fppa",
    "measure_pelvic_obliquity",
    "mirror_geometry",
    "moment_arms",
    "moment_arms_cross_product",
    "move_insertion",
    "muscle_lengths",
    "panels",
    "pelvic_drop",
    "peak_pelvic_drop_deg",
    "pelvic_drop_deg",
    "pose_leg",
    "quasi_static_drop",
    "rehab",
    "risk_factor_table",
    "role_switch_flexion_deg",
    "runner_mechanisms",
    "running_stance",
    "scale_geometry",
    "single_leg_stance",
    "stance_conditions",
    "training_load",
    "views",
]
