"""Export a bank as an nbgrader source notebook (nbformat 4.5, Python 3 kernel).

The notebook is written where an nbgrader course keeps its sources,
``<course>/source/<module>-quiz/<module>-quiz.ipynb`` (``exports/nbgrader`` by default), so
``nbgrader generate_assignment <module>-quiz`` run in that course makes the learners' release.

Cells, in order:

1. an introduction (read-only markdown): how to answer each item type;
2. the scorer (read-only code cell, not graded): a small stdlib-only copy of the grader's scoring
   rules (:mod:`peer_curriculum.quiz.scoring`), so the kernel does not need ``peer_curriculum``. It
   holds no answer keys: learners see it;
3. for each item: a read-only markdown cell with the question (stem and option ids, or prompt ids and
   answers, with the vignette's scenario in a cell of its own before its first part); an answer cell
   (nbgrader "autograded answer") where the learner sets ``answer_<item id with _>``, with the
   reference answer between ``### BEGIN SOLUTION`` / ``### END SOLUTION`` so that
   ``generate_assignment`` replaces it with nbgrader's code stub; then a read-only "autograder
   tests" cell worth the item's points (``grade_id`` ``<item id>-test``). Its visible line checks the
   answer's form and prints a hint; the answer key and the scoring call sit between
   ``### BEGIN HIDDEN TESTS`` / ``### END HIDDEN TESTS``, which the release leaves out and autograde
   puts back.

Partial credit: nbgrader 0.9.6 (``nbgrader.utils.determine_grade``) gives a test cell the number
its last expression displays (its ``execute_result``), between 0 and the cell's points; an error
or anything on stderr gives 0, and a cell with no result gets full points. So the hidden test
ends with ``quiz_score(...)``, which returns the points earned — a share for multiple select,
ordering and matching, exactly as the grader computes it — and never raises: an unanswered item
(``None``, or a deleted variable, read with ``globals().get``) scores 0 without disturbing the
other cells. Every cell has a stable ``id`` derived from the module and item ids.

The scenario export (:mod:`peer_curriculum.scenario.nbgrader`) builds its exercises from the same
pieces: :class:`NotebookCells`, :func:`nbgrader_metadata`, :func:`question_markdown`,
:func:`answer_source`, :func:`test_source` and :data:`SCORER_SOURCE`.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from typing import Any

from peer_curriculum.quiz.bank import Question
from peer_curriculum.quiz.exports.common import format_number, match_view
from peer_curriculum.quiz.models import Bank, Matching, MultipleSelect, Ordering, PartItem, ShortAnswer, SingleChoice, TrueFalse
from peer_curriculum.quiz.scoring import reference_response

NBGRADER_SCHEMA_VERSION = 3

SCORER_SOURCE = '''\
# Quiz scoring, the same rules as the course's grader. Run this cell first; it cannot be edited.
import re as _re
import string as _string

_SPACES = _re.compile(r"\\s+")
_EDGE_PUNCTUATION = _string.punctuation + "\\u201c\\u201d\\u2018\\u2019\\u2026"


def _normalize(text):
    return _SPACES.sub(" ", text.casefold()).strip().strip(_EDGE_PUNCTUATION).strip()


def _fraction(kind, response, key):
    """Share of the points (0 to 1) that ``response`` earns; ``key`` is the answer key."""
    if response is None:
        return 0.0
    if kind == "single":
        return 1.0 if response == key else 0.0
    if kind == "true-false":
        if isinstance(response, bool):
            return 1.0 if response is key else 0.0
        spelled = "true" if key else "false"
        return 1.0 if isinstance(response, str) and response.strip().lower() == spelled else 0.0
    if kind == "multiple":
        if not isinstance(response, (list, tuple)):
            return 0.0
        right, known = set(key["right"]), set(key["options"])
        chosen = {choice for choice in response if choice in known}
        return max(0.0, (len(chosen & right) - len(chosen - right)) / len(right))
    if kind == "ordering":
        if not isinstance(response, (list, tuple)):
            return 0.0
        return sum(1 for given, wanted in zip(response, key) if given == wanted) / len(key)
    if kind == "matching":
        if not isinstance(response, dict):
            return 0.0
        hits = 0
        for prompt, wanted in key.items():
            given = response.get(prompt)
            if isinstance(given, str) and _normalize(given) == _normalize(wanted):
                hits += 1
        return hits / len(key)
    if kind == "short-answer":
        return 1.0 if isinstance(response, str) and _normalize(response) in {_normalize(a) for a in key} else 0.0
    return 0.0


def quiz_score(kind, response, key, points):
    """Points earned (0 to ``points``); never raises, so one bad answer cannot stop the others."""
    try:
        fraction = float(_fraction(kind, response, key))
    except Exception:
        fraction = 0.0
    return min(float(points), round(max(0.0, min(1.0, fraction)) * points, 6))


_FORMS = {
    "single": "one option id as a string, such as \\"a\\"",
    "multiple": "a list of option ids, such as [\\"a\\", \\"c\\"]",
    "true-false": "True or False",
    "ordering": "a list of every option id in order, such as [\\"c\\", \\"a\\", \\"b\\"]",
    "matching": "a dict from each prompt id to its answer, such as {\\"p1\\": \\"...\\"}",
    "short-answer": "a string",
}


def _form_problem(kind, response, choices):
    if kind == "single":
        return None if response in choices else "is not one of the option ids " + ", ".join(choices)
    if kind == "multiple":
        if not isinstance(response, (list, tuple)):
            return "is not a list"
        unknown = [choice for choice in response if choice not in choices]
        return "names unknown option ids " + repr(unknown) if unknown else None
    if kind == "true-false":
        readable = isinstance(response, bool) or (isinstance(response, str) and response.strip().lower() in ("true", "false"))
        return None if readable else "is not True or False"
    if kind == "ordering":
        if not isinstance(response, (list, tuple)):
            return "is not a list"
        return None if sorted(response) == sorted(choices) else "does not list each option id exactly once"
    if kind == "matching":
        if not isinstance(response, dict):
            return "is not a dict"
        missing = [prompt for prompt in choices if prompt not in response]
        return "has no answer for " + ", ".join(missing) if missing else None
    if kind == "short-answer":
        return None if isinstance(response, str) and response.strip() else "is not a non-empty string"
    return None


def quiz_check(name, response, kind, choices):
    """Print whether an answer has the expected form (it does not say whether it is right)."""
    if response is None:
        print(name + ": not answered yet; set it to " + _FORMS[kind] + ".")
        return
    try:
        problem = _form_problem(kind, response, choices)
    except Exception:
        problem = "cannot be read"
    if problem:
        print(name + " " + problem + "; it should be " + _FORMS[kind] + ".")
    else:
        print(name + " is ready; it is scored when you submit.")
'''
"""The scorer cell's source. Its rules must stay those of :func:`peer_curriculum.quiz.scoring.compile_scorer`."""

