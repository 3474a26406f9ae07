"""Checks on what a notebook *author* passes (expected values, decimals, units, texts).

A learner's input never comes here (it goes through
:mod:`~glutemed.answers.parsing` and gets a message, not an error). An
author's bad argument raises ``ValueError`` naming the parameter, when the
cell that builds the exercise runs.
"""

from __future__ import annotations

import math
from numbers import Real

import numpy as np


def require_decimals(decimals: object, name: str = "decimals") -> int:
    """``decimals`` as an int between -12 and 12, or ValueError naming ``name``.

    Examples
    --------
    >>> require_decimals(1)
    1
    >>> require_decimals(0.5)
    Traceback (most recent call last):
    ...
    ValueError: decimals must be a whole number of decimal places (e.g. 1); got 0.5
    """
    if isinstance(decimals, bool) or not isinstance(decimals, (int, np.integer)):
        raise ValueError(f"{name} must be a whole number of decimal places (e.g. 1); got {decimals!r}")
    if not -12 <= int(decimals) <= 12:
        raise ValueError(f"{name} must be between -12 and 12; got {decimals}")
    return int(decimals)


def require_finite(value: object, name: str) -> float:
    """``value`` as a finite float, or ValueError naming ``name`` (for authors, not learners).

    Examples
    --------
    >>> require_finite(np.float32(1.5), "expected")
    1.5
    >>> require_finite("far", "expected")
    Traceback (most recent call last):
    ...
    ValueError: expected must be a real number; got 'far'
    """
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, Real):
        raise ValueError(f"{name} must be a real number; got {value!r}")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{name} must be a finite number; got {number}")
    return number


def require_text(value: object, name: str, *, empty_ok: bool = True) -> str:
    """``value`` if it is a str (and, unless ``empty_ok``, not blank), else ValueError naming ``name``.

    Examples
    --------
    >>> require_text("cm", "unit")
    'cm'
    >>> require_text("  ", "prompt", empty_ok=False)
    Traceback (most recent call last):
    ...
    ValueError: prompt must not be empty
    """
    if not isinstance(value, str):
        raise ValueError(f"{name} must be text (a str); got {value!r}")
    if not empty_ok and not value.strip():
        raise ValueError(f"{name} must not be empty")
    return value
