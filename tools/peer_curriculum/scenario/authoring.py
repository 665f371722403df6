"""Lay out a scenario notebook in the standard order, from its parts.

Used by ``peer-curriculum new-scenario`` (with placeholders) and by authors' scripts. After that
the notebook itself is the source: edit its cells in Jupyter or any editor.
"""

from __future__ import annotations

from typing import Any

import nbformat
import yaml
from nbformat import NotebookNode

from peer_curriculum.scenario.notebook import (
    METADATA_KEY,
    TAG_DEBRIEF,
    TAG_DIALOGUE,
    TAG_EXERCISE,
    TAG_REFLECTION,
    TAG_ROLES,
)

TAG_SETUP = "peer:setup"
TAG_ANSWER = "peer:answer"
TAG_REFLECTION_ANSWER = "peer:reflection-answer"

ANSWER_HINTS = {
    "single": 'the id of one option, in quotes, for example "b"',
    "multiple": 'a list of option ids, for example ["a", "c"]',
    "true-false": "True or False",
    "ordering": 'a list of every option id in order, for example ["c", "a", "b"]',
    "matching": 'a dictionary from each prompt id to the answer text, for example {"p1": "Reflection"}',
    "short-answer": 'a short text in quotes, for example "reflection"',
}
"""How a learner writes an answer of each exercise type in Python."""

SETUP_SOURCE = """\
# Run this cell first. It loads the helpers that play the scenario inside Jupyter.
try:
    from peer_curriculum.scenario.jupyter import check, play, show_debrief, show_roles
except ImportError:  # the curriculum's package is not installed in this kernel
    check = play = show_debrief = show_roles = None
    print("To play here, install the package: pip install peer-support-curriculum. Or play on the website.")
"""


def _yaml_cell(variable: str, yaml_text: str, then: str, tag: str) -> NotebookNode:
    body = yaml_text.strip("\n").replace('"""', '\\"\\"\\"')
    source = f'{variable} = """\n{body}\n"""\n{then}'
    return nbformat.v4.new_code_cell(source, metadata={"tags": [tag]})


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def new_notebook(
    meta: dict[str, Any],
    intro: str,
    roles: str,
    dialogue: str,
    exercises: list[str],
    reflections: list[str],
    debrief: str,
) -> NotebookNode:
    """Build a scenario notebook; every structured part is a YAML string.

    Arguments:
        meta: The ``peer_scenario`` metadata (see [ScenarioMeta][peer_curriculum.scenario.models.ScenarioMeta]).
        intro: Markdown for the first cell; it must start with ``# <title>``.
        roles: YAML of the role cards.
        dialogue: YAML of the branching conversation.
        exercises: YAML of each auto-graded exercise (a quiz item).
        reflections: YAML of each written reflection with its rubric.
        debrief: YAML of the group debrief questions.
    """
    cells = [
        nbformat.v4.new_markdown_cell(intro.strip()),
        nbformat.v4.new_code_cell(SETUP_SOURCE, metadata={"tags": [TAG_SETUP]}),
        nbformat.v4.new_markdown_cell(
            "## Role cards\n\nFor practice in threes: the person seeking support, the peer supporter and the observer."
        ),
        _yaml_cell("roles", roles, "if show_roles:\n    show_roles(roles)", TAG_ROLES),
        nbformat.v4.new_markdown_cell(
            "## Practice the conversation\n\nRun the next cell. At each step, type the number of what you would say."
        ),
        _yaml_cell("dialogue", dialogue, "if play:\n    play(dialogue)", TAG_DIALOGUE),
        nbformat.v4.new_markdown_cell("## Exercises\n\nRead each exercise, set your answer in the cell below it, and run both cells."),
    ]
    for number, exercise in enumerate(exercises, start=1):
        item = yaml.safe_load(exercise)
        cells.append(_yaml_cell(f"exercise_{number}", exercise, "", TAG_EXERCISE))
        hint = ANSWER_HINTS.get(str(item.get("type")), "your answer")
        cells.append(
            nbformat.v4.new_code_cell(
                f"# Your answer to exercise {number}: {hint}.\nanswer_{number} = None\n\nif check:\n    check(exercise_{number}, answer_{number})",
                metadata={"tags": [TAG_ANSWER]},
            )
        )
    for number, reflection in enumerate(reflections, start=1):
        data = yaml.safe_load(reflection)
        cells.append(nbformat.v4.new_markdown_cell(f"## Reflection {number}\n\n{data['prompt']}"))
        cells.append(_yaml_cell(f"reflection_{number}", reflection, "", TAG_REFLECTION))
        cells.append(
            nbformat.v4.new_markdown_cell(
                "*Write your reflection here. It stays in this notebook: nothing is sent anywhere.*",
                metadata={"tags": [TAG_REFLECTION_ANSWER]},
            )
        )
    cells.append(nbformat.v4.new_markdown_cell("## Debrief\n\nQuestions to talk about as a group after the role-play."))
    cells.append(_yaml_cell("debrief", debrief, "if show_debrief:\n    show_debrief(debrief)", TAG_DEBRIEF))
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.metadata["language_info"] = {"name": "python"}
    notebook.metadata[METADATA_KEY] = meta
    # Stable cell ids: derived from position, so rewriting a notebook does not churn its file.
    for index, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{index:02d}"
    return notebook


