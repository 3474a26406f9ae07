"""Answers, checks and predictions in the notebooks, for learners who code and who do not.

Everything a learner types (in a code cell or in a box) goes through
:func:`parse_number`; whatever they type, they get a message, never a
traceback. Everything a notebook *author* passes (the expected value, the
number of decimals, a unit) is checked, and a bad value raises
``ValueError`` naming the parameter.

Public functions
----------------
:func:`parse_number`
    Read a number the way a learner types it: ``"8,0"``, ``"8°"``,
    ``"-1.1 cm"``, ``"1 600"``, ``"12 %"``.
:func:`check`
    Judge a numeric answer at the precision the notebook displays, and name
    the likely slip (sign, units, fraction vs %, radians, rounding).
:func:`answer_box`
    The no-code path: a text box, a *Check my answer* button and a feedback line.
:func:`choice_question`
    A conceptual or clinical multiple-choice question with feedback on each
    option.
:func:`predict`
    Predict, commit, reveal: the model's answer appears only after the
    learner has locked in a prediction.
:func:`show_table`
    A tidy table (HTML in Jupyter, aligned text elsewhere) in one line.
:func:`format_number`
    Plain notation for numbers: ``1600``, never ``1.6e+03``.

How an answer is judged
-----------------------
The notebook shows a value at some precision: ``decimals`` decimal places
(negative: rounded to tens, hundreds...). An answer is accepted when it is
within half a display unit of the exact value, or equal to the displayed
(rounded) value, or equal to ``shown`` (the text the notebook prints). So if
the exact value is 9.50 and the notebook prints it with no decimals, both 9
and 10 are accepted, and so is 9.5. Without ``decimals`` or ``shown`` the
display precision is two significant figures of the expected value.

Presentation mode
-----------------
When the environment variable ``GLUTEMED_PRESENT`` is ``1`` (``make present``
sets it), :data:`PRESENTING` is true: the widgets show their prompts and
controls but not the instructions to the learner or the idle "not answered
yet" lines, and ``check(None, ...)`` shows nothing. Set
``glutemed.answers.PRESENTING`` directly to switch it in a running kernel;
widgets read it when they are built.

Examples
--------
>>> check("9 deg", 9.50, decimals=0, unit="deg")
Correct: 9 deg. The model gives 9.5 deg.
>>> check(0.5, 50.0, unit="%")
Not yet: your answer is 100 times too small. It looks like a fraction, and this answer is a percentage (0.5 is 50 %).
"""

from __future__ import annotations

import html
import math
import os
import re
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from numbers import Real
from typing import ClassVar

import ipywidgets as widgets
import numpy as np

__all__ = [
    "PRESENTING",
    "AnswerBox",
    "AnswerError",
    "ChoiceQuestion",
    "Feedback",
    "Prediction",
    "Table",
    "answer_box",
    "check",
    "choice_question",
    "format_number",
    "parse_number",
    "predict",
    "show_table",
]


# --------------------------------------------------------------------------------------------
# Presentation mode
# --------------------------------------------------------------------------------------------

#: Name of the environment variable that turns presentation mode on.
PRESENT_ENV = "GLUTEMED_PRESENT"

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"", "0", "false", "no", "off"})


def presenting_from_env(environ: Mapping[str, str] | None = None) -> bool:
    """Whether ``GLUTEMED_PRESENT`` asks for presentation mode.

    ``1``, ``true``, ``yes`` or ``on`` (any case) turn it on; unset, empty,
    ``0``, ``false``, ``no`` or ``off`` leave it off. Any other value warns
    and leaves it off.

    Parameters
    ----------
    environ : mapping, optional
        The environment to read; default ``os.environ``.

    Examples
    --------
    >>> presenting_from_env({"GLUTEMED_PRESENT": "1"})
    True
    >>> presenting_from_env({})
    False
    """
    raw = (os.environ if environ is None else environ).get(PRESENT_ENV, "")
    value = raw.strip().casefold()
    if value in _TRUE:
        return True
    if value not in _FALSE:
        warnings.warn(f"{PRESENT_ENV}={raw!r} is not understood; use 1 (present) or 0 (teach). "
                      "Presentation mode is off.", stacklevel=2)
    return False


#: True in presentation mode (``GLUTEMED_PRESENT=1``): widgets leave out the learner's
#: instructions and "not answered yet" lines. Read when a widget is built or a check runs.
PRESENTING: bool = presenting_from_env()


# --------------------------------------------------------------------------------------------
# Units a learner may type after a number
# --------------------------------------------------------------------------------------------

