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

Modules
-------
:mod:`~glutemed.answers.parsing`
    Reading what a learner types (:func:`parse_number`, :class:`AnswerError`),
    with the units of :mod:`~glutemed.answers.units`.
:mod:`~glutemed.answers.formatting`
    :func:`format_number`.
:mod:`~glutemed.answers.checking`, :mod:`~glutemed.answers.feedback`
    :func:`check` and the :class:`Feedback` it returns.
:mod:`~glutemed.answers.activity`, :mod:`~glutemed.answers.widgets`, :mod:`~glutemed.answers.prediction`
    The widgets: their shared base, :func:`answer_box` and
    :func:`choice_question`, and :func:`predict`.
:mod:`~glutemed.answers.tables`
    :func:`show_table`.
:mod:`~glutemed.answers.presenting`, :mod:`~glutemed.answers.arguments`
    Presentation mode, and the checks on an author's arguments.

Examples
--------
>>> check("9 deg", 9.50, decimals=0, unit="deg")
Correct: 9 deg. The model gives 9.5 deg.
>>> check(0.5, 50.0, unit="%")
Not yet: your answer is 100 times too small. It looks like a fraction, and this answer is a percentage (0.5 is 50 %).
"""

from __future__ import annotations

from glutemed.answers.checking import check
from glutemed.answers.feedback import Feedback
from glutemed.answers.formatting import format_number
from glutemed.answers.parsing import AnswerError, parse_number
from glutemed.answers.prediction import Prediction, predict
from glutemed.answers.presenting import PRESENT_ENV, presenting_from_env
from glutemed.answers.tables import Table, show_table
from glutemed.answers.widgets import AnswerBox, ChoiceQuestion, answer_box, choice_question

#: True in presentation mode (``GLUTEMED_PRESENT=1``): widgets leave out the learner's
#: instructions and "not answered yet" lines. Read when a widget is built or a check runs
#: (through :func:`glutemed.answers.presenting.is_presenting`), so setting it here switches
#: the mode in a running kernel.
PRESENTING: bool = presenting_from_env()

__all__ = [
    "PRESENTING",
    "PRESENT_ENV",
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

