"""Widget panels: a figure built once, sliders wired by parameter name, a readout.

Pattern every panel follows
---------------------------
1. Build the figure once (:func:`glutemed.drawing.new_figure`), draw the
   static parts, and mark the moving artists as *animated*.
2. Render the static background once and keep it. Each slider step restores
   that background, draws only the moving artists (blitting), and sends the
   pixels to an ``ipywidgets.Image``. Nothing is cleared or re-plotted.
3. Sliders are explicit ``FloatSlider`` widgets with units in their labels,
   stored under the *model's parameter names* (``hip_flexion_deg`` ...); the
   update calls the model with ``**values``, so a misnamed control fails
   loudly instead of being silently ignored.
4. Key numbers are shown as text in an ``HTML`` readout beside the plot.

Displayed in a notebook, a panel shows the live widget; where widgets cannot
run (a notebook viewed on GitHub), the stored output falls back to a PNG
snapshot and the text readout.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Mapping

import ipywidgets as widgets
import numpy as np
from matplotlib.artist import Artist
from matplotlib.figure import Figure
from PIL import Image

from glutemed.drawing import (
    CHAIN_STYLE,
    CHAIN_VIEWS,
    PORTION_STYLE,
    ViewArtists,
    add_portion_legend,
    draw_chain,
    draw_chain_axes,
    draw_drop_curves,
    draw_forces,
    draw_frontal_figure,
    draw_level_pelvis,
    draw_moment_arm_bars,
    draw_view,
    new_figure,
    update_chain,
    update_drop_curves,
    update_forces,
    update_frontal_figure,
    update_moment_arm_bars,
    update_view,
)
from glutemed.geometry import PORTIONS, Geometry, resolve_geometry
from glutemed.knee_chain import CALIBRATED_ACTIVITY, KNEE_ACTIVITIES, knee_valgus
from glutemed.literature import literature_value
from glutemed.muscles import ACTIONS, lines_of_action, moment_arms, muscle_lengths
from glutemed.pelvic_drop import hip_drop
from glutemed.posing import pose_leg
from glutemed.segments import frontal_figure
from glutemed.statics import ACTIVITIES, single_leg_stance

__all__ = ["ALL_PANELS", "BlitRenderer", "Panel", "HipPosePanel", "StancePanel", "HipDropPanel", "KneeValgusPanel", "LinesOfActionPanel", "MomentArmPanel", "role_words"]


class BlitRenderer:
    """Render a figure to PNG, redrawing only its animated artists.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        A figure with an Agg canvas whose axes limits no longer change.
    artists : list of matplotlib.artist.Artist
        The artists that move; they are marked animated and drawn over a
        cached background at every :meth:`render`.

    Examples
    --------
    >>> from glutemed.drawing import new_figure
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

    def render(self) -> bytes:
        """PNG bytes of the figure in its current state."""
        canvas = self.fig.canvas
        if self._background is None:
            canvas.draw()  # static parts only: animated artists are skipped
            self._background = canvas.copy_from_bbox(self.fig.bbox)
        else:
            canvas.restore_region(self._background)
        for artist in self.artists:
            self.fig.draw_artist(artist)
        rgba = np.asarray(canvas.buffer_rgba())
        out = io.BytesIO()
        Image.fromarray(rgba[..., :3]).save(out, format="png", compress_level=1)
        return out.getvalue()


def _slider(description: str, value: float, low: float, high: float, step: float = 1.0,
            fmt: str = ".0f") -> widgets.FloatSlider:
    return widgets.FloatSlider(
        value=value, min=low, max=high, step=step, description=description,
        continuous_update=True, readout=True, readout_format=fmt,
        style={"description_width": "11em"}, layout=widgets.Layout(width="30em"),
    )


