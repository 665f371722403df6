"""Every objective is assessed somewhere."""

from __future__ import annotations

from typing import TYPE_CHECKING

from peer_curriculum.checks.base import Checker

if TYPE_CHECKING:
    from peer_curriculum.findings import Reporter
    from peer_curriculum.loader import Curriculum


class ObjectiveCoverage(Checker):
    """Warns about objectives of draft and published modules that no quiz item or scenario assesses."""

    name = "coverage"

    def run(self, curriculum: Curriculum, reporter: Reporter) -> None:  # noqa: D102
        for module in curriculum.modules:
            if module.meta.status == "planned":
                continue
            lines = module.index.source.meta_lines
            for index, objective in enumerate(module.meta.objectives):
                if objective.id not in curriculum.assessed_objectives:
                    reporter.warning(
                        module.index.path,
                        lines.line_of(("objectives", index, "id")),
                        f"objective `{objective.id}` is not assessed by any quiz item or scenario yet",
                    )
