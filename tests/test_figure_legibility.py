"""Figures that read when projected: measured on every static figure and every widget panel.

The rule (issue 12), checked on the rendered figure (Agg, headless). The texts
checked are those Matplotlib actually draws (recorded while drawing: no spare
tick objects, no ticks outside the view); a panel is drawn as the viewer sees
it, its moving (blitted) artists included, in its starting state.

1. **Size.** Every visible, non-empty text is at least
   :data:`~glutemed.views.style.MIN_FONT_PT_PER_INCH` (1.2) points per inch of
   figure width: 16 pt on a 13-inch figure. A figure scaled to the width of a
   projector screen scales its text by the same factor, so this keeps the
   smallest text the same size on the screen whatever the figure's size.
2. **Inside.** Every text's window extent, and every legend's, lies inside
   the figure (nothing cut off).
3. **Not crossed.** No text's extent is crossed by a drawn line. *Drawn
   lines* are the data strokes of every axes: each visible ``Line2D`` with a
   line style (its path segments) or markers (its marker positions), each
   ``Arc`` and each free-standing ``FancyArrowPatch`` (force arrows). Not
   counted: gridlines and spines (they belong to the axes frame, not to
   ``ax.lines``/``ax.patches``), and a label's own leader line, which is
   drawn as the arrow of its ``Annotation`` and so is not a free patch. Tick
   labels are exempt from this check (they sit outside the data area by
   construction). Extents are shrunk by 1 pixel, so a line that only touches
   a text's box does not count.
4. **Not overlapping.** No two texts overlap each other (tick labels included).
5. **Legends** inside an axes cover no drawn line.

:func:`legibility_problems` returns a list of readable complaints; the tests
assert that it is empty for every figure of ``glutemed.figures.FIGURES`` and
every panel of ``glutemed.panels.ALL_PANELS``, and the last tests show that it
catches a tiny font, a label on a line, a label cut off and a legend on a line.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Arc, FancyArrowPatch
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from glutemed.figures import FIGURES
from glutemed.panels import ALL_PANELS
from glutemed.views.style import MIN_FONT_PT_PER_INCH, new_figure

_SLACK_PX = 1.0


def _tick_labels(fig: Figure) -> set[int]:
    """ids of every tick label object of every axis (drawn or not)."""
    every = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            for tick in [*axis.get_major_ticks(), *axis.get_minor_ticks()]:
                every.update((id(tick.label1), id(tick.label2)))
    return every


@contextlib.contextmanager
def _recording_drawn_texts() -> Iterator[dict[int, Text]]:
    """Record every text Matplotlib actually draws (visible, non-empty), in drawing order.

    Measuring what is drawn, rather than walking the artist tree, skips the
    spare tick objects an axis keeps with stale labels and ticks outside the
    view, exactly as the renderer does.
    """
    drawn: dict[int, Text] = {}
    original = Text.draw

    def draw(self, renderer):
        if self.get_visible() and self.get_text().strip():
            drawn[id(self)] = self
        return original(self, renderer)

    Text.draw = draw
    try:
        yield drawn
    finally:
        Text.draw = original


def _strokes(fig: Figure) -> Iterator[tuple[str, list[np.ndarray], np.ndarray, float, Bbox | None]]:
    """(name, polylines px, marker positions px, marker radius px, clip box px) of every drawn line."""
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        for line in ax.get_lines():
            if not line.get_visible():
                continue
            xy = line.get_transform().transform(np.asarray(line.get_xydata(), dtype=float))
            has_line = line.get_linestyle() not in ("None", "", " ") and line.get_linewidth() > 0
            polylines = _split(xy) if has_line else []
            markers = np.empty((0, 2))
            if line.get_marker() not in (None, "None", "", " ") and line.get_markersize() > 0:
                every = line.get_markevery()
                markers = xy if every is None else _marked(xy, every)
                markers = markers[np.all(np.isfinite(markers), axis=1)]
            radius = line.get_markersize() * fig.dpi / 72 / 2
            yield _name(line), polylines, markers, radius, _clip(line)
        for patch in ax.patches:
            if not patch.get_visible() or not isinstance(patch, (Arc, FancyArrowPatch)):
                continue
            path = patch.get_transform().transform_path(patch.get_path())
            polylines = [p for poly in path.to_polygons(closed_only=False) for p in _split(np.asarray(poly))]
            yield _name(patch), polylines, np.empty((0, 2)), 0.0, _clip(patch)


def _name(artist) -> str:
    label = artist.get_label()
    return label if label and not label.startswith("_") else f"unlabelled {type(artist).__name__}"


def _clip(artist) -> Bbox | None:
    """Where the artist is drawn at all (its clip box), or None if unclipped."""
    return artist.get_clip_box() if artist.get_clip_on() else None


def _marked(xy: np.ndarray, every) -> np.ndarray:
    if isinstance(every, (int, np.integer)):
        return xy[::int(every)]
    if isinstance(every, (list, tuple, np.ndarray)) and all(isinstance(i, (int, np.integer)) for i in every):
        return xy[list(every)]
    return xy


def _split(xy: np.ndarray) -> list[np.ndarray]:
    """Break a polyline at non-finite points."""
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


def _segment_hits_box(p: np.ndarray, q: np.ndarray, box: Bbox) -> bool:
    """Liang-Barsky clipping: does segment pq pass through the box?"""
    t0, t1 = 0.0, 1.0
    d = q - p
    for dp, lo, hi, start in ((d[0], box.x0, box.x1, p[0]), (d[1], box.y0, box.y1, p[1])):
        if abs(dp) < 1e-12:
            if start < lo or start > hi:
                return False
            continue
        a, b = (lo - start) / dp, (hi - start) / dp
        a, b = min(a, b), max(a, b)
        t0, t1 = max(t0, a), min(t1, b)
        if t0 > t1:
            return False
    return True


def _crossing(box: Bbox, strokes) -> str | None:
    """The name of the first drawn line that passes through ``box`` (shrunk by the slack), or None."""
    inner = Bbox.from_extents(box.x0 + _SLACK_PX, box.y0 + _SLACK_PX, box.x1 - _SLACK_PX, box.y1 - _SLACK_PX)
    if inner.width <= 0 or inner.height <= 0:
        return None
    for name, polylines, markers, radius, clip in strokes:
        seen = inner if clip is None else Bbox.intersection(inner, clip)
        if seen is None:
            continue
        for poly in polylines:
            for p, q in zip(poly[:-1], poly[1:]):
                if _segment_hits_box(p, q, seen):
                    return name
        if len(markers):
            grown = inner.padded(radius)
            inside = ((markers[:, 0] >= grown.x0) & (markers[:, 0] <= grown.x1)
                      & (markers[:, 1] >= grown.y0) & (markers[:, 1] <= grown.y1))
            if clip is not None:
                inside &= ((markers[:, 0] >= clip.x0) & (markers[:, 0] <= clip.x1)
                           & (markers[:, 1] >= clip.y0) & (markers[:, 1] <= clip.y1))
            if np.any(inside):
                return f"{name} (marker)"
    return None


def _inside(box: Bbox, outer: Bbox) -> bool:
    return (box.x0 >= outer.x0 - _SLACK_PX and box.y0 >= outer.y0 - _SLACK_PX
            and box.x1 <= outer.x1 + _SLACK_PX and box.y1 <= outer.y1 + _SLACK_PX)


def legibility_problems(fig: Figure) -> list[str]:
    """Everything in ``fig`` that breaks the projection rule of this module's docstring."""
    with _recording_drawn_texts() as drawn:
        fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    width_in = float(fig.get_figwidth())
    min_pt = MIN_FONT_PT_PER_INCH * width_in
    texts = list(drawn.values())
    ticks = _tick_labels(fig)
    strokes = list(_strokes(fig))
    problems = []
    boxes = {}
    for t in texts:
        words = repr(t.get_text()[:40])
        if t.get_fontsize() < min_pt - 1e-9:
            problems.append(f"text {words} is {t.get_fontsize():.1f} pt < {min_pt:.1f} pt "
                            f"({MIN_FONT_PT_PER_INCH} pt per inch of a {width_in:g}-inch figure)")
        box = Text.get_window_extent(t, renderer)  # the text alone (an Annotation's includes its leader)
        boxes[id(t)] = box
        if not _inside(box, fig.bbox):
            problems.append(f"text {words} is cut off by the figure's edge")
        if id(t) not in ticks:
            hit = _crossing(box, strokes)
            if hit:
                problems.append(f"text {words} is crossed by the line {hit!r}")
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            pa, pb = boxes[id(a)], boxes[id(b)]
            overlap = Bbox.intersection(pa, pb)
            if overlap is not None and overlap.width > _SLACK_PX and overlap.height > _SLACK_PX:
                problems.append(f"texts {a.get_text()[:30]!r} and {b.get_text()[:30]!r} overlap")
    legends = [*fig.legends, *(ax.get_legend() for ax in fig.axes if ax.get_legend() is not None)]
    for legend in legends:
        if not legend.get_visible():
            continue
        box = legend.get_window_extent(renderer)
        if not _inside(box, fig.bbox):
            problems.append("a legend is cut off by the figure's edge")
        if isinstance(legend.parent, Axes):
            hit = _crossing(box, strokes)
            if hit:
                problems.append(f"a legend covers the line {hit!r}")
    return problems


