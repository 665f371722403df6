"""Put back, before autograding, the read-only and graded cells that a learner deleted.

nbgrader 0.9.6 grades a submission with missing cells badly (jupyter/nbgrader#1423, #1682, #1941):
a deleted test cell leaves its grade empty and "needs manual grading" with nothing for a trainer to
grade, and ``OverwriteCells.add_missing_cells`` stops the whole notebook with a ``KeyError`` when
the cell before the missing one is not a graded or answer cell (a deleted reflection answer, whose
rubric comes before it, or an answer deleted together with its test). It never restores a deleted
read-only code cell such as the scorer, on which every test depends.

:class:`RestoreMissingCells` runs in ``Autograde.sanitize_preprocessors`` after ``DeduplicateIds``
and before ``OverwriteCells``. It reads the order of the cells from the assignment's source notebook
(``<course>/source/<assignment>/<notebook>.ipynb``) and their released text, checksum and points
from the gradebook, as ``OverwriteCells`` does. Each read-only, graded or task cell whose
``grade_id`` is missing from the submission is inserted just before the next source cell the
submission still has (so after any cells the learner added there), or at the end. Then:

- a restored test cell gets its hidden tests back from ``OverwriteCells`` and is run and scored;
- a restored read-only cell (the scorer, a question) is run or shown as released;
- a restored manually graded answer holds the released stub, so nbgrader scores it 0 with the
  comment "No response." and a trainer can still grade it in formgrader;
- answer cells that are not graded themselves (the ``answer_...`` code cells) are not restored:
  their test then finds no answer and scores the item 0.

Cells the learner added have no nbgrader metadata and are left alone.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import nbformat
from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode, from_dict
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.coursedir import CourseDirectory
from nbgrader.nbgraderformat import SCHEMA_VERSION
from nbgrader.preprocessors import NbGraderPreprocessor


def _grade_id(cell: NotebookNode) -> str | None:
    grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
    return grade_id if isinstance(grade_id, str) and grade_id else None


class RestoreMissingCells(NbGraderPreprocessor):
    """Re-insert read-only, graded and task cells missing from a submission, in their source position."""

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict) -> tuple[NotebookNode, ResourcesDict]:
        """Insert each missing cell before the next source cell the submission has, or at the end."""
        info = resources["nbgrader"]
        notebook_id, assignment_id = info["notebook"], info["assignment"]
        source = self._source_notebook(assignment_id, notebook_id)
        if source is None:
            return nb, resources
        order = [grade_id for grade_id in (_grade_id(cell) for cell in source.cells) if grade_id is not None]
        source_ids = {_grade_id(cell): cell.get("id") for cell in source.cells}
        with Gradebook(info["db_url"]) as gradebook:
            try:
                notebook = gradebook.find_notebook(notebook_id, assignment_id)
            except MissingEntry:
                self.log.warning("Notebook %s of %s is not in the gradebook; missing cells are not restored", notebook_id, assignment_id)
                return nb, resources
            saved = {cell.name: cell for cell in notebook.source_cells}
            points = {cell.name: float(cell.max_score) for cell in notebook.grade_cells}
            tasks = {cell.name: float(cell.max_score) for cell in notebook.task_cells}
            solutions = {cell.name for cell in notebook.solution_cells}
            present = {grade_id for grade_id in (_grade_id(cell) for cell in nb.cells) if grade_id is not None}
            taken_ids = {cell.get("id") for cell in nb.cells}
            for position, grade_id in enumerate(order):
                saved_cell = saved.get(grade_id)
                if grade_id in present or saved_cell is None:
                    continue
                if not (saved_cell.locked or grade_id in points or grade_id in tasks):
                    continue  # an answer cell that is not graded itself: its test scores the item 0
                cell = self._restored_cell(saved_cell, points, tasks, solutions, source_ids.get(grade_id), taken_ids)
                anchor = next((later for later in order[position + 1 :] if later in present), None)
                index = len(nb.cells) if anchor is None else next(i for i, c in enumerate(nb.cells) if _grade_id(c) == anchor)
                nb.cells.insert(index, cell)
                taken_ids.add(cell["id"])
                self.log.warning("Cell %s was missing from the submission; restored it from the source notebook", grade_id)
        return nb, resources

    def _source_notebook(self, assignment_id: str, notebook_id: str) -> NotebookNode | None:
        """The assignment's source notebook, which gives the cells' order; ``None`` (and a warning) if unreadable."""
        coursedir = CourseDirectory(config=self.config)
        path = Path(coursedir.format_path(coursedir.source_directory, ".", assignment_id)) / f"{notebook_id}.ipynb"
        try:
            return nbformat.read(path, as_version=4)
        except (OSError, ValueError) as error:
            self.log.warning("Cannot read the source notebook %s (%s); missing cells are not restored", path, error)
            return None

    @staticmethod
    def _restored_cell(
        saved: Any,
        points: dict[str, float],
        tasks: dict[str, float],
        solutions: set[str],
        source_id: str | None,
        taken_ids: set[str | None],
    ) -> NotebookNode:
        """The cell as the release had it: the gradebook's text and checksum, read-only if it was."""
        name = saved.name
        metadata: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "grade": name in points,
            "solution": name in solutions,
            "locked": bool(saved.locked),
            "grade_id": name,
            "cell_type": saved.cell_type,
        }
        if name in tasks:
            metadata["task"] = True
        if name in points or name in tasks:
            metadata["points"] = points.get(name, tasks.get(name))
        if saved.checksum:
            metadata["checksum"] = saved.checksum
        cell: dict[str, Any] = {"cell_type": saved.cell_type, "metadata": {"nbgrader": metadata}, "source": saved.source or ""}
        if saved.locked or name in points or name in tasks:
            cell["metadata"]["deletable"] = False
        if saved.locked:
            cell["metadata"]["editable"] = False
        if saved.cell_type == "code":
            cell["execution_count"] = None
            cell["outputs"] = []
        cell_id = source_id
        if not cell_id or cell_id in taken_ids:
            cell_id = hashlib.sha256(f"restored\x1f{name}".encode()).hexdigest()[:16]
        cell["id"] = cell_id
        return from_dict(cell)
