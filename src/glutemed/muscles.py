"""Lines of action, lengths and moment arms of the three gluteus medius portions.

Each portion is one straight line from its origin on the pelvis to its
insertion on the greater trochanter, as in the published models (no
wrapping). For a hip coordinate ``q`` the moment arm is the tendon-excursion
form ``r_q = -dL/dq``; :func:`moment_arms` reports it with abduction, internal
rotation and flexion positive, so an abductor has a positive abduction moment
arm. :func:`moment_arms_cross_product` gives the same numbers from
``(r x f) . axis`` and exists so that the two can be checked against each
other.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import numpy as np
from numpy.typing import ArrayLike, NDArray

from glutemed._checks import check_name
from glutemed.geometry import PORTIONS, Geometry, resolve_geometry
from glutemed.kinematics import hip_angles_rad, to_frontal
from glutemed.rotations import hip_axes, hip_rotation_derivatives, hip_rotation_matrix

__all__ = [
    "ACTIONS",
    "MomentArms",
    "action_roles",
    "frontal_angle_from_vertical_deg",
    "muscle_lengths",
    "lines_of_action",
    "moment_arms",
    "moment_arms_about_axis",
    "moment_arms_cross_product",
    "role_switch_flexion_deg",
]

#: Actions reported by :func:`moment_arms`, each positive in the named direction.
ACTIONS: tuple[str, str, str] = ("abduction", "internal_rotation", "flexion")

# library sign for each action relative to -dL/dq of the coordinate
# (flexion, adduction, internal rotation): abduction = -(adduction)
_ACTION_SIGN = np.array([1.0, -1.0, 1.0])  # per coordinate: flexion, adduction, rotation
_ACTION_OF_COORD = ("flexion", "abduction", "internal_rotation")


class MomentArms(Mapping[str, Mapping[str, NDArray[np.float64]]]):
    """Moment arms indexed as ``result[portion][action]``, metres.

    ``portion`` is ``"anterior"``, ``"middle"`` or ``"posterior"``; ``action``
    is ``"abduction"``, ``"internal_rotation"`` or ``"flexion"``, each
    positive in the named direction. Values have the broadcast shape of the
    angles (a NumPy scalar for scalar angles). ``as_array()`` returns all of
    them as one array of shape ``S + (3 portions, 3 actions)``.
    """

    def __init__(self, values: NDArray[np.float64]):
        # values: S + (3 portions, 3 actions in ACTIONS order)
        self._values = values

    def __getitem__(self, portion: str) -> Mapping[str, NDArray[np.float64]]:
        check_name(portion, "portion", PORTIONS)
        i = PORTIONS.index(portion)
        return {a: self._values[..., i, j][()] for j, a in enumerate(ACTIONS)}

    def __iter__(self) -> Iterator[str]:
        return iter(PORTIONS)

    def __len__(self) -> int:
        return len(PORTIONS)

    def as_array(self) -> NDArray[np.float64]:
        """All moment arms, shape ``S + (3, 3)``: portions by actions (m)."""
        return self._values

    def __repr__(self) -> str:
        if self._values.ndim == 2:
            rows = [f"{p:>9}: " + ", ".join(f"{a} {v * 100:+.2f} cm" for a, v in zip(ACTIONS, row))
                    for p, row in zip(PORTIONS, self._values)]
            return "MomentArms(\n" + "\n".join(rows) + "\n)"
        return f"MomentArms(shape={self._values.shape[:-2]})"


def _paths(g: Geometry, rot: NDArray[np.float64]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Hip-to-insertion vectors and origin-minus-insertion vectors, ``S + (3, 3)``."""
    r = np.einsum("...ij,kj->...ki", rot, g.insertions_m)  # hip centre -> insertion
    to_origin = g.origins_m - (g.hip_centre_m + r)  # insertion -> origin
    return r, to_origin


