"""The practice quiz player (assets/quiz.js) in real Chromium, against the built learner site.

Answer keys come from the library (``load_bank`` and ``reference_response``) and scores are compared with
``compile_scorer``, so the page and the grader cannot drift apart.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import math
import re
import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from playwright.sync_api import expect

from conftest import ROOT, build_site, copy_project
from peer_curriculum.findings import Reporter
from peer_curriculum.quiz.bank import load_bank, questions
from peer_curriculum.quiz.models import Bank, PartItem
from peer_curriculum.quiz.scoring import compile_scorer, reference_response

from .conftest import AXE_JS, TIMEOUT_MS, Tab, is_local

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Locator, Page

    from .conftest import ServedSite

pytestmark = pytest.mark.browser

MODULE = "active-listening"
QUIZ_PATH = "/modules/active-listening/practice-quiz/"
KEY = f"peer-curriculum:v1:quiz:{MODULE}"
ASSETS = ROOT / "tools/peer_curriculum/assets"
# WCAG 2.0-2.2 A and AA, plus Deque's best practices (heading order, landmarks), as the site-wide axe test does.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

# A seeded Math.random (mulberry32), so shuffles are the same on every run.
SEEDED_RANDOM = """
(() => {
  let seed = %d >>> 0;
  Math.random = () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
})();
"""
NO_STORAGE = "Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });"
FULL_STORAGE = "Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };"


# --- The bank, from the library ----------------------------------------------------------------------------------


@functools.cache
def bank() -> Bank:
    reporter = Reporter(ROOT)
    loaded = load_bank(ROOT / "quizzes" / f"{MODULE}.yml", reporter)
    assert loaded is not None, [finding.format() for finding in reporter.findings]
    return loaded.bank


@functools.cache
def practice_items() -> dict[str, PartItem]:
    return {q.id: q.item for q in questions(bank()) if q.mode == "practice"}


@functools.cache
def every_practice_item() -> dict[str, PartItem]:
    """Practice items of every bank (ids are unique across banks), so the answering helpers serve every module."""
    items: dict[str, PartItem] = {}
    for path in sorted((ROOT / "quizzes").glob("*.yml")):
        loaded = load_bank(path, Reporter(ROOT))
        assert loaded is not None, path
        items.update({q.id: q.item for q in questions(loaded.bank) if q.mode == "practice"})
    return items


def item(item_id: str) -> PartItem:
    return every_practice_item()[item_id]


def pooled_ids() -> set[str]:
    return {i for pool in bank().pools for i in pool.items}


def first_of_type(kind: str, *, pooled: bool = False) -> str:
    """A practice item of ``kind`` that every attempt shows (outside the pools), or one inside a pool."""
    for item_id, candidate in practice_items().items():
        if candidate.type == kind and (item_id in pooled_ids()) == pooled:
            return item_id
    raise AssertionError(f"no practice item of type {kind} (pooled={pooled})")


# --- Pages -------------------------------------------------------------------------------------------------------


@pytest.fixture
def new_tab(browser: Browser) -> Iterator[Callable[..., Tab]]:
    """A tab in a fresh context (its own localStorage), optionally with init scripts run before the page's own."""
    contexts = []

    def _open(scheme: str = "light", *scripts: str) -> Tab:
        context = browser.new_context(color_scheme=scheme, viewport={"width": 1000, "height": 900})
        context.set_default_timeout(TIMEOUT_MS)
        for script in scripts:
            context.add_init_script(script)
        contexts.append(context)
        return Tab(context.new_page())

    yield _open
    for context in contexts:
        context.close()


def open_quiz(tab: Tab, base_url: str) -> Page:
    tab.page.goto(base_url + QUIZ_PATH, wait_until="load")
    return ready(tab.page)


def reload(page: Page) -> Page:
    page.reload(wait_until="load")
    return ready(page)


def ready(page: Page) -> Page:
    """Wait until the player has set up the quiz."""
    page.wait_for_selector("form[data-peer-quiz][data-peer-ready]", state="attached")
    # The player mutes restored feedback regions for a moment after rendering; wait until they are live again.
    page.wait_for_function(
        "() => [...document.querySelectorAll('.peer-quiz__feedback')].every(r => r.getAttribute('aria-live') === 'polite')"
    )
    return page


