"""Numbers a module issue asks for: words, items per objective, and reading grade of the lessons.

Reading grade is the Flesch-Kincaid grade of the learner-facing prose (front matter, code, block
markers, trainer notes and the Sources section left out), computed with ``textstat`` when it is
installed (the ``test`` extra).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from peer_curriculum.blocks import code_fence_mask, iter_blocks
from peer_curriculum.quiz.bank import questions
from peer_curriculum.vocab import TRAINER_ONLY_BLOCKS

if TYPE_CHECKING:
    from peer_curriculum.loader import Curriculum, Page

WORD_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")


def learner_prose(page: Page) -> str:
    """The words a learner reads on a page, as plain text."""
    lines = page.source.body.splitlines()
    drop = set()
    for block in iter_blocks(lines):
        drop.add(block.start)
        if block.end is not None:
            drop.add(block.end)
        if block.name in TRAINER_ONLY_BLOCKS:
            drop.update(range(block.start, (block.end if block.end is not None else len(lines) - 1) + 1))
    in_code = code_fence_mask(lines)
    kept = []
    for number, line in enumerate(lines):
        if line.strip().lower() in ("## sources", "## references"):
            break
        if number in drop or in_code[number]:
            continue
        line = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", line)  # links and images: keep their text
        line = re.sub(r"[#*_`>|]+", " ", line)
        kept.append(line)
    return "\n".join(kept)


def word_count(text: str) -> int:
    """Words in plain text."""
    return len(WORD_RE.findall(text))


@dataclass(frozen=True)
class ModuleStats:
    """The figures of one module."""

    words: dict[str, int]
    grades: dict[str, float | None]
    items_per_objective: dict[str, dict[str, int]]
    scenarios: list[str]


def module_stats(curriculum: Curriculum, module_id: str) -> ModuleStats:
    """Word counts and reading grades per lesson, and quiz items per objective and mode."""
    module = curriculum.module(module_id)
    if module is None:
        msg = f"unknown module `{module_id}`"
        raise ValueError(msg)
    try:
        import textstat
    except ImportError:  # the grade is optional: the test extra installs textstat
        textstat = None
    words: dict[str, int] = {}
    grades: dict[str, float | None] = {}
    for page in [module.index, *module.lessons]:
        prose = learner_prose(page)
        name = page.site_path.rsplit("/", 1)[-1]
        words[name] = word_count(prose)
        grades[name] = round(textstat.flesch_kincaid_grade(prose), 1) if textstat and words[name] else None
    counts: dict[str, dict[str, int]] = {o.id: {"practice": 0, "assessment": 0} for o in module.meta.objectives}
    for loaded in curriculum.banks:
        if loaded.bank.module != module_id:
            continue
        for question in questions(loaded.bank):
            for objective in question.objectives:
                counts.setdefault(objective, {"practice": 0, "assessment": 0})[question.mode] += 1
    scenarios = [s.meta.id for s in curriculum.scenarios if s.meta.module == module_id]
    return ModuleStats(words, grades, counts, scenarios)
