"""The changelog: entries read newest first, mistakes located, and the What's-changed list.

Each rule's message is also tripped by a corpus case (tests/sites/cases/changelog-*), through both
`guidekit check` and the strict build; these tests pin what the module itself returns.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from guidekit.data.changelog import Change, changelog_lines, changelog_markdown, parse_changelog
from guidekit.source.text import SourceText

TODAY = dt.date(2026, 11, 22)
PAGES = {"index.md", "treatment.md"}
CHANGELOG = """\
- date: 2026-03-02
  pages: [index.md]
  change: Reworded the opening.
- date: 2026-11-22
  pages: [treatment.md, index.md]
  change: >
    Added what   immunotherapy
    can do.
- date: 2026-03-02
  pages: [treatment.md]
  change: Fixed a dose.
"""


def parse(text: str) -> tuple[list[Change], list[str]]:
    changes, problems = parse_changelog(SourceText("changelog.yml", text), PAGES, TODAY)
    return changes, [str(problem) for problem in problems]


def test_entries_newest_first_with_their_pages_and_one_line_each() -> None:
    changes, problems = parse(CHANGELOG)
    assert problems == []
    assert changes == [
        Change(dt.date(2026, 11, 22), ("treatment.md", "index.md"), "Added what immunotherapy can do."),
        Change(dt.date(2026, 3, 2), ("index.md",), "Reworded the opening."),
        Change(dt.date(2026, 3, 2), ("treatment.md",), "Fixed a dose."),
    ]


def test_today_is_not_the_future_but_tomorrow_is() -> None:
    entry = "- date: {}\n  pages: [index.md]\n  change: A change.\n"
    assert parse(entry.format("2026-11-22"))[1] == []
    assert parse(entry.format("2026-11-23"))[1] == ["changelog.yml:1:9: changelog date 2026-11-23 is in the future"]


def test_every_mistake_of_an_entry_is_located() -> None:
    changes, problems = parse("- date: 2026-11-31\n  pages: [index.md, nowhere.md]\n  change: ''\n- {}\n")
    assert changes == []
    assert problems == [
        "changelog.yml:1:9: changelog entry field 'date' must be a real date, not '2026-11-31'",
        "changelog.yml:3:11: changelog entry field 'change' is empty; write one plain sentence saying what changed",
        "changelog.yml:2:21: changelog names page 'nowhere.md', which is not in docs/",
        # With no keys at all, each message points at the entry itself.
        "changelog.yml:4:3: changelog entry is missing the required field 'date'",
        "changelog.yml:4:3: changelog entry is missing the required field 'pages'; "
        "write a list of pages such as [treatment.md]",
        "changelog.yml:4:3: changelog entry is missing the required field 'change'; "
        "write one plain sentence saying what changed",
    ]


def test_a_page_that_is_not_a_file_name_is_reported_not_a_crash() -> None:
    # A nested list or a mapping cannot be looked up among the pages (it is unhashable).
    text = "- date: 2026-11-20\n  pages: [[index.md], {a: b}, 3, index.md]\n  change: A change.\n"
    changes, problems = parse(text)
    assert problems == [
        "changelog.yml:2:11: each item in changelog entry field 'pages' must be non-empty text, not a list",
        "changelog.yml:2:23: each item in changelog entry field 'pages' must be non-empty text, not a mapping",
        "changelog.yml:2:31: changelog names page '3', which is not in docs/",
    ]
    assert changes == [Change(dt.date(2026, 11, 20), ("index.md",), "A change.")]


def test_the_shape_of_the_file_and_of_its_entries() -> None:
    assert parse("date: 2026-11-22\n")[1] == [
        "changelog.yml:1:1: the changelog must be a list of entries, each starting with '- date:'"
    ]
    assert parse("- [2026-11-22, index.md]\n")[1] == [
        "changelog.yml:1:3: each changelog entry must be a mapping with 'date', 'pages' and 'change'"
    ]
    assert parse("- date: 2026-11\n  pages: index.md\n  change: A change.\n")[1] == [
        "changelog.yml:1:9: changelog entry field 'date' must be a day written YYYY-MM-DD, not '2026-11'",
        "changelog.yml:2:10: changelog entry field 'pages' must be a list of pages such as [treatment.md], "
        "not 'index.md'",
    ]


def test_an_empty_changelog_is_no_mistake() -> None:
    assert parse("") == ([], [])
    assert parse("[]\n") == ([], [])


def test_the_list_has_a_heading_per_day_and_links_each_page_by_title() -> None:
    changes, _ = parse(CHANGELOG)
    titles = {"index.md": "Home", "treatment.md": "Treatment"}
    assert changelog_lines(changes, titles) == [
        "",
        "## 22 November 2026",
        "",
        "- Added what immunotherapy can do. ([Treatment](treatment.md), [Home](index.md))",
        "",
        "## 2 March 2026",
        "",
        "- Reworded the opening. ([Home](index.md))",
        "- Fixed a dose. ([Treatment](treatment.md))",
    ]
    assert changelog_lines([], titles) == ["", "No changes to medical content have been recorded yet."]


def test_the_list_leaves_out_entries_it_cannot_show(tmp_path: Path) -> None:
    path = tmp_path / "changelog.yml"
    broken = "- date: 2026-11\n  pages: [index.md]\n  change: No day.\n- date: 2026-11-21\n  pages: [index.md]\n"
    path.write_text(CHANGELOG + broken, encoding="utf-8")
    lines = changelog_markdown(path, "changelog.yml", {"index.md": "Home", "treatment.md": "Treatment"}, TODAY)
    assert lines == changelog_lines(parse(CHANGELOG)[0], {"index.md": "Home", "treatment.md": "Treatment"})
    assert changelog_markdown(tmp_path / "missing.yml", "missing.yml", {}, TODAY) == []