def shown_ids(page: Page) -> list[str]:
    """Gradable items on show, in page order (vignette parts in place)."""
    return page.evaluate(
        "() => [...document.querySelectorAll('.peer-quiz__item')].filter(e => !e.closest('[hidden]')).map(e => e.dataset.item)"
    )


def top_level_ids(page: Page) -> list[str]:
    return page.evaluate("() => [...document.querySelectorAll('.peer-quiz__items > li:not([hidden])')].map(e => e.dataset.item)")


def option_orders(page: Page) -> dict[str, list[str]]:
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('.peer-quiz__item')].map(e => [
             e.dataset.item, [...e.querySelectorAll('[data-option]')].map(o => o.dataset.option)]))"""
    )


def stored(page: Page) -> Any:
    raw = page.evaluate("(key) => localStorage.getItem(key)", KEY)
    return None if raw is None else json.loads(raw)


def set_stored(page: Page, raw: str) -> None:
    page.evaluate("([key, raw]) => localStorage.setItem(key, raw)", [KEY, raw])


def item_locator(page: Page, item_id: str) -> Locator:
    return page.locator(f'.peer-quiz__item[data-item="{item_id}"]')


def feedback(page: Page, item_id: str) -> Locator:
    return item_locator(page, item_id).locator(".peer-quiz__feedback")


def verdict(page: Page, item_id: str) -> str:
    return feedback(page, item_id).locator(".peer-quiz__verdict").inner_text().strip()


def focused(page: Page) -> str:
    """A short description of the focused element, for assertions."""
    return page.evaluate(
        """() => { const e = document.activeElement; const li = e.closest('[data-item]');
                   return [e.tagName.toLowerCase(), e.dataset.action || e.dataset.move || e.value || '', li ? li.dataset.item : ''].join('|'); }"""
    )


# --- Answering -----------------------------------------------------------------------------------------------------


def choose_by_keyboard(page: Page, item_id: str, response: Any) -> None:
    """Answer an item with the keyboard only: Space, arrow keys, Enter and focus()."""
    box = item_locator(page, item_id)
    kind = item(item_id).type
    if kind in ("single", "true-false"):
        wanted = str(response).lower() if isinstance(response, bool) else response
        radios = box.locator("input[type=radio]")
        radios.first.focus()
        page.keyboard.press("Space")
        for _ in range(radios.count()):
            if box.locator("input:checked").get_attribute("value") == wanted:
                break
            page.keyboard.press("ArrowDown")
        assert box.locator("input:checked").get_attribute("value") == wanted
    elif kind == "multiple":
        boxes = box.locator("input[type=checkbox]")
        for index in range(boxes.count()):
            checkbox = boxes.nth(index)
            if (checkbox.get_attribute("value") in response) != checkbox.is_checked():
                checkbox.focus()
                page.keyboard.press("Space")
        assert sorted(box.locator("input:checked").evaluate_all("(e) => e.map(i => i.value)")) == sorted(response)
    elif kind == "ordering":
        arrange(page, item_id, response, keyboard=True)
    elif kind == "matching":
        for pair, answer in response.items():
            select = box.locator(f'select[data-pair="{pair}"]')
            values = select.locator("option").evaluate_all("(o) => o.map(x => x.value)")
            select.focus()
            for _ in range(len(values)):
                if select.input_value() == answer:
                    break
                page.keyboard.press("ArrowDown")
            assert select.input_value() == answer
    elif kind == "short-answer":
        box.locator("input[type=text]").focus()
        page.keyboard.type(response)
    else:
        raise AssertionError(kind)


def arrange(page: Page, item_id: str, target: list[str], *, keyboard: bool) -> None:
    """Put an ordering item's options in ``target`` order with its Move up buttons, checking focus and announcements."""
    rows = item_locator(page, item_id).locator(".peer-quiz__order > li")
    count = rows.count()
    for position, option in enumerate(target):
        current = rows.evaluate_all("(r) => r.map(x => x.dataset.option)")
        start = current.index(option)
        row = item_locator(page, item_id).locator(f'.peer-quiz__order > li[data-option="{option}"]')
        up = row.locator("[data-move=up]")
        for step in range(start - position):
            if keyboard:
                if step == 0:
                    up.focus()
                page.keyboard.press("Enter")
            else:
                up.click()
            now = start - step  # 1-based position after the move
            text = row.locator(".peer-quiz__order-text").inner_text().strip()
            status = page.locator(".peer-quiz [data-role=status]")
            expect(status).to_have_attribute("aria-live", "polite")
            expect(status).to_have_text(re.compile(rf"^Moved '{re.escape(text)}' to position {now} of {count}\.\s*$"))
            if keyboard:
                # Focus stays on the moved item's Move up button, or moves to its Move down button at the top edge.
                expected = "down" if now == 1 else "up"
                assert focused(page) == f"button|{expected}|{item_id}", focused(page)
                assert page.evaluate("() => document.activeElement.closest('li').dataset.option") == option
    assert rows.evaluate_all("(r) => r.map(x => x.dataset.option)") == target


