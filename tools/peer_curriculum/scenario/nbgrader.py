"""Export a scenario as an nbgrader source notebook (nbformat 4.5, Python 3 kernel).

The notebook is written where an nbgrader course keeps its sources,
``<course>/source/<scenario id>/<scenario id>.ipynb`` (``exports/nbgrader`` by default), so
``nbgrader generate_assignment <scenario id>`` run in that course makes the learners' release. Next
to it goes ``<course>/nbgrader_config.example.py``, which switches on
:class:`peer_curriculum.cohort.restorecells.RestoreMissingCells` for autograding.

Cells, in order (every one read-only unless it says otherwise; its ``grade_id`` in brackets):

1. the introduction [``<scenario>-intro``]: title, summary, content note, where to practise the
   conversation (the course website, or ``play(dialogue)`` in the scenario notebook; the branching
   conversation itself is not graded and is not in this notebook) and how to answer;
2. the role cards [``<scenario>-roles``];
3. the scorer [``<scenario>-scorer``], the quiz export's stdlib-only code cell
   (:data:`peer_curriculum.quiz.exports.nbgrader.SCORER_SOURCE`);
4. an exercises heading [``<scenario>-exercises``], then each exercise exactly as the quiz export
   writes an item: question [``<item>-question``], autograded answer [``<item>-answer``] and
   autograder tests with hidden, partial-credit scoring [``<item>-test``];
5. each reflection: its prompt [``<reflection>-prompt``], its rubric as a table
   [``<reflection>-rubric``], which learners see and trainers grade by in formgrader, and a
   **manually graded answer**, an editable Markdown cell [``<reflection>``] worth the rubric's top
   marks (:attr:`peer_curriculum.scenario.models.Reflection.points`);
6. the debrief questions [``<scenario>-debrief``], not graded.

Every cell has a stable id derived from the scenario id and its ``grade_id``; exporting twice gives
identical bytes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from peer_curriculum.quiz.bank import Question
from peer_curriculum.quiz.exports.common import write_atomically
from peer_curriculum.quiz.exports.nbgrader import (
    ANSWER_FORMS,
    ANSWER_LABELS,
    SCORER_SOURCE,
    NotebookCells,
    answer_source,
    markdown_text,
    nbgrader_metadata,
    points_label,
    question_markdown,
    serialize,
    test_source,
)
from peer_curriculum.scenario.models import Reflection, RoleCards
from peer_curriculum.scenario.notebook import Scenario

DEFAULT_COURSE = Path("exports") / "nbgrader"
"""The course folder ``export scenario`` writes to unless ``--out`` says otherwise."""

CONFIG_EXAMPLE = "nbgrader_config.example.py"
"""File name of the configuration example written next to ``source/``."""

REFLECTION_ANSWER_SOURCE = (
    "Learners write their reflection in this cell (the release shows them nbgrader's `YOUR ANSWER HERE`).\n"
    "A trainer grades it in formgrader with the rubric above."
)
"""The reflection answer cell in the source notebook; ``generate_assignment`` replaces it with its text stub."""

CONFIG_SOURCE = """\
# nbgrader settings for a course made with `peer-curriculum export`.
# Copy this file to nbgrader_config.py in the course folder (or merge it into yours).
# nbgrader and peer-support-curriculum must be installed in the same environment.
c = get_config()  # noqa: F821 - nbgrader defines get_config when it reads this file

# The course folder and its gradebook (nbgrader's defaults: the folder you run nbgrader in).
# c.CourseDirectory.root = "/path/to/this/course"
# c.CourseDirectory.db_url = "sqlite:////path/to/this/course/gradebook.db"

# Put back cells that a learner deleted before autograding: read-only cells (the scorer, questions,
# tests) and graded cells, taken from the source notebook and the gradebook. A deleted test cell is
# then still run and scored; a deleted answer cell scores 0 for its item; a deleted reflection
# answer scores 0 ("No response") and can still be graded by hand. Cells a learner added are kept
# and run as they are. This is nbgrader's default list with RestoreMissingCells before OverwriteCells.
c.Autograde.sanitize_preprocessors = [
    "nbgrader.preprocessors.ClearOutput",
    "nbgrader.preprocessors.DeduplicateIds",
    "nbgrader.preprocessors.OverwriteKernelspec",
    "peer_curriculum.cohort.restorecells.RestoreMissingCells",
    "nbgrader.preprocessors.OverwriteCells",
    "nbgrader.preprocessors.CheckCellMetadata",
]
"""
"""``nbgrader_config.example.py``: enables :class:`~peer_curriculum.cohort.restorecells.RestoreMissingCells`."""


class ScenarioExportError(ValueError):
    """The scenario cannot become an nbgrader notebook; ``line`` is where to fix it in the scenario file."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class ScenarioExport:
    """What an export wrote."""

    notebook: Path
    config: Path
    exercises: int
    reflections: int
    points: float
    """Autograded points (the exercises) plus manually graded points (the reflections)."""


