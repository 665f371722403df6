"""Benchmark: grade 10,000 synthetic learners on a 25-item bank, and compare with nbgrader.

Our grader runs in-process on synthetic responses (seeded, so every run grades the same data).
In the same run, the same 25 items are exported to nbgrader, and nbgrader's autograde is timed
on a few submitted notebooks; the report gives both rates and their ratio.

    .venv/bin/python bench/grade.py [--learners 10000] [--notebooks 3] [--skip-nbgrader]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from peer_curriculum.findings import Reporter  # noqa: E402
from peer_curriculum.quiz.bank import Question, load_bank, questions  # noqa: E402
from peer_curriculum.quiz.exports import export_bank  # noqa: E402
from peer_curriculum.quiz.exports.nbgrader import answer_variable, python_literal  # noqa: E402
from peer_curriculum.quiz.grading import Grader  # noqa: E402
from peer_curriculum.quiz.models import Bank, Matching, MultipleSelect, Ordering, ShortAnswer, SingleChoice, TrueFalse  # noqa: E402
from peer_curriculum.quiz.scoring import reference_response  # noqa: E402

BANK = ROOT / "quizzes" / "active-listening.yml"
ITEMS = 25


def bench_bank() -> Bank:
    """The starter bank cut to its first 25 gradable items (vignettes kept whole where they fit)."""
    loaded = load_bank(BANK, Reporter(ROOT))
    assert loaded is not None
    kept, count = [], 0
    for entry in loaded.bank.items:
        size = len(getattr(entry, "items", [entry])) if entry.type == "vignette" else 1
        if count + size <= ITEMS:
            kept.append(entry)
            count += size
    return loaded.bank.model_copy(update={"items": kept, "pools": []})


def wrong_response(question: Question, rng: random.Random) -> Any:
    item = question.item
    if isinstance(item, SingleChoice):
        return rng.choice([o.id for o in item.options if o.id != item.correct_id])
    if isinstance(item, TrueFalse):
        return not item.answer
    if isinstance(item, MultipleSelect):
        return rng.sample([o.id for o in item.options], k=rng.randint(1, len(item.options)))
    if isinstance(item, Ordering):
        return rng.sample(list(item.answer), k=len(item.answer))
    if isinstance(item, Matching):
        answers = [p.answer for p in item.pairs]
        return {p.id: rng.choice(answers) for p in item.pairs}
    if isinstance(item, ShortAnswer):
        return rng.choice(["not sure", "listening", "advice"])
    return None


def synthetic_learners(bank: Bank, count: int, seed: int = 2026) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    items = questions(bank)
    learners = []
    for number in range(count):
        ability = rng.random()
        responses: dict[str, Any] = {}
        for question in items:
            roll = rng.random()
            if roll < 0.05:
                continue  # unanswered
            responses[question.id] = reference_response(question.item) if roll < 0.3 + 0.65 * ability else wrong_response(question, rng)
        learners.append({"learner": f"learner-{number:05}", "responses": responses})
    return learners


def bench_ours(bank: Bank, learners: list[dict[str, Any]], repeats: int = 3) -> tuple[float, int]:
    """Best of ``repeats``: seconds to grade all learners, and item responses graded."""
    grader = Grader(bank)
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for learner in learners:
            grader.grade(learner["learner"], learner["responses"])
        best = min(best, time.perf_counter() - start)
    return best, len(learners) * len(grader.items)


COHORT_BIN = Path(os.environ.get("PEER_COHORT_BIN", ROOT / ".venv-cohort" / "bin"))


def _nbgrader(course: Path, *args: str) -> float:
    env = {**os.environ, "PATH": f"{COHORT_BIN}{os.pathsep}{os.environ.get('PATH', '')}", "JUPYTER_CONFIG_DIR": str(course / ".jupyter")}
    start = time.perf_counter()
    result = subprocess.run([str(COHORT_BIN / "nbgrader"), *args], cwd=course, env=env, check=False, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"nbgrader {' '.join(args)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return time.perf_counter() - start


def _submission(release: dict[str, Any], responses: dict[str, Any]) -> dict[str, Any]:
    notebook = json.loads(json.dumps(release))
    for cell in notebook["cells"]:
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")
        if grade_id.endswith("-answer"):
            item_id = grade_id.removesuffix("-answer")
            value = responses.get(item_id)
            cell["source"] = f"{answer_variable(item_id)} = {python_literal(value)}\n"
    return notebook


def _autograde_batch(bank: Bank, learners: list[dict[str, Any]]) -> float:
    """Seconds `nbgrader autograde` takes for one submission per learner, in a fresh course."""
    with tempfile.TemporaryDirectory() as temp:
        course = Path(temp)
        path, _ = export_bank(bank, "nbgrader", course)
        assignment = path.parent.name
        (course / "nbgrader_config.py").write_text(
            f"c = get_config()\nc.CourseDirectory.root = {str(course)!r}\nc.CourseDirectory.db_url = {f'sqlite:///{course}/gradebook.db'!r}\n",
            encoding="utf-8",
        )
        _nbgrader(course, "generate_assignment", assignment)
        release = json.loads((course / "release" / assignment / f"{assignment}.ipynb").read_text(encoding="utf-8"))
        for number, learner in enumerate(learners):
            folder = course / "submitted" / f"learner-{number}" / assignment
            folder.mkdir(parents=True)
            (folder / f"{assignment}.ipynb").write_text(json.dumps(_submission(release, learner["responses"])), encoding="utf-8")
        return _nbgrader(course, "autograde", assignment)


def bench_nbgrader(bank: Bank, learners: list[dict[str, Any]], notebooks: int) -> tuple[float, float] | None:
    """Seconds per notebook of `nbgrader autograde` on the same items: (batch average, marginal per extra notebook)."""
    if not (COHORT_BIN / "nbgrader").exists():
        print(f"nbgrader part skipped: no nbgrader at {COHORT_BIN} (run `make cohort`)")
        return None
    timings = {batch: _autograde_batch(bank, learners[:batch]) for batch in (1, notebooks)}
    print(f"nbgrader autograde wall time: {timings[1]:.2f} s for 1 notebook, {timings[notebooks]:.2f} s for {notebooks}")
    per_notebook = timings[notebooks] / notebooks
    marginal = (timings[notebooks] - timings[1]) / (notebooks - 1) if notebooks > 1 else per_notebook
    return per_notebook, marginal


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=10_000)
    parser.add_argument("--notebooks", type=int, default=3)
    parser.add_argument("--skip-nbgrader", action="store_true")
    args = parser.parse_args()
    bank = bench_bank()
    learners = synthetic_learners(bank, args.learners)
    seconds, responses = bench_ours(bank, learners)
    rate = responses / seconds
    print(f"bank: {bank.module}, {len(questions(bank))} items; learners: {len(learners)}")
    print(f"our grader: {responses} item responses in {seconds:.3f} s = {rate:,.0f} item responses/s (best of 3)")
    print(f"target >= 100,000 item responses/s: {'met' if rate >= 100_000 else 'NOT met'}")
    if args.skip_nbgrader:
        return
    timing = bench_nbgrader(bank, learners, args.notebooks)
    if timing is None:
        return
    per_notebook, per_notebook_marginal = timing
    items = len(questions(bank))
    nb_rate = items / per_notebook
    print(
        f"nbgrader autograde: {per_notebook:.2f} s per notebook in a batch of {args.notebooks} "
        f"({per_notebook_marginal:.2f} s for each notebook after the first)"
    )
    print(f"nbgrader: {nb_rate:,.1f} item responses/s ({items / per_notebook_marginal:,.1f}/s marginal)")
    print(f"ratio ours/nbgrader: {rate / nb_rate:,.0f}x ({rate / (items / per_notebook_marginal):,.0f}x against the marginal rate)")


if __name__ == "__main__":
    main()
