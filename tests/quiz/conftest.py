from __future__ import annotations

from pathlib import Path

import pytest

from peer_curriculum.findings import Reporter
from peer_curriculum.quiz.bank import load_bank
from peer_curriculum.quiz.models import Bank

FILES = Path(__file__).parent / "files"


@pytest.fixture(scope="session")
def sample_bank() -> Bank:
    reporter = Reporter()
    loaded = load_bank(FILES / "sample.yml", reporter)
    assert loaded is not None, [f.format() for f in reporter.findings]
    return loaded.bank
