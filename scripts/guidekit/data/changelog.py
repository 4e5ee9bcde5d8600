"""The changelog of medical content: what changed, on which pages, and when.

Each merged pull request that changes medical content adds an entry (the pull request template
asks for it); the "What's changed" page is generated from this file, newest first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from guidekit.core.dates import human_date
from guidekit.core.problems import Problem
from guidekit.core.words import Words, words_for
from guidekit.data.fields import DAY, TEXT, TEXT_LIST, Field, Schema, data_problem, entries, read_fields
from guidekit.source.text import SourceText, read_source
from guidekit.source.yaml_positions import Located, parse_yaml

MARKER = "<!-- guide:changelog -->"


@dataclass(frozen=True)
class Change:
    """One entry: a day, the pages it touched (docs paths) and one plain sentence."""

    date: dt.date
    pages: tuple[str, ...]
    change: str


ENTRY = Schema(
    "changelog entry",
    (
        Field("date", DAY, required=True),
        Field("pages", TEXT_LIST, required=True, describe="a list of pages such as [treatment.md]"),
        Field("change", TEXT, required=True, describe="one plain sentence saying what changed"),
    ),
)


def _entry(entry: Located, path: str, pages_known: set[str], today: dt.date) -> tuple[Change | None, list[Problem]]:
    values, problems = read_fields(entry, ENTRY, path)
    day = values.get("date")
    if day is not None and day > today:
        problems.append(
            data_problem("date-in-future", path, entry.get("date") or entry, f"changelog date {day} is in the future")
        )
    pages: list[str] = []
    for page in values.get("pages", ()):
        if page.value in pages_known:
            pages.append(page.value)
        else:
            message = f"changelog names page {page.value!r}, which is not in docs/"
            problems.append(data_problem("changelog-page", path, page, message))
    change = values.get("change")
    if day is None or change is None:
        return None, problems
    return Change(day, tuple(pages), change), problems


def parse_changelog(source: SourceText, pages_known: set[str], today: dt.date) -> tuple[list[Change], list[Problem]]:
    """Every entry, newest first; every mistake located."""
    path = source.display_path
    root, problems = parse_yaml(source)
    if root is None:
        return [], problems
    found, shape_problems = entries(root, ENTRY, path, "the changelog")
    problems += shape_problems
    changes = []
    for entry in found or []:
        change, entry_problems = _entry(entry, path, pages_known, today)
        problems += entry_problems
        if change:
            changes.append(change)
    return sorted(changes, key=lambda change: change.date, reverse=True), problems


def changelog_lines(changes: list[Change], titles: dict[str, str], words: Words | None = None) -> list[str]:
    """The What's-changed page body as Markdown: a heading per day, a line per change."""
    lines: list[str] = []
    current = None
    for change in changes:
        if change.date != current:
            current = change.date
            day = change.date
            parts = (day.year, day.month, day.day)
            lines += ["", f"## {words.date(parts) if words else human_date(parts)}", ""]
        links = ", ".join(f"[{titles.get(page, page)}]({page})" for page in change.pages)
        lines.append(f"- {change.change} ({links})")
    return lines or ["", (words or words_for(None)).no_changes]


def changelog_markdown(
    path: Path, display_path: str, titles: dict[str, str], today: dt.date, words: Words | None = None
) -> list[str]:
    """The What's-changed page body from the changelog file; nothing if it cannot be read.

    Mistakes in the file are the checks' to report, so they are not repeated here.
    """
    source, _ = read_source(path, display_path)
    if source is None:
        return []
    changes, _ = parse_changelog(source, set(titles), today)
    return changelog_lines(changes, titles, words)
