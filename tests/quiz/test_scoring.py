"""Do the scorers follow the documented rules?"""

from __future__ import annotations

import pytest

from peer_curriculum.quiz.bank import questions
from peer_curriculum.quiz.models import Bank
from peer_curriculum.quiz.scoring import compile_scorer, normalize_text, reference_response


def scorer(bank: Bank, item_id: str):
    return compile_scorer(next(q.item for q in questions(bank) if q.id == item_id))


def test_reference_responses_score_full_marks(sample_bank: Bank) -> None:
    for question in questions(sample_bank):
        assert compile_scorer(question.item)(reference_response(question.item)) == 1.0, question.id


@pytest.mark.parametrize(("response", "expected"), [("b", 1.0), ("a", 0.0), (None, 0.0), (["b"], 0.0), ("z", 0.0)])
def test_single(sample_bank: Bank, response: object, expected: float) -> None:
    assert scorer(sample_bank, "s-single")(response) == expected


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        (["a", "c"], 1.0),
        (["a"], 0.5),
        (["a", "b"], 0.0),
        (["a", "c", "d"], 0.5),
        (["b", "d"], 0.0),
        ([], 0.0),
        ("a", 0.0),
        (["a", "zz"], 0.5),
    ],
)
def test_multiple_right_minus_wrong_never_below_zero(sample_bank: Bank, response: object, expected: float) -> None:
    assert scorer(sample_bank, "s-multiple")(response) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("response", "expected"),
    [(["gather", "link", "check"], 1.0), (["gather", "check", "link"], 1 / 3), (["check", "gather", "link"], 0.0), (["gather"], 1 / 3)],
)
def test_ordering_share_in_right_position(sample_bank: Bank, response: object, expected: float) -> None:
    assert scorer(sample_bank, "s-ordering")(response) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        ({"p1": "Open question", "p2": "Reflection"}, 1.0),
        ({"p1": " open  QUESTION ", "p2": "Roadblock"}, 0.5),
        ({"p1": "Reflection", "p2": "Open question"}, 0.0),
        ({}, 0.0),
        (["Open question"], 0.0),
    ],
)
def test_matching_share_of_prompts(sample_bank: Bank, response: object, expected: float) -> None:
    assert scorer(sample_bank, "s-matching")(response) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("response", "expected"),
    [("reflection", 1.0), ("  Reflective   Listening. ", 1.0), ("REFLECTION!", 1.0), ("a reflection", 0.0), ("", 0.0), (3, 0.0)],
)
def test_short_answer_ignores_case_spacing_and_edge_punctuation(sample_bank: Bank, response: object, expected: float) -> None:
    assert scorer(sample_bank, "s-short")(response) == expected


@pytest.mark.parametrize(("response", "expected"), [(True, 1.0), ("true", 1.0), (False, 0.0), (1, 0.0), ("yes", 0.0)])
def test_true_false(sample_bank: Bank, response: object, expected: float) -> None:
    assert scorer(sample_bank, "s-true-false")(response) == expected


def test_normalize_text() -> None:
    assert normalize_text("  “Open   Question”! ") == "open question"
