"""Read a scenario notebook: its metadata and the YAML in its tagged cells, with file lines."""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ConfigDict, RootModel

from peer_curriculum.quiz.models import PartItem
from peer_curriculum.scenario.models import Debrief, Dialogue, Reflection, RoleCards, ScenarioMeta
from peer_curriculum.sourcefile import LineMap, SourceError, parse_yaml
from peer_curriculum.validation import validate

if TYPE_CHECKING:
    from peer_curriculum.findings import Reporter

SCENARIOS_DIR = "scenarios"
METADATA_KEY = "peer_scenario"
TAG_ROLES = "peer:roles"
TAG_DIALOGUE = "peer:dialogue"
TAG_EXERCISE = "peer:exercise"
TAG_REFLECTION = "peer:reflection"
TAG_DEBRIEF = "peer:debrief"
SINGLE_TAGS = (TAG_ROLES, TAG_DIALOGUE, TAG_DEBRIEF)
"""Tags that exactly one cell must carry."""
REPEATED_TAGS = (TAG_EXERCISE, TAG_REFLECTION)
"""Tags that one or more cells carry."""


class ExerciseItem(RootModel[PartItem]):
    """An exercise cell holds one quiz item of any non-vignette type."""

    # Built on first validation, not at import: site builds read scenarios from the cache.
    model_config = ConfigDict(defer_build=True)


_SOURCE_KEY = re.compile(r'^\s*"source":')


@dataclass
class Scenario:
    """A validated scenario and where its parts are in the notebook file."""

    path: Path
    meta: ScenarioMeta
    roles: RoleCards
    dialogue: Dialogue
    exercises: list[PartItem]
    reflections: list[Reflection]
    debrief: Debrief
    lines: dict[str, LineMap] = field(default_factory=dict)
    """Line maps of each part: ``roles``, ``dialogue``, ``debrief``, ``exercise:<id>``, ``reflection:<id>``."""
    meta_line: int = 1


def cell_source_lines(text: str) -> list[int]:
    """File line (1-based) on which each cell's first source line is stored.

    nbformat writes each cell's ``source`` as a JSON list with one line per string, one string per
    file line, so a line of a cell's text maps to one line of the ``.ipynb`` file.
    """
    starts = []
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        if _SOURCE_KEY.match(line):
            # `"source": [` puts the first string on the next line; `"source": "..."` keeps it on this one.
            starts.append(number + 1 if line.rstrip().endswith("[") else number)
    return starts


