"""Render the curriculum's data-driven blocks as Markdown, for any Markdown-based site generator.

Links are written relative to the docs root (``/modules/x/index.md``); the site resolves them
(MkDocs: ``validation.links.absolute_links: relative_to_docs``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from peer_curriculum.quiz.bank import questions
from peer_curriculum.quiz.models import Bank, Matching, MultipleSelect, Ordering, ShortAnswer, SingleChoice, TrueFalse
from peer_curriculum.quiz.site import render_quiz
from peer_curriculum.scenario.site import render_scenario
from peer_curriculum.templating import MARKDOWN_TEMPLATES, escape_markdown, format_hours
from peer_curriculum.vocab import ICRC_DOMAINS, NOTE_STYLES, SAMHSA_CATEGORIES, TRAINER_ONLY_BLOCKS

if TYPE_CHECKING:
    from peer_curriculum.blocks import Block
    from peer_curriculum.loader import Curriculum, Module
    from peer_curriculum.scenario.notebook import Scenario


class BlockError(ValueError):
    """A block cannot be rendered: unknown name, missing argument or unknown id."""


def module_href(module_id: str) -> str:
    """Docs-root link to a module's overview page."""
    return f"/modules/{module_id}/index.md"


def term_anchor(term: str) -> str:
    """Anchor id of a glossary term."""
    return "term-" + re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")


@dataclass(frozen=True)
class ModuleSummary:
    """What listings need to know about a module."""

    id: str
    title: str
    summary: str
    status: str
    href: str
    self_study: float
    workshop: float

    @property
    def hours_text(self) -> str:
        """Hours in words."""
        return f"{format_hours(self.self_study)} h self-study, {format_hours(self.workshop)} h workshop"


def summarize(module: Module) -> ModuleSummary:
    """Summarize a module for listings."""
    meta = module.meta
    return ModuleSummary(meta.id, meta.title, meta.summary, meta.status, module_href(meta.id), meta.self_study_hours, meta.workshop_hours)


def ordered_modules(curriculum: Curriculum) -> list[Module]:
    """Modules in curriculum order: the first track's order, then any others by id."""
    order: list[str] = []
    for track in curriculum.tracks.tracks if curriculum.tracks else []:
        order.extend(module_id for module_id in track.modules if module_id not in order)
    rank = {module_id: index for index, module_id in enumerate(order)}
    return sorted(curriculum.modules, key=lambda module: (rank.get(module.id, len(rank)), module.id))


def render_objectives(curriculum: Curriculum, module_id: str) -> str:
    """Markdown list of a module's objectives with links to their competencies."""
    module = _module_or_error(curriculum, module_id, "objectives")
    titles = {c.id: c.title for c in curriculum.framework.competencies} if curriculum.framework else {}
    return MARKDOWN_TEMPLATES.get_template("objectives.md.jinja").render(module=module.meta, competency_titles=titles)


STATUS_TEXT = {
    "planned": "Coming soon: planned, not yet written",
    "draft": "Draft: being written; some lessons, quizzes or role-plays are not ready yet",
    "published": "Published",
}


def _module_or_error(curriculum: Curriculum, module_id: str, block: str) -> Module:
    module = curriculum.module(module_id)
    if module is None:
        msg = f"unknown module `{module_id}` in `::: {block}`"
        raise BlockError(msg)
    return module


def render_module_facts(curriculum: Curriculum, module_id: str) -> str:
    """Markdown fact table of a module: status, hours, prerequisites and content notes."""
    module = _module_or_error(curriculum, module_id, "module-facts")
    prerequisites = [summarize(m) for m in (curriculum.module(i) for i in module.meta.prerequisites) if m is not None]
    return MARKDOWN_TEMPLATES.get_template("module_facts.md.jinja").render(
        module=module.meta, prerequisites=prerequisites, status_text=STATUS_TEXT[module.meta.status]
    )


