"""A content problem found by a check, the rule it breaks, and how it is reported."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from guidekit.core.rules import RULES, Level


def is_fatal(problem: Problem, strict: bool) -> bool:
    """Whether a problem stops the build: an error always; a warning in strict mode, unless its rule
    only says what a translation has still to catch up with (``Rule.holds_back``)."""
    if problem.severity is Severity.ERROR:
        return True
    return strict and RULES[problem.rule].holds_back


class Severity(enum.Enum):
    """How bad a problem is: errors always fail; warnings fail in strict mode."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file, located by 1-based line and column, and the rule it breaks.

    Its severity is the rule's default level unless given; ``apply_levels`` sets the guide's own.
    """

    path: str
    line: int
    column: int
    message: str
    severity: Severity | None = field(default=None, compare=False)
    rule: str = field(kw_only=True)  # required: every problem says which rule it breaks

    def __post_init__(self) -> None:
        if self.rule not in RULES:
            raise ValueError(f"unknown rule id {self.rule!r}: declare it in guidekit.core.rules")  # a code mistake
        if self.severity is None:
            object.__setattr__(self, "severity", _severity(RULES[self.rule].level))

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"

    @property
    def report_line(self) -> str:
        """The line a contributor sees: the problem and, in brackets, the rule to ask ``--explain`` about."""
        return f"{self} [{self.rule}]"


def _severity(level: Level) -> Severity:
    """The severity a problem of a rule at ``level`` has (ignored ones are never built or kept)."""
    return Severity.WARNING if level is Level.WARNING else Severity.ERROR


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Order problems by file and position so output is stable and easy to read."""
    return sorted(problems, key=lambda p: (p.path, p.line, p.column, p.message))


def apply_levels(problems: list[Problem], levels: Mapping[str, Level]) -> list[Problem]:
    """The problems at the levels a guide sets in ``rules:``; those of ignored rules are left out."""
    kept = []
    for problem in problems:
        level = levels.get(problem.rule)
        if level is Level.IGNORE:
            continue
        if level is not None:
            problem = replace(problem, severity=_severity(level))
        kept.append(problem)
    return kept