class Panel:
    """Base class: figure + renderer + sliders + readout, laid out as one widget.

    A subclass sets ``self.geometry``, ``self.sliders`` (model parameter name
    -> slider) and ``self.fig``, then calls :meth:`_finish`. It implements
    :meth:`build` (draw everything for the current values, return the moving
    artists), :meth:`update` (model -> move artists -> render -> readout) and
    :meth:`readout_text`.
    """

    geometry: Geometry
    sliders: dict[str, widgets.FloatSlider]
    #: other controls (e.g. activity buttons), keyed by model parameter name
    choices: dict[str, widgets.ToggleButtons] = {}
    fig: Figure
    #: width of the figure image on the page, pixels (the figure's own size)
    width_px: int = 1200

    def build(self) -> list[Artist]:  # pragma: no cover - abstract
        """Draw the whole figure for the current values; return the moving artists."""
        raise NotImplementedError

    def update(self) -> None:  # pragma: no cover - abstract
        """Run the model for the slider values, move the artists, render, refresh the readout."""
        raise NotImplementedError

    def readout_text(self) -> str:  # pragma: no cover - abstract
        """The readout as plain text (the stored fallback output)."""
        raise NotImplementedError

    def _finish(self) -> None:
        self.renderer = BlitRenderer(self.fig, self.build())
        self.image = widgets.Image(format="png", layout=widgets.Layout(
            width="100%", max_width=f"{self.width_px}px", flex="1 1 640px"))
        self.image.add_class("glutemed-figure")
        self.readout = widgets.HTML(layout=widgets.Layout(min_width="18em", flex="0 0 auto"))
        self.readout.add_class("glutemed-readout")
        for slider in self.sliders.values():
            slider.add_class("glutemed-slider")
        for choice in self.choices.values():
            choice.add_class("glutemed-choice")
        controls = widgets.VBox([*self.choices.values(), *self.sliders.values()])
        # the readout sits beside the figure, or wraps below it on a narrow screen
        figure_row = widgets.HBox([self.image, self.readout],
                                  layout=widgets.Layout(flex_flow="row wrap", align_items="flex-start"))
        self.widget = widgets.VBox([controls, figure_row])
        self.widget.add_class("glutemed-panel")
        for control in [*self.sliders.values(), *self.choices.values()]:
            control.observe(self._on_change, names="value")
        self.update()

    @property
    def values(self) -> dict[str, float | str]:
        """Current control values keyed by model parameter name."""
        out: dict[str, float | str] = {name: float(s.value) for name, s in self.sliders.items()}
        out.update({name: c.value for name, c in self.choices.items()})
        return out

    def _on_change(self, change: Mapping) -> None:
        self.update()

    def _render(self) -> None:
        self.image.value = self.renderer.render()

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        # the stored snapshot: recompress harder than the live frames to keep notebooks small
        snapshot = io.BytesIO()
        Image.open(io.BytesIO(self.image.value)).save(snapshot, format="png", optimize=True)
        bundle["image/png"] = base64.b64encode(snapshot.getvalue()).decode("ascii")
        bundle["text/plain"] = self.readout_text()
        return bundle


def _hip_sliders(g: Geometry, hip_flexion_deg: float, hip_adduction_deg: float,
                 hip_rotation_deg: float) -> dict[str, widgets.FloatSlider]:
    """Three hip sliders keyed by model parameter name, over the valid ranges."""
    # validate the starting pose before the sliders would silently clamp it
    pose_leg(hip_flexion_deg, hip_adduction_deg, hip_rotation_deg, geometry=g)
    return {
        "hip_flexion_deg": _slider("Hip flexion (°)", hip_flexion_deg, *g.range_deg("hip_flexion")),
        "hip_adduction_deg": _slider("Hip adduction (°)", hip_adduction_deg, *g.range_deg("hip_adduction")),
        "hip_rotation_deg": _slider("Hip internal rotation (°)", hip_rotation_deg, *g.range_deg("hip_rotation")),
    }


def _pose_text(values: Mapping[str, float], html: bool) -> str:
    deg = "°" if html else " deg"
    text = (f"flexion {values['hip_flexion_deg']:.0f}{deg}, adduction {values['hip_adduction_deg']:.0f}{deg}, "
            f"internal rotation {values['hip_rotation_deg']:.0f}{deg}")
    return f"<b>Pose</b>: {text}" if html else f"Pose: {text}"


