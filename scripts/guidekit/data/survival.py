"""Distant-stage survival data: one file feeds both the prognosis table and the bar chart.

Sources differ from one cancer to the next, so every row carries its own figure, the years in
which the people it describes were diagnosed, the place, and the citation key of the source it
was read in. The table cites each row and the chart names each row's source; since both come
from one file they can never disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from guidekit.core.problems import Problem
from guidekit.source.text import SourceText
from guidekit.source.yaml_positions import Located, parse_yaml

MARKER = "<!-- guide:survival-table -->"
ROW_FIELDS = ("cancer", "percent", "period", "place", "source")
# A range of years, first and last joined by an en dash or a hyphen: 2015–2021 or 2015-2021.
_PERIOD = re.compile(r"(\d{4})[–-](\d{4})")


@dataclass(frozen=True)
class SurvivalRow:
    """One cancer type's 5-year survival once it had spread far, as one source gives it."""

    cancer: str
    percent: float
    period: str  # the years of diagnosis, as written: 2015–2021
    place: str  # where those people were diagnosed: United States, England
    source: str
    line: int
    column: int

    @property
    def years(self) -> str:
        """The period for readers: '2016–2020', or '2015' when it is a single year."""
        match = _PERIOD.fullmatch(self.period)
        if match and match[1] == match[2]:
            return match[1]
        return self.period.replace("-", "–")


@dataclass(frozen=True)
class SurvivalData:
    """The rows, highest survival first."""

    rows: tuple[SurvivalRow, ...]

    @property
    def sources(self) -> list[str]:
        """The citation keys, each once, in row order."""
        return list(dict.fromkeys(row.source for row in self.rows))


def _percent(entry: Located, field: str, path: str, problems: list[Problem]) -> float | None:
    value = entry.get(field)
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


def _period(entry: Located, path: str, problems: list[Problem]) -> str | None:
    """The years of diagnosis: a range such as 2015–2021, the first year no later than the last."""
    value = entry.get("period")
    if value is not None and isinstance(value.value, int) and not isinstance(value.value, bool):
        written = str(value.value)  # a single year, which YAML reads as a number
    else:
        written = _text(entry, "period", path, problems)
        if written is None:
            return None
    where = value or entry
    match = _PERIOD.fullmatch(written)
    if match is None:
        message = f"period {written!r} is not a range of years; write it as 2015–2021"
        problems.append(Problem(path, where.line, where.column, message))
        return None
    if int(match[1]) > int(match[2]):
        message = f"period {written!r} ends before it starts; write the earlier year first"
        problems.append(Problem(path, where.line, where.column, message))
        return None
    return written


def _unknown_fields(entry: Located, path: str, problems: list[Problem]) -> None:
    for key, (line, column) in entry.key_positions.items():
        if key not in ROW_FIELDS:
            message = f"unknown row field {key!r}; a row has cancer, percent, period, place and source"
            problems.append(Problem(path, line, column, message))


def parse_survival(source: SourceText) -> tuple[SurvivalData | None, list[Problem]]:
    """Read the survival data file: rows of cancer, percent, period, place and source."""
    path = source.display_path
    root, problems = parse_yaml(source)
    if root is None or not root.is_mapping:
        if root is not None:
            problems.append(Problem(path, root.line, root.column, "survival data must be a mapping with 'rows'"))
        return None, problems
    rows_node = root.get("rows")
    if rows_node is None or not rows_node.is_list or not rows_node.value:
        where = rows_node or root
        problems.append(Problem(path, where.line, where.column, "survival data needs a list of 'rows'"))
        return None, problems
    rows = []
    first_row: dict[str, int] = {}
    for entry in rows_node.value:
        if not entry.is_mapping:
            message = "each row needs cancer, percent, period, place and source"
            problems.append(Problem(path, entry.line, entry.column, message))
            continue
        _unknown_fields(entry, path, problems)
        cancer = _text(entry, "cancer", path, problems)
        percent = _percent(entry, "percent", path, problems)
        period = _period(entry, path, problems)
        place = _text(entry, "place", path, problems)
        key = _text(entry, "source", path, problems)
        if cancer:
            name = " ".join(cancer.casefold().split())
            if name in first_row:
                where = entry.get("cancer") or entry
                message = f"{cancer!r} is listed twice (first on line {first_row[name]}); give each cancer one row"
                problems.append(Problem(path, where.line, where.column, message))
            else:
                first_row[name] = entry.line
        if cancer and percent is not None and period and place and key:
            rows.append(SurvivalRow(cancer, percent, period, place, key, entry.line, entry.column))
    if problems:
        return None, problems
    ordered = tuple(sorted(rows, key=lambda row: (-row.percent, row.cancer)))
    return SurvivalData(ordered), problems


def format_percent(value: float) -> str:
    """'3.7%' (SEER gives one decimal), '10%' for a whole number."""
    return f"{value:.1f}%".replace(".0%", "%")


def table_lines(data: SurvivalData) -> list[str]:
    """The Markdown table for the prognosis page; each row cites its own source."""
    lines = [
        "| Where the cancer started | Alive 5 years later | Diagnosed in | Where | Source |",
        "| --- | ---: | --- | --- | --- |",
    ]
    lines += [
        f"| {row.cancer} | {format_percent(row.percent)} | {row.years} | {row.place} | [@{row.source}] |"
        for row in data.rows
    ]
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
