"""Measure yourself (notebook 08): click landmarks on a photo, read the FPPA or the pelvic obliquity.

The photo is either the bundled example, drawn from the model at the
slider's strength (so the panel works without a camera and has a known
answer), or one the student uploads. Clicks are caught on the figure image
with ``ipyevents`` (a small, maintained widget library that reports mouse
events on any ipywidget, with the click's position in the image's own
pixels). An uploaded photo stays in the memory of this notebook's Python
kernel: it is never written to disk and never sent anywhere else.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

import ipywidgets as widgets
import numpy as np
from ipyevents import Event
from matplotlib.artist import Artist
from numpy.typing import NDArray
from PIL import Image, ImageOps

from glutemed.fppa import describe_fppa
from glutemed.geometry import SIDES
from glutemed.literature import literature_value
from glutemed.measure import (
    EXAMPLE_FRAME_PX,
    MEASURE_TASKS,
    ExamplePhoto,
    example_photo,
    measure_fppa,
    measure_pelvic_obliquity,
)
from glutemed.panels.base import Choice, Panel, Row, Slider, Values
from glutemed.pelvic_drop import STRENGTH_RANGE
from glutemed.views.measure import draw_marks, draw_photo, render_example_photo, update_marks, update_photo

__all__ = ["MAX_PHOTO_BYTES", "MeasurePanel", "PRIVACY", "load_photo"]

#: Largest photo file the panel reads, bytes.
MAX_PHOTO_BYTES = 25_000_000
#: Said in the panel (and the notebook).
PRIVACY = ("Your photo stays in this notebook's Python kernel, in memory: it is not saved to a file and not "
           "sent anywhere else, and it is gone when the kernel stops. (On Binder or a JupyterHub the kernel "
           "runs on that server: run the notebook on your own computer to keep the photo on it.)")
_LABELS = {"hip": "hip centre", "knee": "knee centre", "ankle": "ankle centre",
           "left": "left landmark", "right": "right landmark"}


def load_photo(content: bytes, frame_px: tuple[int, int] = EXAMPLE_FRAME_PX) -> NDArray[np.uint8]:
    """Read an image file and fit it, upright and uniformly scaled, into the panel's frame (RGB, letterboxed).

    Uniform scaling keeps every angle, so measuring on the fitted photo
    gives the angle of the original.

    Raises
    ------
    ValueError
        An empty or too large file, or one that is not an image PIL can read.

    Examples
    --------
    >>> buf = io.BytesIO()
    >>> Image.new("RGB", (300, 200), "white").save(buf, format="png")
    >>> load_photo(buf.getvalue()).shape
    (640, 480, 3)
    >>> load_photo(b"not an image")
    Traceback (most recent call last):
    ...
    ValueError: this file is not an image that can be read (try a JPEG or PNG photo)
    """
    data = bytes(content)
    if not data:
        raise ValueError("the file is empty")
    if len(data) > MAX_PHOTO_BYTES:
        raise ValueError(f"the file is larger than {MAX_PHOTO_BYTES / 1e6:.0f} MB; use a smaller photo")
    try:
        with Image.open(io.BytesIO(data)) as opened:
            photo = ImageOps.exif_transpose(opened).convert("RGB")
    except Exception as exc:  # PIL raises many kinds for broken or foreign files
        raise ValueError("this file is not an image that can be read (try a JPEG or PNG photo)") from exc
    width, height = frame_px
    scale = min(width / photo.width, height / photo.height)
    size = (max(1, round(photo.width * scale)), max(1, round(photo.height * scale)))
    frame = Image.new("RGB", (width, height), (90, 90, 90))
    frame.paste(photo.resize(size, Image.Resampling.LANCZOS), ((width - size[0]) // 2, (height - size[1]) // 2))
    return np.asarray(frame)


@functools.lru_cache(maxsize=64)
def _example(strength: float, task: str, side: str) -> tuple[ExamplePhoto, NDArray[np.uint8]]:
    """The example and its picture, kept for the slider's positions already visited."""
    example = example_photo(strength, task, side)
    return example, render_example_photo(example)


@dataclass
class MeasureState:
    """What the panel shows: the photo, the clicks, the angle or the reason there is none."""

    task: str
    side: str
    view: str
    example: ExamplePhoto
    photo: NDArray[np.uint8]
    source: str
    points: list[tuple[float, float]] = field(default_factory=list)
    names: tuple[str, ...] = ()
    angle_deg: float | None = None
    message: str = ""