#: canonical unit -> (quantity, size in the quantity's base unit)
_UNITS: dict[str, tuple[str, float]] = {
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


def _canonical_unit(text: str) -> str | None:
    """The canonical unit for ``text`` ("degrees" -> "deg", "x BW" -> "BW"), or None if unknown."""
    key = " ".join(text.casefold().split())
    if key in _ALIASES:
        return _ALIASES[key]
    multiplied = re.sub(r"^(?:x|×|times)\s*", "", key)  # "× body weight", "xBW"
    return _ALIASES.get(multiplied) if multiplied != key else None


# --------------------------------------------------------------------------------------------
# parse_number
# --------------------------------------------------------------------------------------------


class AnswerError(ValueError):
    """A learner's answer could not be read; the message says how to type it.

    Examples
    --------
    >>> try:
    ...     parse_number("eight")
    ... except AnswerError as err:
    ...     print(err)
    Type the number in digits, e.g. 8 or 4.5 (words cannot be checked).
    """


@dataclass(frozen=True)
class _Reading:
    """A parsed answer: its value, the unit typed (canonical, None if none) and its decimals."""

    value: float
    unit: str | None
    decimals: int | None  # decimal places as typed; None for e-notation


#: typographic minus signs and dashes -> "-"; no-break and thin spaces -> " "
_NORMALISE = str.maketrans({"\u2212": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\ufe63": "-",
                         "\uff0d": "-", "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ",
                         "\t": " "})
_APPROX = re.compile(r"^(?:~|≈|about\b|approx\.?|approximately\b|around\b|roughly\b)\s*", re.I)
_NUMBER = re.compile(r"""
    (?P<sign>[+-]?)\s*
    (?P<core>(?:[.,](?=\d))?\d(?:[\d.,]|[ ](?=\d))*)
    (?P<exp>e[+-]?\d+)?
    (?P<rest>.*)
""", re.X | re.I | re.S)
_NOT_FINITE = frozenset({"nan", "inf", "infinity", "-inf", "+inf", "-infinity", "+infinity", "∞", "-∞"})
_NOTHING = frozenset({"none", "null", "?", "-", "—"})
_MAX_LENGTH = 60


def _numbers_in(text: str) -> list[str]:
    return re.findall(r"\d+(?:[.,]\d+)?", text)


def _more_than_one(text: str) -> AnswerError:
    found = ", ".join(_numbers_in(text)[:4])
    return AnswerError(f"Give one number: I can see more than one ({found}). "
                       "If you are unsure, type the one you think is closest.")


def _without_spaces(core: str) -> str:
    """Remove thin/ordinary spaces that group thousands (``1 600``); other spaces mean two numbers."""
    if " " not in core:
        return core
    if re.fullmatch(r"\d{1,3}(?: \d{3})+(?:[.,]\d+)?", core):
        return core.replace(" ", "")
    raise _more_than_one(core)


def _plain_digits(core: str) -> str:
    """``core`` (digits with ``.``/``,`` marks) as ``digits[.digits]``, or AnswerError.

    Rules: a lone ``.`` is a decimal point; a lone ``,`` is a decimal comma,
    except ``1,600`` (one to three digits not starting with 0, a comma, three
    digits), which is ambiguous and refused. Repeated marks in groups of three
    are thousands separators. With both marks, the last is the decimal mark.
    """
    dots, commas = core.count("."), core.count(",")
    if dots + commas == 0:
        return core
    if dots and commas:
        decimal_mark = "." if core.rfind(".") > core.rfind(",") else ","
        thousands = "," if decimal_mark == "." else "."
        whole, _, fraction = core.rpartition(decimal_mark)
        if not re.fullmatch(rf"\d{{1,3}}(?:{re.escape(thousands)}\d{{3}})+", whole) or not fraction.isdigit():
            raise AnswerError(f"I cannot tell which mark is the decimal point in {core!r}. "
                              "Type the number without thousands separators, e.g. 1600.5.")
        return f"{whole.replace(thousands, '')}.{fraction}"
    mark = "." if dots else ","
    if core.count(mark) > 1:
        if re.fullmatch(rf"\d{{1,3}}(?:{re.escape(mark)}\d{{3}})+", core):
            return core.replace(mark, "")
        raise _more_than_one(core) if mark == "," else AnswerError(
            f"{core!r} has more than one decimal point: type a number such as 4.5.")
    if mark == "," and re.fullmatch(r"[1-9]\d{0,2},\d{3}", core):
        whole, fraction = core.split(",")
        raise AnswerError(f"{core!r} is ambiguous: it could be {whole}{fraction} (comma between thousands) "
                          f"or {whole}.{fraction} (decimal comma). Type {whole}{fraction} or {whole}.{fraction}.")
    whole, fraction = core.split(mark)
    return f"{whole or '0'}.{fraction}"


def _read_unit(rest: str, number: str) -> str | None:
    """The canonical unit written after the number (None if none), or AnswerError."""
    rest = rest.strip().removesuffix(".").strip()
    if not rest:
        return None
    if re.search(r"\d", rest):
        if rest.startswith("/"):
            raise AnswerError("Type a fraction as a decimal, e.g. 1/2 as 0.5.")
        if rest.startswith("±") or rest.startswith("+/-"):
            raise AnswerError("Give one number, without ± and an uncertainty.")
        if re.match(r"^[x×*]\s*10", rest):
            raise AnswerError("Type the number out in full, e.g. 1600 (or 1.6e3), not with × 10.")
        raise _more_than_one(number + rest)
    unit = _canonical_unit(rest)
    if unit is None:
        raise AnswerError(f"I can read the number {number} but not {rest!r} after it. "
                          "Type just the number (a unit such as cm or deg is optional).")
    return unit or None


def _unreadable_start(text: str) -> AnswerError:
    """The message for text that does not start with a number."""
    folded = text.casefold().replace(" ", "")
    if folded in _NOTHING:
        return AnswerError("Type a number first.")
    if folded in _NOT_FINITE:
        return AnswerError(f"{text.strip()!r} is not a finite number: type an ordinary number such as 4.5.")
    if not re.search(r"\d", text):
        return AnswerError("Type the number in digits, e.g. 8 or 4.5 (words cannot be checked).")
    if text.lstrip()[:1] in "[({":
        return AnswerError("Type one number, without brackets, e.g. 4.5.")
    return AnswerError("Start with the number, e.g. 4.5 or 4.5 cm.")


def _read_text(text: str) -> _Reading:
    """Parse what a learner typed; see :func:`parse_number` for the rules."""
    text = text.translate(_NORMALISE).strip()
    if not text:
        raise AnswerError("Type a number first.")
    if len(text) > _MAX_LENGTH:
        raise AnswerError("That is too long for one number: type just the number, e.g. 4.5.")
    body = _APPROX.sub("", text)
    match = _NUMBER.match(body)
    if match is None:
        raise _unreadable_start(body)
    core = _plain_digits(_without_spaces(match["core"].rstrip(".,") or match["core"]))
    exp = match["exp"] or ""
    unit = _read_unit(match["rest"], match["core"])
    value = float(f"{match['sign']}{core}{exp}")
    if not math.isfinite(value):
        raise AnswerError(f"{text!r} is too large to be a finite number: type an ordinary number such as 4.5.")
    decimals = None if exp else len(core.partition(".")[2])
    return _Reading(value, unit, decimals)


def _shortest(value: float) -> str:
    """The shortest positional text that reads back as ``value`` (no exponent)."""
    text = np.format_float_positional(value, trim="-")
    return "0" if text == "-0" else text


def _read_number(value: object) -> _Reading:
    """A number passed directly (int, float, NumPy scalar or 0-d array)."""
    if isinstance(value, np.ndarray):
        value = value[()]
    try:
        number = float(value)  # type: ignore[arg-type]
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        raise AnswerError(f"Your answer is {number}, not a finite number. "
                          "Check the calculation, or type an ordinary number such as 4.5.")
    return _Reading(number, None, len(_shortest(number).partition(".")[2]))


def _read(answer: object) -> _Reading:
    """Read any answer a learner can give, or raise AnswerError (nothing else)."""
    if answer is None:
        raise AnswerError("Type a number first.")
    if isinstance(answer, (bool, np.bool_)):
        raise AnswerError(f"{answer} is not a number: give the number itself, e.g. 4.5.")
    if isinstance(answer, str):
        return _read_text(answer)
    if isinstance(answer, Real) or (isinstance(answer, np.ndarray) and answer.ndim == 0
                                    and answer.dtype.kind in "iuf"):
        return _read_number(answer)
    if isinstance(answer, (np.ndarray, list, tuple, set, frozenset, dict, range)):
        size = np.size(answer) if isinstance(answer, np.ndarray) else len(answer)
        kind = "an array" if isinstance(answer, np.ndarray) else f"a {type(answer).__name__}"
        raise AnswerError(f"Your answer is {kind} of {size} values; give just one number, "
                          "e.g. float(answer[0]) for the first.")
    raise AnswerError(f"Your answer is a {type(answer).__name__}, not a number: give the number itself, e.g. 4.5.")


def parse_number(text: object) -> float:
    """Read a number the way a learner types it; explain what to type if it cannot be read.

    Parameters
    ----------
    text : str, int or float
        What the learner typed, or a number they computed. Rules for text:

        * Spaces around the number, a leading ``+`` or ``-`` (also the
          typographic minus ``−`` or a dash), and ``~``, ``≈`` or ``about``
          before it are fine.
        * A unit after the number is fine if it is one of deg/degrees/°,
          rad, %, m, cm, mm, N, kN, N m, BW (or ``x BW``, body weights), kg,
          s, ms, or a bare ``x``; it is not converted (:func:`check` compares
          it with the unit asked for).
        * Decimal mark: ``.`` always, ``,`` too (``8,0`` is 8.0), except
          that one comma followed by exactly three digits after one to three
          digits (``1,600``) is ambiguous between 1600 and 1.6 and is refused
          with both readings in the message. ``0,125`` is a decimal comma.
        * Thousands: groups of three separated by spaces (``1 600``), by
          repeated commas (``1,600,000``) or repeated dots (``1.600.000``), or
          mixed with the other mark as the decimal (``1,600.5``, ``1.600,5``).
        * ``1.6e3`` is read as 1600.

    Returns
    -------
    float
        The number (a finite float).

    Raises
    ------
    AnswerError
        A subclass of ``ValueError`` whose message tells the learner what to
        type: for empty text or ``None`` ("Type a number first."), words,
        NaN or infinity, two numbers (``8 or 9``, ``8-9``), lists, brackets,
        fractions, unknown units and ambiguous commas.

    Examples
    --------
    >>> [parse_number(t) for t in ["8", "8,0", "  8 deg", "8°", "-1.1 cm", "+1.1", "1 600", "12 %"]]
    [8.0, 8.0, 8.0, 8.0, -1.1, 1.1, 1600.0, 12.0]
    >>> parse_number(4.41)
    4.41
    >>> parse_number("8 or 9")
    Traceback (most recent call last):
    ...
    glutemed.answers.AnswerError: Give one number: I can see more than one (8, 9). If you are unsure, type the one you think is closest.
    >>> parse_number("1,600")
    Traceback (most recent call last):
    ...
    glutemed.answers.AnswerError: '1,600' is ambiguous: it could be 1600 (comma between thousands) or 1.600 (decimal comma). Type 1600 or 1.600.
    """
    return _read(text).value


# --------------------------------------------------------------------------------------------
# format_number
# --------------------------------------------------------------------------------------------


def _check_decimals(decimals: object, name: str = "decimals") -> int:
    if isinstance(decimals, bool) or not isinstance(decimals, (int, np.integer)):
        raise ValueError(f"{name} must be a whole number of decimal places (e.g. 1); got {decimals!r}")
    if not -12 <= int(decimals) <= 12:
        raise ValueError(f"{name} must be between -12 and 12; got {decimals}")
    return int(decimals)


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
    number = _finite(value, "value")
    if decimals is None:
        text = _shortest(number)
    else:
        places = _check_decimals(decimals)
        rounded = round(number, places)
        text = f"{rounded:.{max(places, 0)}f}"
    if text.startswith("-") and float(text) == 0:
        text = text[1:]
    if signed and not text.startswith("-") and float(text) != 0:
        text = "+" + text
    return _with_unit(text, unit)


def _finite(value: object, name: str) -> float:
    """``value`` as a finite float, or ValueError naming ``name`` (for authors, not learners)."""
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, Real):
        raise ValueError(f"{name} must be a real number; got {value!r}")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{name} must be a finite number; got {number}")
    return number


