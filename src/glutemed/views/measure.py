"""Measure yourself: the example photo drawn from the model, the photo on screen, the clicked marks.

:func:`render_example_photo` paints the model's posed leg
(:func:`glutemed.measure.example_photo`) as a simple picture with round
stickers on the landmarks, so the measuring panel works without a camera.
:func:`draw_photo` / :func:`update_photo` show any photo in a fixed frame;
:func:`draw_marks` / :func:`update_marks` draw the clicked points, the lines
between them and the angle. Views draw; the angle comes from
:mod:`glutemed.measure`.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.lines import Line2D
from matplotlib.patches import Ellipse, Polygon
from matplotlib.text import Text
from numpy.typing import NDArray

from glutemed.measure import EXAMPLE_SCALE_PX_PER_M, ExamplePhoto
from glutemed.views.style import OKABE_ITO, styled

__all__ = ["MarkArtists", "draw_marks", "draw_photo", "render_example_photo", "update_marks", "update_photo"]

_SKIN = "#E0AC8A"
_SKIN_SHADE = "#C98E6B"
_SHORTS = "#3B4A6B"
_SHIRT = "#8FB9A8"
_WALL = "#EEF1F4"
_FLOOR = "#C9C2B8"
_MARK = OKABE_ITO["vermilion"]


def _width_pt(width_m: float) -> float:
    """A body part's width in metres as a Matplotlib line width at 100 dpi (points)."""
    return width_m * EXAMPLE_SCALE_PX_PER_M * 72.0 / 100.0


class _ExamplePainter:
    """One off-screen figure for the example photo: its artists are built once and moved per example."""

    def __init__(self, frame_px: tuple[int, int], n_points: int):
        width, height = frame_px
        self.fig = Figure(figsize=(width / 100.0, height / 100.0), dpi=100)
        FigureCanvasAgg(self.fig)
        ax = self.fig.add_axes((0.0, 0.0, 1.0, 1.0))
        ax.set_xlim(0, width)
        ax.set_ylim(height, 0)
        ax.set_axis_off()
        self.size = (width, height)
        ax.add_patch(Polygon([(0, 0), (width, 0), (width, height), (0, height)], facecolor=_WALL, edgecolor="none"))
        self.floor = ax.add_patch(Polygon(np.zeros((4, 2)), facecolor=_FLOOR, edgecolor="none"))
        self.trunk = ax.add_patch(Polygon(np.zeros((4, 2)), facecolor=_SHIRT, edgecolor="none"))
        (self.swing,) = ax.plot([], [], color=_SKIN_SHADE, linewidth=_width_pt(0.11), solid_capstyle="round")
        (self.thigh,) = ax.plot([], [], color=_SKIN, linewidth=_width_pt(0.14), solid_capstyle="round")
        (self.shank,) = ax.plot([], [], color=_SKIN, linewidth=_width_pt(0.10), solid_capstyle="round")
        self.foot = ax.add_patch(Ellipse((0, 0), 0.11 * EXAMPLE_SCALE_PX_PER_M, 22, facecolor="#555555"))
        self.shorts = ax.add_patch(Polygon(np.zeros((4, 2)), facecolor=_SHORTS, edgecolor="none"))
        self.stickers = [ax.add_patch(Ellipse((0, 0), 15, 15, facecolor="white", edgecolor="black", linewidth=1.5,
                                              zorder=10)) for _ in range(n_points)]
        self.crosses = [ax.plot([], [], marker="+", color="black", markersize=6, markeredgewidth=1.0,
                                zorder=11)[0] for _ in range(n_points)]

    def paint(self, example: ExamplePhoto) -> NDArray[np.uint8]:
        width, _ = self.size
        leg, pelvis = example.outline_px["leg"], example.outline_px["pelvis"]
        floor = leg[2, 1] + 12.0
        self.floor.set_xy([(0, floor), (width, floor), (width, self.size[1]), (0, self.size[1])])
        corners = pelvis[np.isfinite(pelvis[:, 0])]
        left, right, top = corners[:, 0].min(), corners[:, 0].max(), corners[:, 1].min()
        # trunk (leaves the frame at the top), shorts over the pelvis
        self.trunk.set_xy([(left + 8, top + 10), (right - 8, top + 10), (right + 12, 0), (left - 12, 0)])
        other, hip = example.outline_px["other_hip"], leg[0]
        knee_up = other + np.array([0.0, 0.28 * EXAMPLE_SCALE_PX_PER_M])  # the swing leg, lifted
        foot_up = knee_up + np.array([0.0, 0.12 * EXAMPLE_SCALE_PX_PER_M])
        swing = np.array([other, knee_up, foot_up])
        self.swing.set_data(swing[:, 0], swing[:, 1])
        self.thigh.set_data(leg[:2, 0], leg[:2, 1])
        self.shank.set_data(leg[1:, 0], leg[1:, 1])
        self.foot.set_center((leg[2, 0], leg[2, 1] + 6))
        self.shorts.set_xy([[left - 6, top + 6], [right + 6, top + 6],
                            [max(right, other[0], hip[0]) + 14, hip[1] + 45],
                            [min(left, other[0], hip[0]) - 14, hip[1] + 45]])
        for sticker, cross, point in zip(self.stickers, self.crosses, example.points_px.values()):
            sticker.set_center(tuple(point))
            cross.set_data([point[0]], [point[1]])
        self.fig.canvas.draw()
        return np.asarray(self.fig.canvas.buffer_rgba())[..., :3].copy()


