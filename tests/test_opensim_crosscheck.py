"""Cross-check glutemed's lengths and moment arms against OpenSim itself.

What this checks
----------------
For each geometry shipped in ``data/`` the test builds a minimal OpenSim
model with OpenSim's own Python API: a pelvis welded to ground, a femur, a
``CustomJoint`` hip whose ``SpatialTransform`` rotates about z, x and y
(``hip_flexion_r``, ``hip_adduction_r``, ``hip_rotation_r``, as in gait2392
and the Rajagopal models) and the three gluteus medius portions as two-point
``Thelen2003Muscle`` paths (origin on the pelvis, insertion on the femur).
The points and muscle parameters come from :func:`glutemed.load_geometry`, so
both sides start from the same numbers. Over a grid of hip flexion,
adduction and rotation it compares

* OpenSim's ``Muscle.getLength(state)`` with :func:`glutemed.muscle_lengths`;
* OpenSim's ``Muscle.computeMomentArm(state, coordinate)`` for all three hip
  coordinates with :func:`glutemed.moment_arms`. OpenSim reports the moment
  arm of the *adduction* coordinate, so its number is minus glutemed's
  ``"abduction"`` value; flexion and internal rotation share signs.

Why
---
glutemed re-implements the joint kinematics (body-fixed
``Rz(flexion) @ Rx(adduction) @ Ry(rotation)``) and the tendon-excursion
moment arm ``-dL/dq`` in numpy. Its own tests compare it with itself (for
example the cross-product form); only an independent implementation can show
that the rotation order, the axis conventions, the hip-centre offset and the
signs really are OpenSim's. A wrong rotation order or a sign slip would pass
every internal test and fail here.

OpenSim is large (about 280 MB), so when it is missing the tests are
skipped with a visible reason. CI sets ``GLUTEMED_REQUIRE_OPENSIM=1``, which
turns the missing package into a test failure so the cross-check cannot be
skipped silently there.
"""

from __future__ import annotations

import functools
import itertools
import os

import numpy as np
import pytest

import glutemed

_MISSING = "OpenSim is not installed: pip install opensim==4.6 (about 280 MB) to run the cross-check"

GEOMETRIES = ("gait2392", "rajagopal2016", "rajagopal_lai_uhlrich2023")
PORTIONS = ("anterior", "middle", "posterior")
COORDINATES = ("hip_flexion_r", "hip_adduction_r", "hip_rotation_r")

# Pose grid, degrees: 12 flexion x 5 adduction x 3 rotation = 180 poses per geometry.
FLEXION_DEG = np.arange(-20.0, 90.0 + 1e-9, 10.0)
ADDUCTION_DEG = np.arange(-20.0, 20.0 + 1e-9, 10.0)
ROTATION_DEG = np.array([-20.0, 0.0, 20.0])

# Both sides are exact for straight two-point paths: OpenSim's path length is
# the distance between the posed points and its moment arm comes from the
# generalised force of a unit path tension (no finite differences), so the
# only difference is floating-point rounding (about 1e-16 m observed with
# OpenSim 4.6), far below the 1e-6 m tolerance.
TOLERANCE_M = 1e-6

# OpenSim's sign relative to glutemed's action, per coordinate.
_ACTION_OF_COORDINATE = {
    "hip_flexion_r": ("flexion", 1.0),
    "hip_adduction_r": ("abduction", -1.0),  # OpenSim: adduction positive
    "hip_rotation_r": ("internal_rotation", 1.0),
}


def _import_opensim():
    """Import opensim; skip if it is missing, or fail when CI requires it."""
    try:
        return pytest.importorskip("opensim", reason=_MISSING)
    except pytest.skip.Exception:
        if os.environ.get("GLUTEMED_REQUIRE_OPENSIM") == "1":
            pytest.fail(_MISSING + " (GLUTEMED_REQUIRE_OPENSIM=1 requires it)", pytrace=False)
        raise


def _vec3(osim, xyz):
    return osim.Vec3(*(float(v) for v in xyz))


def _owned_by_opensim(function):
    """Hand a new Function to OpenSim: ``TransformAxis.setFunction`` adopts the
    pointer, so Python must not free it as well (that double free segfaults)."""
    function.thisown = False
    return function