def _text(value: object, name: str, *, empty_ok: bool = True) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{name} must be text (a str); got {value!r}")
    if not empty_ok and not value.strip():
        raise ValueError(f"{name} must not be empty")
    return value


# --------------------------------------------------------------------------------------------
# check
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class Feedback:
    """The verdict on an answer: shown in a notebook as its message only.

    Attributes
    ----------
    correct : bool
        Whether the answer is accepted.
    message : str
        What the learner reads (plain text).
    slip : str or None
        The likely slip, for tests and authors: ``"unanswered"``,
        ``"unreadable"``, ``"unit"``, ``"sign"``, ``"percent"``,
        ``"factor_10"``, ``"factor_100"``, ``"factor_1000"``, ``"radians"``,
        ``"rounding"``, ``"choice"`` (a wrong option), or None (correct, or
        no particular slip).

    Examples
    --------
    >>> feedback = check(4.41, 4.4, unit="cm")
    >>> feedback.correct, feedback.slip
    (True, None)
    >>> feedback
    Correct: 4.41 cm. The model gives 4.4 cm.
    """

    correct: bool
    message: str
    slip: str | None = None

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        # the repr is the message, so a notebook cell (and a doctest) shows only the message
        return self.message

    def _repr_html_(self) -> str:
        return _feedback_html(self)


#: colour-blind-safe accents (Okabe-Ito); the words "Correct"/"Not yet" carry the meaning too
_ACCENT = {True: "#009E73", False: "#E69F00", None: "#999999"}


def _feedback_html(feedback: Feedback) -> str:
    if not feedback.message:
        return ""
    state = None if feedback.slip == "unanswered" else feedback.correct
    return (f"<p class='glutemed-feedback' style='border-left:4px solid {_ACCENT[state]};"
            f"padding:0.2em 0.6em;margin:0.3em 0'>{html.escape(feedback.message)}</p>")


@dataclass(frozen=True)
class _Target:
    """The expected value and how it is displayed (validated author input)."""

    value: float
    decimals: int
    unit: str
    shown: float | None = None

    @property
    def half_unit(self) -> float:
        """Half a display unit: the rounding window either side of the value."""
        return 0.5 * 10.0 ** (-self.decimals)

    def accepts(self, answer: float) -> bool:
        """Within half a display unit, or equal to the displayed or the ``shown`` value."""
        slack = 1e-13 * max(1.0, abs(self.value))  # float rounding only, far below any display unit
        if abs(answer - self.value) <= self.half_unit + slack:
            return True
        targets = [round(self.value, self.decimals)] + ([self.shown] if self.shown is not None else [])
        return any(abs(answer - t) <= slack for t in targets)

    def show(self, value: float, decimals: int | None = None) -> str:
        return format_number(value, decimals, unit=self.unit)


def _default_decimals(value: float) -> int:
    """Two significant figures: the decimals at which ``value`` shows two digits (2 for zero)."""
    if value == 0:
        return 2
    return 1 - math.floor(math.log10(abs(value)))


def _read_shown(shown: object) -> tuple[float, int]:
    """The value and decimals of the author's ``shown`` (text as printed, or a number)."""
    if isinstance(shown, str):
        try:
            reading = _read_text(shown)
        except AnswerError as err:
            raise ValueError(f"shown must be a number as the notebook prints it; {err}") from None
        return reading.value, reading.decimals if reading.decimals is not None else 0
    value = _finite(shown, "shown")
    return value, len(_shortest(value).partition(".")[2])