def assignment_path(scenario: Scenario, course: Path | None = None) -> Path:
    """``<course>/source/<scenario id>/<scenario id>.ipynb``."""
    course = DEFAULT_COURSE if course is None else course
    return course / "source" / scenario.meta.id / f"{scenario.meta.id}.ipynb"


def _table_cell(text: str) -> str:
    return markdown_text(" ".join(text.split())).replace("|", "\\|")


def rubric_markdown(reflection: Reflection) -> str:
    """The rubric as a Markdown table: one row per criterion, one column per number of points."""
    points = sorted({level.points for criterion in reflection.rubric for level in criterion.levels})
    lines = [
        f"#### Rubric ({points_label(reflection.points)})",
        "",
        "A trainer grades your reflection with this rubric: each criterion earns the points of the level it reaches.",
        "",
        "| Criterion | " + " | ".join(points_label(value) for value in points) + " |",
        "|---" * (len(points) + 1) + "|",
    ]
    for criterion in reflection.rubric:
        by_points = {level.points: level.description for level in criterion.levels}
        cells = [_table_cell(by_points[value]) if value in by_points else "" for value in points]
        lines.append(f"| {_table_cell(criterion.criterion)} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def roles_markdown(roles: RoleCards) -> str:
    """The three role cards, as the scenario notebook's ``show_roles`` shows them."""
    person, supporter = roles.person, roles.supporter
    lines = [
        "## Role cards",
        "",
        "For practice in threes: the person seeking support, the peer supporter and the observer.",
        "",
        f"**Setting:** {markdown_text(roles.setting)}",
        "",
        f"### Person seeking support: {markdown_text(person.name)}",
        "",
        f"- **Background:** {markdown_text(person.background)}",
        f"- **What they want:** {markdown_text(person.wants)}",
        f"- **How they react:** {markdown_text(person.reactions)}",
        f'- **Opening line:** "{markdown_text(person.opening_line)}"',
        "",
        "### Peer supporter",
        "",
        f"- **Your task:** {markdown_text(supporter.task)}",
        *(f"- {markdown_text(tip)}" for tip in supporter.tips),
        "",
        "### Observer: watch for",
        "",
        *(f"- {markdown_text(check.behaviour)}" for check in roles.observer),
    ]
    return "\n".join(lines)


def intro_markdown(scenario: Scenario) -> str:
    """The introduction: what the scenario is, its content note, where to practise, and how to answer."""
    meta = scenario.meta
    exercise_points = sum(item.points for item in scenario.exercises)
    reflection_points = sum(reflection.points for reflection in scenario.reflections)
    kinds = [kind for kind in ANSWER_FORMS if any(item.type == kind for item in scenario.exercises)]
    lines = [
        f"# Scenario: {markdown_text(meta.title)}",
        "",
        markdown_text(meta.summary),
        "",
        f"About {meta.minutes} minutes. {len(scenario.exercises)} exercises ({points_label(exercise_points)}, scored when you submit)"
        f" and {len(scenario.reflections)} written reflection{'s' if len(scenario.reflections) != 1 else ''}"
        f" ({points_label(reflection_points)}, graded by a trainer with the rubric shown).",
        "",
    ]
    if meta.content_note:
        lines += ["## Content note", "", markdown_text(meta.content_note), ""]
    lines += [
        "## Practise the conversation first",
        "",
        "The branching conversation is not in this notebook and is not graded. Practise it on the course website, on this",
        f"scenario's page in the `{meta.module}` module, or in Jupyter: open the scenario notebook",
        f"`scenarios/{meta.module}/{meta.id}.ipynb`, run its first code cell, then run `play(dialogue)`. You can also",
        "practise it in threes with the role cards below. Then come back here.",
        "",
        "## How to answer",
        "",
        "Run the scorer cell below first. For each exercise, set the `answer_...` variable in the cell under it and run the",
        "check cell that follows: it tells you whether your answer has the right form, not whether it is right. If a cell",
        "contains `raise NotImplementedError()`, delete that line. For each reflection, replace `YOUR ANSWER HERE` with your",
        "own writing. Please do not delete or copy the cells that are there; adding cells of your own is fine.",
        "",
    ]
    lines += [f"- {ANSWER_LABELS[kind]}: {ANSWER_FORMS[kind]}." for kind in kinds]
    return "\n".join(lines)


def _problems(scenario: Scenario) -> list[tuple[int, str]]:
    """Reasons the scenario cannot be exported, with the scenario file's line of each."""
    problems = []
    keys = _grade_ids(scenario)
    for key, count in Counter(keys).items():
        if count > 1:
            problems.append(
                (scenario.meta_line, f"grade id `{key}` would be used {count} times; give the exercises and reflections other ids")
            )
    for reflection in scenario.reflections:
        if reflection.points <= 0:
            lines = scenario.lines.get(f"reflection:{reflection.id}")
            line = lines.line_of(("rubric",)) if lines is not None else scenario.meta_line
            problems.append((line, f"reflection `{reflection.id}` is worth 0 points; give the top level of a criterion some points"))
    return problems


def _grade_ids(scenario: Scenario) -> list[str]:
    sid = scenario.meta.id
    keys = [f"{sid}-intro", f"{sid}-roles", f"{sid}-scorer", f"{sid}-exercises"]
    for item in scenario.exercises:
        keys += [f"{item.id}-question", f"{item.id}-answer", f"{item.id}-test"]
    for reflection in scenario.reflections:
        keys += [f"{reflection.id}-prompt", f"{reflection.id}-rubric", reflection.id]
    return [*keys, f"{sid}-debrief"]


def notebook(scenario: Scenario) -> dict[str, Any]:
    """The source notebook as a JSON-ready nbformat 4.5 document.

    Raises:
        ScenarioExportError: Two cells would share a grade id, or a reflection is worth no points.
    """
    problems = _problems(scenario)
    if problems:
        line, message = problems[0]
        raise ScenarioExportError(message, line)
    sid = scenario.meta.id
    book = NotebookCells(sid)
    book.markdown(f"{sid}-intro", intro_markdown(scenario))
    book.markdown(f"{sid}-roles", roles_markdown(scenario.roles))
    book.code(f"{sid}-scorer", SCORER_SOURCE, nbgrader_metadata(f"{sid}-scorer", locked=True))
    exercise_points = sum(item.points for item in scenario.exercises)
    book.markdown(
        f"{sid}-exercises",
        f"## Exercises\n\n{len(scenario.exercises)} exercises, {points_label(exercise_points)} in all. Each is scored when you submit.",
    )
    for number, item in enumerate(scenario.exercises, start=1):
        book.markdown(f"{item.id}-question", question_markdown(number, Question(item, None, number - 1, None)))
        book.code(f"{item.id}-answer", answer_source(item), nbgrader_metadata(f"{item.id}-answer", solution=True))
        book.code(f"{item.id}-test", test_source(item), nbgrader_metadata(f"{item.id}-test", grade=True, locked=True, points=item.points))
    for number, reflection in enumerate(scenario.reflections, start=1):
        heading = f"## Reflection {number} ({points_label(reflection.points)})"
        book.markdown(f"{reflection.id}-prompt", f"{heading}\n\n{markdown_text(reflection.prompt)}")
        book.markdown(f"{reflection.id}-rubric", rubric_markdown(reflection))
        book.markdown(
            reflection.id,
            REFLECTION_ANSWER_SOURCE,
            nbgrader_metadata(reflection.id, grade=True, solution=True, points=reflection.points),
        )
    questions = "\n".join(f"{number}. {markdown_text(question)}" for number, question in enumerate(scenario.debrief.questions, start=1))
    book.markdown(
        f"{sid}-debrief", f"## Debrief\n\nTo talk about with your group, or to think over on your own (not graded):\n\n{questions}"
    )
    return book.document()


def render(scenario: Scenario) -> bytes:
    """The notebook file, serialized as nbformat does (sorted keys, one-space indent)."""
    return serialize(notebook(scenario))


def export_scenario(scenario: Scenario, course: Path | None = None) -> ScenarioExport:
    """Write the source notebook and ``nbgrader_config.example.py`` into the course folder ``course``.

    Raises:
        ScenarioExportError: The scenario cannot be exported (nothing is written).
        OSError: A file cannot be written (no half-written file is left).
    """
    course = DEFAULT_COURSE if course is None else course
    data = render(scenario)
    target = assignment_path(scenario, course)
    config = course / CONFIG_EXAMPLE
    write_atomically(config, CONFIG_SOURCE.encode("utf-8"))
    write_atomically(target, data)
    return ScenarioExport(
        notebook=target,
        config=config,
        exercises=len(scenario.exercises),
        reflections=len(scenario.reflections),
        points=sum(item.points for item in scenario.exercises) + sum(r.points for r in scenario.reflections),
    )


__all__ = [
    "CONFIG_EXAMPLE",
    "CONFIG_SOURCE",
    "DEFAULT_COURSE",
    "REFLECTION_ANSWER_SOURCE",
    "ScenarioExport",
    "ScenarioExportError",
    "assignment_path",
    "export_scenario",
    "notebook",
    "render",
]
