"""One base for every widget panel: values -> model -> view update -> render -> declared readout.

Pattern
-------
1. A panel *declares* its controls (:class:`Slider`, :class:`Choice`) under
   the model's parameter names, with ranges taken from the model's own
   constants, and its readout rows (:class:`Row`: label, value, format,
   unit), rendered both as HTML beside the figure and as the stored plain
   text.
2. It implements three methods: :meth:`Panel.compute` (run the models for
   the control values), :meth:`Panel.draw` (build the artists once with the
   views, return the moving ones) and :meth:`Panel.move` (move them with the
   views' ``update_*``). Panels hold no science.
3. The figure is rendered by blitting (:class:`BlitRenderer`): the static
   background is drawn once and kept; each step redraws only the moving
   artists and sends a PNG to an ``ipywidgets.Image``.

Displayed in a notebook, a panel shows the live widget; where widgets cannot
run (a notebook viewed on GitHub), the stored output falls back to a PNG
snapshot and the text readout.
"""

from __future__ import annotations

import base64
import io
import struct
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import ipywidgets as widgets
import numpy as np
from matplotlib.artist import Artist
from matplotlib.figure import Figure
from matplotlib.layout_engine import PlaceHolderLayoutEngine
from PIL import Image

from glutemed._checks import check_in_range, check_name
from glutemed.geometry import Geometry, resolve_geometry
from glutemed.views.style import new_figure

__all__ = ["BlitRenderer", "Choice", "Panel", "Row", "Slider", "canvas_png", "freeze_layout"]

Values = Mapping[str, Any]


def freeze_layout(fig: Figure) -> None:
    """Keep every axes where the figure's layout engine last put it (the engine becomes "none").

    Examples
    --------
    >>> fig = new_figure(3, 2)
    >>> ax = fig.add_subplot()
    >>> fig.canvas.draw()
    >>> where = ax.get_position().bounds
    >>> freeze_layout(fig)
    >>> _ = ax.set_ylabel("a much longer label than before")
    >>> fig.canvas.draw()
    >>> ax.get_position().bounds == where
    True
    """
    if fig.get_layout_engine() is not None and not isinstance(fig.get_layout_engine(), PlaceHolderLayoutEngine):
        fig.set_layout_engine("none")


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def canvas_png(canvas: Any) -> bytes:
    """The pixels of an Agg canvas as PNG bytes (RGB, lossless), for a panel's frame.

    Written out here rather than through Pillow: every row is stored
    unfiltered and the whole is deflated at level 1. For a panel's flat
    colours that gives files as small as Pillow's at about half the time
    (its adaptive row filters are the cost), which is most of a slider step.

    Examples
    --------
    >>> fig = new_figure(2, 1)
    >>> fig.canvas.draw()
    >>> png = canvas_png(fig.canvas)
    >>> image = Image.open(io.BytesIO(png))
    >>> image.mode, image.size == fig.canvas.get_width_height(physical=True)
    ('RGB', True)
    """
    width, height = canvas.get_width_height(physical=True)
    rows = np.empty((height, 1 + 3 * width), dtype=np.uint8)
    rows[:, 0] = 0  # each row starts with its filter type: none
    rows[:, 1:].reshape(height, width, 3)[...] = np.asarray(canvas.buffer_rgba())[..., :3]  # one copy
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header)
            + _png_chunk(b"IDAT", zlib.compress(rows.tobytes(), 1)) + _png_chunk(b"IEND", b""))


class BlitRenderer:
    """Render a figure to PNG, redrawing only its animated artists.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        A figure with an Agg canvas whose axes limits no longer change. Its
        layout is frozen at the first :meth:`render` (see :meth:`draw_background`).
    artists : list of matplotlib.artist.Artist
        The artists that move; they are marked animated and drawn over a
        cached background at every :meth:`render`.

    Examples
    --------
    >>> fig = new_figure(2, 2)
    >>> ax = fig.add_subplot()
    >>> (line,) = ax.plot([0, 1], [0, 1])
    >>> png = BlitRenderer(fig, [line]).render()
    >>> png[:4] == b"\\x89PNG"
    True
    """

    def __init__(self, fig: Figure, artists: list[Artist]):
        self.fig = fig
        self.artists = list(artists)
        for artist in self.artists:
            artist.set_animated(True)
        self._background = None

    def invalidate(self) -> None:
        """Forget the cached background (after a change to a static artist)."""
        self._background = None

    def draw_background(self) -> None:
        """Draw the static parts (animated artists are skipped) and fix the layout where it now is.

        A layout engine lays the figure out again at every full draw, and
        constrained layout does not reach a fixed point in one draw (a wide
        label, an equal-aspect axes, a secondary axis): the next full draw
        would move the axes by a fraction of a pixel, so a frame blitted over
        this background would differ from a full render of the same state.
        After the first draw the layout is frozen (the engine becomes "none"),
        so every later full draw (a new background, a snapshot, a test) lays
        the figure out exactly as the frames show it.
        """
        self.fig.canvas.draw()
        freeze_layout(self.fig)

    def render(self) -> bytes:
        """PNG bytes of the figure in its current state."""
        canvas = self.fig.canvas
        if self._background is None:
            self.draw_background()
            self._background = canvas.copy_from_bbox(self.fig.bbox)
        else:
            canvas.restore_region(self._background)
        for artist in self.artists:
            self.fig.draw_artist(artist)
        return canvas_png(canvas)