def _target(expected: object, decimals: object, unit: object, shown: object) -> _Target:
    """Validate the author's arguments of :func:`check`."""
    value = _finite(expected, "expected")
    unit = _text(unit, "unit")
    shown_value = None
    if shown is not None:
        shown_value, shown_decimals = _read_shown(shown)
    if decimals is not None:
        places = _check_decimals(decimals)
    elif shown is not None:
        places = shown_decimals
    else:
        places = _default_decimals(value)
    if shown_value is not None and abs(shown_value - value) > 10.0 ** (-places) * (1 + 1e-9):
        raise ValueError(f"shown={shown!r} is not expected={value!r} rounded to {places} decimal places")
    return _Target(value, places, unit, shown_value)


def _unanswered() -> Feedback:
    if PRESENTING:
        return Feedback(False, "", "unanswered")
    return Feedback(False, "Not answered yet: replace None with your answer, then run this cell again.",
                    "unanswered")


def _unit_slip(reading: _Reading, target: _Target) -> Feedback | None:
    """A unit typed that is not the one asked for (None if fine or not comparable)."""
    asked = _canonical_unit(target.unit) if target.unit else None
    typed = reading.unit
    if typed is None or not asked or typed == asked:
        return None
    typed_text = format_number(reading.value, unit=typed)
    (quantity_typed, size_typed), (quantity_asked, size_asked) = _UNITS[typed], _UNITS[asked]
    if quantity_typed == quantity_asked:
        converted = reading.value * size_typed / size_asked
        if target.accepts(converted):
            return Feedback(False, f"Right amount, other unit: this answer is in {target.unit}, and "
                                   f"{typed_text} is {target.show(converted)}. Type it in {target.unit}.", "unit")
    return Feedback(False, f"Not yet: this answer is in {target.unit}, but you typed {typed_text}. "
                           f"Give the answer in {target.unit}.", "unit")


def _close(a: float, b: float, target: _Target) -> bool:
    """Near enough to diagnose a slip (never to accept): half a display unit or 3 %."""
    return abs(a - b) <= max(target.half_unit, 0.03 * abs(b))


def _factor_hint(factor: int, larger: bool, target: _Target) -> tuple[str, str]:
    """The (slip, explanation sentence) for an answer ``factor`` times too large or small."""
    asked = _canonical_unit(target.unit) or ""
    quantity = _UNITS[asked][0] if asked else ""
    if factor == 100 and asked == "%" and not larger:
        return "percent", "It looks like a fraction, and this answer is a percentage (0.5 is 50 %)."
    if factor == 100 and not target.unit and larger:
        return "percent", "It looks like a percentage, and this answer is a fraction (50 % is 0.5)."
    if quantity == "length":
        big, small = {10: ("cm", "mm"), 100: ("m", "cm"), 1000: ("m", "mm")}[factor]
        return f"factor_{factor}", f"Did you mix up {big} and {small}? 1 {big} = {factor} {small}."
    if quantity == "force" and factor == 1000:
        return "factor_1000", "Did you mix up N and kN? 1 kN = 1000 N."
    return f"factor_{factor}", "Check the decimal point and the units of the numbers you used."


def _size_slip(reading: _Reading, target: _Target) -> Feedback | None:
    """Wrong sign, a factor of 10, 100 or 1000, or degrees vs radians."""
    a, e = reading.value, target.value
    if e == 0:
        return None
    if target.accepts(-a):
        return Feedback(False, "Not yet: the size is right but the sign is wrong. "
                               "Check which direction the question counts as positive.", "sign")
    for factor in (10, 100, 1000):
        for larger, scaled in ((False, a * factor), (True, a / factor)):
            if _close(scaled, e, target):
                slip, why = _factor_hint(factor, larger, target)
                size = "large" if larger else "small"
                return Feedback(False, f"Not yet: your answer is {factor} times too {size}. {why}", slip)
    asked = _canonical_unit(target.unit) if target.unit else None
    if asked == "deg" and _close(math.degrees(a), e, target):
        return Feedback(False, "Not yet: this looks like radians, and the answer is in degrees "
                               "(multiply radians by 180/π, about 57.3).", "radians")
    if asked == "rad" and _close(math.radians(a), e, target):
        return Feedback(False, "Not yet: this looks like degrees, and the answer is in radians "
                               "(divide degrees by 180/π, about 57.3).", "radians")
    return None


def _rounding_slip(reading: _Reading, target: _Target) -> Feedback | None:
    """Rounded too coarsely, or the other way, or one display unit off."""
    a, typed_decimals, places = reading.value, reading.decimals, target.decimals
    coarser = typed_decimals is not None and typed_decimals < places
    if coarser and abs(a - target.value) <= 0.5 * 10.0 ** -typed_decimals * (1 + 1e-9):
        return Feedback(False, f"Close: you rounded to {_places(typed_decimals)}; give the answer to "
                               f"{_places(places)}.", "rounding")
    if abs(a - target.value) <= 3 * target.half_unit:
        return Feedback(False, f"Close, but not within rounding: check how you rounded (round only at the "
                               f"end, to {_places(places)}) and the value you read.", "rounding")
    return None


def _places(decimals: int) -> str:
    if decimals > 0:
        return f"{decimals} decimal place{'s' if decimals > 1 else ''}"
    if decimals == 0:
        return "a whole number"
    return f"the nearest {10 ** -decimals}"


def _not_yet(a: float, target: _Target, hint: str) -> Feedback:
    e = target.value
    shown = target.show(a)
    if a * e < 0:
        verdict = f"{shown} has the wrong sign, and its size is off too."
    elif abs(a) > abs(e):
        verdict = f"{shown} is too {'large' if e >= 0 else 'far below zero'}."
    else:
        verdict = f"{shown} is too {'small' if e >= 0 else 'close to zero'}."
    where = f" Look again at {hint.strip().rstrip('.')}." if hint.strip() else " Have another look."
    return Feedback(False, f"Not yet: {verdict}{where}", None)


def _correct(a: float, target: _Target) -> Feedback:
    message = f"Correct: {target.show(a)}."
    model = round(target.value, max(target.decimals + 2, 0))  # two more decimals than displayed
    if round(a, max(target.decimals + 2, 0)) != model:
        message += f" The model gives {target.show(model)}."
    return Feedback(True, message)


def _judge(reading: _Reading, target: _Target, hint: str) -> Feedback:
    """The verdict on a readable answer."""
    slip = _unit_slip(reading, target)
    if slip is not None:
        return slip
    a = reading.value
    if target.accepts(a):
        return _correct(a, target)
    for diagnose in (_size_slip, _rounding_slip):
        slip = diagnose(reading, target)
        if slip is not None:
            return slip
    return _not_yet(a, target, hint)


