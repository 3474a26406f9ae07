"""Direct labels placed clear of every line: a label names a point, and finds itself a free spot.

A view calls :func:`add_label` with the point a label names (a landmark, a
line's end, an arrow) and the directions it would like the label to sit in.
The label is an ``Annotation`` with a thin leader line to its point. The first
time a :class:`~glutemed.views.style.StyledFigure` is drawn, the figure's
final layout is known and :func:`place_labels` moves each label to the first
of its candidate spots (nearest first) where the text

* lies inside its axes,
* is crossed by no drawn line (``Line2D`` segments and markers, ``Arc``,
  free ``FancyArrowPatch``; its own leader does not count), and
* overlaps no other text (titles, tick labels, labels placed before it).

The spot is kept as an offset in points from the labelled point, so a label
whose point moves (``update_*``) moves with it, without new artists.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Arc, FancyArrowPatch
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox

__all__ = ["DIRECTIONS", "add_label", "has_unplaced_labels", "place_labels"]

#: Unit vectors (right, up) of the named directions a label may prefer.
DIRECTIONS: dict[str, tuple[float, float]] = {
    "E": (1.0, 0.0), "ENE": (0.9239, 0.3827), "NE": (0.7071, 0.7071), "NNE": (0.3827, 0.9239),
    "N": (0.0, 1.0), "NNW": (-0.3827, 0.9239), "NW": (-0.7071, 0.7071), "WNW": (-0.9239, 0.3827),
    "W": (-1.0, 0.0), "WSW": (-0.9239, -0.3827), "SW": (-0.7071, -0.7071), "SSW": (-0.3827, -0.9239),
    "S": (0.0, -1.0), "SSE": (0.3827, -0.9239), "SE": (0.7071, -0.7071), "ESE": (0.9239, -0.3827),
}
_RADII_PT = (5.0, 12.0, 20.0, 30.0, 42.0, 56.0, 72.0, 90.0, 110.0)
_ALL = ("E", "NE", "N", "NW", "W", "SW", "S", "SE", "ENE", "NNE", "NNW", "WNW", "WSW", "SSW", "SSE", "ESE")
_PLACED = "_glutemed_placed"
_RADII = "_glutemed_radii"
_ANCHORS = "_glutemed_anchors"
_PREFER = "_glutemed_prefer"
_PRIORITY = "_glutemed_priority"


def _alignment(dx: float, dy: float) -> tuple[str, str]:
    ha = "left" if dx > 0.3 else "right" if dx < -0.3 else "center"
    va = "bottom" if dy > 0.3 else "top" if dy < -0.3 else "center"
    return ha, va


def add_label(ax: Axes, text: str, xy: Sequence[float], prefer: Iterable[str] = _ALL,
              radii_pt: Sequence[float] = _RADII_PT, leader: bool = True,
              alternatives: Sequence[tuple[Sequence[float], Iterable[str]]] = (), only_preferred: bool = False,
              priority: int = 0, **kwargs) -> Annotation:
    """A label for the point ``xy`` (data coordinates), to be placed clear of lines at first draw.

    Parameters
    ----------
    ax : Axes
    text : str
    xy : (float, float)
        The labelled point, data coordinates.
    prefer : iterable of str
        Directions from :data:`DIRECTIONS`, most wanted first; at each distance
        (``radii_pt``, nearest first) they are tried in this order, then the
        others.
    leader : bool
        Draw a thin leader line from the label to the point.
    alternatives : sequence of ((float, float), directions)
        Other points the label may sit by instead, each with its preferred
        directions, tried in turn when no spot around ``xy`` is free (e.g.
        either end of a reference line).
    only_preferred : bool
        Never try the directions not in ``prefer`` (for a label whose side
        carries meaning, e.g. above or below a zero line).
    priority : int
        Labels of higher priority are placed first (they get the spots
        nearest their points); equal priorities go in the order made.
    **kwargs
        Text properties (``color``, ``fontweight``, ...).

    Examples
    --------
    >>> from glutemed.views.style import new_figure
    >>> fig = new_figure(6, 4)
    >>> ax = fig.add_subplot()
    >>> _ = ax.plot([0, 1], [0, 1])
    >>> note = add_label(ax, "the middle", (0.5, 0.5), prefer=["NW"])
    >>> fig.canvas.draw()  # placed here: up and to the left, clear of the line
    >>> dx, dy = note.xyann
    >>> bool(dx < 0 < dy)
    True
    """
    order = _order(prefer, only_preferred)
    # the leader runs from the text's corner facing the point (no clipping against the text's box,
    # no shrinking: both cost milliseconds at every blitted frame)
    arrow = {"arrowstyle": "-", "color": kwargs.get("color", "#444444"), "linewidth": 1.2,
             "shrinkA": 0.0, "shrinkB": 0.0, "patchA": None} if leader else None
    note = ax.annotate(text, xy=tuple(float(v) for v in xy), xytext=(0.0, 0.0), textcoords="offset points",
                       arrowprops=arrow, zorder=9, **kwargs)
    _set_spot(note, order[0], radii_pt[0])
    note.set_in_layout(False)
    setattr(note, _PLACED, False)
    setattr(note, _RADII, tuple(radii_pt))
    setattr(note, _PREFER, order)
    setattr(note, _PRIORITY, int(priority))
    setattr(note, _ANCHORS, [(tuple(float(v) for v in p), _order(d, only_preferred)) for p, d in alternatives])
    return note


def _order(prefer: Iterable[str], only: bool = False) -> list[str]:
    """The preferred directions first, then (unless ``only``) the others."""
    prefer = [d for d in prefer if d in DIRECTIONS]
    return prefer if only else prefer + [d for d in _ALL if d not in prefer]


def _labels(fig: Figure) -> list[Annotation]:
    """The labels of :func:`add_label` in ``fig``, highest priority first (stable)."""
    found = [t for ax in fig.axes for t in ax.texts if isinstance(t, Annotation) and hasattr(t, _PLACED)]
    return sorted(found, key=lambda t: -getattr(t, _PRIORITY))


def has_unplaced_labels(fig: Figure) -> bool:
    """Whether :func:`place_labels` still has work to do."""
    return any(not getattr(t, _PLACED) for t in _labels(fig))


class _Segments:
    """Line segments in pixels, each with the box it is drawn inside (its clip box, or everywhere)."""

    def __init__(self) -> None:
        self.p = np.empty((0, 2))
        self.q = np.empty((0, 2))
        self.clip = np.empty((0, 4))

    def add(self, poly: np.ndarray, clip: Bbox | None = None) -> None:
        poly = np.asarray(poly, dtype=float)
        if len(poly) < 2:
            return
        extent = [clip.x0, clip.y0, clip.x1, clip.y1] if clip is not None else [-np.inf, -np.inf, np.inf, np.inf]
        self.p = np.vstack([self.p, poly[:-1]])
        self.q = np.vstack([self.q, poly[1:]])
        self.clip = np.vstack([self.clip, np.tile(extent, (len(poly) - 1, 1))])

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


def _strokes(ax: Axes) -> _Segments:
    """Drawn strokes of ``ax`` in pixels (a marker as the outline of its square)."""
    out = _Segments()
    for line in ax.get_lines():
        if not line.get_visible():
            continue
        clip = line.get_clip_box() if line.get_clip_on() else None
        xy = line.get_transform().transform(np.asarray(line.get_xydata(), dtype=float))
        if line.get_linestyle() not in ("None", "", " ") and line.get_linewidth() > 0:
            for piece in _split(xy):
                out.add(piece, clip)
        if line.get_marker() not in (None, "None", "", " ") and line.get_markersize() > 0:
            r = line.get_markersize() * ax.figure.dpi / 72 / 2
            every = line.get_markevery()
            if isinstance(every, (int, np.integer)):
                pts = xy[::int(every)]
            elif isinstance(every, (list, tuple)):
                pts = xy[list(every)]
            else:
                pts = xy
            for x, y in pts[np.all(np.isfinite(pts), axis=1)]:
                out.add(np.array([[x - r, y - r], [x + r, y - r], [x + r, y + r], [x - r, y + r], [x - r, y - r]]),
                        clip)
    for patch in ax.patches:
        if patch.get_visible() and isinstance(patch, (Arc, FancyArrowPatch)):
            clip = patch.get_clip_box() if patch.get_clip_on() else None
            path = patch.get_transform().transform_path(patch.get_path())
            for poly in path.to_polygons(closed_only=False):
                for piece in _split(np.asarray(poly)):
                    out.add(piece, clip)
    return out


def _split(xy: np.ndarray) -> list[np.ndarray]:
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


def _extent(box: Bbox, pad: float = 0.0) -> np.ndarray:
    return np.array([box.x0 - pad, box.y0 - pad, box.x1 + pad, box.y1 + pad])


def _overlaps(box: np.ndarray, boxes: np.ndarray) -> int:
    """How many of ``boxes`` (n, 4) overlap ``box``."""
    if not len(boxes):
        return 0
    return int(np.sum((boxes[:, 0] < box[2]) & (box[0] < boxes[:, 2]) & (boxes[:, 1] < box[3])
                      & (box[1] < boxes[:, 3])))


def place_labels(fig: Figure) -> None:
    """Move every label of :func:`add_label` in ``fig`` to its first free spot (needs a drawn figure).

    A spot is free when the text is inside its axes, no drawn line and no
    leader of a label placed before crosses it, it overlaps no other text,
    it covers no point another label names, and its own leader crosses no
    other text and no other leader. Where no spot is free, the label takes
    the one with the fewest faults.
    """
    renderer = fig.canvas.get_renderer()
    labels = _labels(fig)
    mine = {id(t) for t in labels}
    taken = np.array([_extent(Text.get_window_extent(t, renderer)) for t in fig.findobj(Text)
                      if id(t) not in mine and t.get_visible() and t.get_text().strip() and _drawn(t)]
                     ).reshape(-1, 4)
    strokes = {id(ax): _strokes(ax) for ax in fig.axes}
    leaders = _Segments()
    # every labelled point, so that no label covers a point another label names
    points = {id(ax): [] for ax in fig.axes}
    for note in labels:
        points[id(note.axes)].append((note, note.axes.transData.transform(note.xy)))
    pad = 3.0
    for note in labels:
        if getattr(note, _PLACED) or not note.get_visible():
            continue
        ax = note.axes
        area = _extent(ax.bbox)
        best, fewest = None, None
        # the point the label names now (a view may have moved it since add_label), then the alternatives
        for xy, order in [(tuple(note.xy), getattr(note, _PREFER)), *getattr(note, _ANCHORS)]:
            note.xy = xy
            anchor = ax.transData.transform(xy)
            for name, r in _candidates(order, getattr(note, _RADII)):
                _try(note, name, r, renderer)
                raw = Text.get_window_extent(note, renderer)
                box = _extent(raw, pad)
                outside = box[0] < area[0] or box[1] < area[1] or box[2] > area[2] or box[3] > area[3]
                faults = 2 * outside + _overlaps(box, taken) + _covers(box, points[id(ax)], note)
                if faults == 0 or fewest is None or faults < fewest:  # only then the costlier tests
                    faults += 2 * strokes[id(ax)].hit(box) + _leader_hits(anchor, raw, taken)
                    if note.arrow_patch is not None:
                        faults += leaders.hit_segment(_leader(note, anchor, raw))
                if fewest is None or faults < fewest:
                    best, fewest = (xy, name, r), faults
                if faults == 0:
                    break
            if fewest == 0:
                break
        note.xy = best[0]
        anchor = ax.transData.transform(note.xy)
        _try(note, *best[1:], renderer)
        raw = Text.get_window_extent(note, renderer)
        taken = np.vstack([taken, _extent(raw)])
        if note.arrow_patch is not None:
            segment = _leader(note, anchor, raw)
            strokes[id(ax)].add(segment)
            leaders.add(segment)
        setattr(note, _PLACED, True)


def _candidates(order: Sequence[str], radii: Sequence[float]) -> list[tuple[str, float]]:
    """The spots to try: the first preferred direction at every distance up to the middle one,
    then every direction at every distance, nearest first."""
    near = [r for r in radii if r <= radii[len(radii) // 2]]
    first = [(order[0], r) for r in near]
    return first + [(name, r) for r in radii for name in order if (name, r) not in first]


_REL = {"left": 0.0, "center": 0.5, "right": 1.0, "bottom": 0.0, "top": 1.0}


def _set_spot(note: Annotation, direction: str, radius_pt: float) -> None:
    """Put the label at ``radius_pt`` from its point in ``direction``, aligned away from the point."""
    dx, dy = DIRECTIONS[direction]
    note.xyann = (dx * radius_pt, dy * radius_pt)
    ha, va = _alignment(dx, dy)
    note.set_ha(ha)
    note.set_va(va)
    # the leader starts at the text's corner (or edge middle) facing the point. Matplotlib keeps
    # this in a private attribute, set from arrowprops["relpos"] only when the annotation is made.
    if note.arrow_patch is not None and hasattr(note, "_arrow_relpos"):
        note._arrow_relpos = (_REL[ha], _REL[va])


def _try(note: Annotation, direction: str, radius_pt: float, renderer) -> None:
    _set_spot(note, direction, radius_pt)
    note.update_positions(renderer)


def _leader(note: Annotation, anchor: np.ndarray, box: Bbox) -> np.ndarray:
    """The leader's segment in pixels: from the text's corner facing the point to the point."""
    rx, ry = getattr(note, "_arrow_relpos", (0.5, 0.5))
    return np.array([[box.x0 + rx * box.width, box.y0 + ry * box.height], anchor])


def _covers(box: np.ndarray, points: list[tuple[Annotation, np.ndarray]], note: Annotation) -> int:
    """Whether the box (x0, y0, x1, y1) covers a point that another label names."""
    return int(any(other is not note and box[0] <= p[0] <= box[2] and box[1] <= p[1] <= box[3]
                   for other, p in points))


def _nearest_point(box: Bbox, p: np.ndarray) -> np.ndarray:
    return np.array([min(max(p[0], box.x0), box.x1), min(max(p[1], box.y0), box.y1)])


def _leader_hits(anchor: np.ndarray, box: Bbox, taken: np.ndarray) -> int:
    """Whether the leader from ``anchor`` to the label box runs through another text."""
    segment = _Segments()
    segment.add(np.array([anchor, _nearest_point(box, anchor)]))  # close enough to the drawn leader
    return int(any(segment.hit(other) for other in taken))


def _drawn(t: Text) -> bool:
    """Whether Matplotlib draws this text (a tick label only if its tick is in use and in view)."""
    ax = t.axes
    if ax is not None and not ax.get_visible():
        return False
    if ax is not None:
        for axis in (ax.xaxis, ax.yaxis):
            lo, hi = sorted(axis.get_view_interval())
            for ticks, locs in ((axis.get_major_ticks(), axis.get_majorticklocs()),
                                (axis.get_minor_ticks(), axis.get_minorticklocs())):
                for i, tick in enumerate(ticks):
                    if t is tick.label1 or t is tick.label2:
                        return i < len(locs) and lo - 1e-9 <= locs[i] <= hi + 1e-9
    return True
