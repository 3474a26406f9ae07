"""Rehabilitation exercises: the posed stick model, the demand and share bars, the band curve, the ladder.

The stick model is drawn so that gravity points down the page: standing
exercises from behind, side-lying ones from behind with the body lying
across the page, supine ones from above (gravity into the page). That turn
of the drawing is the only thing computed here; every number comes from a
:class:`glutemed.rehab.ExerciseDemand` or :class:`glutemed.rehab.RehabExercise`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.text import Annotation, Text
from numpy.typing import ArrayLike, NDArray

from glutemed.geometry import PORTIONS
from glutemed.kinematics import LegPose, pelvis_outline_m
from glutemed.views.labels import add_label
from glutemed.views.style import BONE, OKABE_ITO, OTHER_LEG, PELVIS, PORTION_HATCH, PORTION_STYLE, styled

__all__ = ["INTENSITY_STYLE", "POSITION_VIEWS", "BandCurve", "ExerciseArtists", "draw_band_curve",
           "draw_demand_bars", "draw_exercise", "draw_ladder", "ladder_key", "screen_cm", "update_band_curve",
           "update_demand_bars", "update_exercise"]

#: How each position is seen, so that gravity points down the page (or into it).
POSITION_VIEWS: dict[str, str] = {
    "stance": "seen from behind",
    "side-lying": "seen from behind, lying on the left side",
    "supine": "seen from above, lying on the back (gravity into the page)",
}
#: The same, broken into lines that fit the free corner of the drawing (:func:`draw_exercise`).
_VIEW_LINES: dict[str, str] = {k: v.replace(", ", ",\n").replace(" (", "\n(") for k, v in POSITION_VIEWS.items()}
#: Colour and marker of each EMG intensity band (Okabe-Ito; distinct in grey by marker), and "no value".
INTENSITY_STYLE: dict[str, dict[str, str]] = {
    "low": {"color": OKABE_ITO["sky_blue"], "marker": "o"},
    "moderate": {"color": OKABE_ITO["bluish_green"], "marker": "s"},
    "high": {"color": OKABE_ITO["orange"], "marker": "^"},
    "very_high": {"color": OKABE_ITO["vermilion"], "marker": "D"},
    "none": {"color": "#777777", "marker": "X"},
}
_BAND_LINE = {"color": OKABE_ITO["reddish_purple"], "linewidth": 3.0, "linestyle": ":"}
_LIMITS_CM = (-40.0, 100.0, -100.0, 45.0)
#: The demand axis reaches this many times the largest demand, leaving room for the total at the bar's end.
_DEMAND_ROOM = 1.5


def screen_cm(points_m: ArrayLike, position: str) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Pelvis-frame points ``(..., 3)`` (m) to page coordinates (cm) for a body position.

    Examples
    --------
    A point 10 cm above the hip (pelvis y) lies 10 cm to the left on the page when side-lying:

    >>> h, v = screen_cm([[0.0, 0.1, 0.0]], "side-lying")
    >>> float(h[0]), float(v[0])
    (-10.0, 0.0)
    """
    p = np.asarray(points_m, dtype=np.float64) * 100.0
    y, z = p[..., 1], p[..., 2]
    if position == "side-lying":
        return -y, z
    if position == "supine":
        return -z, y
    return z, y


@dataclass
class ExerciseArtists:
    """The moving artists of :func:`draw_exercise`, keyed by name."""

    lines: dict[str, Line2D]
    texts: dict[str, Text]

    def moving(self) -> list[Artist]:
        """Every artist (they all move when the exercise changes)."""
        return [*self.lines.values(), *self.texts.values()]


def _leg(pose: LegPose) -> NDArray[np.float64]:
    return np.array([pose.hip_centre_m, pose.knee_centre_m, pose.ankle_centre_m])


def _shapes(result) -> dict[str, NDArray[np.float64]]:
    pose = result.pose
    if pose.knee_centre_m.ndim != 1:
        raise ValueError("result must be for one posture (scalar angles); got an array of postures")
    shapes = {
        "pelvis": pelvis_outline_m(pose.pelvis_m),
        "other_leg": _leg(result.other_pose),
        "leg": _leg(pose),
        "neck": np.array([pose.hip_centre_m, pose.greater_trochanter_m]),
        "hip": pose.hip_centre_m[None],
        "band": result.band_points_m if result.band != "none" else np.full((2, 3), np.nan),
    }
    for i, portion in enumerate(PORTIONS):
        shapes[portion] = np.array([pose.origins_m[i], pose.insertions_m[i]])
    return shapes