def check_by_keyboard(page: Page, item_id: str) -> None:
    """Tab from the item's last control to its Check button and press Enter."""
    for _ in range(12):
        if focused(page) == f"button|check|{item_id}":
            break
        page.keyboard.press("Tab")
    assert focused(page) == f"button|check|{item_id}", focused(page)
    page.keyboard.press("Enter")


def choose_by_mouse(page: Page, item_id: str, response: Any) -> None:
    box = item_locator(page, item_id)
    kind = item(item_id).type
    if kind in ("single", "true-false"):
        value = str(response).lower() if isinstance(response, bool) else response
        box.locator(f'input[value="{value}"]').check()
    elif kind == "multiple":
        for checkbox in box.locator("input[type=checkbox]").all():
            checkbox.set_checked(checkbox.get_attribute("value") in response)
    elif kind == "ordering":
        arrange(page, item_id, response, keyboard=False)
    elif kind == "matching":
        for select in box.locator("select").all():
            select.select_option(response.get(select.get_attribute("data-pair"), ""))
    elif kind == "short-answer":
        box.locator("input[type=text]").fill(response)


def check(page: Page, item_id: str) -> None:
    item_locator(page, item_id).locator("[data-action=check]").click()


def wrong_response(item_id: str) -> Any:
    """A response that scores 0."""
    it = item(item_id)
    if it.type == "single":
        return next(o.id for o in it.options if o.id != it.correct_id)
    if it.type == "true-false":
        return not it.answer
    if it.type == "multiple":
        return [o.id for o in it.options if o.id not in it.answer][:1]
    if it.type == "ordering":
        return list(reversed(it.answer)) if len(it.answer) % 2 == 0 else [*it.answer[1:], it.answer[0]]
    if it.type == "matching":
        answers = [p.answer for p in it.pairs]
        return {p.id: answers[(i + 1) % len(answers)] for i, p in enumerate(it.pairs)}
    return "definitely not this"


def reference_response_of(item_id: str) -> Any:
    return reference_response(item(item_id))


def partial_response(item_id: str) -> Any:
    """A response that scores between 0 and 1, for multiple, ordering and matching items."""
    it = item(item_id)
    if it.type == "multiple":
        return list(it.answer[:-1])
    if it.type == "ordering":
        return [*it.answer[:2], *reversed(it.answer[2:])] if len(it.answer) >= 4 else list(reversed(it.answer))
    if it.type == "matching":
        answers = [p.answer for p in it.pairs]
        # The first two right, the third wrong, the rest left blank.
        return {it.pairs[0].id: answers[0], it.pairs[1].id: answers[1], it.pairs[2].id: answers[3]}
    raise AssertionError(it.type)


def record_error(stacks: list[str], error: Any) -> None:
    stacks.append(f"{error.message}\n{error.stack}")


def score_text(page: Page) -> str:
    page.locator(".peer-quiz [data-action=score]").click()
    return page.locator(".peer-quiz [data-role=score]").inner_text().strip()


# --- 1. Keyboard only --------------------------------------------------------------------------------------------


