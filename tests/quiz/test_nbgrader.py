"""Does the nbgrader export grade like the grader, through the real nbgrader pipeline?

The first tests need no nbgrader: the notebook's embedded scorer must agree with
``compile_scorer`` on every response, and the notebook must hide its keys from learners. The
``nbgrader`` test runs nbgrader 0.9.6 for real (generate_assignment, autograde, export) on three
submissions: reference answers (full marks), untouched (zero) and a mix of partial answers.
"""

from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from conftest import run_nbgrader
from peer_curriculum.quiz.exports import export_bank, select_questions
from peer_curriculum.quiz.exports.nbgrader import SCORER_SOURCE, answer_key, answer_variable, form_choices, python_literal
from peer_curriculum.quiz.grading import Grader
from peer_curriculum.quiz.models import Bank, Matching, MultipleSelect, Ordering, ShortAnswer, SingleChoice, TrueFalse
from peer_curriculum.quiz.scoring import compile_scorer, reference_response

from .test_exports import every_response

ASSIGNMENT = "active-listening-quiz"

PARTIAL: dict[str, Any] = {
    "s-single": "a",
    "s-true-false": " TRUE ",
    "s-multiple": ["a", "b", "c"],
    "s-ordering": ["gather", "check", "link"],
    "s-matching": {"p1": "  open QUESTION. ", "p2": "Roadblock"},
    "s-short": "Reflective   listening!",
    "s-vignette-first": "b",
    "s-assessment-secret": None,
}
"""Partial answers; ``s-vignette-tf`` is missing altogether (the learner emptied its cell)."""


def scorer_namespace() -> dict[str, Any]:
    namespace: dict[str, Any] = {}
    exec(compile(SCORER_SOURCE, "<scorer cell>", "exec"), namespace)  # the notebook's own cell
    return namespace


def odd_responses(item: Any) -> list[Any]:
    """Responses of the wrong shape or spelling, which both scorers must treat alike."""
    common: list[Any] = [None, "", 0, 1.5, [], {}, ["x"], {"x": "y"}, [["a"]], True, "a b"]
    if isinstance(item, TrueFalse):
        common += ["true", " False ", "yes", "TRUE"]
    if isinstance(item, ShortAnswer):
        common += [
            variant
            for answer in item.accepted
            for variant in (f"  {answer.upper()}!! ", f"{answer}.", f"“{answer}”", answer.replace(" ", "   "))
        ]
    if isinstance(item, Matching):
        common += [{pair.id: f" {pair.answer.lower()}. " for pair in item.pairs}, {item.pairs[0].id: 3}]
    if isinstance(item, MultipleSelect | Ordering):
        common += [tuple(reference_response(item)), [*reference_response(item), "zz"], reference_response(item)[:1]]
    if isinstance(item, SingleChoice):
        common += [[item.correct_id], item.correct_id.upper()]
    return common


def test_embedded_scorer_agrees_with_the_grader(sample_bank: Bank) -> None:
    namespace = scorer_namespace()
    quiz_score = namespace["quiz_score"]
    for question in select_questions(sample_bank):
        item = question.item
        scorer = compile_scorer(item)
        key = json.loads(json.dumps(answer_key(item)))
        for response in [reference_response(item), *every_response(item), *odd_responses(item)]:
            try:
                expected = scorer(response) * 2.5
            except TypeError:  # an unhashable choice: the grader raises, the notebook scores 0
                expected = 0.0
            assert quiz_score(item.type, response, key, 2.5) == pytest.approx(expected), (item.id, response)