def render_lessons(curriculum: Curriculum, module_id: str) -> str:
    """Markdown list of a module's lessons, in order, linked by title."""
    module = _module_or_error(curriculum, module_id, "lessons")
    lessons = [
        {"title": (lesson.meta.title if lesson.meta and lesson.meta.title else lesson.site_path), "href": "/" + lesson.site_path}
        for lesson in module.lessons
    ]
    return MARKDOWN_TEMPLATES.get_template("lessons.md.jinja").render(lessons=lessons)


def _bank_or_error(curriculum: Curriculum, module_id: str) -> Bank:
    loaded = next((loaded for loaded in curriculum.banks if loaded.bank.module == module_id), None)
    if loaded is None:
        msg = f"no quiz bank for module `{module_id}`; create quizzes/{module_id}.yml"
        raise BlockError(msg)
    return loaded.bank


def render_practice_quiz(curriculum: Curriculum, module_id: str) -> str:
    """HTML of a module's practice quiz (assessment items are never rendered)."""
    return render_quiz(_bank_or_error(curriculum, module_id))


def _key_lines(item: Any) -> list[str]:
    """The answer key of one item as Markdown list lines: every option with its verdict and feedback."""
    md = escape_markdown
    if isinstance(item, SingleChoice | MultipleSelect):
        right = {item.correct_id} if isinstance(item, SingleChoice) else set(item.answer)
        return [
            f"**{'Correct' if option.id in right else 'Incorrect'}** ({option.id}): {md(option.text)}: {md(option.feedback)}"
            for option in item.options
        ]
    if isinstance(item, Ordering):
        by_id = {option.id: option for option in item.options}
        return [f"**{place}.** {md(by_id[i].text)}: {md(by_id[i].feedback)}" for place, i in enumerate(item.answer, start=1)]
    if isinstance(item, TrueFalse):
        return [
            f"**Answer: {'True' if item.answer else 'False'}**",
            f"If they answer True: {md(item.feedback.true)}",
            f"If they answer False: {md(item.feedback.false)}",
        ]
    if isinstance(item, Matching):
        lines = [f"{md(pair.prompt)} → **{md(pair.answer)}**: {md(pair.feedback)}" for pair in item.pairs]
        if item.distractors:
            lines.append(f"Distractors: {md(', '.join(item.distractors))}")
        return lines
    if isinstance(item, ShortAnswer):
        return [
            f"**Accepted:** {md('; '.join(item.accepted))} (case, spacing and end punctuation ignored)",
            f"If right: {md(item.feedback.correct)}",
            f"If wrong: {md(item.feedback.incorrect)}",
        ]
    return []


def render_assessment_key(curriculum: Curriculum, module_id: str) -> str:
    """Markdown answer key of a module's assessment items, for the trainer edition only."""
    views = [
        {"id": q.id, "item": q.item, "vignette": q.vignette, "objectives": q.objectives, "key_lines": _key_lines(q.item)}
        for q in questions(_bank_or_error(curriculum, module_id))
        if q.mode == "assessment"
    ]
    return MARKDOWN_TEMPLATES.get_template("assessment_key.md.jinja").render(questions=views)


def _scenario_or_error(curriculum: Curriculum, scenario_id: str) -> Scenario:
    scenario = next((s for s in curriculum.scenarios if s.meta.id == scenario_id), None)
    if scenario is None:
        msg = f"unknown scenario `{scenario_id}`; use the id of a notebook under scenarios/"
        raise BlockError(msg)
    return scenario


def render_scenario_block(curriculum: Curriculum, scenario_id: str, *, with_rubrics: bool = False, with_content_note: bool = True) -> str:
    """A scenario's page body: role cards, conversation player, exercises, reflection and debrief.

    Reflection rubrics are for trainers: only the trainer edition (``with_rubrics``) shows them.
    """
    scenario = _scenario_or_error(curriculum, scenario_id)
    shown = scenario.meta.content_note if with_content_note else None
    note = render_note("content-note", shown, trainer=False) if shown else ""
    return render_scenario(curriculum, scenario, note, with_rubrics=with_rubrics)


