"""Binder, checked here: repo2docker's build plan for this repository, made without Docker.

``jupyter-repo2docker --no-build --debug REPO`` picks the build pack and prints
the Dockerfile it would build, without contacting a Docker daemon (a dry run
never opens the container engine), so it runs on any machine with the pinned
``jupyter-repo2docker``. What it checks is the plan, not the build: it does not
download conda or PyPI packages, so it cannot show that they resolve on
Binder (that the pins install together is what ``make setup`` shows, with the
same pins); and it uses the repo2docker release pinned here, which may differ
from the one mybinder.org runs.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tools.build_site import binder_repo

ROOT = Path(__file__).parents[1]
PYTHON = "3.12"


def repo2docker_plan(repo: Path) -> tuple[str, str]:
    """The Dockerfile repo2docker would build for ``repo`` (stdout) and its log (stderr)."""
    proc = subprocess.run(
        [sys.executable, "-m", "repo2docker", "--no-build", "--debug",
         "--user-id", "1000", "--user-name", "jovyan", str(repo)],
        capture_output=True, text=True, timeout=300, cwd=repo)
    assert proc.returncode == 0, f"repo2docker failed:\n{proc.stderr[-3000:]}"
    return proc.stdout, proc.stderr


def plan_problems(dockerfile: str, log: str, environment: dict) -> list[str]:
    """What is wrong with a build plan for this project; empty when Binder will build what we expect.

    ``environment`` is ``environment.yml`` as loaded from YAML.
    """
    problems = []
    if not dockerfile.lstrip().startswith("FROM "):
        problems.append("repo2docker printed no Dockerfile")
    update = dockerfile.find('env update -p ${NB_PYTHON_PREFIX} --file "environment.yml"')
    if update < 0:
        problems.append("the conda build pack does not install environment.yml")
    # the base environment's lock file for that Python, its name escaped in the build-context path
    major, minor = PYTHON.split(".")
    lock = rf"environment(\.|-2e)py(-|-2d){major}(\.|-2e){minor}(-|-2d)linux"
    if f"Building conda environment for python={PYTHON}" not in log or not re.search(lock, dockerfile):
        problems.append(f"the environment is not built on Python {PYTHON}")
    copy_repo = dockerfile.find("src/ ${REPO_DIR}/")
    if update >= 0 and not 0 <= copy_repo < update:
        problems.append("environment.yml is installed before the repository is copied, so '-e .' cannot work")
    deps = environment.get("dependencies", [])
    pip = next((d["pip"] for d in deps if isinstance(d, dict) and "pip" in d), [])
    if f"python={PYTHON}" not in deps:
        problems.append(f"environment.yml does not pin python={PYTHON}")
    if "-e ." not in pip:
        problems.append("environment.yml does not install the glutemed package ('-e .')")
    if re.search(r"requirements[\w.-]*\.txt", dockerfile):
        problems.append("a requirements file is installed besides environment.yml")
    return problems


def test_repo2docker_plans_our_environment() -> None:
    dockerfile, log = repo2docker_plan(ROOT)
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert plan_problems(dockerfile, log, environment) == []


def test_a_wrong_environment_is_caught(tmp_path: Path) -> None:
    """Python 3.11 and no '-e .': repo2docker plans it happily, the check does not."""
    (tmp_path / "environment.yml").write_text(
        "dependencies:\n  - python=3.11\n  - pip\n  - pip:\n      - numpy==2.4.6\n")
    dockerfile, log = repo2docker_plan(tmp_path)
    problems = plan_problems(dockerfile, log, yaml.safe_load((tmp_path / "environment.yml").read_text()))
    assert f"the environment is not built on Python {PYTHON}" in problems
    assert "environment.yml is installed before the repository is copied, so '-e .' cannot work" in problems
    assert "environment.yml does not install the glutemed package ('-e .')" in problems
    assert len(problems) == 4, problems


def test_binder_gets_the_runtime_only() -> None:
    """Binder installs requirements.txt's pins and none of requirements-dev.txt (README, "Binder")."""
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip = next(d["pip"] for d in environment["dependencies"] if isinstance(d, dict))
    dev = [line.split("==")[0].lower() for line in (ROOT / "requirements-dev.txt").read_text().splitlines()
           if "==" in line and not line.startswith("#")]
    installed = [p.split("==")[0].lower() for p in pip]
    assert dev and not set(dev) & set(installed), "test and site tools stay off Binder"


def _text_files() -> list[Path]:
    skip = {".git", ".venv", "build", "dist", "__pycache__", ".ipynb_checkpoints", "node_modules"}
    suffixes = {".md", ".ipynb", ".py", ".yml", ".yaml", ".cff", ".toml", ".txt", ".cfg", ".j2", ".css", ""}
    def kept(path: Path) -> bool:
        parts = path.relative_to(ROOT).parts
        return not skip & set(parts) and not any(part.endswith(".egg-info") for part in parts)

    return [p for p in ROOT.rglob("*") if p.is_file() and p.suffix in suffixes and kept(p)]


def test_the_binder_badge_is_the_one_place_the_repository_path_is_written() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    repo = binder_repo(readme)
    assert repo, "README.md has a Binder badge naming the GitHub repository"
    assert readme.count(repo) == 1, f"README.md writes {repo} only in the badge"
    elsewhere = [p.relative_to(ROOT).as_posix() for p in _text_files()
                 if p != ROOT / "README.md" and repo in p.read_text(encoding="utf-8", errors="replace")]
    assert elsewhere == [], f"{repo} is written outside the README badge: {elsewhere}"
    assert "placeholder" in readme and "Binder" in readme


@pytest.mark.parametrize("part", ["user-redirect/git-pull?repo=", "urlpath=lab/tree/", "branch=main"])
def test_readme_gives_the_nbgitpuller_link(part: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert part in readme
    assert "notebooks/00_start_here.ipynb&branch=main" in readme