def role_words(values_m: np.ndarray) -> list[str]:
    """Words for the roles implied by ``(abduction, internal_rotation, flexion)`` moment arms.

    Examples
    --------
    >>> role_words(np.array([0.05, -0.02, 0.01]))
    ['abductor', 'external rotator', 'flexor']
    """
    pairs = (("abductor", "adductor"), ("internal rotator", "external rotator"), ("flexor", "extensor"))
    return [pos if v >= 0 else neg for v, (pos, neg) in zip(values_m, pairs)]


class HipPosePanel(Panel):
    """A panel whose sliders are the three hip angles.

    Parameters
    ----------
    geometry : Geometry, str or None
        Default gait2392.
    hip_flexion_deg, hip_adduction_deg, hip_rotation_deg : float
        Starting pose, degrees (checked against the valid ranges).
    """

    #: figure size in inches (100 pixels per inch)
    figsize: tuple[float, float] = (12.0, 4.6)

    def __init__(self, geometry: Geometry | str | None = None, hip_flexion_deg: float = 0.0,
                 hip_adduction_deg: float = 0.0, hip_rotation_deg: float = 0.0):
        self.geometry = resolve_geometry(geometry)
        self.sliders = _hip_sliders(self.geometry, hip_flexion_deg, hip_adduction_deg, hip_rotation_deg)
        self.fig = new_figure(*self.figsize)
        self._finish()


class MomentArmPanel(HipPosePanel):
    """Pose the hip with three sliders; see each portion's moment arms change.

    Left: the stick model from behind (frontal) and from the right
    (sagittal), hip region; right: bars of each portion's abduction, internal
    rotation and flexion moment arm; beside it, the numbers.

    Parameters are those of :class:`HipPosePanel`.

    Examples
    --------
    >>> panel = MomentArmPanel()
    >>> panel.sliders["hip_flexion_deg"].value = 60.0
    >>> "60" in panel.readout.value
    True
    """

    figsize = (12.0, 4.6)

    def build(self) -> list[Artist]:
        """Two views of the hip and the moment-arm bars; returns the moving artists."""
        g = self.geometry
        axes = self.fig.subplots(1, 3, width_ratios=[1.0, 1.0, 1.25])
        pose = pose_leg(**self.values, geometry=g)
        self.views: list[ViewArtists] = [
            draw_view(axes[0], pose, "frontal", zoom="hip", legend=False),
            draw_view(axes[1], pose, "sagittal", zoom="hip", legend=False),
        ]
        ma = moment_arms(**self.values, geometry=g).as_array()
        self.bars = draw_moment_arm_bars(axes[2], ma, ACTIONS)
        axes[2].set_title("Moment arms (+ = named action)")
        self._last: np.ndarray = ma
        moving: list[Artist] = [a for v in self.views for a in v.all()]
        return moving + [rect for rects in self.bars.values() for rect in rects]

    def update(self) -> None:
        """Run the model for the slider values and move the artists."""
        values = self.values
        pose = pose_leg(**values, geometry=self.geometry)
        ma = moment_arms(**values, geometry=self.geometry).as_array()
        for view in self.views:
            update_view(view, pose)
        update_moment_arm_bars(self.bars, ma)
        self._last = ma
        self._render()
        self.readout.value = self._readout_html(values, ma)

    def _readout_html(self, values: Mapping[str, float], ma: np.ndarray) -> str:
        head = _pose_text(values, html=True)
        rows = "".join(
            f"<tr><td style='color:{PORTION_STYLE[p]['color']}'><b>{p}</b></td>"
            + "".join(f"<td style='text-align:right'>{v * 100:+.1f}</td>" for v in ma[i])
            + f"<td>{', '.join(role_words(ma[i]))}</td></tr>"
            for i, p in enumerate(PORTIONS)
        )
        return (f"<div style='font-size:1.05em'>{head}<br><b>Moment arms (cm)</b>"
                "<table><tr><th></th><th>abd</th><th>int rot</th><th>flex</th><th>role</th></tr>"
                f"{rows}</table></div>")

    def readout_text(self) -> str:
        """The readout as plain text (the stored fallback output)."""
        lines = [_pose_text(self.values, html=False), "Moment arms (cm): abduction, internal rotation, flexion"]
        for i, p in enumerate(PORTIONS):
            vals = ", ".join(f"{x * 100:+.1f}" for x in self._last[i])
            lines.append(f"  {p:9s} {vals}  ({', '.join(role_words(self._last[i]))})")
        return "\n".join(lines)


