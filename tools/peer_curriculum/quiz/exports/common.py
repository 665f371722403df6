"""Helpers shared by the exporters: item selection, HTML text, stable ids and safe writes.

Every exporter renders the same view of a bank:

- the gradable items (vignette parts in place of their vignette) of the chosen mode, in source order;
- author text as HTML where the target takes HTML: Markdown emphasis works, anything that looks like
  HTML is escaped and shown as text (the bank's text is never interpreted as HTML);
- an ordering item as a matching item whose prompts are the options and whose answers are positions
  ("1st", "2nd", ...): the LMS then gives the share of options put in their right place, which is
  exactly the grader's ordering rule (see ``peer_curriculum.quiz.scoring``).
"""

from __future__ import annotations

import hashlib
import html
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import markdown

from peer_curriculum.quiz.bank import Question, questions
from peer_curriculum.quiz.models import Bank, Matching, Ordering
from peer_curriculum.quiz.site import inline_html

EXPORT_MODES: tuple[str, ...] = ("all", "practice", "assessment")
"""``all`` exports practice and assessment items; the others export only items of that mode."""

ORDERING_INSTRUCTION = "Give each one its position in the order."
"""Appended to an ordering item's stem where it is exported as matching (positions)."""


def select_questions(bank: Bank, mode: str = "all") -> list[Question]:
    """The gradable items of ``bank`` for ``mode`` (``all``, ``practice`` or ``assessment``), in source order."""
    if mode not in EXPORT_MODES:
        msg = f"unknown mode {mode!r}; use one of {', '.join(EXPORT_MODES)}"
        raise ValueError(msg)
    return [question for question in questions(bank) if mode == "all" or question.mode == mode]


def block_html(text: str) -> str:
    """Render author text as block HTML (paragraphs): Markdown emphasis works, HTML is shown as text."""
    return markdown.markdown(html.escape(text, quote=False))


def question_text(question: Question) -> str:
    """The question's stem; an ordering item's stem says that positions are wanted."""
    stem = question.item.stem
    if isinstance(question.item, Ordering):
        stem = f"{stem.rstrip()} {ORDERING_INSTRUCTION}"
    return stem


def question_html(question: Question) -> str:
    """The question as HTML: a vignette part starts with its vignette's title and scenario."""
    parts = []
    if question.vignette is not None:
        parts.append(f"<p><strong>{html.escape(question.vignette.title, quote=False)}</strong></p>")
        parts.append(block_html(question.vignette.scenario))
    parts.append(block_html(question_text(question)))
    return "\n".join(parts)


def stable_id(*parts: str) -> str:
    """A deterministic identifier for ``parts`` (module, item id, option id...): ``g`` and 32 hex digits.

    The same parts always give the same id, so re-exports are byte-identical and an LMS can match
    re-imported questions; it starts with a letter, as XML ids must.
    """
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return f"g{digest[:32]}"


def ordinal(number: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``4th``, ... ``11th``, ``12th``, ``13th``, ``21st``..."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


@dataclass(frozen=True)
class MatchPair:
    """One prompt of a matching-style export with its right answer and feedback."""

    id: str
    prompt: str
    answer: str
    feedback: str


@dataclass(frozen=True)
class MatchView:
    """A matching or ordering item as prompts to match against a list of answers."""

    pairs: tuple[MatchPair, ...]
    answers: tuple[str, ...]
    """Every answer a learner can choose: the pairs' answers then the distractors (or the positions in order)."""


def match_view(item: Matching | Ordering) -> MatchView:
    """Prompts and answers of a matching item, or of an ordering item as options matched to positions."""
    if isinstance(item, Matching):
        pairs = tuple(MatchPair(pair.id, pair.prompt, pair.answer, pair.feedback) for pair in item.pairs)
        return MatchView(pairs, tuple(pair.answer for pair in item.pairs) + tuple(item.distractors))
    position = {option_id: number for number, option_id in enumerate(item.answer, start=1)}
    pairs = tuple(MatchPair(option.id, option.text, ordinal(position[option.id]), option.feedback) for option in item.options)
    return MatchView(pairs, tuple(ordinal(number) for number in range(1, len(item.options) + 1)))


def pair_feedback_html(item: Matching | Ordering) -> str:
    """Per-pair feedback as an HTML list, for formats without per-pair feedback (GIFT, Moodle XML).

    Matching pairs are listed in source order, ordering options in their right order.
    """
    view = match_view(item)
    pairs = sorted(view.pairs, key=lambda pair: view.answers.index(pair.answer)) if isinstance(item, Ordering) else list(view.pairs)
    rows = [
        f"<li>{inline_html(pair.prompt)} → {html.escape(pair.answer, quote=False)}: {inline_html(pair.feedback)}</li>" for pair in pairs
    ]
    return "<ul>\n" + "\n".join(rows) + "\n</ul>"


def general_feedback_html(question: Question, *, with_pairs: bool) -> str:
    """The explanation as HTML; with ``with_pairs``, a matching or ordering item's pair feedback follows it."""
    text = block_html(question.item.explanation)
    if with_pairs and isinstance(question.item, Matching | Ordering):
        text = f"{text}\n{pair_feedback_html(question.item)}"
    return text


def format_number(value: float, places: int = 5) -> str:
    """``1``, ``0.5``, ``33.33333``, ``-50``: at most ``places`` decimals, no trailing zeros."""
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, so a reader never sees half a file.

    Raises:
        OSError: The file cannot be written; its ``filename`` is ``path`` and no temporary file is left.
    """
    temporary: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        temporary = Path(name)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        temporary.chmod(0o644)
        temporary.replace(path)
    except OSError as error:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        raise OSError(error.errno, error.strerror or str(error), str(path)) from error
    except BaseException:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        raise
