"""Quiz banks follow item-writing practice and refer only to things that exist."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from peer_curriculum.checks.base import Checker
from peer_curriculum.quiz.bank import questions
from peer_curriculum.quiz.models import MultipleSelect, Ordering, SingleChoice

if TYPE_CHECKING:
    from pathlib import Path

    from peer_curriculum.findings import Reporter
    from peer_curriculum.loader import Curriculum
    from peer_curriculum.quiz.models import Bank
    from peer_curriculum.sourcefile import LineMap

CATCH_ALL_OPTIONS = re.compile(r"\b(all|none|both|neither) of the (above|below)\b", re.IGNORECASE)
"""Options that reward test-taking skill rather than knowledge."""


class QuizBanks(Checker):
    """Reports unknown modules and objectives, duplicate ids, bad pools and catch-all options in quiz banks."""

    name = "quiz-banks"

    def run(self, curriculum: Curriculum, reporter: Reporter) -> None:  # noqa: D102
        objectives = {o.id for module in curriculum.modules for o in module.meta.objectives}
        seen: dict[str, tuple[Path, int]] = {}
        for loaded in curriculum.banks:
            bank, lines, path = loaded.bank, loaded.lines, loaded.path
            if curriculum.module(bank.module) is None:
                reporter.error(path, lines.line_of(("module",)), f"unknown module `{bank.module}`; use a folder name under modules/")
            elif path.stem != bank.module:
                reporter.error(path, lines.line_of(("module",)), f"bank for `{bank.module}` must be named quizzes/{bank.module}.yml")
            ids: list[tuple[str, tuple[str | int, ...]]] = [(entry.id, ("items", index)) for index, entry in enumerate(bank.items)]
            ids += [(q.id, q.location) for q in questions(bank) if q.vignette is not None]
            for item_id, location in ids:
                line = lines.line_of((*location, "id"))
                if item_id in seen:
                    first_path, first_line = seen[item_id]
                    reporter.error(
                        path, line, f"duplicate item id `{item_id}`, first used at {first_path.name}:{first_line}; item ids are unique"
                    )
                else:
                    seen[item_id] = (path, line)
            for question in questions(bank):
                place = lines.line_of((*question.location, "objectives"))
                if not question.objectives:
                    reporter.error(path, place, f"item `{question.id}` assesses no objective; add `objectives:` with objective ids")
                for objective in question.objectives:
                    if objective not in objectives:
                        reporter.error(path, place, f"unknown objective id `{objective}` in item `{question.id}`")
                item = question.item
                if isinstance(item, SingleChoice | MultipleSelect | Ordering):
                    for number, option in enumerate(item.options):
                        if CATCH_ALL_OPTIONS.search(option.text):
                            reporter.error(
                                path,
                                lines.line_of((*question.location, "options", number, "text")),
                                f"option `{option.text}` is a catch-all; write a plausible, specific option instead",
                            )
            self._check_pools(loaded.bank, lines, path, reporter)

    @staticmethod
    def _check_pools(bank: Bank, lines: LineMap, path: Path, reporter: Reporter) -> None:
        top_level = {entry.id for entry in bank.items}
        pooled: dict[str, str] = {}
        for index, pool in enumerate(bank.pools):
            for number, item_id in enumerate(pool.items):
                line = lines.line_of(("pools", index, "items", number))
                if item_id not in top_level:
                    reporter.error(path, line, f"pool `{pool.id}` names item `{item_id}`, which is not a top-level item of this bank")
                elif item_id in pooled:
                    reporter.error(path, line, f"item `{item_id}` is in pools `{pooled[item_id]}` and `{pool.id}`; put it in one")
                else:
                    pooled[item_id] = pool.id
            if pool.draw > len(pool.items):
                reporter.error(
                    path,
                    lines.line_of(("pools", index, "draw")),
                    f"pool `{pool.id}` draws {pool.draw} items but has only {len(pool.items)}; lower `draw` or add items",
                )
