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
whose point moves (``update_*``) moves with it, without new artists. A view
that moves a label's point calls :func:`mark_moved`; before the next frame is
drawn (whole, or blitted artist by artist) the figure re-checks those labels
and moves any that a line now crosses (:func:`refresh_moved`: one test per
label when nothing collides, a few milliseconds per widget step). Labels on
fixed points are drawn with the background and are not re-checked.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox

from glutemed.views.strokes import Segments, drawn_strokes

__all__ = ["DIRECTIONS", "add_label", "has_moved_labels", "has_unplaced_labels", "mark_moved", "place_labels",
           "refresh_labels", "refresh_moved"]

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
_REL = {"left": 0.0, "center": 0.5, "right": 1.0, "bottom": 0.0, "top": 1.0}
_MOVED = "_glutemed_moved"
_SPOT = "_glutemed_spot"


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
    """Whether :func:`place_labels` still has work to do (a visible label not placed yet)."""
    return any(not getattr(t, _PLACED) and t.get_visible() for t in _labels(fig))


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
    strokes = {id(ax): drawn_strokes(ax) for ax in fig.axes}
    leaders = Segments()
    # every labelled point, so that no label covers a point another label names
    points = {id(ax): [] for ax in fig.axes}
    for note in labels:
        points[id(note.axes)].append((note, note.axes.transData.transform(note.xy)))
    pad = 3.0
    dpi = fig.dpi
    for note in labels:
        if getattr(note, _PLACED) or not note.get_visible():
            continue
        ax = note.axes
        area = _extent(ax.bbox)
        note.update_positions(renderer)
        size = np.array(Text.get_window_extent(note, renderer).size)
        best, fewest = None, None
        # the point the label names now (a view may have moved it since add_label), then the alternatives
        for xy, order in [(tuple(note.xy), getattr(note, _PREFER)), *getattr(note, _ANCHORS)]:
            anchor = ax.transData.transform(xy)

            def faults(raw: Bbox, direction: str, anchor=anchor) -> int:
                box = _extent(raw, pad)
                outside = box[0] < area[0] or box[1] < area[1] or box[2] > area[2] or box[3] > area[3]
                count = 2 * outside + _overlaps(box, taken) + _covers(box, points[id(ax)], note)
                if count == 0 or fewest is None or count < fewest:  # only then the costlier tests
                    count += 2 * strokes[id(ax)].hit(box) + _leader_hits(anchor, raw, taken)
                    if note.arrow_patch is not None:
                        count += leaders.hit_segment(_leader_segment(_relpos(direction), anchor, raw))
                return count

            spot, found = _search(note, anchor, order, size, dpi, faults)
            if fewest is None or found < fewest:
                best, fewest = (xy, *spot), found
            if fewest == 0:
                break
        note.xy = best[0]
        anchor = ax.transData.transform(note.xy)
        _try(note, *best[1:], renderer)
        raw = Text.get_window_extent(note, renderer)
        taken = np.vstack([taken, _extent(raw)])
        if note.arrow_patch is not None:
            segment = _leader_segment(_relpos(best[1]), anchor, raw)
            strokes[id(ax)].add(segment)
            leaders.add(segment)
        setattr(note, _PLACED, True)
    fig._glutemed_laid_out = True


def mark_moved(notes: Iterable[Annotation]) -> None:
    """Note that a view moved these labels' points: the figure re-checks them before drawing them.

    :class:`~glutemed.views.style.StyledFigure` then calls
    :func:`refresh_moved` once per frame, after every view has moved its
    lines, whether it is drawn whole or blitted artist by artist.
    """
    for note in notes:
        if hasattr(note, _PLACED):
            setattr(note, _MOVED, True)
            note.get_figure(root=True)._glutemed_moved = True


def refresh_moved(fig: Figure) -> None:
    """Re-check, and move if they collide, every label of ``fig`` marked by :func:`mark_moved`."""
    fig._glutemed_moved = False
    moved = [t for t in _labels(fig) if getattr(t, _MOVED, False)]
    for note in moved:
        setattr(note, _MOVED, False)
    refresh_labels(moved)


