"""Findings and the reporter that collects them (after Carpentries' ``lesson_check.py``)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path


class Severity(enum.Enum):
    """How serious a finding is: errors fail ``check``, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Finding:
    """One thing wrong with the curriculum, at one place."""

    path: str
    """File path, relative to the curriculum root where possible."""
    line: int
    """1-based line in that file."""
    message: str
    """What is wrong and how to fix it."""
    severity: Severity = field(default=Severity.ERROR, compare=False)

    def format(self) -> str:
        """Render as ``path:line: severity: message``."""
        return f"{self.path}:{self.line}: {self.severity.value}: {self.message}"


class Reporter:
    """Collects findings from every checker, de-duplicated and sorted by place.

    Arguments:
        root: Paths under this folder are reported relative to it.
    """

    def __init__(self, root: Path | None = None) -> None:
        self.root = root
        self._findings: set[Finding] = set()

    def _relative(self, path: Path | str) -> str:
        path = Path(path)
        if self.root is not None:
            try:
                return path.resolve().relative_to(self.root.resolve()).as_posix()
            except ValueError:
                pass
        return path.as_posix()

    def error(self, path: Path | str, line: int, message: str) -> None:
        """Record an error at ``path:line``."""
        self._findings.add(Finding(self._relative(path), max(line, 1), message, Severity.ERROR))

    def warning(self, path: Path | str, line: int, message: str) -> None:
        """Record a warning at ``path:line``."""
        self._findings.add(Finding(self._relative(path), max(line, 1), message, Severity.WARNING))

    def check(self, condition: bool, path: Path | str, line: int, message: str) -> bool:  # noqa: FBT001
        """Record an error unless ``condition`` holds; return ``condition``."""
        if not condition:
            self.error(path, line, message)
        return condition

    @property
    def findings(self) -> list[Finding]:
        """All findings, ordered by path and line."""
        return sorted(self._findings)

    @property
    def errors(self) -> list[Finding]:
        """Only the errors."""
        return [finding for finding in self.findings if finding.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        """Only the warnings."""
        return [finding for finding in self.findings if finding.severity is Severity.WARNING]
