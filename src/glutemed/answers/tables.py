"""Tidy tables of numbers in one line: :func:`show_table` and the :class:`Table` it returns.

HTML in Jupyter, aligned plain text elsewhere (and as the stored
``text/plain``); numbers formatted by
:func:`~glutemed.answers.formatting.format_number`, so never in scientific
notation, and right-aligned.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from numbers import Real

import numpy as np

from glutemed.answers.arguments import require_text
from glutemed.answers.formatting import format_number


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


def _cells(value: object) -> list[object]:
    """One row's cells: a list or tuple as it is (text and numbers may mix), an array flattened, else one cell."""
    if isinstance(value, (list, tuple)):
        return list(value)
    if isinstance(value, np.ndarray):
        return value.ravel().tolist()
    return [value]


def _table_rows(rows: object, columns: Sequence[str] | None) -> tuple[list[str], list[list[object]], bool]:
    """Normalise the accepted row forms to (header, list of cell lists, has a label column)."""
    if isinstance(rows, Mapping):  # {label: values}
        body = [[label, *_cells(v)] for label, v in rows.items()]
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
    return Table(head, cells, tuple(numeric), require_text(caption, "caption"))
