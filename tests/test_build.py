"""Do real MkDocs builds produce both editions correctly, offline and reproducibly?"""

from __future__ import annotations

import functools
import hashlib
import re
from pathlib import Path

import pytest

from conftest import ROOT, build_site, copy_project
from peer_curriculum import Reporter, load_curriculum
from peer_curriculum.edition import trainer_only_texts
from peer_curriculum.quiz.bank import item_texts, questions
from peer_curriculum.scenario.learner import learner_notebook

pytestmark = pytest.mark.build

TEXT_SUFFIXES = {".html", ".json", ".js", ".xml", ".txt", ".css", ".ipynb"}
WORD_RE = re.compile(r"[a-z0-9]+")


def words(text: str) -> str:
    """Lowercase words only, so HTML, JSON and Markdown renderings of one sentence compare equal."""
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"&[#a-z0-9]+;|\\u[0-9a-f]{4}|\\[nrt]", " ", text, flags=re.IGNORECASE)
    return " ".join(WORD_RE.findall(text.lower()))


def site_words(site: Path) -> str:
    return "\n".join(words(p.read_text(encoding="utf-8", errors="replace")) for p in sorted(site.rglob("*")) if p.suffix in TEXT_SUFFIXES)


def fingerprints(text: str, size: int = 8) -> list[str]:
    """Runs of ``size`` words from each prose line of trainer-only text (lines shorter than that are skipped)."""
    runs = []
    for line in text.splitlines():
        if line.lstrip().startswith(("#", "|", ":::", "---")):
            continue
        line = re.sub(r"^\s*(?:\d+\.|[-*+])\s+", "", line)  # list markers are not text in HTML
        tokens = words(re.sub(r"\]\([^)]*\)", "]", line)).split()
        if len(tokens) >= size:
            runs.append(" ".join(tokens[:size]))
    return runs


@functools.cache
def public_source_words() -> str:
    """Every word that learners may legitimately see, taken from the sources (not from a build).

    Learner pages (trainer notes cut out), the curriculum data, practice items and the learner's
    copies of the scenario notebooks (without rubrics). Trainer pages may quote these (an objective, a source title); only text found
    nowhere here is trainer-only, and only that is looked for in the learner site.
    """
    curriculum = load_curriculum(ROOT, Reporter(ROOT))
    trainer_blocks = {text for _, text in trainer_only_texts(curriculum)}
    parts = []
    for page in curriculum.pages:
        if page.trainer_only:
            continue
        text = page.path.read_text(encoding="utf-8")
        for block in trainer_blocks:
            text = text.replace(block, " ")
        parts.append(text)
    parts += [path.read_text(encoding="utf-8") for path in sorted((ROOT / "curriculum").glob("*.yml"))]
    parts += [learner_notebook(path).decode("utf-8") for path in sorted((ROOT / "scenarios").rglob("*.ipynb"))]
    for loaded in curriculum.banks:
        parts += [text for question in questions(loaded.bank) if question.mode == "practice" for text in item_texts(question)]
    # One stream, not one line per source line: a sentence wrapped over two source lines is one run of words on the site.
    # Link targets go, as in `fingerprints`: the site shows a link's text, never its path.
    return " ".join(
        words(re.sub(r"\]\([^)]*\)", "]", re.sub(r"^\s*(?:\d+\.|[-*+])\s+", "", line))) for part in parts for line in part.splitlines()
    )


def leaked_runs(site: Path, runs: list[str]) -> list[str]:
    """The ``runs`` that a built site holds anywhere in its text."""
    corpus = site_words(site)
    return [run for run in runs if run in corpus]


def unpublished_runs(texts: list[str], size: int) -> list[str]:
    """Fingerprints of ``texts`` that no public source holds (shared phrasing with a lesson is not a leak)."""
    public = public_source_words()
    runs = [run for text in texts for run in fingerprints(text, size=size) if run not in public]
    assert runs, "nothing to test with"
    return runs


