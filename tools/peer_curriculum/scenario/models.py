"""The scenario format, stored in tagged cells of a scenario notebook.

A scenario notebook (``scenarios/<module-id>/<scenario-id>.ipynb``) keeps its structured parts
as YAML strings assigned in code cells, so the notebook runs top to bottom in any kernel and every
output is built from this one source:

- notebook metadata ``peer_scenario``: [ScenarioMeta][];
- a cell tagged ``peer:roles``: [RoleCards][];
- a cell tagged ``peer:dialogue``: [Dialogue][];
- cells tagged ``peer:exercise``: one quiz item each (any type of [peer_curriculum.quiz.models][]);
- cells tagged ``peer:reflection``: [Reflection][];
- a cell tagged ``peer:debrief``: [Debrief][].
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from peer_curriculum.models import NonEmpty, Slug
from peer_curriculum.quiz.models import Difficulty

Quality = Literal["good", "mixed", "poor"]
"""How helpful a supporter's choice is; also the kind of an ending."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class ScenarioMeta(_Strict):
    """Notebook metadata ``peer_scenario``."""

    id: Slug
    """Equals the notebook's file name without ``.ipynb``."""
    module: Slug
    """Equals the folder name under ``scenarios/``."""
    title: NonEmpty
    summary: NonEmpty
    objectives: list[Slug] = Field(min_length=1)
    competencies: list[Slug] = Field(min_length=1)
    minutes: int = Field(gt=0, le=240)
    difficulty: Difficulty
    content_note: str = ""
    """Shown before the scenario starts; empty when the material is not distressing."""


class PersonCard(_Strict):
    """The person seeking support."""

    name: NonEmpty
    background: NonEmpty
    wants: NonEmpty
    """What they want from the conversation (they may not say it)."""
    reactions: NonEmpty
    """How they respond to being listened to, and to roadblocks."""
    opening_line: NonEmpty


class SupporterCard(_Strict):
    """The peer supporter's task."""

    task: NonEmpty
    tips: list[NonEmpty] = Field(default_factory=list)


class ObserverCheck(_Strict):
    """One behaviour for the observer to watch for."""

    behaviour: NonEmpty
    objective: Slug


class RoleCards(_Strict):
    """The three cards of a triad role-play."""

    setting: NonEmpty
    person: PersonCard
    supporter: SupporterCard
    observer: list[ObserverCheck] = Field(min_length=2)


class Choice(_Strict):
    """One thing the peer supporter could say at a decision point."""

    id: Slug
    say: NonEmpty
    """What the supporter says."""
    reply: NonEmpty
    """How the person answers."""
    feedback: NonEmpty
    """Coaching: why this helps or hurts."""
    quality: Quality
    competencies: list[Slug] = Field(min_length=1)
    next: Slug
    """The node this leads to."""


class Node(_Strict):
    """A decision point, or an ending when it has ``ending``."""

    id: Slug
    prompt: str = ""
    """Context before the choice (what is happening now)."""
    choices: list[Choice] = Field(default_factory=list)
    ending: Quality | None = None
    """Set on ending nodes: good, mixed or poor."""
    debrief: str = ""
    """On endings: what happened and what to take from it."""


class Dialogue(_Strict):
    """A branching practice conversation."""

    start: Slug
    nodes: list[Node] = Field(min_length=2)


class RubricLevel(_Strict):
    """One level of a rubric criterion."""

    points: float = Field(ge=0)
    description: NonEmpty


class RubricCriterion(_Strict):
    """One criterion of a reflection rubric."""

    criterion: NonEmpty
    levels: list[RubricLevel] = Field(min_length=2)


class Reflection(_Strict):
    """A written reflection graded by a trainer."""

    id: Slug
    prompt: NonEmpty
    rubric: list[RubricCriterion] = Field(min_length=1)
    objectives: list[Slug] = Field(min_length=1)

    @property
    def points(self) -> float:
        """Maximum points: the top level of every criterion."""
        return sum(max(level.points for level in criterion.levels) for criterion in self.rubric)


class Debrief(_Strict):
    """Questions for the group after the role-play."""

    questions: list[NonEmpty] = Field(min_length=2)
