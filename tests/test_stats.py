"""Do module statistics count what a learner reads, and only that?"""

from __future__ import annotations

from pathlib import Path

from peer_curriculum.loader import Page
from peer_curriculum.sourcefile import split_front_matter
from peer_curriculum.stats import learner_prose, word_count

PAGE = """---
title: T
---

# Listening well

Listen **first**, then [reflect](other.md).

::: trainer-note
Secret facilitator words here.
:::

```text
code is not prose
```

## Sources

- A long citation that should not count.
"""


def test_learner_prose_leaves_out_trainer_notes_code_and_sources() -> None:
    page = Page(split_front_matter(PAGE, Path("p.md")), "modules/x/p.md", "lesson", "x")
    prose = learner_prose(page)
    assert "Secret" not in prose and "code is not prose" not in prose and "citation" not in prose
    assert word_count(prose) == word_count("Listening well Listen first then reflect")
