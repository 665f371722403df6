"""Do the GIFT, Moodle XML and QTI exports carry every item, answer, weight and feedback of the bank, reproducibly?

Each format is read back (GIFT with a small parser that follows Moodle's ``qformat_gift``, XML with
ElementTree, QTI's response processing with a small interpreter) and compared with the source bank;
where the format scores answers, its scoring is checked against the grader's on every possible
response of the sample items.
"""

from __future__ import annotations

import io
import itertools
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from peer_curriculum.cli import main
from peer_curriculum.quiz.bank import Question
from peer_curriculum.quiz.exports import EXPORTERS, export_bank, select_questions
from peer_curriculum.quiz.exports.common import general_feedback_html, match_view, ordinal, question_html, stable_id, write_atomically
from peer_curriculum.quiz.exports.gift import escape
from peer_curriculum.quiz.models import Bank, Matching, MultipleSelect, Ordering, ShortAnswer, SingleChoice, TrueFalse
from peer_curriculum.quiz.scoring import compile_scorer
from peer_curriculum.quiz.site import inline_html

from .conftest import FILES

CLI = Path(sys.executable).parent / "peer-curriculum"
SAMPLE = FILES / "sample.yml"
FILE_FORMATS = ("gift", "moodle", "qti")


def export_bytes(bank: Bank, to: str, tmp_path: Path, mode: str = "all", name: str = "out") -> bytes:
    path, _ = export_bank(bank, to, tmp_path / name, mode)
    return path.read_bytes()


def by_id(bank: Bank, mode: str = "all") -> dict[str, Question]:
    return {question.id: question for question in select_questions(bank, mode)}


def every_response(item: Any) -> list[Any]:
    """Every response worth scoring for the sample's small items (all subsets, orders, matchings)."""
    if isinstance(item, SingleChoice):
        return [option.id for option in item.options]
    if isinstance(item, TrueFalse):
        return [True, False]
    if isinstance(item, MultipleSelect):
        ids = [option.id for option in item.options]
        return [list(chosen) for size in range(len(ids) + 1) for chosen in itertools.combinations(ids, size)]
    if isinstance(item, Ordering):
        return [list(order) for order in itertools.permutations(item.answer)]
    if isinstance(item, Matching):
        answers = match_view(item).answers
        return [
            dict(zip([pair.id for pair in item.pairs], chosen, strict=True))
            for chosen in itertools.product(answers, repeat=len(item.pairs))
        ]
    return []


def as_positions(item: Ordering, order: list[str]) -> dict[str, str]:
    """An ordering response as the matching-of-positions response an LMS records."""
    return {option_id: ordinal(number) for number, option_id in enumerate(order, start=1)}


# ---------------------------------------------------------------------------------------------
# GIFT, read back the way Moodle's question/format/gift/format.php reads it
# ---------------------------------------------------------------------------------------------

_ESCAPES = [
    ("\\:", "&&058;"),
    ("\\#", "&&035;"),
    ("\\=", "&&061;"),
    ("\\{", "&&123;"),
    ("\\}", "&&125;"),
    ("\\~", "&&126;"),
    ("\\n", "&&010"),
]
_WEIGHT = re.compile(r"^%\-*([0-9]{1,2})\.?([0-9]*)%")


def _pre(text: str) -> str:
    text = text.replace("\\\\", "&&092;")
    for escaped, placeholder in _ESCAPES:
        text = text.replace(escaped, placeholder)
    return text.replace("&&092;", "\\")


def _post(text: str) -> str:
    for escaped, placeholder in _ESCAPES:
        text = text.replace(placeholder, "\n" if escaped == "\\n" else escaped[1])
    return text


def _with_format(text: str, default: str = "moodle") -> tuple[str, str]:
    text_format = default
    if text.startswith("["):
        end = text.index("]")
        if text[1:end] in ("moodle", "html", "plain", "markdown"):
            text_format, text = text[1:end], text[end + 1 :]
    return text_format, _post(text).strip()


def _weight(answer: str) -> tuple[float, str]:
    body = answer[1:]
    end = body.index("%")
    return float(body[:end]) / 100, body[end + 1 :]


def _comment(answer: str, default: str) -> tuple[str, str]:
    text, _, feedback = answer.partition("#")
    return _with_format(text.strip(), default)[1], _with_format(feedback.strip(), default)[1]


