"""Distant-stage survival data: one file feeds both the prognosis table and the bar chart.

Sources differ from one cancer to the next, so every row carries its own figure, the years in
which the people it describes were diagnosed, the place, and the citation key of the source it
was read in. The table cites each row and the chart names each row's source; since both come
from one file they can never disagree.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from guidekit.core.problems import Problem
from guidekit.core.words import Words, words_for
from guidekit.data.fields import LIST, NUMBER, TEXT, Field, Schema, as_text, data_problem, entries, read_fields
from guidekit.source.text import SourceText
from guidekit.source.yaml_positions import parse_yaml

MARKER = "<!-- guide:survival-table -->"
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


def _percent(number: float) -> str | None:
    return None if 0 <= number <= 100 else "a number from 0 to 100"


def _period(written: str) -> str | None:
    """The years of diagnosis: a range such as 2015–2021, the first year no later than the last."""
    match = _PERIOD.fullmatch(written)
    if match is None:
        return "a range of years such as 2015–2021"
    if int(match[1]) > int(match[2]):
        return "a range of years with the earlier year first, such as 2015–2021"
    return None


ROW = Schema(
    "survival row",
    (
        Field("cancer", TEXT, required=True),
        Field("percent", NUMBER, required=True, check=_percent, describe="a number from 0 to 100"),
        Field("period", TEXT, required=True, check=_period, describe="a range of years such as 2015–2021"),
        Field("place", TEXT, required=True),
        Field("source", TEXT, required=True, describe="the citation key of the source the figure was read in"),
    ),
)
ROW_FIELDS = ROW.names
# The file holds 'rows'; anything else in it (a comment-like 'release:') is left alone.
FILE = Schema(
    "survival data", (Field("rows", LIST, required=True, describe="a list of rows, one for each cancer"),), open=True
)


def parse_survival(source: SourceText) -> tuple[SurvivalData | None, list[Problem]]:
    """Read the survival data file: rows of cancer, percent, period, place and source."""
    path = source.display_path
    root, problems = parse_yaml(source)
    if root is None or not root.is_mapping:
        if root is not None:
            problems.append(data_problem("data-shape", path, root, "survival data must be a mapping with 'rows'"))
        return None, problems
    values, file_problems = read_fields(root, FILE, path)
    problems += file_problems
    rows_node = root.get("rows")
    if "rows" not in values or rows_node is None:
        return None, problems
    found, shape_problems = entries(rows_node, ROW, path, "the survival data's 'rows'")
    problems += shape_problems
    rows = []
    first_row: dict[str, int] = {}
    for entry in found or []:
        cancer_node = entry.get("cancer")
        name = as_text(cancer_node.value) if cancer_node is not None else None
        row, row_problems = read_fields(entry, ROW, path, name=name or None)
        problems += row_problems
        cancer = row.get("cancer")
        if cancer:
            folded = cancer.casefold()
            if folded in first_row:
                message = f"{cancer!r} is listed twice (first on line {first_row[folded]}); give each cancer one row"
                problems.append(data_problem("survival-duplicate", path, entry.get("cancer") or entry, message))
            else:
                first_row[folded] = entry.line
        if len(row) == len(ROW.fields):
            rows.append(
                SurvivalRow(
                    cancer, float(row["percent"]), row["period"], row["place"], row["source"], entry.line, entry.column
                )
            )
    if problems:
        return None, problems
    ordered = tuple(sorted(rows, key=lambda row: (-row.percent, row.cancer)))
    return SurvivalData(ordered), problems


def format_percent(value: float) -> str:
    """'3.7%' (SEER gives one decimal), '10%' for a whole number."""
    return f"{value:.1f}%".replace(".0%", "%")


def read_labels(path: Path) -> Mapping[str, Mapping[str, str]]:
    """A translation's names for the table's cancers and places: {"cancer": {English: Spanish}, "place": {…}}.

    Nothing when the file cannot be read or is not of that shape; the translation checks say so.
    """
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    if not isinstance(loaded, dict):
        return {}
    return {
        str(kind): {str(english): str(name) for english, name in names.items()}
        for kind, names in loaded.items()
        if isinstance(names, dict)
    }


def table_lines(
    data: SurvivalData, words: Words | None = None, labels: Mapping[str, Mapping[str, str]] | None = None
) -> list[str]:
    """The Markdown table for the prognosis page, in ``words``' language; each row cites its own source.

    ``labels``: a translation's names for the cancers and places (an English name when one is missing).
    """
    words = words or words_for(None)
    labels = labels or {}
    cancers, places = labels.get("cancer", {}), labels.get("place", {})
    lines = [words.table_header, "| --- | ---: | --- | --- | --- |"]
    lines += [
        f"| {cancers.get(row.cancer, row.cancer)} | {format_percent(row.percent)} | {row.years} "
        f"| {places.get(row.place, row.place)} | [@{row.source}] |"
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