def _angle_row(v: Values, s: MeasureState) -> str:
    if s.angle_deg is None:
        return "click all the points"
    if s.task == "fppa":
        kind = "valgus, knee medial" if s.angle_deg > 0 else ("varus, knee lateral" if s.angle_deg < 0 else "straight")
        return f"{s.angle_deg:.1f}° ({kind})"
    return f"{s.angle_deg:.1f}° ({'swing side lower' if s.angle_deg > 0 else 'swing side not lower'})"


def _compare_row(v: Values, s: MeasureState) -> str:
    if s.task == "fppa":
        text = "Herrington 2014, single-leg squat: " + (describe_fppa(s.angle_deg, "squat") if s.angle_deg
                                                         is not None else "controls and pain group, once measured")
        return text + " (groups, not a diagnosis)"
    return (f"running on a treadmill, 2-D video: typical contralateral pelvic drop "
            f"{literature_value('running_pelvic_drop_typical_low'):g}-"
            f"{literature_value('running_pelvic_drop_typical_high'):g}° (29 asymptomatic runners, Tenriwulan 2022, "
            "abstract); a standing photo is another task")


def _model_row(v: Values, s: MeasureState) -> str:
    if s.source != "example":
        return "(your photo: no model answer)"
    what = "FPPA of a single-leg squat" if s.task == "fppa" else "peak pelvic drop in running"
    held = "" if s.example.pelvis_held else "; the abductors alone cannot hold the pelvis: drawn level, as if compensated"
    return f"{what} {s.example.angle_deg:.1f}° at strength {s.example.strength:.2f} ×{held}"


