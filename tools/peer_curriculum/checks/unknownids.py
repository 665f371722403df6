"""Every id that is referred to exists."""

from __future__ import annotations

from typing import TYPE_CHECKING

from peer_curriculum.checks.base import Checker, data_line
from peer_curriculum.loader import GLOSSARY_FILE, TRACKS_FILE

if TYPE_CHECKING:
    from peer_curriculum.findings import Reporter
    from peer_curriculum.loader import Curriculum


class UnknownIds(Checker):
    """Reports references to competencies, modules, objectives and glossary terms that do not exist."""

    name = "unknown-ids"

    def run(self, curriculum: Curriculum, reporter: Reporter) -> None:  # noqa: D102
        competencies = {c.id for c in curriculum.framework.competencies} if curriculum.framework else set()
        modules = {module.id for module in curriculum.modules}
        objectives = {o.id for module in curriculum.modules for o in module.meta.objectives}
        for module in curriculum.modules:
            path, lines = module.index.path, module.index.source.meta_lines
            for index, objective in enumerate(module.meta.objectives):
                for number, competency in enumerate(objective.competencies):
                    if curriculum.framework and competency not in competencies:
                        line = lines.line_of(("objectives", index, "competencies", number))
                        reporter.error(path, line, f"unknown competency id `{competency}`; use an id from curriculum/competencies.yml")
            for number, prerequisite in enumerate(module.meta.prerequisites):
                if prerequisite not in modules:
                    line = lines.line_of(("prerequisites", number))
                    reporter.error(path, line, f"unknown prerequisite module `{prerequisite}`; use a folder name under modules/")
                elif prerequisite == module.id:
                    reporter.error(path, lines.line_of(("prerequisites", number)), "a module cannot be its own prerequisite")
            for page in module.lessons:
                for number, objective_id in enumerate(page.meta.objectives if page.meta else []):
                    if objective_id not in objectives:
                        line = page.source.meta_lines.line_of(("objectives", number))
                        reporter.error(page.path, line, f"unknown objective id `{objective_id}`; use an id from a module's `objectives:`")
        for index, track in enumerate(curriculum.tracks.tracks if curriculum.tracks else []):
            for number, module_id in enumerate(track.modules):
                if module_id not in modules:
                    place = data_line(curriculum, TRACKS_FILE, "tracks", index, "modules", number)
                    reporter.error(*place, f"unknown module id `{module_id}` in track `{track.id}`; use a folder name under modules/")
        terms = {term.term for term in curriculum.glossary.terms} if curriculum.glossary else set()
        for index, term in enumerate(curriculum.glossary.terms if curriculum.glossary else []):
            for number, module_id in enumerate(term.modules):
                if module_id not in modules:
                    place = data_line(curriculum, GLOSSARY_FILE, "terms", index, "modules", number)
                    reporter.error(*place, f"unknown module id `{module_id}` for term `{term.term}`")
            for number, other in enumerate(term.see_also):
                if other not in terms:
                    place = data_line(curriculum, GLOSSARY_FILE, "terms", index, "see_also", number)
                    reporter.error(*place, f"`see_also` names `{other}`, which is not a glossary term; write it exactly as its `term:`")
        for objective_id, places in curriculum.assessed_objectives.items():
            if objective_id not in objectives:
                for path, line in places:
                    reporter.error(path, line, f"unknown objective id `{objective_id}`; use an id from a module's `objectives:`")
