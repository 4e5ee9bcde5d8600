"""A content problem found by a check, and how it is reported."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.Enum):
    """How bad a problem is: errors always fail; warnings fail in strict mode."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file, located by 1-based line and column."""

    path: str
    line: int
    column: int
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Order problems by file and position so output is stable and easy to read."""
    return sorted(problems, key=lambda p: (p.path, p.line, p.column, p.message))
