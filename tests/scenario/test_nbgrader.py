"""Does a scenario become an nbgrader assignment that grades like our grader, even when learners add or delete cells?

The first tests need no nbgrader: the notebook's layout and metadata, byte-identical re-exports and
the command's errors. The ``nbgrader`` test runs nbgrader 0.9.6 for real (generate_assignment,
autograde with our ``RestoreMissingCells`` enabled through the exported configuration example,
export) on four submissions in one batch: reference answers, untouched, one with added cells and a
deleted answer and test cell, and one with the scorer and the reflection answer deleted.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, cast

import nbformat
import pytest
from click.testing import CliRunner

from conftest import ROOT, run_nbgrader
from peer_curriculum.cli import main
from peer_curriculum.findings import Reporter
from peer_curriculum.quiz.exports.nbgrader import SCORER_SOURCE, answer_key, answer_variable, python_literal
from peer_curriculum.quiz.grading import Grader
from peer_curriculum.quiz.models import Bank
from peer_curriculum.quiz.scoring import reference_response
from peer_curriculum.scenario.nbgrader import (
    CONFIG_EXAMPLE,
    REFLECTION_ANSWER_SOURCE,
    ScenarioExportError,
    export_scenario,
    notebook,
    render,
)
from peer_curriculum.scenario.notebook import Scenario, load_scenario

SCENARIO_PATH = ROOT / "scenarios/active-listening/first-call-new-parent.ipynb"
SID = "first-call-new-parent"
CLI = Path(sys.executable).parent / "peer-curriculum"


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    reporter = Reporter()
    loaded = load_scenario(SCENARIO_PATH, reporter)
    assert loaded is not None, [finding.format() for finding in reporter.findings]
    return loaded


def grade_id(cell: dict[str, Any]) -> str | None:
    return cell["metadata"].get("nbgrader", {}).get("grade_id")


def source_order(scenario: Scenario) -> list[str]:
    keys = [f"{SID}-intro", f"{SID}-roles", f"{SID}-scorer", f"{SID}-exercises"]
    for item in scenario.exercises:
        keys += [f"{item.id}-question", f"{item.id}-answer", f"{item.id}-test"]
    for reflection in scenario.reflections:
        keys += [f"{reflection.id}-prompt", f"{reflection.id}-rubric", reflection.id]
    return [*keys, f"{SID}-debrief"]


def test_notebook_layout_metadata_and_hidden_tests(scenario: Scenario, tmp_path: Path) -> None:
    result = export_scenario(scenario, tmp_path / "course")
    assert result.notebook == tmp_path / "course" / "source" / SID / f"{SID}.ipynb"
    assert result.config == tmp_path / "course" / CONFIG_EXAMPLE
    document = json.loads(result.notebook.read_text(encoding="utf-8"))
    nbformat.validate(nbformat.reads(result.notebook.read_text(encoding="utf-8"), as_version=4))
    cells = document["cells"]
    assert [grade_id(cell) for cell in cells] == source_order(scenario), "every cell is an nbgrader cell, in this order"
    assert len({cell["id"] for cell in cells}) == len(cells)
    by_id = {grade_id(cell): cell for cell in cells}
    locked = {"grade": False, "locked": True, "schema_version": 3, "solution": False}
    for key in (f"{SID}-intro", f"{SID}-roles", f"{SID}-scorer", f"{SID}-exercises", f"{SID}-debrief"):
        assert by_id[key]["metadata"]["nbgrader"] == {**locked, "grade_id": key}
    assert "".join(by_id[f"{SID}-scorer"]["source"]) == SCORER_SOURCE and by_id[f"{SID}-scorer"]["cell_type"] == "code"

    intro = "".join(by_id[f"{SID}-intro"]["source"])
    assert intro.startswith(f"# Scenario: {scenario.meta.title}\n")
    assert scenario.meta.content_note in intro and "play(dialogue)" in intro and "course website" in intro
    roles = "".join(by_id[f"{SID}-roles"]["source"])
    assert scenario.roles.person.name in roles and all(check.behaviour in roles for check in scenario.roles.observer)

    for item in scenario.exercises:
        variable = answer_variable(item.id)
        assert by_id[f"{item.id}-question"]["metadata"]["nbgrader"] == {**locked, "grade_id": f"{item.id}-question"}
        answer = by_id[f"{item.id}-answer"]
        assert answer["metadata"]["nbgrader"] == {
            "grade": False,
            "grade_id": f"{item.id}-answer",
            "locked": False,
            "schema_version": 3,
            "solution": True,
        }
        assert f"### BEGIN SOLUTION\n{variable} = {python_literal(reference_response(item))}\n### END SOLUTION" in "".join(answer["source"])
        test = by_id[f"{item.id}-test"]
        assert test["metadata"]["nbgrader"] == {
            "grade": True,
            "grade_id": f"{item.id}-test",
            "locked": True,
            "points": item.points,
            "schema_version": 3,
            "solution": False,
        }
        visible, hidden = "".join(test["source"]).split("### BEGIN HIDDEN TESTS\n")
        assert hidden.startswith(f'quiz_score("{item.type}", globals().get("{variable}"), {python_literal(answer_key(item))}')
        assert hidden.endswith("### END HIDDEN TESTS") and "quiz_score" not in visible

    for reflection in scenario.reflections:
        assert by_id[f"{reflection.id}-prompt"]["metadata"]["nbgrader"] == {**locked, "grade_id": f"{reflection.id}-prompt"}
        assert "".join(by_id[f"{reflection.id}-prompt"]["source"]).startswith("## Reflection 1 (8 points)\n\nChoose **one**")
        rubric = "".join(by_id[f"{reflection.id}-rubric"]["source"])
        assert by_id[f"{reflection.id}-rubric"]["metadata"]["nbgrader"] == {**locked, "grade_id": f"{reflection.id}-rubric"}
        assert "| Criterion | 0 points | 1 point | 2 points |" in rubric
        assert all(criterion.criterion in rubric for criterion in reflection.rubric)
        assert rubric.count("\n| ") == 1 + len(reflection.rubric)
        written = by_id[reflection.id]
        assert written["cell_type"] == "markdown" and "".join(written["source"]) == REFLECTION_ANSWER_SOURCE
        assert written["metadata"]["nbgrader"] == {
            "grade": True,
            "grade_id": reflection.id,
            "locked": False,
            "points": reflection.points,
            "schema_version": 3,
            "solution": True,
        }
    graded = [cell["metadata"]["nbgrader"]["points"] for cell in cells if cell["metadata"]["nbgrader"]["grade"]]
    exercise_points = sum(item.points for item in scenario.exercises)
    assert sum(graded) == result.points == exercise_points + sum(r.points for r in scenario.reflections) == 11
    debrief = "".join(by_id[f"{SID}-debrief"]["source"])
    assert all(question in debrief for question in scenario.debrief.questions)
    config = result.config.read_text(encoding="utf-8")
    assert '"peer_curriculum.cohort.restorecells.RestoreMissingCells",\n    "nbgrader.preprocessors.OverwriteCells",' in config
    compile(config, str(result.config), "exec")


def test_reexport_is_byte_identical(scenario: Scenario, tmp_path: Path) -> None:
    first = export_scenario(scenario, tmp_path / "one")
    second = export_scenario(scenario, tmp_path / "two")
    assert first.notebook.read_bytes() == second.notebook.read_bytes() == render(scenario)
    assert first.config.read_bytes() == second.config.read_bytes()
    again = export_scenario(scenario, tmp_path / "one")
    assert again.notebook.read_bytes() == second.notebook.read_bytes()
    assert [path.name for path in (tmp_path / "one").rglob("*.tmp")] == []


def test_a_reflection_worth_nothing_is_refused_at_its_line(scenario: Scenario) -> None:
    reflection = scenario.reflections[0]
    flat = [
        criterion.model_copy(update={"levels": [level.model_copy(update={"points": 0}) for level in criterion.levels]})
        for criterion in reflection.rubric
    ]
    broken = dataclasses.replace(scenario, reflections=[reflection.model_copy(update={"rubric": flat})])
    with pytest.raises(ScenarioExportError, match="worth 0 points") as caught:
        notebook(broken)
    rubric_line = next(n for n, line in enumerate(SCENARIO_PATH.read_text(encoding="utf-8").splitlines(), 1) if '"rubric:\\n"' in line)
    assert caught.value.line == rubric_line


def test_cli_exports_to_the_default_course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["export", "scenario", str(SCENARIO_PATH), "--to", "nbgrader"])
    assert result.exit_code == 0, result.output
    assert f"exports/nbgrader/source/{SID}/{SID}.ipynb" in result.stdout and "3 exercise(s), 1 reflection(s)" in result.stdout
    assert (tmp_path / "exports/nbgrader" / CONFIG_EXAMPLE).is_file()


def test_cli_reports_a_broken_scenario_without_writing(tmp_path: Path) -> None:
    broken = tmp_path / f"{SID}.ipynb"
    text = SCENARIO_PATH.read_text(encoding="utf-8")
    assert text.count('"answer: [a, b]\\n",') == 1
    broken.write_text(text.replace('"answer: [a, b]\\n",', '"answr: [a, b]\\n",'), encoding="utf-8")
    typo = next(n for n, line in enumerate(broken.read_text(encoding="utf-8").splitlines(), 1) if '"answr: [a, b]\\n"' in line)
    result = subprocess.run(
        [str(CLI), "export", "scenario", broken.name, "--to", "nbgrader", "--out", "course"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert f"{broken.name}:{typo}: error: unknown field `answr`; check its spelling or remove it" in lines, result.stderr
    assert all(re.match(rf"{re.escape(broken.name)}:(\d+:)? ", line) for line in lines), result.stderr
    assert not (tmp_path / "course").exists()


# --- The real nbgrader -------------------------------------------------------------------------


def nbgrader(bin_dir: Path, course: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_nbgrader(bin_dir, course, *args)


def code_cell(source: str) -> dict[str, Any]:
    return {
        "cell_type": "code",
        "execution_count": None,
        "id": "learner-" + hashlib.sha256(source.encode()).hexdigest()[:12],
        "metadata": {},
        "outputs": [],
        "source": source,
    }


def markdown_cell(source: str) -> dict[str, Any]:
    return {
        "cell_type": "markdown",
        "id": "learner-md-" + hashlib.sha256(source.encode()).hexdigest()[:12],
        "metadata": {},
        "source": source,
    }


def submission(
    release: dict[str, Any],
    answers: dict[str, Any],
    reflection: str | None,
    *,
    delete: tuple[str, ...] = (),
    add_after: dict[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The release with answers typed in, some cells deleted and some cells of the learner's own added."""
    document = json.loads(json.dumps(release))
    cells = []
    for cell in document["cells"]:
        key = grade_id(cell) or ""
        if key in delete:
            continue
        if key.endswith("-answer") and key.removesuffix("-answer") in answers:
            item_id = key.removesuffix("-answer")
            cell["source"] = f"{answer_variable(item_id)} = {python_literal(answers[item_id])}"
        if reflection is not None and cell["cell_type"] == "markdown" and cell["metadata"]["nbgrader"].get("solution"):
            cell["source"] = reflection
        cells.append(cell)
        if add_after and key in add_after:
            cells.append(add_after[key])
    document["cells"] = cells
    return document