@dataclass(frozen=True)
class Slider:
    """A slider bound to a model parameter.

    ``bounds`` are the model's own valid range (a tuple, or a function of
    the geometry for joint ranges); ``label`` names the quantity in full and
    ``unit`` its unit: the slider's accessible name is ``"label (unit)"``.
    """

    name: str
    label: str
    unit: str
    bounds: tuple[float, float] | Callable[[Geometry], tuple[float, float]]
    step: float = 1.0
    fmt: str = ".0f"

    @property
    def description(self) -> str:
        """The slider's visible label and accessible name."""
        return f"{self.label} ({self.unit})"

    def range_for(self, geometry: Geometry) -> tuple[float, float]:
        """The slider's range for ``geometry``."""
        return self.bounds(geometry) if callable(self.bounds) else self.bounds

    def widget(self, value: float, geometry: Geometry) -> widgets.FloatSlider:
        """A keyboard-operable ``FloatSlider`` starting at ``value`` (checked against the range)."""
        low, high = self.range_for(geometry)
        if isinstance(value, bool) or not isinstance(value, (int, float, np.floating, np.integer)):
            raise ValueError(f"{self.name} must be a number between {low:g} and {high:g}; got {value!r}")
        check_in_range(np.asarray(float(value)), self.name, low, high, self.unit)
        slider = widgets.FloatSlider(
            value=float(value), min=low, max=high, step=self.step, description=self.description,
            continuous_update=True, readout=True, readout_format=self.fmt,
            style={"description_width": "initial"}, layout=widgets.Layout(width="38em"),
        )
        slider.add_class("glutemed-slider")
        return slider


@dataclass(frozen=True)
class Choice:
    """Toggle buttons bound to a model parameter; ``options`` are (label, value) pairs."""

    name: str
    description: str
    options: tuple[tuple[str, str], ...]
    button_width: str = "8em"

    def widget(self, value: str) -> widgets.ToggleButtons:
        """The buttons, starting at ``value`` (one of the option values)."""
        check_name(value, self.name, [v for _, v in self.options])
        buttons = widgets.ToggleButtons(options=list(self.options), value=value, description=self.description,
                                        style={"button_width": self.button_width, "description_width": "initial"})
        buttons.add_class("glutemed-choice")
        return buttons


@dataclass(frozen=True)
class Row:
    """One readout row: a label and a value formatted with its unit.

    ``value`` takes the control values and the panel's model state and
    returns a number, a tuple of numbers or a text; ``fmt`` is a
    :meth:`str.format` pattern applied to it (a tuple fills several fields).
    ``show`` hides the row when it returns False; ``colour`` tints the label.
    """

    label: str
    value: Callable[[Values, Any], Any]
    fmt: str = "{}"
    unit: str = ""
    show: Callable[[Values, Any], bool] | None = None
    colour: str | None = None

    def text(self, values: Values, state: Any) -> str:
        """The formatted value and unit."""
        v = self.value(values, state)
        body = self.fmt.format(*v) if isinstance(v, tuple) else self.fmt.format(v)
        return f"{body} {self.unit}".rstrip()

    def visible(self, values: Values, state: Any) -> bool:
        """Whether the row shows for these values."""
        return self.show is None or bool(self.show(values, state))


