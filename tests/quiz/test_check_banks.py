"""Does ``check`` reject broken quiz banks at the right ``path:line``?"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_project

from .conftest import FILES

CLI = Path(sys.executable).parent / "peer-curriculum"
BANK = "quizzes/active-listening.yml"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "project")
    (project / "quizzes").mkdir(exist_ok=True)
    shutil.copyfile(FILES / "sample.yml", project / BANK)
    return project


def edit(project: Path, old: str, new: str) -> int:
    path = project / BANK
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def run_check(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(CLI), "check", "--root", str(project)], capture_output=True, text=True, check=False)


def test_sample_bank_is_clean(project: Path) -> None:
    result = run_check(project)
    assert BANK not in result.stdout, result.stdout


def test_each_broken_item_is_reported_at_its_line(project: Path) -> None:
    two_correct = edit(project, "    answer: b\n", "    answer: [a, b]\n")
    missing_option = edit(project, "    answer: [a, c]\n", "    answer: [a, e]\n")
    unknown_objective = edit(project, "    objectives: [al-affirm-summarize]\n", "    objectives: [al-summarise]\n")
    duplicate = edit(project, "  - id: s-short\n", "  - id: s-matching\n")
    pool = edit(project, "    draw: 1\n", "    draw: 3\n")
    catch_all = edit(project, 'text: "Have you tried yoga?"', 'text: "All of the above"')

    result = run_check(project)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    out = result.stdout
    # A bank that fails its schema is not checked further, so the schema errors come first...
    assert f"{BANK}:{two_correct}: error: `items[0].answer`: a single-choice item has exactly one correct option" in out, out
    assert f"{BANK}:{missing_option}: error: `items[2].answer`: answer names option(s) e" in out, out
    # ...and the cross-reference errors are shown once the schema errors are fixed.
    edit(project, "    answer: [a, b]\n", "    answer: b\n")
    edit(project, "    answer: [a, e]\n", "    answer: [a, c]\n")
    out = run_check(project).stdout
    assert f"{BANK}:{unknown_objective}: error: unknown objective id `al-summarise` in item `s-ordering`" in out, out
    assert f"{BANK}:{duplicate}: error: duplicate item id `s-matching`" in out, out
    assert f"{BANK}:{pool}: error: pool `warm-up` draws 3 items but has only 2" in out, out
    assert f"{BANK}:{catch_all}: error: option `All of the above` is a catch-all" in out, out


def test_bank_for_unknown_module(project: Path) -> None:
    line = edit(project, "module: active-listening\n", "module: listening\n")
    assert f"{BANK}:{line}: error: unknown module `listening`" in run_check(project).stdout