def test_keyboard_only_answers_every_item_and_scores_full_marks(learner_server: ServedSite, new_tab: Callable[..., Tab]) -> None:
    with new_tab() as tab:
        page = open_quiz(tab, learner_server.base_url)
        page.evaluate("() => { window.__sameDocument = true; }")
        ids = shown_ids(page)
        assert len(ids) >= 15
        kinds = {item(i).type for i in ids}
        assert {"single", "multiple", "true-false", "ordering", "matching", "short-answer"} <= kinds, kinds
        for item_id in ids:
            response = reference_response(item(item_id))
            choose_by_keyboard(page, item_id, response)
            if item(item_id).type == "short-answer":
                page.keyboard.press("Enter")  # Enter in the field checks this item, and must not submit the form
            else:
                check_by_keyboard(page, item_id)
            region = feedback(page, item_id)
            expect(region).to_have_attribute("aria-live", "polite")
            expect(region.locator(".peer-quiz__verdict")).to_have_text("Correct")
            assert "Correct" in region.inner_text()
            assert region.locator(".peer-quiz__icon svg").count() >= 1, "right/wrong needs an icon as well as words"
        assert page.evaluate("() => window.__sameDocument === true"), "the page reloaded: the form was submitted"
        assert page.url.endswith(QUIZ_PATH)

        score = page.locator(".peer-quiz [data-action=score]")
        score.focus()
        page.keyboard.press("Enter")
        region = page.locator(".peer-quiz [data-role=score]")
        expect(region).to_have_attribute("aria-live", "polite")
        total = sum(item(i).points for i in ids)
        expect(region).to_have_text(f"You scored {total} of {total} (100%). The pass mark is 80%. You reached the pass mark.")
        assert not tab.errors, tab.errors


# --- 2. Reload restores progress ---------------------------------------------------------------------------------


def test_reload_restores_order_answers_and_feedback(learner_server: ServedSite, new_tab: Callable[..., Tab]) -> None:
    with new_tab() as tab:
        page = open_quiz(tab, learner_server.base_url)
        ids = shown_ids(page)
        answered = {}
        for n, item_id in enumerate(ids[:8]):
            it = item(item_id)
            response = reference_response(it) if n % 2 == 0 else wrong_response(item_id)
            choose_by_mouse(page, item_id, response)
            answered[item_id] = response
            if n != 7:  # the last one is answered but not checked
                check(page, item_id)
        before = {
            "top": top_level_ids(page),
            "options": option_orders(page),
            "feedback": {i: feedback(page, i).inner_text() for i in ids},
        }
        saved = stored(page)
        assert saved["v"] == 1
        assert saved["attempt"]["items"] == before["top"]
        assert set(saved["answers"]) == set(answered)
        assert set(saved["checked"]) == set(list(answered)[:7])

        page = reload(page)
        assert top_level_ids(page) == before["top"]
        assert option_orders(page) == before["options"]
        for item_id in ids:
            assert feedback(page, item_id).inner_text() == before["feedback"][item_id], item_id
        unchecked = list(answered)[7]
        assert feedback(page, unchecked).inner_text() == ""
        for item_id, response in answered.items():
            it = item(item_id)
            box = item_locator(page, item_id)
            if it.type in ("single", "true-false"):
                value = str(response).lower() if isinstance(response, bool) else response
                assert box.locator("input:checked").get_attribute("value") == value
            elif it.type == "multiple":
                assert sorted(box.locator("input:checked").evaluate_all("(e) => e.map(i => i.value)")) == sorted(response)
            elif it.type == "ordering":
                assert box.locator(".peer-quiz__order > li").evaluate_all("(r) => r.map(x => x.dataset.option)") == response
            elif it.type == "matching":
                for pair, value in response.items():
                    assert box.locator(f'select[data-pair="{pair}"]').input_value() == value
            else:
                assert box.locator("input[type=text]").input_value() == response
        assert not tab.errors, tab.errors


# --- 3. Corrupt storage --------------------------------------------------------------------------------------------


