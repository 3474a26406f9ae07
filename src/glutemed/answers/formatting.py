"""Numbers as text for learners: plain notation (``1600``, never ``1.6e+03``), with a unit.

Everything the notebooks and the feedback print goes through
:func:`format_number`, so what a learner reads can be typed back into a
box exactly as shown.
"""

from __future__ import annotations

import numpy as np

from glutemed.answers.arguments import require_decimals, require_finite


def shortest_text(value: float) -> str:
    """The shortest positional text that reads back as ``value`` (no exponent; never ``-0``).

    Examples
    --------
    >>> shortest_text(1.6e3), shortest_text(0.00001), shortest_text(-0.0)
    ('1600', '0.00001', '0')
    """
    text = np.format_float_positional(value, trim="-")
    return "0" if text == "-0" else text


def _with_unit(text: str, unit: str) -> str:
    if not unit:
        return text
    return f"{text}{unit}" if unit == "°" else f"{text} {unit}"


def format_number(value: float, decimals: int | None = None, *, unit: str = "", signed: bool = False) -> str:
    """A number in plain notation, never scientific, with an optional unit.

    Parameters
    ----------
    value : float
        A finite number.
    decimals : int, optional
        Decimal places; negative rounds to tens (-1), hundreds (-2)...
        None gives the shortest text that reads back as ``value``.
    unit : str
        Appended after a space (``°`` without one).
    signed : bool
        Show ``+`` before positive numbers (as the panels' readouts do).

    Returns
    -------
    str
        No thousands separators (they read differently in different
        languages); ASCII minus, so the text can be pasted back into a box;
        never ``-0``.

    Raises
    ------
    ValueError
        If ``value`` is not a finite number or ``decimals`` is not an integer.

    Examples
    --------
    >>> format_number(1642.3, -2, unit="N")
    '1600 N'
    >>> format_number(1.142, 1, signed=True, unit="cm")
    '+1.1 cm'
    >>> format_number(0.00001)
    '0.00001'
    >>> format_number(-0.001, 1)
    '0.0'
    """
    number = require_finite(value, "value")
    if decimals is None:
        text = shortest_text(number)
    else:
        places = require_decimals(decimals)
        rounded = round(number, places)
        text = f"{rounded:.{max(places, 0)}f}"
    if text.startswith("-") and float(text) == 0:
        text = text[1:]
    if signed and not text.startswith("-") and float(text) != 0:
        text = "+" + text
    return _with_unit(text, unit)
