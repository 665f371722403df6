"""Grade learners' response files against a bank: per learner, per item and per objective."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from peer_curriculum.quiz.bank import Question, questions
from peer_curriculum.quiz.models import Bank
from peer_curriculum.quiz.scoring import Scorer, compile_scorer

RESPONSE_FORMAT = "peer-curriculum/responses@1"
RESULTS_FORMAT = "peer-curriculum/results@1"


class ResponseFileError(ValueError):
    """A response file cannot be graded; the message says why and how to fix it."""


@dataclass(frozen=True)
class CompiledItem:
    """A gradable item with its scorer and weight."""

    question: Question
    scorer: Scorer
    points: float


@dataclass
class LearnerResult:
    """One learner's grades."""

    learner: str
    source: str
    item_scores: dict[str, float] = field(default_factory=dict)
    """Item id -> points earned."""
    score: float = 0.0
    max_score: float = 0.0
    objective_scores: dict[str, tuple[float, float]] = field(default_factory=dict)
    """Objective id -> (points earned, points available)."""
    unanswered: list[str] = field(default_factory=list)
    unknown_items: list[str] = field(default_factory=list)
    """Response keys that are not items of the bank (reported, not graded)."""

    @property
    def fraction(self) -> float:
        """Score as a share of the available points."""
        return self.score / self.max_score if self.max_score else 0.0


class Grader:
    """Grades responses to one bank.

    Arguments:
        bank: The bank.
        modes: Which items count: by default every item, practice and assessment.
    """

    def __init__(self, bank: Bank, modes: tuple[str, ...] = ("practice", "assessment")) -> None:
        self.bank = bank
        self.items = [
            CompiledItem(question, compile_scorer(question.item), question.item.points)
            for question in questions(bank)
            if question.mode in modes
        ]
        self.item_ids = {compiled.question.id for compiled in self.items}

    def grade(self, learner: str, responses: dict[str, Any], source: str = "", presented: set[str] | None = None) -> LearnerResult:
        """Grade one learner's responses (item id -> response).

        Arguments:
            learner: Who answered.
            responses: Item id -> response.
            source: Where the responses came from, for reports.
            presented: When pools drew a subset, the ids of the items this learner was shown
                (a vignette's id stands for all its parts); the others neither score nor count.
        """
        result = LearnerResult(learner, source)
        objectives: dict[str, list[float]] = {}
        for compiled in self.items:
            item_id = compiled.question.id
            vignette = compiled.question.vignette
            if presented is not None and item_id not in presented and (vignette is None or vignette.id not in presented):
                continue
            response = responses.get(item_id)
            if response is None:
                result.unanswered.append(item_id)
                earned = 0.0
            else:
                earned = compiled.scorer(response) * compiled.points
            result.item_scores[item_id] = earned
            result.score += earned
            result.max_score += compiled.points
            for objective in compiled.question.objectives:
                totals = objectives.setdefault(objective, [0.0, 0.0])
                totals[0] += earned
                totals[1] += compiled.points
        result.objective_scores = {objective: (got, out_of) for objective, (got, out_of) in objectives.items()}
        result.unknown_items = sorted(set(responses) - self.item_ids)
        return result

    def grade_file(self, path: Path) -> LearnerResult:
        """Read and grade one response file.

        Raises:
            ResponseFileError: The file is not a response file for this bank.
        """
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            raise ResponseFileError(f"{path}:1: not UTF-8 text; save it as UTF-8 JSON") from None
        except json.JSONDecodeError as error:
            raise ResponseFileError(f"{path}:{error.lineno}: invalid JSON ({error.msg}); fix the syntax") from None
        except OSError as error:
            raise ResponseFileError(f"{path}:1: cannot read the file ({error.strerror})") from None
        if not isinstance(data, dict) or not isinstance(data.get("responses"), dict):
            raise ResponseFileError(f'{path}:1: expected an object with "learner" and a "responses" object; see the response format')
        learner = data.get("learner")
        if not isinstance(learner, str) or not learner.strip():
            raise ResponseFileError(f'{path}:1: "learner" must be a non-empty string naming the learner')
        bank = data.get("bank", self.bank.module)
        if bank != self.bank.module:
            raise ResponseFileError(f'{path}:1: responses are for bank "{bank}", not "{self.bank.module}"')
        presented = data.get("presented")
        if presented is not None and not (isinstance(presented, list) and all(isinstance(i, str) for i in presented)):
            raise ResponseFileError(f'{path}:1: "presented" must be a list of item ids')
        return self.grade(learner.strip(), data["responses"], source=str(path), presented=None if presented is None else set(presented))


def pass_mark_met(bank: Bank, result: LearnerResult) -> bool:
    """Whether the learner reached the bank's pass mark."""
    return result.fraction + 1e-9 >= bank.pass_mark


def results_document(bank: Bank, grader: Grader, results: list[LearnerResult], errors: list[str]) -> dict[str, Any]:
    """Everything graded, as one JSON-ready document (the input of ``item-analysis``)."""
    return {
        "format": RESULTS_FORMAT,
        "bank": bank.module,
        "pass_mark": bank.pass_mark,
        "items": [
            {
                "id": c.question.id,
                "type": c.question.item.type,
                "points": c.points,
                "objectives": c.question.objectives,
                "mode": c.question.mode,
            }
            for c in grader.items
        ],
        "learners": [
            {
                "learner": r.learner,
                "source": r.source,
                "score": round(r.score, 6),
                "max_score": r.max_score,
                "percent": round(100 * r.fraction, 2),
                "passed": pass_mark_met(bank, r),
                "items": {item: round(points, 6) for item, points in r.item_scores.items()},
                "objectives": {o: {"score": round(s, 6), "max_score": m} for o, (s, m) in sorted(r.objective_scores.items())},
                "unanswered": r.unanswered,
                "unknown_items": r.unknown_items,
            }
            for r in results
        ],
        "errors": errors,
    }


def write_outputs(document: dict[str, Any], out_dir: Path) -> list[Path]:
    """Write ``results.json``, ``learners.csv`` and ``objectives.csv``; return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    results_path = out_dir / "results.json"
    results_path.write_text(json.dumps(document, indent=2, sort_keys=False) + "\n", encoding="utf-8")
    learners_path = out_dir / "learners.csv"
    item_ids = [item["id"] for item in document["items"]]
    with learners_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["learner", "score", "max_score", "percent", "passed", *item_ids])
        for learner in document["learners"]:
            writer.writerow(
                [learner["learner"], learner["score"], learner["max_score"], learner["percent"], learner["passed"]]
                + [learner["items"][item] for item in item_ids]
            )
    objectives_path = out_dir / "objectives.csv"
    with objectives_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["learner", "objective", "score", "max_score", "percent"])
        for learner in document["learners"]:
            for objective, totals in learner["objectives"].items():
                percent = round(100 * totals["score"] / totals["max_score"], 2) if totals["max_score"] else 0
                writer.writerow([learner["learner"], objective, totals["score"], totals["max_score"], percent])
    return [results_path, learners_path, objectives_path]
