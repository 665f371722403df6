"""Graph questions about a dialogue: what can be reached, what can end, where it gets stuck."""

from __future__ import annotations

from dataclasses import dataclass

from peer_curriculum.scenario.models import Dialogue


@dataclass(frozen=True)
class GraphReport:
    """What is wrong with a dialogue's graph (ids of nodes, or ``node/choice`` pairs)."""

    unknown_targets: list[tuple[str, str, str]]
    """(node, choice, missing target)."""
    unreachable: list[str]
    dead_ends: list[str]
    """Non-ending nodes with no choices."""
    never_end: list[str]
    """Reachable nodes from which no ending can be reached (a loop with no way out)."""
    duplicates: list[str]


def analyse_dialogue(dialogue: Dialogue) -> GraphReport:
    """Check the dialogue's graph."""
    ids = [node.id for node in dialogue.nodes]
    duplicates = sorted({node_id for node_id in ids if ids.count(node_id) > 1})
    nodes = {node.id: node for node in dialogue.nodes}
    unknown = [(node.id, choice.id, choice.next) for node in dialogue.nodes for choice in node.choices if choice.next not in nodes]
    if dialogue.start not in nodes:
        unknown.append(("start", "start", dialogue.start))
    edges = {node.id: [choice.next for choice in node.choices if choice.next in nodes] for node in dialogue.nodes}
    reachable: set[str] = set()
    stack = [dialogue.start] if dialogue.start in nodes else []
    while stack:
        current = stack.pop()
        if current not in reachable:
            reachable.add(current)
            stack.extend(edges[current])
    can_end = {node.id for node in dialogue.nodes if node.ending is not None}
    changed = True
    while changed:
        changed = False
        for node_id, targets in edges.items():
            if node_id not in can_end and any(target in can_end for target in targets):
                can_end.add(node_id)
                changed = True
    dead_ends = [node.id for node in dialogue.nodes if node.ending is None and not node.choices]
    return GraphReport(
        unknown_targets=unknown,
        unreachable=[node_id for node_id in ids if node_id not in reachable],
        dead_ends=dead_ends,
        never_end=[node_id for node_id in ids if node_id in reachable and node_id not in can_end and node_id not in dead_ends],
        duplicates=duplicates,
    )
