"""The interface every checker implements."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from pathlib import Path

    from peer_curriculum.findings import Reporter
    from peer_curriculum.loader import Curriculum


class Checker:
    """One kind of check over the whole curriculum."""

    name: ClassVar[str] = "checker"
    """Short name, for ``--only`` style selection and messages."""

    def run(self, curriculum: Curriculum, reporter: Reporter) -> None:
        """Report every finding of this kind."""
        raise NotImplementedError


def data_line(curriculum: Curriculum, name: str, *location: str | int) -> tuple[Path, int]:
    """Return the file and line of a value in one of the curriculum's data files."""
    located = curriculum.locations.get(name)
    if located is None:
        return curriculum.root / name, 1
    return located.path, located.lines.line_of(tuple(location))
