"""How a verdict looks: :class:`Feedback` (the message a learner reads) and its HTML.

:func:`~glutemed.answers.check` and the widgets return :class:`Feedback`;
:func:`status_html` draws the widgets' status line in the same colours as
a :class:`Feedback` in a notebook output (colour-blind-safe accents; the
words "Correct" and "Not yet" carry the meaning too).
"""

from __future__ import annotations

import html
from dataclasses import dataclass


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
    >>> from glutemed.answers import check
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
        if not self.message:
            return ""
        state = None if self.slip == "unanswered" else self.correct
        return (f"<p class='glutemed-feedback' style='border-left:4px solid {_ACCENT[state]};"
                f"padding:0.2em 0.6em;margin:0.3em 0'>{html.escape(self.message)}</p>")


#: colour-blind-safe accents (Okabe-Ito); the words "Correct"/"Not yet" carry the meaning too
_ACCENT = {True: "#009E73", False: "#E69F00", None: "#999999"}


def status_html(message: str, state: bool | None = None) -> str:
    """HTML for a widget's status line: ``message`` (HTML already) with the accent of ``state``.

    ``state`` is True (correct), False (not yet) or None (neutral); an empty
    message gives an empty line. ``role='status'`` makes screen readers
    announce the new message without moving the focus.

    Examples
    --------
    >>> status_html("")
    ''
    >>> status_html("Correct: 4.4 cm.", True)
    "<div role='status' style='border-left:4px solid #009E73;padding:0.2em 0.6em'>Correct: 4.4 cm.</div>"
    """
    if not message:
        return ""
    return (f"<div role='status' style='border-left:4px solid {_ACCENT[state]};padding:0.2em 0.6em'>"
            f"{message}</div>")