def check(answer: object, expected: float, *, decimals: int | None = None, unit: str = "",
          shown: str | float | None = None, hint: str = "") -> Feedback:
    """Judge a learner's numeric answer at the precision the notebook displays.

    Parameters
    ----------
    answer : float, str or None
        The learner's answer: a number, text as typed (read by
        :func:`parse_number`) or ``None`` (not answered yet). Never raises
        for anything here: unreadable answers get a message saying what to type.
    expected : float
        The exact value.
    decimals : int, optional
        Decimal places at which the notebook displays the value (negative:
        tens, hundreds...). Default: from ``shown`` if given, else two
        significant figures of ``expected`` (``1 - floor(log10|expected|)``;
        2 if it is zero).
    unit : str
        The unit asked for, printed after numbers. Known units (deg, rad, %,
        m, cm, mm, N, kN, N m, BW, kg, s, ms) are compared with a unit the
        learner types; others are only printed.
    shown : str or float, optional
        The value as the notebook prints it (e.g. ``"+1.1"``); it is accepted
        too, and it sets ``decimals`` if that is not given.
    hint : str
        Where to look, for the plain "not yet" message (e.g. ``"the table's
        posterior row"``).

    Returns
    -------
    Feedback
        ``correct``, ``message`` and ``slip``. Its repr is the message, so as
        the last line of a cell it shows only the message.

    Raises
    ------
    ValueError
        For the author's arguments only: ``expected`` not a finite number,
        ``decimals`` not an integer, ``unit`` or ``hint`` not text, ``shown``
        unreadable or not ``expected`` rounded.

    Notes
    -----
    Accepted: within half a display unit of ``expected``, or equal to
    ``expected`` rounded to ``decimals``, or equal to ``shown``. Slips named,
    in this order: a unit typed other than ``unit`` (with the conversion
    when the amount is right); wrong sign; 10, 100 or 1000 times too large or
    small (cm vs mm, m vs cm, m vs mm, N vs kN, fraction vs %); radians vs
    degrees (57.3 times); rounded too coarsely or within 1.5 display units;
    otherwise "not yet", saying too large or too small and where to look.
    Slips are diagnosed within 3 % (or half a display unit); they never make
    an answer correct.

    Examples
    --------
    >>> check(None, 4.4, unit="cm")
    Not answered yet: replace None with your answer, then run this cell again.
    >>> check("1.1", 1.142, shown="+1.1", unit="cm")
    Correct: 1.1 cm. The model gives 1.142 cm.
    >>> check(-1.1, 1.142, decimals=1, unit="cm")
    Not yet: the size is right but the sign is wrong. Check which direction the question counts as positive.
    >>> check(0.0114, 1.142, decimals=1, unit="cm")
    Not yet: your answer is 100 times too small. Did you mix up m and cm? 1 m = 100 cm.
    >>> check(3.0, 4.4, unit="cm", hint="the panel's table, middle row")
    Not yet: 3 cm is too small. Look again at the panel's table, middle row.
    >>> check("8 or 9", 8.0)
    Give one number: I can see more than one (8, 9). If you are unsure, type the one you think is closest.
    """
    target = _target(expected, decimals, unit, shown)
    hint = _text(hint, "hint")
    if answer is None:
        return _unanswered()
    return _verdict(answer, target, hint)


def _verdict(answer: object, target: _Target, hint: str) -> Feedback:
    """The feedback on any answer a learner gives (an unreadable one gets what to type)."""
    try:
        reading = _read(answer)
    except AnswerError as err:
        return Feedback(False, str(err), "unreadable")
    return _judge(reading, target, hint)


# --------------------------------------------------------------------------------------------
# Widgets
# --------------------------------------------------------------------------------------------


def _input_label(what: str, unit: str) -> str:
    """The accessible name of an input, naming the unit: "Your answer (cm)"."""
    return f"{what} ({unit})" if unit else what


def _status(message: str, state: bool | None = None) -> str:
    """HTML for a status line (empty message -> empty line)."""
    if not message:
        return ""
    return (f"<div role='status' style='border-left:4px solid {_ACCENT[state]};padding:0.2em 0.6em'>"
            f"{message}</div>")


class _Activity:
    """Base of the widgets: prompt, controls, status line, and a fallback without the answer.

    Subclasses set ``css_class`` (on the whole widget), build ``self.input``
    and ``self.button`` and call :meth:`_finish`, which adds the CSS classes a
    browser test looks for: ``glutemed-prompt``, ``glutemed-instructions``
    (not in presentation mode), ``glutemed-input``, ``glutemed-check`` or
    ``glutemed-commit`` (the button) and ``glutemed-feedback`` (the status
    line). The answer lives in Python attributes of this object, never in a
    widget, so nothing synced to the browser reveals it.
    """

    css_class: ClassVar[str]
    button_class: ClassVar[str] = "glutemed-check"
    instructions: ClassVar[str]
    idle: ClassVar[str]
    input: widgets.ValueWidget
    button: widgets.Button

    def __init__(self, prompt: str):
        self.prompt = _text(prompt, "prompt", empty_ok=False)
        self.presenting = PRESENTING
        self.prompt_html = widgets.HTML(f"<p><b>{html.escape(self.prompt)}</b></p>")
        self.prompt_html.add_class("glutemed-prompt")

    def _finish(self) -> None:
        self.input.add_class("glutemed-input")
        self.input.style.description_width = "initial"
        self.button.add_class(self.button_class)
        self.button.layout.width = "auto"
        self.status = widgets.HTML("" if self.presenting else _status(self.idle))
        self.status.add_class("glutemed-feedback")
        self.button.on_click(lambda _button: self.submit())
        parts: list[widgets.Widget] = [self.prompt_html]
        if not self.presenting:
            help_line = widgets.HTML(f"<small>{html.escape(self.instructions)}</small>")
            help_line.add_class("glutemed-instructions")
            parts.append(help_line)
        parts += [widgets.HBox([self.input, self.button], layout=widgets.Layout(flex_flow="row wrap",
                                                                               align_items="center")),
                  self.status]
        self.widget = widgets.VBox(parts)
        self.widget.add_class(self.css_class)

    def submit(self) -> object:  # pragma: no cover - abstract
        """What pressing the button does."""
        raise NotImplementedError

    def fallback_text(self) -> str:
        """The stored ``text/plain`` output (a notebook on GitHub): the prompt, never the answer."""
        return self.prompt

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = self.fallback_text()
        return bundle


def _options(options: object, name: str) -> tuple[str, ...]:
    if isinstance(options, str) or not isinstance(options, Sequence):
        raise ValueError(f"{name} must be a list of option texts; got {options!r}")
    out = tuple(options)
    if len(out) < 2 or not all(isinstance(o, str) and o.strip() for o in out):
        raise ValueError(f"{name} must hold at least two non-empty texts; got {options!r}")
    if len(set(out)) != len(out):
        raise ValueError(f"{name} must not repeat an option; got {options!r}")
    return out


