"""Distant-stage survival data: one file feeds both the prognosis table and the bar chart.

The data file carries its citation keys, so the table cites each row and the chart names its
sources; since both come from one file they can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from .problems import Problem
from .sourcefile import SourceText
from .yamlnodes import Located, parse_yaml

MARKER = "<!-- guide:survival-table -->"


@dataclass(frozen=True)
class SurvivalRow:
    """One cancer type's 5-year relative survival at the distant stage."""

    cancer: str
    percent: float
    earlier: float | None  # the same figure for an earlier period, to show the change
    source: str
    line: int
    column: int


@dataclass(frozen=True)
class SurvivalData:
    """The rows, highest survival first, and the period the figures describe."""

    period: str
    release: str
    rows: tuple[SurvivalRow, ...]
    earlier_period: str | None = None

    @property
    def sources(self) -> list[str]:
        """The citation keys, each once, in row order."""
        return list(dict.fromkeys(row.source for row in self.rows))


def _percent(entry: Located, field: str, path: str, problems: list[Problem], *, required: bool) -> float | None:
    value = entry.get(field)
    if value is None and not required:
        return None
    number = value.value if value is not None else None
    if isinstance(number, bool) or not isinstance(number, (int, float)) or not 0 <= number <= 100:
        where = value or entry
        problems.append(Problem(path, where.line, where.column, f"{field!r} must be a number from 0 to 100"))
        return None
    return float(number)


def _text(entry: Located, field: str, path: str, problems: list[Problem]) -> str | None:
    value = entry.get(field)
    if value is None or not isinstance(value.value, str) or not value.value.strip():
        where = value or entry
        problems.append(Problem(path, where.line, where.column, f"survival data needs text in {field!r}"))
        return None
    return value.value.strip()


def parse_survival(source: SourceText) -> tuple[SurvivalData | None, list[Problem]]:
    """Read the survival data file: period, release and rows of cancer, percent and source."""
    path = source.display_path
    root, problems = parse_yaml(source)
    if root is None or not root.is_mapping:
        if root is not None:
            problems.append(Problem(path, root.line, root.column, "survival data must have period, release and rows"))
        return None, problems
    period = _text(root, "period", path, problems)
    release = _text(root, "release", path, problems)
    # Optional, but when given it heads a column of the table: text, like the period.
    earlier_label = _text(root, "earlier_period", path, problems) if "earlier_period" in root.value else None
    rows_node = root.get("rows")
    if rows_node is None or not rows_node.is_list or not rows_node.value:
        where = rows_node or root
        problems.append(Problem(path, where.line, where.column, "survival data needs a list of 'rows'"))
        return None, problems
    rows = []
    for entry in rows_node.value:
        if not entry.is_mapping:
            problems.append(Problem(path, entry.line, entry.column, "each row needs cancer, percent and source"))
            continue
        cancer = _text(entry, "cancer", path, problems)
        key = _text(entry, "source", path, problems)
        percent = _percent(entry, "percent", path, problems, required=True)
        earlier = _percent(entry, "earlier_percent", path, problems, required=False)
        if cancer and key and percent is not None:
            rows.append(SurvivalRow(cancer, percent, earlier, key, entry.line, entry.column))
    if not period or not release or problems:
        return None, problems
    if earlier_label is None and any(row.earlier is not None for row in rows):
        problems.append(
            Problem(path, root.line, root.column, "rows give 'earlier_percent': say which 'earlier_period'")
        )
        return None, problems
    ordered = tuple(sorted(rows, key=lambda row: (-row.percent, row.cancer)))
    return SurvivalData(period, release, ordered, earlier_label), problems


def format_percent(value: float) -> str:
    """'32.6%' (SEER gives one decimal), '8%' for a whole number."""
    return f"{value:.1f}%".replace(".0%", "%")


def table_lines(data: SurvivalData) -> list[str]:
    """The Markdown table for the prognosis page; each row cites its source."""
    if data.earlier_period:
        lines = [f"| Where the cancer started | {data.earlier_period} | {data.period} |", "| --- | ---: | ---: |"]
        lines += [
            f"| {row.cancer} | {format_percent(row.earlier) if row.earlier is not None else 'not known'} "
            f"| {format_percent(row.percent)} [@{row.source}] |"
            for row in data.rows
        ]
        return lines
    lines = [f"| Where the cancer started | {data.period} |", "| --- | ---: |"]
    lines += [f"| {row.cancer} | {format_percent(row.percent)} [@{row.source}] |" for row in data.rows]
    return lines


def expand_for_scan(text: str, data: SurvivalData | None) -> str:
    """The page as the checks should read it: the marker line holds the table's citations.

    The replacement is one line, so every other line keeps its number, and citations keep the
    order they have once the table is rendered.
    """
    if MARKER not in text or data is None:
        return text
    lines = text.split("\n")
    return "\n".join(citation_line(data) if line.strip() == MARKER else line for line in lines)


def citation_line(data: SurvivalData) -> str:
    """The table's citations on one line, in table order: what the checks scan in the marker's place."""
    return " ".join(f"[@{row.source}]" for row in data.rows)
