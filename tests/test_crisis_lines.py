"""Crisis lines: one data file, checked for age, shown on every crisis page and changed in one place."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, build_site, copy_project
from peer_curriculum import Reporter, load_curriculum
from peer_curriculum.checks.crisislines import CrisisLines
from test_check import check, line_of, replace

DATA = "curriculum/crisis-lines.yml"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def test_every_required_country_is_there_with_sources_and_a_date() -> None:
    data = yaml.safe_load((ROOT / DATA).read_text(encoding="utf-8"))
    countries = {country["id"]: country for country in data["countries"]}
    assert {"us", "ca", "gb", "ie", "au", "nz", "eu"} <= set(countries)
    assert countries["eu"]["entries"][0]["dial"] == ["112"]
    for country in countries.values():
        assert country["entries"][0]["kind"] == "emergency"
        for entry in country["entries"]:
            assert entry["sources"] and all(source.get("url") for source in entry["sources"]), entry["name"]
            assert isinstance(entry["last_verified"], date)


def test_unknown_country_is_an_error_at_its_line(project: Path) -> None:
    path = project / DATA
    line = replace(path, "\ncountry: us\n", "\ncountry: atlantis\n") + 1
    errors = [f.format() for f in check(project).errors]
    assert any(e.startswith(f"{DATA}:{line}: error: ") and "atlantis" in e and "us, ca, gb" in e for e in errors), errors


def test_an_entry_not_verified_for_a_year_is_a_warning_at_its_line() -> None:
    reporter = Reporter(ROOT)
    curriculum = load_curriculum(ROOT, Reporter(ROOT), notebook_schema=False)
    CrisisLines(today=date(2027, 11, 1)).run(curriculum, reporter)
    assert not [f for f in reporter.findings if "verified" in f.message], [f.format() for f in reporter.findings]
    CrisisLines(today=date(2027, 11, 30)).run(curriculum, reporter)
    stale = [f.format() for f in reporter.warnings if "more than 12 months ago" in f.message]
    assert len(stale) == sum(len(c.entries) for c in curriculum.crisis_lines.countries)  # type: ignore[union-attr]
    first = line_of(ROOT / DATA, "last_verified:")
    assert any(w.startswith(f"{DATA}:{first}: warning: ") for w in stale), stale


def test_a_number_written_into_a_lesson_is_an_error_at_its_line(project: Path) -> None:
    lesson = project / "modules/active-listening/oars.md"
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(text + "\nIf you are worried, call 9-8-8 or 116 123 tonight.\n", encoding="utf-8")
    line = len(text.splitlines()) + 2
    errors = [f.format() for f in check(project).errors]
    assert any(e.startswith(f"modules/active-listening/oars.md:{line}: error: the phone number 988 ") for e in errors), errors
    assert any(e.startswith(f"modules/active-listening/oars.md:{line}: error: the phone number 116123 ") for e in errors), errors


def test_prices_years_and_counts_are_not_mistaken_for_numbers(project: Path) -> None:
    lesson = project / "modules/active-listening/oars.md"
    lesson.write_text(
        lesson.read_text(encoding="utf-8") + "\nIt cost $1,000 in 2013; 1112 people and page 9111 agreed.\n", encoding="utf-8"
    )
    assert not [f for f in check(project).errors if "phone number" in f.message]


def test_a_crisis_page_without_the_block_is_an_error(project: Path) -> None:
    page = project / "modules/crisis-referral/warning-signs.md"
    replace(page, "::: crisis-lines\n:::\n", "")
    errors = [f.format() for f in check(project).errors]
    assert any(e.startswith("modules/crisis-referral/warning-signs.md:") and "`::: crisis-lines`" in e for e in errors), errors


def test_changing_the_country_changes_every_crisis_page(project: Path, tmp_path: Path) -> None:
    replace(project / DATA, "\ncountry: us\n", "\ncountry: nz\n")
    site = tmp_path / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr
    crisis_pages = sorted((site / "modules" / "crisis-referral").rglob("index.html"))
    assert len(crisis_pages) >= 10, crisis_pages
    for page in [*crisis_pages, site / "get-help" / "index.html"]:
        html = page.read_text(encoding="utf-8")
        assert "Need to Talk? 1737" in html, page
        assert 'href="tel:0508828865"' in html, page
        assert "988 Suicide" not in html and 'href="tel:988"' not in html, page
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Get help now</strong></a>: emergency numbers and crisis lines for New Zealand" in home