@pytest.fixture(scope="module")
def assessment_fingerprints() -> list[str]:
    """Runs of words from every assessment item of every bank (scenarios of assessment vignettes included)."""
    curriculum = load_curriculum(ROOT, Reporter(ROOT))
    texts = [
        text
        for loaded in curriculum.banks
        for question in questions(loaded.bank)
        if question.mode == "assessment"
        for text in item_texts(question)
    ]
    return unpublished_runs(texts, size=8)


@pytest.fixture(scope="module")
def trainer_fingerprints() -> list[str]:
    curriculum = load_curriculum(ROOT, Reporter(ROOT))
    return unpublished_runs([text for _, text in trainer_only_texts(curriculum)], size=8)


def test_learner_site_has_home_modules_and_generated_pages(learner_site: Path) -> None:
    assert (learner_site / "index.html").is_file()
    overview = (learner_site / "curriculum/index.html").read_text(encoding="utf-8")
    assert "Engages peers in collaborative and caring relationships" in overview
    assert "Mentoring/Education" in overview
    glossary = (learner_site / "glossary/index.html").read_text(encoding="utf-8")
    assert 'id="term-active-listening"' in glossary
    module = (learner_site / "modules/active-listening/index.html").read_text(encoding="utf-8")
    assert 'id="objective-al-open-questions"' in module
    assert (learner_site / "modules/active-listening/why-listening/index.html").is_file()


def test_learner_edition_contains_no_trainer_content(learner_site: Path, trainer_fingerprints: list[str]) -> None:
    leaked = leaked_runs(learner_site, trainer_fingerprints)
    assert not leaked, f"trainer-only text in the learner site: {leaked[:5]}"
    assert not list(learner_site.rglob("trainer")), "trainer pages were published in the learner edition"
    for page in learner_site.rglob("*.html"):
        assert 'data-edition="trainer"' not in page.read_text(encoding="utf-8"), page


def test_learner_edition_contains_no_assessment_item(learner_site: Path, assessment_fingerprints: list[str]) -> None:
    leaked = leaked_runs(learner_site, assessment_fingerprints)
    assert not leaked, f"assessment item text in the learner site: {leaked[:5]}"


@pytest.fixture(scope="module")
def rubric_fingerprints() -> list[str]:
    """Runs of words from every scenario's reflection rubrics (criteria and level descriptions)."""
    curriculum = load_curriculum(ROOT, Reporter(ROOT))
    texts = [
        text
        for scenario in curriculum.scenarios
        for reflection in scenario.reflections
        for criterion in reflection.rubric
        for text in (criterion.criterion, *(level.description for level in criterion.levels))
    ]
    return unpublished_runs(texts, size=6)


def test_learner_edition_contains_no_rubric(learner_site: Path, rubric_fingerprints: list[str]) -> None:
    """Neither the scenario pages nor the downloadable notebooks of the learner edition hold a rubric."""
    leaked = leaked_runs(learner_site, rubric_fingerprints)
    assert not leaked, f"rubric text in the learner site: {leaked[:5]}"


def test_trainer_edition_has_the_rubrics(trainer_site: Path, rubric_fingerprints: list[str]) -> None:
    pages = "\n".join(words(p.read_text(encoding="utf-8")) for p in trainer_site.rglob("scenario-*/index.html"))
    missing = [run for run in rubric_fingerprints if run not in pages]
    assert not missing, f"rubric text missing from the trainer edition's scenario pages: {missing[:5]}"


def test_trainer_edition_has_the_assessment_key(trainer_site: Path, assessment_fingerprints: list[str]) -> None:
    """The leak test above can fail: the same text is in the trainer edition's answer key."""
    corpus = site_words(trainer_site)
    missing = [run for run in assessment_fingerprints if run not in corpus]
    assert not missing, f"assessment items missing from the trainer key: {missing[:5]}"