ANSWER_FORMS = {
    "single": 'one option id as a string, such as `"a"`',
    "multiple": 'a list of every option id you choose, such as `["a", "c"]`; a wrong choice takes away as much as a right one gives',
    "true-false": "`True` or `False`",
    "ordering": 'a list of every option id, first to last, such as `["c", "a", "b"]`',
    "matching": 'a dict from each prompt id to the answer you match it with, such as `{"p1": "..."}`',
    "short-answer": "a string",
}

ANSWER_LABELS = {
    "single": "One answer",
    "multiple": "Several answers",
    "true-false": "True or false",
    "ordering": "Ordering",
    "matching": "Matching",
    "short-answer": "Short answer",
}
"""How the introduction names each item type in its "How to answer" list."""


def answer_variable(item_id: str) -> str:
    """The learner's variable for an item: ``answer_`` and the id with ``_`` for ``-``."""
    return "answer_" + item_id.replace("-", "_")


def python_literal(value: Any) -> str:
    """A Python literal for an answer or key (str, bool, number, list, dict), in a stable spelling."""
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, int | float):
        return format_number(float(value), 6)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(python_literal(entry) for entry in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{python_literal(key)}: {python_literal(entry)}" for key, entry in value.items()) + "}"
    msg = f"no Python literal for {type(value).__name__}"
    raise TypeError(msg)


