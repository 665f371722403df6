"""The home page, by keyboard: it leads each audience to its start page, and "Skip to content" comes first and works."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

if TYPE_CHECKING:
    from .conftest import ServedSite, Tab

pytestmark = pytest.mark.browser

AUDIENCES = [
    pytest.param("Start here as a trainee", "/start/trainees/", id="trainee"),
    pytest.param("Start here as a trainer", "/start/trainers/", id="trainer"),
    pytest.param("Start here as an organization", "/start/organizations/", id="organization"),
]


@pytest.mark.parametrize(("name", "path"), AUDIENCES)
def test_home_leads_each_audience_to_its_start(site: ServedSite, open_tab: Callable[[str], Tab], name: str, path: str) -> None:
    with open_tab("light") as tab:
        page = tab.page
        tab.goto(site.url("/"))
        link = page.get_by_role("link", name=name, exact=True)
        link.focus()
        expect(link).to_be_focused()
        page.keyboard.press("Enter")
        page.wait_for_url(site.url(path))
        heading = page.get_by_role("heading", level=1)
        expect(heading).to_have_count(1)
        expect(heading).to_have_text(re.compile(rf"^{re.escape(name)}¶?$"))  # ¶ is the heading's permalink
        assert not tab.errors, tab.errors


def test_skip_to_content_is_the_first_tab_stop_and_works(site: ServedSite, open_tab: Callable[[str], Tab]) -> None:
    with open_tab("light") as tab:
        page = tab.page
        tab.goto(site.url("/"))
        page.keyboard.press("Tab")
        skip = page.get_by_role("link", name="Skip to content", exact=True)
        expect(skip).to_be_focused()
        expect(skip).to_have_css("opacity", "1")  # Material hides it until it has focus
        expect(skip).to_be_in_viewport()

        heading = page.get_by_role("heading", level=1)
        heading_id = heading.get_attribute("id")
        assert heading_id, "the home page's h1 needs an id for the skip link to point at"
        page.keyboard.press("Enter")
        page.wait_for_url(f"{site.url('/')}#{heading_id}")
        expect(heading).to_be_in_viewport()
        # Sequential focus now starts at the heading, so the next Tab stays inside the main content, past the header,
        # the edition banner, the tabs and the navigation.
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.closest('main article') !== null"), page.evaluate(
            "() => document.activeElement.outerHTML"
        )
