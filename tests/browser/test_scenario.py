"""The scenario player (assets/scenario.js) in real Chromium: keyboard-only play, announcements, summary, axe."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

from conftest import ROOT
from peer_curriculum.findings import Reporter
from peer_curriculum.scenario.notebook import load_scenario

from .conftest import Tab

if TYPE_CHECKING:
    from peer_curriculum.scenario.notebook import Scenario

    from .conftest import ServedSite

pytestmark = pytest.mark.browser

PAGE = "/modules/active-listening/scenario-first-call/"
SCENARIO = ROOT / "scenarios/active-listening/first-call-new-parent.ipynb"
KEY = "peer-curriculum:v1:scenario:first-call-new-parent"


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    loaded = load_scenario(SCENARIO, Reporter())
    assert loaded is not None
    return loaded


def path_to(scenario: Scenario, ending: str) -> list[str]:
    """Choice ids from the start to the first ending of kind ``ending`` (breadth-first: the shortest path)."""
    nodes = {node.id: node for node in scenario.dialogue.nodes}
    queue: list[tuple[str, list[str]]] = [(scenario.dialogue.start, [])]
    seen = set()
    while queue:
        node_id, path = queue.pop(0)
        node = nodes[node_id]
        if node.ending == ending:
            return path
        if node_id in seen:
            continue
        seen.add(node_id)
        queue.extend((choice.next, [*path, choice.id]) for choice in node.choices)
    raise AssertionError(f"no {ending} ending")


def focused_choice(tab: Tab) -> str | None:
    return tab.page.evaluate("() => document.activeElement && document.activeElement.getAttribute('data-choice')")


def choose_by_keyboard(tab: Tab, choice_id: str) -> None:
    """Move focus with Tab until the wanted choice button has it, then press Enter."""
    for _ in range(12):
        if focused_choice(tab) == choice_id:
            tab.page.keyboard.press("Enter")
            return
        tab.page.keyboard.press("Tab")
    raise AssertionError(f"could not reach choice {choice_id} by Tab")


def tab_to_first_choice(tab: Tab) -> None:
    """Reach the player's first choice from the page by keyboard alone."""
    tab.page.locator("[data-peer-scenario]").evaluate("(root) => root.scrollIntoView()")
    tab.page.keyboard.press("Tab")
    for _ in range(200):
        if focused_choice(tab):
            return
        tab.page.keyboard.press("Tab")
    raise AssertionError("no choice reached by Tab")


def live_text(tab: Tab) -> str:
    return tab.page.locator("[data-peer-scenario] [aria-live]").inner_text()


def test_play_to_the_good_ending_by_keyboard(learner_server: ServedSite, open_tab: Callable[[str], Tab], scenario: Scenario) -> None:
    path = path_to(scenario, "good")
    nodes = {node.id: node for node in scenario.dialogue.nodes}
    with open_tab("light") as tab:
        tab.goto(learner_server.url(PAGE))
        tab.page.evaluate("(key) => localStorage.removeItem(key)", KEY)
        tab.page.reload(wait_until="networkidle")
        tab_to_first_choice(tab)
        node = nodes[scenario.dialogue.start]
        for choice_id in path:
            choice = next(c for c in node.choices if c.id == choice_id)
            choose_by_keyboard(tab, choice_id)
            announced = live_text(tab)
            assert scenario.roles.person.name in announced
            assert {"good": "Helpful", "mixed": "Partly helpful", "poor": "Gets in the way"}[choice.quality] in announced
            node = nodes[choice.next]
        summary = tab.page.locator(".peer-scenario__summary")
        assert summary.is_visible()
        assert "good ending" in summary.inner_text().lower()
        assert "Feedback by competency" in summary.inner_text()
        assert tab.page.evaluate("() => document.activeElement.classList.contains('peer-scenario__summary-title')")
        assert "has ended" in live_text(tab)
        tab.settle()
        violations = tab.axe()
        related = [r.get("html") for v in violations for n in v["nodes"] for c in n.get("any", []) for r in c.get("relatedNodes", [])]
        assert not violations, tab.describe(violations, "scenario summary, light") + "\n" + "\n".join(map(str, related))
        assert not tab.offsite_requests()
        assert not tab.errors