def render_glossary(curriculum: Curriculum) -> str:
    """Markdown definition list of every glossary term."""
    if curriculum.glossary is None:
        return ""
    anchors = {term.term: term_anchor(term.term) for term in curriculum.glossary.terms}
    terms = []
    for term in sorted(curriculum.glossary.terms, key=lambda t: t.term.lower()):
        modules = [summarize(m) for m in (curriculum.module(i) for i in term.modules) if m is not None]
        terms.append(
            {
                "term": term.term,
                "anchor": anchors[term.term],
                "definition": term.definition,
                "see_also": [{"term": o, "anchor": anchors[o]} for o in term.see_also if o in anchors],
                "modules": modules,
            }
        )
    return MARKDOWN_TEMPLATES.get_template("glossary.md.jinja").render(terms=terms)


def render_tracks(curriculum: Curriculum) -> str:
    """Markdown for every learning track with its modules and hours."""
    tracks = []
    for track in curriculum.tracks.tracks if curriculum.tracks else []:
        modules = [summarize(m) for m in (curriculum.module(i) for i in track.modules) if m is not None]
        self_study = sum(m.self_study for m in modules)
        workshop = sum(m.workshop for m in modules)
        tracks.append(
            {
                "id": track.id,
                "title": track.title,
                "audience": track.audience,
                "summary": track.summary,
                "modules": modules,
                "self_study": self_study,
                "workshop": workshop,
                "total": self_study + workshop,
            }
        )
    return MARKDOWN_TEMPLATES.get_template("tracks.md.jinja").render(tracks=tracks)


def coverage(curriculum: Curriculum) -> tuple[list[ModuleSummary], dict[int, list[bool]], dict[str, list[bool]]]:
    """Which module covers which SAMHSA category and IC&RC domain, through its objectives' competencies."""
    competencies = {c.id: c for c in curriculum.framework.competencies} if curriculum.framework else {}
    modules = ordered_modules(curriculum)
    samhsa: dict[int, list[bool]] = {number: [] for number in SAMHSA_CATEGORIES}
    icrc: dict[str, list[bool]] = {domain: [] for domain in ICRC_DOMAINS}
    for module in modules:
        covered = [competencies[c] for o in module.meta.objectives for c in o.competencies if c in competencies]
        categories = {number for competency in covered for number in competency.samhsa}
        domains = {domain for competency in covered for domain in competency.icrc}
        for number, cells in samhsa.items():
            cells.append(number in categories)
        for domain, cells in icrc.items():
            cells.append(domain in domains)
    return [summarize(m) for m in modules], samhsa, icrc


def render_coverage(curriculum: Curriculum) -> str:
    """Markdown tables of competency coverage and the competency framework."""
    modules, samhsa, icrc = coverage(curriculum)
    competencies = [
        {
            "id": c.id,
            "title": c.title,
            "description": c.description,
            "samhsa_text": ", ".join(f"{n}. {SAMHSA_CATEGORIES[n]}" for n in c.samhsa),
            "icrc_text": ", ".join(ICRC_DOMAINS[d] for d in c.icrc),
        }
        for c in (curriculum.framework.competencies if curriculum.framework else [])
    ]
    return MARKDOWN_TEMPLATES.get_template("coverage.md.jinja").render(
        modules=modules,
        samhsa_rows=[
            {"number": n, "title": SAMHSA_CATEGORIES[n], "modules": [m for m, covered in zip(modules, cells, strict=True) if covered]}
            for n, cells in samhsa.items()
        ],
        icrc_rows=[
            {"title": ICRC_DOMAINS[d], "modules": [m for m, covered in zip(modules, cells, strict=True) if covered]}
            for d, cells in icrc.items()
        ],
        competencies=competencies,
    )


