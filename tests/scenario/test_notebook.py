"""Are scenario notebooks read with their parts, and their problems reported at file lines?"""

from __future__ import annotations

import json
from pathlib import Path

from peer_curriculum.findings import Reporter
from peer_curriculum.scenario.notebook import cell_source_lines, load_scenario, yaml_in_cell


def line_containing(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_placeholder_notebook_loads(demo_notebook: Path) -> None:
    reporter = Reporter()
    scenario = load_scenario(demo_notebook, reporter)
    assert reporter.findings == []
    assert scenario is not None
    assert scenario.meta.id == "demo-scenario"
    assert [node.id for node in scenario.dialogue.nodes] == ["opening", "end-good", "end-poor"]
    assert len(scenario.exercises) == 1 and len(scenario.reflections) == 1


def test_yaml_errors_point_at_the_ipynb_line(demo_notebook: Path) -> None:
    text = demo_notebook.read_text(encoding="utf-8")
    demo_notebook.write_text(text.replace('"    feedback: Why it helps.\\n",', '"    feedbak: Why it helps.\\n",'), encoding="utf-8")
    reporter = Reporter()
    assert load_scenario(demo_notebook, reporter) is None
    typo = line_containing(demo_notebook, "feedbak")
    messages = {(f.line, f.message) for f in reporter.errors}
    assert (typo, "unknown field `feedbak`; check its spelling or remove it") in messages
    # The choice now lacks feedback: reported at the choice's first line.
    assert any("feedback` is required" in message and line < typo for line, message in messages)


def test_missing_parts_are_reported(demo_notebook: Path) -> None:
    notebook = json.loads(demo_notebook.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if "peer:debrief" in cell["metadata"].get("tags", []):
            cell["metadata"]["tags"] = []
    demo_notebook.write_text(json.dumps(notebook, indent=1), encoding="utf-8")
    reporter = Reporter()
    assert load_scenario(demo_notebook, reporter) is None
    assert any("exactly one cell tagged peer:debrief" in f.message for f in reporter.errors)


def test_not_a_notebook(tmp_path: Path) -> None:
    path = tmp_path / "x.ipynb"
    path.write_text("{not json", encoding="utf-8")
    reporter = Reporter()
    assert load_scenario(path, reporter) is None
    assert reporter.errors and reporter.errors[0].line == 1


def test_yaml_in_cell_finds_the_string_and_its_line() -> None:
    found = yaml_in_cell('# comment\nroles = """\na: 1\nb: 2\n"""\nif x:\n    pass\n')
    assert found == ("a: 1\nb: 2\n", 2)


def test_cell_source_lines() -> None:
    text = '{\n "cells": [\n  {\n   "source": [\n    "a\\n",\n    "b"\n   ]\n  },\n  {\n   "source": "one line"\n  }\n ]\n}'
    assert cell_source_lines(text) == [5, 10]


def test_new_scenario_command_writes_a_loadable_notebook(tmp_path: Path) -> None:
    import subprocess
    import sys

    (tmp_path / "modules/active-listening").mkdir(parents=True)
    (tmp_path / "modules/active-listening/index.md").write_text("# x\n", encoding="utf-8")
    cli = Path(sys.executable).parent / "peer-curriculum"
    made = subprocess.run(
        [str(cli), "new-scenario", "active-listening", "new-one", "--root", str(tmp_path)], capture_output=True, text=True
    )
    assert made.returncode == 0, made.stderr
    reporter = Reporter()
    scenario = load_scenario(tmp_path / "scenarios/active-listening/new-one.ipynb", reporter)
    assert scenario is not None and scenario.meta.id == "new-one", [f.format() for f in reporter.findings]
    again = subprocess.run(
        [str(cli), "new-scenario", "active-listening", "new-one", "--root", str(tmp_path)], capture_output=True, text=True
    )
    assert again.returncode == 1 and "already exists" in again.stderr
    bad = subprocess.run([str(cli), "new-scenario", "Active Listening", "x", "--root", str(tmp_path)], capture_output=True, text=True)
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
