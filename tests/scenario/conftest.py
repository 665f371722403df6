from __future__ import annotations

from pathlib import Path

import pytest

from peer_curriculum.scenario.authoring import new_notebook, placeholder_parts, write_notebook


def placeholder(objective: str = "al-open-questions") -> dict:
    parts = placeholder_parts("active-listening", "demo-scenario")
    for key in ("roles", "exercises", "reflections"):
        value = parts[key]
        parts[key] = (
            [v.replace("replace-with-objective-id", objective) for v in value]
            if isinstance(value, list)
            else value.replace("replace-with-objective-id", objective)
        )
    parts["meta"]["objectives"] = [objective]
    return parts


@pytest.fixture
def demo_notebook(tmp_path: Path) -> Path:
    path = tmp_path / "scenarios/active-listening/demo-scenario.ipynb"
    path.parent.mkdir(parents=True)
    write_notebook(new_notebook(**placeholder()), path)
    return path