READER = """\
import json, sys
from nbgrader.api import Gradebook
from nbgrader.converters import Autograde
out = {"defaults": [cls.__name__ for cls in Autograde.class_traits()["sanitize_preprocessors"].default()], "grades": {}}
with Gradebook(sys.argv[1]) as gb:
    for student in sys.argv[3:]:
        nb = gb.find_submission_notebook(sys.argv[2], sys.argv[2], student)
        out["grades"][student] = {g.name: [g.auto_score, g.max_score, g.needs_manual_grade] for g in nb.grades}
print(json.dumps(out))
"""


@pytest.mark.nbgrader
def test_nbgrader_grades_full_empty_and_mangled_submissions(scenario: Scenario, tmp_path: Path, cohort_bin: Path) -> None:
    course = tmp_path / "course"
    exported = export_scenario(scenario, course)
    # The trainer's nbgrader_config.py: the exported example, with this course's folder filled in.
    config = exported.config.read_text(encoding="utf-8").replace(
        '# c.CourseDirectory.root = "/path/to/this/course"', f"c.CourseDirectory.root = {str(course)!r}"
    )
    assert "RestoreMissingCells" in config and f"c.CourseDirectory.root = {str(course)!r}" in config
    (course / "nbgrader_config.py").write_text(config, encoding="utf-8")
    students = ("reference", "empty", "mixed", "careless")
    (course / "students.csv").write_text(
        "id,first_name,last_name,email\n" + "".join(f"{s},{s.title()},Learner,\n" for s in students), encoding="utf-8"
    )
    nbgrader(cohort_bin, course, "db", "student", "import", "students.csv")
    nbgrader(cohort_bin, course, "generate_assignment", SID)

    release_path = course / "release" / SID / f"{SID}.ipynb"
    released_text = release_path.read_text(encoding="utf-8")
    assert "BEGIN SOLUTION" not in released_text and "HIDDEN TESTS" not in released_text
    release = json.loads(released_text)
    reflection_id = scenario.reflections[0].id
    assert "".join(next(c for c in release["cells"] if grade_id(c) == reflection_id)["source"]) == "YOUR ANSWER HERE"

    first, second, third = (item.id for item in scenario.exercises)
    reference = {item.id: reference_response(item) for item in scenario.exercises}
    partial = {**reference, first: {"line-1": "complex reflection ", "line-2": "Roadblock", "line-3": "Closed question"}}
    written = "I would say: you love Yara, and some days you feel flat. That is a double-sided reflection."
    submissions = {
        "reference": submission(release, reference, written),
        "empty": submission(release, {}, None),
        # Added cells (an error, output on stderr, a note), a deleted answer cell and a deleted test cell.
        "mixed": submission(
            release,
            partial,
            written,
            delete=(f"{second}-answer", f"{third}-test"),
            add_after={
                f"{first}-answer": code_cell("import sys\nprint('trying things', file=sys.stderr)\n1 / 0"),
                f"{third}-answer": markdown_cell("My notes: *double-sided* means holding both."),
            },
        ),
        # The scorer and the reflection answer deleted; a note added at the top.
        "careless": submission(
            release, reference, None, delete=(f"{SID}-scorer", reflection_id), add_after={f"{SID}-intro": markdown_cell("hi")}
        ),
    }
    for student, document in submissions.items():
        folder = course / "submitted" / student / SID
        folder.mkdir(parents=True)
        (folder / f"{SID}.ipynb").write_text(json.dumps(document), encoding="utf-8")
    autograde = nbgrader(cohort_bin, course, "autograde", SID)
    log = autograde.stdout + autograde.stderr
    for restored in (f"{third}-test", f"{SID}-scorer", reflection_id):
        assert f"Cell {restored} was missing from the submission; restored it from the source notebook" in log
    assert f"Cell {second}-answer was missing" not in log, "an answer cell is not put back: its item scores 0"
    nbgrader(cohort_bin, course, "export", "--to", str(course / "grades.csv"))

    grader = Grader(Bank(module=f"scenario-{SID}", items=cast("list[Any]", scenario.exercises)))
    expected = {
        "reference": grader.grade("reference", reference),
        "empty": grader.grade("empty", {}),
        "mixed": grader.grade("mixed", {key: value for key, value in partial.items() if key != second}),
        "careless": grader.grade("careless", reference),
    }
    autograded_points = sum(item.points for item in scenario.exercises)
    assert expected["reference"].score == expected["careless"].score == autograded_points == 3
    assert expected["empty"].score == 0 and 0 < expected["mixed"].score < 3

    with (course / "grades.csv").open(encoding="utf-8") as handle:
        rows = {row["student_id"]: row for row in csv.DictReader(handle)}
    for student, result in expected.items():
        # No reflection is graded by hand yet, so the score is the autograded part alone.
        assert float(rows[student]["score"]) == pytest.approx(result.score), student
        assert float(rows[student]["max_score"]) == pytest.approx(exported.points) == 11

    read = subprocess.run(
        [str(cohort_bin / "python"), "-c", READER, f"sqlite:///{course}/gradebook.db", SID, *students],
        capture_output=True,
        text=True,
        check=True,
    )
    gradebook = json.loads(read.stdout)
    defaults = gradebook["defaults"]
    ours = re.findall(r'"nbgrader\.preprocessors\.(\w+)"', config)
    assert ours == defaults, "the example keeps nbgrader's own sanitize_preprocessors, in order"
    for student, result in expected.items():
        grades = gradebook["grades"][student]
        for item in scenario.exercises:
            auto, max_score, needs_manual = grades[f"{item.id}-test"]
            assert auto == pytest.approx(result.item_scores[item.id]), (student, item.id)
            assert max_score == item.points and needs_manual is False
    # The reflection: written ones wait for a trainer; an untouched or deleted one scores 0 ("No response").
    assert [gradebook["grades"][s][reflection_id] for s in students] == [
        [None, 8.0, True],
        [0.0, 8.0, False],
        [None, 8.0, True],
        [0.0, 8.0, False],
    ]

    # The restored test cell sits where the source has it, after the learner's own cells, and was run.
    mixed = json.loads((course / "autograded" / "mixed" / SID / f"{SID}.ipynb").read_text(encoding="utf-8"))
    assert [key for key in map(grade_id, mixed["cells"]) if key] == [k for k in source_order(scenario) if k != f"{second}-answer"]
    keys = [grade_id(cell) for cell in mixed["cells"]]
    assert keys.index(f"{third}-test") == keys.index(f"{third}-answer") + 2
    test_outputs = mixed["cells"][keys.index(f"{third}-test")]["outputs"]
    assert ["".join(output["data"]["text/plain"]) for output in test_outputs if output["output_type"] == "execute_result"] == ["1.0"]
