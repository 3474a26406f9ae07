"""The set-up files agree with each other and with the README."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).parents[1]


def _pins(lines: list[str]) -> dict[str, str]:
    pins = {}
    for line in lines:
        m = re.fullmatch(r"\s*-?\s*([A-Za-z0-9_.\-]+)==([^\s#]+)\s*(#.*)?", line)
        if m:
            pins[m.group(1).lower()] = m.group(2)
    return pins


def test_requirements_are_exact_pins() -> None:
    lines = [l for l in (ROOT / "requirements.txt").read_text().splitlines() if l.strip() and not l.startswith("#")]
    assert lines and all("==" in l for l in lines), "every requirement is pinned with =="


def test_environment_yml_pins_match_requirements() -> None:
    req = _pins((ROOT / "requirements.txt").read_text().splitlines())
    env_text = (ROOT / "environment.yml").read_text()
    env = _pins(env_text.splitlines())
    assert env == req, f"environment.yml and requirements.txt differ: {set(env.items()) ^ set(req.items())}"
    assert "conda-forge" in env_text and "nodefaults" in env_text
    assert re.search(r"^\s*-\s*python=3\.12\s*$", env_text, re.M)
    assert re.search(r"^\s*-\s*-e \.\s*$", env_text, re.M), "the package itself is installed"


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text()
    readme = (ROOT / "README.md").read_text()
    assert "make test" in ci
    assert "make lab" in readme and "make test" in readme


def test_readme_lists_every_notebook_and_links_exist() -> None:
    readme = (ROOT / "README.md").read_text()
    for nb in sorted((ROOT / "notebooks").glob("*.ipynb")):
        assert nb.name in readme, f"README lists {nb.name}"
    for target in re.findall(r"\]\(((?!https?:)[^)#]+)\)", readme):
        assert (ROOT / target).exists(), f"README links to a missing file: {target}"
    badge = re.search(r"mybinder\.org/v2/gh/[^)\s]+labpath=([^)\s&]+)", readme)
    assert badge, "README has a Binder badge"
    assert (ROOT / badge.group(1).replace("%2F", "/")).exists(), "the Binder badge opens an existing notebook"


def test_figures_are_up_to_date_and_reproducible(tmp_path: Path) -> None:
    from glutemed.figures import FIGURES, main

    main([str(tmp_path)])
    first = {name: (tmp_path / name).read_bytes() for name in FIGURES}
    main([str(tmp_path)])
    for name, data in first.items():
        assert (tmp_path / name).read_bytes() == data, f"{name}: re-running gives the same bytes"
        committed = ROOT / "figures" / name
        assert committed.exists(), f"figures/{name} is committed (run make figures)"
        assert committed.read_bytes() == data, f"figures/{name} is stale (run make figures)"
