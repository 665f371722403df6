r"""Export a bank as GIFT, Moodle's plain-text question format (``question/format/gift/format.php``).

The file starts with ``$CATEGORY: $course$/top/<module>``; every item becomes one question titled
``::<item id>::``, with its text in ``[html]`` format (author text rendered as in
:mod:`peer_curriculum.quiz.exports.common`; answers and feedback take the question's format).
GIFT's special characters ``~ = # { } :`` and the backslash are escaped with a backslash and
newlines are written as ``\n``, exactly as Moodle's own GIFT export does. The explanation is the
general feedback (``####``). GIFT has no points: Moodle gives each question a default mark of 1
(a ``//`` comment records the bank's points; use the Moodle XML export to carry them).

How each item type maps:

- ``single``: ``{=right#feedback ~wrong#feedback ...}``.
- ``multiple``: ``{~%w%right#feedback ~%-w%wrong#feedback ...}`` with ``w = 100 / number of right
  options``: right options sum to 100%, each wrong one takes away as much as a right one gives,
  and Moodle stops at 0 — the grader's rule. (No ``=`` may appear, or Moodle makes it single-answer.)
- ``true-false``: ``{TRUE#feedback if wrong#feedback if right}`` (or ``FALSE...``). GIFT's first
  ``#`` is the feedback shown for the *wrong* answer and the second for the right one, so for a
  true statement it is the bank's ``feedback.false`` then ``feedback.true``.
- ``short-answer``: ``{=accepted#correct feedback ... =%0%*#incorrect feedback}``; the ``*``
  answer (0%) catches every other response and carries the incorrect feedback. Moodle compares
  ignoring case only, not spacing or end punctuation as the grader does.
- ``matching``: ``{=prompt -> answer ...}``; each distractor is a prompt-less pair ``= -> distractor``,
  which Moodle's matching question keeps as an extra wrong answer. GIFT matching has no per-pair
  feedback, so the pairs' feedback is listed after the explanation in the general feedback.
  (Prompts are HTML, so a ``->`` typed in a prompt is written ``-&gt;`` and cannot end the prompt.)
- ``ordering``: GIFT has no ordering question. It is exported as matching: each option is a prompt
  to match with its position (``1st``, ``2nd``...), so Moodle scores the share of options put in
  their right place, which is the grader's ordering rule. The options' feedback goes into the
  general feedback, in the right order.
- vignette parts: one question each, whose text starts with the vignette's title and scenario.
"""

from __future__ import annotations

from peer_curriculum.quiz.bank import Question
from peer_curriculum.quiz.exports.common import (
    format_number,
    general_feedback_html,
    match_view,
    question_html,
)
from peer_curriculum.quiz.models import Bank, Matching, MultipleSelect, Ordering, ShortAnswer, SingleChoice, TrueFalse
from peer_curriculum.quiz.site import inline_html

_RESERVED = str.maketrans({"\\": "\\\\", "~": "\\~", "=": "\\=", "#": "\\#", "{": "\\{", "}": "\\}", ":": "\\:", "\n": "\\n", "\r": ""})

TYPE_NAMES = {
    "single": "single choice",
    "multiple": "multiple select",
    "true-false": "true/false",
    "ordering": "ordering, exported as matching of positions",
    "matching": "matching",
    "short-answer": "short answer",
}


def escape(text: str) -> str:
    r"""Escape GIFT's reserved characters (``\ ~ = # { } :``) and newlines, as Moodle's GIFT export does."""
    return text.translate(_RESERVED)


def _answer_lines(question: Question) -> list[str]:
    item = question.item
    if isinstance(item, SingleChoice):
        return [
            f"{'=' if option.id == item.correct_id else '~'}{escape(inline_html(option.text))}#{escape(inline_html(option.feedback))}"
            for option in item.options
        ]
    if isinstance(item, MultipleSelect):
        right = set(item.answer)
        weight = 100 / len(right)
        lines = []
        for option in item.options:
            percent = format_number(weight if option.id in right else -weight)
            lines.append(f"~%{percent}%{escape(inline_html(option.text))}#{escape(inline_html(option.feedback))}")
        return lines
    if isinstance(item, ShortAnswer):
        lines = [f"={escape(accepted)}#{escape(inline_html(item.feedback.correct))}" for accepted in item.accepted]
        lines.append(f"=%0%*#{escape(inline_html(item.feedback.incorrect))}")
        return lines
    if isinstance(item, Matching | Ordering):
        view = match_view(item)
        lines = [f"={escape(inline_html(pair.prompt))} -> {escape(pair.answer)}" for pair in view.pairs]
        matched = {pair.answer for pair in view.pairs}
        lines.extend(f"= -> {escape(answer)}" for answer in view.answers if answer not in matched)
        return lines
    msg = f"no GIFT answers for item type {type(item).__name__}"
    raise TypeError(msg)


def render_question(question: Question) -> str:
    """One item as a GIFT question (with a leading ``//`` comment), without the blank line that ends it."""
    item = question.item
    points = format_number(item.points)
    header = f"// {item.id}: {TYPE_NAMES[item.type]}, {points} point{'' if points == '1' else 's'}"
    text = f"::{escape(item.id)}::[html]{escape(question_html(question))}"
    general = f"####{escape(general_feedback_html(question, with_pairs=True))}"
    if isinstance(item, TrueFalse):
        right, wrong = (item.feedback.true, item.feedback.false) if item.answer else (item.feedback.false, item.feedback.true)
        key = "TRUE" if item.answer else "FALSE"
        return f"{header}\n{text}{{{key}#{escape(inline_html(wrong))}#{escape(inline_html(right))}{general}}}"
    body = "\n".join(f"\t{line}" for line in [*_answer_lines(question), general])
    return f"{header}\n{text}{{\n{body}\n}}"


def render(bank: Bank, selected: list[Question], mode: str) -> bytes:
    """The GIFT file for ``selected`` items of ``bank`` (UTF-8, LF line ends)."""
    title = " ".join((bank.title or bank.module).split())
    blocks = [
        f"// {title}: quiz bank {bank.module} ({mode} items), exported by peer-curriculum.\n"
        "// Ordering items are matching questions here: match each option with its position.\n"
        f"$CATEGORY: $course$/top/{bank.module}",
        *(render_question(question) for question in selected),
    ]
    return ("\n\n".join(blocks) + "\n").encode("utf-8")