def _choice_list(prompt: str, options: Sequence[str]) -> str:
    return "\n".join([prompt, *(f"  ( ) {o}" for o in options)])


class AnswerBox(_Activity):
    """A numeric exercise without code: a box, a *Check my answer* button, a feedback line.

    Built by :func:`answer_box`. ``input`` is the text box, ``button`` the
    Check button, ``status`` the feedback line; ``attempts`` lists every
    :class:`Feedback` given, and ``submit()`` does what the button does.
    """

    css_class = "glutemed-answer"
    instructions = "Type a number (a unit is optional), then press Check my answer (or Tab to it and press Enter)."
    idle = "Not answered yet."

    def __init__(self, prompt: str, expected: float, *, unit: str = "", decimals: int | None = None,
                 shown: str | float | None = None, hint: str = ""):
        super().__init__(prompt)
        self._target = _target(expected, decimals, unit, shown)  # Python side only
        self._hint = _text(hint, "hint")
        self.unit = unit
        self.attempts: list[Feedback] = []
        self.input = widgets.Text(value="", placeholder="e.g. 4.5", description=_input_label("Your answer", unit),
                                  tooltip=self.prompt, continuous_update=True)
        self.button = widgets.Button(description="Check my answer", icon="check",
                                     tooltip="Check the number in the box")
        self._finish()

    @property
    def feedback(self) -> Feedback | None:
        """The latest feedback (None before the first check)."""
        return self.attempts[-1] if self.attempts else None

    def submit(self) -> Feedback:
        """Check what is in the box and show the feedback."""
        result = _verdict(self.input.value, self._target, self._hint)
        self.attempts.append(result)
        self.status.value = _status(html.escape(result.message), result.correct)
        return result


class ChoiceQuestion(_Activity):
    """A multiple-choice question with feedback on every option. Built by :func:`choice_question`.

    ``input`` is the radio group (nothing selected at first), ``button`` the
    Check button, ``status`` the feedback line; ``submit()`` does what the
    button does. Learners may try again.
    """

    css_class = "glutemed-choice-question"
    instructions = "Choose one option (arrow keys move between them), then press Check my answer."
    idle = ""

    def __init__(self, prompt: str, options: Sequence[str], answer: str, feedback: Mapping[str, str]):
        super().__init__(prompt)
        self.options = _options(options, "options")
        if answer not in self.options:
            raise ValueError(f"answer must be one of the options {self.options!r}; got {answer!r}")
        self._answer = answer  # Python side only
        self._feedback = _option_feedback(feedback, self.options, answer)
        self.attempts: list[Feedback] = []
        self.input = widgets.RadioButtons(options=self.options, value=None, description="Your answer",
                                          tooltip=self.prompt, layout=widgets.Layout(width="auto"))
        self.button = widgets.Button(description="Check my answer", icon="check",
                                     tooltip="Check the option you chose")
        self._finish()

    def submit(self) -> Feedback:
        """Judge the chosen option and show why it is right or wrong."""
        choice = self.input.value
        if choice is None:
            result = Feedback(False, "Choose an option first.", "unanswered")
        elif choice == self._answer:
            result = Feedback(True, f"Right: {self._feedback[choice]}")
        else:
            result = Feedback(False, f"Not quite: {self._feedback[choice]}", "choice")
        self.attempts.append(result)
        self.status.value = _status(html.escape(result.message), result.correct)
        return result

    def fallback_text(self) -> str:
        """The prompt and the options, none marked."""
        return _choice_list(self.prompt, self.options)


def _option_feedback(feedback: object, options: tuple[str, ...], answer: str) -> dict[str, str]:
    """Validate the feedback mapping: every wrong option explained, no unknown keys."""
    if not isinstance(feedback, Mapping):
        raise ValueError(f"feedback must be a mapping option -> explanation; got {feedback!r}")
    unknown = [k for k in feedback if k not in options]
    if unknown:
        raise ValueError(f"feedback has keys that are not options: {unknown!r}")
    missing = [o for o in options if o != answer and o not in feedback]
    if missing:
        raise ValueError(f"feedback must explain every wrong option; missing {missing!r}")
    out = {k: _text(v, f"feedback[{k!r}]", empty_ok=False) for k, v in feedback.items()}
    out.setdefault(answer, "that is it.")
    return out


class Prediction(_Activity):
    """Predict, commit, reveal. Built by :func:`predict`.

    ``input`` is a text box (or a radio group for ``choices``), ``button``
    the *Commit my prediction* button, ``status`` the line where the model's
    answer appears after commit. ``commit()`` does what the button does;
    ``committed`` and ``prediction`` tell what happened.

    The model's answer and the explanation are attributes of this Python
    object only; no widget holds them until the prediction is committed.
    """

    css_class = "glutemed-predict"
    button_class = "glutemed-commit"
    instructions = ("Make your prediction, then press Commit my prediction: "
                    "it is locked, and the model's answer appears beside it.")
    idle = "The model's answer appears once you commit a prediction."

    def __init__(self, prompt: str, answer: float | str, *, unit: str = "", decimals: int | None = None,
                 choices: Sequence[str] | None = None, explanation: str = ""):
        super().__init__(prompt)
        self._explanation = _text(explanation, "explanation")  # Python side only
        self.choices = None if choices is None else _options(choices, "choices")
        self.unit = _text(unit, "unit")
        if self.choices is None:
            self._target = _target(_finite(answer, "answer"), decimals, unit, None)  # Python side only
            self.input = widgets.Text(value="", placeholder="e.g. 4.5", continuous_update=True,
                                      description=_input_label("Your prediction", unit), tooltip=self.prompt)
        else:
            if answer not in self.choices:
                raise ValueError(f"answer must be one of the choices {self.choices!r}; got {answer!r}")
            if decimals is not None:
                raise ValueError(f"decimals applies to a numeric answer, not to choices; got {decimals!r}")
            self._choice_answer = answer
            self.input = widgets.RadioButtons(options=self.choices, value=None, description="Your prediction",
                                              tooltip=self.prompt, layout=widgets.Layout(width="auto"))
        self.prediction: float | str | None = None
        self.button = widgets.Button(description="Commit my prediction", icon="lock", button_style="info",
                                     tooltip="Lock in your prediction; then the model's answer appears")
        self._finish()

    @property
    def committed(self) -> bool:
        """Whether a prediction has been locked in."""
        return self.prediction is not None

    def commit(self) -> bool:
        """Lock in the prediction and reveal the model's answer; False (with a message) if unreadable."""
        if self.committed:
            return True
        message = self._read_prediction()
        if message:
            self.status.value = _status(html.escape(message))
            return False
        self.input.disabled = True
        self.button.disabled = True
        self.button.description = "Prediction locked"
        self.status.value = _status(self._reveal_html())
        return True

    submit = commit

    def _read_prediction(self) -> str:
        """Set ``self.prediction`` from the input, or return what to fix."""
        if self.choices is not None:
            if self.input.value is None:
                return "Choose one option first."
            self.prediction = self.input.value
            return ""
        try:
            reading = _read(self.input.value)
        except AnswerError as err:
            return str(err)
        if _unit_slip(reading, self._target) is not None:
            typed = format_number(reading.value, unit=reading.unit or "")
            return f"This asks for {self.unit}, and you typed {typed}: type your prediction in {self.unit}."
        self.prediction = reading.value
        return ""

    def _reveal_html(self) -> str:
        if self.choices is not None:
            yours, model = str(self.prediction), self._choice_answer
            same = "Same as yours." if yours == model else "Different from yours."
        else:
            target = self._target
            yours, model = target.show(float(self.prediction)), target.show(target.value, target.decimals)
            same = _compare(float(self.prediction), target)
        rows = [f"<b>Your prediction (locked)</b>: {html.escape(yours)}",
                f"<b>The model</b>: {html.escape(model)}. {html.escape(same)}"]
        if self._explanation:
            rows.append(html.escape(self._explanation))
        return "<br>".join(rows)

    def fallback_text(self) -> str:
        """The prompt (with the choices, none marked), never the answer."""
        return self.prompt if self.choices is None else _choice_list(self.prompt, self.choices)


