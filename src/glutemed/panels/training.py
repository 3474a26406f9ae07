"""A weekly running plan a learner edits: week-on-week change, ACWR and flags with their evidence (notebook 07).

One box per week; whatever is typed, the learner gets a table or a message,
never a traceback. The numbers come from :func:`glutemed.training_load`;
the flags and the strength of the evidence behind each from its
:data:`~glutemed.training_load.FLAGS`. No science here.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Sequence

import ipywidgets as widgets
import numpy as np

from glutemed.training_load import ACWR_WINDOW_WEEKS, FLAGS, TrainingLoad, training_load

__all__ = ["DEFAULT_PLAN_KM", "WEEKS_RANGE", "WeeklyPlan", "read_km", "weekly_plan"]

#: A plan to start from, km per week: steady weeks, an easy week, then two jumps.
DEFAULT_PLAN_KM: tuple[float, ...] = (20.0, 22.0, 24.0, 18.0, 26.0, 28.0, 38.0, 30.0)
#: How many weeks a plan may have.
WEEKS_RANGE: tuple[int, int] = (6, 8)
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


def read_km(text: str, week: int) -> float:
    """One week's distance as typed (``"25"``, ``"25 km"``, ``"12,5"``), km; ``ValueError`` with a learner's message.

    Examples
    --------
    >>> read_km(" 12,5 km", 3)
    12.5
    >>> read_km("-5", 3)
    Traceback (most recent call last):
    ...
    ValueError: Week 3: a distance cannot be negative (you typed -5).
    >>> read_km("lots", 2)
    Traceback (most recent call last):
    ...
    ValueError: Week 2: 'lots' is not a distance; type it in km as a number, e.g. 25.
    """
    raw = str(text).strip()
    if not raw:
        raise ValueError(f"Week {week} is empty: type its distance in km (0 for a week without running).")
    core = re.sub(r"\s*km$", "", raw, flags=re.IGNORECASE).replace(" ", "")
    if "," in core and "." not in core:
        core = core.replace(",", ".")
    if not _NUMBER.fullmatch(core):
        raise ValueError(f"Week {week}: {raw!r} is not a distance; type it in km as a number, e.g. 25.")
    km = float(core)
    if km < 0:
        raise ValueError(f"Week {week}: a distance cannot be negative (you typed {raw}).")
    if not math.isfinite(km) or km > 1000:
        raise ValueError(f"Week {week}: {raw} km is not a weekly running distance; type at most 1000.")
    return km


def _evidence_word(evidence: str) -> str:
    """The strength of evidence a flag's text starts with ("weak: ...", "contested: ...")."""
    return evidence.split(":", 1)[0]


def _fmt(x: float, decimals: int, signed: bool = False) -> str:
    if not np.isfinite(x):
        return "n/a"
    text = f"{x:+.{decimals}f}" if signed else f"{x:.{decimals}f}"
    return text.replace("-", "\u2212")