def has_moved_labels(fig: Figure) -> bool:
    """Whether some label of ``fig`` waits for :func:`refresh_moved`."""
    return bool(getattr(fig, "_glutemed_moved", False))


def refresh_labels(notes: Iterable[Annotation]) -> None:
    """After a view moved its points: move each of ``notes`` whose spot is no longer free to a free one.

    Cheap when nothing collides (one test per label), so a widget can call it
    at every step. Labels not yet placed are left to :func:`place_labels`
    while the figure has not been drawn; after that (a label hidden at the
    first draw, shown by a later step that is blitted, not drawn whole) a
    shown label gets its first spot here. Only the label's own axes is
    searched: its lines, its texts and the points its other labels name.
    """
    notes = [n for n in notes if n.get_visible() and hasattr(n, _PLACED)]
    notes = [n for n in notes
             if getattr(n, _PLACED) or getattr(n.get_figure(root=True), "_glutemed_laid_out", False)]
    if not notes:
        return
    canvas = notes[0].get_figure(root=True).canvas
    if not hasattr(canvas, "get_renderer"):
        return
    renderer = canvas.get_renderer()
    dpi = notes[0].get_figure(root=True).dpi
    mine = {id(n) for n in notes}
    for ax in {id(n.axes): n.axes for n in notes}.values():
        strokes: Segments | None = None
        others = [t for t in ax.texts if id(t) not in mine and t.get_visible() and t.get_text().strip()]
        taken = np.array([_extent(_cached_extent(t, renderer)) for t in others]).reshape(-1, 4)
        points = [(t, ax.transData.transform(t.xy)) for t in ax.texts if hasattr(t, _PLACED)]
        area = _extent(ax.bbox)
        for note in (n for n in notes if n.axes is ax):
            anchor = ax.transData.transform(note.xy)
            if strokes is None:
                strokes = drawn_strokes(ax)

            def faults(raw: Bbox, direction: str | None = None) -> int:
                box = _extent(raw, 2.0)
                outside = box[0] < area[0] or box[1] < area[1] or box[2] > area[2] or box[3] > area[3]
                return (2 * outside + _overlaps(box, taken) + _covers(box, points, note)
                        + 2 * strokes.hit(box) + _leader_hits(anchor, raw, taken))

            size = _text_size(note, renderer)
            spot = getattr(note, _SPOT)
            raw = _box_at(anchor, *spot, size, dpi)
            if not getattr(note, _PLACED) or faults(raw):
                spot, _ = _search(note, anchor, getattr(note, _PREFER), size, dpi, faults)
                _set_spot(note, *spot)
                raw = _box_at(anchor, *spot, size, dpi)
                setattr(note, _PLACED, True)
            taken = np.vstack([taken, _extent(raw)])


def _text_size(note: Annotation, renderer) -> np.ndarray:
    """The label's (width, height) in pixels, remembered while its text and font stay the same."""
    key = (note.get_text(), note.get_fontsize(), note.get_fontweight(), note.get_fontstyle())
    cached = getattr(note, "_glutemed_size", None)
    if cached is None or cached[0] != key:
        cached = (key, np.array(Text.get_window_extent(note, renderer).size))
        note._glutemed_size = cached
    return cached[1]


def _cached_extent(t: Text, renderer) -> Bbox:
    """A text's extent, remembered while its text, place and alignment stay the same."""
    key = (t.get_text(), t.get_position(), getattr(t, "xy", None), getattr(t, "xyann", None),
           t.get_ha(), t.get_va(), t.get_fontsize(), id(renderer))
    cached = getattr(t, "_glutemed_extent", None)
    if cached is None or cached[0] != key:
        if isinstance(t, Annotation):
            t.update_positions(renderer)
        cached = (key, Text.get_window_extent(t, renderer))
        t._glutemed_extent = cached
    return cached[1]