def _compare(prediction: float, target: _Target) -> str:
    """How a numeric prediction compares with the model, in words."""
    if target.accepts(prediction):
        return "Your prediction matches, at this precision."
    gap = target.show(abs(prediction - target.value), max(target.decimals, 0))
    return f"Yours was {gap} {'higher' if prediction > target.value else 'lower'}."


def answer_box(prompt: str, expected: float, *, unit: str = "", decimals: int | None = None,
               shown: str | float | None = None, hint: str = "") -> AnswerBox:
    """A numeric exercise for learners who do not code: type, press *Check my answer*, read the feedback.

    Parameters
    ----------
    prompt : str
        The question (plain text).
    expected, unit, decimals, shown, hint
        As for :func:`check`, which judges every attempt. ``expected`` stays
        in Python; the browser never receives it.

    Returns
    -------
    AnswerBox
        Displays as the widget (CSS class ``glutemed-answer``); its stored
        ``text/plain`` fallback is the prompt only.

    Raises
    ------
    ValueError
        If ``prompt`` is empty or another argument is invalid (see :func:`check`).

    Examples
    --------
    >>> box = answer_box("Posterior portion's rotation moment arm at 60° of flexion?", 1.142,
    ...                  unit="cm", decimals=1)
    >>> box.input.description
    'Your answer (cm)'
    >>> box.input.value = "1,1 cm"
    >>> box.button.click()
    >>> box.feedback
    Correct: 1.1 cm. The model gives 1.142 cm.
    """
    return AnswerBox(prompt, expected, unit=unit, decimals=decimals, shown=shown, hint=hint)


def choice_question(prompt: str, options: Sequence[str], answer: str, feedback: Mapping[str, str]) -> ChoiceQuestion:
    """A conceptual or clinical multiple-choice question with feedback on each option.

    Parameters
    ----------
    prompt : str
        The question.
    options : sequence of str
        At least two distinct options, shown as radio buttons (keyboard:
        Tab into the group, arrow keys to choose, Tab to the button, Enter).
    answer : str
        The right option (kept in Python, never sent to the browser before a check).
    feedback : mapping of str to str
        For every wrong option, why it is wrong; optionally, for the right
        one, why it is right.

    Returns
    -------
    ChoiceQuestion
        Displays as the widget (CSS class ``glutemed-choice-question``); the
        stored ``text/plain`` fallback is the prompt and the options, none marked.

    Raises
    ------
    ValueError
        If ``answer`` is not an option, ``options`` repeat or are fewer than
        two, or ``feedback`` misses a wrong option or names an unknown one.

    Examples
    --------
    >>> q = choice_question(
    ...     "At 60° of hip flexion, is the posterior portion an internal or an external rotator?",
    ...     ["internal rotator", "external rotator"], "internal rotator",
    ...     {"external rotator": "that is its role near standing; look at Figure 1 at 60°.",
    ...      "internal rotator": "past its switch angle its line passes in front of the axis."})
    >>> q.input.value = "external rotator"
    >>> q.submit()
    Not quite: that is its role near standing; look at Figure 1 at 60°.
    """
    return ChoiceQuestion(prompt, options, answer, feedback)


def predict(prompt: str, answer: float | str, *, unit: str = "", decimals: int | None = None,
            choices: Sequence[str] | None = None, explanation: str = "") -> Prediction:
    """Predict, commit, reveal: the model's answer appears only after the learner commits.

    Parameters
    ----------
    prompt : str
        What to predict.
    answer : float or str
        The model's answer: a number, or one of ``choices``. Kept in Python
        until the prediction is committed (no widget holds it before).
    unit : str
        Unit of a numeric answer; named in the box's label.
    decimals : int, optional
        Display precision of a numeric answer (default two significant
        figures, as in :func:`check`).
    choices : sequence of str, optional
        Make it a multiple-choice prediction.
    explanation : str
        Shown with the model's answer after commit.

    Returns
    -------
    Prediction
        Displays as the widget (CSS class ``glutemed-predict``). After commit
        the input and button are disabled ("Prediction locked"). Unreadable
        typing shows the :func:`parse_number` message and commits nothing. The
        stored ``text/plain`` fallback is the prompt only (with the choices).

    Raises
    ------
    ValueError
        If ``prompt`` is empty, ``answer`` is not a finite number (or not one
        of ``choices``), or ``decimals`` is not an integer.

    Examples
    --------
    >>> p = predict("How much does the middle portion's abduction moment arm shrink from 0° to 10° "
    ...             "of adduction, in mm?", 3.2, unit="mm", explanation="Adduction swings the trochanter "
    ...             "toward the line of pull.")
    >>> p.input.value = "five"
    >>> p.commit()
    False
    >>> p.input.value = "5 mm"
    >>> p.commit(), p.input.disabled, p.button.description
    (True, True, 'Prediction locked')
    >>> "3.2 mm" in p.status.value
    True
    """
    return Prediction(prompt, answer, unit=unit, decimals=decimals, choices=choices, explanation=explanation)


