"""Is the site quiz safe (escaped, no assessment items) and faithful to the bank?"""

from __future__ import annotations

import json
import re

from peer_curriculum.quiz.models import Bank
from peer_curriculum.quiz.site import inline_html, render_quiz


def payload(html: str) -> dict:
    match = re.search(r'<script type="application/json" class="peer-quiz__data">(.*?)</script>', html, re.S)
    assert match
    return json.loads(match.group(1))


def test_script_in_a_stem_is_shown_as_text(sample_bank: Bank) -> None:
    html = render_quiz(sample_bank)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#34;stem&#34;)&lt;/script&gt;" in html or "&lt;script&gt;alert(" in html
    assert "<em>open</em>" in html  # Markdown emphasis still works


def test_assessment_items_are_never_rendered(sample_bank: Bank) -> None:
    html = render_quiz(sample_bank)
    assert "ASSESSMENT-ONLY" not in html
    assert "s-assessment-secret" not in html
    assert "s-assessment-secret" not in payload(html)["items"]


def test_payload_has_keys_feedback_and_pools(sample_bank: Bank) -> None:
    data = payload(render_quiz(sample_bank))
    assert data["order"] == ["s-single", "s-true-false", "s-multiple", "s-ordering", "s-matching", "s-short", "s-vignette"]
    assert data["items"]["s-single"]["answer"] == "b"
    assert set(data["items"]["s-single"]["feedback"]) == {"a", "b", "c"}
    assert data["items"]["s-vignette-tf"]["answer"] == "false"
    assert data["pools"] == [{"id": "warm-up", "draw": 1, "items": ["s-single", "s-true-false"]}]
    assert data["passMark"] == 0.75


def test_every_input_is_labelled_and_grouped(sample_bank: Bank) -> None:
    html = render_quiz(sample_bank)
    assert html.count("<fieldset") == html.count("<legend")
    assert html.count('type="radio"') + html.count('type="checkbox"') == html.count('<label class="peer-quiz__option"')
    for select_id in re.findall(r'<select id="([^"]+)"', html):
        assert f'<label for="{select_id}">' in html
    assert 'aria-live="polite"' in html
    assert html.startswith("<form") and html.endswith("</form>")
    assert "\n\n" not in html


def test_inline_html_escapes_and_keeps_emphasis() -> None:
    assert inline_html('<b onclick="x">*hi*</b>') == '&lt;b onclick="x"&gt;<em>hi</em>&lt;/b&gt;'
