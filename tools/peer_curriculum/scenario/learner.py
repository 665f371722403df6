"""The learner's copy of a scenario notebook: everything but the reflection rubrics.

Rubrics are for trainers (the trainer edition shows them, and the nbgrader assignment carries
them for grading); the learner edition of the site offers this copy for download instead of the
source notebook.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from peer_curriculum.scenario.notebook import TAG_REFLECTION

_RUBRIC_KEY = re.compile(r"^rubric:.*\n(?:(?:[ \t-].*)?\n)*", re.MULTILINE)
"""The top-level `rubric:` key of a reflection's YAML and every indented, list or blank line under it."""


def without_rubric(reflection_source: str) -> str:
    """A reflection cell's source with the `rubric` key taken out of its YAML string."""
    return _RUBRIC_KEY.sub("", reflection_source)


def learner_notebook(path: Path) -> bytes:
    """The notebook at ``path`` with each reflection's rubric removed, written as Jupyter writes notebooks."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for cell in notebook.get("cells", []):
        if TAG_REFLECTION in cell.get("metadata", {}).get("tags", []):
            source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            cell["source"] = without_rubric(source).splitlines(keepends=True)
    return (json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")
