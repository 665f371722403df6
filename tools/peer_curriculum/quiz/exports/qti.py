"""Export a bank as a QTI 1.2 zip for Canvas (Classic Quizzes import, also read by New Quizzes).

The package follows what text2qti 0.8.0 writes and Canvas's own QTI export
(``lib/cc/qti/qti_items.rb``) produces::

    imsmanifest.xml                    resources: the assessment and its Canvas metadata
    non_cc_assessments/                (empty folder, as Canvas and text2qti write it)
    <module>/<module>.xml              the questestinterop assessment
    <module>/assessment_meta.xml       Canvas quiz settings (title, points, shuffling)

Each item is an ``<item>`` titled with its id and ``points_possible`` its points. Feedback is kept:
the explanation is the general feedback (``general_fb``, shown whatever the answer), each option's
feedback is an ``itemfeedback`` named ``<answer ident>_fb`` shown by a ``displayfeedback`` when
that option is chosen, and short answers carry ``correct_fb`` / ``general_incorrect_fb``.

How each item type maps:

- ``single``: ``multiple_choice_question``; ``multiple``: ``multiple_answers_question`` (Canvas
  scores it by its own partial-credit rule, which is the grader's: right choices share the points,
  each wrong choice takes away as much, never below 0).
- ``true-false``: ``true_false_question`` with answers True and False, each with its feedback.
- ``short-answer``: ``short_answer_question``; Canvas compares ignoring case only.
- ``matching``: ``matching_question``, one ``response_lid`` per prompt offering every answer and
  distractor; each right match adds an equal share of 100 (to 4 decimals, the last share
  making the total exactly 100), and the pair's feedback shows when the
  match is wrong (Canvas's own encoding of per-answer comments on matching questions).
- ``ordering``: ``matching_question`` of positions: each option is a prompt to match with its
  position (``1st``, ``2nd``...), scored as the share of options in their right place, which is the
  grader's ordering rule; an option's feedback shows when its position is wrong. (Canvas Classic
  has no ordering question; New Quizzes' ordering does not import from QTI 1.2.)
- vignette parts: one item each, whose text starts with the vignette's title and scenario.

Reproducible: identifiers are hashes of (module, item id, option id) — never random — and the zip
has fixed entry order, timestamps (1980-01-01), permissions and no compression (``ZIP_STORED``, so
the bytes do not depend on the zlib build), so exporting twice gives identical bytes.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile

from peer_curriculum.quiz.bank import Question
from peer_curriculum.quiz.exports.common import block_html, format_number, match_view, question_html, stable_id
from peer_curriculum.quiz.models import Bank, Matching, MultipleSelect, Ordering, ShortAnswer, SingleChoice, TrueFalse
from peer_curriculum.quiz.site import inline_html

QTI_NAMESPACE = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
XSI_NAMESPACE = "http://www.w3.org/2001/XMLSchema-instance"
CANVAS_NAMESPACE = "http://canvas.instructure.com/xsd/cccv1p0"
MANIFEST_NAMESPACE = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
IMSMD_NAMESPACE = "http://www.imsglobal.org/xsd/imsmd_v1p2"

QUESTION_TYPES = {
    "single": "multiple_choice_question",
    "multiple": "multiple_answers_question",
    "true-false": "true_false_question",
    "short-answer": "short_answer_question",
    "matching": "matching_question",
    "ordering": "matching_question",
}

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
FILE_MODE = 0o100644
FOLDER_MODE = 0o40755
_MSDOS_DIRECTORY = 0x10
_UNIX = 3


def _to_bytes(root: ET.Element) -> bytes:
    ET.indent(root, space="  ")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n").encode("utf-8")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    if text is not None:
        element.text = text
    return element


def _material(parent: ET.Element, html_text: str | None = None, plain_text: str | None = None) -> None:
    material = _sub(parent, "material")
    if html_text is not None:
        _sub(material, "mattext", html_text, texttype="text/html")
    else:
        _sub(material, "mattext", plain_text)


def _metadata(item: ET.Element, fields: list[tuple[str, str]]) -> None:
    qtimetadata = _sub(_sub(item, "itemmetadata"), "qtimetadata")
    for label, entry in fields:
        field = _sub(qtimetadata, "qtimetadatafield")
        _sub(field, "fieldlabel", label)
        _sub(field, "fieldentry", entry)


def _respcondition(parent: ET.Element, cont: str, *, equal: tuple[str, str] | None = None, negate: bool = False) -> ET.Element:
    condition = _sub(parent, "respcondition", **{"continue": cont})
    conditionvar = _sub(condition, "conditionvar")
    if equal is None:
        _sub(conditionvar, "other")
    else:
        target = _sub(conditionvar, "not") if negate else conditionvar
        _sub(target, "varequal", equal[1], respident=equal[0])
    return condition


def _feedback_link(condition: ET.Element, ident: str) -> None:
    _sub(condition, "displayfeedback", feedbacktype="Response", linkrefid=ident)


def _item_feedback(item: ET.Element, ident: str, html_text: str) -> None:
    _material(_sub(_sub(item, "itemfeedback", ident=ident), "flow_mat"), html_text)


class _ItemWriter:
    """Writes one question as a QTI ``<item>``, with idents derived from the module and item ids."""

    def __init__(self, module: str, question: Question) -> None:
        self.module = module
        self.question = question
        self.item = question.item

    def ident(self, *parts: str) -> str:
        return stable_id(self.module, self.item.id, *parts)

    def write(self, section: ET.Element) -> None:
        item = self.item
        element = _sub(section, "item", ident=self.ident(), title=item.id)
        answer_ids, feedback = self._answer_ids_and_feedback()
        _metadata(
            element,
            [
                ("question_type", QUESTION_TYPES[item.type]),
                ("points_possible", format_number(item.points)),
                ("original_answer_ids", ",".join(answer_ids)),
                ("assessment_question_identifierref", stable_id(self.module, item.id, "assessment-question")),
            ],
        )
        presentation = _sub(element, "presentation")
        _material(presentation, question_html(self.question))
        processing = _sub(element, "resprocessing")
        outcomes = _sub(processing, "outcomes")
        _sub(outcomes, "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
        _feedback_link(_respcondition(processing, "Yes"), "general_fb")
        if isinstance(item, Matching | Ordering):
            self._matching(presentation, processing)
        elif isinstance(item, ShortAnswer):
            self._short_answer(presentation, processing)
        else:
            self._choices(presentation, processing)
        _item_feedback(element, "general_fb", block_html(item.explanation))
        if isinstance(item, ShortAnswer):
            _item_feedback(element, "correct_fb", inline_html(item.feedback.correct))
            _item_feedback(element, "general_incorrect_fb", inline_html(item.feedback.incorrect))
        for ident, text in feedback:
            _item_feedback(element, f"{ident}_fb", inline_html(text))

    def _answer_ids_and_feedback(self) -> tuple[list[str], list[tuple[str, str]]]:
        """The answers' idents (``original_answer_ids``) and the per-answer feedback ``(ident, text)``."""
        item = self.item
        if isinstance(item, SingleChoice | MultipleSelect):
            pairs = [(self.ident(option.id), option.feedback) for option in item.options]
        elif isinstance(item, TrueFalse):
            pairs = [(self.ident("true"), item.feedback.true), (self.ident("false"), item.feedback.false)]
        elif isinstance(item, Matching | Ordering):
            pairs = [(self.ident(pair.id), pair.feedback) for pair in match_view(item).pairs]
        else:
            assert isinstance(item, ShortAnswer)
            return [self.ident("accepted", str(number)) for number in range(len(item.accepted))], []
        return [ident for ident, _ in pairs], pairs

    def _choices(self, presentation: ET.Element, processing: ET.Element) -> None:
        item = self.item
        if isinstance(item, TrueFalse):
            choices = [(self.ident("true"), "True"), (self.ident("false"), "False")]
            right = {self.ident("true" if item.answer else "false")}
        else:
            assert isinstance(item, SingleChoice | MultipleSelect)
            choices = [(self.ident(option.id), inline_html(option.text)) for option in item.options]
            right = (
                {self.ident(item.correct_id)} if isinstance(item, SingleChoice) else {self.ident(option_id) for option_id in item.answer}
            )
        cardinality = "Multiple" if isinstance(item, MultipleSelect) else "Single"
        render_choice = _sub(_sub(presentation, "response_lid", ident="response1", rcardinality=cardinality), "render_choice")
        for ident, text in choices:
            _material(_sub(render_choice, "response_label", ident=ident), text)
        for ident, _ in choices:
            _feedback_link(_respcondition(processing, "Yes", equal=("response1", ident)), f"{ident}_fb")
        if isinstance(item, MultipleSelect):
            scoring = _sub(processing, "respcondition", **{"continue": "No"})
            every = _sub(_sub(scoring, "conditionvar"), "and")
            for ident, _ in choices:
                target = every if ident in right else _sub(every, "not")
                _sub(target, "varequal", ident, respident="response1")
        else:
            scoring = _respcondition(processing, "No", equal=("response1", next(iter(right))))
        _sub(scoring, "setvar", "100", action="Set", varname="SCORE")

    def _short_answer(self, presentation: ET.Element, processing: ET.Element) -> None:
        item = self.item
        assert isinstance(item, ShortAnswer)
        response = _sub(presentation, "response_str", ident="response1", rcardinality="Single")
        _sub(_sub(response, "render_fib"), "response_label", ident="answer1", rshuffle="No")
        scoring = _sub(processing, "respcondition", **{"continue": "No"})
        conditionvar = _sub(scoring, "conditionvar")
        for accepted in item.accepted:
            _sub(conditionvar, "varequal", accepted, respident="response1")
        _sub(scoring, "setvar", "100", action="Set", varname="SCORE")
        _feedback_link(scoring, "correct_fb")
        _feedback_link(_respcondition(processing, "Yes"), "general_incorrect_fb")

    def _matching(self, presentation: ET.Element, processing: ET.Element) -> None:
        item = self.item
        assert isinstance(item, Matching | Ordering)
        view = match_view(item)
        answer_ident = {}
        for pair in view.pairs:
            answer_ident[pair.answer] = self.ident(pair.id, "match")
        for number, answer in enumerate(view.answers):
            answer_ident.setdefault(answer, self.ident("extra", str(number)))
        # Equal shares of 100 to 4 decimals; the last takes the remainder, so all right is exactly 100.
        shares = [round(100 / len(view.pairs), 4)] * (len(view.pairs) - 1)
        shares.append(round(100 - sum(shares), 4))
        for pair in view.pairs:
            response = _sub(presentation, "response_lid", ident=f"response_{self.ident(pair.id)}")
            _material(response, inline_html(pair.prompt))
            render_choice = _sub(response, "render_choice")
            for answer in view.answers:
                _material(_sub(render_choice, "response_label", ident=answer_ident[answer]), plain_text=answer)
        for pair, share in zip(view.pairs, shares, strict=True):
            respident = f"response_{self.ident(pair.id)}"
            right = _respcondition(processing, "Yes", equal=(respident, answer_ident[pair.answer]))
            _sub(right, "setvar", format_number(share, 4), action="Add", varname="SCORE")
            wrong = _respcondition(processing, "Yes", equal=(respident, answer_ident[pair.answer]), negate=True)
            _feedback_link(wrong, f"{self.ident(pair.id)}_fb")


