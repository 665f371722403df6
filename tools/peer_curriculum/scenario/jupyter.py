"""Play a scenario inside Jupyter: role cards, the branching conversation, and exercise checks.

Every helper takes the YAML strings the notebook's cells define, so the notebook stays the one
source. In a batch run (nbclient, nbgrader) there is no keyboard: ``play`` then shows the opening
and the first choices and explains how to play interactively.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml

from peer_curriculum.quiz.scoring import compile_scorer
from peer_curriculum.scenario.graph import analyse_dialogue
from peer_curriculum.scenario.models import Debrief, Dialogue, Node, RoleCards
from peer_curriculum.scenario.notebook import ExerciseItem

Ask = Callable[[str], str]


def _show(markdown_text: str) -> None:
    """Render Markdown in a Jupyter kernel; print it as it is anywhere else."""
    try:
        from IPython import get_ipython
        from IPython.display import Markdown, display
    except ImportError:
        get_ipython = None
    if get_ipython is None or get_ipython() is None:
        print(markdown_text)
        return
    display(Markdown(markdown_text))


def show_roles(roles_yaml: str) -> RoleCards:
    """Show the three role cards."""
    roles = RoleCards.model_validate(yaml.safe_load(roles_yaml))
    person, supporter = roles.person, roles.supporter
    lines = [
        f"**Setting:** {roles.setting}",
        "",
        f"### Person seeking support: {person.name}",
        f"- **Background:** {person.background}",
        f"- **What they want:** {person.wants}",
        f"- **How they react:** {person.reactions}",
        f'- **Opening line:** "{person.opening_line}"',
        "",
        "### Peer supporter",
        f"- **Your task:** {supporter.task}",
        *(f"- {tip}" for tip in supporter.tips),
        "",
        "### Observer: watch for",
        *(f"- [ ] {check.behaviour}" for check in roles.observer),
    ]
    _show("\n".join(lines))
    return roles


def _ask_stdin(prompt: str) -> str:
    return input(prompt)


def play(dialogue_yaml: str, choices: list[str] | None = None, ask: Ask | None = None) -> list[str]:
    """Play the conversation and return the ids of the choices taken.

    Arguments:
        dialogue_yaml: The ``dialogue`` string of the notebook.
        choices: Choice ids to play without asking (for a replay, or a test).
        ask: How to ask for a choice (default: the keyboard).
    """
    dialogue = Dialogue.model_validate(yaml.safe_load(dialogue_yaml))
    report = analyse_dialogue(dialogue)
    if report.unknown_targets or report.dead_ends:
        msg = "the dialogue has broken links; run `peer-curriculum check`"
        raise ValueError(msg)
    nodes = {node.id: node for node in dialogue.nodes}
    ask = ask or _ask_stdin
    planned = list(choices or [])
    taken: list[str] = []
    node: Node = nodes[dialogue.start]
    while node.ending is None:
        if node.prompt:
            _show(node.prompt)
        options = "\n".join(f"{number}. {choice.say}" for number, choice in enumerate(node.choices, start=1))
        _show(f"**What do you say?**\n\n{options}")
        if planned:
            wanted = planned.pop(0)
            choice = next((c for c in node.choices if c.id == wanted), None)
            if choice is None:
                msg = f"`{wanted}` is not a choice at `{node.id}`; choices: {', '.join(c.id for c in node.choices)}"
                raise ValueError(msg)
        else:
            try:
                answer = ask(f"Your choice (1-{len(node.choices)}): ").strip()
            except Exception as error:  # noqa: BLE001 - IPython raises StdinNotImplementedError in batch runs
                _show(f"*(No keyboard in this run: {type(error).__name__}. Run this cell yourself in Jupyter to play.)*")
                return taken
            if not answer.isdigit() or not 1 <= int(answer) <= len(node.choices):
                _show(f"Please type a number from 1 to {len(node.choices)}.")
                continue
            choice = node.choices[int(answer) - 1]
        taken.append(choice.id)
        verdict = {"good": "Helpful", "mixed": "Partly helpful", "poor": "Gets in the way"}[choice.quality]
        _show(f"> **You:** {choice.say}\n>\n> **Them:** {choice.reply}\n\n**{verdict}.** {choice.feedback}")
        node = nodes[choice.next]
    _show(f"### Ending: {node.ending}\n\n{node.debrief}")
    return taken


def check(exercise_yaml: str, answer: Any) -> float:
    """Check an answer to an exercise, show the feedback, and return the score (0 to 1)."""
    item = ExerciseItem.model_validate(yaml.safe_load(exercise_yaml)).root
    if answer is None:
        _show("*Set your answer in the cell above, then run this cell again.*")
        return 0.0
    score = compile_scorer(item)(answer)
    verdict = "Correct" if score == 1 else ("Partly correct" if score > 0 else "Not quite")
    _show(f"**{verdict}** ({score:.0%}). {item.explanation}")
    return score


def show_debrief(debrief_yaml: str) -> Debrief:
    """Show the group debrief questions."""
    debrief = Debrief.model_validate(yaml.safe_load(debrief_yaml))
    _show("\n".join(f"{number}. {question}" for number, question in enumerate(debrief.questions, start=1)))
    return debrief