def test_embedded_scorer_never_raises_and_checks_forms(capsys: pytest.CaptureFixture[str]) -> None:
    namespace = scorer_namespace()
    assert namespace["quiz_score"]("multiple", [["unhashable"]], {"right": ["a"], "options": ["a", "b"]}, 1) == 0.0
    namespace["quiz_check"]("answer_x", None, "single", ["a", "b"])
    namespace["quiz_check"]("answer_x", "c", "single", ["a", "b"])
    namespace["quiz_check"]("answer_x", ["b", "a"], "ordering", ["a", "b"])
    namespace["quiz_check"]("answer_x", {"p1": "x"}, "matching", ["p1", "p2"])
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        'answer_x: not answered yet; set it to one option id as a string, such as "a".',
        'answer_x is not one of the option ids a, b; it should be one option id as a string, such as "a".',
        "answer_x is ready; it is scored when you submit.",
        'answer_x has no answer for p2; it should be a dict from each prompt id to its answer, such as {"p1": "..."}.',
    ]


def load_notebook(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def test_notebook_layout_and_hidden_keys(sample_bank: Bank, tmp_path: Path) -> None:
    path, count = export_bank(sample_bank, "nbgrader", tmp_path / "course")
    assert path == tmp_path / "course" / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    notebook = load_notebook(path)
    assert notebook["nbformat"] == 4 and notebook["metadata"]["kernelspec"]["name"] == "python3"
    cells = notebook["cells"]
    by_grade_id = {cell["metadata"]["nbgrader"]["grade_id"]: cell for cell in cells}
    assert len(by_grade_id) == len(cells), "grade ids are unique"
    assert len({cell["id"] for cell in cells}) == len(cells)
    scorer = by_grade_id["active-listening-scorer"]
    assert scorer["metadata"]["nbgrader"] == {
        "grade": False,
        "grade_id": "active-listening-scorer",
        "locked": True,
        "schema_version": 3,
        "solution": False,
    }
    assert "".join(scorer["source"]) == SCORER_SOURCE
    assert count == len(select_questions(sample_bank))
    for question in select_questions(sample_bank):
        item = question.item
        variable = answer_variable(item.id)
        answer = "".join(by_grade_id[f"{item.id}-answer"]["source"])
        assert answer.startswith(f"{variable} = None\n### BEGIN SOLUTION\n")
        assert f"{variable} = {python_literal(reference_response(item))}\n### END SOLUTION" in answer
        assert by_grade_id[f"{item.id}-answer"]["metadata"]["nbgrader"]["solution"] is True
        test = by_grade_id[f"{item.id}-test"]
        assert test["metadata"]["nbgrader"] == {
            "grade": True,
            "grade_id": f"{item.id}-test",
            "locked": True,
            "points": item.points,
            "schema_version": 3,
            "solution": False,
        }
        visible, hidden = "".join(test["source"]).split("### BEGIN HIDDEN TESTS\n")
        assert python_literal(answer_key(item)) in hidden and hidden.endswith("### END HIDDEN TESTS")
        assert visible == f'quiz_check("{variable}", globals().get("{variable}"), "{item.type}", {python_literal(form_choices(item))})\n'
        if isinstance(item, ShortAnswer | Matching):
            assert python_literal(answer_key(item)) not in visible
        assert f"Set `{variable}` to" in "".join(by_grade_id[f"{item.id}-question"]["source"])
    markdown = "".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown")
    assert "&lt;script&gt;" in markdown and "<script" not in markdown
    assert "Amara, a new mother" in markdown
    import nbformat

    nbformat.validate(nbformat.reads(path.read_text(encoding="utf-8"), as_version=4))


def learner_notebook(release: dict[str, Any], responses: dict[str, Any] | None, *, forget_raise: set[str] = frozenset()) -> dict[str, Any]:
    """The released notebook with a learner's answers typed into the answer cells."""
    notebook = json.loads(json.dumps(release))
    if responses is None:
        return notebook
    for cell in notebook["cells"]:
        grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id", "")
        if not grade_id.endswith("-answer"):
            continue
        item_id = grade_id.removesuffix("-answer")
        if item_id not in responses:
            cell["source"] = ""
            continue
        source = f"{answer_variable(item_id)} = {python_literal(responses[item_id])}"
        if item_id in forget_raise:
            source += "\n# YOUR CODE HERE\nraise NotImplementedError()"
        cell["source"] = source
    return notebook


def nbgrader(bin_dir: Path, course: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_nbgrader(bin_dir, course, *args)


@pytest.mark.nbgrader
def test_nbgrader_autogrades_full_zero_and_partial_credit(sample_bank: Bank, tmp_path: Path, cohort_bin: Path) -> None:
    course = tmp_path / "course"
    export_bank(sample_bank, "nbgrader", course)
    (course / "nbgrader_config.py").write_text(
        f"c = get_config()\nc.CourseDirectory.root = {str(course)!r}\nc.CourseDirectory.db_url = {f'sqlite:///{course}/gradebook.db'!r}\n",
        encoding="utf-8",
    )
    (course / "students.csv").write_text(
        "id,first_name,last_name,email\nfull,Full,Marks,\nnone,No,Answers,\npartial,Some,Answers,\n", encoding="utf-8"
    )
    nbgrader(cohort_bin, course, "db", "student", "import", "students.csv")
    nbgrader(cohort_bin, course, "generate_assignment", ASSIGNMENT)

    release_path = course / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    release = load_notebook(release_path)
    released_text = release_path.read_text(encoding="utf-8")
    assert "BEGIN SOLUTION" not in released_text and "HIDDEN TESTS" not in released_text
    assert "quiz_score(" not in released_text.split("def quiz_score")[1], "no scoring call (and so no key) reaches learners"

    items = select_questions(sample_bank)
    full = {question.id: reference_response(question.item) for question in items}
    submissions = {
        "full": learner_notebook(release, full),
        "none": learner_notebook(release, None),
        "partial": learner_notebook(release, PARTIAL, forget_raise={"s-multiple"}),
    }
    for student, notebook in submissions.items():
        folder = course / "submitted" / student / ASSIGNMENT
        folder.mkdir(parents=True)
        (folder / f"{ASSIGNMENT}.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    nbgrader(cohort_bin, course, "autograde", ASSIGNMENT)
    nbgrader(cohort_bin, course, "export", "--to", str(course / "grades.csv"))

    grader = Grader(sample_bank)
    expected = {
        "full": grader.grade("full", full),
        "none": grader.grade("none", {}),
        "partial": grader.grade("partial", {key: value for key, value in PARTIAL.items() if value is not None}),
    }
    assert expected["full"].score == 9 and expected["none"].score == 0
    assert 0 < expected["partial"].score < 9
    with (course / "grades.csv").open(encoding="utf-8") as handle:
        rows = {row["student_id"]: row for row in csv.DictReader(handle)}
    for student, result in expected.items():
        assert float(rows[student]["score"]) == pytest.approx(result.score), student
        assert float(rows[student]["max_score"]) == pytest.approx(result.max_score)

    # The gradebook itself, read through nbgrader's API in the cohort environment.
    reader = (
        "import json, sys\n"
        "from nbgrader.api import Gradebook\n"
        "with Gradebook(sys.argv[1]) as gb:\n"
        "    out = {}\n"
        "    for student in sys.argv[3:]:\n"
        "        nb = gb.find_submission_notebook(sys.argv[2], sys.argv[2], student)\n"
        "        out[student] = {g.name: [g.score, g.max_score] for g in nb.grades}\n"
        "print(json.dumps(out))\n"
    )
    grades = subprocess.run(
        [str(cohort_bin / "python"), "-c", reader, f"sqlite:///{course}/gradebook.db", ASSIGNMENT, *expected],
        capture_output=True,
        text=True,
        check=True,
    )
    gradebook = json.loads(grades.stdout)
    for student, result in expected.items():
        for question in items:
            score, max_score = gradebook[student][f"{question.id}-test"]
            assert score == pytest.approx(result.item_scores[question.id]), (student, question.id)
            assert max_score == question.item.points