def assessment_xml(bank: Bank, selected: list[Question], identifier: str, title: str) -> bytes:
    """The ``questestinterop`` document of the assessment."""
    root = ET.Element("questestinterop", {"xmlns": QTI_NAMESPACE, "xmlns:xsi": XSI_NAMESPACE})
    root.set("xsi:schemaLocation", f"{QTI_NAMESPACE} http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd")
    assessment = _sub(root, "assessment", ident=identifier, title=title)
    field = _sub(_sub(assessment, "qtimetadata"), "qtimetadatafield")
    _sub(field, "fieldlabel", "cc_maxattempts")
    _sub(field, "fieldentry", "1")
    section = _sub(assessment, "section", ident="root_section")
    for question in selected:
        _ItemWriter(bank.module, question).write(section)
    return _to_bytes(root)


def assessment_meta_xml(bank: Bank, selected: list[Question], identifier: str, title: str, mode: str) -> bytes:
    """Canvas's quiz settings (``assessment_meta.xml``), as text2qti writes them."""
    points = f"{sum(question.item.points for question in selected):.1f}"
    root = ET.Element("quiz", {"identifier": identifier, "xmlns": CANVAS_NAMESPACE, "xmlns:xsi": XSI_NAMESPACE})
    root.set("xsi:schemaLocation", f"{CANVAS_NAMESPACE} https://canvas.instructure.com/xsd/cccv1p0.xsd")
    settings: list[tuple[str, str]] = [
        ("title", title),
        ("description", f"<p>{len(selected)} questions from the {bank.module} quiz bank ({mode} items).</p>"),
        ("shuffle_answers", "true" if bank.shuffle_options else "false"),
        ("scoring_policy", "keep_highest"),
        ("hide_results", ""),
        ("quiz_type", "assignment"),
        ("points_possible", points),
        ("require_lockdown_browser", "false"),
        ("require_lockdown_browser_for_results", "false"),
        ("require_lockdown_browser_monitor", "false"),
        ("show_correct_answers", "true"),
        ("anonymous_submissions", "false"),
        ("could_be_locked", "false"),
        ("allowed_attempts", "1"),
        ("one_question_at_a_time", "false"),
        ("cant_go_back", "false"),
        ("available", "false"),
        ("one_time_results", "false"),
        ("show_correct_answers_last_attempt", "false"),
        ("only_visible_to_overrides", "false"),
        ("module_locked", "false"),
    ]
    for tag, text in settings:
        _sub(root, tag, text)
    assignment = _sub(root, "assignment", identifier=stable_id(bank.module, "assignment", mode))
    for tag, text in [
        ("title", title),
        ("workflow_state", "unpublished"),
        ("quiz_identifierref", identifier),
        ("points_possible", points),
        ("grading_type", "points"),
        ("submission_types", "online_quiz"),
        ("position", "1"),
    ]:
        _sub(assignment, tag, text)
    _sub(root, "assignment_group_identifierref", stable_id(bank.module, "assignment-group", mode))
    return _to_bytes(root)