def answer_key(item: PartItem) -> Any:
    """The key the scorer cell compares a response with (only ever written inside hidden tests)."""
    if isinstance(item, SingleChoice):
        return item.correct_id
    if isinstance(item, TrueFalse):
        return item.answer
    if isinstance(item, MultipleSelect):
        return {"right": list(item.answer), "options": [option.id for option in item.options]}
    if isinstance(item, Ordering):
        return list(item.answer)
    if isinstance(item, Matching):
        return {pair.id: pair.answer for pair in item.pairs}
    if isinstance(item, ShortAnswer):
        return list(item.accepted)
    msg = f"no answer key for item type {type(item).__name__}"
    raise TypeError(msg)


def form_choices(item: PartItem) -> list[str]:
    """What the visible form check may know: option ids, or prompt ids (never the key)."""
    if isinstance(item, SingleChoice | MultipleSelect | Ordering):
        return [option.id for option in item.options]
    if isinstance(item, Matching):
        return [pair.id for pair in item.pairs]
    return []


def markdown_text(text: str) -> str:
    """Author text for a Markdown cell: emphasis works, HTML is shown as text."""
    return html.escape(text, quote=False)


def _code(text: str) -> str:
    """``text`` as a Markdown code span, whatever backticks it holds."""
    ticks = "`" * (1 + max((len(run) for run in re.findall(r"`+", text)), default=0))
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{padding}{text}{padding}{ticks}"


def points_label(points: float) -> str:
    """``1 point``, ``2.5 points``."""
    number = format_number(points)
    return f"{number} point" if number == "1" else f"{number} points"


def question_markdown(number: int, question: Question) -> str:
    """The question cell's Markdown: heading, stem, then what to choose from and how to answer."""
    item = question.item
    lines = [f"### Question {number} ({points_label(item.points)})", "", markdown_text(item.stem), ""]
    if isinstance(item, SingleChoice | MultipleSelect | Ordering):
        lines += [f"- `{option.id}`: {markdown_text(option.text)}" for option in item.options]
        lines.append("")
    elif isinstance(item, Matching):
        lines += [f"- `{pair.id}`: {markdown_text(pair.prompt)}" for pair in item.pairs]
        answers = sorted(match_view(item).answers, key=str.casefold)
        lines += ["", "Answers to choose from: " + ", ".join(_code(python_literal(answer)) for answer in answers) + ".", ""]
    elif isinstance(item, TrueFalse):
        lines += ["True or false?", ""]
    lines.append(f"Set `{answer_variable(item.id)}` to {ANSWER_FORMS[item.type]}.")
    return "\n".join(lines)


def answer_source(item: PartItem) -> str:
    """The answer cell: the variable set to ``None``, then the reference answer as the solution."""
    variable = answer_variable(item.id)
    return "\n".join(
        [
            f"{variable} = None",
            "### BEGIN SOLUTION",
            f"{variable} = {python_literal(reference_response(item))}",
            "### END SOLUTION",
        ]
    )


def test_source(item: PartItem) -> str:
    """The test cell: a visible form check, then the hidden scoring call whose value is the points earned."""
    variable = answer_variable(item.id)
    response = f'globals().get("{variable}")'
    return "\n".join(
        [
            f'quiz_check("{variable}", {response}, "{item.type}", {python_literal(form_choices(item))})',
            "### BEGIN HIDDEN TESTS",
            f'quiz_score("{item.type}", {response}, {python_literal(answer_key(item))}, {format_number(item.points, 6)})',
            "### END HIDDEN TESTS",
        ]
    )


def cell_id(namespace: str, *parts: str) -> str:
    """A stable nbformat cell id (16 hex digits) for a cell of ``namespace`` (a module or scenario id)."""
    return hashlib.sha256("\x1f".join((namespace, *parts)).encode("utf-8")).hexdigest()[:16]


def nbgrader_metadata(
    grade_id: str, *, grade: bool = False, solution: bool = False, locked: bool = False, points: float | None = None
) -> dict[str, Any]:
    """A cell's ``metadata``: the nbgrader part, as the Create Assignment toolbar writes it (schema 3)."""
    metadata: dict[str, Any] = {
        "grade": grade,
        "grade_id": grade_id,
        "locked": locked,
        "schema_version": NBGRADER_SCHEMA_VERSION,
        "solution": solution,
    }
    if points is not None:
        metadata["points"] = points
    return {"nbgrader": metadata}