def draw_exercise(ax: Axes, result) -> ExerciseArtists:
    """Draw the posed legs, the pelvis, the three portions and the band; return the artists.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Fixed limits, the same for every position (so a cached background stays valid).
    result : ExerciseDemand
        One posture (scalar angles).

    Examples
    --------
    >>> import glutemed as gm
    >>> from glutemed.views.style import new_figure
    >>> art = draw_exercise(new_figure(4, 4).add_subplot(), gm.rehab.exercise_demand("crab_walk"))
    >>> sorted(art.lines)[:4]
    ['anterior', 'band', 'hip', 'leg']
    """
    position = result.exercise.position
    styles = {"pelvis": PELVIS, "other_leg": {**OTHER_LEG, "marker": "o", "markersize": 5},
              "leg": {**BONE, "marker": "o", "markersize": 6}, "neck": BONE, "band": _BAND_LINE,
              "hip": {"color": "black", "marker": "o", "markersize": 9, "markerfacecolor": "white",
                      "markeredgewidth": 2, "linestyle": "none"}}
    for portion in PORTIONS:
        st = PORTION_STYLE[portion]
        styles[portion] = {"color": st["color"], "linestyle": st["linestyle"], "marker": st["marker"],
                           "markersize": 6, "linewidth": 3}
    lines: dict[str, Line2D] = {}
    with styled(ax):
        for name, pts in _shapes(result).items():
            (lines[name],) = ax.plot(*screen_cm(pts, position), **styles[name],
                                     label="band loop" if name == "band" else None)
        # the exercise above the drawing; how it is seen in the lower right corner, where no
        # position's drawing reaches (standing and supine legs stay left of it, side-lying ones above)
        ax.set_title(result.exercise.label)
        texts = {"title": ax.title,
                 "view": ax.text(0.98, 0.02, _VIEW_LINES[position], transform=ax.transAxes, ha="right",
                                 va="bottom", color="#333333")}
        x0, x1, y0, y1 = _LIMITS_CM
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_yticks(np.arange(y0 + 20.0, y1, 20.0))  # none at the lower left corner, where the x ticks start
        ax.set_aspect("equal", adjustable="box")
        ax.set_xlabel("cm (right leg working)")
        ax.set_ylabel("cm (gravity: down the page)")
    return ExerciseArtists(lines=lines, texts=texts)


def update_exercise(artists: ExerciseArtists, result) -> None:
    """Move the artists of :func:`draw_exercise` to a new result.

    Examples
    --------
    >>> import glutemed as gm
    >>> from glutemed.views.style import new_figure
    >>> art = draw_exercise(new_figure(4, 4).add_subplot(), gm.rehab.exercise_demand("crab_walk"))
    >>> update_exercise(art, gm.rehab.exercise_demand("clam"))
    >>> art.texts["title"].get_text(), art.texts["view"].get_text().splitlines()[1]
    ('Clam', 'lying on the left side')
    """
    for name, pts in _shapes(result).items():
        artists.lines[name].set_data(*screen_cm(pts, result.exercise.position))
    artists.texts["title"].set_text(result.exercise.label)
    artists.texts["view"].set_text(_VIEW_LINES[result.exercise.position])


