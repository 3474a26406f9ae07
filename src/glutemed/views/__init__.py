"""Views: draw the models' results with Matplotlib, building artists once and moving them after.

One module per scene, one shared style:

:mod:`~glutemed.views.style`
    Palette (Okabe-Ito, colour-blind safe, plus line styles), font sizes
    scaled to the figure's width for projection (at least 1.2 pt per inch),
    :func:`~glutemed.views.style.new_figure`.
:mod:`~glutemed.views.labels`
    Direct labels (landmarks, portions, forces, angles) with leader lines,
    placed clear of every line and every other text at the first draw.
:mod:`~glutemed.views.projection`
    How points become plot coordinates in each kind of view (cm).
:mod:`~glutemed.views.hip`
    The hip and leg in three anatomical planes, with the three portions.
:mod:`~glutemed.views.moment_arms`
    Moment-arm curves and bars.
:mod:`~glutemed.views.stance`
    The frontal stick figure of single-leg stance and its free-body diagram.
:mod:`~glutemed.views.drop`
    Demand, capacity and passive curves of the pelvic-drop model.
:mod:`~glutemed.views.knee`
    The knee valgus chain in an oblique 3-D view and the frontal camera view.
:mod:`~glutemed.views.rehab`
    Rehabilitation exercises: the posed legs (gravity down the page), demand
    and share bars, the band's force curve, and the exercise ladder.

Every ``draw_*`` takes a Matplotlib ``Axes`` and a model result (or posed
points from :mod:`glutemed.kinematics`) and returns its artists; every
``update_*`` takes the same kind of result and only moves them. Views never
run a model.
"""