def _panel_figure(panel_class) -> Figure:
    """The panel's figure as the viewer sees it: background and moving (blitted) artists together."""
    panel = panel_class()
    for artist in panel.renderer.artists:
        artist.set_animated(False)
    return panel.fig


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_static_figure_reads_when_projected(name: str) -> None:
    problems = legibility_problems(FIGURES[name]())
    assert not problems, f"{name}:\n" + "\n".join(problems)


@pytest.mark.parametrize("panel_class", ALL_PANELS, ids=lambda c: c.__name__)
def test_panel_reads_when_projected(panel_class) -> None:
    problems = legibility_problems(_panel_figure(panel_class))
    assert not problems, f"{panel_class.__name__}:\n" + "\n".join(problems)


# --- the checker can fail --------------------------------------------------------------------

def _plain_axes():
    fig = new_figure(8.0, 5.0)
    ax = fig.add_subplot()
    ax.plot([0.0, 1.0], [0.0, 1.0], label="data")
    ax.set_xlim(-0.1, 1.1)
    ax.set_ylim(-0.1, 1.1)
    return fig, ax


def test_a_clean_figure_passes() -> None:
    fig, ax = _plain_axes()
    ax.text(0.05, 0.9, "away from the line")
    ax.set_xlabel("x")
    assert legibility_problems(fig) == []