def manifest_xml(bank: Bank, identifier: str, mode: str) -> bytes:
    """``imsmanifest.xml``: the assessment resource and the Canvas metadata it depends on (no dates, for reproducibility)."""
    module = bank.module
    root = ET.Element(
        "manifest",
        {
            "identifier": stable_id(module, "manifest", mode),
            "xmlns": MANIFEST_NAMESPACE,
            "xmlns:imsmd": IMSMD_NAMESPACE,
            "xmlns:xsi": XSI_NAMESPACE,
        },
    )
    root.set(
        "xsi:schemaLocation",
        f"{MANIFEST_NAMESPACE} http://www.imsglobal.org/xsd/imscp_v1p1.xsd {IMSMD_NAMESPACE} http://www.imsglobal.org/xsd/imsmd_v1p2p2.xsd",
    )
    metadata = _sub(root, "metadata")
    _sub(metadata, "schema", "IMS Content")
    _sub(metadata, "schemaversion", "1.1.3")
    title = _sub(_sub(_sub(metadata, "imsmd:lom"), "imsmd:general"), "imsmd:title")
    _sub(title, "imsmd:string", f"QTI assessment of the {module} quiz bank, exported by peer-curriculum")
    _sub(root, "organizations")
    resources = _sub(root, "resources")
    dependency = stable_id(module, "assessment-meta", mode)
    resource = _sub(resources, "resource", identifier=identifier, type="imsqti_xmlv1p2")
    _sub(resource, "file", href=f"{module}/{module}.xml")
    _sub(resource, "dependency", identifierref=dependency)
    meta_path = f"{module}/assessment_meta.xml"
    meta = _sub(
        resources, "resource", identifier=dependency, type="associatedcontent/imscc_xmlv1p1/learning-application-resource", href=meta_path
    )
    _sub(meta, "file", href=meta_path)
    return _to_bytes(root)


def _zip_entry(name: str, *, folder: bool = False) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = zipfile.ZIP_STORED
    info.create_system = _UNIX
    info.external_attr = (FOLDER_MODE << 16) | _MSDOS_DIRECTORY if folder else FILE_MODE << 16
    return info


def render(bank: Bank, selected: list[Question], mode: str) -> bytes:
    """The QTI zip for ``selected`` items of ``bank``, byte-identical for the same input."""
    module = bank.module
    identifier = stable_id(module, "assessment", mode)
    title = bank.title or module
    entries = [
        ("imsmanifest.xml", manifest_xml(bank, identifier, mode)),
        ("non_cc_assessments/", None),
        (f"{module}/assessment_meta.xml", assessment_meta_xml(bank, selected, identifier, title, mode)),
        (f"{module}/{module}.xml", assessment_xml(bank, selected, identifier, title)),
    ]
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        for name, data in entries:
            archive.writestr(_zip_entry(name, folder=data is None), b"" if data is None else data)
    return stream.getvalue()