@dataclass
class GiftQuestion:
    name: str
    qtype: str
    text_format: str
    text: str
    general: str
    answers: list[tuple[str, float, str]] = field(default_factory=list)
    """(answer, fraction, feedback) for multichoice and short answer."""
    subquestions: list[tuple[str, str]] = field(default_factory=list)
    correct: bool | None = None
    feedback_true: str = ""
    feedback_false: str = ""


def parse_gift(source: str) -> tuple[str | None, list[GiftQuestion]]:
    """Category and questions of a GIFT file, as Moodle's importer reads them."""
    category = None
    found = []
    blocks, current = [], []
    for line in [*source.split("\n"), ""]:
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    for block in blocks:
        text = "\n".join(" " if line.strip().startswith("//") else line for line in block).strip()
        if not text:
            continue
        text = _pre(text)
        if text.startswith("$CATEGORY:"):
            category = text[10:].strip()
            continue
        assert text.startswith("::"), text
        name, _, text = text[2:].partition("::")
        text = text.strip()
        start, finish = text.index("{"), text.index("}")
        answertext = text[start + 1 : finish].strip()
        assert text.endswith("}"), "the answers close the question"
        general = ""
        if "####" in answertext:
            general = answertext[answertext.rindex("####") + 4 :]
            answertext = answertext[: answertext.rindex("####")].strip()
        text_format, question_text = _with_format(text[:start])
        question = GiftQuestion(_post(name), "", text_format, question_text, _with_format(general, text_format)[1])
        if "~" in answertext:
            question.qtype = "multichoice" + ("-single" if "=" in answertext else "-multiple")
            answers = [answer.strip() for answer in answertext.replace("=", "~=").split("~")]
            for answer in answers[1:] if not answers[0] else answers:
                if answer.startswith("="):
                    weight, answer = 1.0, answer[1:]
                elif _WEIGHT.match(answer):
                    weight, answer = _weight(answer)
                else:
                    weight = 0.0
                text_, feedback = _comment(answer, text_format)
                question.answers.append((text_, weight, feedback))
        elif "=" in answertext and "->" in answertext:
            question.qtype = "match"
            answers = [answer.strip() for answer in answertext.split("=")]
            for answer in answers[1:] if not answers[0] else answers:
                marker = answer.index("->")
                question.subquestions.append((_with_format(answer[:marker].strip(), text_format)[1], _post(answer[marker + 2 :]).strip()))
        elif answertext.split("#")[0].strip() in ("T", "TRUE", "F", "FALSE"):
            question.qtype = "truefalse"
            key, wrong, right = ([*answertext.split("#", 2), "", ""])[:3]
            question.correct = key.strip() in ("T", "TRUE")
            wrong, right = _with_format(wrong.strip(), text_format)[1], _with_format(right.strip(), text_format)[1]
            question.feedback_true, question.feedback_false = (right, wrong) if question.correct else (wrong, right)
        else:
            question.qtype = "shortanswer"
            answers = [answer.strip() for answer in answertext.split("=")]
            for answer in answers[1:] if not answers[0] else answers:
                weight = 1.0
                if _WEIGHT.match(answer):
                    weight, answer = _weight(answer)
                text_, feedback = _comment(answer, text_format)
                question.answers.append((text_, weight, feedback))
        found.append(question)
    return category, found


def moodle_choice_score(answers: list[tuple[str, float, str]], chosen: list[str]) -> float:
    """Moodle multichoice: the sum of the chosen answers' fractions, kept within 0 and 1."""
    return min(1.0, max(0.0, sum(fraction for text, fraction, _ in answers if text in chosen)))


def moodle_match_score(subquestions: list[tuple[str, str]], chosen: dict[str, str]) -> float:
    """Moodle matching: the share of (non-empty) subquestions given their right answer."""
    real = [(prompt, answer) for prompt, answer in subquestions if prompt]
    return sum(1 for prompt, answer in real if chosen.get(prompt) == answer) / len(real)


