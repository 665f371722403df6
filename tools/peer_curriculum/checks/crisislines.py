"""Crisis lines come from one data file, are checked regularly, and are shown on every crisis page."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

from peer_curriculum.blocks import iter_blocks
from peer_curriculum.checks.base import Checker, data_line
from peer_curriculum.loader import CRISIS_LINES_FILE
from peer_curriculum.vocab import CRISIS_LINE_MODULES

if TYPE_CHECKING:
    from pathlib import Path

    from peer_curriculum.findings import Reporter
    from peer_curriculum.loader import Curriculum
    from peer_curriculum.models import CrisisLines as CrisisLinesData

STALE_AFTER = timedelta(days=365)
"""An entry not verified for this long gets a warning: numbers change and services close."""

_DIGIT_RUN = re.compile(r"\d(?:[\d ]*\d)?")


def _number_patterns(lines: CrisisLinesData) -> dict[str, re.Pattern[str]]:
    """Every number in the data file, as a pattern that also finds it written with spaces or dashes."""
    numbers = {
        number.replace(" ", "")
        for country in lines.countries
        for entry in country.entries
        for number in [*entry.dial, *_DIGIT_RUN.findall(entry.contact)]
    }
    return {number: re.compile(r"(?<![\w,.$/#-])" + "[ -]?".join(number) + r"(?![\w,/])") for number in sorted(numbers) if len(number) >= 3}


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


class CrisisLines(Checker):
    """Checks ``curriculum/crisis-lines.yml`` and where its numbers appear.

    - The configured ``country`` must be one of the file's countries.
    - An entry last verified more than 12 months ago is a warning.
    - Every page of a crisis module shows the lines with a ``::: crisis-lines`` block.
    - No page, quiz bank or scenario writes a number from the file into its text: it would go
      stale, and would be wrong for organizations elsewhere.
    """

    name = "crisis-lines"

    def __init__(self, today: date | None = None) -> None:
        self.today = today or date.today()

    def run(self, curriculum: Curriculum, reporter: Reporter) -> None:  # noqa: D102
        lines = curriculum.crisis_lines
        if lines is None:
            return  # the loader has reported why
        if lines.configured() is None:
            path, line = data_line(curriculum, CRISIS_LINES_FILE, "country")
            known = ", ".join(country.id for country in lines.countries)
            reporter.error(path, line, f"`country: {lines.country}` is not in this file; use one of: {known}")
        for c, country in enumerate(lines.countries):
            for e, entry in enumerate(country.entries):
                if self.today - entry.last_verified > STALE_AFTER:
                    path, line = data_line(curriculum, CRISIS_LINES_FILE, "countries", c, "entries", e, "last_verified")
                    reporter.warning(
                        path,
                        line,
                        f"{entry.name} ({country.id}) was last verified on {entry.last_verified}, more than 12 months ago; "
                        "check it against its sources and update `last_verified`",
                    )
        self._crisis_pages_show_the_lines(curriculum, reporter)
        self._no_numbers_in_text(curriculum, reporter, _number_patterns(lines))

    @staticmethod
    def _crisis_pages_show_the_lines(curriculum: Curriculum, reporter: Reporter) -> None:
        for module in curriculum.modules:
            if module.id not in CRISIS_LINE_MODULES or module.meta.status == "planned":
                continue
            for page in module.pages:
                if page.trainer_only:
                    continue
                if not any(block.name == "crisis-lines" for block in iter_blocks(page.source.body.splitlines())):
                    reporter.error(
                        page.path,
                        page.source.body_start_line,
                        "crisis pages must show the local crisis lines; add a `::: crisis-lines` block (closed by `:::`) near the top",
                    )

    @staticmethod
    def _no_numbers_in_text(curriculum: Curriculum, reporter: Reporter, patterns: dict[str, re.Pattern[str]]) -> None:
        texts: list[tuple[Path, str, int]] = [(page.path, page.source.body, page.source.body_start_line) for page in curriculum.pages]
        texts += [(loaded.path, loaded.path.read_text(encoding="utf-8"), 1) for loaded in curriculum.banks]
        texts += [(scenario.path, scenario.path.read_text(encoding="utf-8"), 1) for scenario in curriculum.scenarios]
        for path, text, first_line in texts:
            for number, pattern in patterns.items():
                for match in pattern.finditer(text):
                    reporter.error(
                        path,
                        first_line - 1 + _line_of(text, match.start()),
                        f"the phone number {number} is written into the text; numbers live only in {CRISIS_LINES_FILE} "
                        '(show them with a `::: crisis-lines` block, or say "your local crisis line")',
                    )