def test_a_tiny_font_is_caught() -> None:
    fig, ax = _plain_axes()
    ax.text(0.05, 0.9, "too small", fontsize=8)  # 8 pt < 1.2 pt/in x 8 in = 9.6 pt
    assert any("too small" in p and "pt <" in p for p in legibility_problems(fig))


def test_default_matplotlib_tick_labels_on_a_wide_figure_are_caught() -> None:
    """The old figures: 10-11 pt tick labels on a 13-inch figure."""
    fig = Figure(figsize=(13.0, 4.4))
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    fig.add_subplot().plot([0, 1], [0, 1])
    assert any("pt <" in p for p in legibility_problems(fig))


def test_a_label_on_a_line_is_caught() -> None:
    fig, ax = _plain_axes()
    ax.text(0.5, 0.5, "on the line", ha="center", va="center")
    assert any("'on the line' is crossed by the line 'data'" in p for p in legibility_problems(fig))


def test_a_label_on_a_marker_or_arrow_is_caught() -> None:
    fig, ax = _plain_axes()
    ax.plot([0.8], [0.2], marker="o", markersize=12, linestyle="none", label="dot")
    ax.text(0.8, 0.2, "dot", ha="center", va="center")
    ax.add_patch(FancyArrowPatch((0.1, 0.6), (0.4, 0.6), arrowstyle="-|>", mutation_scale=20, label="arrow"))
    ax.text(0.25, 0.6, "arrow", ha="center", va="center")
    problems = legibility_problems(fig)
    assert any("'dot'" in p and "marker" in p for p in problems)
    assert any("'arrow' is crossed by the line 'arrow'" in p for p in problems)


