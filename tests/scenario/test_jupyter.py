"""Can a learner play a scenario in Jupyter, and does every scenario notebook run top to bottom?"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ROOT
from peer_curriculum.scenario.jupyter import check, play, show_debrief, show_roles
from peer_curriculum.scenario.notebook import scenario_paths

from .conftest import placeholder

SCENARIOS = scenario_paths(ROOT)


def test_play_follows_given_choices(capsys: pytest.CaptureFixture[str]) -> None:
    parts = placeholder()
    assert play(parts["dialogue"], choices=["reflect"]) == ["reflect"]
    shown = capsys.readouterr().out
    assert "Helpful." in shown and "Ending: good" in shown


def test_play_asks_and_rejects_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    answers = iter(["9", "x", "2"])
    assert play(placeholder()["dialogue"], ask=lambda _: next(answers)) == ["advise"]
    out = capsys.readouterr().out
    assert out.count("Please type a number from 1 to 2.") == 2
    assert "Gets in the way." in out and "Ending: poor" in out


def test_play_without_a_keyboard_explains_how_to_play(capsys: pytest.CaptureFixture[str]) -> None:
    def no_stdin(_: str) -> str:
        raise RuntimeError("stdin not available")

    assert play(placeholder()["dialogue"], ask=no_stdin) == []
    assert "Run this cell yourself" in capsys.readouterr().out


def test_play_rejects_an_unknown_choice() -> None:
    with pytest.raises(ValueError, match="not a choice"):
        play(placeholder()["dialogue"], choices=["shout"])


def test_check_and_cards(capsys: pytest.CaptureFixture[str]) -> None:
    parts = placeholder()
    assert check(parts["exercises"][0], True) == 1.0
    assert check(parts["exercises"][0], False) == 0.0
    assert check(parts["exercises"][0], None) == 0.0
    roles = show_roles(parts["roles"])
    assert roles.person.name == "Name"
    assert len(show_debrief(parts["debrief"]).questions) == 2
    assert "Observer: watch for" in capsys.readouterr().out


def execute(path: Path) -> nbformat.NotebookNode:
    notebook = nbformat.read(str(path), as_version=4)
    NotebookClient(notebook, kernel_name="python3", timeout=120, resources={"metadata": {"path": str(path.parent)}}).execute()
    return notebook


def test_the_placeholder_notebook_runs(demo_notebook: Path) -> None:
    notebook = execute(demo_notebook)
    outputs = "".join(str(output) for cell in notebook.cells for output in cell.get("outputs", []))
    assert "Run this cell yourself" in outputs  # no keyboard in a batch run: play explains itself
    assert "error" not in [output.get("output_type") for cell in notebook.cells for output in cell.get("outputs", [])]


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_every_scenario_notebook_runs_top_to_bottom(path: Path) -> None:
    notebook = execute(path)
    errors = [output for cell in notebook.cells for output in cell.get("outputs", []) if output.get("output_type") == "error"]
    assert not errors


def test_there_are_scenarios_to_run() -> None:
    assert SCENARIOS, "no scenario notebooks under scenarios/"
