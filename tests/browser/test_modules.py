"""Every published module in real Chromium: its practice quiz answered and each role-play played, by keyboard only.

The deep behaviour of the players (storage, retry, corrupt data, hostile text) is tested once, on active
listening, in ``test_quiz.py`` and ``test_scenario.py``; this file proves each module's own content works in them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from conftest import ROOT
from peer_curriculum.findings import Reporter
from peer_curriculum.loader import load_curriculum
from peer_curriculum.quiz.scoring import reference_response

from .conftest import Tab
from .test_quiz import check_by_keyboard, choose_by_keyboard, feedback, item, ready, shown_ids
from .test_scenario import choose_by_keyboard as choose_line_by_keyboard
from .test_scenario import live_text, path_to, tab_to_first_choice

if TYPE_CHECKING:
    from .conftest import ServedSite

pytestmark = pytest.mark.browser

CURRICULUM = load_curriculum(ROOT, Reporter(ROOT), notebook_schema=False)
PUBLISHED = [module for module in CURRICULUM.modules if module.meta.status == "published"]
SCENARIOS = [(module.id, scenario) for module in PUBLISHED for scenario in CURRICULUM.scenarios if scenario.meta.module == module.id]


def _scenario_page(scenario_id: str) -> str:
    for page in CURRICULUM.pages:
        if f"::: scenario {scenario_id}\n" in page.path.read_text(encoding="utf-8"):
            return "/" + page.site_path.removesuffix(".md") + "/"
    raise AssertionError(f"scenario {scenario_id} is on no page")


def test_there_is_more_than_one_published_module() -> None:
    assert len(PUBLISHED) >= 2, [module.id for module in PUBLISHED]


@pytest.mark.parametrize("module_id", [module.id for module in PUBLISHED])
def test_practice_quiz_by_keyboard_scores_full_marks(learner_server: ServedSite, open_tab: Callable[[str], Tab], module_id: str) -> None:
    bank = next(loaded.bank for loaded in CURRICULUM.banks if loaded.bank.module == module_id)
    with open_tab("light") as tab:
        page = tab.page
        page.goto(learner_server.url(f"/modules/{module_id}/practice-quiz/"), wait_until="load")
        ready(page)
        ids = shown_ids(page)
        assert len(ids) >= 15, ids
        for item_id in ids:
            choose_by_keyboard(page, item_id, reference_response(item(item_id)))
            if item(item_id).type == "short-answer":
                page.keyboard.press("Enter")
            else:
                check_by_keyboard(page, item_id)
            expect(feedback(page, item_id).locator(".peer-quiz__verdict")).to_have_text("Correct")
        page.locator(".peer-quiz [data-action=score]").focus()
        page.keyboard.press("Enter")
        total = sum(item(i).points for i in ids)
        pass_mark = round(bank.pass_mark * 100)
        expect(page.locator(".peer-quiz [data-role=score]")).to_have_text(
            f"You scored {total} of {total} (100%). The pass mark is {pass_mark}%. You reached the pass mark."
        )
        assert not tab.errors, tab.errors
        assert not tab.offsite_requests()


@pytest.mark.parametrize(("module_id", "scenario"), SCENARIOS, ids=[f"{m}/{s.meta.id}" for m, s in SCENARIOS])
def test_role_play_reaches_its_good_ending_by_keyboard(
    learner_server: ServedSite, open_tab: Callable[[str], Tab], module_id: str, scenario: object
) -> None:
    from peer_curriculum.scenario.notebook import Scenario

    assert isinstance(scenario, Scenario)
    nodes = {node.id: node for node in scenario.dialogue.nodes}
    with open_tab("light") as tab:
        tab.goto(learner_server.url(_scenario_page(scenario.meta.id)))
        tab_to_first_choice(tab)
        node = nodes[scenario.dialogue.start]
        for choice_id in path_to(scenario, "good"):
            choose_line_by_keyboard(tab, choice_id)
            assert scenario.roles.person.name in live_text(tab)
            node = nodes[next(c for c in node.choices if c.id == choice_id).next]
        assert node.ending == "good"
        summary = tab.page.locator(".peer-scenario__summary")
        expect(summary).to_be_visible()
        assert "good ending" in summary.inner_text().lower()
        assert not tab.errors, tab.errors
