"""The one style of every figure: palette, line styles, font sizes, figure factory.

Colours are the Okabe & Ito (2008) colour-blind-safe palette, and every
colour-coded line also has its own line style or marker, so figures read in
greyscale. The Matplotlib settings apply only inside :func:`styled` (never
globally). Font sizes scale with the figure's width (:func:`font_sizes`), so
that no text is smaller than :data:`MIN_FONT_PT_PER_INCH` points per inch of
width: the rule that keeps a projected figure readable.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterator

import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Annotation

__all__ = [
    "BONE",
    "CHAIN_STYLE",
    "FONT_FLOOR_WIDTH_IN",
    "FONT_PT_PER_INCH",
    "FORCE_STYLE",
    "MIN_FONT_PT_PER_INCH",
    "OKABE_ITO",
    "OTHER_LEG",
    "PELVIS",
    "PORTION_HATCH",
    "PORTION_STYLE",
    "STYLE",
    "StyledAxes",
    "StyledFigure",
    "font_sizes",
    "new_figure",
    "styled",
]

#: Okabe & Ito (2008) colour-blind-safe palette.
OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermilion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

#: Colour, line style and marker of each portion (distinct in colour and in grey).
PORTION_STYLE: dict[str, dict[str, str]] = {
    "anterior": {"color": OKABE_ITO["orange"], "linestyle": "-", "marker": "o"},
    "middle": {"color": OKABE_ITO["blue"], "linestyle": "--", "marker": "s"},
    "posterior": {"color": OKABE_ITO["vermilion"], "linestyle": "-.", "marker": "^"},
}
#: Bar hatching of each portion (moment-arm bars).
PORTION_HATCH: dict[str, str] = {"anterior": "", "middle": "//", "posterior": ".."}

#: Colours and styles of the force arrows (free-body diagrams).
FORCE_STYLE: dict[str, dict[str, object]] = {
    "weight": {"color": OKABE_ITO["black"], "linestyle": "-"},
    "abductors": {"color": OKABE_ITO["reddish_purple"], "linestyle": "--"},
    "hip contact": {"color": OKABE_ITO["bluish_green"], "linestyle": "-."},
    "cane": {"color": OKABE_ITO["sky_blue"], "linestyle": ":"},
}

#: Weak (moving, solid) and strong (reference, dashed) knee chains: distinct in colour and in grey.
CHAIN_STYLE: dict[str, dict[str, object]] = {
    "strong": {"color": OKABE_ITO["blue"], "linestyle": "--", "linewidth": 3.0, "marker": "o",
               "markersize": 7, "markerfacecolor": "white"},
    "weak": {"color": OKABE_ITO["vermilion"], "linestyle": "-", "linewidth": 4.0, "marker": "o",
             "markersize": 8},
}

#: Bones, the stick pelvis and the other (unposed) leg.
BONE: dict[str, object] = {"color": "#3A3A3A", "linewidth": 4.0, "solid_capstyle": "round"}
PELVIS: dict[str, object] = {"color": "#7A7A7A", "linewidth": 2.5}
OTHER_LEG: dict[str, object] = {"color": "#BBBBBB", "linewidth": 3.0, "linestyle": "-"}

#: Smallest text allowed, points per inch of figure width: 16 pt on a 13-inch figure. A figure
#: shrunk to fit a projector screen shrinks its text by the same factor, so this is what
#: keeps the smallest text readable from the back of a lecture room.
MIN_FONT_PT_PER_INCH = 1.2

#: Font size of each kind of text, points per inch of figure width (see :func:`font_sizes`).
#: The smallest is a little above :data:`MIN_FONT_PT_PER_INCH` so that rounding never
#: drops below it.
FONT_PT_PER_INCH: dict[str, float] = {
    "xtick.labelsize": 1.25,
    "ytick.labelsize": 1.25,
    "legend.fontsize": 1.25,
    "legend.title_fontsize": 1.3,
    "font.size": 1.3,  # annotations and direct labels (ax.text, ax.annotate)
    "axes.labelsize": 1.3,
    "figure.labelsize": 1.3,
    "axes.titlesize": 1.4,
    "figure.titlesize": 1.5,
}

#: Matplotlib settings used inside :func:`styled` only (font sizes come from
#: :func:`font_sizes`): lines for projection, deterministic SVG output.
STYLE: dict[str, object] = {
    "lines.linewidth": 2.5,
    "axes.linewidth": 1.2,
    "xtick.major.width": 1.2,
    "ytick.major.width": 1.2,
    "svg.hashsalt": "glutemed",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlepad": 8.0,
    "legend.framealpha": 0.95,
}

_DEFAULT_WIDTH_IN = 10.0
#: Figures narrower than this get the font sizes of this width: a narrow widget panel is shown
#: at its own size, not scaled up to the screen, so its text must not shrink with it.
FONT_FLOOR_WIDTH_IN = 10.0


def font_sizes(width_in: float) -> dict[str, float]:
    """Font sizes (pt) of every kind of text for a figure ``width_in`` inches wide.

    Each is :data:`FONT_PT_PER_INCH` times the width (but at least
    :data:`FONT_FLOOR_WIDTH_IN`), rounded up to 0.1 pt, so the smallest is
    never below :data:`MIN_FONT_PT_PER_INCH` times the width, nor below
    12.5 pt on a narrow figure.

    Examples
    --------
    >>> sizes = font_sizes(13.0)
    >>> min(sizes.values()) >= 1.2 * 13.0
    True
    >>> sizes["xtick.labelsize"], sizes["axes.titlesize"]
    (16.3, 18.2)
    >>> font_sizes(6.0)["xtick.labelsize"]  # a narrow panel keeps readable text
    12.5
    """
    if not width_in > 0:
        raise ValueError(f"width_in must be positive; got {width_in!r}")
    width = max(float(width_in), FONT_FLOOR_WIDTH_IN)
    return {k: math.ceil(round(v * width * 10, 6)) / 10 for k, v in FONT_PT_PER_INCH.items()}


def _width_of(where: Figure | Axes | float | None) -> float:
    if where is None:
        return _DEFAULT_WIDTH_IN
    if isinstance(where, (int, float)):
        return float(where)
    fig = where.get_figure(root=True) if isinstance(where, Axes) else where
    return float(fig.get_figwidth())


@contextlib.contextmanager
def styled(where: Figure | Axes | float | None = None) -> Iterator[None]:
    """Apply :data:`STYLE` and the font sizes for a figure's width inside the ``with`` block.

    Parameters
    ----------
    where : Figure, Axes, float or None
        The figure (or an axes of it, or a width in inches) the artists are
        made for; None takes a 10-inch figure. Every view passes its axes, so
        text drawn on any figure (even one made with pyplot) is sized for it.

    Examples
    --------
    >>> import matplotlib as mpl
    >>> with styled(10.0):
    ...     mpl.rcParams["font.size"]
    13.0
    """
    with mpl.rc_context({**STYLE, **font_sizes(_width_of(where))}):
        yield


def _styled_method(base, name: str):
    method = getattr(base, name)

    def call(self, *args, **kwargs):
        with styled(self):
            return method(self, *args, **kwargs)

    call.__name__ = name
    call.__doc__ = f"Matplotlib's ``{base.__name__}.{name}``, called inside :func:`styled`."
    return call


class StyledAxes(Axes):
    """Axes whose titles, legends and texts are made inside :func:`styled` (its figure's sizes)."""

    set_title = _styled_method(Axes, "set_title")
    legend = _styled_method(Axes, "legend")
    text = _styled_method(Axes, "text")
    annotate = _styled_method(Axes, "annotate")


class StyledFigure(Figure):
    """A Figure whose axes, legends and texts are made, and which is drawn, inside :func:`styled`.

    So ``fig.subplots()``, ``fig.legend()``, ``fig.suptitle()``, an axes'
    ``set_title``, ``legend``, ``text`` and ``annotate``, and the tick labels
    Matplotlib makes while drawing all get the font sizes of the figure's
    width, wherever they are called from (views, figures or panels).
    """

    def add_subplot(self, *args, **kwargs):  # noqa: D102 - Figure's
        if "projection" not in kwargs and "polar" not in kwargs:
            kwargs.setdefault("axes_class", StyledAxes)
        with styled(self):
            return super().add_subplot(*args, **kwargs)

    def add_axes(self, *args, **kwargs):  # noqa: D102
        if "projection" not in kwargs and "polar" not in kwargs:
            kwargs.setdefault("axes_class", StyledAxes)
        with styled(self):
            return super().add_axes(*args, **kwargs)

    legend = _styled_method(Figure, "legend")
    suptitle = _styled_method(Figure, "suptitle")
    supxlabel = _styled_method(Figure, "supxlabel")
    supylabel = _styled_method(Figure, "supylabel")
    text = _styled_method(Figure, "text")

    def draw(self, renderer):
        """Draw inside :func:`styled`; at the first draw, place the direct labels and draw again."""
        from glutemed.views.labels import has_moved_labels, has_unplaced_labels, place_labels, refresh_moved

        with styled(self):
            if has_moved_labels(self) and not has_unplaced_labels(self):
                refresh_moved(self)
            super().draw(renderer)
            if has_unplaced_labels(self):
                place_labels(self)
                super().draw(renderer)

    def draw_artist(self, a):
        """Draw one artist (blitting); labels whose points moved are first re-checked, once per frame."""
        from glutemed.views.labels import has_moved_labels, refresh_moved

        if isinstance(a, Annotation) and has_moved_labels(self):
            refresh_moved(self)
        return super().draw_artist(a)


def new_figure(width_in: float, height_in: float, dpi: float = 100) -> StyledFigure:
    """A :class:`StyledFigure` with an Agg canvas, constrained layout, without pyplot.

    Building figures this way keeps no global pyplot state, so a widget panel
    can redraw its own figure without touching any other. Its text is sized
    for projection from its width (:func:`font_sizes`).

    Parameters
    ----------
    width_in, height_in : float
        Size in inches.
    dpi : float
        Dots per inch (100 gives ``width_in * 100`` pixels).

    Examples
    --------
    >>> fig = new_figure(4, 3)
    >>> fig.canvas.get_width_height()
    (400, 300)
    >>> ax = fig.add_subplot()
    >>> fig.canvas.draw()
    >>> ax.get_xticklabels()[0].get_fontsize() >= 1.2 * 4
    True
    """
    with styled(width_in):
        fig = StyledFigure(figsize=(width_in, height_in), dpi=dpi, layout="constrained")
        fig.get_layout_engine().set(w_pad=0.06, h_pad=0.06)
    FigureCanvasAgg(fig)
    return fig
