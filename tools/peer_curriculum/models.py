"""The content model: what the YAML data files and page front matter must contain.

These are plain pydantic models with no MkDocs import, so every adapter (site, CLI, grader)
shares one definition of the curriculum.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator

from peer_curriculum.vocab import ICRC_DOMAINS, SAMHSA_CATEGORIES

Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", min_length=2, max_length=60)]
"""A stable identifier: lowercase letters, digits and single hyphens."""

NonEmpty = Annotated[str, Field(min_length=1)]


class _Strict(BaseModel):
    # Unknown keys are almost always typos ("objectivs:"); rejecting them keeps data honest.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Source(_Strict):
    """A public source that facts were taken from."""

    title: NonEmpty
    """Full citation: authors, year, title, publisher or journal."""
    url: HttpUrl | None = None
    """Where a reader can find it."""
    note: str | None = None
    """What was taken from it, or a caution about it."""


class Competency(_Strict):
    """One competency of our framework, cross-walked to SAMHSA and IC&RC."""

    id: Slug
    """Stable identifier used by objectives."""
    title: NonEmpty
    """An observable action in the active voice."""
    description: NonEmpty
    """One or two plain sentences."""
    samhsa: list[int] = Field(min_length=1)
    """SAMHSA core-competency category numbers (1-12)."""
    icrc: list[str] = Field(min_length=1)
    """IC&RC Peer Recovery domain ids."""

    @field_validator("samhsa")
    @classmethod
    def _known_samhsa(cls, value: list[int]) -> list[int]:
        unknown = [number for number in value if number not in SAMHSA_CATEGORIES]
        if unknown:
            msg = f"unknown SAMHSA category {unknown}; use numbers 1 to 12"
            raise ValueError(msg)
        return value

    @field_validator("icrc")
    @classmethod
    def _known_icrc(cls, value: list[str]) -> list[str]:
        unknown = [domain for domain in value if domain not in ICRC_DOMAINS]
        if unknown:
            msg = f"unknown IC&RC domain {unknown}; use one of {', '.join(ICRC_DOMAINS)}"
            raise ValueError(msg)
        return value


class CompetencyFramework(_Strict):
    """``curriculum/competencies.yml``."""

    version: int = 1
    """Bumped when competencies are renamed or removed."""
    sources: list[Source] = []
    """Where the cross-walks come from."""
    competencies: list[Competency] = Field(min_length=1)


class Track(_Strict):
    """A learning path: an ordered list of modules for one audience."""

    id: Slug
    title: NonEmpty
    audience: NonEmpty
    """Who this path is for."""
    summary: NonEmpty
    modules: list[Slug] = Field(min_length=1)
    """Module ids in the order they should be taken."""


class TrackList(_Strict):
    """``curriculum/tracks.yml``."""

    tracks: list[Track] = Field(min_length=1)


class GlossaryTerm(_Strict):
    """One glossary entry."""

    term: NonEmpty
    definition: NonEmpty
    modules: list[Slug] = []
    """Modules where the term is taught."""
    see_also: list[str] = []
    """Other terms, exactly as written in their ``term``."""


class Glossary(_Strict):
    """``curriculum/glossary.yml``."""

    terms: list[GlossaryTerm] = Field(min_length=1)


class Objective(_Strict):
    """A learning objective: what the learner will be able to do."""

    id: Slug
    """Stable, curriculum-wide unique id; quiz items and scenarios refer to it."""
    text: NonEmpty
    """Starts with an observable verb."""
    competencies: list[Slug] = Field(min_length=1)
    """Competency ids this objective builds."""


class ModuleMeta(_Strict):
    """Front matter of ``modules/<id>/index.md``."""

    id: Slug
    """Must equal the folder name."""
    title: NonEmpty
    status: Literal["planned", "draft", "published"] = "draft"
    """Planned modules may have no objectives or lessons yet."""
    summary: NonEmpty
    audience: str = ""
    """Who the module is for."""
    self_study_hours: float = Field(ge=0)
    workshop_hours: float = Field(ge=0)
    prerequisites: list[Slug] = []
    """Module ids to take first."""
    content_notes: list[str] = []
    """Distressing topics the module touches."""
    objectives: list[Objective] = []
    sources: list[Source] = []
    lessons: list[NonEmpty] = []
    """Lesson file names in reading order."""


class PageMeta(BaseModel):
    """Front matter of a lesson or trainer page (other MkDocs keys are allowed)."""

    model_config = ConfigDict(extra="allow", frozen=True, defer_build=True)

    title: NonEmpty | None = None
    objectives: list[Slug] = []
    """Objective ids the page teaches."""
    page_type: Literal["lesson", "quiz", "scenario", "template"] = "lesson"
    """Lessons end with their sources; quiz and scenario pages hold a practice block instead; a
    template is a form or handout that prints on one sheet, without the site around it."""


class CrisisEntry(_Strict):
    """One emergency number or crisis line."""

    kind: Literal["emergency", "crisis-line"]
    """``emergency`` for police, ambulance and fire; ``crisis-line`` for a support line."""
    name: NonEmpty
    """The service's own name."""
    contact: NonEmpty
    """How to reach it, in a short phrase: "Call or text 988", "Chat at 988lifeline.org"."""
    dial: list[Annotated[str, Field(pattern=r"^\+?[0-9][0-9 ]*[0-9]$")]] = []
    """Numbers to offer as call links on phones, written as dialled (digits and spaces)."""
    notes: str | None = None
    """Hours, cost, languages, or a caution for this area."""
    sources: list[Source] = Field(min_length=1)
    """Where the number was checked."""
    last_verified: date
    """When someone last checked the number against its sources (YYYY-MM-DD)."""


class CrisisCountry(_Strict):
    """The emergency numbers and crisis lines of one country or region."""

    id: Slug
    """Short id an organization puts in ``country:``, like ``us`` or ``nz``."""
    name: NonEmpty
    """Shown on the site: "the United States", "New Zealand"."""
    entries: list[CrisisEntry] = Field(min_length=1)

    @field_validator("entries")
    @classmethod
    def _emergency_first(cls, value: list[CrisisEntry]) -> list[CrisisEntry]:
        if value[0].kind != "emergency":
            msg = "the first entry must be the emergency number (kind: emergency), so it is shown first"
            raise ValueError(msg)
        return value


class CrisisLines(_Strict):
    """``curriculum/crisis-lines.yml``: the site's crisis resources, by country."""

    country: Slug
    """The country (an ``id`` below) whose lines the site shows. Organizations change only this."""
    countries: list[CrisisCountry] = Field(min_length=1)

    def configured(self) -> CrisisCountry | None:
        """The entry for the configured ``country``, if there is one."""
        return next((country for country in self.countries if country.id == self.country), None)
