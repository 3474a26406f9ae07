"""Every notebook follows the teaching skeleton of the style brief.

The skeleton: a title; an overview with learning objectives and minutes;
prerequisites; a set-up cell; sections; a predict-then-check pair around
every widget; exercises whose solutions run and assert; a summary; what next;
references. Every figure has a text description (alt text); the file is
under 1 MB and was saved from one clean top-to-bottom run.
"""

from __future__ import annotations

import copy
import importlib.util
import re
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = sorted((Path(__file__).parents[1] / "notebooks").glob("*.ipynb"))
IDS = [p.name for p in NOTEBOOKS]


def _md(nb) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def _load(path: Path):
    return nbformat.read(path, as_version=4)


def _normalise(nb):
    """``normalise`` of tools/execute_notebooks.py (a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("execute_notebooks",
                                                  Path(__file__).parents[1] / "tools" / "execute_notebooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.normalise(nb)


def test_notebooks_exist() -> None:
    names = [p.name for p in NOTEBOOKS]
    for expected in ("00_start_here.ipynb", "01_anatomy_and_lines_of_action.ipynb",
                     "02_moment_arms_and_changing_roles.ipynb"):
        assert expected in names
    for name in names:
        assert re.fullmatch(r"\d\d_[a-z0-9_]+\.ipynb", name), f"{name}: use NN_snake_case.ipynb"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_skeleton_sections(path: Path) -> None:
    nb = _load(path)
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# "), "starts with a title"
    md = _md(nb)
    assert re.search(r"learning objectives", md, re.I), "states learning objectives"
    assert re.search(r"\b\d+\s*minutes\b", md), "says how many minutes it takes"
    assert re.search(r"^#+\s*prerequisites", md, re.I | re.M), "lists prerequisites"
    for heading in ("summary", "what next", "references"):
        assert re.search(rf"^##\s*{heading}", md, re.I | re.M), f"has a '## {heading}' section"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_exercises_have_checked_solutions(path: Path) -> None:
    nb = _load(path)
    md = _md(nb)
    assert re.search(r"^##\s*exercises", md, re.I | re.M), "has an '## Exercises' section"
    solutions = [c for c in nb.cells if c.cell_type == "code" and "solution" in c.metadata.get("tags", [])]
    assert solutions, "has at least one solution cell (tagged 'solution')"
    for cell in solutions:
        assert "assert" in cell.source, "a solution cell asserts a property of its answer"
    checks = [c for c in nb.cells if c.cell_type == "code"
              and ("gm.answers.check(" in c.source or "gm.answers.answer_box(" in c.source)]
    assert len(checks) >= len(solutions), "every solution is followed by a check of the learner's answer"
    for cell in solutions:
        printed = [o for o in cell.outputs if o.get("output_type") in ("stream", "execute_result", "display_data")]
        assert not printed, "a hidden solution prints nothing that would give the answer away"
        assert cell.metadata.get("jupyter", {}).get("source_hidden"), "solution source is hidden in JupyterLab"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_predict_then_check_around_every_widget(path: Path) -> None:
    nb = _load(path)
    cells = nb.cells
    widget_cells = [i for i, c in enumerate(cells) if c.cell_type == "code" and "Panel(" in c.source]
    for i in widget_cells:
        before = "\n".join(c.source for c in cells[max(0, i - 3):i] if c.cell_type == "markdown")
        after = "\n".join(c.source for c in cells[i + 1:i + 4] if c.cell_type == "markdown")
        assert "**Predict" in before, f"cell {i}: a '**Predict**' prompt comes before the widget"
        assert "**Check" in after, f"cell {i}: a '**Check**' question comes after the widget"
        assert "nbval-ignore-output" in cells[i].metadata.get("tags", []), \
            f"cell {i}: widget output is not compared (tag nbval-ignore-output)"
    if path.name != "00_start_here.ipynb":
        assert "**Predict" in _md(nb), "asks the learner to predict at least once"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_figure_has_alt_text(path: Path) -> None:
    nb = _load(path)
    cells = nb.cells
    for i, cell in enumerate(cells):
        if cell.cell_type == "markdown":
            for alt in re.findall(r"!\[([^\]]*)\]\(", cell.source):
                assert alt.strip(), f"cell {i}: markdown image without alt text"
            for tag in re.findall(r"<img\b[^>]*>", cell.source):
                assert re.search(r'alt="[^"]+"', tag), f"cell {i}: <img> without alt text"
        elif any("image/png" in o.get("data", {}) for o in cell.get("outputs", [])):
            nxt = cells[i + 1] if i + 1 < len(cells) else None
            assert nxt is not None and nxt.cell_type == "markdown" and nxt.source.startswith(
                "**Figure"), f"cell {i}: a figure is followed by a '**Figure ...' description (alt text)"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_clean_code(path: Path) -> None:
    nb = _load(path)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "sys.path" not in code, "no sys.path edits: the package is installed"
    assert not re.search(r"^\s*from\s+\S+\s+import\s+\*", code, re.M), "no 'import *'"
    assert "import glutemed as gm" in code or path.name == "00_start_here.ipynb"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_stored_from_one_clean_run(path: Path) -> None:
    assert path.stat().st_size < 1_000_000, "under 1 MB"
    nb = _load(path)
    nbformat.validate(nb)  # a valid notebook (Voila and nbconvert refuse invalid ones)
    code = [c for c in nb.cells if c.cell_type == "code"]
    counts = [c.execution_count for c in code]
    assert counts == list(range(1, len(code) + 1)), "saved from one clean top-to-bottom run (make notebooks)"
    assert any(c.outputs for c in code), "outputs are stored so the notebook reads well on GitHub"
    for c in code:
        for out in c.outputs:
            assert out.get("output_type") != "error", "no stored errors"
            assert not re.search(r"/(work|home|tmp|root)/", str(out)), "no machine paths in outputs"
    assert "widgets" not in nb.metadata, "no stored widget state (it bloats the file)"
    assert _normalise(copy.deepcopy(nb)) == nb, \
        "normalised by make notebooks (metadata, cell ids, widget model ids), so a re-run changes nothing"


def test_nbval_fails_when_a_stored_number_changes(tmp_path: Path) -> None:
    """Guard on the nbval set-up: a changed number in a stored text output fails the run."""
    import subprocess
    import sys

    root = Path(__file__).parents[1]
    source = root / "notebooks" / "00_start_here.ipynb"
    nb = _load(source)
    cell = next(c for c in nb.cells if c.cell_type == "code" and any(
        "abduction moment arm" in o.get("text", "") for o in c.get("outputs", [])))
    out = next(o for o in cell.outputs if "abduction moment arm" in o.get("text", ""))
    original = out["text"]
    out["text"] = re.sub(r"\d\.\d cm", lambda m: f"{float(m.group()[:-3]) + 0.1:.1f} cm", original, count=1)
    assert out["text"] != original
    changed = tmp_path / source.name
    nbformat.write(nb, changed)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-c", str(root / "pyproject.toml"),
         "--rootdir", str(tmp_path), str(changed)],
        capture_output=True, text=True, cwd=root, timeout=300)
    assert result.returncode != 0, "nbval passed a notebook whose stored number was changed"
    assert "failed" in result.stdout


LESSONS = [p for p in NOTEBOOKS if p.name != "00_start_here.ipynb"]
GLOSSARY = Path(__file__).parents[1] / "notebooks" / "glossary.md"
#: minutes a student needs, per word of prose and per activity (stated in the notebooks' overviews)
WORDS_PER_MINUTE = 150
MINUTES_PER = {"gm.answers.predict(": 1.5, "Panel(": 2.0, "gm.answers.answer_box(": 3.0,
               "gm.answers.choice_question(": 2.0}


def _class_text(nb) -> str:
    """Everything a student can read in the notebook's markdown, up to the references.

    Captions with their alt text, citations in brackets and "Optional" sections
    all count, wherever they sit: a student reading at their own pace meets
    every word of them. Only the reference list (up to the next heading) is left out.
    """
    return re.sub(r"^## References\b.*?(?=^#{1,2} |\Z)", " ", _md(nb), flags=re.M | re.S)


def estimated_minutes(nb) -> float:
    """Reading time of the prose plus time for each prediction, panel, exercise and question."""
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", _class_text(nb))  # a link reads as its words, not its address
    words = len(re.findall(r"[A-Za-z0-9°%]+", text))
    return words / WORDS_PER_MINUTE + sum(code.count(k) * m for k, m in MINUTES_PER.items())


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_class_sized_and_honest_about_time(path: Path) -> None:
    nb = _load(path)
    stated = [int(m) for m in re.findall(r"about\s+(\d+)\s*minutes", _md(nb), re.I)]
    assert stated, "the overview says 'about N minutes'"
    assert stated[0] <= 30, "a class-sized unit: at most 30 minutes"
    estimate = estimated_minutes(nb)
    assert estimate <= stated[0] + 0.5, f"stated {stated[0]} min but the estimate is {estimate:.1f} min"


def test_time_estimate_counts_every_word_a_student_reads() -> None:
    """Alt text, bracketed citations and optional sections add to the estimate; references do not."""
    base = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# 01 · T\n\nabout 5 minutes")])
    def with_text(text: str) -> float:
        nb = nbformat.v4.new_notebook(cells=base.cells + [nbformat.v4.new_markdown_cell(text)])
        return estimated_minutes(nb)
    words = " ".join(["word"] * 150)
    start = estimated_minutes(base)
    for text in (f"**Figure 1.** Point. Alt text: {words}", f"({words})", f"## Optional: more\n\n{words}"):
        assert with_text(text) >= start + 1.0, text[:30]
    assert with_text(f"## References\n\n{words}") < start + 0.1
    link = "[word](glossary.md#a-long-anchor-name) "
    assert with_text(link * 150) == pytest.approx(with_text(words))
    assert with_text(f"## References\n\nA. B (2020).\n\n## Optional: after the references\n\n{words}") >= start + 1.0


@pytest.mark.parametrize("path", LESSONS, ids=[p.name for p in LESSONS])
def test_predictions_are_committed_and_a_conceptual_question_is_asked(path: Path) -> None:
    code = "\n".join(c.source for c in _load(path).cells if c.cell_type == "code")
    assert code.count("gm.answers.predict(") >= 2, "at least two committed predictions"
    assert code.count("gm.answers.choice_question(") >= 1, "at least one conceptual or clinical question"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_test_markers_in_what_students_see(path: Path) -> None:
    for cell in _load(path).cells:
        if cell.cell_type == "code":
            assert "NBVAL" not in cell.source, "test markers live in cell tags, not in visible code"
            if not cell.metadata.get("jupyter", {}).get("source_hidden"):
                assert "lambda" not in cell.source, "no lambdas in visible code"


def test_glossary_links_resolve() -> None:
    anchors = set(re.findall(r'<a id="([a-z0-9-]+)"></a>', GLOSSARY.read_text(encoding="utf-8")))
    assert len(anchors) >= 30
    for path in NOTEBOOKS:
        md = _md(_load(path))
        links = re.findall(r"\]\(glossary\.md#([a-z0-9-]+)\)", md)
        assert links, f"{path.name} links terms to the glossary"
        missing = sorted(set(links) - anchors)
        assert not missing, f"{path.name}: glossary anchors missing: {missing}"