def draw_demand_bars(demand_ax: Axes, share_ax: Axes, result, demand_max_nm_kg: float = 1.6,
                     share_limits_pct: tuple[float, float] = (-60.0, 140.0)) -> dict[str, Artist]:
    """The demand as a stacked bar (body weight, then band) and one bar per portion for its share.

    Parameters
    ----------
    demand_ax, share_ax : matplotlib.axes.Axes
        Where the demand (N m/kg) and the shares (%) go; limits are fixed.
    result : ExerciseDemand
        One posture.

    Returns
    -------
    dict of str to Artist
        ``weight`` and ``band`` (the demand bar), ``demand_text``, one bar
        per portion and one ``*_text`` per portion.

    Examples
    --------
    >>> import glutemed as gm
    >>> from glutemed.views.style import new_figure
    >>> fig = new_figure(4, 4)
    >>> bars = draw_demand_bars(*fig.subplots(2, 1), gm.rehab.exercise_demand("crab_walk"))
    >>> sorted(bars)[:3]
    ['anterior', 'anterior_text', 'band']
    """
    artists: dict[str, Artist] = {}
    with styled(demand_ax):
        artists["weight"] = demand_ax.barh(0.0, 0.0, height=0.6, color="#555555", edgecolor="black",
                                           label="body weight")[0]
        artists["band"] = demand_ax.barh(0.0, 0.0, height=0.6, color=_BAND_LINE["color"], edgecolor="black",
                                         hatch="xx", label="band")[0]
        # the total at the bar's end: room for it is kept right of the largest demand
        artists["demand_text"] = demand_ax.annotate("", (0.0, 0.0), xytext=(6.0, 0.0), textcoords="offset points",
                                                    ha="left", va="center")
        demand_ax.set_xlim(0.0, _DEMAND_ROOM * demand_max_nm_kg)
        demand_ax.set_ylim(-0.5, 0.5)
        demand_ax.set_yticks([0.0], ["demand"])
        demand_ax.set_xlabel("moment the hip must hold (N m/kg)")
        demand_ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=2, borderaxespad=0.2)
        for i, portion in enumerate(PORTIONS):
            st = PORTION_STYLE[portion]
            artists[portion] = share_ax.barh(-i, 0.0, height=0.6, color=st["color"], edgecolor="black",
                                             hatch=PORTION_HATCH[portion])[0]
            artists[f"{portion}_text"] = share_ax.text(0.99, -i, "", ha="right", va="center",
                                                       transform=share_ax.get_yaxis_transform(),
                                                       bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "none"})
        share_ax.axvline(0.0, color="black", linewidth=1.0)
        share_ax.set_xlim(*share_limits_pct)
        share_ax.set_ylim(-2.6, 0.6)
        share_ax.set_yticks([0, -1, -2], list(PORTIONS))
        share_ax.set_xlabel("share of the moment (%), equal activation")
        share_ax.grid(True, axis="x", color="#DDDDDD", linewidth=0.8)
    update_demand_bars(artists, result)
    return artists


def update_demand_bars(artists: dict[str, Artist], result) -> None:
    """Set the bars and labels of :func:`draw_demand_bars` from a result.

    Examples
    --------
    >>> import glutemed as gm
    >>> from glutemed.views.style import new_figure
    >>> bars = draw_demand_bars(*new_figure(4, 4).subplots(2, 1), gm.rehab.exercise_demand("clam"))
    >>> round(bars["weight"].get_width(), 2)
    0.49
    """
    weight, band = float(result.weight_nm_kg), float(result.band_nm_kg)
    artists["weight"].set_width(weight)
    artists["band"].set_x(weight)
    artists["band"].set_width(band)
    artists["demand_text"].xy = (weight + band, 0.0)
    artists["demand_text"].set_text(f"{weight + band:.2f} N m/kg")
    for i, portion in enumerate(PORTIONS):
        share = 100.0 * float(result.portion_share[i])
        artists[portion].set_width(share)
        artists[f"{portion}_text"].set_text(f"{share:.0f} %")


@dataclass
class BandCurve:
    """Artists of :func:`draw_band_curve`."""

    line: Line2D
    points: Line2D
    now: Line2D

    def moving(self) -> list[Artist]:
        """All three move (the grade can change)."""
        return [self.line, self.points, self.now]


