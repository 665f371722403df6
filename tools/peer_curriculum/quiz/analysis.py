"""Item analysis from graded results: facility and discrimination per item.

- **Facility** is the mean share of the item's points that learners earned (0 to 1).
- **Discrimination index** compares the top and bottom 27% of learners by total score:
  the difference of their mean facility on the item (-1 to 1). Items that strong learners
  miss more often than weak ones (negative) usually have a flawed key or a misleading stem.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

GROUP_SHARE = 0.27
"""Share of learners in each of the upper and lower groups (Kelley's 27%)."""
TOO_EASY = 0.90
TOO_HARD = 0.30
LOW_DISCRIMINATION = 0.20
MIN_LEARNERS = 10
"""Below this many learners the indices are too noisy to flag anything."""


@dataclass(frozen=True)
class ItemStatistics:
    """Statistics of one item."""

    item: str
    responses: int
    facility: float
    discrimination: float
    flags: tuple[str, ...]


def analyse(results: dict[str, Any]) -> list[ItemStatistics]:
    """Compute facility and discrimination for every item in a ``results.json`` document."""
    items = [(item["id"], float(item["points"])) for item in results["items"]]
    learners = results["learners"]
    ranked = sorted(learners, key=lambda learner: (learner["score"], learner["learner"]))
    group = max(1, math.floor(len(ranked) * GROUP_SHARE)) if ranked else 0
    lower, upper = ranked[:group], ranked[len(ranked) - group :]
    statistics = []
    for item_id, points in items:

        def share(learner: dict[str, Any], item_id: str = item_id, points: float = points) -> float:
            return float(learner["items"].get(item_id, 0.0)) / points

        facility = sum(share(learner) for learner in learners) / len(learners) if learners else 0.0
        discrimination = (sum(map(share, upper)) - sum(map(share, lower))) / group if group else 0.0
        flags = []
        if len(learners) >= MIN_LEARNERS:
            if facility > TOO_EASY:
                flags.append("too easy")
            if facility < TOO_HARD:
                flags.append("too hard")
            if discrimination < 0:
                flags.append("negative discrimination")
            elif discrimination < LOW_DISCRIMINATION:
                flags.append("low discrimination")
        statistics.append(ItemStatistics(item_id, len(learners), round(facility, 4), round(discrimination, 4), tuple(flags)))
    return statistics


def write_csv(statistics: list[ItemStatistics], path: Path) -> None:
    """Write the statistics as CSV."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["item", "responses", "facility", "discrimination", "review"])
        for row in statistics:
            writer.writerow([row.item, row.responses, row.facility, row.discrimination, "; ".join(row.flags)])
