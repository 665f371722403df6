"""Printable templates (``page_type: template``) print on one sheet, A4 and Letter, without the site around them."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

from conftest import ROOT
from peer_curriculum.findings import Reporter
from peer_curriculum.loader import load_curriculum

from .conftest import Tab

if TYPE_CHECKING:
    from .conftest import ServedSite

pytestmark = pytest.mark.browser

CURRICULUM = load_curriculum(ROOT, Reporter(ROOT), notebook_schema=False)
TEMPLATES = [
    "/" + page.site_path.removesuffix(".md") + "/"
    for module in CURRICULUM.modules
    if module.meta.status != "planned"
    for page in module.lessons
    if page.meta is not None and page.meta.page_type == "template"
]


def test_there_are_templates_to_print() -> None:
    assert len(TEMPLATES) >= 5, TEMPLATES


@pytest.mark.parametrize("path", TEMPLATES)
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_template_prints_on_one_sheet_without_the_site(
    learner_server: ServedSite, open_tab: Callable[[str], Tab], path: str, paper: str
) -> None:
    with open_tab("light") as tab:
        tab.goto(learner_server.url(path))
        tab.page.emulate_media(media="print")
        hidden = tab.page.evaluate(
            """() => ['.md-header', '.md-sidebar--primary', '.md-footer', '.md-banner']
                 .map(s => document.querySelector(s)).filter(Boolean).every(e => getComputedStyle(e).display === 'none')"""
        )
        assert hidden, "the site's header, navigation, banner and footer should not print"
        pdf = tab.page.pdf(format=paper, print_background=False)
        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        assert pages == 1, f"{path} prints on {pages} {paper} pages"
