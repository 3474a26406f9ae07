"""What is drawn, as line segments in pixels: the strokes a label must not cross.

:func:`drawn_strokes` collects every visible line (its strokes and the
squares of its markers), arc and free arrow of an axes as :class:`Segments`,
which answer whether a text box or a leader line would cross any of them.
Used by :mod:`glutemed.views.labels`.
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Arc, FancyArrowPatch
from matplotlib.transforms import Bbox

__all__ = ["Segments", "drawn_strokes", "finite_pieces", "line_segments"]


class Segments:
    """Line segments in pixels, each with the box it is drawn inside (its clip box, or everywhere)."""

    def __init__(self) -> None:
        self._parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        self._joined: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None

    def add(self, poly: np.ndarray, clip: Bbox | None = None) -> None:
        poly = np.asarray(poly, dtype=float)
        if len(poly) < 2:
            return
        extent = [clip.x0, clip.y0, clip.x1, clip.y1] if clip is not None else [-np.inf, -np.inf, np.inf, np.inf]
        self._parts.append((poly[:-1], poly[1:], np.tile(extent, (len(poly) - 1, 1))))
        self._joined = None

    def add_segments(self, starts: np.ndarray, ends: np.ndarray, clip: Bbox | None = None) -> None:
        extent = [clip.x0, clip.y0, clip.x1, clip.y1] if clip is not None else [-np.inf, -np.inf, np.inf, np.inf]
        self._parts.append((np.asarray(starts, float), np.asarray(ends, float), np.tile(extent, (len(starts), 1))))
        self._joined = None

    @property
    def p(self) -> np.ndarray:
        return self._join()[0]

    @property
    def q(self) -> np.ndarray:
        return self._join()[1]

    @property
    def clip(self) -> np.ndarray:
        return self._join()[2]

    def _join(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if self._joined is None:
            if self._parts:
                self._joined = tuple(np.concatenate(k) for k in zip(*self._parts))
            else:
                self._joined = (np.empty((0, 2)), np.empty((0, 2)), np.empty((0, 4)))
        return self._joined

    def hit(self, box: np.ndarray) -> bool:
        """Whether any segment passes through ``box`` = (x0, y0, x1, y1) where it is drawn (Liang-Barsky)."""
        if not len(self.p):
            return False
        lo = np.maximum(box[:2], self.clip[:, :2])
        hi = np.minimum(box[2:], self.clip[:, 2:])
        ok = np.all(lo <= hi, axis=1)
        d = self.q - self.p
        t0 = np.zeros(len(d))
        t1 = np.ones(len(d))
        with np.errstate(divide="ignore", invalid="ignore"):
            for k in (0, 1):
                dk, pk = d[:, k], self.p[:, k]
                flat = np.abs(dk) < 1e-12
                ok &= ~(flat & ((pk < lo[:, k]) | (pk > hi[:, k])))
                a, b = (lo[:, k] - pk) / dk, (hi[:, k] - pk) / dk
                t0 = np.maximum(t0, np.where(flat, -np.inf, np.minimum(a, b)))
                t1 = np.minimum(t1, np.where(flat, np.inf, np.maximum(a, b)))
        return bool(np.any(ok & (t0 <= t1)))

    def hit_segment(self, segment: np.ndarray) -> bool:
        """Whether ``segment`` properly crosses any of the segments (touching at an end does not count)."""
        if not len(self.p):
            return False
        a, r = segment[0], segment[1] - segment[0]
        s = self.q - self.p
        denom = r[0] * s[:, 1] - r[1] * s[:, 0]
        w = self.p - a
        with np.errstate(divide="ignore", invalid="ignore"):
            t = (w[:, 0] * s[:, 1] - w[:, 1] * s[:, 0]) / denom
            u = (w[:, 0] * r[1] - w[:, 1] * r[0]) / denom
        eps = 1e-6
        return bool(np.any((np.abs(denom) > 1e-12) & (t > eps) & (t < 1 - eps) & (u > eps) & (u < 1 - eps)))


def drawn_strokes(ax: Axes) -> Segments:
    """Drawn strokes of ``ax`` in pixels (a marker as the outline of its square).

    Each artist's segments are remembered while its data, its transform and
    its clip box stay the same, so a widget step recomputes only what moved.
    """
    out = Segments()
    affine = ax.transData.get_affine().get_matrix().tobytes()
    for line in ax.get_lines():
        if not line.get_visible():
            continue
        clip = line.get_clip_box() if line.get_clip_on() else None
        data = np.asarray(line.get_xydata(), dtype=float)
        key = (data.tobytes(), affine, None if clip is None else tuple(clip.bounds), line.get_linestyle(),
               line.get_marker(), line.get_markersize(), str(line.get_markevery()))
        cached = getattr(line, "_glutemed_segments", None)
        if cached is None or cached[0] != key:
            cached = (key, line_segments(ax, line, data, clip))
            line._glutemed_segments = cached
        out._parts.extend(cached[1])
    for patch in ax.patches:
        if patch.get_visible() and isinstance(patch, (Arc, FancyArrowPatch)):
            clip = patch.get_clip_box() if patch.get_clip_on() else None
            path = patch.get_transform().transform_path(patch.get_path())
            for poly in path.to_polygons(closed_only=False):
                for piece in finite_pieces(np.asarray(poly)):
                    out.add(piece, clip)
    out._joined = None
    return out


def line_segments(ax: Axes, line, data: np.ndarray, clip: Bbox | None) -> list:
    """The parts (starts, ends, clip boxes) of one line's strokes and marker squares, in pixels."""
    part = Segments()
    xy = line.get_transform().transform(data)
    if line.get_linestyle() not in ("None", "", " ") and line.get_linewidth() > 0:
        if np.all(np.isfinite(xy)):
            part.add(xy, clip)
        else:
            for piece in finite_pieces(xy):
                part.add(piece, clip)
    if line.get_marker() not in (None, "None", "", " ") and line.get_markersize() > 0:
        r = line.get_markersize() * ax.figure.dpi / 72 / 2
        every = line.get_markevery()
        if isinstance(every, (int, np.integer)):
            pts = xy[::int(every)]
        elif isinstance(every, (list, tuple)):
            pts = xy[list(every)]
        else:
            pts = xy
        pts = pts[np.all(np.isfinite(pts), axis=1)]
        if len(pts):  # the four sides of each marker's square, all at once
            corners = np.array([[-r, -r], [r, -r], [r, r], [-r, r]])
            starts = (pts[:, None, :] + corners[None]).reshape(-1, 2)
            ends = (pts[:, None, :] + np.roll(corners, -1, axis=0)[None]).reshape(-1, 2)
            part.add_segments(starts, ends, clip)
    return part._parts


def finite_pieces(xy: np.ndarray) -> list[np.ndarray]:
    """The runs of at least two finite points of a polyline ``(n, 2)`` (NaN breaks a drawn line)."""
    ok = np.all(np.isfinite(xy), axis=1)
    pieces, start = [], None
    for i, good in enumerate([*ok, False]):
        if good and start is None:
            start = i
        elif not good and start is not None:
            if i - start >= 2:
                pieces.append(xy[start:i])
            start = None
    return pieces