def write_notebook(notebook: NotebookNode, path: Any) -> None:
    """Validate and write a notebook the way Jupyter does (one source line per JSON line)."""
    nbformat.validate(notebook)
    nbformat.write(notebook, str(path))


def placeholder_parts(module: str, scenario_id: str) -> dict[str, Any]:
    """Minimal valid parts for a new scenario, to be replaced by the author."""
    return {
        "meta": {
            "id": scenario_id,
            "module": module,
            "title": "Title of the scenario",
            "summary": "One sentence on who the person is and what the learner practices.",
            "objectives": ["replace-with-objective-id"],
            "competencies": ["listen-with-attention"],
            "minutes": 20,
            "difficulty": "easy",
            "content_note": "",
        },
        "intro": "# Title of the scenario\n\nWho this is, what you will practice, and any content note.",
        "roles": _dump(
            {
                "setting": "Where and how the conversation happens.",
                "person": {
                    "name": "Name",
                    "background": "Their situation, in two or three sentences.",
                    "wants": "What they want from the conversation.",
                    "reactions": "How they respond to listening, and to roadblocks.",
                    "opening_line": "What they say first.",
                },
                "supporter": {"task": "What the peer supporter tries to do.", "tips": ["One tip."]},
                "observer": [
                    {"behaviour": "A behaviour to watch for.", "objective": "replace-with-objective-id"},
                    {"behaviour": "Another behaviour.", "objective": "replace-with-objective-id"},
                ],
            }
        ),
        "dialogue": _dump(
            {
                "start": "opening",
                "nodes": [
                    {
                        "id": "opening",
                        "prompt": "What is happening when the conversation starts.",
                        "choices": [
                            {
                                "id": "reflect",
                                "say": "A helpful reply.",
                                "reply": "How they answer.",
                                "feedback": "Why it helps.",
                                "quality": "good",
                                "competencies": ["listen-with-attention"],
                                "next": "end-good",
                            },
                            {
                                "id": "advise",
                                "say": "An unhelpful reply.",
                                "reply": "How they answer.",
                                "feedback": "Why it gets in the way.",
                                "quality": "poor",
                                "competencies": ["listen-with-attention"],
                                "next": "end-poor",
                            },
                        ],
                    },
                    {"id": "end-good", "ending": "good", "debrief": "What went well."},
                    {"id": "end-poor", "ending": "poor", "debrief": "What to try next time."},
                ],
            }
        ),
        "exercises": [
            _dump(
                {
                    "id": f"{scenario_id}-ex-1",
                    "type": "true-false",
                    "objectives": ["replace-with-objective-id"],
                    "stem": "A statement about the conversation.",
                    "answer": True,
                    "feedback": {"true": "Why true is right.", "false": "Why false is wrong."},
                    "explanation": "The point of the exercise.",
                }
            )
        ],
        "reflections": [
            _dump(
                {
                    "id": f"{scenario_id}-reflection",
                    "prompt": "What the learner writes about.",
                    "objectives": ["replace-with-objective-id"],
                    "rubric": [
                        {
                            "criterion": "What a good reflection shows.",
                            "levels": [{"points": 0, "description": "Not yet."}, {"points": 2, "description": "Clearly."}],
                        }
                    ],
                }
            )
        ],
        "debrief": _dump({"questions": ["A question for the group.", "Another question."]}),
    }