class LinesOfActionPanel(HipPosePanel):
    """Turn the femur with three sliders; watch the lines of action in three views.

    The readout gives each portion's unit pull on the femur (forward, up,
    right components) and how much longer or shorter than at neutral the
    portion is: a portion that lengthens as the hip moves one way pulls the
    other way.

    Parameters are those of :class:`HipPosePanel`.

    Examples
    --------
    >>> panel = LinesOfActionPanel()
    >>> panel.sliders["hip_adduction_deg"].value = 20.0
    >>> "longer" in panel.readout.value
    True
    """

    figsize = (12.0, 4.8)

    def build(self) -> list[Artist]:
        """The three views of the hip; returns the moving artists."""
        self._neutral_m = muscle_lengths(geometry=self.geometry)
        axes = self.fig.subplots(1, 3)
        pose = pose_leg(**self.values, geometry=self.geometry)
        self.views = [draw_view(ax, pose, view, zoom="hip", legend=False)
                      for ax, view in zip(axes, ("frontal", "sagittal", "transverse"))]
        add_portion_legend(self.fig, self.views[0])
        return [a for v in self.views for a in v.all()]

    def update(self) -> None:
        """Pose the leg for the slider values and move the artists."""
        values = self.values
        pose = pose_leg(**values, geometry=self.geometry)
        for view in self.views:
            update_view(view, pose)
        self._lines = lines_of_action(**values, geometry=self.geometry)
        self._lengths = muscle_lengths(**values, geometry=self.geometry)
        self._render()
        self.readout.value = self._readout_html(values)

    def _rows(self) -> list[tuple[str, np.ndarray, float]]:
        return [(p, self._lines[p], float(self._lengths[p] - self._neutral_m[p]) * 1000) for p in PORTIONS]

    @staticmethod
    def _change_words(change_mm: float) -> str:
        if abs(change_mm) < 0.05:
            return "as at neutral"
        return f"{abs(change_mm):.1f} mm {'longer' if change_mm > 0 else 'shorter'}"

    def _readout_html(self, values: Mapping[str, float]) -> str:
        rows = "".join(
            f"<tr><td style='color:{PORTION_STYLE[p]['color']}'><b>{p}</b></td>"
            + "".join(f"<td style='text-align:right'>{c:+.2f}</td>" for c in u)
            + f"<td>{self._change_words(dl)}</td></tr>"
            for p, u, dl in self._rows()
        )
        return (f"<div style='font-size:1.05em'>{_pose_text(values, html=True)}<br>"
                "<b>Pull on the femur</b> (unit vector) and <b>length</b> vs neutral"
                "<table><tr><th></th><th>fwd</th><th>up</th><th>right</th><th>length</th></tr>"
                f"{rows}</table></div>")

    def readout_text(self) -> str:
        """The readout as plain text (the stored fallback output)."""
        lines = [_pose_text(self.values, html=False), "Pull on the femur (forward, up, right) and length vs neutral"]
        for p, u, dl in self._rows():
            lines.append(f"  {p:9s} {u[0]:+.2f}, {u[1]:+.2f}, {u[2]:+.2f}  {self._change_words(dl)}")
        return "\n".join(lines)


