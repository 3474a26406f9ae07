"""``make site`` without a browser: what goes into the pages (tests/browser/test_site.py loads them)."""

from __future__ import annotations

import doctest
import html
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

import tools.build_site as build
from tools.build_site import build_site

ROOT = Path(__file__).parents[1]
WIDGET = "application/vnd.jupyter.widget-view+json"


def test_the_builder_doctests() -> None:
    result = doctest.testmod(build, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 8 and result.failed == 0


@pytest.fixture(scope="module")
def real_site(tmp_path_factory) -> tuple[Path, build.Site]:
    out = tmp_path_factory.mktemp("site") / "site"
    return out, build_site(ROOT, out)


def test_every_notebook_markdown_page_and_figure_is_on_the_site(real_site) -> None:
    out, site = real_site
    assert site.warnings == [], "every relative link of every page leads somewhere"
    sources = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "notebooks").glob("*.ipynb"))
    sources += sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "notebooks").glob("*.md"))
    sources += sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "teaching").rglob("*.md"))
    for source in sources:
        assert (out / (source.rsplit(".", 1)[0] + ".html")).is_file(), source
    for png in (ROOT / "figures").glob("*.png"):
        assert (out / "figures" / png.name).read_bytes() == png.read_bytes()
        assert f"figures/{png.name}" in (out / "figures.html").read_text()
    index = (out / "index.html").read_text()
    order = [index.index(f'href="notebooks/{p.stem}.html"') for p in sorted((ROOT / "notebooks").glob("*.ipynb"))]
    assert order == sorted(order), "the index lists the notebooks in teaching order"


def test_pages_are_static_and_offline(real_site) -> None:
    out, _ = real_site
    for page in out.rglob("*.html"):
        text = page.read_text()
        assert "<script" not in text, f"{page.name}: no scripts (no MathJax, require.js or widget manager)"
        assert WIDGET not in text, f"{page.name}: no widget-state placeholder"
        assert not re.search(r'(src|<link[^>]*href)="(https?:)?//', text), f"{page.name}: nothing loaded from the web"
        assert "$$" not in text.split("<main>")[1].split("</main>")[0] or page.name == "README.html"


def test_stored_panels_and_questions_keep_their_snapshot_and_text(real_site) -> None:
    out, _ = real_site
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        page = (out / "notebooks" / f"{path.stem}.html").read_text()
        widgets = [o["data"] for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
                   if WIDGET in o.get("data", {})]
        panels = [d for d in widgets if "image/png" in d]
        assert page.count("gm-static-panel") == len(panels), path.name
        assert page.count("gm-static-question") == len(widgets) - len(panels), path.name
        for data in widgets:
            first_line = data["text/plain"].splitlines()[0]
            assert first_line in html.unescape(page), f"{path.name}: readout {first_line!r}"


def _tiny_repo(root: Path) -> None:
    """A repository with every kind of page and link the builder has to handle."""
    png = next((ROOT / "figures").glob("*.png")).read_bytes()
    (root / "figures").mkdir(parents=True)
    (root / "figures" / "f.png").write_bytes(png)
    (root / "data").mkdir()
    (root / "data" / "x.csv").write_text("a,b\n")
    (root / "README.md").write_text(
        "# tiny: a test site\n\n[![Binder](https://mybinder.org/badge_logo.svg)]"
        "(https://mybinder.org/v2/gh/someone/tiny/HEAD?labpath=notebooks%2F00_a.ipynb)\n\n"
        "A tiny collection for testing the site builder.\n\n## Quick start\n\nRun it.\n")
    import base64

    b64 = base64.b64encode(png).decode()
    nb = new_notebook(cells=[
        new_markdown_cell("# 00 · First\n\n*Learn the first thing. Then more.*\n\n"
                          "See the [moment arm](glossary.md#moment-arm), [notebook 01](01_b.ipynb#Section-one), "
                          "the [quick start](../README.md#quick-start), the [guide](../teaching/guide.md), "
                          "the [data](../data/x.csv) and ![a figure](../figures/f.png). Math: $r = -\\mathrm{d}L/\\mathrm{d}q$."),
        new_code_cell("# NBVAL_IGNORE_OUTPUT\npanel = gm.panels.MomentArmPanel()\npanel", outputs=[
            new_output("execute_result", data={WIDGET: {"model_id": "abc", "version_major": 2, "version_minor": 0},
                                               "image/png": b64, "text/plain": "Pose: flexion 0°\nmiddle: +4.4 cm"},
                       execution_count=1)]),
        new_markdown_cell("**Figure 1.** The *panel* at neutral."),
        new_code_cell("gm.answers.answer_box('How long?', 1.0)", outputs=[
            new_output("execute_result", data={WIDGET: {"model_id": "def", "version_major": 2, "version_minor": 0},
                                               "text/plain": "How long is it, in cm?"}, execution_count=2)]),
        new_code_cell("solution = 42", metadata={"jupyter": {"source_hidden": True}, "tags": ["solution"]}),
        new_code_cell("options = ['a']", metadata={"jupyter": {"source_hidden": True}}),
    ], metadata={"widgets": {"application/vnd.jupyter.widget-state+json": {"state": {}}}})
    (root / "notebooks").mkdir()
    nbformat.write(nb, root / "notebooks" / "00_a.ipynb")
    nbformat.write(new_notebook(cells=[new_markdown_cell("# 01 · Second\n\n## Section one\n\nBack to [00](00_a.ipynb).")]),
                   root / "notebooks" / "01_b.ipynb")
    (root / "notebooks" / "glossary.md").write_text(
        "# Glossary\n\nPlain words.\n\n<a id=\"moment-arm\"></a>\n**Moment arm**: a lever.\n")
    (root / "teaching" / "sub").mkdir(parents=True)
    (root / "teaching" / "guide.md").write_text(
        "# Teacher's guide\n\nUse [notebook 00](../notebooks/00_a.ipynb) and ![the figure](../figures/f.png); "
        "more in [sub](sub/) and the [home](../README.md).\n")
    (root / "teaching" / "sub" / "README.md").write_text("# More\n\nBack to the [guide](../guide.md).\n")


