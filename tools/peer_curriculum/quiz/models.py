"""The quiz bank format: one YAML file per module feeds the site, the grader and every export.

A bank (``quizzes/<module-id>.yml``)::

    module: active-listening
    pass_mark: 0.8
    shuffle_items: true
    shuffle_options: true
    pools:
      - {id: warm-up, draw: 3, items: [al-q-open-1, al-q-open-2, al-q-open-3, al-q-open-4]}
    items:
      - id: al-q-open-1
        type: single
        mode: practice
        difficulty: easy
        objectives: [al-open-questions]
        stem: Which of these is an open question?
        options:
          - {id: a, text: "Did you sleep?", feedback: "Closed: yes or no."}
          - {id: b, text: "How have your nights been?", feedback: "Open: it invites a story."}
        answer: b
        explanation: Open questions invite the person to tell their story.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from peer_curriculum.models import NonEmpty, Slug

ItemType = Literal["single", "multiple", "true-false", "ordering", "matching", "short-answer", "vignette"]
Mode = Literal["practice", "assessment"]
Difficulty = Literal["easy", "medium", "hard"]

OptionId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=30)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Option(_Strict):
    """An answer option of a single, multiple-select or ordering item."""

    id: OptionId
    """Stable within the item (``a``, ``b``...); answers and responses name options by id, so shuffling is safe."""
    text: NonEmpty
    feedback: NonEmpty
    """Why choosing this option is right or wrong (for ordering: why it sits where it does)."""


class Pair(_Strict):
    """One prompt of a matching item and the answer it matches."""

    id: OptionId
    prompt: NonEmpty
    answer: NonEmpty
    feedback: NonEmpty
    """Why this prompt matches this answer."""


class TrueFalseFeedback(_Strict):
    """Feedback for each answer of a true/false item."""

    true: NonEmpty
    false: NonEmpty


class ShortAnswerFeedback(_Strict):
    """Feedback for a right and a wrong short answer."""

    correct: NonEmpty
    incorrect: NonEmpty


class _ItemBase(_Strict):
    id: Slug
    """Stable, bank-wide unique id; responses, grades and exports refer to it."""
    stem: NonEmpty
    """The question. Plain text (Markdown emphasis allowed); never interpreted as HTML."""
    explanation: NonEmpty
    """Shown after answering, whatever the answer."""
    objectives: list[Slug] = Field(default_factory=list)
    """Learning-objective ids the item assesses (a vignette's parts may inherit the vignette's)."""
    difficulty: Difficulty = "medium"
    mode: Mode = "practice"
    """``practice`` (on the site) or ``assessment`` (only in graded exports); vignette parts take the vignette's."""
    points: float = Field(default=1, gt=0)


def _unknown_options(item_id: str, answer: list[str], options: list[Option]) -> None:
    known = {option.id for option in options}
    missing = [option_id for option_id in answer if option_id not in known]
    if missing:
        msg = f"answer names option(s) {', '.join(missing)} that item `{item_id}` does not have; options are {', '.join(sorted(known))}"
        raise PydanticCustomError("unknown_option", msg, {"field": "answer"})


def _unique_options(options: list[Option]) -> None:
    ids = [option.id for option in options]
    repeated = sorted({option_id for option_id in ids if ids.count(option_id) > 1})
    if repeated:
        msg = f"option id(s) {', '.join(repeated)} used more than once; give each option its own id"
        raise PydanticCustomError("duplicate_option", msg, {"field": "options"})


class SingleChoice(_ItemBase):
    """Exactly one right option."""

    type: Literal["single"]
    options: list[Option] = Field(min_length=2)
    answer: OptionId | list[OptionId]
    """The id of the one right option."""

    @model_validator(mode="after")
    def _one_known_answer(self) -> SingleChoice:
        _unique_options(self.options)
        answer = self.answer if isinstance(self.answer, list) else [self.answer]
        if len(answer) != 1:
            msg = f"a single-choice item has exactly one correct option, but its answer names {len(answer)}; use type `multiple`"
            raise PydanticCustomError("single_answer", msg, {"field": "answer"})
        _unknown_options(self.id, answer, self.options)
        return self

    @property
    def correct_id(self) -> str:
        """The right option's id."""
        return self.answer[0] if isinstance(self.answer, list) else self.answer