class WeeklyPlan:
    """A weekly plan in text boxes, with its training-load table. Built by :func:`weekly_plan`.

    Attributes
    ----------
    boxes : list of ipywidgets.Text
        One per week (CSS class ``glutemed-week``), labelled "Week N (km)".
    message : ipywidgets.HTML
        What to fix (CSS class ``glutemed-feedback``); empty when the plan reads.
    table : ipywidgets.HTML
        The table of the last plan that could be read (CSS class ``glutemed-plan``).
    load : TrainingLoad
        :func:`glutemed.training_load` of that plan.
    widget : ipywidgets.VBox
    """

    def __init__(self, weekly_km: Sequence[float] = DEFAULT_PLAN_KM, **running: object):
        km = _check_plan(weekly_km)
        self._running = running
        self.load: TrainingLoad = training_load(km, **running)  # bad running values raise here, naming them
        self.boxes = []
        for i, value in enumerate(km, start=1):
            box = widgets.Text(value=f"{value:g}", description=f"Week {i} (km)", continuous_update=False,
                               style={"description_width": "initial"}, layout=widgets.Layout(width="11em"))
            box.add_class("glutemed-week")
            box.observe(lambda _change: self.update(), names="value")
            self.boxes.append(box)
        self.message = widgets.HTML()
        self.message.add_class("glutemed-feedback")
        self.table = widgets.HTML()
        self.table.add_class("glutemed-plan")
        help_line = widgets.HTML("<small>Type each week's distance in km, then press Enter or Tab: the table "
                                 "follows.</small>")
        evidence = widgets.HTML(self._evidence_html())
        rows = widgets.HBox(self.boxes, layout=widgets.Layout(flex_flow="row wrap"))
        self.widget = widgets.VBox([help_line, rows, self.message, self.table, evidence])
        self.widget.add_class("glutemed-weekly-plan")
        self.update()

    def read(self) -> list[float]:
        """The distances in the boxes, km; ``ValueError`` with a message for the first unreadable box."""
        return [read_km(box.value, i) for i, box in enumerate(self.boxes, start=1)]

    def update(self) -> None:
        """Read the boxes; show the new table, or say what to fix and keep the last table."""
        try:
            km = self.read()
        except ValueError as err:
            self.message.value = (f"<div role='status' style='border-left:4px solid #E69F00;padding:0.2em 0.6em'>"
                                  f"{html.escape(str(err))} The table still shows the last plan that could be "
                                  f"read.</div>")
            return
        self.message.value = ""
        self.load = training_load(km, **self._running)
        self.table.value = self._table_html()

    # --- the table ----------------------------------------------------------------------------
    def rows(self) -> list[tuple[str, ...]]:
        """The table's cells as text: week, km, change from last week, ACWR, flags raised."""
        t = self.load
        out = []
        for i in range(t.weekly_km.size):
            raised = [f"{rule.threshold} ({_evidence_word(rule.evidence)})" for rule in t.rules
                      if bool(t.flags[rule.name][i])]
            change = _fmt(float(t.week_on_week_change_pct[i]), 0, True)
            out.append((str(i + 1), _fmt(float(t.weekly_km[i]), 1), change, _fmt(float(t.acwr[i]), 2),
                        "; ".join(raised) or "none"))
        return out

    _HEADER = ("week", "distance (km)", "change from last week (%)", f"ACWR ({ACWR_WINDOW_WEEKS}-week, coupled)",
               "flags raised (evidence)")

    def _table_html(self) -> str:
        def cell(tag: str, text: str, i: int) -> str:
            align = "left" if i == len(self._HEADER) - 1 else "right"
            return f"<{tag} style='text-align:{align};padding:0.1em 0.7em'>{html.escape(text)}</{tag}>"

        head = "".join(cell("th", h, i) for i, h in enumerate(self._HEADER))
        body = "".join("<tr>" + "".join(cell("td", c, i) for i, c in enumerate(r)) + "</tr>" for r in self.rows())
        return f"<table class='glutemed-table'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

    @staticmethod
    def _evidence_html() -> str:
        items = "".join(f"<li><b>{html.escape(rule.threshold)}</b>: {html.escape(rule.evidence)}</li>"
                        for rule in FLAGS)
        return f"<details><summary>The flags and the evidence behind each</summary><ul>{items}</ul></details>"

    def text(self) -> str:
        """The table as aligned plain text (the stored output where widgets cannot run)."""
        lines = [self._HEADER, *self.rows()]
        widths = [max(len(r[i]) for r in lines) for i in range(len(self._HEADER))]
        return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in lines)

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = self.text()
        return bundle


def _check_plan(weekly_km: object) -> list[float]:
    low, high = WEEKS_RANGE
    try:
        km = [float(x) for x in weekly_km]  # type: ignore[union-attr]
    except (TypeError, ValueError) as exc:
        raise ValueError(f"weekly_km must be a list of {low}-{high} weekly distances in km; got {weekly_km!r}") from exc
    if not low <= len(km) <= high:
        raise ValueError(f"weekly_km must hold {low}-{high} weeks; got {len(km)}")
    if not all(math.isfinite(x) and x >= 0 for x in km):
        raise ValueError(f"weekly_km must be finite distances >= 0 km; got {weekly_km!r}")
    return km


def weekly_plan(weekly_km: Sequence[float] = DEFAULT_PLAN_KM, **running: object) -> WeeklyPlan:
    """A weekly running plan to edit: one box per week, and its load table with the flags and their evidence.

    Parameters
    ----------
    weekly_km : sequence of float
        The starting plan, km per week, 6-8 weeks (>= 0).
    **running
        ``speed_m_s``, ``step_rate_change_pct``, ``strength``, ``sex``,
        ``geometry``: passed to :func:`glutemed.training_load`.

    Returns
    -------
    WeeklyPlan
        Displays as the widget; its ``text/plain`` fallback is the table.

    Raises
    ------
    ValueError
        A starting plan that is not 6-8 finite distances >= 0 (naming
        ``weekly_km``), or a bad running value (naming it). Whatever the
        learner types later gives a message, never an error.

    Examples
    --------
    >>> plan = weekly_plan([20, 22, 24, 18, 26, 36])
    >>> plan.rows()[5][2:4]  # change from last week (%), ACWR
    ('+38', '1.38')
    >>> for flag in plan.rows()[5][4].split("; "):
    ...     print(flag)
    week-on-week distance increase > 30 % (weak)
    week-on-week increase 20-60 % (limited)
    ACWR outside 0.8-1.3 (contested)
    >>> plan.boxes[2].value = "abc"
    >>> "Week 3" in plan.message.value
    True
    """
    return WeeklyPlan(weekly_km, **running)