def draw_band_curve(ax: Axes, elongation_pct: ArrayLike, force_n: ArrayLike, read_points: ArrayLike,
                    now: tuple[float, float], force_max_n: float) -> BandCurve:
    """The band's tension against elongation, its read points and the current point.

    Parameters
    ----------
    elongation_pct, force_n : array_like
        The curve, % and N.
    read_points : array_like, shape (k, 2)
        Checked (elongation, force) points.
    now : (float, float)
        The current elongation and tension.
    force_max_n : float
        Fixed top of the force axis, N.

    Examples
    --------
    >>> from glutemed.views.style import new_figure
    >>> curve = draw_band_curve(new_figure(4, 3).add_subplot(), [0, 100], [0, 16], [[100, 16]], (50, 8), 40)
    >>> curve.now.get_xydata().tolist()
    [[50.0, 8.0]]
    """
    with styled(ax):
        (line,) = ax.plot(elongation_pct, force_n, color=_BAND_LINE["color"], linewidth=2.5,
                          label="teaching line")
        pts = np.atleast_2d(np.asarray(read_points, dtype=np.float64)).reshape(-1, 2)
        (points,) = ax.plot(pts[:, 0], pts[:, 1], "s", color="black", markersize=8, linestyle="none",
                            label="read point")
        (marker,) = ax.plot([now[0]], [now[1]], "o", color=_BAND_LINE["color"], markersize=11,
                            markeredgecolor="black", linestyle="none", label="now",
                            clip_on=False)  # whole at the ends of the stretch range
        ax.set_xlim(0.0, float(np.max(elongation_pct)))
        ax.set_ylim(0.0, force_max_n)
        ax.set_xlabel("band elongation (%)")
        ax.set_ylabel("tension (N)")
        ax.grid(True, color="#DDDDDD", linewidth=0.8)
        ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=3, borderaxespad=0.2, columnspacing=1.0,
                  handlelength=1.6, handletextpad=0.5)
    return BandCurve(line, points, marker)


def update_band_curve(curve: BandCurve, force_n: ArrayLike, read_points: ArrayLike, now: tuple[float, float]) -> None:
    """Move the curve (same elongations), the read points and the current point.

    Examples
    --------
    >>> from glutemed.views.style import new_figure
    >>> curve = draw_band_curve(new_figure(4, 3).add_subplot(), [0, 100], [0, 16], [[100, 16]], (50, 8), 40)
    >>> update_band_curve(curve, [0, 0], np.empty((0, 2)), (50, 0))
    >>> curve.points.get_xydata().shape
    (0, 2)
    """
    curve.line.set_ydata(force_n)
    pts = np.asarray(read_points, dtype=np.float64).reshape(-1, 2)
    curve.points.set_data(pts[:, 0], pts[:, 1])
    curve.now.set_data([now[0]], [now[1]])


#: What each marker of :func:`draw_ladder` means (its key), in the key's order.
_LADDER_KEY: dict[str, str] = {"low": "low", "moderate": "moderate", "high": "high", "very_high": "very high",
                               "none": "no checked EMG value", "article": "the source article's four"}
_RING = {"marker": "o", "markersize": 22, "markerfacecolor": "none", "markeredgecolor": "black",
         "markeredgewidth": 1.5, "linestyle": "none"}  # the source article's exercises
#: Where a label in the "no checked EMG value" strip may sit: under, over or beside its marker, near it
#: (small radii), so that it stays in the strip.
_STRIP_PREFER = ("S", "N", "SE", "NE", "SW", "NW", "SSE", "NNE", "SSW", "NNW", "E", "W")


def _ladder_marker(key: str) -> dict[str, object]:
    if key == "article":
        return dict(_RING)
    st = INTENSITY_STYLE[key]
    return {"marker": st["marker"], "color": st["color"], "markersize": 11, "markeredgecolor": "black",
            "linestyle": "none"}


def ladder_key(exercises: Sequence) -> tuple[list[Line2D], list[str]]:
    """Legend handles and names for the markers :func:`draw_ladder` draws for ``exercises``.

    For a legend placed by the caller (e.g. under the axes, across the figure).

    Examples
    --------
    >>> import glutemed as gm
    >>> ladder_key(gm.rehab.EXERCISES)[1]
    ['low', 'moderate', 'high', 'very high', 'no checked EMG value', "the source article's four"]
    """
    used = {e.intensity if e.has_emg else "none" for e in exercises}
    if any(e.in_article for e in exercises):
        used.add("article")
    keys = [k for k in _LADDER_KEY if k in used]
    return [Line2D([], [], **_ladder_marker(k)) for k in keys], [_LADDER_KEY[k] for k in keys]


