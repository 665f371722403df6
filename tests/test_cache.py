"""The curriculum's disk cache: reused only for identical sources, never for a load with findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, build_site, copy_project
from peer_curriculum import cache
from peer_curriculum.findings import Reporter


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def _load(project: Path) -> tuple[object, Reporter]:
    reporter = Reporter(project)
    return cache.load_with_disk_cache(project, reporter), reporter


def test_an_identical_load_is_read_back_from_disk(project: Path) -> None:
    first, _ = _load(project)
    stored = project / cache.CACHE_DIR / "curriculum.pickle"
    assert stored.is_file()
    second, _ = _load(project)
    assert second is not first
    assert [m.id for m in second.modules] == [m.id for m in first.modules]  # type: ignore[attr-defined]
    assert [b.bank.module for b in second.banks] == [b.bank.module for b in first.banks]  # type: ignore[attr-defined]


def test_a_changed_source_is_loaded_afresh(project: Path) -> None:
    _load(project)
    bank = project / "quizzes" / "active-listening.yml"
    bank.write_text(bank.read_text(encoding="utf-8").replace("pass_mark: 0.8", "pass_mark: 0.7"), encoding="utf-8")
    curriculum, _ = _load(project)
    assert {b.bank.module: b.bank.pass_mark for b in curriculum.banks}["active-listening"] == 0.7  # type: ignore[attr-defined]


def test_a_load_with_findings_is_not_stored_and_reports_every_time(project: Path) -> None:
    tracks = project / "curriculum" / "tracks.yml"
    tracks.write_text(tracks.read_text(encoding="utf-8") + "\nnot: [valid\n", encoding="utf-8")
    for _ in range(2):
        _, reporter = _load(project)
        assert reporter.errors
    assert not (project / cache.CACHE_DIR / "curriculum.pickle").exists()


def test_a_corrupt_cache_is_ignored(project: Path) -> None:
    _load(project)
    stored = project / cache.CACHE_DIR / "curriculum.pickle"
    stored.write_bytes(b"not a pickle")
    curriculum, reporter = _load(project)
    assert not reporter.findings
    assert curriculum.modules  # type: ignore[attr-defined]


def test_the_switch_turns_the_cache_off(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.CACHE_SWITCH, "0")
    _load(project)
    assert not (project / cache.CACHE_DIR).exists()


def test_a_rebuild_after_an_edit_shows_the_edit(project: Path, tmp_path: Path) -> None:
    """End to end: the second build of an edited project must not serve the first build's data."""
    assert build_site(project, tmp_path / "first").returncode == 0
    assert (project / cache.CACHE_DIR / "curriculum.pickle").is_file()
    bank = project / "quizzes" / "active-listening.yml"
    source = bank.read_text(encoding="utf-8")
    assert "forty years" in source
    bank.write_text(source.replace("forty years", "fifty-one years"), encoding="utf-8")
    result = build_site(project, tmp_path / "second")
    assert result.returncode == 0, result.stderr
    quiz = (tmp_path / "second" / "modules" / "active-listening" / "practice-quiz" / "index.html").read_text(encoding="utf-8")
    assert "fifty-one years" in quiz
    assert "forty years" not in quiz


def test_the_real_project_ignores_the_cache_folder() -> None:
    assert ".cache/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_project_copies_leave_environments_and_builds_behind(project: Path) -> None:
    """Tests that break a copy of the project must not copy the ~1 GB of virtual environments (CI's /tmp is small)."""
    size = sum(f.stat().st_size for f in project.rglob("*") if f.is_file())
    assert not list(project.glob(".venv*"))
    assert size < 30 * 2**20, f"a project copy holds {size / 2**20:.0f} MB"
