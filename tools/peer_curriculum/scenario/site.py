"""Render a scenario page: facts, role cards, the conversation player, exercises, reflection and debrief."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, cast

import jinja2
from markupsafe import Markup

from peer_curriculum.quiz.models import Bank
from peer_curriculum.quiz.site import inline_html, render_quiz
from peer_curriculum.scenario.notebook import SCENARIOS_DIR, Scenario
from peer_curriculum.templating import MARKDOWN_TEMPLATES
from peer_curriculum.vocab import NOTE_STYLES

if TYPE_CHECKING:
    from peer_curriculum.loader import Curriculum


def notebook_site_path(scenario: Scenario) -> str:
    """Where the downloadable notebook sits in the site."""
    return f"{SCENARIOS_DIR}/{scenario.meta.module}/{scenario.meta.id}.ipynb"


def _player_html(scenario: Scenario, competency_titles: dict[str, str]) -> str:
    dialogue = scenario.dialogue
    payload = {
        "version": 1,
        "id": scenario.meta.id,
        "title": scenario.meta.title,
        "person": scenario.roles.person.name,
        "opening": inline_html(scenario.roles.person.opening_line),
        "start": dialogue.start,
        "competencies": {c: competency_titles.get(c, c) for n in dialogue.nodes for ch in n.choices for c in ch.competencies},
        "nodes": {
            node.id: {
                "prompt": inline_html(node.prompt) if node.prompt else "",
                "ending": node.ending,
                "debrief": inline_html(node.debrief) if node.debrief else "",
                "choices": [
                    {
                        "id": choice.id,
                        "say": inline_html(choice.say),
                        "reply": inline_html(choice.reply),
                        "feedback": inline_html(choice.feedback),
                        "quality": choice.quality,
                        "competencies": list(choice.competencies),
                        "next": choice.next,
                    }
                    for choice in node.choices
                ],
            }
            for node in dialogue.nodes
        },
    }
    data = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).replace("<", "\\u003c")
    title = jinja2.utils.markupsafe.escape(scenario.meta.title)
    return (
        f'<div class="peer-scenario" id="scenario-{scenario.meta.id}" data-peer-scenario="{scenario.meta.id}" aria-label="Conversation: {title}">\n'
        "<noscript><p>Playing the conversation needs JavaScript. You can use the role cards above with a partner instead.</p></noscript>\n"
        f'<script type="application/json" class="peer-scenario__data">{data}</script>\n'
        "</div>"
    )


def render_scenario(curriculum: Curriculum, scenario: Scenario, content_note: str, *, with_rubrics: bool = False) -> str:
    """Markdown (with raw HTML for the interactive parts) of a scenario's page body; rubrics only ``with_rubrics``."""
    titles = {c.id: c.title for c in curriculum.framework.competencies} if curriculum.framework else {}
    objective_texts = {o.id: o.text for m in curriculum.modules for o in m.meta.objectives}
    exercises = Bank(
        module=f"scenario-{scenario.meta.id}", title=f"Exercises: {scenario.meta.title}", items=cast("list[Any]", scenario.exercises)
    )
    reflections = []
    for reflection in scenario.reflections:
        points = sorted({level.points for criterion in reflection.rubric for level in criterion.levels})
        rows = []
        for criterion in reflection.rubric:
            by_points = {level.points: level.description for level in criterion.levels}
            rows.append({"criterion": criterion.criterion, "cells": [by_points.get(p, "") for p in points]})
        reflections.append({"prompt": reflection.prompt, "header": [f"{p:g} points" for p in points], "rows": rows})
    return MARKDOWN_TEMPLATES.get_template("scenario.md.jinja").render(
        meta=scenario.meta,
        objectives=[objective_texts.get(o, o) for o in scenario.meta.objectives],
        objective_texts=objective_texts,
        content_note=content_note,
        roles=scenario.roles,
        player_html=Markup(_player_html(scenario, titles)),  # noqa: S704 - built from escaped inline_html
        exercises_html=render_quiz(exercises),
        reflections=reflections,
        with_rubrics=with_rubrics,
        trainer_note_icon=NOTE_STYLES["trainer-note"][1],
        debrief=scenario.debrief,
        notebook_href="/" + notebook_site_path(scenario),
    )