def test_gift_reads_back_as_the_bank(sample_bank: Bank, tmp_path: Path) -> None:
    category, parsed = parse_gift(export_bytes(sample_bank, "gift", tmp_path).decode("utf-8"))
    source = by_id(sample_bank)
    assert category == "$course$/top/active-listening"
    assert [question.name for question in parsed] == list(source)
    for exported in parsed:
        question = source[exported.name]
        item = question.item
        assert exported.text_format == "html"
        assert exported.text == question_html(question)
        assert exported.general == general_feedback_html(question, with_pairs=True)
        assert exported.general.startswith(inline_html(item.explanation).join(["<p>", "</p>"]))
        scorer = compile_scorer(item)
        if isinstance(item, SingleChoice):
            assert exported.qtype == "multichoice-single"
            right = item.correct_id
            assert exported.answers == [(inline_html(o.text), 1.0 if o.id == right else 0.0, inline_html(o.feedback)) for o in item.options]
        elif isinstance(item, MultipleSelect):
            assert exported.qtype == "multichoice-multiple"
            assert [(text, feedback) for text, _, feedback in exported.answers] == [
                (inline_html(o.text), inline_html(o.feedback)) for o in item.options
            ]
            weights = dict(zip([o.id for o in item.options], [fraction for _, fraction, _ in exported.answers], strict=True))
            assert sum(weights[option_id] for option_id in item.answer) == pytest.approx(1.0)
            assert all(weights[o.id] == pytest.approx(-1 / len(item.answer)) for o in item.options if o.id not in item.answer)
            text_of = {o.id: inline_html(o.text) for o in item.options}
            for response in every_response(item):
                assert moodle_choice_score(exported.answers, [text_of[i] for i in response]) == pytest.approx(scorer(response)), response
        elif isinstance(item, TrueFalse):
            assert exported.qtype == "truefalse"
            assert exported.correct is item.answer
            # GIFT's first feedback is for the wrong answer: check it landed on the right side.
            assert exported.feedback_true == inline_html(item.feedback.true)
            assert exported.feedback_false == inline_html(item.feedback.false)
        elif isinstance(item, ShortAnswer):
            assert exported.qtype == "shortanswer"
            correct, incorrect = inline_html(item.feedback.correct), inline_html(item.feedback.incorrect)
            assert exported.answers == [*[(accepted, 1.0, correct) for accepted in item.accepted], ("*", 0.0, incorrect)]
        elif isinstance(item, Matching):
            assert exported.qtype == "match"
            assert exported.subquestions == [(inline_html(p.prompt), p.answer) for p in item.pairs] + [("", d) for d in item.distractors]
            assert all(inline_html(pair.feedback) in exported.general for pair in item.pairs)
            prompt_of = {p.id: inline_html(p.prompt) for p in item.pairs}
            for response in every_response(item):
                chosen = {prompt_of[pair]: answer for pair, answer in response.items()}
                assert moodle_match_score(exported.subquestions, chosen) == pytest.approx(scorer(response)), response
        elif isinstance(item, Ordering):
            # No ordering in GIFT: a matching of each option with its position.
            assert exported.qtype == "match"
            position = {option_id: ordinal(number) for number, option_id in enumerate(item.answer, start=1)}
            assert exported.subquestions == [(inline_html(o.text), position[o.id]) for o in item.options]
            assert all(inline_html(option.feedback) in exported.general for option in item.options)
            text_of = {o.id: inline_html(o.text) for o in item.options}
            for order in every_response(item):
                chosen = {text_of[option_id]: place for option_id, place in as_positions(item, order).items()}
                assert moodle_match_score(exported.subquestions, chosen) == pytest.approx(scorer(order)), order
        if question.vignette is not None:
            assert exported.text.index(inline_html(question.vignette.scenario)) < exported.text.index(inline_html(item.stem))


def special_bank() -> Bank:
    """A bank whose text uses every GIFT special character, HTML and Markdown."""
    tricky = r"Say {this} ~ that = 50% #1: a\b -> c <b>bold</b> & *kind*"
    return Bank.model_validate(
        {
            "module": "special-chars",
            "items": [
                {
                    "id": "sp-single",
                    "type": "single",
                    "stem": tricky,
                    "options": [
                        {"id": "a", "text": tricky, "feedback": "Right: {yes} = ~good~ #1"},
                        {"id": "b", "text": "Plain", "feedback": "Wrong:\nsee line two"},
                    ],
                    "answer": "a",
                    "explanation": "Because: {reasons} #2 = ~3~ \\ end",
                },
                {
                    "id": "sp-short",
                    "type": "short-answer",
                    "stem": "Type {x}:",
                    "accepted": ["a = b", "c: d#e", "{f}~g"],
                    "feedback": {"correct": "Yes: =)", "incorrect": "No: #"},
                    "explanation": "E",
                },
                {
                    "id": "sp-match",
                    "type": "matching",
                    "stem": "Match ->",
                    "pairs": [
                        {"id": "p1", "prompt": "x -> y", "answer": "A = 1", "feedback": "f"},
                        {"id": "p2", "prompt": "z: {w}", "answer": "B ~ 2 -> 3", "feedback": "g"},
                    ],
                    "distractors": ["C # 3"],
                    "explanation": "E",
                },
            ],
        }
    )


