"""Predict, commit, reveal: :func:`predict` and its widget, :class:`Prediction`.

The learner commits a prediction (a number, or one of some choices) before
the model's answer appears; then the input is locked and the answer, the
comparison and the explanation are shown. Until then they exist only in
Python, never in a widget synced to the browser.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import ipywidgets as widgets

from glutemed.answers.activity import Activity, choice_list, option_texts
from glutemed.answers.arguments import require_finite, require_text
from glutemed.answers.checking import Target, make_target, unit_slip
from glutemed.answers.feedback import status_html
from glutemed.answers.formatting import format_number
from glutemed.answers.parsing import AnswerError, read_answer


class Prediction(Activity):
    """Predict, commit, reveal. Built by :func:`predict`.

    ``input`` is a text box (or a list box for ``choices``), ``button``
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
        self._explanation = require_text(explanation, "explanation")  # Python side only
        self.choices = None if choices is None else option_texts(choices, "choices")
        self.unit = require_text(unit, "unit")
        if self.choices is None:
            self._target = make_target(require_finite(answer, "answer"), decimals, unit, None)  # Python side only
            self.input = self.number_input("Your prediction", unit)
        else:
            if answer not in self.choices:
                raise ValueError(f"answer must be one of the choices {self.choices!r}; got {answer!r}")
            if decimals is not None:
                raise ValueError(f"decimals applies to a numeric answer, not to choices; got {decimals!r}")
            self._choice_answer = answer
            self.input = self.option_input(self.choices, "Your prediction")
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
            self.status.value = status_html(html.escape(message))
            return False
        self.input.disabled = True
        self.button.disabled = True
        self.button.description = "Prediction locked"
        self.status.value = status_html(self._reveal_html())
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
            reading = read_answer(self.input.value)
        except AnswerError as err:
            return str(err)
        if unit_slip(reading, self._target) is not None:
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
        return self.prompt if self.choices is None else choice_list(self.prompt, self.choices)


def _compare(prediction: float, target: Target) -> str:
    """How a numeric prediction compares with the model, in words."""
    if target.accepts(prediction):
        return "Your prediction matches, at this precision."
    gap = target.show(abs(prediction - target.value), max(target.decimals, 0))
    return f"Yours was {gap} {'higher' if prediction > target.value else 'lower'}."


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
        Make it a multiple-choice prediction: the choices are shown in a
        list box, as in :func:`~glutemed.answers.choice_question`.
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
