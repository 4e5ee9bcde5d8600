"""The changelog of medical content: what changed, on which pages, and when.

Each merged pull request that changes medical content adds an entry (the pull request template
asks for it); the "What's changed" page is generated from this file, newest first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from guidekit.core.dates import DateError, parse_partial_date
from guidekit.core.problems import Problem
from guidekit.source.text import SourceText, read_source
from guidekit.source.yaml_positions import Located, parse_yaml

MARKER = "<!-- guide:changelog -->"


@dataclass(frozen=True)
class Change:
    """One entry: a day, the pages it touched (docs paths) and one plain sentence."""

    date: dt.date
    pages: tuple[str, ...]
    change: str


def _entry(entry: Located, path: str, pages_known: set[str], today: dt.date, problems: list[Problem]) -> Change | None:
    def problem(where: Located | None, message: str) -> None:
        node = where or entry
        problems.append(Problem(path, node.line, node.column, message))

    date_node, pages_node, change_node = entry.get("date"), entry.get("pages"), entry.get("change")
    day = None
    try:
        parts = parse_partial_date(date_node.value if date_node else None)
        day = dt.date(*parts) if parts[2] is not None else None  # type: ignore[misc]
    except DateError:
        pass
    if day is None:
        problem(date_node, "a changelog entry needs 'date' as YYYY-MM-DD")
    elif day > today:
        problem(date_node, f"changelog date {day} is in the future")
    pages: list[str] = []
    if pages_node is None or not pages_node.is_list or not pages_node.value:
        problem(pages_node, "a changelog entry needs 'pages', a list such as [treatment.md]")
    else:
        for item in pages_node.value:
            if not isinstance(item.value, str) or item.value not in pages_known:
                problem(item, f"changelog names page {item.plain()!r}, which is not in docs/")
            else:
                pages.append(item.value)
    text = change_node.value if change_node is not None else None
    if not isinstance(text, str) or not text.strip():
        problem(change_node, "a changelog entry needs 'change': one plain sentence saying what changed")
        return None
    return Change(day, tuple(pages), " ".join(text.split())) if day else None


def parse_changelog(source: SourceText, pages_known: set[str], today: dt.date) -> tuple[list[Change], list[Problem]]:
    """Every entry, newest first; every mistake located."""
    root, problems = parse_yaml(source)
    if root is None:
        return [], problems
    if not root.is_list:
        problems.append(Problem(source.display_path, root.line, root.column, "the changelog must be a list of entries"))
        return [], problems
    changes = []
    for entry in root.value:
        if not entry.is_mapping:
            problems.append(
                Problem(source.display_path, entry.line, entry.column, "each entry needs date, pages, change")
            )
            continue
        change = _entry(entry, source.display_path, pages_known, today, problems)
        if change:
            changes.append(change)
    return sorted(changes, key=lambda change: change.date, reverse=True), problems


def changelog_lines(changes: list[Change], titles: dict[str, str]) -> list[str]:
    """The What's-changed page body as Markdown: a heading per day, a line per change."""
    lines: list[str] = []
    current = None
    for change in changes:
        if change.date != current:
            current = change.date
            lines += ["", f"## {change.date.day} {change.date:%B %Y}", ""]
        links = ", ".join(f"[{titles.get(page, page)}]({page})" for page in change.pages)
        lines.append(f"- {change.change} ({links})")
    return lines or ["", "No changes to medical content have been recorded yet."]


def changelog_markdown(path: Path, display_path: str, titles: dict[str, str], today: dt.date) -> list[str]:
    """The What's-changed page body from the changelog file; nothing if it cannot be read.

    Mistakes in the file are the checks' to report, so they are not repeated here.
    """
    source, _ = read_source(path, display_path)
    if source is None:
        return []
    changes, _ = parse_changelog(source, set(titles), today)
    return changelog_lines(changes, titles)
