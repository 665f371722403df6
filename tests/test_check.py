"""Does ``peer-curriculum check`` find each kind of problem, at the right ``path:line``?"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_project
from peer_curriculum import Reporter, load_curriculum, run_checks

CLI = Path(sys.executable).parent / "peer-curriculum"


def check(root: Path) -> Reporter:
    reporter = Reporter(root)
    run_checks(load_curriculum(root, reporter), reporter)
    return reporter


def replace(path: Path, old: str, new: str, count: int = 1) -> int:
    """Replace text in a file and return the 1-based line of the first replacement."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return line


def line_of(path: Path, needle: str) -> int:
    text = path.read_text(encoding="utf-8")
    return text[: text.index(needle)].count("\n") + 1


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def test_real_curriculum_has_no_errors(project_root: Path) -> None:
    reporter = check(project_root)
    assert reporter.errors == [], "\n".join(f.format() for f in reporter.errors)


def test_broken_copy_reports_each_problem_with_path_and_line(project: Path) -> None:
    """The acceptance case: YAML syntax error, unknown competency, duplicate objective, image without alt, broken link."""
    glossary = project / "curriculum/glossary.yml"
    yaml_line = replace(glossary, "terms:\n", "terms:\n  - term: [unclosed\n")
    module = project / "modules/active-listening/index.md"
    competency_line = line_of(module, "competencies: [listen-with-attention, communicate-respectfully]")
    replace(module, "competencies: [listen-with-attention, communicate-respectfully]", "competencies: [listen-with-atention]")
    duplicate_line = replace(module, "- id: al-open-questions", "- id: al-attending")
    lesson = project / "modules/active-listening/why-listening.md"
    text = lesson.read_text(encoding="utf-8")
    body_line = text.count("\n", 0, text.index("\n# ")) + 2
    lines = text.splitlines(keepends=True)
    lines.insert(body_line, "\n![](listening.png)\n\nSee [the missing page](no-such-page.md).\n")
    lesson.write_text("".join(lines), encoding="utf-8")
    image_line = body_line + 2

    result = subprocess.run([str(CLI), "check", "--root", str(project)], capture_output=True, text=True, check=False)

    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    out = result.stdout
    assert f"curriculum/glossary.yml:{yaml_line + 1}: error: YAML syntax error" in out or (
        f"curriculum/glossary.yml:{yaml_line + 2}: error: YAML syntax error" in out
    ), out
    assert f"modules/active-listening/index.md:{competency_line}: error: unknown competency id `listen-with-atention`" in out, out
    assert f"modules/active-listening/index.md:{duplicate_line}: error: duplicate objective id `al-attending`" in out, out
    assert f"modules/active-listening/why-listening.md:{image_line}: error: image `listening.png` has no alt text" in out, out
    assert f"modules/active-listening/why-listening.md:{image_line + 2}: error: broken link `no-such-page.md`" in out, out


def test_schema_errors_name_the_field_and_line(project: Path) -> None:
    module = project / "modules/active-listening/index.md"
    hours_line = replace(module, "self_study_hours: 5", "self_study_hours: five")
    typo_line = replace(module, "workshop_hours: 3", "workshop_hours: 3\nobjectivs: []")
    reporter = check(project)
    messages = {(f.path, f.line): f.message for f in reporter.errors}
    assert "self_study_hours" in messages[("modules/active-listening/index.md", hours_line)]
    assert "unknown field `objectivs`" in messages[("modules/active-listening/index.md", typo_line + 1)]


def test_unknown_module_in_track_and_prerequisite(project: Path) -> None:
    tracks = project / "curriculum/tracks.yml"
    track_line = replace(tracks, "- foundations", "- foundation") if "- foundations" in tracks.read_text() else None
    if track_line is None:
        track_line = replace(tracks, "[foundations,", "[foundation,")
    module = project / "modules/active-listening/index.md"
    prerequisite_line = replace(module, "prerequisites: [foundations]", "prerequisites: [basics]")
    formatted = [f.format() for f in check(project).errors]
    assert any(f.startswith(f"curriculum/tracks.yml:{track_line}: error: unknown module id `foundation`") for f in formatted), formatted
    assert (
        f"modules/active-listening/index.md:{prerequisite_line}: error: unknown prerequisite module `basics`; "
        "use a folder name under modules/" in formatted
    )


def test_broken_anchor_and_trainer_link(project: Path) -> None:
    page = project / "docs/start/trainees.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(
        text + "\n[gone](../glossary.md#term-nothing)\n\n[ok](../glossary.md#term-oars)\n\n"
        "[notes](../modules/active-listening/trainer/facilitator-notes.md)\n",
        encoding="utf-8",
    )
    last = text.count("\n") + 1
    formatted = [f.format() for f in check(project).errors]
    assert any(f.startswith(f"docs/start/trainees.md:{last + 1}: error: anchor `#term-nothing`") for f in formatted), formatted
    assert not any(f.startswith(f"docs/start/trainees.md:{last + 3}:") for f in formatted), formatted
    assert any(f.startswith(f"docs/start/trainees.md:{last + 5}: error: link to trainer-only page") for f in formatted), formatted