def test_quiz_is_not_in_the_search_index(learner_site: Path) -> None:
    """Questions, options and feedback stay out of search; the page's own prose stays in."""
    import json

    index = json.loads((learner_site / "search/search_index.json").read_text(encoding="utf-8"))
    quiz_docs = [doc for doc in index["docs"] if doc["location"].startswith("modules/active-listening/practice-quiz/")]
    assert quiz_docs, "the practice quiz page is not in the search index at all"
    corpus = words(" ".join(doc["text"] + " " + doc["title"] for doc in quiz_docs))
    assert "practice" in corpus
    curriculum = load_curriculum(ROOT, Reporter(ROOT))
    practice = [q for loaded in curriculum.banks for q in questions(loaded.bank) if q.mode == "practice"]
    assert practice
    for question in practice:
        for text in item_texts(question):
            for run in fingerprints(text, size=5):
                assert run not in corpus, f"{question.id} is searchable: {run}"


def test_quiz_assets_load_only_where_needed(learner_site: Path) -> None:
    home = (learner_site / "index.html").read_text(encoding="utf-8")
    assert "quiz.js" not in home and "peer.js" in home
    quiz_page = (learner_site / "modules/active-listening/practice-quiz/index.html").read_text(encoding="utf-8")
    assert "data-peer-quiz=" in quiz_page


def test_trainer_edition_contains_the_trainer_content(trainer_site: Path, trainer_fingerprints: list[str]) -> None:
    """The leak test above can fail: the same fingerprints are found in the trainer edition."""
    corpus = site_words(trainer_site)
    missing = [run for run in trainer_fingerprints if run not in corpus]
    assert not missing, f"trainer text missing from the trainer edition: {missing[:5]}"
    assert (trainer_site / "modules/active-listening/trainer/facilitator-notes/index.html").is_file()
    assert "Trainer edition" in (trainer_site / "index.html").read_text(encoding="utf-8")


def test_built_pages_reference_no_other_host(learner_site: Path) -> None:
    pattern = re.compile(r"""<(?:script|link|img|iframe|source|video|audio)\b[^>]*\b(?:src|href)=["'](?:https?:)?//""", re.IGNORECASE)
    for page in learner_site.rglob("*.html"):
        found = pattern.findall(page.read_text(encoding="utf-8"))
        assert not found, f"{page} loads from another host: {found}"
        assert "fonts.googleapis" not in page.read_text(encoding="utf-8")


def _digest(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(site.rglob("*")) if p.is_file()}


def test_rebuilds_are_byte_identical(tmp_path: Path, learner_site: Path) -> None:
    again = tmp_path / "again"
    result = build_site(ROOT, again)
    assert result.returncode == 0, result.stderr
    assert _digest(again) == _digest(learner_site)


def test_data_that_does_not_load_fails_the_strict_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    module = project / "modules/active-listening/index.md"
    module.write_text(module.read_text(encoding="utf-8").replace("self_study_hours: 5", "self_study_hours: five", 1), encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert "modules/active-listening/index.md:7: error: `self_study_hours`" in result.stderr


def test_a_broken_internal_link_fails_the_strict_build(tmp_path: Path) -> None:
    """Cross-checks run in `peer-curriculum check`; MkDocs itself still refuses broken links under --strict."""
    project = copy_project(tmp_path / "project")
    lesson = project / "modules/active-listening/why-listening.md"
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\nSee [nothing](no-such-page.md).\n", encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert "no-such-page.md" in result.stderr


def test_scenario_pages_warn_once(learner_site: Path) -> None:
    """A scenario page with its own content note does not repeat the scenario's note below it."""
    curriculum = load_curriculum(ROOT, Reporter(ROOT))
    noted = {scenario.meta.id for scenario in curriculum.scenarios if scenario.meta.content_note}
    pages = sorted(learner_site.glob("modules/*/scenario-*/index.html"))
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        notes = html.count("peer-note--content-note")
        scenario_id = re.search(r'data-peer-scenario="([^"]+)"', html)
        assert scenario_id, page
        assert notes <= 1, f"{page}: {notes} content notes"
        if scenario_id.group(1) in noted:
            assert notes == 1, f"{page}: the scenario's content note is missing"