@functools.lru_cache(maxsize=8)
def _painter(frame_px: tuple[int, int], n_points: int) -> _ExamplePainter:
    return _ExamplePainter(frame_px, n_points)


def render_example_photo(example: ExamplePhoto) -> NDArray[np.uint8]:
    """Paint the example as an RGB image of ``example.frame_px`` (width, height); stickers on the landmarks.

    A picture for clicking, not anatomy: limbs are rounded bars along the
    model's joint centres, the swing leg hangs from the other hip. One
    figure per frame size is drawn once and its artists moved for each
    example (a new figure per example took twice as long).

    Examples
    --------
    >>> from glutemed.measure import example_photo
    >>> render_example_photo(example_photo()).shape
    (640, 480, 3)
    """
    return _painter(tuple(example.frame_px), len(example.points_px)).paint(example)


def draw_photo(ax: Axes, image: NDArray[np.uint8]) -> AxesImage:
    """Show a photo filling fixed axes (pixel coordinates, y down); the axes keep these limits."""
    height, width = image.shape[:2]
    with styled():
        # bilinear: the frame is shown at about its own size (a 2-3 % shrink), where it looks as smooth as
        # "antialiased" at two-thirds of the drawing time
        artist = ax.imshow(_opaque_rgba(image), extent=(0, width, height, 0), interpolation="bilinear")
        ax.set_xlim(0, width)
        ax.set_ylim(height, 0)
        ax.set_xticks([])
        ax.set_yticks([])
    return artist


def update_photo(artist: AxesImage, image: NDArray[np.uint8]) -> None:
    """Show another photo of the same frame size."""
    artist.set_data(_opaque_rgba(image))


def _opaque_rgba(image: NDArray[np.uint8]) -> NDArray[np.uint8]:
    """An RGB photo with an opaque alpha channel: Matplotlib draws RGBA bytes a third faster than RGB."""
    rgba = np.empty(image.shape[:2] + (4,), dtype=np.uint8)
    rgba[..., :3] = image[..., :3]
    rgba[..., 3] = 255
    return rgba


@dataclass
class MarkArtists:
    """The clicked points, the lines between them, the reference line and the angle."""

    points: Line2D
    path: Line2D
    reference: Line2D
    names: list[Text]
    angle: Text
    caption: Text

    def all(self) -> list:
        """Every moving artist."""
        return [self.reference, self.path, self.points, *self.names, self.angle, self.caption]


def draw_marks(ax: Axes, slots: int = 3) -> MarkArtists:
    """Empty marks (filled by :func:`update_marks`); ``slots`` is the most points a task needs."""
    with styled():
        (reference,) = ax.plot([], [], color=OKABE_ITO["sky_blue"], linestyle=":", linewidth=2.0, zorder=3)
        (path,) = ax.plot([], [], color=_MARK, linewidth=2.5, zorder=4)
        (points,) = ax.plot([], [], linestyle="none", marker="o", markersize=9, markerfacecolor="none",
                            markeredgecolor=_MARK, markeredgewidth=2.5, zorder=5)
        names = [ax.text(0, 0, "", color=_MARK, fontsize=12, fontweight="bold", zorder=6) for _ in range(slots)]
        angle = ax.text(0.03, 0.97, "", transform=ax.transAxes, va="top", ha="left", fontsize=15, zorder=6,
                        color="black", bbox={"facecolor": "white", "edgecolor": _MARK, "pad": 4})
        caption = ax.text(0.98, 0.02, "", transform=ax.transAxes, va="bottom", ha="right", fontsize=10, zorder=6,
                          color="#333333", bbox={"facecolor": "white", "edgecolor": "none", "pad": 2, "alpha": 0.8})
    return MarkArtists(points, path, reference, names, angle, caption)


def update_marks(artists: MarkArtists, points_px: Sequence[Sequence[float]], names: Sequence[str],
                 angle_text: str, caption: str = "") -> None:
    """Show the clicked points with their names, the path through them, ``angle_text`` and a ``caption``.

    With three points (hip, knee, ankle) the dotted hip-ankle line is drawn too.
    """
    pts = np.asarray(points_px, dtype=float).reshape(-1, 2)
    artists.points.set_data(pts[:, 0], pts[:, 1])
    artists.path.set_data(pts[:, 0], pts[:, 1])
    if len(pts) == 3:
        artists.reference.set_data(pts[[0, 2], 0], pts[[0, 2], 1])
    else:
        artists.reference.set_data([], [])
    for i, text in enumerate(artists.names):
        if i < len(pts):
            text.set_text(f"{i + 1} {names[i]}")
            text.set_position((pts[i, 0] + 12, pts[i, 1] - 8))
        else:
            text.set_text("")
    artists.angle.set_text(angle_text)
    artists.angle.set_visible(bool(angle_text))
    artists.caption.set_text(caption)
