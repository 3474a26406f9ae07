"""Units a learner may type after a number, and what each one measures.

:func:`canonical_unit` turns what was typed ("degrees", "x BW", "Nm") into
one spelling; :data:`UNITS` says which quantity that unit measures and how
big it is, so :mod:`~glutemed.answers.checking` can tell "right amount,
other unit" (95 mm for 9.5 cm) from a wrong amount.
"""

from __future__ import annotations

import math
import re

#: canonical unit -> (quantity, size in the quantity's base unit)
UNITS: dict[str, tuple[str, float]] = {
    "deg": ("angle", math.pi / 180), "rad": ("angle", 1.0),
    "%": ("fraction", 0.01),
    "m": ("length", 1.0), "cm": ("length", 0.01), "mm": ("length", 0.001),
    "N": ("force", 1.0), "kN": ("force", 1000.0),
    "N m": ("moment", 1.0),
    "BW": ("body weight", 1.0),
    "kg": ("mass", 1.0),
    "s": ("time", 1.0), "ms": ("time", 0.001),
}


def _plural(*words: str) -> list[str]:
    return [w for word in words for w in (word, word + "s")]


#: what a learner may type (compared case-insensitively, spaces collapsed) -> canonical unit;
#: "" is a bare multiplier ("1.6 x") and counts as no unit; "x BW" is read as "BW"
_ALIASES: dict[str, str] = {
    **dict.fromkeys(["deg", "degs", "°", "º", "˚", *_plural("degree")], "deg"),
    **dict.fromkeys(["rad", "rads", *_plural("radian")], "rad"),
    **dict.fromkeys(["%", "percent", "per cent", "pct"], "%"),
    **dict.fromkeys(["m", *_plural("metre", "meter")], "m"),
    **dict.fromkeys(["cm", *_plural("centimetre", "centimeter")], "cm"),
    **dict.fromkeys(["mm", *_plural("millimetre", "millimeter")], "mm"),
    **dict.fromkeys(["n", *_plural("newton")], "N"),
    **dict.fromkeys(["kn", *_plural("kilonewton")], "kN"),
    **dict.fromkeys(["nm", "n m", "n·m", "n⋅m", "n.m", "n*m", *_plural("newton metre", "newton meter")],
                    "N m"),
    **dict.fromkeys(["bw", *_plural("body weight", "bodyweight")], "BW"),
    **dict.fromkeys(["kg", *_plural("kilogram")], "kg"),
    **dict.fromkeys(["s", "sec", *_plural("second")], "s"),
    **dict.fromkeys(["ms", *_plural("millisecond")], "ms"),
    **dict.fromkeys(["x", "×", "times"], ""),
}


def canonical_unit(text: str) -> str | None:
    """The canonical unit for ``text`` ("degrees" -> "deg", "x BW" -> "BW"), or None if unknown.

    A bare multiplier ("x", "times") gives ``""`` (no unit).

    Examples
    --------
    >>> canonical_unit("Degrees"), canonical_unit("x body weight"), canonical_unit("×"), canonical_unit("feet")
    ('deg', 'BW', '', None)
    """
    key = " ".join(text.casefold().split())
    if key in _ALIASES:
        return _ALIASES[key]
    multiplied = re.sub(r"^(?:x|×|times)\s*", "", key)  # "× body weight", "xBW"
    return _ALIASES.get(multiplied) if multiplied != key else None
