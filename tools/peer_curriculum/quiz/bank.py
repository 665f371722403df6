"""Load quiz banks and walk their gradable items."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from peer_curriculum.quiz.models import Bank, PartItem, Vignette
from peer_curriculum.sourcefile import LineMap, SourceError, read_yaml
from peer_curriculum.validation import validate

if TYPE_CHECKING:
    from peer_curriculum.findings import Reporter

QUIZZES_DIR = "quizzes"


@dataclass(frozen=True)
class LoadedBank:
    """A validated bank with its source file and the lines of its values."""

    path: Path
    bank: Bank
    lines: LineMap


@dataclass(frozen=True)
class Question:
    """A gradable item: a stand-alone item or one part of a vignette."""

    item: PartItem
    vignette: Vignette | None
    index: int
    """Position in the bank's ``items`` list."""
    part: int | None
    """Position in the vignette's ``items``, for vignette parts."""

    @property
    def id(self) -> str:
        """The item's id (part ids are bank-wide unique too)."""
        return self.item.id

    @property
    def objectives(self) -> list[str]:
        """The objectives it assesses: its own, else its vignette's."""
        if self.item.objectives:
            return list(self.item.objectives)
        return list(self.vignette.objectives) if self.vignette else []

    @property
    def mode(self) -> str:
        """``practice`` or ``assessment`` (a vignette part has its vignette's)."""
        return self.vignette.mode if self.vignette else self.item.mode

    @property
    def location(self) -> tuple[str | int, ...]:
        """Where the item sits in the YAML document."""
        return ("items", self.index) if self.part is None else ("items", self.index, "items", self.part)


def questions(bank: Bank) -> list[Question]:
    """Every gradable item of ``bank`` in source order, vignette parts in place of their vignette."""
    found: list[Question] = []
    for index, entry in enumerate(bank.items):
        if isinstance(entry, Vignette):
            found.extend(Question(part, entry, index, number) for number, part in enumerate(entry.items))
        else:
            found.append(Question(entry, None, index, None))
    return found


def load_bank(path: Path, reporter: Reporter) -> LoadedBank | None:
    """Read and validate one bank, reporting problems at their lines."""
    try:
        document = read_yaml(path)
    except SourceError as error:
        reporter.error(error.path, error.line, error.message)
        return None
    if not isinstance(document.data, dict):
        reporter.error(path, 1, "a quiz bank is a YAML mapping with `module:` and `items:`")
        return None
    bank = validate(Bank, document.data, path, document.lines, reporter)
    return None if bank is None else LoadedBank(path, bank, document.lines)


def bank_paths(root: Path) -> list[Path]:
    """Return the quiz bank files under ``root``."""
    folder = root / QUIZZES_DIR
    return sorted(folder.glob("*.yml")) if folder.is_dir() else []


def item_texts(question: Question) -> list[str]:
    """Every piece of text of an item: stem, options, answers, distractors, feedback and explanation."""
    item = question.item
    texts = [item.stem, item.explanation]
    for name in ("options", "pairs"):
        for entry in getattr(item, name, []):
            texts.extend(str(value) for key, value in entry.model_dump().items() if key != "id")
    feedback = getattr(item, "feedback", None)
    if feedback is not None:
        texts.extend(str(value) for value in feedback.model_dump().values())
    texts.extend(getattr(item, "accepted", []))
    texts.extend(getattr(item, "distractors", []))
    if question.vignette is not None:
        texts.append(question.vignette.scenario)
    return texts
