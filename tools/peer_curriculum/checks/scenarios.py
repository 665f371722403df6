"""Scenario notebooks are complete, refer to real ids, and every conversation can end."""

from __future__ import annotations

from typing import TYPE_CHECKING

from peer_curriculum.blocks import iter_blocks
from peer_curriculum.checks.base import Checker
from peer_curriculum.scenario.graph import analyse_dialogue

if TYPE_CHECKING:
    from peer_curriculum.findings import Reporter
    from peer_curriculum.loader import Curriculum
    from peer_curriculum.scenario.notebook import Scenario

ENDING_KINDS = ("good", "mixed", "poor")


class Scenarios(Checker):
    """Reports bad ids, graph problems (unreachable nodes, dead ends, loops with no ending) and missing endings."""

    name = "scenarios"

    def run(self, curriculum: Curriculum, reporter: Reporter) -> None:  # noqa: D102
        competencies = {c.id for c in curriculum.framework.competencies} if curriculum.framework else set()
        objectives = {o.id for module in curriculum.modules for o in module.meta.objectives}
        seen: dict[str, str] = {}
        shown = {
            block.args[0]
            for page in curriculum.pages
            for block in iter_blocks(page.source.body.splitlines())
            if block.name == "scenario" and block.args
        }
        for scenario in curriculum.scenarios:
            path, meta, line = scenario.path, scenario.meta, scenario.meta_line
            if curriculum.module(meta.module) is None:
                reporter.error(path, line, f"unknown module `{meta.module}`; use a folder name under modules/")
            if path.parent.name != meta.module or path.stem != meta.id:
                reporter.error(path, line, f"scenario `{meta.id}` of `{meta.module}` must be at scenarios/{meta.module}/{meta.id}.ipynb")
            if meta.id in seen:
                reporter.error(path, line, f"duplicate scenario id `{meta.id}` (also {seen[meta.id]})")
            seen[meta.id] = path.name
            if meta.id not in shown:
                reporter.warning(path, line, f"scenario `{meta.id}` is on no page; add `::: scenario {meta.id}` to a page of its module")
            for objective in meta.objectives:
                if objective not in objectives:
                    reporter.error(path, line, f"unknown objective id `{objective}` in the scenario metadata")
            for competency in meta.competencies:
                if competency not in competencies:
                    reporter.error(path, line, f"unknown competency id `{competency}` in the scenario metadata")
            roles = scenario.lines["roles"]
            for number, check in enumerate(scenario.roles.observer):
                if check.objective not in objectives:
                    reporter.error(path, roles.line_of(("observer", number, "objective")), f"unknown objective id `{check.objective}`")
            self._check_dialogue(scenario, competencies, reporter)
            for item in scenario.exercises:
                lines = scenario.lines[f"exercise:{item.id}"]
                for objective in item.objectives or meta.objectives:
                    if objective not in objectives:
                        reporter.error(path, lines.line_of(("objectives",)), f"unknown objective id `{objective}` in exercise `{item.id}`")
            for reflection in scenario.reflections:
                lines = scenario.lines[f"reflection:{reflection.id}"]
                for objective in reflection.objectives:
                    if objective not in objectives:
                        reporter.error(
                            path, lines.line_of(("objectives",)), f"unknown objective id `{objective}` in reflection `{reflection.id}`"
                        )

    @staticmethod
    def _check_dialogue(scenario: Scenario, competencies: set[str], reporter: Reporter) -> None:
        path, dialogue, lines = scenario.path, scenario.dialogue, scenario.lines["dialogue"]
        index = {node.id: number for number, node in enumerate(dialogue.nodes)}

        def node_line(node_id: str) -> int:
            return lines.line_of(("nodes", index[node_id], "id")) if node_id in index else lines.line_of(("start",))

        report = analyse_dialogue(dialogue)
        for node_id in report.duplicates:
            reporter.error(path, node_line(node_id), f"duplicate node id `{node_id}`")
        for node_id, choice_id, target in report.unknown_targets:
            if node_id == "start":
                reporter.error(path, lines.line_of(("start",)), f"`start` names node `{target}`, which does not exist")
                continue
            number = next(n for n, c in enumerate(dialogue.nodes[index[node_id]].choices) if c.id == choice_id)
            reporter.error(
                path,
                lines.line_of(("nodes", index[node_id], "choices", number, "next")),
                f"choice `{choice_id}` leads to unknown node `{target}`",
            )
        for node_id in report.unreachable:
            reporter.error(path, node_line(node_id), f"node `{node_id}` cannot be reached from `{dialogue.start}`; link to it or remove it")
        for node_id in report.dead_ends:
            reporter.error(
                path, node_line(node_id), f"node `{node_id}` is a dead end: give it choices, or make it an ending with `ending:`"
            )
        for node_id in report.never_end:
            reporter.error(path, node_line(node_id), f"from node `{node_id}` no path reaches an ending; add a way out of the loop")
        kinds = {node.ending for node in dialogue.nodes if node.ending}
        missing = [kind for kind in ENDING_KINDS if kind not in kinds]
        if missing:
            reporter.warning(
                path, lines.line_of(("nodes",)), f"dialogue has no {', '.join(missing)} ending; learners learn from every kind"
            )
        for number, node in enumerate(dialogue.nodes):
            if node.ending and node.choices:
                reporter.error(path, lines.line_of(("nodes", number, "choices")), f"ending `{node.id}` has choices; an ending ends")
            if node.ending and not node.debrief:
                reporter.error(path, lines.line_of(("nodes", number, "id")), f"ending `{node.id}` needs a `debrief`")
            for position, choice in enumerate(node.choices):
                for slot, competency in enumerate(choice.competencies):
                    if competency not in competencies:
                        reporter.error(
                            path,
                            lines.line_of(("nodes", number, "choices", position, "competencies", slot)),
                            f"unknown competency id `{competency}` in choice `{choice.id}`",
                        )