def test_path_is_saved_restored_and_can_go_back_and_restart(
    learner_server: ServedSite, open_tab: Callable[[str], Tab], scenario: Scenario
) -> None:
    path = path_to(scenario, "poor")
    with open_tab("dark") as tab:
        tab.goto(learner_server.url(PAGE))
        tab.page.evaluate("(key) => localStorage.removeItem(key)", KEY)
        tab.page.reload(wait_until="networkidle")
        for choice_id in path[:-1]:
            tab.page.click(f'[data-choice="{choice_id}"]')
        stored = tab.page.evaluate("(key) => JSON.parse(localStorage.getItem(key))", KEY)
        assert stored == {"v": 1, "path": path[:-1]}
        tab.page.reload(wait_until="networkidle")
        assert tab.page.locator(".peer-scenario__step").count() == len(path) - 1
        tab.page.click(f'[data-choice="{path[-1]}"]')
        assert "a difficult ending" in tab.page.locator(".peer-scenario__summary").inner_text()
        tab.settle()
        violations = tab.axe()
        assert not violations, tab.describe(violations, "scenario summary, dark")
        tab.page.get_by_role("button", name="Go back one step").click()
        assert tab.page.locator(".peer-scenario__step").count() == len(path) - 1
        assert tab.page.locator(".peer-scenario__summary").count() == 0
        tab.page.get_by_role("button", name="Start again").click()
        assert tab.page.locator(".peer-scenario__step").count() == 0
        assert tab.page.evaluate("(key) => localStorage.getItem(key)", KEY) is None
        assert not tab.errors


@pytest.mark.parametrize(
    "stored",
    ['{"v":1,"path":["no-such-choice"]}', "not json", '{"v":2,"path":[]}', '{"v":1,"path":"welcome-open"}', "[1,2,3]"],
)
def test_malformed_saved_path_is_discarded(learner_server: ServedSite, open_tab: Callable[[str], Tab], stored: str) -> None:
    with open_tab("light") as tab:
        tab.goto(learner_server.url(PAGE))
        tab.page.evaluate("([key, value]) => localStorage.setItem(key, value)", [KEY, stored])
        tab.page.reload(wait_until="networkidle")
        assert tab.page.locator(".peer-scenario__choice").count() >= 2
        assert tab.page.locator(".peer-scenario__step").count() == 0
        assert tab.page.evaluate("(key) => localStorage.getItem(key)", KEY) is None
        assert not tab.errors


def test_scenario_page_has_cards_exercises_and_download(learner_server: ServedSite, open_tab: Callable[[str], Tab]) -> None:
    with open_tab("light") as tab:
        tab.goto(learner_server.url(PAGE))
        assert tab.page.locator(".peer-role-card").count() == 3
        assert tab.page.get_by_role("button", name="Print the role cards").is_visible()
        assert tab.page.locator("form[data-peer-quiz]").count() == 1
        link = tab.page.get_by_role("link", name="Download this scenario as a Jupyter notebook")
        response = tab.page.request.get(link.evaluate("(a) => a.href"))
        assert response.ok and response.json()["metadata"]["peer_scenario"]["id"] == "first-call-new-parent"
        tab.page.emulate_media(media="print")
        tab.page.evaluate("() => document.body.classList.add('peer-printing-cards')")
        assert not tab.page.locator("[data-peer-scenario]").is_visible()
        assert tab.page.locator(".peer-role-card").first.is_visible()
        assert not tab.page.locator("form[data-peer-quiz]").is_visible()


def test_quiz_and_scenario_assets_stay_under_20_kb_gzipped() -> None:
    """Our own JS and CSS for quizzes and scenarios, together, as served (gzip)."""
    import gzip

    assets = ROOT / "tools/peer_curriculum/assets"
    sizes = {
        name: len(gzip.compress((assets / name).read_bytes(), compresslevel=6))
        for name in ("quiz.js", "quiz.css", "scenario.js", "scenario.css")
    }
    assert sum(sizes.values()) < 20_000, sizes


def test_role_cards_print_one_per_sheet(learner_server: ServedSite, open_tab: Callable[[str], Tab]) -> None:
    """Printing the cards renders a PDF of one page per card (the player, exercises and navigation left out)."""
    import re

    with open_tab("light") as tab:
        tab.goto(learner_server.url(PAGE))
        tab.page.evaluate("() => document.body.classList.add('peer-printing-cards')")
        tab.page.emulate_media(media="print")
        pdf = tab.page.pdf(format="A4", print_background=False)
        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        assert pages == 3, f"{pages} pages"