def render_module_list(curriculum: Curriculum) -> str:
    """Markdown list of every module in curriculum order."""
    return MARKDOWN_TEMPLATES.get_template("modules.md.jinja").render(modules=[summarize(m) for m in ordered_modules(curriculum)])


def render_crisis_lines(curriculum: Curriculum) -> str:
    """The configured country's emergency number and crisis lines (``curriculum/crisis-lines.yml``)."""
    lines = curriculum.crisis_lines
    country = lines.configured() if lines else None
    if lines is None or country is None:
        msg = "no crisis lines for the configured country; set `country:` in curriculum/crisis-lines.yml to one of its country ids"
        raise BlockError(msg)
    checked = min(entry.last_verified for entry in country.entries).isoformat()
    return MARKDOWN_TEMPLATES.get_template("crisis_lines.md.jinja").render(country=country, checked=checked)


def render_note(kind: str, body: str, *, trainer: bool) -> str:
    """Wrap a note block's Markdown body in a labelled container."""
    label, icon = NOTE_STYLES[kind]
    return MARKDOWN_TEMPLATES.get_template("note.md.jinja").render(kind=kind, label=label, icon=icon, body=body, trainer=trainer)


HEAVY_BLOCKS = frozenset({"quiz", "assessment-key", "scenario"})
"""Blocks that render a whole bank or scenario: checked for their target, not rendered, by ``check``."""


def validate_block(curriculum: Curriculum, block: Block) -> None:
    """Check a block's name and arguments without rendering it (heavy blocks are only looked up).

    Raises:
        BlockError: What is wrong with the block.
    """
    if block.name not in HEAVY_BLOCKS:
        for edition in ("learner", "trainer"):
            render_block(curriculum, block, edition)
        return
    if len(block.args) != 1:
        msg = f"`::: {block.name}` needs one id, like `::: {block.name} active-listening`"
        raise BlockError(msg)
    if block.name == "scenario":
        _scenario_or_error(curriculum, block.args[0])
    else:
        _bank_or_error(curriculum, block.args[0])


def render_block(curriculum: Curriculum, block: Block, edition: str, *, page_has_content_note: bool = False) -> str:
    """Render one block for an edition; trainer-only blocks vanish from the learner edition.

    A scenario leaves out its own content note when the page has already given one
    (``page_has_content_note``), so the reader is not warned twice.

    Raises:
        BlockError: The block's name or arguments are wrong.
    """
    if block.name in TRAINER_ONLY_BLOCKS and edition != "trainer":
        return ""
    body = "\n".join(block.body)
    if block.name in NOTE_STYLES:
        return render_note(block.name, body, trainer=block.name in TRAINER_ONLY_BLOCKS)
    per_module: dict[str, Callable[[Curriculum, str], str]] = {
        "objectives": render_objectives,
        "module-facts": render_module_facts,
        "lessons": render_lessons,
        "quiz": render_practice_quiz,
        "assessment-key": render_assessment_key,
        "scenario": lambda c, scenario_id: render_scenario_block(
            c, scenario_id, with_rubrics=edition == "trainer", with_content_note=not page_has_content_note
        ),
    }
    if block.name in per_module:
        if len(block.args) != 1:
            msg = f"`::: {block.name}` needs one module id, like `::: {block.name} active-listening`"
            raise BlockError(msg)
        return per_module[block.name](curriculum, block.args[0])
    simple = {
        "glossary": render_glossary,
        "tracks": render_tracks,
        "coverage": render_coverage,
        "modules": render_module_list,
        "crisis-lines": render_crisis_lines,
    }
    if block.name in simple:
        return simple[block.name](curriculum)
    msg = f"unknown block `::: {block.name}`; known blocks: {', '.join(sorted([*NOTE_STYLES, *per_module, *simple]))}"
    raise BlockError(msg)