class StancePanel(Panel):
    """Single-leg stance free-body diagram with body mass, trunk lean and cane sliders.

    The figure shows the pelvis seen from behind with the forces on the body
    above the stance hip drawn to scale (0.015 cm per newton) and the two
    lever arms dimensioned; the readout gives the numbers in newtons and body
    weights.

    Parameters
    ----------
    geometry : Geometry, str or None
        Default gait2392.
    body_mass_kg, trunk_lean_deg, cane_force_bw : float
        Starting values (see :func:`glutemed.single_leg_stance`).

    Examples
    --------
    >>> panel = StancePanel()
    >>> panel.sliders["cane_force_bw"].value = 0.1
    >>> "cane" in panel.readout.value
    True
    """

    def __init__(self, geometry: Geometry | str | None = None, body_mass_kg: float = 70.0,
                 trunk_lean_deg: float = 0.0, cane_force_bw: float = 0.0):
        self.geometry = resolve_geometry(geometry)
        single_leg_stance(body_mass_kg, trunk_lean_deg, cane_force_bw, geometry=self.geometry)  # validate
        self.sliders = {
            "body_mass_kg": _slider("Body mass (kg)", body_mass_kg, 40.0, 120.0, 1.0),
            "trunk_lean_deg": _slider("Trunk lean to stance side (°)", trunk_lean_deg, -15.0, 20.0, 1.0),
            "cane_force_bw": _slider("Cane force (× body weight)", cane_force_bw, 0.0, 0.2, 0.01, ".2f"),
        }
        self.fig = new_figure(7.0, 6.4)
        self.width_px = 700
        self._finish()

    def _model(self):
        v = self.values
        r = single_leg_stance(**v, geometry=self.geometry)
        pts = frontal_figure(0.0, np.radians(v["trunk_lean_deg"]), geometry=self.geometry)
        return r, pts

    def build(self) -> list[Artist]:
        """The frontal stick figure and the force arrows; returns the moving artists."""
        ax = self.fig.add_subplot()
        r, pts = self._model()
        self.figure_lines = draw_frontal_figure(ax, pts, label="Single-leg stance on the right leg")
        self.forces = draw_forces(ax, r)
        self._last = r
        moving = [self.figure_lines[k] for k in ("trunk", "com", "com_dot")]
        return moving + self.forces.all()

    def update(self) -> None:
        """Solve the statics for the slider values, move arrows and figure, refresh the readout."""
        r, pts = self._model()
        update_frontal_figure(self.figure_lines, pts)
        update_forces(self.forces, r)
        self._last = r
        self._render()
        self.readout.value = "<div style='font-size:1.05em'>" + "<br>".join(self._lines(html=True)) + "</div>"

    def _lines(self, html: bool) -> list[str]:
        r = self._last
        b = (lambda t: f"<b>{t}</b>") if html else (lambda t: t)
        out = [
            f"{b('Body weight')} {float(r.body_weight_n):.0f} N; above the stance hip "
            f"{r.upper_body_fraction * float(r.body_weight_n):.0f} N ({r.upper_body_fraction:.2f} BW)",
            f"{b('Lever arms')}: body weight d = {100 * float(r.body_weight_lever_m):.1f} cm, "
            f"abductors r = {100 * r.abductor_lever_m:.1f} cm (d/r = "
            f"{float(r.body_weight_lever_m) / r.abductor_lever_m:.2f})",
            f"{b('Abductor force')} {float(r.abductor_force_n):.0f} N = {float(r.abductor_force_bw):.2f} BW "
            f"({100 * float(r.activation):.0f} % of glute med's maximum)",
            f"{b('Hip contact force')} {float(r.hip_contact_force_n):.0f} N = {float(r.hip_contact_force_bw):.2f} BW, "
            f"{float(r.hip_contact_angle_deg):.0f}° from vertical",
            f"{b('cane')} {float(np.asarray(r.cane_vector_n)[..., 1]):.0f} N at {100 * r.cane_lever_m:.0f} cm "
            "from the hip",
        ]
        if not bool(r.balanced):
            out.append("Lean and cane together tip the pelvis toward the stance side: "
                       "the adductors would have to act (outside this model).")
        return out

    def readout_text(self) -> str:
        """The readout as plain text (the stored fallback output)."""
        return "\n".join(self._lines(html=False))