class MultipleSelect(_ItemBase):
    """One or more right options; partial credit."""

    type: Literal["multiple"]
    options: list[Option] = Field(min_length=3)
    answer: list[OptionId] = Field(min_length=1)
    """The ids of every right option."""

    @model_validator(mode="after")
    def _known_answers(self) -> MultipleSelect:
        _unique_options(self.options)
        _unknown_options(self.id, self.answer, self.options)
        if len(set(self.answer)) != len(self.answer):
            msg = "answer names an option twice"
            raise PydanticCustomError("repeated_answer", msg, {"field": "answer"})
        return self


class TrueFalse(_ItemBase):
    """A statement that is true or false."""

    type: Literal["true-false"]
    answer: bool
    feedback: TrueFalseFeedback


class Ordering(_ItemBase):
    """Put the options in order."""

    type: Literal["ordering"]
    options: list[Option] = Field(min_length=3)
    answer: list[OptionId]
    """Every option id, in the right order."""

    @model_validator(mode="after")
    def _answer_is_an_order(self) -> Ordering:
        _unique_options(self.options)
        _unknown_options(self.id, self.answer, self.options)
        if sorted(self.answer) != sorted(option.id for option in self.options):
            msg = "an ordering answer must list every option id exactly once"
            raise PydanticCustomError("ordering_answer", msg, {"field": "answer"})
        return self


class Matching(_ItemBase):
    """Match each prompt to its answer; ``distractors`` are extra answers that match nothing."""

    type: Literal["matching"]
    pairs: list[Pair] = Field(min_length=2)
    distractors: list[NonEmpty] = Field(default_factory=list)

    @model_validator(mode="after")
    def _distinct(self) -> Matching:
        ids = [pair.id for pair in self.pairs]
        answers = [pair.answer for pair in self.pairs] + list(self.distractors)
        if len(set(ids)) != len(ids):
            msg = "pair ids must be unique within the item"
            raise ValueError(msg)
        if len(set(answers)) != len(answers):
            msg = "every answer (and distractor) must be different, or a learner cannot tell them apart"
            raise ValueError(msg)
        return self


class ShortAnswer(_ItemBase):
    """A typed answer, compared ignoring case, spacing and end punctuation."""

    type: Literal["short-answer"]
    accepted: list[NonEmpty] = Field(min_length=1)
    feedback: ShortAnswerFeedback


PartItem = Annotated[SingleChoice | MultipleSelect | TrueFalse | Ordering | Matching | ShortAnswer, Field(discriminator="type")]


class Vignette(_Strict):
    """A short scenario followed by several items about it."""

    type: Literal["vignette"]
    id: Slug
    title: NonEmpty
    scenario: NonEmpty
    """The situation, in a few sentences."""
    objectives: list[Slug] = Field(default_factory=list)
    """Objectives every part assesses unless the part names its own."""
    difficulty: Difficulty = "medium"
    mode: Mode = "practice"
    items: list[PartItem] = Field(min_length=1)

    @model_validator(mode="after")
    def _parts_share_mode(self) -> Vignette:
        for part in self.items:
            if "mode" in part.model_fields_set and part.mode != self.mode:
                msg = f"part `{part.id}` sets mode `{part.mode}` but its vignette is `{self.mode}`; set mode on the vignette only"
                raise ValueError(msg)
        return self


Item = Annotated[SingleChoice | MultipleSelect | TrueFalse | Ordering | Matching | ShortAnswer | Vignette, Field(discriminator="type")]


class Pool(_Strict):
    """Draw ``draw`` items at random from ``items`` each attempt."""

    id: Slug
    draw: int = Field(gt=0)
    items: list[Slug] = Field(min_length=1)


class Bank(_Strict):
    """A module's quiz bank."""

    module: Slug
    """The module the bank belongs to; the file is ``quizzes/<module>.yml``."""
    title: str = ""
    pass_mark: float = Field(default=0.8, gt=0, le=1)
    """Share of the available points needed to pass."""
    shuffle_items: bool = True
    shuffle_options: bool = True
    pools: list[Pool] = Field(default_factory=list)
    items: list[Item] = Field(min_length=1)