def test_corrupt_storage_discards_only_the_bad_entries(learner_server: ServedSite, new_tab: Callable[..., Tab]) -> None:
    single = first_of_type("single")
    other = next(i for i, it in practice_items().items() if it.type == "single" and i != single and i not in pooled_ids())
    multiple = first_of_type("multiple")
    ordering = first_of_type("ordering")
    matching = first_of_type("matching")
    true_false = first_of_type("true-false")
    short = first_of_type("short-answer")
    good_order = wrong_response(ordering)
    other_key = reference_response(item(other))
    with new_tab() as tab:
        page = open_quiz(tab, learner_server.base_url)
        bad = {
            "v": 1,
            "answers": {
                single: "zzz",  # unknown option id
                other: other_key,  # fine
                multiple: ["a", "zz"],  # one unknown option
                ordering: good_order,  # fine
                matching: {"no-such-pair": "Summary"},  # unknown prompt
                true_false: "yes",  # wrong type
                short: 42,  # wrong type
                "no-such-item": "a",  # unknown item
            },
            "checked": {other: True, single: True, true_false: "yes"},
        }
        set_stored(page, json.dumps(bad))
        page = reload(page)
        assert set(stored(page)["answers"]) == {other, ordering}
        assert stored(page)["checked"] == {other: True}
        assert item_locator(page, other).locator("input:checked").get_attribute("value") == other_key
        expect(feedback(page, other).locator(".peer-quiz__verdict")).to_have_text("Correct")
        assert item_locator(page, single).locator("input:checked").count() == 0
        assert feedback(page, single).inner_text() == ""
        order = item_locator(page, ordering).locator(".peer-quiz__order > li").evaluate_all("(r) => r.map(x => x.dataset.option)")
        assert order == good_order
        # The page still works after the clean-up.
        choose_by_mouse(page, true_false, reference_response(item(true_false)))
        check(page, true_false)
        expect(feedback(page, true_false).locator(".peer-quiz__verdict")).to_have_text("Correct")

        # Not JSON, or the wrong shape at the top: the whole key goes, and the quiz starts afresh.
        for raw in ["{not json", "[1, 2]", '{"v": 2, "answers": {}}', '{"v": 1, "answers": []}', '"text"']:
            set_stored(page, raw)
            page = reload(page)
            saved = stored(page)
            assert saved["v"] == 1 and saved["answers"] == {} and saved["checked"] == {}, raw
            assert page.locator(".peer-quiz input:checked").count() == 0, raw
            choose_by_mouse(page, other, other_key)
            check(page, other)
            expect(feedback(page, other).locator(".peer-quiz__verdict")).to_have_text("Correct")

        # An attempt naming unknown items starts a new attempt; the valid answers survive.
        set_stored(page, json.dumps({"v": 1, "attempt": {"items": ["no-such-item"], "options": {}}, "answers": {other: other_key}}))
        page = reload(page)
        saved = stored(page)
        assert "no-such-item" not in saved["attempt"]["items"]
        assert set(saved["attempt"]["items"]) == set(top_level_ids(page))
        assert saved["answers"] == {other: other_key}
        assert not tab.errors, tab.errors

    # localStorage that throws on access, or is full: the quiz works without saving. (Material's own inline
    # scripts throw when localStorage is blocked; only errors from quiz.js count here.)
    for blocked in (NO_STORAGE, FULL_STORAGE):
        with new_tab("light", blocked) as tab:
            stacks: list[str] = []
            tab.page.on("pageerror", functools.partial(record_error, stacks))
            page = open_quiz(tab, learner_server.base_url)
            choose_by_mouse(page, other, other_key)
            check(page, other)
            expect(feedback(page, other).locator(".peer-quiz__verdict")).to_have_text("Correct")
            assert score_text(page).startswith("You scored 1 of ")
            page.locator(".peer-quiz [data-action=clear]").click()
            expect(page.locator(".peer-quiz [data-role=score]")).to_contain_text("Your answers were cleared")
            assert not [stack for stack in stacks if "quiz.js" in stack], stacks
            if blocked == FULL_STORAGE:
                assert not tab.errors, tab.errors


