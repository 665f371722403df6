"""Checkers over the whole curriculum, run in a fixed order by [run_checks][]."""

from __future__ import annotations

from typing import TYPE_CHECKING

from peer_curriculum.checks.alttext import AltText
from peer_curriculum.checks.base import Checker
from peer_curriculum.checks.completeness import Completeness
from peer_curriculum.checks.coverage import ObjectiveCoverage
from peer_curriculum.checks.crisislines import CrisisLines
from peer_curriculum.checks.duplicateids import DuplicateIds
from peer_curriculum.checks.links import InternalLinks
from peer_curriculum.checks.pageblocks import ContentNotes, PageBlocks
from peer_curriculum.checks.quizbanks import QuizBanks
from peer_curriculum.checks.scenarios import Scenarios
from peer_curriculum.checks.trackorder import TrackOrder
from peer_curriculum.checks.unknownids import UnknownIds

if TYPE_CHECKING:
    from peer_curriculum.findings import Reporter
    from peer_curriculum.loader import Curriculum

CHECKERS: list[type[Checker]] = [
    DuplicateIds,
    UnknownIds,
    TrackOrder,
    Completeness,
    PageBlocks,
    InternalLinks,
    AltText,
    ContentNotes,
    QuizBanks,
    Scenarios,
    ObjectiveCoverage,
    CrisisLines,
]
"""Every checker, in the order they run; later issues append theirs."""


def run_checks(curriculum: Curriculum, reporter: Reporter) -> Reporter:
    """Run every checker over ``curriculum``, collecting findings in ``reporter``."""
    for checker in CHECKERS:
        checker().run(curriculum, reporter)
    return reporter


__all__ = ["CHECKERS", "Checker", "run_checks"]
