"""Export a bank as Moodle XML (``question/format/xml``), importable into any Moodle question bank.

The file is a ``<quiz>`` that starts with a ``category`` question (``$course$/top/<module>``), then
one question per item: ``<name>`` and ``<idnumber>`` are the item id, ``<defaultgrade>`` its points,
``<generalfeedback>`` its explanation. Text elements are ``format="html"``: author text is rendered
as in :mod:`peer_curriculum.quiz.exports.common` (HTML in the bank is escaped and shows as text),
then XML-escaped by the serializer. Typed answers (short answer, matching answers) are plain text,
as Moodle stores them.

How each item type maps (core question types only, so any Moodle can import the file):

- ``single``: ``multichoice`` with ``<single>true</single>``, fraction 100 for the right option and
  0 for the others, each with its ``<feedback>``.
- ``multiple``: ``multichoice`` with ``<single>false</single>``; right options share 100 (fraction
  ``100 / number right``), each wrong one has the same fraction negated; Moodle stops the total at 0,
  which is the grader's rule.
- ``true-false``: ``truefalse`` with answers ``true`` and ``false`` and the bank's feedback for each.
- ``short-answer``: ``shortanswer`` with ``<usecase>0</usecase>`` (case ignored), one answer at 100 per
  accepted answer with the correct feedback, and a ``*`` answer at 0 that carries the incorrect
  feedback. Moodle does not ignore spacing or end punctuation as the grader does.
- ``matching``: ``matching``; each pair is a ``<subquestion>``, each distractor a subquestion with
  empty text (Moodle's "extra wrong answer"). Moodle has no per-pair feedback, so the pairs'
  feedback is listed after the explanation in the general feedback.
- ``ordering``: ``matching`` of positions. Moodle's ``ordering`` question type is a plugin
  (qtype_ordering), not core; as matching, each option is a subquestion to match with its position
  (``1st``, ``2nd``...), which Moodle scores as the share of options in their right place — the
  grader's ordering rule. The options' feedback goes into the general feedback, in the right order.
- vignette parts: one question each, whose text starts with the vignette's title and scenario.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from peer_curriculum.quiz.bank import Question
from peer_curriculum.quiz.exports.common import format_number, general_feedback_html, match_view, question_html
from peer_curriculum.quiz.models import Bank, Matching, MultipleSelect, Ordering, ShortAnswer, SingleChoice, TrueFalse
from peer_curriculum.quiz.site import inline_html

PENALTY = "0.3333333"
"""Moodle's default penalty for each wrong try in interactive mode."""


def _text(parent: ET.Element, tag: str, text: str, text_format: str | None = "html") -> ET.Element:
    element = ET.SubElement(parent, tag, {"format": text_format} if text_format else {})
    ET.SubElement(element, "text").text = text
    return element


def _answer(parent: ET.Element, fraction: float, text: str, feedback: str, text_format: str = "html") -> None:
    answer = ET.SubElement(parent, "answer", {"fraction": format_number(fraction), "format": text_format})
    ET.SubElement(answer, "text").text = text
    _text(answer, "feedback", feedback)


def _combined_feedback(question: ET.Element) -> None:
    for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
        _text(question, tag, "")
    ET.SubElement(question, "shownumcorrect")


def _question(parent: ET.Element, question: Question, qtype: str) -> ET.Element:
    item = question.item
    element = ET.SubElement(parent, "question", {"type": qtype})
    _text(element, "name", item.id, None)
    _text(element, "questiontext", question_html(question))
    _text(element, "generalfeedback", general_feedback_html(question, with_pairs=qtype == "matching"))
    ET.SubElement(element, "defaultgrade").text = format_number(item.points, 7)
    ET.SubElement(element, "penalty").text = "1" if qtype == "truefalse" else PENALTY
    ET.SubElement(element, "hidden").text = "0"
    ET.SubElement(element, "idnumber").text = item.id
    return element


def _add(quiz: ET.Element, question: Question, shuffle: bool) -> None:  # noqa: FBT001
    item = question.item
    if isinstance(item, SingleChoice | MultipleSelect):
        element = _question(quiz, question, "multichoice")
        ET.SubElement(element, "single").text = "true" if isinstance(item, SingleChoice) else "false"
        ET.SubElement(element, "shuffleanswers").text = "true" if shuffle else "false"
        ET.SubElement(element, "answernumbering").text = "abc"
        ET.SubElement(element, "showstandardinstruction").text = "1"
        _combined_feedback(element)
        if isinstance(item, SingleChoice):
            right, wrong = {item.correct_id: 100.0}, 0.0
        else:
            right, wrong = {option_id: 100 / len(item.answer) for option_id in item.answer}, -100 / len(item.answer)
        for option in item.options:
            _answer(element, right.get(option.id, wrong), inline_html(option.text), inline_html(option.feedback))
    elif isinstance(item, TrueFalse):
        element = _question(quiz, question, "truefalse")
        _answer(element, 100 if item.answer else 0, "true", inline_html(item.feedback.true), "moodle_auto_format")
        _answer(element, 0 if item.answer else 100, "false", inline_html(item.feedback.false), "moodle_auto_format")
    elif isinstance(item, ShortAnswer):
        element = _question(quiz, question, "shortanswer")
        ET.SubElement(element, "usecase").text = "0"
        for accepted in item.accepted:
            _answer(element, 100, accepted, inline_html(item.feedback.correct), "moodle_auto_format")
        _answer(element, 0, "*", inline_html(item.feedback.incorrect), "moodle_auto_format")
    elif isinstance(item, Matching | Ordering):
        element = _question(quiz, question, "matching")
        ET.SubElement(element, "shuffleanswers").text = "true" if shuffle else "false"
        _combined_feedback(element)
        view = match_view(item)
        matched = {pair.answer for pair in view.pairs}
        rows = [(inline_html(pair.prompt), pair.answer) for pair in view.pairs]
        rows += [("", answer) for answer in view.answers if answer not in matched]
        for prompt, answer in rows:
            subquestion = _text(element, "subquestion", prompt)
            ET.SubElement(ET.SubElement(subquestion, "answer"), "text").text = answer
    else:  # pragma: no cover - the model has no other gradable type
        msg = f"no Moodle question type for {type(item).__name__}"
        raise TypeError(msg)


def render(bank: Bank, selected: list[Question], mode: str) -> bytes:
    """The Moodle XML file for ``selected`` items of ``bank``."""
    quiz = ET.Element("quiz")
    quiz.append(ET.Comment(f" {bank.module}: {mode} items, exported by peer-curriculum; ordering items are matching of positions "))
    category = ET.SubElement(quiz, "question", {"type": "category"})
    _text(category, "category", f"$course$/top/{bank.module}", None)
    _text(category, "info", inline_html(bank.title) if bank.title else "")
    for question in selected:
        _add(quiz, question, bank.shuffle_options)
    ET.indent(quiz, space="  ")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode", short_empty_elements=False) + "\n").encode(
        "utf-8"
    )
