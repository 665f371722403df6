"""Modules past the planning stage have what a learner needs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from peer_curriculum.checks.base import Checker
from peer_curriculum.markdown_scan import headings

if TYPE_CHECKING:
    from peer_curriculum.findings import Reporter
    from peer_curriculum.loader import Curriculum

SOURCES_HEADINGS = ("sources", "references")
"""A lesson's last level-2 section must be one of these (compared case-insensitively)."""


class Completeness(Checker):
    """Draft and published modules have objectives and lessons; lessons end with their sources."""

    name = "completeness"

    def run(self, curriculum: Curriculum, reporter: Reporter) -> None:  # noqa: D102
        for module in curriculum.modules:
            if module.meta.status == "planned":
                continue
            lines = module.index.source.meta_lines
            if not module.meta.objectives:
                reporter.error(module.index.path, lines.line_of(("objectives",)), f"{module.meta.status} module needs `objectives:`")
            if not module.meta.lessons:
                reporter.error(module.index.path, lines.line_of(("lessons",)), f"{module.meta.status} module needs `lessons:`")
            for lesson in module.lessons:
                if lesson.meta is not None and lesson.meta.page_type != "lesson":
                    continue
                level_two = [(line, text) for line, level, text in headings(lesson.source.body) if level == 2]
                if not level_two or level_two[-1][1].strip().lower() not in SOURCES_HEADINGS:
                    line = lesson.source.body_start_line + (level_two[-1][0] - 1 if level_two else 0)
                    reporter.warning(lesson.path, line, "lesson does not end with a `## Sources` section; list the sources of its facts")
