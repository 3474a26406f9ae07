"""Reading what a learner types: :func:`parse_number`, and :class:`AnswerError` when it cannot.

Whatever a learner types (``"8,0"``, ``"8°"``, ``"-1.1 cm"``, ``"1 600"``,
``"12 %"``, or a number computed in a code cell), it is read here into a
:class:`Reading` (value, unit typed, decimals typed), or refused with an
:class:`AnswerError` whose message says what to type, never a traceback.
:func:`read_answer` is the one entry point; :func:`parse_number` is its
public face, returning the value only.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from numbers import Real

import numpy as np

from glutemed.answers.formatting import shortest_text
from glutemed.answers.units import canonical_unit


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


# tracebacks and reprs name it where notebooks import it from, as before the package split
AnswerError.__module__ = "glutemed.answers"


@dataclass(frozen=True)
class Reading:
    """A parsed answer: its value, the unit typed (canonical, None if none) and its decimals.

    Built by :func:`read_answer`; :mod:`~glutemed.answers.checking` compares
    ``unit`` with the unit asked for and ``decimals`` with the display
    precision.
    """

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
    unit = canonical_unit(rest)
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


def _read_text(text: str) -> Reading:
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
    return Reading(value, unit, decimals)


def _read_number(value: object) -> Reading:
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
    return Reading(number, None, len(shortest_text(number).partition(".")[2]))


def read_answer(answer: object) -> Reading:
    """Read any answer a learner can give, or raise AnswerError (nothing else).

    Text is read by the rules of :func:`parse_number`; a number passed
    directly (int, float, NumPy scalar or 0-d array) keeps its shortest
    decimals; anything else (None, a bool, a list, an array) gets a message.

    Examples
    --------
    >>> read_answer("8,0 degrees")
    Reading(value=8.0, unit='deg', decimals=1)
    >>> read_answer(None)
    Traceback (most recent call last):
    ...
    glutemed.answers.AnswerError: Type a number first.
    """
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
    return read_answer(text).value
