"""What every answer widget shares: :class:`Activity`, their input controls and option checks.

An activity is a prompt, an input (a text box or a list box of options),
a button and a status line, in a VBox with the CSS classes a browser test
finds. It displays as the widget, and its stored ``text/plain`` fallback
(a notebook on GitHub) is the prompt, never the answer. The answer stays in
Python attributes; no widget holds it, so nothing synced to the browser
reveals it. Every input's label is its accessible name, linked to it in the
page, and the keyboard reaches everything: Tab to the input, then to the
button, and Enter or Space presses it. :mod:`~glutemed.answers.widgets` and
:mod:`~glutemed.answers.prediction` build on this.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import ClassVar

import ipywidgets as widgets

from glutemed.answers.arguments import require_text
from glutemed.answers.feedback import status_html
from glutemed.answers.presenting import is_presenting


def _input_label(what: str, unit: str) -> str:
    """The accessible name of an input, naming the unit.

    Examples
    --------
    >>> _input_label("Your answer", "cm"), _input_label("Your answer", "")
    ('Your answer (cm)', 'Your answer')
    """
    return f"{what} ({unit})" if unit else what


class Activity:
    """Base of the widgets: prompt, controls, status line, and a fallback without the answer.

    Subclasses set ``css_class`` (on the whole widget), build ``self.input``
    (with :meth:`number_input` or :meth:`option_input`) and ``self.button``
    and call :meth:`_finish`, which adds the CSS classes a browser test
    looks for: ``glutemed-prompt``, ``glutemed-instructions``
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
        self.prompt = require_text(prompt, "prompt", empty_ok=False)
        self.presenting = is_presenting()
        self.prompt_html = widgets.HTML(f"<p><b>{html.escape(self.prompt)}</b></p>")
        self.prompt_html.add_class("glutemed-prompt")

    def number_input(self, what: str, unit: str) -> widgets.Text:
        """A text box for a number; its label, ``what (unit)``, is its accessible name.

        The front end links the label to the box (``<label for>``), so a
        screen reader announces "Your answer (cm)"; the prompt is the
        label's tooltip.
        """
        return widgets.Text(value="", placeholder="e.g. 4.5", description=_input_label(what, unit),
                            tooltip=self.prompt, continuous_update=True)

    def option_input(self, options: tuple[str, ...], what: str) -> widgets.Select:
        """A list box showing every option, none chosen; its label ``what`` is its accessible name.

        A list box rather than radio buttons: ipywidgets 8 draws a
        RadioButtons ``description`` as a label linked to nothing (no
        ``for``, no ``role='radiogroup'``), so a screen reader never hears
        what the group is for, whereas a Select's label is linked to its
        ``<select>``. Keyboard: Tab into the list, arrow keys to choose, Tab
        to the button, Enter or Space.
        """
        return widgets.Select(options=options, value=None, rows=len(options), description=what,
                              tooltip=self.prompt, layout=widgets.Layout(width="auto"))

    def _finish(self) -> None:
        self.input.add_class("glutemed-input")
        self.input.style.description_width = "initial"
        self.button.add_class(self.button_class)
        self.button.layout.width = "auto"
        self.status = widgets.HTML("" if self.presenting else status_html(self.idle))
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


def option_texts(options: object, name: str) -> tuple[str, ...]:
    """The author's ``options`` as a tuple of at least two distinct non-empty texts, or ValueError.

    Examples
    --------
    >>> option_texts(["yes", "no"], "choices")
    ('yes', 'no')
    >>> option_texts(["yes"], "choices")
    Traceback (most recent call last):
    ...
    ValueError: choices must hold at least two non-empty texts; got ['yes']
    """
    if isinstance(options, str) or not isinstance(options, Sequence):
        raise ValueError(f"{name} must be a list of option texts; got {options!r}")
    out = tuple(options)
    if len(out) < 2 or not all(isinstance(o, str) and o.strip() for o in out):
        raise ValueError(f"{name} must hold at least two non-empty texts; got {options!r}")
    if len(set(out)) != len(out):
        raise ValueError(f"{name} must not repeat an option; got {options!r}")
    return out


def choice_list(prompt: str, options: Sequence[str]) -> str:
    """The plain-text fallback of a multiple-choice widget: the prompt, then the options, none marked.

    Examples
    --------
    >>> print(choice_list("Abductor?", ["yes", "no"]))
    Abductor?
      ( ) yes
      ( ) no
    """
    return "\n".join([prompt, *(f"  ( ) {o}" for o in options)])
