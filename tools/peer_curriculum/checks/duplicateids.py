"""Every id is defined once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from peer_curriculum.checks.base import Checker, data_line
from peer_curriculum.loader import COMPETENCIES_FILE, GLOSSARY_FILE, TRACKS_FILE

if TYPE_CHECKING:
    from pathlib import Path

    from peer_curriculum.findings import Reporter
    from peer_curriculum.loader import Curriculum


class DuplicateIds(Checker):
    """Reports competencies, tracks, glossary terms and objectives defined more than once."""

    name = "duplicate-ids"

    def run(self, curriculum: Curriculum, reporter: Reporter) -> None:  # noqa: D102
        def report(kind: str, seen: dict[str, tuple[Path, int]], key: str, place: tuple[Path, int]) -> None:
            if key in seen:
                first_path, first_line = seen[key]
                where = first_path.relative_to(curriculum.root) if first_path.is_relative_to(curriculum.root) else first_path
                reporter.error(*place, f"duplicate {kind} id `{key}`, first defined at {where}:{first_line}; give it a new id")
            else:
                seen[key] = place

        seen: dict[str, tuple[Path, int]] = {}
        for index, competency in enumerate(curriculum.framework.competencies if curriculum.framework else []):
            report("competency", seen, competency.id, data_line(curriculum, COMPETENCIES_FILE, "competencies", index, "id"))
        seen = {}
        for index, track in enumerate(curriculum.tracks.tracks if curriculum.tracks else []):
            report("track", seen, track.id, data_line(curriculum, TRACKS_FILE, "tracks", index, "id"))
        seen = {}
        for index, term in enumerate(curriculum.glossary.terms if curriculum.glossary else []):
            report("glossary term", seen, term.term.lower(), data_line(curriculum, GLOSSARY_FILE, "terms", index, "term"))
        seen = {}
        for module in curriculum.modules:
            lines = module.index.source.meta_lines
            for index, objective in enumerate(module.meta.objectives):
                place = (module.index.path, lines.line_of(("objectives", index, "id")))
                report("objective", seen, objective.id, place)