def muscle_lengths(
    hip_flexion_deg: ArrayLike = 0.0,
    hip_adduction_deg: ArrayLike = 0.0,
    hip_rotation_deg: ArrayLike = 0.0,
    geometry: Geometry | str | None = None,
) -> dict[str, NDArray[np.float64]]:
    """Origin-to-insertion length of each portion, metres.

    Parameters
    ----------
    hip_flexion_deg, hip_adduction_deg, hip_rotation_deg : float or array_like
        Hip angles, degrees; they broadcast.
    geometry : Geometry, str or None
        Default gait2392.

    Returns
    -------
    dict of str to numpy.ndarray
        ``{"anterior": L, "middle": L, "posterior": L}``, broadcast shape.

    Examples
    --------
    Adducting the hip stretches every portion:

    >>> L = muscle_lengths(hip_adduction_deg=[0.0, 10.0])
    >>> bool(np.all(np.diff(L["middle"]) > 0))
    True
    """
    g = resolve_geometry(geometry)
    f, a, r = hip_angles_rad(hip_flexion_deg, hip_adduction_deg, hip_rotation_deg, g)
    _, to_origin = _paths(g, hip_rotation_matrix(f, a, r, g.side))
    lengths = np.linalg.norm(to_origin, axis=-1)
    return {p: lengths[..., i][()] for i, p in enumerate(PORTIONS)}


def lines_of_action(
    hip_flexion_deg: ArrayLike = 0.0,
    hip_adduction_deg: ArrayLike = 0.0,
    hip_rotation_deg: ArrayLike = 0.0,
    geometry: Geometry | str | None = None,
) -> dict[str, NDArray[np.float64]]:
    """Unit vector of each portion's pull on the femur, in the pelvis frame.

    The force a portion applies to the femur acts at the insertion and points
    from the insertion toward the origin.

    Returns
    -------
    dict of str to numpy.ndarray, shape ``S + (3,)``
        One unit vector per portion.

    Examples
    --------
    At neutral the middle portion pulls mostly upward (+y):

    >>> u = lines_of_action()["middle"]
    >>> bool(u[1] > 0.85), round(float(np.linalg.norm(u)), 12)
    (True, 1.0)
    """
    g = resolve_geometry(geometry)
    f, a, r = hip_angles_rad(hip_flexion_deg, hip_adduction_deg, hip_rotation_deg, g)
    _, to_origin = _paths(g, hip_rotation_matrix(f, a, r, g.side))
    unit = to_origin / np.linalg.norm(to_origin, axis=-1, keepdims=True)
    return {p: unit[..., i, :] for i, p in enumerate(PORTIONS)}


def _moment_arms_array(f, a, r, g: Geometry) -> NDArray[np.float64]:
    """-dL/dq by the product rule, in library signs; shape ``S + (3, 3)``."""
    rot = hip_rotation_matrix(f, a, r, g.side)
    _, to_origin = _paths(g, rot)
    unit_to_insertion = -to_origin / np.linalg.norm(to_origin, axis=-1, keepdims=True)
    d_rot = hip_rotation_derivatives(f, a, r, g.side)  # (3 coords) + S + (3, 3)
    d_insertion = np.einsum("c...ij,kj->c...ki", d_rot, g.insertions_m)  # dP_ins/dq
    dl_dq = np.einsum("...ki,c...ki->...kc", unit_to_insertion, d_insertion)  # S + (portion, coord)
    by_coord = -dl_dq * _ACTION_SIGN
    order = [_ACTION_OF_COORD.index(a_) for a_ in ACTIONS]
    return by_coord[..., order]


def moment_arms(
    hip_flexion_deg: ArrayLike = 0.0,
    hip_adduction_deg: ArrayLike = 0.0,
    hip_rotation_deg: ArrayLike = 0.0,
    geometry: Geometry | str | None = None,
) -> MomentArms:
    """Moment arms of the three portions about the three hip axes, metres.

    Computed as ``-dL/dq`` (tendon excursion) with the derivative of the
    posed insertion taken analytically. Signs: abduction, internal rotation
    and flexion positive. (OpenSim reports the adduction coordinate, so its
    abduction numbers have the opposite sign.)

    Parameters
    ----------
    hip_flexion_deg, hip_adduction_deg, hip_rotation_deg : float or array_like
        Hip angles, degrees (positive = flexion, adduction, internal
        rotation), within the model's ranges; arrays broadcast.
    geometry : Geometry, str or None
        Default ``"gait2392"`` (unscaled, right side).

    Returns
    -------
    MomentArms
        ``result[portion][action]`` with portion in ``anterior``, ``middle``,
        ``posterior`` and action in ``abduction``, ``internal_rotation``,
        ``flexion``.

    Raises
    ------
    TypeError
        For a non-numeric angle or a wrong ``geometry`` type.
    ValueError
        For NaN, inf, an angle outside the model's range or an unknown
        geometry name.

    Examples
    --------
    Every portion abducts at neutral (gait2392, cm):

    >>> ma = moment_arms()
    >>> [round(float(ma[p]["abduction"]) * 100, 1) for p in ("anterior", "middle", "posterior")]
    [4.8, 4.4, 3.5]
    >>> moment_arms(hip_flexion_deg=[0, 30, 60])["posterior"]["flexion"].shape
    (3,)
    """
    g = resolve_geometry(geometry)
    f, a, r = hip_angles_rad(hip_flexion_deg, hip_adduction_deg, hip_rotation_deg, g)
    return MomentArms(_moment_arms_array(f, a, r, g))


