"""Does the code pass the project's linters and type checker?"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT

BIN = Path(sys.executable).parent


def test_ruff_check() -> None:
    result = subprocess.run([str(BIN / "ruff"), "check", "tools", "tests", "bench"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format() -> None:
    result = subprocess.run(
        [str(BIN / "ruff"), "format", "--check", "tools", "tests", "bench"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy() -> None:
    result = subprocess.run([str(BIN / "mypy")], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_library_does_not_import_mkdocs() -> None:
    """The core library stays usable without MkDocs (only the thin plugin imports it) or nbgrader (only ``cohort`` does)."""
    code = (
        "import sys, importlib, pkgutil, peer_curriculum\n"
        "for m in pkgutil.walk_packages(peer_curriculum.__path__, 'peer_curriculum.'):\n"
        "    if m.name != 'peer_curriculum.mkdocs_plugin' and not m.name.startswith('peer_curriculum.cohort.'):\n"
        "        importlib.import_module(m.name)\n"
        "bad = sorted(n for n in sys.modules if n == 'mkdocs' or n.startswith('mkdocs.') or n.startswith('nbgrader'))\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
