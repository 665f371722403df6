"""The build benchmark's baselines hold what they claim to hold."""

from __future__ import annotations

import importlib.util
from types import ModuleType

from conftest import ROOT
from peer_curriculum.findings import Reporter
from peer_curriculum.loader import load_curriculum


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_build", ROOT / "bench" / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_written_out_pages_hold_the_blocks_content_but_no_widget_or_trainer_block() -> None:
    bench = _bench()
    curriculum = load_curriculum(ROOT, Reporter(ROOT))
    glossary = bench.written_out_text(curriculum, (ROOT / "docs/glossary.md").read_text(encoding="utf-8"))
    assert "::: glossary" not in glossary
    assert all(term.definition.split()[0] in glossary for term in curriculum.glossary.terms)
    scenario_page = (ROOT / "modules/crisis-referral/scenario-worried-parent.md").read_text(encoding="utf-8")
    written = bench.written_out_text(curriculum, scenario_page)
    assert "::: scenario" not in written
    assert "card-person" in written
    assert '<div class="peer-scenario"' not in written
    session_plan = (ROOT / "modules/crisis-referral/index.md").read_text(encoding="utf-8")
    assert "::: trainer-note" not in bench.written_out_text(curriculum, session_plan)