def test_a_leader_line_does_not_count_but_the_label_must_be_clear() -> None:
    fig, ax = _plain_axes()
    ax.annotate("leader", xy=(0.5, 0.5), xytext=(0.1, 0.85), arrowprops={"arrowstyle": "-"})
    assert legibility_problems(fig) == []


def test_a_label_cut_off_and_overlapping_labels_are_caught() -> None:
    fig, ax = _plain_axes()
    fig.text(0.98, 0.5, "runs off the right edge")  # figure texts are not laid out
    ax.text(0.05, 0.9, "first")
    ax.text(0.06, 0.9, "second")
    problems = legibility_problems(fig)
    assert any("cut off" in p for p in problems)
    assert any("overlap" in p for p in problems)


def test_a_legend_on_a_line_is_caught() -> None:
    fig, ax = _plain_axes()
    ax.legend(loc="center")
    assert any("legend" in p and "'data'" in p for p in legibility_problems(fig))


@pytest.mark.parametrize(("panel_class", "moves"), [
    ("StancePanel", {"trunk_lean_deg": 15.0, "cane_force_bw": 0.2}),
    ("StancePanel", {"body_mass_kg": 120.0}),
    ("HipDropPanel", {"strength": 0.0}),
    ("HipDropPanel", {"strength": 1.5, "trunk_lean_deg": 15.0}),
    ("KneeValgusPanel", {"strength": 0.0}),
    ("KneeValgusPanel", {"knee_flexion_deg": 90.0, "extra_hip_rotation_deg": 20.0}),
    ("MomentArmPanel", {"hip_flexion_deg": 90.0, "hip_adduction_deg": -30.0}),
])
def test_moving_labels_stay_clear_when_the_sliders_move(panel_class: str, moves: dict) -> None:
    """Labels on moving points are re-checked at each step and move off the lines that reach them."""
    import glutemed.panels

    panel = getattr(glutemed.panels, panel_class)()
    for name, value in moves.items():
        panel.sliders[name].value = value
    for artist in panel.renderer.artists:
        artist.set_animated(False)
    problems = legibility_problems(panel.fig)
    assert not problems, f"{panel_class} {moves}:\n" + "\n".join(problems)


@pytest.mark.parametrize("panel_class", ALL_PANELS, ids=lambda c: c.__name__)
def test_every_label_that_moves_is_redrawn_at_each_step(panel_class) -> None:
    """A label that a step moves or rewrites must be a blitted (moving) artist, not frozen in the background."""
    from matplotlib.text import Annotation

    panel = panel_class()
    notes = [t for ax in panel.fig.axes for t in ax.texts if isinstance(t, Annotation)]
    before = {id(t): (tuple(t.xy), t.xyann, t.get_text()) for t in notes}
    for slider in panel.sliders.values():
        slider.value = slider.max if slider.value != slider.max else slider.min
    moved = [t for t in notes if (tuple(t.xy), t.xyann, t.get_text()) != before[id(t)]]
    frozen = [t.get_text() for t in moved if t not in panel.renderer.artists]
    assert not frozen, f"moved but drawn only with the background: {frozen}"