# --- 4 and 5. Nothing is ever run as HTML --------------------------------------------------------------------------


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """No line per request."""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A copy of the project whose bank has markup in a stem, an option, a feedback and an explanation; built and served."""
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    path = project / "quizzes" / f"{MODULE}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    target = next(entry for entry in data["items"] if entry["id"] == first_of_type("single"))
    target["stem"] = "Pick one <script>window.__stem = 1; alert('stem')</script> <img src=x onerror=\"window.__img = 1\"> please."
    target["options"][0]["text"] = "<b>bold?</b> <script>window.__option = 1</script>"
    for option in target["options"]:
        option["feedback"] = '<img src=y onerror="window.__feedback = 1"> plain'
    target["explanation"] = "</script><script>window.__explanation = 1</script>"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    site = project / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr
    handler = functools.partial(_Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_markup_in_the_bank_is_shown_as_text(hostile_site: str, new_tab: Callable[..., Tab]) -> None:
    item_id = first_of_type("single")
    with new_tab() as tab:
        dialogs: list[str] = []
        tab.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page = open_quiz(tab, hostile_site)
        box = item_locator(page, item_id)
        expect(box.locator("legend")).to_contain_text("<script>window.__stem = 1; alert('stem')</script>")
        expect(box.locator("legend")).to_contain_text('<img src=x onerror="window.__img = 1">')
        first_option = item(item_id).options[0].id
        expect(box.locator(f'[data-option="{first_option}"]')).to_contain_text("<b>bold?</b> <script>window.__option = 1</script>")
        shown = []
        for value in [o.id for o in item(item_id).options]:
            box.locator(f'input[value="{value}"]').check()
            check(page, item_id)
            expect(feedback(page, item_id)).to_contain_text('<img src=y onerror="window.__feedback = 1"> plain')
            expect(feedback(page, item_id)).to_contain_text("</script><script>window.__explanation = 1</script>")
            shown.append(feedback(page, item_id).inner_text())
        assert any("<b>bold?</b> <script>window.__option = 1</script>" in text for text in shown)
        page.wait_for_timeout(300)  # time for any injected onerror handler to run
        ran = page.evaluate("() => ['__stem', '__img', '__option', '__feedback', '__explanation'].filter(k => k in window)")
        assert ran == [], ran
        assert box.locator("script, img, b").count() == 0
        assert dialogs == []
        assert not tab.errors, tab.errors


def test_learner_input_is_never_html(learner_server: ServedSite, new_tab: Callable[..., Tab]) -> None:
    item_id = first_of_type("short-answer")
    hostile = '<img src=x onerror="window.__pwned=1">'
    with new_tab() as tab:
        dialogs: list[str] = []
        tab.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page = open_quiz(tab, learner_server.base_url)
        field = item_locator(page, item_id).locator("input[type=text]")
        field.focus()
        page.keyboard.type(hostile)
        page.keyboard.press("Enter")
        expect(feedback(page, item_id)).to_contain_text(hostile)
        page.wait_for_timeout(300)
        assert page.evaluate("() => window.__pwned") is None
        assert page.locator(".peer-quiz img").count() == 0
        assert stored(page)["answers"][item_id] == hostile

        page = reload(page)
        assert item_locator(page, item_id).locator("input[type=text]").input_value() == hostile
        expect(feedback(page, item_id)).to_contain_text(hostile)
        page.wait_for_timeout(300)
        assert page.evaluate("() => window.__pwned") is None
        assert page.locator(".peer-quiz img").count() == 0
        assert dialogs == []
        assert not tab.errors, tab.errors


# --- 6. axe-core -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("colors", ["light", "dark"])
def test_answered_quiz_has_no_axe_violations(learner_server: ServedSite, new_tab: Callable[..., Tab], colors: str) -> None:
    with new_tab(colors) as tab:
        page = open_quiz(tab, learner_server.base_url)
        assert tab.palette() == ("slate" if colors == "dark" else "default")
        ids = shown_ids(page)
        seen = {"partial": 0, "other": 0}
        for item_id in ids:
            it = item(item_id)
            group = "partial" if it.type in ("multiple", "ordering", "matching") else "other"
            makers = (
                (partial_response, reference_response_of, wrong_response) if group == "partial" else (wrong_response, reference_response_of)
            )
            response = makers[seen[group] % len(makers)](item_id)
            seen[group] += 1
            choose_by_mouse(page, item_id, response)
            check(page, item_id)
        results = {verdict(page, i).split(":")[0] for i in ids}
        assert {"Correct", "Not quite", "Partly correct"} <= results, results
        page.locator(".peer-quiz [data-action=score]").click()
        # The ordering item's focus ring, and a focused option, are part of what axe sees.
        item_locator(page, first_of_type("multiple")).locator("input").first.focus()
        tab.settle()
        options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
        page.add_script_tag(path=str(AXE_JS))
        violations = page.evaluate("(options) => axe.run(document, options)", options)["violations"]
        assert not violations, tab.describe(violations, colors)
        assert not tab.errors, tab.errors


# --- 7. Retry and clear ------------------------------------------------------------------------------------------


def test_retry_gives_a_new_order_and_clear_empties_storage(learner_server: ServedSite, new_tab: Callable[..., Tab]) -> None:
    with new_tab("light", SEEDED_RANDOM % 7) as tab:
        page = open_quiz(tab, learner_server.base_url)
        payload = json.loads(page.locator(".peer-quiz__data").text_content())
        first_top, first_options = top_level_ids(page), option_orders(page)
        assert first_top != [i for i in payload["order"] if i in first_top], "the first visit should shuffle the questions"
        for pool in bank().pools:
            assert len(set(pool.items) & set(first_top)) == min(pool.draw, len(pool.items))
        ordering = first_of_type("ordering")
        assert first_options[ordering] != list(item(ordering).answer), "an ordering item must not start in the right order"

        some = shown_ids(page)[:4]
        for item_id in some:
            choose_by_mouse(page, item_id, reference_response(item(item_id)))
            check(page, item_id)
        assert set(stored(page)["answers"]) == set(some)

        page.locator(".peer-quiz [data-action=retry]").click()
        expect(page.locator(".peer-quiz [data-role=score]")).to_contain_text("A new try has started")
        second_top, second_options = top_level_ids(page), option_orders(page)
        assert second_top != first_top
        assert second_options != first_options
        assert second_options[ordering] != list(item(ordering).answer)
        saved = stored(page)
        assert saved["answers"] == {} and saved["checked"] == {}
        assert saved["attempt"]["items"] == second_top
        assert page.locator(".peer-quiz input:checked").count() == 0
        assert page.locator(".peer-quiz__feedback:not(:empty)").count() == 0
        assert page.locator(".peer-quiz__mark").count() == 0
        # Numbers follow the new order: the list is an <ol> and the undrawn items are hidden.
        assert page.locator(".peer-quiz__items > li:not([hidden])").count() == len(second_top)

        for item_id in shown_ids(page)[:3]:
            choose_by_mouse(page, item_id, reference_response(item(item_id)))
            check(page, item_id)
        assert stored(page)["answers"]
        clear = page.locator(".peer-quiz [data-action=clear]")
        clear.focus()
        page.keyboard.press("Enter")
        expect(page.locator(".peer-quiz [data-role=score]")).to_have_text(re.compile(r"^Your answers were cleared\.\s*$"))
        assert stored(page) is None
        assert page.locator(".peer-quiz input:checked").count() == 0
        assert page.locator(".peer-quiz__feedback:not(:empty)").count() == 0
        assert top_level_ids(page) == second_top
        assert not tab.errors, tab.errors


# --- 8. Privacy and weight ---------------------------------------------------------------------------------------


def test_nothing_leaves_the_machine_and_the_player_is_small(learner_server: ServedSite, new_tab: Callable[..., Tab]) -> None:
    sizes = {name: len(gzip.compress((ASSETS / name).read_bytes(), compresslevel=6)) for name in ("quiz.js", "quiz.css")}
    assert sum(sizes.values()) < 12_000, sizes
    with new_tab() as tab:
        tab.goto(learner_server.url(QUIZ_PATH))  # waits for the network to go idle, so every load-time request is in
        page = ready(tab.page)
        loaded = list(tab.requests)
        assert any(url.endswith("/quiz.js") for url in loaded) and any(url.endswith("/quiz.css") for url in loaded)
        for item_id in shown_ids(page):
            choose_by_mouse(page, item_id, reference_response(item(item_id)))
            check(page, item_id)
        page.locator(".peer-quiz [data-action=score]").click()
        page.locator(".peer-quiz [data-action=retry]").click()
        page.locator(".peer-quiz [data-action=clear]").click()
        page.wait_for_timeout(200)
        assert tab.requests == loaded, "the quiz made requests while it was used"
        assert all(is_local(url) for url in tab.requests), tab.offsite_requests()
        assert not tab.errors, tab.errors

    with new_tab() as tab:
        tab.goto(learner_server.url("/"))
        assert any(url.endswith("/peer.js") for url in tab.requests)
        assert not [url for url in tab.requests if re.search(r"/quiz\.(js|css)$", url)], tab.requests
        assert tab.page.evaluate("() => document.querySelector('[data-peer-quiz]') === null")
        assert not tab.offsite_requests(), tab.offsite_requests()


# --- 9. Scoring parity with the Python grader --------------------------------------------------------------------


def python_score(shown: list[str], responses: dict[str, Any]) -> tuple[float, float]:
    got = sum(item(i).points * compile_scorer(item(i))(responses[i]) for i in shown if i in responses)
    return got, sum(item(i).points for i in shown)


def shown_number(value: float) -> str:
    text = f"{round(value, 2):.2f}".rstrip("0").rstrip(".")
    return text or "0"


def test_page_scores_match_the_python_scorer(learner_server: ServedSite, new_tab: Callable[..., Tab]) -> None:
    multiple = first_of_type("multiple")
    ordering = first_of_type("ordering")
    matching = first_of_type("matching")
    single = first_of_type("single")
    true_false = first_of_type("true-false")
    short = first_of_type("short-answer")
    m = item(multiple)
    wrong_option = next(x.id for x in m.options if x.id not in m.answer)
    responses: dict[str, Any] = {
        multiple: [*m.answer[:-1], wrong_option],  # two right and one wrong: (2 - 1) / 3
        ordering: partial_response(ordering),  # half in place
        matching: partial_response(matching),  # two of five, one wrong, two blank
        single: wrong_response(single),
        true_false: reference_response(item(true_false)),
        short: f"  \u201c{item(short).accepted[0].upper()}!\u201d ",
    }
    with new_tab() as tab:
        page = open_quiz(tab, learner_server.base_url)
        shown = shown_ids(page)
        for item_id, response in responses.items():
            choose_by_mouse(page, item_id, response)
            check(page, item_id)
            fraction = compile_scorer(item(item_id))(response)
            text = verdict(page, item_id)
            if fraction == 1:
                assert text == "Correct", (item_id, text)
            elif fraction == 0:
                assert text.startswith("Not quite"), (item_id, text)
            else:
                assert re.match(r"^Partly correct: \d+ of \d+", text), (item_id, text)
        # The page keeps the response exactly as Python would grade it.
        kept = stored(page)["answers"]
        kept[multiple] = sorted(kept[multiple])
        assert kept == {**responses, multiple: sorted(responses[multiple])}
        got, total = python_score(shown, responses)
        percent = math.floor(100 * got / total + 0.5)  # JavaScript's Math.round, not Python's round-half-even
        expected = f"You scored {shown_number(got)} of {shown_number(total)} ({percent}%). The pass mark is 80%."
        text = score_text(page)
        assert text.startswith(expected), (text, expected)
        assert f"{len(shown) - len(responses)} questions not answered yet (counted as 0)" in text
        links = page.locator(".peer-quiz [data-role=score] a")
        assert links.count() == len(shown) - len(responses)
        targets = links.evaluate_all("(a) => a.map(x => x.getAttribute('href').slice(1))")
        assert sorted(targets) == sorted(item_locator(page, i).get_attribute("id") for i in shown if i not in responses)

        # Typed answers are normalized as in scoring.normalize_text.
        variants = [
            "REFLECTION.",
            "\u201ca   reflection\u201d",
            "reflection ?!",
            "re flection",
            "...reflection\u2026",
            "reflections!",
            "deflection",
        ]
        for variant in variants:
            field = item_locator(page, short).locator("input[type=text]")
            field.fill(variant)
            field.press("Enter")
            right = compile_scorer(item(short))(variant) == 1
            assert (verdict(page, short) == "Correct") == right, (variant, verdict(page, short))
        assert not tab.errors, tab.errors
