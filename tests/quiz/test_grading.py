"""Does ``peer-curriculum grade`` grade every good file, report bad ones, and write consistent outputs?"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

from peer_curriculum.quiz.bank import questions
from peer_curriculum.quiz.grading import Grader
from peer_curriculum.quiz.models import Bank
from peer_curriculum.quiz.scoring import reference_response

from .conftest import FILES

CLI = Path(sys.executable).parent / "peer-curriculum"


def write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_full_and_empty_and_per_objective(sample_bank: Bank) -> None:
    grader = Grader(sample_bank)
    full = grader.grade("ana", {q.id: reference_response(q.item) for q in questions(sample_bank)})
    assert full.score == full.max_score == len(questions(sample_bank))
    empty = grader.grade("ben", {})
    assert empty.score == 0 and len(empty.unanswered) == len(questions(sample_bank))
    # s-matching assesses two objectives; al-reflections is also assessed by s-multiple and s-short.
    partial = grader.grade("cai", {"s-multiple": ["a"], "s-short": "reflection"})
    assert partial.objective_scores["al-reflections"] == (1.5, 3.0)


def test_practice_only_mode_leaves_out_assessment_items(sample_bank: Bank) -> None:
    grader = Grader(sample_bank, ("practice",))
    assert "s-assessment-secret" not in grader.item_ids
    assert "s-vignette-first" in grader.item_ids


def test_cli_grades_good_files_and_reports_bad_ones(tmp_path: Path, sample_bank: Bank) -> None:
    reference = {q.id: reference_response(q.item) for q in questions(sample_bank)}
    good = write(tmp_path / "ana.json", {"learner": "ana", "bank": "active-listening", "responses": reference})
    half = write(tmp_path / "ben.json", {"learner": "ben", "responses": {"s-single": "b", "s-multiple": ["a"], "typo-item": "x"}})
    broken = tmp_path / "broken.json"
    broken.write_text('{"learner": "cy",\n "responses": {oops}}', encoding="utf-8")
    wrong_shape = write(tmp_path / "shape.json", ["not", "an", "object"])
    other_bank = write(tmp_path / "other.json", {"learner": "dee", "bank": "crisis-referral", "responses": {}})
    out = tmp_path / "grades"

    result = subprocess.run(
        [
            str(CLI),
            "grade",
            str(FILES / "sample.yml"),
            str(good),
            str(half),
            str(broken),
            str(wrong_shape),
            str(other_bank),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{broken}:2: invalid JSON" in result.stderr
    assert f"{wrong_shape}:1: expected an object" in result.stderr
    assert 'responses are for bank "crisis-referral"' in result.stderr
    assert "graded 2 of 5 file(s)" in result.stdout
    document = json.loads((out / "results.json").read_text(encoding="utf-8"))
    by_learner = {learner["learner"]: learner for learner in document["learners"]}
    assert by_learner["ana"]["percent"] == 100.0 and by_learner["ana"]["passed"] is True
    assert by_learner["ben"]["score"] == 1.5 and by_learner["ben"]["passed"] is False
    assert by_learner["ben"]["unknown_items"] == ["typo-item"]
    assert len(document["errors"]) == 3
    rows = list(csv.DictReader((out / "learners.csv").open(encoding="utf-8")))
    assert [(row["learner"], float(row["score"])) for row in rows] == [("ana", 9.0), ("ben", 1.5)]
    objectives = list(csv.DictReader((out / "objectives.csv").open(encoding="utf-8")))
    ben_open = next(row for row in objectives if row["learner"] == "ben" and row["objective"] == "al-open-questions")
    assert float(ben_open["score"]) == 1.0 and float(ben_open["max_score"]) == 2.0


def test_cli_refuses_an_invalid_bank(tmp_path: Path) -> None:
    bank = tmp_path / "bad.yml"
    bank.write_text("module: active-listening\nitems: []\n", encoding="utf-8")
    response = write(tmp_path / "r.json", {"learner": "a", "responses": {}})
    result = subprocess.run([str(CLI), "grade", str(bank), str(response)], capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "bad.yml:2:" in result.stderr
    assert "Traceback" not in result.stderr


def test_presented_items_limit_what_counts(sample_bank: Bank) -> None:
    grader = Grader(sample_bank)
    result = grader.grade("eve", {"s-single": "b", "s-vignette-first": "a"}, presented={"s-single", "s-vignette"})
    assert result.max_score == 3.0  # s-single plus both vignette parts
    assert result.score == 2.0


def test_the_documented_response_example_grades_cleanly() -> None:
    """The example in docs/about/quizzes.md is a valid response file for the real bank."""
    import re

    from conftest import ROOT
    from peer_curriculum.findings import Reporter
    from peer_curriculum.quiz.bank import load_bank

    text = (ROOT / "docs/about/quizzes.md").read_text(encoding="utf-8")
    example = json.loads(re.search(r"```json\n(.*?)```", text, re.S).group(1))
    loaded = load_bank(ROOT / "quizzes/active-listening.yml", Reporter())
    assert loaded is not None
    result = Grader(loaded.bank).grade(example["learner"], example["responses"], presented=set(example["presented"]))
    assert result.unknown_items == []
    assert result.max_score == 6
    assert 0 < result.score < 6