def test_links_widgets_and_math_on_a_tiny_repository(tmp_path: Path) -> None:
    repo, out = tmp_path / "repo", tmp_path / "site"
    _tiny_repo(repo)
    site = build_site(repo, out)
    assert site.warnings == []
    assert site.repo == "someone/tiny"
    assert [p.output for p in site.pages] == [
        "index.html", "notebooks/00_a.html", "notebooks/01_b.html", "notebooks/glossary.html",
        "teaching/guide.html", "teaching/sub/README.html", "figures.html", "README.html"]
    nb = (out / "notebooks" / "00_a.html").read_text()
    for href in ['href="glossary.html#moment-arm"', 'href="01_b.html#Section-one"',
                 'href="../README.html#quick-start"', 'href="../teaching/guide.html"',
                 'href="https://github.com/someone/tiny/blob/HEAD/data/x.csv"', 'src="../figures/f.png"']:
        assert href in nb, href
    assert 'id="Section-one"' in (out / "notebooks" / "01_b.html").read_text()
    assert 'id="quick-start"' in (out / "README.html").read_text(), "GitHub-style heading ids too"
    assert 'id="moment-arm"' in (out / "notebooks" / "glossary.html").read_text()
    guide = (out / "teaching" / "guide.html").read_text()
    for href in ['href="../notebooks/00_a.html"', 'src="../figures/f.png"', 'href="sub/README.html"',
                 'href="../README.html"']:
        assert href in guide, href
    # the widget: its snapshot (alt text from the figure caption) and readout, no placeholder
    assert 'alt="Figure 1. The panel at neutral."' in nb
    assert "Pose: flexion 0°" in nb and "How long is it, in cm?" in nb
    assert WIDGET not in nb and "<script" not in nb and "NBVAL" not in nb
    # folded cells: the solution whole, the hidden code by its code
    assert re.search(r'<details class="gm-fold gm-solution"><summary>Solution[^<]*</summary>\s*<div[^>]*jp-CodeCell', nb)
    assert '<details class="gm-fold gm-hidden-code"><summary>Show the code</summary>' in nb
    assert "<math" in nb and "$r =" not in nb
    # navigation: previous, index, next
    assert nb.count('<a class="gm-home" href="../index.html">Index</a>') == 2, "top and bottom"
    assert '<a class="gm-prev" href="../index.html" rel="prev">' in nb
    assert '<a class="gm-next" href="01_b.html" rel="next">' in nb
    assert "binder" in nb.lower() and "someone/tiny/HEAD?labpath=notebooks%2F00_a.ipynb" in nb
    index = (out / "index.html").read_text()
    assert "Learn the first thing." in index and "Then more" not in index, "one-line description"
    assert "A tiny collection for testing the site builder." in index
    assert "For teachers" in index and 'href="teaching/guide.html"' in index
    assert "badge_logo" not in (out / "README.html").read_text(), "no image from the web"


def test_a_link_to_a_missing_file_is_reported(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    _tiny_repo(repo)
    (repo / "notebooks" / "glossary.md").write_text("# Glossary\n\nSee [nothing](nothing.md).\n")
    site = build_site(repo, tmp_path / "site")
    assert site.warnings == ["notebooks/glossary.html: link to a missing file: nothing.md"]


def test_the_command_line_fails_on_broken_links(tmp_path: Path, monkeypatch, capsys) -> None:
    repo = tmp_path / "repo"
    _tiny_repo(repo)
    (repo / "teaching" / "guide.md").write_text("# Guide\n\n[gone](../notebooks/99_gone.ipynb)\n")
    monkeypatch.setattr(build, "ROOT", repo)
    assert build.main([str(tmp_path / "site")]) == 1
    assert "link to a missing file: ../notebooks/99_gone.ipynb" in capsys.readouterr().err
    shutil.rmtree(tmp_path / "site")


def test_the_builder_never_deletes_a_folder_that_is_not_a_site(tmp_path: Path) -> None:
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.txt").write_text("years of work")
    with pytest.raises(SystemExit, match="not overwriting"):
        build_site(ROOT, precious)
    assert (precious / "thesis.txt").exists()