class HipDropPanel(Panel):
    """Abductor strength against pelvic drop: the stick figure and the moment curves.

    Parameters
    ----------
    geometry : Geometry, str or None
        Default gait2392.
    strength : float
        Starting strength, fraction of a normative runner's (0-1.5).
    activity : {"stance", "walking", "running"}
    trunk_lean_deg : float
        Starting trunk lean toward the stance side, degrees.

    Examples
    --------
    >>> panel = HipDropPanel()
    >>> panel.sliders["strength"].value = 0.4
    >>> "Pelvic drop" in panel.readout.value
    True
    """

    def __init__(self, geometry: Geometry | str | None = None, strength: float = 1.0,
                 activity: str = "running", trunk_lean_deg: float = 0.0):
        self.geometry = resolve_geometry(geometry)
        hip_drop(strength, activity, trunk_lean_deg, geometry=self.geometry)  # validate
        self.choices = {"activity": widgets.ToggleButtons(options=list(ACTIVITIES), value=activity,
                                                          description="Activity", style={"button_width": "7em"})}
        self.sliders = {
            "strength": _slider("Abductor strength (× normative)", strength, 0.0, 1.5, 0.05, ".2f"),
            "trunk_lean_deg": _slider("Trunk lean to stance side (°)", trunk_lean_deg, -10.0, 20.0, 1.0),
        }
        self.fig = new_figure(12.0, 5.6)
        self._finish()

    def _model(self):
        v = self.values
        r = hip_drop(v["strength"], v["activity"], v["trunk_lean_deg"], geometry=self.geometry)
        pts = frontal_figure(np.radians(float(r.drop_deg)), np.radians(v["trunk_lean_deg"]),
                             geometry=self.geometry)
        return r, pts

    def build(self) -> list[Artist]:
        """Stick figure (left) and demand/capacity curves (right); returns the moving artists."""
        ax_fig, ax_curves = self.fig.subplots(1, 2, width_ratios=[1.0, 1.35])
        r, pts = self._model()
        level = frontal_figure(0.0, 0.0, geometry=self.geometry)
        draw_level_pelvis(ax_fig, level)
        self.figure_lines = draw_frontal_figure(ax_fig, pts, label="Seen from behind, right leg in stance")
        self.drop_text = ax_fig.text(-40.0, -38.0, "", fontsize=13, color=PORTION_STYLE["posterior"]["color"])
        self.curve_lines = draw_drop_curves(ax_curves, r.curves, self.values["strength"], float(r.drop_deg))
        ax_curves.set_title("Demand and capacity")
        self._last = r
        moving = list(self.figure_lines.values()) + [self.drop_text] + list(self.curve_lines.values())
        return [a for a in moving if a is not self.figure_lines["stance_leg"]]

    def update(self) -> None:
        """Solve the drop model for the control values, move the figure and curves, refresh the readout."""
        r, pts = self._model()
        update_frontal_figure(self.figure_lines, pts)
        update_drop_curves(self.curve_lines, r.curves, self.values["strength"], float(r.drop_deg))
        self.drop_text.set_text(f"pelvic drop {float(r.drop_deg):.1f}°")
        self._last = r
        self._render()
        self.readout.value = "<div style='font-size:1.05em'>" + "<br>".join(self._lines(html=True)) + "</div>"

    def _lines(self, html: bool) -> list[str]:
        r = self._last
        v = self.values
        b = (lambda t: f"<b>{t}</b>") if html else (lambda t: t)
        level = float(r.activation_to_stay_level_pct)
        level_text = "no strength at all" if not np.isfinite(level) else f"{level:.0f} %"
        return [
            f"{b('Activity')} {v['activity']}, strength {v['strength']:.2f} × normative, "
            f"trunk lean {v['trunk_lean_deg']:.0f}°",
            f"{b('Pelvic drop')} {float(r.drop_deg):.1f}° (swing side lower)",
            f"{b('To stay level')} the abductors would need {level_text} of their capacity",
            f"{b('Moments')} (N m/kg): demand {float(r.demand):.2f}, muscles {float(r.capacity):.2f}, "
            f"passive tissue {float(r.passive):.2f}",
            f"{b('Hip contact force')} {float(r.hip_contact_force_bw):.1f} BW",
        ]

    def readout_text(self) -> str:
        """The readout as plain text (the stored fallback output)."""
        return "\n".join(self._lines(html=False))


