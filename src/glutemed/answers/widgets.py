"""The no-code exercises: :func:`answer_box` (a number) and :func:`choice_question` (an option).

Both are an :class:`~glutemed.answers.activity.Activity`: the learner types
or chooses, presses *Check my answer* (or Tabs to it and presses Enter or
Space) and reads the feedback; they may try again. A numeric answer is
judged exactly as :func:`~glutemed.answers.check` judges it.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

import ipywidgets as widgets

from glutemed.answers.activity import Activity, choice_list, option_texts
from glutemed.answers.arguments import require_text
from glutemed.answers.checking import make_target, verdict
from glutemed.answers.feedback import Feedback, status_html


class _Exercise(Activity):
    """An activity judged at every attempt: a *Check my answer* button; ``attempts`` keeps each verdict."""

    attempts: list[Feedback]

    @staticmethod
    def _check_button(tooltip: str) -> widgets.Button:
        return widgets.Button(description="Check my answer", icon="check", tooltip=tooltip)

    def _record(self, result: Feedback) -> Feedback:
        """Keep ``result`` in ``attempts`` and show it on the status line."""
        self.attempts.append(result)
        self.status.value = status_html(html.escape(result.message), result.correct)
        return result


class AnswerBox(_Exercise):
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
        self._target = make_target(expected, decimals, unit, shown)  # Python side only
        self._hint = require_text(hint, "hint")
        self.unit = unit
        self.attempts: list[Feedback] = []
        self.input = self.number_input("Your answer", unit)
        self.button = self._check_button("Check the number in the box")
        self._finish()

    @property
    def feedback(self) -> Feedback | None:
        """The latest feedback (None before the first check)."""
        return self.attempts[-1] if self.attempts else None

    def submit(self) -> Feedback:
        """Check what is in the box and show the feedback."""
        return self._record(verdict(self.input.value, self._target, self._hint))


class ChoiceQuestion(_Exercise):
    """A multiple-choice question with feedback on every option. Built by :func:`choice_question`.

    ``input`` is the list of options (nothing chosen at first), ``button`` the
    Check button, ``status`` the feedback line; ``submit()`` does what the
    button does. Learners may try again.
    """

    css_class = "glutemed-choice-question"
    instructions = "Choose one option (arrow keys move between them), then press Check my answer."
    idle = ""

    def __init__(self, prompt: str, options: Sequence[str], answer: str, feedback: Mapping[str, str]):
        super().__init__(prompt)
        self.options = option_texts(options, "options")
        if answer not in self.options:
            raise ValueError(f"answer must be one of the options {self.options!r}; got {answer!r}")
        self._answer = answer  # Python side only
        self._feedback = _option_feedback(feedback, self.options, answer)
        self.attempts: list[Feedback] = []
        self.input = self.option_input(self.options, "Your answer")
        self.button = self._check_button("Check the option you chose")
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
        return self._record(result)

    def fallback_text(self) -> str:
        """The prompt and the options, none marked."""
        return choice_list(self.prompt, self.options)


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
    out = {k: require_text(v, f"feedback[{k!r}]", empty_ok=False) for k, v in feedback.items()}
    out.setdefault(answer, "that is it.")
    return out


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
        At least two distinct options, all shown in a list box labelled
        "Your answer" (keyboard: Tab into the list, arrow keys to choose,
        Tab to the button, Enter or Space).
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
