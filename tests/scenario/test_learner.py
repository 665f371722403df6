"""The learner's copy of a scenario notebook drops the rubrics and nothing else."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT
from peer_curriculum.findings import Reporter
from peer_curriculum.scenario.learner import learner_notebook, without_rubric
from peer_curriculum.scenario.notebook import TAG_REFLECTION, load_scenario

NOTEBOOKS = sorted((ROOT / "scenarios").rglob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_learner_copy_drops_only_the_rubrics(path: Path) -> None:
    source = json.loads(path.read_text(encoding="utf-8"))
    copy = json.loads(learner_notebook(path))
    scenario = load_scenario(path, Reporter(ROOT))
    assert scenario is not None
    assert len(copy["cells"]) == len(source["cells"])
    for original, learner in zip(source["cells"], copy["cells"], strict=True):
        if TAG_REFLECTION not in original["metadata"].get("tags", []):
            assert learner == original
            continue
        text = "".join(learner["source"])
        assert "rubric:" not in text
        assert text.rstrip().endswith('"""')
    # Whitespace collapsed, so YAML's wrapped lines read as the sentences they hold.
    text = " ".join("".join(cell["source"]) for cell in copy["cells"]).split()
    flat = " ".join(text)
    for reflection in scenario.reflections:
        assert reflection.id in flat
        for criterion in reflection.rubric:
            # A criterion's name may also be an observer's checklist line; its level descriptions are the rubric.
            assert all(" ".join(level.description.split()) not in flat for level in criterion.levels)


def test_rubric_anywhere_in_the_yaml_is_removed() -> None:
    source = 'reflection_1 = """\nid: r1\nrubric:\n  - criterion: Listens\n    levels:\n\n      - points: 0\nprompt: |-\n  Write.\n"""\n'
    assert without_rubric(source) == 'reflection_1 = """\nid: r1\nprompt: |-\n  Write.\n"""\n'