def fppa_verdict(fppa_deg: float, task: str = "squat") -> str:
    """Where an FPPA falls against Herrington's (2014) group means +- 1 SD.

    Examples
    --------
    >>> fppa_verdict(8.0)
    "within the controls' range"
    >>> fppa_verdict(12.0)
    'where the two groups overlap'
    """
    check = {}
    for group in ("controls", "pfp"):
        mean, sd = literature_value(f"fppa_{task}_{group}"), literature_value(f"fppa_{task}_{group}_sd")
        check[group] = mean - sd <= fppa_deg <= mean + sd
    if check["controls"] and check["pfp"]:
        return "where the two groups overlap"
    if check["controls"]:
        return "within the controls' range"
    if check["pfp"]:
        return "within the patellofemoral-pain range"
    low = literature_value(f"fppa_{task}_controls") - literature_value(f"fppa_{task}_controls_sd")
    return "below both ranges" if fppa_deg < low else "above both ranges"


class KneeValgusPanel(Panel):
    """The knee valgus chain, weak against strong, in a 3-D view and the frontal camera view.

    The moving chain (solid) follows the sliders; the dashed chain is the
    same leg at normative strength (1.0) with the same knee flexion and
    rotation, for comparison.

    Parameters
    ----------
    geometry : Geometry, str or None
        Default gait2392.
    strength : float
        Starting abductor strength, fraction of a normative runner's (0-1.5).
    activity : {"single_leg_squat", "running"}
    knee_flexion_deg : float or None
        Starting knee flexion, degrees; None takes the activity's.
    hip_rotation_deg : float
        Starting extra internal rotation of the femur, degrees.

    Examples
    --------
    >>> panel = KneeValgusPanel()
    >>> panel.sliders["strength"].value = 0.5
    >>> "FPPA" in panel.readout.value
    True
    """

    #: range of the knee-flexion slider, degrees (squats and running stance sit well inside it)
    KNEE_SLIDER_DEG = (0.0, 90.0)
    #: range of the extra-rotation slider, degrees
    ROTATION_SLIDER_DEG = (-20.0, 20.0)

    def __init__(self, geometry: Geometry | str | None = None, strength: float = 1.0,
                 activity: str = "single_leg_squat", knee_flexion_deg: float | None = None,
                 hip_rotation_deg: float = 0.0):
        self.geometry = resolve_geometry(geometry)
        if knee_flexion_deg is None:
            knee_flexion_deg = self.activity_knee_flexion_deg(activity)
        knee_valgus(strength, activity, self.geometry, knee_flexion_deg=knee_flexion_deg,
                    hip_rotation_deg=hip_rotation_deg)  # validate
        self.choices = {"activity": widgets.ToggleButtons(
            options=[(name.replace("_", " "), name) for name in KNEE_ACTIVITIES], value=activity,
            description="Activity", style={"button_width": "10em"})}
        self.sliders = {
            "strength": _slider("Abductor strength (× normative)", strength, 0.0, 1.5, 0.05, ".2f"),
            "knee_flexion_deg": _slider("Knee flexion (°)", knee_flexion_deg, *self.KNEE_SLIDER_DEG),
            "hip_rotation_deg": _slider("Extra hip internal rotation (°)", hip_rotation_deg,
                                        *self.ROTATION_SLIDER_DEG),
        }
        self.fig = new_figure(11.0, 6.0)
        self._finish()
        self.choices["activity"].observe(self._on_activity, names="value")

    @staticmethod
    def activity_knee_flexion_deg(activity: str) -> float:
        """The activity's knee flexion from the literature, rounded to the slider's 1° step.

        >>> KneeValgusPanel.activity_knee_flexion_deg("running")  # Heiderscheit 2011: 46.3
        46.0
        """
        knee_entry, _ = KNEE_ACTIVITIES[activity]
        return float(round(literature_value(knee_entry)))

    def _on_activity(self, change: Mapping) -> None:
        """A new activity brings its own knee flexion (which triggers one more update)."""
        self.sliders["knee_flexion_deg"].value = self.activity_knee_flexion_deg(change["new"])

    def _model(self):
        v = self.values
        return knee_valgus(np.array([v["strength"], 1.0]), v["activity"], self.geometry,
                           knee_flexion_deg=v["knee_flexion_deg"], hip_rotation_deg=v["hip_rotation_deg"])

    def build(self) -> list[Artist]:
        """Oblique 3-D view (left) and camera view (right); returns the moving artists."""
        axes = self.fig.subplots(1, 2)
        r = self._model()
        titles = {"oblique": "3-D view (front, outer side, above)", "camera": "Frontal camera: the FPPA"}
        self.chains: dict[tuple[str, str], dict] = {}
        side = self.geometry.side
        for ax, view in zip(axes, CHAIN_VIEWS):
            draw_chain_axes(ax, view, titles[view])
            self.chains[(view, "strong")] = draw_chain(ax, r.chain, view, "strong", side,
                                                       label="normative strength (1.0)", index=(1,))
            self.chains[(view, "weak")] = draw_chain(ax, r.chain, view, "weak", side,
                                                     label="strength on the slider", index=(0,))
        self.fppa_text = axes[1].text(0.97, 0.13, "", transform=axes[1].transAxes, ha="right", va="bottom",
                                      fontsize=14, color=CHAIN_STYLE["weak"]["color"])
        self.fig.legend(*axes[1].get_legend_handles_labels(), loc="outside lower center", ncols=2)
        self._last = r
        return [line for lines in self.chains.values() for line in lines.values()] + [self.fppa_text]

    def update(self) -> None:
        """Run the chain for the control values, move both chains, refresh the readout."""
        r = self._model()
        side = self.geometry.side
        for (view, kind), lines in self.chains.items():
            update_chain(lines, r.chain, view, side, index=(0,) if kind == "weak" else (1,))
        self.fppa_text.set_text(f"strength {self.values['strength']:.2f} ×\nFPPA {float(r.fppa_deg[0]):.1f}°")
        self._last = r
        self._render()
        self.readout.value = "<div style='font-size:1.05em'>" + "<br>".join(self._lines(html=True)) + "</div>"

    def _lines(self, html: bool) -> list[str]:
        r = self._last
        v = self.values
        b = (lambda t: f"<b>{t}</b>") if html else (lambda t: t)
        fppa, normative = float(r.fppa_deg[0]), float(r.fppa_deg[1])

        def group(task: str, name: str) -> str:
            return (f"{literature_value(f'fppa_{task}_{name}'):g} ± "
                    f"{literature_value(f'fppa_{task}_{name}_sd'):g}°")

        out = [
            f"{b('Activity')} {v['activity'].replace('_', ' ')}, strength {v['strength']:.2f} × normative, "
            f"knee flexion {v['knee_flexion_deg']:.0f}°, extra rotation {v['hip_rotation_deg']:+.0f}°",
            f"{b('FPPA')} {fppa:.1f}° (normative strength: {normative:.1f}°): {fppa_verdict(fppa)} "
            "of the squat groups",
            f"{b('Herrington 2014')}, single-leg squat: controls {group('squat', 'controls')}, "
            f"patellofemoral pain {group('squat', 'pfp')}; landing: controls {group('landing', 'controls')}, "
            f"patellofemoral pain {group('landing', 'pfp')}",
            f"{b('Knee')} {100 * float(r.knee_medial_shift_m[0]):.1f} cm medial of the hip-ankle line "
            f"(swing {float(r.knee_swing_deg[0]):.1f}°)",
            f"{b('Hip')} adduction {float(r.hip_adduction_deg[0]):.1f}°, internal rotation "
            f"{float(r.hip_rotation_deg[0]):.1f}°, flexion {float(r.hip_flexion_deg[0]):.1f}°",
            f"{b('Pelvic drop')} {float(r.pelvic_drop_deg[0]):.1f}° (swing side lower)",
        ]
        if v["activity"] != CALIBRATED_ACTIVITY:
            out.append(f"{v['activity'].replace('_', ' ').capitalize()} reuses the squat's calibration of "
                       "the knee swing, and Herrington's groups are squats and landings: compare with care.")
        if not bool(r.within_joint_ranges[0]):
            out.append("A hip angle is outside the published joint ranges: the model is extrapolating.")
        return out

    def readout_text(self) -> str:
        """The readout as plain text (the stored fallback output)."""
        return "\n".join(self._lines(html=False))


#: Every widget panel, for the benchmark and the browser tests.
ALL_PANELS: tuple[type[Panel], ...] = (LinesOfActionPanel, MomentArmPanel, StancePanel, HipDropPanel,
                                       KneeValgusPanel)
