"""Are facility and discrimination computed and flagged as documented?"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from peer_curriculum.quiz.analysis import analyse

CLI = Path(sys.executable).parent / "peer-curriculum"


def results(rows: list[dict[str, float]]) -> dict:
    items = sorted({item for row in rows for item in row})
    return {
        "format": "peer-curriculum/results@1",
        "bank": "demo",
        "items": [{"id": item, "points": 1.0} for item in items],
        "learners": [{"learner": f"l{n:02}", "score": sum(row.values()), "items": row} for n, row in enumerate(rows)],
    }


def test_facility_discrimination_and_flags() -> None:
    rows = []
    for strength in range(20):
        strong = strength >= 10
        rows.append(
            {
                "easy": 1.0,  # everyone right: too easy, no discrimination
                "good": 1.0 if strong else 0.0,  # strong right, weak wrong: discriminates
                "flawed": 0.0 if strong else 1.0,  # strong wrong, weak right: negative
                "anchor": 1.0 if strength >= 5 else 0.0,  # orders learners by ability
            }
        )
    stats = {row.item: row for row in analyse(results(rows))}
    assert stats["easy"].facility == 1.0 and "too easy" in stats["easy"].flags
    assert stats["good"].facility == 0.5 and stats["good"].discrimination == pytest.approx(1.0) and stats["good"].flags == ()
    assert stats["flawed"].discrimination < 0 and "negative discrimination" in stats["flawed"].flags


def test_cli_table_and_csv(tmp_path: Path) -> None:
    path = tmp_path / "results.json"
    path.write_text(json.dumps(results([{"a": float(n % 2), "b": 1.0} for n in range(12)])), encoding="utf-8")
    out = tmp_path / "items.csv"
    result = subprocess.run([str(CLI), "item-analysis", str(path), "--csv", str(out)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "Item analysis" in result.stdout and "too easy" in result.stdout
    assert out.read_text(encoding="utf-8").splitlines()[0] == "item,responses,facility,discrimination,review"


def test_cli_rejects_other_json(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text("{}", encoding="utf-8")
    result = subprocess.run([str(CLI), "item-analysis", str(path)], capture_output=True, text=True, check=False)
    assert result.returncode == 1 and "not a results.json" in result.stderr
