"""Widget latency benchmark: one slider step, in place versus clear-and-replot.

Run with ``make bench`` (not part of ``make test``: timings are figures to
read, not pass/fail tests). For every panel in ``glutemed.panels.ALL_PANELS``
it times one slider step in the kernel: the model, the artist update and the
rendering to the PNG bytes that are sent to the browser. In the same run it
times a naive step on the same figure: clear it, draw everything again, render
the whole canvas and encode it. It also times each notebook's full execution,
``import glutemed``, one vectorised ``pelvic_drop`` call over 10 000
strengths (running: the stance model in time) and one running-stance sweep
over 1 000 strengths.

The last line reads ``worst median step: X ms; smallest speed-up vs replot: Y x``
(targets: X <= 40, Y >= 4).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from glutemed.panels import ALL_PANELS, BlitRenderer, Panel

ROOT = Path(__file__).resolve().parents[1]
STEPS_PER_SLIDER = 12


def _slider_values(panel: Panel) -> list[tuple[str, float]]:
    """A sweep over every slider: (parameter name, value) pairs, each a change."""
    plan = []
    for name, slider in panel.sliders.items():
        values = np.linspace(slider.min, slider.max, STEPS_PER_SLIDER)
        plan += [(name, float(v)) for v in values] + [(name, float(slider.value))]
    return plan


def time_in_place(panel_class: type[Panel]) -> list[float]:
    panel = panel_class()
    times = []
    for name, value in _slider_values(panel):
        start = time.perf_counter()
        panel.sliders[name].value = value  # observe -> model -> artists -> blit -> PNG
        times.append(time.perf_counter() - start)
    return times


def time_replot(panel_class: type[Panel]) -> list[float]:
    """The naive way: clear the figure and draw it all again at every step."""
    panel = panel_class()
    for slider in panel.sliders.values():
        slider.unobserve_all()
    times = []
    for name, value in _slider_values(panel):
        start = time.perf_counter()
        panel.sliders[name].value = value
        panel.fig.clear()
        artists = panel.draw(panel.compute(panel.values))  # model + every artist, from scratch
        for artist in artists:  # draw the moving artists too, in a plain full render
            artist.set_animated(False)
        png = BlitRenderer(panel.fig, []).render()
        times.append(time.perf_counter() - start)
        assert png
    return times


def time_notebooks() -> list[tuple[str, float]]:
    import nbformat
    from nbclient import NotebookClient

    results = []
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        start = time.perf_counter()
        NotebookClient(nb, timeout=600, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        results.append((path.name, time.perf_counter() - start))
    return results


def time_import(repeats: int = 5) -> float:
    def run(code: str) -> float:
        best = float("inf")
        for _ in range(repeats):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)
            best = min(best, time.perf_counter() - start)
        return best

    return run("import glutemed") - run("pass")


def time_pelvic_drop() -> float:
    """Median time of one vectorised pelvic_drop call over 10 000 strengths (model cache warm)."""
    import glutemed as gm

    strengths = np.linspace(0.0, 1.5, 10_000)
    gm.pelvic_drop(strengths)
    times = []
    for _ in range(20):
        start = time.perf_counter()
        gm.pelvic_drop(strengths)
        times.append(time.perf_counter() - start)
    return float(np.median(times))


def time_running_sweep(repeats: int = 5) -> float:
    """Median time of one ``running_stance`` call over 1 000 strengths (0-1.5), the vectorised stance model."""
    import glutemed as gm

    strengths = np.linspace(0.0, 1.5, 1_000)
    gm.running_stance(strengths)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        gm.running_stance(strengths)
        times.append(time.perf_counter() - start)
    return float(np.median(times))


def _ms(values: list[float], q: float) -> float:
    return float(np.percentile(np.array(values) * 1000, q))


def main() -> None:
    print(f"{'panel':22s} {'steps':>5s} {'median ms':>10s} {'p90 ms':>8s} "
          f"{'replot median':>14s} {'replot p90':>11s} {'speed-up':>9s}")
    worst, smallest = 0.0, float("inf")
    for panel_class in ALL_PANELS:
        fast = time_in_place(panel_class)
        slow = time_replot(panel_class)
        med, p90 = _ms(fast, 50), _ms(fast, 90)
        smed, sp90 = _ms(slow, 50), _ms(slow, 90)
        ratio = smed / med
        worst, smallest = max(worst, med), min(smallest, ratio)
        print(f"{panel_class.__name__:22s} {len(fast):5d} {med:10.1f} {p90:8.1f} "
              f"{smed:14.1f} {sp90:11.1f} {ratio:8.1f}x")
    print()
    for name, seconds in time_notebooks():
        print(f"notebook {name:45s} {seconds:6.1f} s full execution")
    print(f"import glutemed {time_import() * 1000:.0f} ms (fresh interpreter, minus bare start-up)")
    print(f"pelvic_drop over 10 000 strengths: {time_pelvic_drop() * 1000:.1f} ms (median of 20)")
    print(f"running_stance over 1 000 strengths: {time_running_sweep() * 1000:.1f} ms (median of 5)")
    print(f"worst median step: {worst:.1f} ms; smallest speed-up vs replot: {smallest:.1f} x")


if __name__ == "__main__":
    main()
