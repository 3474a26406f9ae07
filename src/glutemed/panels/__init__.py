"""Widget panels: a figure built once, controls declared by model parameter name, a readout.

Every panel derives from :class:`~glutemed.panels.base.Panel`: values ->
model -> view update -> render -> declared readout. See
:mod:`glutemed.panels.base` for the pattern.
"""

from glutemed.panels.base import BlitRenderer, Choice, Panel, Row, Slider
from glutemed.panels.hip import HipPosePanel, LinesOfActionPanel, MomentArmPanel
from glutemed.panels.knee import KneeValgusPanel
from glutemed.panels.measure import MeasurePanel
from glutemed.panels.rehab import Menu, RehabPanel
from glutemed.panels.risk import RiskExplorerPanel
from glutemed.panels.running import RunningPanel
from glutemed.panels.stance import HipDropPanel, StancePanel
from glutemed.panels.training import weekly_plan

__all__ = ["ALL_PANELS", "BlitRenderer", "Choice", "HipDropPanel", "HipPosePanel", "KneeValgusPanel",
           "LinesOfActionPanel", "MeasurePanel", "Menu", "MomentArmPanel", "Panel", "RehabPanel", "RiskExplorerPanel",
           "Row", "RunningPanel", "Slider", "StancePanel", "weekly_plan"]

#: Every widget panel, for the benchmark and the browser tests.
ALL_PANELS: tuple[type[Panel], ...] = (LinesOfActionPanel, MomentArmPanel, StancePanel, HipDropPanel,
                                       KneeValgusPanel, RunningPanel, RiskExplorerPanel, MeasurePanel, RehabPanel)
