"""Judging a numeric answer at the precision the notebook displays: :func:`check`.

The author's arguments become a :class:`Target` (the expected value, its
display precision and unit; see :func:`make_target`). A learner's answer,
read by :func:`~glutemed.answers.parsing.read_answer`, is accepted within
half a display unit; otherwise the likely slip is named, in order: a unit
other than the one asked for (:func:`unit_slip`), the wrong sign, 10, 100
or 1000 times off, radians vs degrees, rounding; else a plain "not yet".
:func:`verdict` is that whole judgement for any answer (the widgets use
it); :func:`check` adds the author-argument checks and the "not answered
yet" case.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from glutemed.answers.arguments import require_decimals, require_finite, require_text
from glutemed.answers.feedback import Feedback
from glutemed.answers.formatting import format_number, shortest_text
from glutemed.answers.parsing import AnswerError, Reading, read_answer
from glutemed.answers.presenting import is_presenting
from glutemed.answers.units import UNITS, canonical_unit


@dataclass(frozen=True)
class Target:
    """The expected value and how it is displayed (validated author input). Built by :func:`make_target`.

    Attributes
    ----------
    value : float
        The exact expected value.
    decimals : int
        Display precision in decimal places (negative: tens, hundreds...).
    unit : str
        The unit asked for, as the author wrote it.
    shown : float or None
        The value as the notebook prints it, also accepted.

    Examples
    --------
    >>> target = make_target(9.50, 0, "deg", None)
    >>> target.accepts(9), target.accepts(10), target.accepts(8.4), target.show(9.5)
    (True, True, False, '9.5 deg')
    """

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
        """``value`` with this target's unit, by :func:`~glutemed.answers.formatting.format_number`."""
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
            reading = read_answer(shown)
        except AnswerError as err:
            raise ValueError(f"shown must be a number as the notebook prints it; {err}") from None
        return reading.value, reading.decimals if reading.decimals is not None else 0
    value = require_finite(shown, "shown")
    return value, len(shortest_text(value).partition(".")[2])


def make_target(expected: object, decimals: object, unit: object, shown: object) -> Target:
    """Validate the author's arguments of :func:`check` into a :class:`Target`.

    ``decimals`` defaults to those of ``shown``, else to two significant
    figures of ``expected``. Raises ValueError naming the bad argument.

    Examples
    --------
    >>> make_target(1.142, None, "cm", "+1.1")
    Target(value=1.142, decimals=1, unit='cm', shown=1.1)
    >>> make_target(1642.3, None, "N", None).decimals
    -2
    """
    value = require_finite(expected, "expected")
    unit = require_text(unit, "unit")
    shown_value = None
    if shown is not None:
        shown_value, shown_decimals = _read_shown(shown)
    if decimals is not None:
        places = require_decimals(decimals)
    elif shown is not None:
        places = shown_decimals
    else:
        places = _default_decimals(value)
    if shown_value is not None and abs(shown_value - value) > 10.0 ** (-places) * (1 + 1e-9):
        raise ValueError(f"shown={shown!r} is not expected={value!r} rounded to {places} decimal places")
    return Target(value, places, unit, shown_value)


def _unanswered() -> Feedback:
    if is_presenting():
        return Feedback(False, "", "unanswered")
    return Feedback(False, "Not answered yet: replace None with your answer, then run this cell again.",
                    "unanswered")


def unit_slip(reading: Reading, target: Target) -> Feedback | None:
    """A unit typed that is not the one asked for (None if fine or not comparable).

    The feedback gives the conversion when the amount is right in the other
    unit. Used by :func:`verdict` and by a prediction box, which refuses a
    prediction in the wrong unit.

    Examples
    --------
    >>> unit_slip(read_answer("95 mm"), make_target(9.5, 1, "cm", None))
    Right amount, other unit: this answer is in cm, and 95 mm is 9.5 cm. Type it in cm.
    >>> unit_slip(read_answer("9.5"), make_target(9.5, 1, "cm", None)) is None
    True
    """
    asked = canonical_unit(target.unit) if target.unit else None
    typed = reading.unit
    if typed is None or not asked or typed == asked:
        return None
    typed_text = format_number(reading.value, unit=typed)
    (quantity_typed, size_typed), (quantity_asked, size_asked) = UNITS[typed], UNITS[asked]
    if quantity_typed == quantity_asked:
        converted = reading.value * size_typed / size_asked
        if target.accepts(converted):
            return Feedback(False, f"Right amount, other unit: this answer is in {target.unit}, and "
                                   f"{typed_text} is {target.show(round(converted, 10))}. Type it in {target.unit}.", "unit")
    return Feedback(False, f"Not yet: this answer is in {target.unit}, but you typed {typed_text}. "
                           f"Give the answer in {target.unit}.", "unit")


def _close(a: float, b: float, target: Target) -> bool:
    """Near enough to diagnose a slip (never to accept): half a display unit or 3 %."""
    return abs(a - b) <= max(target.half_unit, 0.03 * abs(b))


def _factor_hint(factor: int, larger: bool, target: Target) -> tuple[str, str]:
    """The (slip, explanation sentence) for an answer ``factor`` times too large or small."""
    asked = canonical_unit(target.unit) or ""
    quantity = UNITS[asked][0] if asked else ""
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


def _size_slip(reading: Reading, target: Target) -> Feedback | None:
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
    asked = canonical_unit(target.unit) if target.unit else None
    if asked == "deg" and _close(math.degrees(a), e, target):
        return Feedback(False, "Not yet: this looks like radians, and the answer is in degrees "
                               "(multiply radians by 180/π, about 57.3).", "radians")
    if asked == "rad" and _close(math.radians(a), e, target):
        return Feedback(False, "Not yet: this looks like degrees, and the answer is in radians "
                               "(divide degrees by 180/π, about 57.3).", "radians")
    return None


def _rounding_slip(reading: Reading, target: Target) -> Feedback | None:
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


def _not_yet(a: float, target: Target, hint: str) -> Feedback:
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


def _correct(a: float, target: Target) -> Feedback:
    message = f"Correct: {target.show(a)}."
    model = round(target.value, max(target.decimals + 2, 0))  # two more decimals than displayed
    if round(a, max(target.decimals + 2, 0)) != model:
        message += f" The model gives {target.show(model)}."
    return Feedback(True, message)


def _judge(reading: Reading, target: Target, hint: str) -> Feedback:
    """The verdict on a readable answer."""
    slip = unit_slip(reading, target)
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
    target = make_target(expected, decimals, unit, shown)
    hint = require_text(hint, "hint")
    if answer is None:
        return _unanswered()
    return verdict(answer, target, hint)


def verdict(answer: object, target: Target, hint: str) -> Feedback:
    """The feedback on any answer a learner gives (an unreadable one gets what to type).

    :func:`check` without the author-argument checks and the ``None`` case:
    what an answer box does with every attempt.

    Examples
    --------
    >>> verdict("4,4 cm", make_target(4.4, 1, "cm", None), hint="")
    Correct: 4.4 cm.
    >>> verdict("", make_target(4.4, 1, "cm", None), hint="").slip
    'unreadable'
    """
    try:
        reading = read_answer(answer)
    except AnswerError as err:
        return Feedback(False, str(err), "unreadable")
    return _judge(reading, target, hint)