def test_gift_escapes_special_characters(tmp_path: Path) -> None:
    bank = special_bank()
    text = export_bytes(bank, "gift", tmp_path).decode("utf-8")
    _, parsed = parse_gift(text)
    single, short, match = parsed
    assert single.text == question_html(select_questions(bank)[0])
    assert single.answers[0] == (inline_html(bank.items[0].options[0].text), 1.0, inline_html("Right: {yes} = ~good~ #1"))
    assert single.answers[1][2] == "Wrong:\nsee line two"
    assert "\\ end" in single.general
    assert short.qtype == "shortanswer"
    assert [answer for answer, _, _ in short.answers] == ["a = b", "c: d#e", "{f}~g", "*"]
    assert match.qtype == "match"
    assert match.subquestions == [("x -&gt; y", "A = 1"), ("z: {w}", "B ~ 2 -> 3"), ("", "C # 3")]
    assert escape("a\\b~c=d#e{f}g:h\ni") == "a\\\\b\\~c\\=d\\#e\\{f\\}g\\:h\\ni"


# ---------------------------------------------------------------------------------------------
# Moodle XML
# ---------------------------------------------------------------------------------------------


def _text_of(element: ET.Element | None) -> str:
    assert element is not None
    text = element.findtext("text")
    return text or ""


def test_moodle_xml_matches_the_bank(sample_bank: Bank, tmp_path: Path) -> None:
    root = ET.fromstring(export_bytes(sample_bank, "moodle", tmp_path))
    assert root.tag == "quiz"
    category, *questions_ = root.findall("question")
    assert category.get("type") == "category"
    assert _text_of(category.find("category")) == "$course$/top/active-listening"
    source = by_id(sample_bank)
    assert [_text_of(q.find("name")) for q in questions_] == list(source)
    expected_types = {
        "single": "multichoice",
        "multiple": "multichoice",
        "true-false": "truefalse",
        "short-answer": "shortanswer",
        "matching": "matching",
        "ordering": "matching",
    }
    for element in questions_:
        question = source[_text_of(element.find("name"))]
        item = question.item
        assert element.get("type") == expected_types[item.type]
        assert element.findtext("idnumber") == item.id
        assert float(element.findtext("defaultgrade") or 0) == item.points
        text = element.find("questiontext")
        assert text is not None and text.get("format") == "html"
        assert _text_of(text) == question_html(question)
        general = _text_of(element.find("generalfeedback"))
        assert general.startswith(f"<p>{inline_html(item.explanation)}</p>")
        answers = [(a.findtext("text"), float(a.get("fraction", "nan")), _text_of(a.find("feedback"))) for a in element.findall("answer")]
        scorer = compile_scorer(item)
        if isinstance(item, SingleChoice | MultipleSelect):
            assert element.findtext("single") == ("true" if isinstance(item, SingleChoice) else "false")
            assert [(text, feedback) for text, _, feedback in answers] == [
                (inline_html(o.text), inline_html(o.feedback)) for o in item.options
            ]
            fractions = [fraction / 100 for _, fraction, _ in answers]
            text_of = {o.id: inline_html(o.text) for o in item.options}
            for response in every_response(item) or [[o.id] for o in item.options]:
                chosen = [text_of[i] for i in (response if isinstance(response, list) else [response])]
                score = moodle_choice_score([(t, f, "") for (t, _, _), f in zip(answers, fractions, strict=True)], chosen)
                assert score == pytest.approx(scorer(response)), response
            if isinstance(item, MultipleSelect):
                assert sum(f for f in fractions if f > 0) == pytest.approx(1.0)
        elif isinstance(item, TrueFalse):
            assert answers == [
                ("true", 100.0 if item.answer else 0.0, inline_html(item.feedback.true)),
                ("false", 0.0 if item.answer else 100.0, inline_html(item.feedback.false)),
            ]
        elif isinstance(item, ShortAnswer):
            assert element.findtext("usecase") == "0"
            correct, incorrect = inline_html(item.feedback.correct), inline_html(item.feedback.incorrect)
            assert answers == [*[(accepted, 100.0, correct) for accepted in item.accepted], ("*", 0.0, incorrect)]
        else:
            assert isinstance(item, Matching | Ordering)
            subquestions = [(_text_of(s), s.findtext("answer/text") or "") for s in element.findall("subquestion")]
            view = match_view(item)
            assert subquestions[: len(view.pairs)] == [(inline_html(pair.prompt), pair.answer) for pair in view.pairs]
            assert subquestions[len(view.pairs) :] == [
                ("", answer) for answer in view.answers if answer not in {p.answer for p in view.pairs}
            ]
            assert all(inline_html(pair.feedback) in general for pair in view.pairs)
            prompt_of = {pair.id: inline_html(pair.prompt) for pair in view.pairs}
            for response in every_response(item):
                chosen_ids = as_positions(item, response) if isinstance(item, Ordering) else response
                chosen = {prompt_of[pair]: answer for pair, answer in chosen_ids.items()}
                assert moodle_match_score(subquestions, chosen) == pytest.approx(scorer(response)), response