class Panel:
    """Base class: declared controls and readout, a figure built once, a blitting renderer.

    Subclasses set :attr:`controls`, :attr:`rows` and :attr:`figsize`, and
    implement :meth:`compute`, :meth:`draw` and :meth:`move`.

    Parameters
    ----------
    geometry : Geometry, str or None
        Default gait2392.
    **start
        Starting value of any control, by model parameter name; a value
        outside the control's range, or an unknown name, raises ``ValueError``.
    """

    controls: ClassVar[tuple[Slider | Choice, ...]] = ()
    rows: ClassVar[tuple[Row, ...]] = ()
    #: starting values of the controls
    defaults: ClassVar[dict[str, Any]] = {}
    #: figure size in inches (100 pixels per inch)
    figsize: ClassVar[tuple[float, float]] = (12.0, 4.6)

    def __init__(self, geometry: Geometry | str | None = None, **start: Any):
        self.geometry = resolve_geometry(geometry)
        names = [c.name for c in self.controls]
        unknown = sorted(set(start) - set(names))
        if unknown:
            raise ValueError(f"{type(self).__name__} has no control {unknown[0]!r}; its controls are "
                             f"{', '.join(names)}")
        values = {**self.defaults, **start}
        self.sliders: dict[str, widgets.FloatSlider] = {}
        self.choices: dict[str, widgets.ToggleButtons] = {}
        for control in self.controls:
            if isinstance(control, Slider):
                self.sliders[control.name] = control.widget(values[control.name], self.geometry)
            else:
                self.choices[control.name] = control.widget(values[control.name])
        self.fig = new_figure(*self.figsize)
        self.state = self.compute(self.values)
        self.renderer = BlitRenderer(self.fig, self.draw(self.state))
        self._layout()
        for control in [*self.sliders.values(), *self.choices.values()]:
            control.observe(self._on_change, names="value")
        self.update()

    # --- what each panel implements ---------------------------------------------------------
    def compute(self, values: Values) -> Any:  # pragma: no cover - abstract
        """Run the models for the control values; return the state the views and rows read."""
        raise NotImplementedError

    def draw(self, state: Any) -> list[Artist]:  # pragma: no cover - abstract
        """Draw the whole figure for ``state`` with the views; return the moving artists."""
        raise NotImplementedError

    def move(self, state: Any) -> None:  # pragma: no cover - abstract
        """Move the artists to ``state`` with the views' ``update_*`` functions."""
        raise NotImplementedError

    # --- shared machinery ----------------------------------------------------------------------
    @property
    def values(self) -> dict[str, Any]:
        """Current control values keyed by model parameter name."""
        out: dict[str, Any] = {name: float(s.value) for name, s in self.sliders.items()}
        out.update({name: c.value for name, c in self.choices.items()})
        return out

    @property
    def width_px(self) -> int:
        """Width of the figure image on the page, pixels (the figure's own size)."""
        return int(self.figsize[0] * 100)

    def _layout(self) -> None:
        self.image = widgets.Image(format="png", layout=widgets.Layout(
            width="100%", max_width=f"{self.width_px}px", flex="1 1 640px"))
        self.image.add_class("glutemed-figure")
        self.readout = widgets.HTML(layout=widgets.Layout(min_width="18em", flex="0 0 auto"))
        self.readout.add_class("glutemed-readout")
        controls = widgets.VBox([*self.choices.values(), *self.sliders.values()])
        # the readout sits beside the figure, or wraps below it on a narrow screen
        figure_row = widgets.HBox([self.image, self.readout],
                                  layout=widgets.Layout(flex_flow="row wrap", align_items="flex-start"))
        self.widget = widgets.VBox([controls, figure_row])
        self.widget.add_class("glutemed-panel")

    def _on_change(self, change: Mapping) -> None:
        self.update()

    def update(self) -> None:
        """Values -> model -> move the artists -> render -> readout."""
        values = self.values
        self.state = self.compute(values)
        self.move(self.state)
        self.image.value = self.renderer.render()
        self.readout.value = self.readout_html()

    def _visible_rows(self) -> list[tuple[Row, str]]:
        values = self.values
        return [(row, row.text(values, self.state)) for row in self.rows if row.visible(values, self.state)]

    def readout_html(self) -> str:
        """The readout as HTML (the live widget)."""
        cells = []
        for row, text in self._visible_rows():
            style = f" style='color:{row.colour}'" if row.colour else ""
            label = f"<b{style}>{row.label}</b> " if row.label else ""
            cells.append(f"{label}{text}")
        return "<div style='font-size:1.05em;line-height:1.5'>" + "<br>".join(cells) + "</div>"

    def readout_text(self) -> str:
        """The readout as plain text (the stored fallback output)."""
        return "\n".join(f"{row.label}: {text}" if row.label else text for row, text in self._visible_rows())

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        # the stored snapshot: recompress harder than the live frames to keep notebooks small
        snapshot = io.BytesIO()
        Image.open(io.BytesIO(self.image.value)).save(snapshot, format="png", optimize=True)
        bundle["image/png"] = base64.b64encode(snapshot.getvalue()).decode("ascii")
        bundle["text/plain"] = self.readout_text()
        return bundle
