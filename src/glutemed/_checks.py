"""Input checks shared by the public functions.

Every public function validates its arguments here so that bad input fails
early with a message naming the parameter and the valid range.
"""

from __future__ import annotations

from collections.abc import Iterable
from numbers import Real

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["as_finite_array", "check_in_range", "check_name", "checked_array", "checked_scalar"]


def as_finite_array(value: ArrayLike, name: str) -> NDArray[np.float64]:
    """Return ``value`` as a float array, rejecting wrong types and NaN/inf.

    Parameters
    ----------
    value : float or array_like of float
        A real number or an array of real numbers.
    name : str
        Parameter name used in error messages.

    Returns
    -------
    numpy.ndarray of float64
        Same shape as ``value``.

    Raises
    ------
    TypeError
        If ``value`` is not real-valued (a string, ``None``, complex, ...).
    ValueError
        If any element is NaN or infinite.

    Examples
    --------
    >>> as_finite_array([0, 10.5], "hip_flexion_deg")
    array([ 0. , 10.5])
    >>> as_finite_array(float("nan"), "hip_flexion_deg")
    Traceback (most recent call last):
    ...
    ValueError: hip_flexion_deg must be a finite number; got nan
    """
    if isinstance(value, (str, bytes)) or value is None or isinstance(value, bool):
        raise TypeError(f"{name} must be a real number or an array of real numbers; got {value!r}")
    if isinstance(value, np.ndarray):
        arr = value
    elif isinstance(value, Real):
        arr = np.asarray(value)
    else:
        try:
            arr = np.asarray(value)
        except (TypeError, ValueError) as exc:  # ragged lists and the like
            raise TypeError(
                f"{name} must be a real number or an array of real numbers; got {value!r}"
            ) from exc
    if arr.dtype.kind not in "iuf":
        raise TypeError(
            f"{name} must be a real number or an array of real numbers; got dtype {arr.dtype}"
        )
    arr = arr.astype(np.float64, copy=False)
    if not np.all(np.isfinite(arr)):
        bad = arr[~np.isfinite(arr)].flat[0]
        raise ValueError(f"{name} must be a finite number; got {bad}")
    return arr


def check_in_range(
    arr: NDArray[np.float64], name: str, low: float, high: float, unit: str = ""
) -> NDArray[np.float64]:
    """Raise ``ValueError`` unless every element of ``arr`` is in ``[low, high]``.

    Parameters
    ----------
    arr : numpy.ndarray
        Values to check (any shape).
    name : str
        Parameter name used in the message.
    low, high : float
        Inclusive bounds.
    unit : str, optional
        Unit appended to the bounds in the message, e.g. ``"deg"``.

    Returns
    -------
    numpy.ndarray
        ``arr`` unchanged, for chaining.

    Examples
    --------
    >>> check_in_range(np.array([5.0]), "hip_adduction_deg", -50, 30, "deg")
    array([5.])
    >>> check_in_range(np.array([45.0]), "hip_adduction_deg", -50, 30, "deg")
    Traceback (most recent call last):
    ...
    ValueError: hip_adduction_deg must be between -50 and 30 deg; got 45
    """
    outside = (arr < low) | (arr > high)
    if np.any(outside):
        bad = arr[outside].flat[0]
        suffix = f" {unit}" if unit else ""
        raise ValueError(f"{name} must be between {low:g} and {high:g}{suffix}; got {bad:g}")
    return arr


def check_name(value: object, name: str, valid: Iterable[str]) -> str:
    """Return ``value`` if it is one of ``valid``, else raise ``ValueError``.

    Examples
    --------
    >>> check_name("middle", "portion", ("anterior", "middle", "posterior"))
    'middle'
    >>> check_name("gluteus", "portion", ("anterior", "middle", "posterior"))
    Traceback (most recent call last):
    ...
    ValueError: portion must be one of 'anterior', 'middle', 'posterior'; got 'gluteus'
    """
    valid = tuple(valid)
    if not isinstance(value, str) or value not in valid:
        options = ", ".join(repr(v) for v in valid)
        raise ValueError(f"{name} must be one of {options}; got {value!r}")
    return value


def checked_array(value: ArrayLike, name: str, bounds: tuple[float, float], unit: str = "") -> NDArray[np.float64]:
    """``value`` as a finite float array within ``bounds`` (inclusive), else an error naming ``name``.

    Examples
    --------
    >>> checked_array(70, "body_mass_kg", (40.0, 150.0), "kg")
    array(70.)
    >>> checked_array(-1, "strength", (0.0, 1.5), "x normative")
    Traceback (most recent call last):
    ...
    ValueError: strength must be between 0 and 1.5 x normative; got -1
    """
    return check_in_range(as_finite_array(value, name), name, bounds[0], bounds[1], unit)


def checked_scalar(value: ArrayLike, name: str, bounds: tuple[float, float], unit: str) -> float:
    """One finite number (not an array) within ``bounds`` (inclusive), else ``ValueError`` naming ``name``.

    Examples
    --------
    >>> checked_scalar(3.0, "speed_m_s", (2.0, 6.0), "m/s")
    3.0
    >>> checked_scalar([3.0, 4.0], "speed_m_s", (2.0, 6.0), "m/s")
    Traceback (most recent call last):
    ...
    ValueError: speed_m_s must be a single number; got shape (2,)
    """
    try:
        arr = as_finite_array(value, name)
    except TypeError as exc:
        raise ValueError(str(exc)) from exc
    if arr.ndim != 0:
        raise ValueError(f"{name} must be a single number; got shape {arr.shape}")
    return float(check_in_range(arr, name, *bounds, unit))