def _lines(source: str) -> list[str]:
    return source.splitlines(keepends=True)


class NotebookCells:
    """The cells of a source notebook, in order, each with a stable id from ``namespace`` and its key.

    The key is also the cell's nbgrader ``grade_id``, so it must be unique in the notebook.
    """

    def __init__(self, namespace: str) -> None:
        self.namespace = namespace
        self.cells: list[dict[str, Any]] = []

    def markdown(self, key: str, source: str, metadata: dict[str, Any] | None = None) -> None:
        """Add a Markdown cell; read-only unless ``metadata`` says otherwise."""
        self.cells.append(
            {
                "cell_type": "markdown",
                "id": cell_id(self.namespace, key),
                "metadata": nbgrader_metadata(key, locked=True) if metadata is None else metadata,
                "source": _lines(source),
            }
        )

    def code(self, key: str, source: str, metadata: dict[str, Any]) -> None:
        """Add a code cell with no outputs."""
        self.cells.append(
            {
                "cell_type": "code",
                "execution_count": None,
                "id": cell_id(self.namespace, key),
                "metadata": metadata,
                "outputs": [],
                "source": _lines(source),
            }
        )

    def document(self) -> dict[str, Any]:
        """The notebook as a JSON-ready nbformat 4.5 document with a Python 3 kernel."""
        return {
            "cells": self.cells,
            "metadata": {
                "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
                "language_info": {"name": "python"},
            },
            "nbformat": 4,
            "nbformat_minor": 5,
        }


def serialize(document: dict[str, Any]) -> bytes:
    """A notebook file as nbformat writes it (sorted keys, one-space indent), so exports are byte-identical."""
    return (json.dumps(document, sort_keys=True, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def intro_markdown(bank: Bank, selected: list[Question], mode: str) -> str:
    """The introduction: what the quiz holds and how to answer each item type in it."""
    total = sum(question.item.points for question in selected)
    kinds = [kind for kind in ANSWER_FORMS if any(question.item.type == kind for question in selected)]
    lines = [
        f"# Quiz: {markdown_text(bank.title or bank.module)}",
        "",
        f"{len(selected)} questions, {points_label(total)} in all ({mode} items of the `{bank.module}` quiz bank).",
        "",
        "Run the next cell first. Then, for each question, set the `answer_...` variable in the cell under it and run the check",
        "cell that follows: it tells you whether your answer has the right form, not whether it is right. Your answers are scored",
        "when you submit. If a cell contains `raise NotImplementedError()`, delete that line.",
        "",
        "How to answer:",
        "",
    ]
    lines += [f"- {ANSWER_LABELS[kind]}: {ANSWER_FORMS[kind]}." for kind in kinds]
    return "\n".join(lines)


def notebook(bank: Bank, selected: list[Question], mode: str) -> dict[str, Any]:
    """The source notebook as a JSON-ready nbformat 4.5 document."""
    module = bank.module
    book = NotebookCells(module)
    book.markdown(f"{module}-intro", intro_markdown(bank, selected, mode))
    book.code(f"{module}-scorer", SCORER_SOURCE, nbgrader_metadata(f"{module}-scorer", locked=True))
    shown_vignette = None
    for number, question in enumerate(selected, start=1):
        item = question.item
        vignette = question.vignette
        if vignette is not None and vignette.id != shown_vignette:
            book.markdown(f"{vignette.id}-scenario", f"## {markdown_text(vignette.title)}\n\n{markdown_text(vignette.scenario)}")
        shown_vignette = vignette.id if vignette is not None else None
        book.markdown(f"{item.id}-question", question_markdown(number, question))
        book.code(f"{item.id}-answer", answer_source(item), nbgrader_metadata(f"{item.id}-answer", solution=True))
        book.code(f"{item.id}-test", test_source(item), nbgrader_metadata(f"{item.id}-test", grade=True, locked=True, points=item.points))
    return book.document()


def render(bank: Bank, selected: list[Question], mode: str) -> bytes:
    """The notebook file, serialized as nbformat does (sorted keys, one-space indent)."""
    return serialize(notebook(bank, selected, mode))