def test_author_html_is_shown_as_text_in_every_format(sample_bank: Bank, tmp_path: Path) -> None:
    moodle = ET.fromstring(export_bytes(sample_bank, "moodle", tmp_path, name="m"))
    stems = [q.findtext("questiontext/text") or "" for q in moodle.findall("question")]
    assert any('&lt;script&gt;alert("stem")&lt;/script&gt;' in stem for stem in stems)
    assert not any("<script" in stem for stem in stems)
    gift = export_bytes(sample_bank, "gift", tmp_path, name="g").decode("utf-8")
    assert "&lt;script&gt;" in gift and "<script" not in gift
    with zipfile.ZipFile(io.BytesIO(export_bytes(sample_bank, "qti", tmp_path, name="q"))) as archive:
        assessment = archive.read("active-listening/active-listening.xml").decode("utf-8")
    mattexts = [m.text or "" for m in ET.fromstring(assessment).iter(f"{{{QTI}}}mattext")]
    assert any("&lt;script&gt;" in text for text in mattexts)
    assert not any("<script" in text for text in mattexts)


# ---------------------------------------------------------------------------------------------
# QTI 1.2 for Canvas
# ---------------------------------------------------------------------------------------------

QTI = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"


def q(tag: str) -> str:
    return "/".join(f"{{{QTI}}}{part}" for part in tag.split("/"))


def _holds(condition: ET.Element, response: dict[str, set[str]]) -> bool:
    tag = condition.tag.split("}")[1]
    if tag == "other":
        return True
    if tag == "varequal":
        return (condition.text or "") in response.get(condition.get("respident", ""), set())
    if tag == "not":
        return not all(_holds(child, response) for child in condition)
    if tag == "and":
        return all(_holds(child, response) for child in condition)
    if tag == "conditionvar":
        # Canvas reads several conditions in one conditionvar as alternatives (short answers).
        return any(_holds(child, response) for child in condition)
    raise AssertionError(f"unexpected condition {tag}")


def run_resprocessing(item: ET.Element, response: dict[str, set[str]]) -> tuple[float, list[str]]:
    """Score (0-100) and the feedback idents shown, following QTI 1.2 response processing."""
    score, shown = 0.0, []
    for condition in item.findall(q("resprocessing/respcondition")):
        conditionvar = condition.find(q("conditionvar"))
        assert conditionvar is not None
        if not _holds(conditionvar, response):
            continue
        for setvar in condition.findall(q("setvar")):
            value = float(setvar.text or 0)
            score = value if setvar.get("action") == "Set" else score + value
        shown += [link.get("linkrefid", "") for link in condition.findall(q("displayfeedback"))]
        if condition.get("continue", "No") == "No":
            break
    return score, shown


def feedback_texts(item: ET.Element) -> dict[str, str]:
    return {fb.get("ident", ""): fb.findtext(q("flow_mat/material/mattext")) or "" for fb in item.findall(q("itemfeedback"))}


def metadata(item: ET.Element) -> dict[str, str]:
    return {f.findtext(q("fieldlabel")) or "": f.findtext(q("fieldentry")) or "" for f in item.iter(q("qtimetadatafield"))}


