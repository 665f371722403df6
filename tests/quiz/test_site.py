"""Is the site quiz safe (escaped, no assessment items) and faithful to the bank?"""

from __future__ import annotations

import glob
import html as html_module
import json
import re
from pathlib import Path

import yaml

from conftest import ROOT
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


def test_plain_lines_skip_markdown_but_render_exactly_as_markdown_would() -> None:
    """The fast path for plain sentences must give Markdown's own output, for every text in the project."""
    from peer_curriculum.quiz import site

    texts: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            texts.add(value)
        elif isinstance(value, dict):
            for child in value.values():
                walk(child)
        elif isinstance(value, list):
            for child in value:
                walk(child)

    for path in glob.glob(str(ROOT / "quizzes" / "*.yml")):
        walk(yaml.safe_load(Path(path).read_text(encoding="utf-8")))
    for path in glob.glob(str(ROOT / "scenarios" / "*" / "*.ipynb")):
        for cell in json.loads(Path(path).read_text(encoding="utf-8"))["cells"]:
            source = "".join(cell["source"])
            if cell["cell_type"] == "code" and '"""' in source:
                walk(yaml.safe_load(source.split('"""')[1]))
    texts |= {"1. numbered", "- dash", "> quote", "a  b", "tab\there", "x_y", "A & B", "ends with space ", "=== x", "    code", "a\nb"}
    fast = 0
    for text in texts:
        slow = site._inline_markdown.reset().convert(html_module.escape(text, quote=False))
        if slow.startswith("<p>") and slow.endswith("</p>") and slow.count("<p>") == 1:
            slow = slow[3:-4]
        assert site.inline_html.__wrapped__(text) == slow, text
        fast += site._PLAIN_LINE.fullmatch(text) is not None and not site._BLOCK_START.match(text) and not text.endswith(" ")
    assert fast > len(texts) / 2, "the fast path should serve most texts"