def moment_arms_cross_product(
    hip_flexion_deg: ArrayLike = 0.0,
    hip_adduction_deg: ArrayLike = 0.0,
    hip_rotation_deg: ArrayLike = 0.0,
    geometry: Geometry | str | None = None,
) -> MomentArms:
    """Moment arms from ``(r x f) . axis``: the statics view of :func:`moment_arms`.

    ``r`` runs from the hip centre to the insertion, ``f`` is the unit pull on
    the femur (toward the origin) and ``axis`` is the coordinate's joint axis
    in the current pose. The result must equal :func:`moment_arms`.

    Examples
    --------
    >>> a = moment_arms(20, -5, 10).as_array()
    >>> b = moment_arms_cross_product(20, -5, 10).as_array()
    >>> bool(np.allclose(a, b, atol=1e-12))
    True
    """
    g = resolve_geometry(geometry)
    f, a, r = hip_angles_rad(hip_flexion_deg, hip_adduction_deg, hip_rotation_deg, g)
    rot = hip_rotation_matrix(f, a, r, g.side)
    r_vec, to_origin = _paths(g, rot)
    unit = to_origin / np.linalg.norm(to_origin, axis=-1, keepdims=True)
    moment = np.cross(r_vec, unit)  # S + (3 portions, 3)
    axes = hip_axes(f, a, r, g.side)  # (3 coords) + S + (3,)
    by_coord = np.einsum("...ki,c...i->...kc", moment, axes) * _ACTION_SIGN
    order = [_ACTION_OF_COORD.index(a_) for a_ in ACTIONS]
    return MomentArms(by_coord[..., order])


def moment_arms_about_axis(
    axis: ArrayLike,
    hip_flexion_deg: ArrayLike = 0.0,
    hip_adduction_deg: ArrayLike = 0.0,
    hip_rotation_deg: ArrayLike = 0.0,
    geometry: Geometry | str | None = None,
) -> NDArray[np.float64]:
    """Each portion's moment arm about an axis fixed in the pelvis, m: ``(r x f) . axis``.

    ``r`` runs from the hip centre to the insertion and ``f`` is the unit pull
    on the femur (toward the origin), as in :func:`moment_arms_cross_product`.
    Positive: the portion's pull turns the femur about ``+axis`` (right-hand
    rule), which is the same as turning the pelvis about ``-axis`` on a fixed
    femur. For the hip's own abduction axis this is the abduction moment arm.

    Parameters
    ----------
    axis : array_like, shape (3,)
        A direction in the pelvis frame (normalised here; must not be zero).
    hip_flexion_deg, hip_adduction_deg, hip_rotation_deg : float or array_like
        Hip angles, degrees.

    Returns
    -------
    numpy.ndarray, shape ``S + (3,)``
        Anterior, middle, posterior, m.

    Examples
    --------
    Abducting the right femur turns it about the pelvis's backward axis (-x), so
    at neutral the arms about -x are the abduction arms:

    >>> a = moment_arms_about_axis([-1.0, 0.0, 0.0])
    >>> bool(np.allclose(a, moment_arms().as_array()[:, 0]))
    True
    """
    u = np.asarray(axis, dtype=np.float64)
    norm = float(np.linalg.norm(u)) if u.shape == (3,) else 0.0
    if not np.isfinite(norm) or norm == 0.0:
        raise ValueError("axis must be a finite, non-zero 3-vector in the pelvis frame")
    g = resolve_geometry(geometry)
    f, a, r = hip_angles_rad(hip_flexion_deg, hip_adduction_deg, hip_rotation_deg, g)
    r_vec, to_origin = _paths(g, hip_rotation_matrix(f, a, r, g.side))
    unit = to_origin / np.linalg.norm(to_origin, axis=-1, keepdims=True)
    return np.einsum("...ki,i->...k", np.cross(r_vec, unit), u / norm)


