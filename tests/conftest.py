"""Shared fixtures: the project root and real builds of both editions of the site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = Path(sys.executable).parent / "mkdocs"
COHORT_BIN = Path(os.environ.get("PEER_COHORT_BIN", ROOT / ".venv-cohort" / "bin"))
"""nbgrader lives in its own environment (`make cohort`), out of the site build's import path."""


def build_site(project: Path, site_dir: Path, edition: str = "learner") -> subprocess.CompletedProcess[str]:
    """Build ``project`` with the real ``mkdocs build --strict`` into ``site_dir``."""
    env = {**os.environ, "PEER_EDITION": edition, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1767225600"}
    return subprocess.run(
        [str(MKDOCS), "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


NOT_SOURCES = (".venv*", ".git", "site", "site-trainer", ".cache", "*_cache", "__pycache__", "*.egg-info", "exports", "grades", "results")
"""What `copy_project` leaves behind: environments (the cohort one alone is ~430 MB), builds, caches and outputs."""


def copy_project(destination: Path) -> Path:
    """Copy the sources (not builds, caches or the virtual environments) to ``destination`` for tests that break them."""
    shutil.copytree(ROOT, destination, ignore=shutil.ignore_patterns(*NOT_SOURCES))
    return destination


@pytest.fixture(scope="session")
def project_root() -> Path:
    return ROOT


def _built_edition(tmp_path_factory: pytest.TempPathFactory, edition: str) -> Path:
    site = tmp_path_factory.mktemp(edition) / "site"
    result = build_site(ROOT, site, edition)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def learner_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The learner edition, built once per test session."""
    return _built_edition(tmp_path_factory, "learner")


@pytest.fixture(scope="session")
def trainer_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The trainer edition, built once per test session."""
    return _built_edition(tmp_path_factory, "trainer")


@pytest.fixture(scope="session")
def cohort_bin() -> Path:
    """The cohort environment's bin folder, with nbgrader, alembic and a python3 kernel.

    Skipped on a workstation without it; a failure in CI, where `make test` always creates it.
    """
    if not (COHORT_BIN / "nbgrader").exists():
        reason = f"nbgrader is not installed at {COHORT_BIN}: run `make cohort`"
        if os.environ.get("CI"):
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    return COHORT_BIN


def run_nbgrader(bin_dir: Path, course: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the real nbgrader CLI from the cohort environment in ``course``; fail the test if it fails."""
    env = {
        **os.environ,
        # nbgrader shells out to `alembic`, and its kernel must be the cohort environment's python.
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "JUPYTER_CONFIG_DIR": str(course / ".jupyter"),
        "JUPYTER_DATA_DIR": str(course / ".jupyter-data"),
        "PYTHONWARNINGS": "ignore",
    }
    result = subprocess.run([str(bin_dir / "nbgrader"), *args], cwd=course, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"nbgrader {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result
