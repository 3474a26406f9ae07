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
    for name in ("requirements.txt", "requirements-dev.txt"):
        lines = [l for l in (ROOT / name).read_text().splitlines() if l.strip() and not l.startswith("#")]
        assert lines and all("==" in l for l in lines), f"{name}: every requirement is pinned with =="


def test_environment_yml_pins_match_requirements() -> None:
    """Binder (environment.yml) gets the runtime pins of requirements.txt; the dev tools stay off it."""
    req = _pins((ROOT / "requirements.txt").read_text().splitlines())
    dev = _pins((ROOT / "requirements-dev.txt").read_text().splitlines())
    env_text = (ROOT / "environment.yml").read_text()
    env = _pins(env_text.splitlines())
    assert env == req, f"environment.yml and requirements.txt differ: {set(env.items()) ^ set(req.items())}"
    assert not set(dev) & set(req), f"pinned in both requirement files: {set(dev) & set(req)}"
    make = (ROOT / "Makefile").read_text()
    assert "-r requirements.txt -r requirements-dev.txt" in make, "make installs both, in one resolve"
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


def test_citation_file_is_valid_cff_1_2_0() -> None:
    """CITATION.cff validates against the Citation File Format 1.2.0 JSON schema (tests/data/README.md)."""
    import json

    import jsonschema
    import yaml

    schema = json.loads((ROOT / "tests" / "data" / "citation-file-format-1.2.0.schema.json").read_text())
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    jsonschema.validate(citation, schema, format_checker=jsonschema.FormatChecker())
    assert citation["cff-version"] == "1.2.0"
    version = re.search(r'^version = "([^"]+)"', (ROOT / "pyproject.toml").read_text(), re.M).group(1)
    assert citation["version"] == version, "CITATION.cff and pyproject.toml name the same version"
    assert f"## {version}" in (ROOT / "CHANGELOG.md").read_text(), "the changelog has this version"
    assert {"MIT", "CC-BY-4.0"} <= set(citation["license"])


def test_a_broken_citation_file_is_caught() -> None:
    import json

    import jsonschema
    import pytest

    schema = json.loads((ROOT / "tests" / "data" / "citation-file-format-1.2.0.schema.json").read_text())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"cff-version": "1.2.0", "title": "x"}, schema)  # no message, no authors