def draw_ladder(ax: Axes, exercises: Sequence, none_strip_pct: float = -36.0,
                legend: bool = True) -> dict[str, Annotation]:
    """Modelled demand against cited gluteus medius EMG, one marker per exercise.

    Colour and marker give Ebert et al.'s intensity band; error bars are the
    cited SD; the source article's exercises are ringed. Exercises with no
    checked EMG sit in a strip below zero, on the demand axis only. Every
    exercise is named by a direct label (:func:`~glutemed.views.labels.add_label`)
    placed clear of the markers and error bars when the figure is drawn;
    exercises at the same point share one label.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    exercises : sequence of RehabExercise
    none_strip_pct : float
        Where the exercises with no checked EMG sit, below zero on the EMG
        axis (a place, not a value); the strip reaches about as far again below.
    legend : bool
        Put the key (:func:`ladder_key`) in the axes' upper right; False
        leaves it to the caller.

    Returns
    -------
    dict of str to Annotation
        The labels, keyed by the first exercise name they carry.

    Examples
    --------
    >>> import glutemed as gm
    >>> from glutemed.views.style import new_figure
    >>> ax = new_figure(6, 4).add_subplot()
    >>> labels = draw_ladder(ax, gm.rehab.EXERCISES)
    >>> ax.get_xlabel().startswith("modelled demand")
    True
    >>> labels["clam"].get_text()
    'Clam'
    """
    points: dict[tuple[float, float], list] = {}  # exercises drawn at the same point share a label
    with styled(ax):
        bottom = 2.6 * none_strip_pct  # room above and under the strip's markers for their labels
        ax.axhspan(bottom, 0.1 * none_strip_pct, color="#EEEEEE", zorder=0)
        ax.text(0.99, 0.5 * none_strip_pct, "no checked\nEMG value", transform=ax.get_yaxis_transform(),
                color="#555555", va="center", ha="right")
        for e in exercises:
            key = e.intensity if e.has_emg else "none"
            st = INTENSITY_STYLE[key]
            y = e.emg_pct_mvic if e.has_emg else none_strip_pct
            if e.has_emg and e.emg_sd is not None:  # the cited SD, as a line that labels keep clear of
                ax.plot([e.demand_nm_kg] * 2, [y - e.emg_sd, y + e.emg_sd], color=st["color"], linewidth=1.5,
                        marker="_", markersize=9, markeredgewidth=1.5, zorder=2)
            ax.plot(e.demand_nm_kg, y, zorder=3, **_ladder_marker(key))
            points.setdefault((round(float(e.demand_nm_kg), 3), float(y)), []).append(e)
            if e.in_article:
                ax.plot(e.demand_nm_kg, y, zorder=4, **_RING)
        ax.axhline(0.0, color="black", linewidth=0.8)
        xs = [e.demand_nm_kg for e in exercises]
        ax.set_xlim(min(xs) - 0.12, max(xs) + 0.35)
        top = max([e.emg_pct_mvic + (e.emg_sd or 0.0) for e in exercises if e.has_emg], default=100.0)
        ax.set_ylim(bottom, 1.12 * top)
        ax.set_yticks([t for t in ax.get_yticks() if 0 <= t <= ax.get_ylim()[1]])
        ax.set_xlabel("modelled demand: moment the hip must hold (N m/kg, quasi-static)")
        ax.set_ylabel("cited gluteus medius EMG\n(% of the reference contraction)")
        ax.grid(True, color="#DDDDDD", linewidth=0.8)
        ax.set_axisbelow(True)
        if legend:
            ax.legend(*ladder_key(exercises), loc="upper right", title="Ebert et al. 2017 band")
        labels = {}
        for (x, y), group in sorted(points.items()):
            if y < 0:  # in the strip, under the marker
                labels[group[0].name] = add_label(ax, "\n".join(e.label for e in group), (x, y),
                                                  prefer=_STRIP_PREFER, only_preferred=True,
                                                  radii_pt=(5.0, 12.0, 20.0, 30.0, 42.0, 54.0))
            else:
                labels[group[0].name] = add_label(ax, "\n".join(e.label for e in group), (x, y),
                                                  prefer=("E", "W", "NE", "SE", "NW", "SW"), priority=1)
    return labels
