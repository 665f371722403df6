"""Does ``check`` report broken scenarios at ``path:line``?"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import nbformat
import pytest
import yaml

from conftest import copy_project
from peer_curriculum.scenario.authoring import new_notebook, write_notebook
from peer_curriculum.scenario.notebook import yaml_in_cell

from .conftest import placeholder

CLI = Path(sys.executable).parent / "peer-curriculum"
NOTEBOOK = "scenarios/active-listening/demo-scenario.ipynb"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "project")
    path = project / NOTEBOOK
    path.parent.mkdir(parents=True, exist_ok=True)
    write_notebook(new_notebook(**placeholder()), path)
    return project


def edit_dialogue(path: Path, change: Callable[[dict], None]) -> None:
    """Change the dialogue's data and write it back into its cell."""
    notebook = nbformat.read(str(path), as_version=4)
    cell = next(c for c in notebook.cells if "peer:dialogue" in c.metadata.get("tags", []))
    text, _ = yaml_in_cell(cell.source)
    data = yaml.safe_load(text)
    change(data)
    cell.source = f'dialogue = """\n{yaml.safe_dump(data, sort_keys=False)}"""\nif play:\n    play(dialogue)'
    nbformat.write(notebook, str(path))


def line_with(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def run_check(project: Path) -> str:
    result = subprocess.run([str(CLI), "check", "--root", str(project)], capture_output=True, text=True, check=False)
    assert "Traceback" not in result.stderr
    return result.stdout


def nodes(data: dict) -> dict:
    return {node["id"]: node for node in data["nodes"]}


def test_placeholder_scenario_has_only_warnings_until_placed_on_a_page(project: Path) -> None:
    mine = [line for line in run_check(project).splitlines() if line.startswith(NOTEBOOK)]
    assert mine and all("warning" in line for line in mine), mine
    assert any("no mixed ending" in line for line in mine) and any("is on no page" in line for line in mine), mine
    page = project / "modules/active-listening/scenario-demo.md"
    page.write_text("---\ntitle: Demo\npage_type: scenario\n---\n\n# Demo\n\n::: scenario demo-scenario\n:::\n", encoding="utf-8")
    index = project / "modules/active-listening/index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("lessons:\n", "lessons:\n  - scenario-demo.md\n", 1), encoding="utf-8")
    mine = [line for line in run_check(project).splitlines() if line.startswith(NOTEBOOK)]
    assert not any("is on no page" in line for line in mine), mine


def test_unreachable_node_dead_end_and_choice_without_feedback(project: Path) -> None:
    path = project / NOTEBOOK

    def break_it(data: dict) -> None:
        data["nodes"].append({"id": "orphan", "ending": "mixed", "debrief": "Nobody gets here."})
        poor = nodes(data)["end-poor"]
        del poor["ending"]
        poor["prompt"] = "Stuck here."
        del nodes(data)["opening"]["choices"][1]["feedback"]

    edit_dialogue(path, break_it)
    advise = line_with(path, "- id: advise")
    out = run_check(project)
    # A schema error (the missing feedback) stops the graph checks, so it is reported alone first...
    assert f"{NOTEBOOK}:{advise}: error: `nodes[0].choices[1].feedback` is required; add it" in out, out

    edit_dialogue(path, lambda data: nodes(data)["opening"]["choices"][1].update(feedback="Why it gets in the way."))
    out = run_check(project)
    # ...and once the feedback is back, the graph problems are reported at their nodes.
    assert f"{NOTEBOOK}:{line_with(path, '- id: orphan')}: error: node `orphan` cannot be reached from `opening`" in out, out
    assert f"{NOTEBOOK}:{line_with(path, '- id: end-poor')}: error: node `end-poor` is a dead end" in out, out


def test_loop_without_an_ending(project: Path) -> None:
    path = project / NOTEBOOK

    def loop(data: dict) -> None:
        nodes(data)["opening"]["choices"][0]["next"] = "circle"
        circle = dict(nodes(data)["opening"]["choices"][0], id="again", next="circle")
        data["nodes"].append({"id": "circle", "choices": [circle]})

    edit_dialogue(path, loop)
    out = run_check(project)
    assert f"{NOTEBOOK}:{line_with(path, '- id: circle')}: error: from node `circle` no path reaches an ending" in out, out


def test_unknown_competency_and_target(project: Path) -> None:
    path = project / NOTEBOOK

    def unknown(data: dict) -> None:
        nodes(data)["opening"]["choices"][0]["competencies"] = ["listening"]
        nodes(data)["opening"]["choices"][1]["next"] = "nowhere"

    edit_dialogue(path, unknown)
    out = run_check(project)
    assert f"{NOTEBOOK}:{line_with(path, '- listening')}: error: unknown competency id `listening` in choice `reflect`" in out, out
    assert f"{NOTEBOOK}:{line_with(path, 'next: nowhere')}: error: choice `advise` leads to unknown node `nowhere`" in out, out