def test_sensitive_page_needs_a_content_note(project: Path) -> None:
    lesson = project / "modules/active-listening/why-listening.md"
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(text + "\nSome people who attend have lost a friend to suicide.\n", encoding="utf-8")
    reporter = check(project)
    expected = text.count("\n") + 2
    assert any(
        f.path == "modules/active-listening/why-listening.md" and f.line == expected and "content note" in f.message
        for f in reporter.errors
    ), [f.format() for f in reporter.errors]


def test_a_title_may_name_the_topic_but_the_next_line_may_not(project: Path) -> None:
    """The page title names the topic (as the navigation does); the note must come before any body text does."""
    lesson = project / "modules/active-listening/why-listening.md"
    replace(lesson, "# Why listening matters\n", "# Why listening matters after a suicide\n")
    assert not [f for f in check(project).errors if "content note" in f.message]
    line = replace(
        lesson, "# Why listening matters after a suicide\n", "# Why listening matters after a suicide\n\nA suicide touches many.\n"
    )
    assert [f for f in check(project).errors if "content note" in f.message and f.line == line + 2], "body text is not exempt"


def test_content_note_before_the_mention_satisfies_the_check(project: Path) -> None:
    lesson = project / "modules/active-listening/why-listening.md"
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(
        text + "\n::: content-note\nThis section mentions suicide.\n:::\n\nSome have lost a friend to suicide.\n", encoding="utf-8"
    )
    assert not [f for f in check(project).errors if "content note" in f.message]


def test_unknown_and_unclosed_blocks(project: Path) -> None:
    lesson = project / "modules/active-listening/why-listening.md"
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(
        text + "\n::: quizz active-listening\n:::\n\n::: objectives nowhere\n:::\n\n::: trainer-note\nNever closed\n", encoding="utf-8"
    )
    start = text.count("\n") + 2
    formatted = [f.format() for f in check(project).errors]
    prefix = "modules/active-listening/why-listening.md"
    assert any(f.startswith(f"{prefix}:{start}: error: unknown block `::: quizz`") for f in formatted), formatted
    assert any(f.startswith(f"{prefix}:{start + 3}: error: unknown module `nowhere`") for f in formatted), formatted
    assert any(f.startswith(f"{prefix}:{start + 6}: error: block `::: trainer-note` is never closed") for f in formatted), formatted


def test_unassessed_objectives_are_warnings_until_a_quiz_assesses_them(project: Path) -> None:
    (project / "quizzes/active-listening.yml").unlink(missing_ok=True)
    shutil.rmtree(project / "scenarios", ignore_errors=True)
    warnings = [f for f in check(project).warnings if "not assessed" in f.message]
    assert any("`al-attending`" in f.message for f in warnings)
    (project / "quizzes").mkdir(exist_ok=True)
    (project / "quizzes/active-listening.yml").write_text(
        "module: active-listening\nitems:\n  - id: q-attend\n    type: true-false\n    objectives: [al-attending]\n"
        "    stem: Silence can help.\n    answer: true\n    explanation: It gives room to think.\n"
        "    feedback: {true: Yes., false: Not quite.}\n",
        encoding="utf-8",
    )
    warnings = [f for f in check(project).warnings if "not assessed" in f.message]
    assert not any("`al-attending`" in f.message for f in warnings)


def test_missing_data_file_is_an_error_not_a_crash(project: Path) -> None:
    (project / "curriculum/competencies.yml").unlink()
    result = subprocess.run([str(CLI), "check", "--root", str(project)], capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "curriculum/competencies.yml:1: error: missing data file" in result.stdout
    assert "Traceback" not in result.stderr


def test_clean_copy_exits_zero_and_strict_fails_on_warnings(project: Path) -> None:
    ok = subprocess.run([str(CLI), "check", "--root", str(project)], capture_output=True, text=True, check=False)
    assert ok.returncode == 0, ok.stdout
    strict = subprocess.run([str(CLI), "check", "--strict", "--root", str(project)], capture_output=True, text=True, check=False)
    assert strict.returncode == (1 if "warning:" in ok.stdout else 0)


def test_track_listing_a_module_before_its_prerequisite(project: Path) -> None:
    tracks = project / "curriculum/tracks.yml"
    text = tracks.read_text(encoding="utf-8")
    assert "- foundations\n      - active-listening\n" in text or "[foundations, active-listening," in text
    text = text.replace("- foundations\n      - active-listening\n", "- active-listening\n      - foundations\n", 1)
    text = text.replace("[foundations, active-listening,", "[active-listening, foundations,", 1)
    tracks.write_text(text, encoding="utf-8")
    errors = [f for f in check(project).errors if "before its prerequisite `foundations`" in f.message]
    assert errors and all(f.path == "curriculum/tracks.yml" for f in errors)


def test_the_module_template_passes_check_once_copied(project: Path) -> None:
    """A contributor who copies modules/_template/ starts from a valid module."""
    import shutil

    target = project / "modules/new-module"
    shutil.copytree(project / "modules/_template", target)
    index = target / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("template-module", "new-module"), encoding="utf-8")
    reporter = check(project)
    assert [f.format() for f in reporter.errors if "new-module" in f.path] == []
