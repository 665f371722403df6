"""Export a quiz bank to other tools: nbgrader, Canvas (QTI 1.2), Moodle XML and GIFT.

Every exporter is a function ``render(bank, questions, mode) -> bytes`` in its own module; the
registry below lists them in the order the command line offers them. All exports are reproducible
(exporting twice gives identical bytes) and are written through a temporary file, so a failed
export never leaves half a file behind.

Ordering items become matching of positions (``1st``, ``2nd``...) in the LMS formats, which score
it exactly as the grader does; see each module's docstring for its type mapping.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from peer_curriculum.quiz.bank import Question
from peer_curriculum.quiz.exports import gift, moodle, nbgrader, qti
from peer_curriculum.quiz.exports.common import EXPORT_MODES, select_questions, write_atomically
from peer_curriculum.quiz.models import Bank

EXPORTS_DIR = Path("exports")
"""Where exports go unless ``--out`` says otherwise (relative to the working folder)."""


@dataclass(frozen=True)
class Exporter:
    """One export format."""

    name: str
    """The ``--to`` value."""
    summary: str
    render: Callable[[Bank, list[Question], str], bytes]
    suffix: str
    """File name ending after ``<module>``; empty for nbgrader, whose ``--out`` is a course folder."""

    @property
    def out_is_folder(self) -> bool:
        """Whether ``--out`` names a folder (an nbgrader course) rather than the file itself."""
        return not self.suffix

    def target(self, module: str, out: Path | None = None) -> Path:
        """The file to write: ``out`` itself, or inside the course folder ``out`` for nbgrader."""
        if self.out_is_folder:
            course = EXPORTS_DIR / "nbgrader" if out is None else out
            assignment = f"{module}-quiz"
            return course / "source" / assignment / f"{assignment}.ipynb"
        return EXPORTS_DIR / f"{module}{self.suffix}" if out is None else out


EXPORTERS: dict[str, Exporter] = {
    exporter.name: exporter
    for exporter in (
        Exporter("nbgrader", "nbgrader source notebook with autograded, partial-credit tests", nbgrader.render, ""),
        Exporter("qti", "Canvas QTI 1.2 zip", qti.render, ".qti.zip"),
        Exporter("moodle", "Moodle XML", moodle.render, ".moodle.xml"),
        Exporter("gift", "Moodle GIFT text", gift.render, ".gift.txt"),
    )
}
"""Every exporter, in the order ``--to`` lists them."""


class NothingToExportError(ValueError):
    """The bank has no items of the chosen mode."""


def export_bank(bank: Bank, to: str, out: Path | None = None, mode: str = "all") -> tuple[Path, int]:
    """Export ``bank`` in format ``to``; return the file written and the number of items in it.

    Raises:
        NothingToExportError: No item of the bank has the chosen mode.
        OSError: The file cannot be written (nothing is left behind).
    """
    exporter = EXPORTERS[to]
    selected = select_questions(bank, mode)
    if not selected:
        msg = f"bank {bank.module} has no {mode} items to export; choose another --mode"
        raise NothingToExportError(msg)
    path = exporter.target(bank.module, out)
    write_atomically(path, exporter.render(bank, selected, mode))
    return path, len(selected)


__all__ = ["EXPORTERS", "EXPORTS_DIR", "EXPORT_MODES", "Exporter", "NothingToExportError", "export_bank", "select_questions"]