def role_switch_flexion_deg(
    portion: str,
    action: str,
    geometry: Geometry | str | None = None,
    hip_adduction_deg: float = 0.0,
    hip_rotation_deg: float = 0.0,
) -> float:
    """Hip flexion angle at which a portion's moment arm changes sign (its role switches).

    Sweeps hip flexion over the valid range in 0.1 degree steps and
    interpolates the first zero crossing linearly.

    Parameters
    ----------
    portion : {"anterior", "middle", "posterior"}
    action : {"abduction", "internal_rotation", "flexion"}
    geometry : Geometry, str or None
        Default gait2392.
    hip_adduction_deg, hip_rotation_deg : float
        The other two hip angles, held fixed, degrees.

    Returns
    -------
    float
        Flexion in degrees, or ``nan`` when the sign never changes in range.

    Examples
    --------
    The anterior portion turns from extensor to flexor at about 45 degrees
    of hip flexion in gait2392:

    >>> round(role_switch_flexion_deg("anterior", "flexion"))
    45
    """
    check_name(portion, "portion", PORTIONS)
    check_name(action, "action", ACTIONS)
    g = resolve_geometry(geometry)
    lo, hi = g.range_deg("hip_flexion")
    flexion = np.linspace(lo, hi, int(round((hi - lo) * 10)) + 1)
    values = moment_arms(flexion, hip_adduction_deg, hip_rotation_deg, geometry=g)[portion][action]
    change = np.nonzero(np.signbit(values[:-1]) != np.signbit(values[1:]))[0]
    if change.size == 0:
        return float("nan")
    i = change[0]
    return float(flexion[i] - values[i] * (flexion[i + 1] - flexion[i]) / (values[i + 1] - values[i]))


#: Words for each action's positive and negative sign.
_ROLE_WORDS: tuple[tuple[str, str], ...] = (("abductor", "adductor"), ("internal rotator", "external rotator"),
                                             ("flexor", "extensor"))


def action_roles(moment_arms_m: ArrayLike) -> list[str]:
    """The roles implied by one portion's ``(abduction, internal_rotation, flexion)`` moment arms.

    Parameters
    ----------
    moment_arms_m : array_like, shape (3,)
        Moment arms in :data:`ACTIONS` order, m (one row of ``MomentArms.as_array()``).

    Returns
    -------
    list of str
        One word per action: a positive moment arm makes the muscle an
        abductor, internal rotator, flexor; a negative one the opposite.

    Examples
    --------
    >>> action_roles([0.05, -0.02, 0.01])
    ['abductor', 'external rotator', 'flexor']
    """
    values = np.asarray(moment_arms_m, dtype=np.float64)
    if values.shape != (len(ACTIONS),):
        raise ValueError(f"moment_arms_m must have shape (3,) in the order {', '.join(ACTIONS)}; got {values.shape}")
    return [pos if v >= 0 else neg for v, (pos, neg) in zip(values, _ROLE_WORDS)]


def frontal_angle_from_vertical_deg(
    hip_flexion_deg: ArrayLike = 0.0,
    hip_adduction_deg: ArrayLike = 0.0,
    hip_rotation_deg: ArrayLike = 0.0,
    geometry: Geometry | str | None = None,
) -> dict[str, NDArray[np.float64]]:
    """How far each portion's line of action leans from vertical, seen from behind, degrees.

    The angle of the pull on the femur (toward the origin) in the frontal
    plane, positive when it leans toward the midline.

    Examples
    --------
    >>> angles = frontal_angle_from_vertical_deg()
    >>> min(angles, key=angles.get)  # the most nearly vertical portion at neutral
    'anterior'
    """
    g = resolve_geometry(geometry)
    lines = lines_of_action(hip_flexion_deg, hip_adduction_deg, hip_rotation_deg, geometry=g)
    out = {}
    for portion, unit in lines.items():
        medial, up = np.moveaxis(to_frontal(unit, g.side), -1, 0)
        out[portion] = np.degrees(np.arctan2(medial, up))[()]
    return out