class MeasurePanel(Panel):
    """Measure the FPPA (front photo of a single-leg squat) or pelvic obliquity (back photo) by clicking.

    Choose the task and the leg, then click the landmarks in order on the
    photo: hip, knee and ankle centres for the FPPA; the two landmarks
    (e.g. the PSIS dimples) for the pelvis. A fourth click starts again.
    Upload a photo with the button, or move the strength slider to see the
    model's example (which also clears an uploaded photo).

    Examples
    --------
    >>> panel = MeasurePanel()
    >>> for x, y in panel.state.example.points_px.values():
    ...     panel.click_frame_px(x, y)
    >>> abs(panel.state.angle_deg - panel.state.example.angle_deg) < 1e-9
    True
    """

    figsize = (5.0, 6.6)
    controls = (
        Choice("task", "Measure", (("knee: FPPA (front)", "fppa"), ("pelvis (back)", "pelvis")), "11em"),
        Choice("side", "Leg (the stance leg)", tuple((s, s) for s in SIDES)),
        Slider("strength", "Example: abductor strength", "× normative", STRENGTH_RANGE, 0.05,
               ".2f"),
    )
    defaults: ClassVar[dict] = {"task": "fppa", "side": "right", "strength": 1.0}
    rows = (
        Row("Photo", lambda v, s: "the bundled example, drawn by the model" if s.source == "example" else
            f"yours ({s.source})"),
        Row("Click next", lambda v, s: (_LABELS[s.names[len(s.points)]] if len(s.points) < len(s.names) else
                                        "done: click again to start over")),
        Row("Angle", _angle_row),
        Row("Compare", _compare_row),
        Row("Measurement error", lambda v, s: (literature_value("fppa_sdd_min"), literature_value("fppa_sdd_max")),
            "Munro et al. 2012 (20 students): the smallest detectable difference of the 2-D FPPA is "
            "{:g}-{:g}°; a smaller change between two photos may be measurement error",
            show=lambda v, s: s.task == "fppa"),
        Row("The model drew", _model_row),
        Row("Message", lambda v, s: s.message, show=lambda v, s: bool(s.message), colour="#B34700"),
        Row("Privacy", lambda v, s: PRIVACY),
    )

    def __init__(self, geometry=None, **start: Any):
        self._points: list[tuple[float, float]] = []
        self._upload: tuple[str, NDArray[np.uint8]] | None = None
        self._message = ""
        super().__init__(geometry, **start)
        self.events = Event(source=self.image, watched_events=["click"], prevent_default_action=True)
        self.events.on_dom_event(self._on_click)

    # --- the model and the views -----------------------------------------------------------------
    def compute(self, values: Values) -> MeasureState:
        """The photo, the clicks so far, and the angle once every point is in."""
        task, side = values["task"], values["side"]
        view, names = MEASURE_TASKS[task]
        example, picture = _example(round(float(values["strength"]), 6), task, side)
        if self._upload is None:
            source, photo = "example", picture
        else:
            source, photo = self._upload
        state = MeasureState(task, side, view, example, photo, source, list(self._points), names,
                             message=self._message)
        if len(self._points) == len(names):
            try:
                if task == "fppa":
                    state.angle_deg = float(measure_fppa(*self._points, side=side, view=view))
                else:
                    left, right = sorted(self._points)  # from behind, the subject's left is on the image's left
                    state.angle_deg = float(measure_pelvic_obliquity(left, right, stance_side=side, view=view))
            except ValueError as exc:
                state.message = " ".join(filter(None, [self._message, f"Cannot measure these points: {exc}. "
                                                                      "Click again to start over."]))
        elif self._points and not self._message:
            state.message = f"{len(self._points)} of {len(names)} points: an angle needs all {len(names)}."
        return state

    def draw(self, state: MeasureState) -> list[Artist]:
        """The photo and the (empty) marks; returns the moving artists."""
        self.ax = self.fig.add_subplot()
        self.ax.set_title("Click the landmarks in order", fontsize=12)
        self.photo_artist = draw_photo(self.ax, state.photo)
        self.marks = draw_marks(self.ax)
        self.move(state)
        return [self.photo_artist, *self.marks.all()]

    def move(self, state: MeasureState) -> None:
        """Show the current photo, the clicks and the angle."""
        update_photo(self.photo_artist, state.photo)
        label = "FPPA" if state.task == "fppa" else "pelvis"
        text = "" if state.angle_deg is None else f"{label} {state.angle_deg:+.1f}°"
        caption = (f"the model's example, strength {state.example.strength:.2f} ×" if state.source == "example"
                   else "your photo")
        update_marks(self.marks, state.points, [_LABELS[n].split(" ")[0] for n in state.names], text, caption)

    # --- the extra widgets: upload, buttons, clicks --------------------------------------------
    def _layout(self) -> None:
        super()._layout()
        self.upload = widgets.FileUpload(accept="image/*", multiple=False, description="Upload a photo")
        self.upload.observe(self._on_upload, names="value")
        self.example_button = widgets.Button(description="Use the example photo")
        self.example_button.on_click(lambda _: self._reset(upload=None))
        self.clear_button = widgets.Button(description="Clear the points")
        self.clear_button.on_click(lambda _: self._reset(upload=self._upload))
        note = widgets.HTML(f"<small>{PRIVACY}</small>")
        controls, figure_row = self.widget.children
        self.widget.children = (controls, widgets.HBox([self.upload, self.example_button, self.clear_button]),
                                note, figure_row)
        self.widget.add_class("glutemed-measure")

    def _reset(self, upload: tuple[str, NDArray[np.uint8]] | None, message: str = "") -> None:
        self._points, self._upload, self._message = [], upload, message
        self.update()

    def _on_change(self, change: Mapping) -> None:
        """A new task or side clears the points; the strength slider brings back the example."""
        self._points, self._message = [], ""
        if change.get("owner") is self.sliders.get("strength"):
            self._upload = None
        self.update()

    def _on_upload(self, change: Mapping) -> None:
        files = change["new"]
        if not files:
            return
        item = files[0]
        try:
            photo = load_photo(item["content"])
        except ValueError as exc:
            self._reset(self._upload, f"{item.get('name', 'the file')}: {exc}")
            return
        self._reset((str(item.get("name", "your photo")), photo))

    def frame_px_of(self, figure_x_px: float, figure_y_px: float) -> tuple[float, float]:
        """A position on the figure image (pixels from its top left) as photo-frame pixels."""
        _, height = self.fig.canvas.get_width_height()
        x, y = self.ax.transData.inverted().transform((figure_x_px, height - figure_y_px))
        return float(x), float(y)

    def figure_px_of(self, frame_x_px: float, frame_y_px: float) -> tuple[float, float]:
        """Where a photo-frame pixel shows on the figure image (pixels from its top left)."""
        _, height = self.fig.canvas.get_width_height()
        x, y = self.ax.transData.transform((frame_x_px, frame_y_px))
        return float(x), float(height - y)

    def click_frame_px(self, x: float, y: float) -> None:
        """Add a point at a photo-frame position (what a click does)."""
        needed = len(MEASURE_TASKS[self.values["task"]][1])
        width, height = EXAMPLE_FRAME_PX
        if not (0 <= x <= width and 0 <= y <= height):
            self._message = "That click was outside the photo."
        else:
            self._message = ""
            if len(self._points) >= needed:
                self._points = []
            self._points.append((float(x), float(y)))
        self.update()

    def _on_click(self, event: Mapping) -> None:
        try:
            x, y = self.frame_px_of(float(event["dataX"]), float(event["dataY"]))
        except (KeyError, TypeError, ValueError):
            self._message = "The click's position could not be read; click again."
            self.update()
            return
        self.click_frame_px(x, y)