def _box_at(anchor: np.ndarray, direction: str, radius_pt: float, size: np.ndarray, dpi: float) -> Bbox:
    """Where the text of ``size`` (w, h px) lands at ``radius_pt`` from ``anchor`` in ``direction``.

    The same arithmetic as Matplotlib's alignment, without laying the text out again.
    """
    dx, dy = DIRECTIONS[direction]
    ha, va = _alignment(dx, dy)
    x = anchor[0] + dx * radius_pt * dpi / 72.0 - _REL[ha] * size[0]
    y = anchor[1] + dy * radius_pt * dpi / 72.0 - (_REL[va] if va != "center" else 0.5) * size[1]
    return Bbox.from_bounds(x, y, size[0], size[1])


def _relpos(direction: str) -> tuple[float, float]:
    ha, va = _alignment(*DIRECTIONS[direction])
    return _REL[ha], (_REL[va] if va != "center" else 0.5)


def _search(note: Annotation, anchor: np.ndarray, order: Sequence[str], size: np.ndarray, dpi: float,
            faults) -> tuple[tuple[str, float], int]:
    """The first candidate spot with no fault, else the one with the fewest; and its fault count."""
    best, fewest = None, None
    for name, r in _candidates(order, getattr(note, _RADII)):
        found = faults(_box_at(anchor, name, r, size, dpi), name)
        if fewest is None or found < fewest:
            best, fewest = (name, r), found
        if found == 0:
            break
    return best, fewest


def _candidates(order: Sequence[str], radii: Sequence[float]) -> list[tuple[str, float]]:
    """The spots to try: the first preferred direction at every distance up to the middle one,
    then every direction at every distance, nearest first."""
    near = [r for r in radii if r <= radii[len(radii) // 2]]
    first = [(order[0], r) for r in near]
    return first + [(name, r) for r in radii for name in order if (name, r) not in first]




def _set_spot(note: Annotation, direction: str, radius_pt: float) -> None:
    """Put the label at ``radius_pt`` from its point in ``direction``, aligned away from the point."""
    dx, dy = DIRECTIONS[direction]
    note.xyann = (dx * radius_pt, dy * radius_pt)
    setattr(note, _SPOT, (direction, radius_pt))
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


def _leader_segment(relpos: tuple[float, float], anchor: np.ndarray, box: Bbox) -> np.ndarray:
    """The leader's segment in pixels: from the text's corner facing the point to the point."""
    rx, ry = relpos
    return np.array([[box.x0 + rx * box.width, box.y0 + ry * box.height], anchor])


def _covers(box: np.ndarray, points: list[tuple[Annotation, np.ndarray]], note: Annotation) -> int:
    """Whether the box (x0, y0, x1, y1) covers a point that another label names."""
    return int(any(other is not note and box[0] <= p[0] <= box[2] and box[1] <= p[1] <= box[3]
                   for other, p in points))


def _nearest_point(box: Bbox, p: np.ndarray) -> np.ndarray:
    return np.array([min(max(p[0], box.x0), box.x1), min(max(p[1], box.y0), box.y1)])


def _leader_hits(anchor: np.ndarray, box: Bbox, taken: np.ndarray) -> int:
    """Whether the leader from ``anchor`` to the label box runs through another text (boxes (n, 4))."""
    if not len(taken):
        return 0
    p = anchor
    d = _nearest_point(box, anchor) - p  # close enough to the drawn leader
    t0 = np.zeros(len(taken))
    t1 = np.ones(len(taken))
    ok = np.ones(len(taken), dtype=bool)
    with np.errstate(divide="ignore", invalid="ignore"):
        for k in (0, 1):
            lo, hi = taken[:, k], taken[:, k + 2]
            if abs(d[k]) < 1e-12:
                ok &= (p[k] >= lo) & (p[k] <= hi)
                continue
            a, b = (lo - p[k]) / d[k], (hi - p[k]) / d[k]
            t0, t1 = np.maximum(t0, np.minimum(a, b)), np.minimum(t1, np.maximum(a, b))
    return int(np.any(ok & (t0 <= t1)))


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
