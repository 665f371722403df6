"""Render a bank's practice items as an accessible HTML quiz for the site.

Server-side HTML gives native inputs in fieldsets with legends before any script runs; the
script (``assets/quiz.js``) reads the JSON payload for keys and feedback. Assessment items
never reach this module's output.
"""

from __future__ import annotations

import functools
import html
import json
import re
from typing import Any

import markdown
from markupsafe import Markup

from peer_curriculum.quiz.models import Bank, Matching, MultipleSelect, Ordering, PartItem, ShortAnswer, SingleChoice, TrueFalse, Vignette
from peer_curriculum.templating import HTML_TEMPLATES

TRUE_FALSE_OPTIONS = (("true", "True"), ("false", "False"))


_inline_markdown = markdown.Markdown()

_PLAIN_LINE = re.compile(r"[^\\`*_\[\]<>&!#~|\n\t]+")
"""One line with none of the characters that Markdown syntax (or HTML escaping) starts with."""
_BLOCK_START = re.compile(r"\s|[-+=>0-9]")
"""A first character that could begin a list, heading underline, quote or code block."""


@functools.lru_cache(maxsize=8192)
def inline_html(text: str) -> str:
    """Render author text as inline HTML: Markdown emphasis works, HTML is shown as text."""
    if _PLAIN_LINE.fullmatch(text) and not _BLOCK_START.match(text) and not text.endswith(" "):
        # Most quiz and dialogue lines are plain sentences, which Markdown returns unchanged; a site
        # has hundreds of them, and converting each one cost a tenth of the build.
        return text
    # One converter, reset between texts: building a Markdown instance costs more than converting a line.
    rendered = _inline_markdown.reset().convert(html.escape(text, quote=False))
    if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        rendered = rendered[3:-4]
    return rendered


def _html(text: str) -> Markup:
    return Markup(inline_html(text))  # noqa: S704 - inline_html escapes the author's text first


def _dom_id(module: str, item_id: str) -> str:
    return f"quiz-{module}-{item_id}"


def _question_view(module: str, item: PartItem) -> dict[str, Any]:
    view: dict[str, Any] = {"id": item.id, "type": item.type, "dom_id": _dom_id(module, item.id), "stem_html": _html(item.stem)}
    if isinstance(item, SingleChoice | MultipleSelect | Ordering):
        view["options"] = [{"id": o.id, "text_html": _html(o.text), "text_plain": o.text} for o in item.options]
    elif isinstance(item, TrueFalse):
        view["options"] = [{"id": value, "text_html": label, "text_plain": label} for value, label in TRUE_FALSE_OPTIONS]
    elif isinstance(item, Matching):
        view["pairs"] = [{"id": p.id, "prompt_html": _html(p.prompt)} for p in item.pairs]
        view["answers"] = sorted([p.answer for p in item.pairs] + list(item.distractors), key=str.casefold)
    return view


def _question_data(item: PartItem) -> dict[str, Any]:
    """Keys and feedback for the script: everything is pre-rendered, pre-escaped HTML or plain ids."""
    data: dict[str, Any] = {"type": item.type, "points": item.points, "explanation": inline_html(item.explanation)}
    if isinstance(item, SingleChoice):
        data["answer"] = item.correct_id
    elif isinstance(item, MultipleSelect | Ordering):
        data["answer"] = list(item.answer)
    if isinstance(item, SingleChoice | MultipleSelect | Ordering):
        data["feedback"] = {o.id: inline_html(o.feedback) for o in item.options}
    elif isinstance(item, TrueFalse):
        data["answer"] = "true" if item.answer else "false"
        data["feedback"] = {"true": inline_html(item.feedback.true), "false": inline_html(item.feedback.false)}
    elif isinstance(item, Matching):
        data["answer"] = {p.id: p.answer for p in item.pairs}
        data["feedback"] = {p.id: inline_html(p.feedback) for p in item.pairs}
    elif isinstance(item, ShortAnswer):
        data["accepted"] = list(item.accepted)
        data["feedback"] = {"correct": inline_html(item.feedback.correct), "incorrect": inline_html(item.feedback.incorrect)}
    return data


def _script_json(value: Any) -> Markup:
    # Inside <script>, "</script" or "<!--" would change how the page parses; "\u003c" is the same JSON text.
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c"))  # noqa: S704 - JSON, made safe for a script element


def practice_bank_view(bank: Bank) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The practice entries to render and the script payload."""
    entries: list[dict[str, Any]] = []
    payload_items: dict[str, Any] = {}
    top_level: list[str] = []
    for entry in bank.items:
        if entry.mode != "practice":
            continue
        top_level.append(entry.id)
        if isinstance(entry, Vignette):
            parts = [_question_view(bank.module, part) for part in entry.items]
            entries.append(
                {
                    "vignette": True,
                    "id": entry.id,
                    "dom_id": _dom_id(bank.module, entry.id),
                    "title": entry.title,
                    "scenario_html": _html(entry.scenario),
                    "parts": parts,
                }
            )
            for part in entry.items:
                payload_items[part.id] = _question_data(part)
        else:
            entries.append({"vignette": False, "question": _question_view(bank.module, entry)})
            payload_items[entry.id] = _question_data(entry)
    practice_ids = set(top_level)
    payload = {
        "version": 1,
        "module": bank.module,
        "passMark": bank.pass_mark,
        "shuffleItems": bank.shuffle_items,
        "shuffleOptions": bank.shuffle_options,
        "order": top_level,
        "pools": [
            {"id": pool.id, "draw": pool.draw, "items": [i for i in pool.items if i in practice_ids]}
            for pool in bank.pools
            if any(i in practice_ids for i in pool.items)
        ],
        "items": payload_items,
    }
    return entries, payload


_rendered: dict[int, tuple[Bank, str]] = {}


def render_quiz(bank: Bank) -> str:
    """HTML of the practice quiz for ``bank`` (one line per element, no blank lines).

    Banks are immutable, so each one is rendered once per process however many pages show it.
    """
    cached = _rendered.get(id(bank))
    if cached is not None and cached[0] is bank:
        return cached[1]
    html_text = _render_quiz(bank)
    _rendered[id(bank)] = (bank, html_text)
    return html_text


def _render_quiz(bank: Bank) -> str:
    entries, payload = practice_bank_view(bank)
    pooled = {item for pool in payload["pools"] for item in pool["items"]}
    shown = len(set(payload["order"]) - pooled) + sum(min(pool["draw"], len(pool["items"])) for pool in payload["pools"])
    intro = f"{shown} practice questions. Answer each one and check it to see why each option is right or wrong."
    rendered = HTML_TEMPLATES.get_template("quiz.html.jinja").render(
        bank=bank, entries=entries, data_json=_script_json(payload), intro=intro, title=bank.title or f"Practice quiz: {bank.module}"
    )
    return "\n".join(line for line in rendered.splitlines() if line.strip())
