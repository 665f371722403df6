"""Scoring rules, shared by the grader, the exports' reference answers and the tests.

Every item scores a fraction between 0 and 1 of its points:

- ``single`` and ``true-false``: 1 for the right answer, else 0.
- ``multiple``: (right options chosen - wrong options chosen) / number of right options, never below 0.
- ``ordering``: the share of options placed in their right position.
- ``matching``: the share of prompts matched to their right answer.
- ``short-answer``: 1 if the answer equals an accepted answer, ignoring case, spacing and
  surrounding punctuation; else 0.
- No answer (or an answer of the wrong shape) scores 0.

Scorers are compiled once per item, so grading is a dictionary lookup and a comparison per response.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from typing import Any

from peer_curriculum.quiz.models import Matching, MultipleSelect, Ordering, PartItem, ShortAnswer, SingleChoice, TrueFalse

Scorer = Callable[[Any], float]

_SPACES = re.compile(r"\s+")
_EDGE_PUNCTUATION = string.punctuation + "“”‘’…"


def normalize_text(text: str) -> str:
    """Fold case and spacing and drop surrounding punctuation, for comparing typed answers."""
    return _SPACES.sub(" ", text.casefold()).strip().strip(_EDGE_PUNCTUATION).strip()


def compile_scorer(item: PartItem) -> Scorer:
    """Return a function that maps a learner's response for ``item`` to a fraction in [0, 1]."""
    if isinstance(item, SingleChoice):
        key = item.correct_id
        return lambda response: 1.0 if response == key else 0.0
    if isinstance(item, TrueFalse):
        truth = item.answer
        spelled = "true" if truth else "false"

        def true_false(response: Any) -> float:
            if isinstance(response, bool):
                return 1.0 if response is truth else 0.0
            return 1.0 if isinstance(response, str) and response.strip().lower() == spelled else 0.0

        return true_false
    if isinstance(item, MultipleSelect):
        right = frozenset(item.answer)
        known = frozenset(option.id for option in item.options)
        size = len(right)

        def multiple(response: Any) -> float:
            if not isinstance(response, list | tuple):
                return 0.0
            chosen = {choice for choice in response if choice in known}
            return max(0.0, (len(chosen & right) - len(chosen - right)) / size)

        return multiple
    if isinstance(item, Ordering):
        order = tuple(item.answer)
        length = len(order)

        def ordering(response: Any) -> float:
            if not isinstance(response, list | tuple):
                return 0.0
            return sum(1 for given, wanted in zip(response, order, strict=False) if given == wanted) / length

        return ordering
    if isinstance(item, Matching):
        pairs = {pair.id: normalize_text(pair.answer) for pair in item.pairs}
        count = len(pairs)

        def matching(response: Any) -> float:
            if not isinstance(response, dict):
                return 0.0
            hits = 0
            for prompt, wanted in pairs.items():
                given = response.get(prompt)
                if isinstance(given, str) and normalize_text(given) == wanted:
                    hits += 1
            return hits / count

        return matching
    if isinstance(item, ShortAnswer):
        accepted = frozenset(normalize_text(answer) for answer in item.accepted)
        return lambda response: 1.0 if isinstance(response, str) and normalize_text(response) in accepted else 0.0
    msg = f"no scorer for item type {type(item).__name__}"
    raise TypeError(msg)


def reference_response(item: PartItem) -> Any:
    """The response that scores full marks: used to build reference submissions and to test scorers."""
    if isinstance(item, SingleChoice):
        return item.correct_id
    if isinstance(item, TrueFalse):
        return item.answer
    if isinstance(item, MultipleSelect | Ordering):
        return list(item.answer)
    if isinstance(item, Matching):
        return {pair.id: pair.answer for pair in item.pairs}
    if isinstance(item, ShortAnswer):
        return item.accepted[0]
    msg = f"no reference response for item type {type(item).__name__}"
    raise TypeError(msg)
