"""The one style of every figure: palette, line styles, font sizes, figure factory.

Colours are the Okabe & Ito (2008) colour-blind-safe palette, and every
colour-coded line also has its own line style or marker, so figures read in
greyscale. The Matplotlib settings apply only inside :func:`styled` (never
globally).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import matplotlib as mpl
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

__all__ = [
    "BONE",
    "CHAIN_STYLE",
    "FORCE_STYLE",
    "OKABE_ITO",
    "OTHER_LEG",
    "PELVIS",
    "PORTION_HATCH",
    "PORTION_STYLE",
    "STYLE",
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

#: Matplotlib settings used inside :func:`styled` only: large type for projection,
#: deterministic SVG output.
STYLE: dict[str, object] = {
    "font.size": 13,
    "axes.titlesize": 14,
    "axes.labelsize": 13,
    "legend.fontsize": 12,
    "xtick.labelsize": 11,
    "ytick.labelsize": 11,
    "lines.linewidth": 2.5,
    "svg.hashsalt": "glutemed",
    "axes.spines.top": False,
    "axes.spines.right": False,
}


@contextlib.contextmanager
def styled() -> Iterator[None]:
    """Apply :data:`STYLE` for the artists made inside the ``with`` block.

    Examples
    --------
    >>> with styled():
    ...     import matplotlib as mpl
    ...     mpl.rcParams["font.size"]
    13.0
    """
    with mpl.rc_context(STYLE):
        yield


def new_figure(width_in: float, height_in: float, dpi: float = 100) -> Figure:
    """A Figure with an Agg canvas and the package style, without pyplot.

    Building figures this way keeps no global pyplot state, so a widget panel
    can redraw its own figure without touching any other.

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
    """
    with styled():
        fig = Figure(figsize=(width_in, height_in), dpi=dpi, layout="constrained")
    FigureCanvasAgg(fig)
    return fig