def _build_model(osim, geometry):
    """Pelvis welded to ground, femur on a gait2392-style CustomJoint, 3 muscles."""
    model = osim.Model()
    model.setName(f"glutemed_crosscheck_{geometry.name}")
    inertia = osim.Inertia(1e-3, 1e-3, 1e-3)
    pelvis = osim.Body("pelvis", 1.0, osim.Vec3(0), inertia)
    femur = osim.Body("femur_r", 1.0, osim.Vec3(0), inertia)
    model.addBody(pelvis)
    model.addBody(femur)

    zero = osim.Vec3(0)
    model.addJoint(osim.WeldJoint("ground_pelvis", model.getGround(), zero, zero, pelvis, zero, zero))

    transform = osim.SpatialTransform()
    for i, (name, axis) in enumerate(zip(COORDINATES, ((0, 0, 1), (1, 0, 0), (0, 1, 0)))):
        rotation = transform.updTransformAxis(i)
        rotation.setCoordinateNames(osim.ArrayStr(name, 1))
        rotation.setAxis(_vec3(osim, axis))
        rotation.setFunction(_owned_by_opensim(osim.LinearFunction(1.0, 0.0)))
    for i, axis in zip((3, 4, 5), ((1, 0, 0), (0, 1, 0), (0, 0, 1))):
        translation = transform.updTransformAxis(i)
        translation.setAxis(_vec3(osim, axis))
        translation.setFunction(_owned_by_opensim(osim.Constant(0.0)))
    hip = osim.CustomJoint(
        "hip_r", pelvis, _vec3(osim, geometry.hip_centre_m), zero, femur, zero, zero, transform
    )
    model.addJoint(hip)
    for i in range(hip.numCoordinates()):
        coordinate = hip.upd_coordinates(i)
        coordinate.setRangeMin(np.deg2rad(-120.0))
        coordinate.setRangeMax(np.deg2rad(120.0))
        coordinate.setDefaultValue(0.0)
        coordinate.setDefaultLocked(False)
        coordinate.setDefaultClamped(False)

    for i, portion in enumerate(PORTIONS):
        muscle = osim.Thelen2003Muscle(
            f"glut_med_{portion}_r",
            float(geometry.max_isometric_force_n[i]),
            float(geometry.optimal_fibre_length_m[i]),
            float(geometry.tendon_slack_length_m[i]),
            float(geometry.pennation_angle_rad[i]),
        )
        muscle.addNewPathPoint(f"glut_med_{portion}_r-P1", pelvis, _vec3(osim, geometry.origins_m[i]))
        muscle.addNewPathPoint(f"glut_med_{portion}_r-P2", femur, _vec3(osim, geometry.insertions_m[i]))
        model.addForce(muscle)
    model.finalizeConnections()
    return model


@functools.lru_cache(maxsize=None)
def _opensim_sweep(name):
    """OpenSim lengths (P,) and moment arms (P, coordinate) per portion over the grid.

    Returns
    -------
    poses : numpy.ndarray, shape (P, 3)
        Flexion, adduction, rotation in degrees.
    lengths : numpy.ndarray, shape (P, 3)
        Per pose and portion, m.
    arms : numpy.ndarray, shape (P, 3, 3)
        Per pose, portion and coordinate (OpenSim signs), m.
    """
    osim = _import_opensim()
    geometry = glutemed.load_geometry(name)
    model = _build_model(osim, geometry)
    state = model.initSystem()
    coordinates = [model.getCoordinateSet().get(c) for c in COORDINATES]
    muscles = [model.getMuscles().get(f"glut_med_{p}_r") for p in PORTIONS]

    poses = np.array(list(itertools.product(FLEXION_DEG, ADDUCTION_DEG, ROTATION_DEG)))
    lengths = np.empty((len(poses), 3))
    arms = np.empty((len(poses), 3, 3))
    for k, pose in enumerate(poses):
        for coordinate, angle in zip(coordinates, np.deg2rad(pose)):
            coordinate.setValue(state, float(angle), False)
        model.realizePosition(state)
        for i, muscle in enumerate(muscles):
            lengths[k, i] = muscle.getLength(state)
            for j, coordinate in enumerate(coordinates):
                arms[k, i, j] = muscle.computeMomentArm(state, coordinate)
        # the solver must not have moved the pose
        for coordinate, angle in zip(coordinates, np.deg2rad(pose)):
            assert coordinate.getValue(state) == pytest.approx(angle, abs=1e-12)
    return poses, lengths, arms


def _assert_close(what, name, poses, ours, theirs, labels):
    """Fail naming the worst poses/portions/coordinates out of tolerance."""
    error = np.abs(ours - theirs)
    bad = np.argwhere(error > TOLERANCE_M)
    if len(bad) == 0:
        return
    bad = bad[np.argsort(-error[tuple(bad.T)])]  # worst first
    lines = [
        f"{len(bad)} of {ours.size} {what} ({name}) differ from OpenSim by more than "
        f"{TOLERANCE_M:g} m; largest {error.max():.3g} m:"
    ]
    for index in bad[:10]:
        f, a, r = poses[index[0]]
        lines.append(
            f"  {labels(*index[1:])} at flexion {f:+.0f}, adduction {a:+.0f}, rotation {r:+.0f} deg: "
            f"glutemed {ours[tuple(index)]:+.9f} m, OpenSim {theirs[tuple(index)]:+.9f} m"
        )
    if len(bad) > 10:
        lines.append(f"  ... and {len(bad) - 10} more")
    pytest.fail("\n".join(lines), pytrace=False)


@pytest.mark.parametrize("name", GEOMETRIES)
def test_muscle_lengths_match_opensim(name):
    """glutemed.muscle_lengths equals OpenSim's path length at every pose."""
    poses, theirs, _ = _opensim_sweep(name)
    lengths = glutemed.muscle_lengths(poses[:, 0], poses[:, 1], poses[:, 2], geometry=name)
    ours = np.stack([lengths[p] for p in PORTIONS], axis=-1)
    _assert_close("lengths", name, poses, ours, theirs, lambda i: f"{PORTIONS[i]} length")


@pytest.mark.parametrize("name", GEOMETRIES)
def test_moment_arms_match_opensim(name):
    """glutemed.moment_arms equals OpenSim's computeMomentArm for all three coordinates."""
    poses, _, theirs = _opensim_sweep(name)
    arms = glutemed.moment_arms(poses[:, 0], poses[:, 1], poses[:, 2], geometry=name)
    ours = np.empty_like(theirs)
    for i, portion in enumerate(PORTIONS):
        for j, coordinate in enumerate(COORDINATES):
            action, sign = _ACTION_OF_COORDINATE[coordinate]
            ours[:, i, j] = sign * arms[portion][action]
    _assert_close(
        "moment arms", name, poses, ours, theirs,
        lambda i, j: f"{PORTIONS[i]} moment arm about {COORDINATES[j]} (OpenSim sign)",
    )
