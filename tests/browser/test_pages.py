"""Every built page of both editions, in light and dark: axe-clean, no off-site requests, no console errors.

Each page is opened once per (edition, scheme); the three checks read the same recorded visit. The page list comes
from the build, so each test loops over it with subtests: a failure is reported as e.g.
``test_axe_finds_no_violations[learner-dark] [/start/trainees/]``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from .conftest import ServedSite, Tab

pytestmark = pytest.mark.browser

PALETTE = {"light": "default", "dark": "slate"}  # Material's <body data-md-color-scheme> for each scheme


@dataclass(frozen=True)
class Visit:
    url: str
    status: int | None
    palette: str | None
    violations: list[dict[str, Any]]
    report: str
    offsite: list[str]
    errors: list[str]
    help_link: str | None
    """Where the page's visible "Get help now" link points, or None when there is none."""


class Visits:
    """Opens each (edition, scheme, page) once and remembers what happened."""

    def __init__(self, open_tab: Callable[[str], Tab]) -> None:
        self._open_tab = open_tab
        self._seen: dict[tuple[str, str, str], Visit] = {}

    def __call__(self, site: ServedSite, scheme: str, path: str) -> Visit:
        key = (site.edition, scheme, path)
        if key not in self._seen:
            with self._open_tab(scheme) as tab:
                response = tab.goto(site.url(path))
                violations = tab.axe()
                help_link = tab.page.locator(".peer-help-banner__link")
                help_href = help_link.evaluate("(a) => a.href") if help_link.count() == 1 and help_link.is_visible() else None
                self._seen[key] = Visit(
                    url=tab.page.url,
                    status=response.status if response else None,
                    palette=tab.palette(),
                    violations=violations,
                    report=tab.describe(violations, f"{site.edition} edition, {scheme} scheme"),
                    offsite=tab.offsite_requests(),
                    errors=list(tab.errors),
                    help_link=help_href,
                )
        return self._seen[key]


@pytest.fixture(scope="module")
def visit(open_tab: Callable[[str], Tab]) -> Iterator[Visits]:
    yield Visits(open_tab)


def test_every_page_is_listed(site: ServedSite) -> None:
    """Guard against a vacuous pass: the page list must hold the whole site."""
    assert "/" in site.pages
    assert "/start/trainees/" in site.pages
    assert "/curriculum/" in site.pages
    assert not any(path.endswith("404.html") for path in site.pages)
    assert len(site.pages) >= 15, site.pages


def test_axe_finds_no_violations(site: ServedSite, scheme: str, visit: Visits, subtests: pytest.Subtests) -> None:
    for path in site.pages:
        with subtests.test(msg=path):
            seen = visit(site, scheme, path)
            assert seen.status == 200, f"{seen.url} answered {seen.status}"
            # Without this, a broken emulation would silently test the light palette twice.
            assert seen.palette == PALETTE[scheme], f"{seen.url}: palette {seen.palette!r} for prefers-color-scheme {scheme}"
            if seen.violations:
                pytest.fail(seen.report, pytrace=False)


def test_no_request_leaves_the_site(site: ServedSite, scheme: str, visit: Visits, subtests: pytest.Subtests) -> None:
    """The site must work offline and must not tell any third party who reads which page."""
    for path in site.pages:
        with subtests.test(msg=path):
            seen = visit(site, scheme, path)
            if seen.offsite:
                pytest.fail(f"{seen.url} requested other hosts:\n" + "\n".join(seen.offsite), pytrace=False)


def test_get_help_now_is_on_every_page(site: ServedSite, visit: Visits, subtests: pytest.Subtests) -> None:
    """A visible "Get help now" link on every page, leading to the configured crisis lines."""
    for path in site.pages:
        with subtests.test(msg=path):
            seen = visit(site, "light", path)
            assert seen.help_link == site.url("/get-help/"), f"{seen.url}: Get help now link is {seen.help_link!r}"


def test_no_console_errors(site: ServedSite, scheme: str, visit: Visits, subtests: pytest.Subtests) -> None:
    for path in site.pages:
        with subtests.test(msg=path):
            seen = visit(site, scheme, path)
            if seen.errors:
                pytest.fail(f"{seen.url}:\n" + "\n".join(seen.errors), pytrace=False)


def test_search_dialog_is_accessible(site: ServedSite, scheme: str, open_tab: Callable[[str], Tab]) -> None:
    """Open search with its "/" shortcut, type a query and check the dialog and its results with axe."""
    with open_tab(scheme) as tab:
        tab.goto(site.url("/"))
        tab.page.keyboard.press("/")
        dialog = tab.page.get_by_role("dialog", name="Search")
        dialog.wait_for(state="visible")
        query = dialog.get_by_role("textbox", name="Search")
        assert query.evaluate("(input) => input === document.activeElement"), "the shortcut should focus the search box"
        query.press_sequentially("listening")  # Material's search ignores .fill()
        tab.page.locator(".md-search-result__item").first.wait_for()
        tab.settle()
        violations = tab.axe()
        if violations:
            pytest.fail(tab.describe(violations, f"{site.edition} edition, {scheme} scheme, search dialog open"), pytrace=False)
        assert not tab.offsite_requests(), tab.offsite_requests()
        assert not tab.errors, tab.errors