def open_qti(data: bytes) -> tuple[list[zipfile.ZipInfo], dict[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.infolist(), {info.filename: archive.read(info) for info in archive.infolist()}


def test_qti_zip_layout_is_fixed(sample_bank: Bank, tmp_path: Path) -> None:
    infos, files = open_qti(export_bytes(sample_bank, "qti", tmp_path))
    assert [info.filename for info in infos] == [
        "imsmanifest.xml",
        "non_cc_assessments/",
        "active-listening/assessment_meta.xml",
        "active-listening/active-listening.xml",
    ]
    for info in infos:
        assert info.date_time == (1980, 1, 1, 0, 0, 0)
        assert info.compress_type == zipfile.ZIP_STORED
        assert info.external_attr >> 16 == (0o40755 if info.is_dir() else 0o100644)
    manifest = ET.fromstring(files["imsmanifest.xml"])
    namespace = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"
    hrefs = [f.get("href") for f in manifest.iter(f"{namespace}file")]
    assert hrefs == ["active-listening/active-listening.xml", "active-listening/assessment_meta.xml"]
    resource = manifest.find(f"{namespace}resources/{namespace}resource")
    assert resource is not None and resource.get("type") == "imsqti_xmlv1p2"
    assert resource.get("identifier") == stable_id("active-listening", "assessment", "all")
    meta = ET.fromstring(files["active-listening/assessment_meta.xml"])
    canvas = "{http://canvas.instructure.com/xsd/cccv1p0}"
    assert meta.get("identifier") == resource.get("identifier")
    assert meta.findtext(f"{canvas}points_possible") == "9.0"
    assert meta.findtext(f"{canvas}title") == "Sample bank"


def test_qti_items_match_the_bank(sample_bank: Bank, tmp_path: Path) -> None:
    _, files = open_qti(export_bytes(sample_bank, "qti", tmp_path))
    root = ET.fromstring(files["active-listening/active-listening.xml"])
    items = root.findall(q("assessment/section/item"))
    source = by_id(sample_bank)
    assert [item.get("title") for item in items] == list(source)
    expected_types = {
        "single": "multiple_choice_question",
        "multiple": "multiple_answers_question",
        "true-false": "true_false_question",
        "short-answer": "short_answer_question",
        "matching": "matching_question",
        "ordering": "matching_question",
    }
    for element in items:
        question = source[element.get("title", "")]
        item = question.item
        module = sample_bank.module
        assert element.get("ident") == stable_id(module, item.id)
        fields = metadata(element)
        assert fields["question_type"] == expected_types[item.type]
        assert float(fields["points_possible"]) == item.points
        assert element.findtext(q("presentation/material/mattext")) == question_html(question)
        feedback = feedback_texts(element)
        assert feedback["general_fb"] == f"<p>{inline_html(item.explanation)}</p>"
        scorer = compile_scorer(item)
        if isinstance(item, SingleChoice | MultipleSelect | TrueFalse):
            labels = element.findall(q("presentation/response_lid/render_choice/response_label"))
            idents = [label.get("ident", "") for label in labels]
            if isinstance(item, TrueFalse):
                keys: list[Any] = [True, False]
                assert idents == [stable_id(module, item.id, "true"), stable_id(module, item.id, "false")]
                expected_feedback = [inline_html(item.feedback.true), inline_html(item.feedback.false)]
            else:
                keys = [o.id for o in item.options]
                assert idents == [stable_id(module, item.id, o.id) for o in item.options]
                assert [label.findtext(q("material/mattext")) for label in labels] == [inline_html(o.text) for o in item.options]
                expected_feedback = [inline_html(o.feedback) for o in item.options]
            assert fields["original_answer_ids"] == ",".join(idents)
            for ident, key, text in zip(idents, keys, expected_feedback, strict=True):
                score, shown = run_resprocessing(element, {"response1": {ident}})
                assert "general_fb" in shown and f"{ident}_fb" in shown and feedback[f"{ident}_fb"] == text
                if isinstance(item, MultipleSelect):
                    continue
                assert score / 100 == scorer(key)
            if isinstance(item, MultipleSelect):
                # Canvas scores multiple answers by its own partial-credit rule from which answers are right:
                # the right ones are those required (varequal), the wrong ones excluded (not).
                ident_of = {o.id: stable_id(module, item.id, o.id) for o in item.options}
                score, _ = run_resprocessing(element, {"response1": {ident_of[i] for i in item.answer}})
                assert score == 100
                for response in every_response(item):
                    score, _ = run_resprocessing(element, {"response1": {ident_of[i] for i in response}})
                    assert score == (100 if scorer(response) == 1 else 0)
        elif isinstance(item, ShortAnswer):
            for response, right in [(item.accepted[0], True), (item.accepted[-1], True), ("nonsense", False)]:
                score, shown = run_resprocessing(element, {"response1": {response}})
                assert score == (100 if right else 0)
                assert ("correct_fb" if right else "general_incorrect_fb") in shown
            assert feedback["correct_fb"] == inline_html(item.feedback.correct)
            assert feedback["general_incorrect_fb"] == inline_html(item.feedback.incorrect)
        else:
            assert isinstance(item, Matching | Ordering)
            view = match_view(item)
            lids = element.findall(q("presentation/response_lid"))
            assert [lid.get("ident") for lid in lids] == [f"response_{stable_id(module, item.id, pair.id)}" for pair in view.pairs]
            assert [lid.findtext(q("material/mattext")) for lid in lids] == [inline_html(pair.prompt) for pair in view.pairs]
            choices = {
                label.findtext(q("material/mattext")) or "": label.get("ident", "")
                for label in lids[0].findall(q("render_choice/response_label"))
            }
            assert list(choices) == list(view.answers)
            for response in every_response(item):
                given = as_positions(item, response) if isinstance(item, Ordering) else response
                lid_of = {pair.id: f"response_{stable_id(module, item.id, pair.id)}" for pair in view.pairs}
                score, shown = run_resprocessing(element, {lid_of[pair]: {choices[answer]} for pair, answer in given.items()})
                assert score / 100 == pytest.approx(scorer(response), abs=1e-5), response
                if scorer(response) == 1:
                    assert score == 100
                wrong = [pair for pair in view.pairs if given[pair.id] != pair.answer]
                assert sorted(shown) == sorted(["general_fb", *(f"{stable_id(module, item.id, pair.id)}_fb" for pair in wrong)])
            for pair in view.pairs:
                assert feedback[f"{stable_id(module, item.id, pair.id)}_fb"] == inline_html(pair.feedback)


def element_shape(element: ET.Element, depth: int = 0) -> list[tuple[Any, ...]]:
    """The tags, attribute names and fixed attribute values of an item, in document order (no text or ids)."""
    fixed = ("rcardinality", "texttype", "continue", "feedbacktype", "action", "varname", "maxvalue", "minvalue", "vartype", "respident")
    attributes = tuple(sorted((name, element.get(name) if name in fixed and name != "respident" else "") for name in element.attrib))
    shape = [(depth, element.tag.split("}")[-1], attributes)]
    for child in element:
        shape += element_shape(child, depth + 1)
    return shape


TEXT2QTI_QUIZ = """\
Quiz title: Reference

1.  Which question is open?
... Open questions invite the person to say more.
a)  Did you sleep?
... Closed.
*b) How have your nights been?
... Open.
c)  Sleep is important, right?
... Leading.

2.  Silence can give a person room to think.
... Comfortable silence is part of attending.
*a) True
... Yes.
b)  False
... It can help.

3.  Which are reflections?
... Reflections say back what you heard.
[*] You feel worn out.
... A reflection.
[ ] Why don't you rest?
... Advice.
[*] It sounds like a lot at once.
... A complex reflection.
[ ] Have you tried yoga?
... Advice.

4.  What do we call saying back what you heard?
... Reflections are the R in OARS.
+   Yes.
-   It is a reflection.
*   reflection
*   reflective listening
"""


def test_qti_items_have_the_shape_text2qti_gives_canvas(sample_bank: Bank, tmp_path: Path) -> None:
    text2qti_quiz = pytest.importorskip("text2qti.quiz", reason="text2qti is the reference for what Canvas accepts (test extra)")
    from text2qti.config import Config
    from text2qti.qti import QTI as Text2qti  # noqa: N811

    reference = Text2qti(text2qti_quiz.Quiz(TEXT2QTI_QUIZ, config=Config(), source_name="reference.md"))
    theirs = ET.fromstring(reference.assessment).findall(q("assessment/section/item"))
    _, files = open_qti(export_bytes(sample_bank, "qti", tmp_path))
    ours = {
        item.get("title"): item
        for item in ET.fromstring(files["active-listening/active-listening.xml"]).findall(q("assessment/section/item"))
    }
    for their_item, our_id in zip(theirs, ["s-single", "s-true-false", "s-multiple", "s-short"], strict=True):
        assert metadata(their_item)["question_type"] == metadata(ours[our_id])["question_type"]
        assert element_shape(ours[our_id]) == element_shape(their_item), our_id
    assert ET.fromstring(reference.imsmanifest_xml).find("{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}resources") is not None
    _, their_files = open_qti(reference.zip_bytes())
    # The same package layout, with the assessment's folder named after it.
    assert [name.replace(reference.assessment_identifier, "X") for name in their_files] == [
        name.replace("active-listening", "X") for name in files
    ]


# ---------------------------------------------------------------------------------------------
# Every format: modes, determinism, the command line
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("to", list(EXPORTERS))
def test_exporting_twice_gives_identical_bytes(sample_bank: Bank, tmp_path: Path, to: str) -> None:
    first = export_bytes(sample_bank, to, tmp_path, name="first")
    second = export_bytes(sample_bank, to, tmp_path, name="second")
    assert first == second
    assert export_bytes(sample_bank, to, tmp_path, mode="practice", name="practice") != first


@pytest.mark.parametrize("to", FILE_FORMATS)
def test_modes_choose_the_items(sample_bank: Bank, tmp_path: Path, to: str) -> None:
    practice = export_bytes(sample_bank, to, tmp_path, mode="practice", name="p")
    assessment = export_bytes(sample_bank, to, tmp_path, mode="assessment", name="a")
    for data, has_secret in [(practice, False), (assessment, True)]:
        text = zipfile.ZipFile(io.BytesIO(data)).read("active-listening/active-listening.xml") if to == "qti" else data
        assert (b"ASSESSMENT-ONLY-STEM" in text) is has_secret
        assert (b"Silence can give a person room to think" in text) is not has_secret


def run_cli(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the real console script (one process start costs seconds: use sparingly)."""
    return subprocess.run([str(CLI), *map(str, args)], cwd=cwd, capture_output=True, text=True, check=False)


def invoke(*args: str | Path, cwd: Path, monkeypatch: pytest.MonkeyPatch) -> Result:
    """Run the command in this process, from ``cwd``."""
    monkeypatch.chdir(cwd)
    return CliRunner().invoke(main, [str(arg) for arg in args])


def test_cli_writes_default_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for to, expected in [
        ("gift", "exports/active-listening.gift.txt"),
        ("moodle", "exports/active-listening.moodle.xml"),
        ("qti", "exports/active-listening.qti.zip"),
        ("nbgrader", "exports/nbgrader/source/active-listening-quiz/active-listening-quiz.ipynb"),
    ]:
        result = invoke("export", "quiz", SAMPLE, "--to", to, cwd=tmp_path, monkeypatch=monkeypatch)
        assert result.exit_code == 0, result.output
        assert (tmp_path / expected).is_file()
        assert expected in result.stdout and "9 item(s)" in result.stdout
    leftovers = [path for path in tmp_path.rglob("*") if path.name.endswith(".tmp")]
    assert leftovers == []


def test_cli_help_states_the_default_mode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = invoke("export", "quiz", "--help", cwd=tmp_path, monkeypatch=monkeypatch)
    assert result.exit_code == 0
    assert "[default: all]" in result.stdout and "practice and assessment" in " ".join(result.stdout.split())


def test_cli_reports_a_bad_bank_without_writing(tmp_path: Path) -> None:
    bank = tmp_path / "broken.yml"
    bank.write_text("module: broken-bank\nitems:\n  - id: b-1\n    type: single\n    stem: Which?\n", encoding="utf-8")
    result = run_cli("export", "quiz", bank, "--to", "gift", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert re.search(r"broken\.yml:\d+: ", result.stderr), result.stderr
    assert not (tmp_path / "exports").exists()


def test_cli_reports_an_empty_mode_and_an_unwritable_target(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    practice_only = tmp_path / "practice.yml"
    practice_only.write_text(SAMPLE.read_text(encoding="utf-8").replace("    mode: assessment\n", ""), encoding="utf-8")
    result = invoke("export", "quiz", practice_only, "--to", "moodle", "--mode", "assessment", cwd=tmp_path, monkeypatch=monkeypatch)
    assert result.exit_code == 1 and "no assessment items" in result.stderr and result.exception is not None
    assert isinstance(result.exception, SystemExit)
    target = tmp_path / "taken"
    target.mkdir()
    result = invoke("export", "quiz", SAMPLE, "--to", "gift", "--out", target, cwd=tmp_path, monkeypatch=monkeypatch)
    assert result.exit_code == 1 and f"{target}: cannot write" in result.stderr and isinstance(result.exception, SystemExit)
    assert list(target.iterdir()) == [] and [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_failed_write_keeps_the_previous_file(sample_bank: Bank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path, _ = export_bank(sample_bank, "gift", tmp_path / "bank.gift.txt")
    before = path.read_bytes()

    def failing_replace(self: Path, target: Any) -> Path:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(Path, "replace", failing_replace)
        with pytest.raises(OSError, match="No space"):
            write_atomically(path, b"half")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bank.gift.txt"]