# --------------------------------------------------------------------------------------------
# show_table
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class Table:
    """A formatted table: HTML in Jupyter, aligned plain text as its repr. Built by :func:`show_table`.

    Attributes
    ----------
    header : tuple of str
    rows : tuple of tuple of str
        Cells already formatted.
    numeric : tuple of bool
        Which columns are numbers (right-aligned).
    caption : str
    """

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]
    caption: str = ""

    def to_text(self) -> str:
        """Aligned plain text: numbers right-aligned, text left-aligned, a rule under the header."""
        lines = [self.header, *self.rows]
        widths = [max(len(line[i]) for line in lines) for i in range(len(self.header))]

        def fmt(cells: tuple[str, ...]) -> str:
            return "  ".join(c.rjust(w) if num else c.ljust(w)
                             for c, w, num in zip(cells, widths, self.numeric)).rstrip()

        out = [self.caption] if self.caption else []
        out += [fmt(self.header), "  ".join("-" * w for w in widths)]
        return "\n".join(out + [fmt(r) for r in self.rows])

    def __repr__(self) -> str:
        return self.to_text()

    def _repr_html_(self) -> str:
        def cell(tag: str, text: str, num: bool, scope: str = "") -> str:
            align = "right" if num else "left"
            return f"<{tag}{scope} style='text-align:{align};padding:0.1em 0.8em'>{html.escape(text)}</{tag}>"

        caption = f"<caption style='text-align:left'>{html.escape(self.caption)}</caption>" if self.caption else ""
        head = "".join(cell("th", h, n, " scope='col'") for h, n in zip(self.header, self.numeric))
        body = "".join("<tr>" + "".join(cell("td", c, n) for c, n in zip(r, self.numeric)) + "</tr>"
                       for r in self.rows)
        return (f"<table class='glutemed-table'>{caption}<thead><tr>{head}</tr></thead>"
                f"<tbody>{body}</tbody></table>")


def _is_number(cell: object) -> bool:
    return isinstance(cell, (Real, np.number)) and not isinstance(cell, (bool, np.bool_))


def _per_column(value: object, columns: Sequence[str], name: str, default: object, labelled: bool) -> list:
    """A per-column setting from one value, a sequence (one per column) or a mapping column -> value.

    With a label column (``labelled``), a sequence may skip it (one entry per value column).
    """
    if isinstance(value, Mapping):
        unknown = [k for k in value if k not in columns]
        if unknown:
            raise ValueError(f"{name} names columns that do not exist: {unknown!r}")
        return [value.get(c, default) for c in columns]
    if isinstance(value, Sequence) and not isinstance(value, str):
        values = list(value)
        if labelled and len(values) == len(columns) - 1:
            values = [default, *values]
        if len(values) != len(columns):
            raise ValueError(f"{name} must have one entry per column ({len(columns)}); got {len(value)}")
        return values
    return [value] * len(columns)


def _table_rows(rows: object, columns: Sequence[str] | None) -> tuple[list[str], list[list[object]], bool]:
    """Normalise the accepted row forms to (header, list of cell lists, has a label column)."""
    if isinstance(rows, Mapping):  # {label: values}
        body = [[label, *([v] if isinstance(v, str) else np.ravel(v).tolist())] for label, v in rows.items()]
        width = max((len(r) for r in body), default=1)
        header = ["", *(columns if columns is not None else [""] * (width - 1))]
        return [str(h) for h in header], body, True
    if isinstance(rows, np.ndarray):
        rows = rows.tolist()
    if isinstance(rows, str) or not isinstance(rows, Sequence):
        raise ValueError(f"rows must be a mapping label -> values or a list of rows; got {type(rows).__name__}")
    rows = list(rows)
    if rows and all(isinstance(r, Mapping) for r in rows):  # records
        header = list(columns) if columns is not None else list(rows[0])
        return [str(h) for h in header], [[r.get(c, "") for c in header] for r in rows], False
    body = []
    for r in rows:
        if isinstance(r, (str, bytes, Mapping)) or not isinstance(r, (Sequence, np.ndarray)):
            raise ValueError(f"rows must all be lists of cells (or all mappings); got {r!r}")
        body.append(list(r))
    width = max((len(r) for r in body), default=0)
    return [str(h) for h in columns] if columns is not None else [""] * width, body, False


def show_table(rows: object, columns: Sequence[str] | None = None, *, decimals: object = 2,
               units: object = None, signed: bool = False, caption: str = "") -> Table:
    """Show numbers as a tidy table, in one line (no f-string walls).

    Parameters
    ----------
    rows : mapping, or sequence of sequences, or sequence of mappings
        ``{row label: values}`` (a label column is added on the left), or a
        list of rows of cells, or a list of records ``{column: cell}``. Cells
        that are numbers are formatted; other cells are shown as text.
    columns : sequence of str, optional
        Column headings (for a mapping: of the value columns only). Default:
        the keys of the first record, else blank.
    decimals : int, sequence or mapping
        Decimal places for number cells: one for all columns, one per
        column (for a mapping, the label column may be left out), or
        ``{column: decimals}``. Negative rounds to tens...
    units : str, sequence or mapping, optional
        Units, added to the headings as ``heading (unit)``.
    signed : bool
        Show ``+`` on positive numbers.
    caption : str
        A caption above the table (also the HTML ``<caption>``).

    Returns
    -------
    Table
        HTML in Jupyter; its repr (and ``text/plain``) is aligned plain text.
        NaN cells show as ``n/a``, infinite ones as ``∞``. Numbers are in
        plain notation; whole-number types (int) show without decimals.

    Raises
    ------
    ValueError
        If rows have different lengths from the heading, or ``decimals``
        or ``units`` do not fit the columns.

    Examples
    --------
    >>> show_table({"anterior": [3.62, 2.5], "middle": [5.01, -0.4]}, ["abduction", "rotation"],
    ...            decimals=1, units="cm", signed=True)
            abduction (cm)  rotation (cm)
    --------  --------------  -------------
    anterior            +3.6           +2.5
    middle              +5.0           -0.4
    >>> show_table([{"force": 1642.3, "unit": "N"}], decimals=0)
    force  unit
    -----  ----
     1642  N
    """
    header, body, labelled = _table_rows(rows, columns)
    for r in body:
        if len(r) != len(header):
            raise ValueError(f"every row must have {len(header)} cells (as the heading); got {len(r)}: {r!r}")
    places = _per_column(decimals, header, "decimals", 2, labelled)
    unit_list = _per_column(units, header, "units", None, labelled)
    numeric = [any(_is_number(r[i]) for r in body) for i in range(len(header))]

    def fmt(cell: object, i: int) -> str:
        if not _is_number(cell):
            return str(cell)
        if isinstance(cell, (int, np.integer)):
            return format_number(float(cell), 0, signed=signed)
        if math.isnan(float(cell)):
            return "n/a"
        if math.isinf(float(cell)):
            return "∞" if float(cell) > 0 else "-∞"
        return format_number(float(cell), places[i], signed=signed)

    head = tuple(f"{h} ({u})" if u and num else str(h) for h, u, num in zip(header, unit_list, numeric))
    cells = tuple(tuple(fmt(c, i) for i, c in enumerate(r)) for r in body)
    return Table(head, cells, tuple(numeric), _text(caption, "caption"))