def yaml_in_cell(source: str) -> tuple[str, int] | None:
    """The YAML string a code cell assigns, and the cell line (0-based) where that string's text starts."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            # A triple-quoted string that starts with a newline begins its text on the next line.
            text = node.value.value
            start = node.value.lineno - 1
            if text.startswith("\n"):
                text = text[1:]
                start += 1
            return text, start
    return None


def _metadata_line(text: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if f'"{METADATA_KEY}"' in line:
            return number
    return 1


def _read_notebook(path: Path, reporter: Reporter, *, schema: bool) -> tuple[str, dict[str, Any]] | None:
    """The notebook's text and JSON; with ``schema``, also checked against the nbformat schema.

    The schema check imports nbformat (and jsonschema), which costs a site build more than all its
    pages' notebook parsing: ``peer-curriculum check`` and the tests do it, the site build does not.
    """
    try:
        text = path.read_text(encoding="utf-8")
        notebook = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        line = getattr(error, "lineno", 1)
        reporter.error(path, line, f"not a readable notebook ({error}); open and save it in Jupyter")
        return None
    if not isinstance(notebook, dict) or notebook.get("nbformat") != 4 or not isinstance(notebook.get("cells"), list):
        reporter.error(path, 1, "not a version 4 Jupyter notebook; open and save it in Jupyter")
        return None
    if schema:
        import nbformat

        try:
            nbformat.validate(nbformat.from_dict(notebook))
        except nbformat.ValidationError as error:
            reporter.error(path, 1, f"notebook does not match the nbformat schema: {error.message}")
            return None
    return text, notebook


def _source(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def load_scenario(path: Path, reporter: Reporter, *, schema: bool = True) -> Scenario | None:
    """Read and validate one scenario notebook; report problems at ``path:line``.

    Arguments:
        path: The ``.ipynb`` file.
        reporter: Receives every problem.
        schema: Also validate against the nbformat schema (slower to import; skipped by site builds).
    """
    read = _read_notebook(path, reporter, schema=schema)
    if read is None:
        return None
    text, notebook = read
    meta_line = _metadata_line(text)
    metadata = notebook.get("metadata", {})
    meta = validate(
        ScenarioMeta, metadata.get(METADATA_KEY, {}) if isinstance(metadata, dict) else {}, path, LineMap(base_line=meta_line), reporter
    )
    starts = cell_source_lines(text)
    parts: dict[str, list[tuple[Any, LineMap, int]]] = {tag: [] for tag in (*SINGLE_TAGS, *REPEATED_TAGS)}
    for index, cell in enumerate(notebook["cells"]):
        tags = [tag for tag in cell.get("metadata", {}).get("tags", []) if tag in parts]
        if not tags:
            continue
        cell_line = starts[index] if index < len(starts) else 1
        if cell.get("cell_type") != "code":
            reporter.error(path, cell_line, f"cell {index + 1} tagged {tags[0]} must be a code cell assigning a YAML string")
            continue
        found = yaml_in_cell(_source(cell))
        if found is None:
            reporter.error(path, cell_line, f'cell {index + 1} tagged {tags[0]} must assign a YAML string, like `part = """..."""`')
            continue
        yaml_text, offset = found
        try:
            document = parse_yaml(yaml_text, path, first_line=cell_line + offset)
        except SourceError as error:
            reporter.error(error.path, error.line, f"{error.message} (cell {index + 1}, {tags[0]})")
            continue
        parts[tags[0]].append((document.data, document.lines, cell_line))
    for tag in SINGLE_TAGS:
        if len(parts[tag]) != 1:
            reporter.error(path, meta_line, f"a scenario needs exactly one cell tagged {tag}; found {len(parts[tag])}")
    if not parts[TAG_EXERCISE]:
        reporter.error(path, meta_line, f"a scenario needs at least one auto-graded exercise (a cell tagged {TAG_EXERCISE})")
    if not parts[TAG_REFLECTION]:
        reporter.error(path, meta_line, f"a scenario needs at least one written reflection (a cell tagged {TAG_REFLECTION})")
    if meta is None or any(len(parts[tag]) != 1 for tag in SINGLE_TAGS) or not parts[TAG_EXERCISE] or not parts[TAG_REFLECTION]:
        return None

    def one(tag: str, model: Any) -> Any:
        data, lines, _ = parts[tag][0]
        return validate(model, data, path, lines, reporter)

    roles, dialogue, debrief = one(TAG_ROLES, RoleCards), one(TAG_DIALOGUE, Dialogue), one(TAG_DEBRIEF, Debrief)
    exercises = []
    line_maps = {"roles": parts[TAG_ROLES][0][1], "dialogue": parts[TAG_DIALOGUE][0][1], "debrief": parts[TAG_DEBRIEF][0][1]}
    for data, lines, _ in parts[TAG_EXERCISE]:
        exercise = validate(ExerciseItem, data, path, lines, reporter)
        if exercise is not None:
            exercises.append(exercise.root)
            line_maps[f"exercise:{exercise.root.id}"] = lines
    reflections = []
    for data, lines, _ in parts[TAG_REFLECTION]:
        reflection = validate(Reflection, data, path, lines, reporter)
        if reflection is not None:
            reflections.append(reflection)
            line_maps[f"reflection:{reflection.id}"] = lines
    if roles is None or dialogue is None or debrief is None or len(exercises) != len(parts[TAG_EXERCISE]):
        return None
    if len(reflections) != len(parts[TAG_REFLECTION]):
        return None
    return Scenario(path, meta, roles, dialogue, exercises, reflections, debrief, line_maps, meta_line)


def scenario_paths(root: Path) -> list[Path]:
    """Every scenario notebook under ``root/scenarios``."""
    folder = root / SCENARIOS_DIR
    return sorted(folder.glob("*/*.ipynb")) if folder.is_dir() else []
