"""The pull request summary: what a range of commits does to the guide, as Markdown for reviewers.

``collect`` reads both versions of every changed page and data file from git; ``render`` writes
the Markdown that CI appends to ``$GITHUB_STEP_SUMMARY``. Nothing here reads the working tree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from guidekit.data.project import Project, load_project
from guidekit.release.readability import (  # the guide's aims: a score past them is pointed out
    MAX_GRADE,
    MIN_FERNANDEZ_HUERTA,
)
from guidekit.review.git import ChangedFile, changed_files, read_at
from guidekit.review.page_facts import (
    REVIEW_KEYS,
    PageFacts,
    bibliography_keys,
    changelog_entries,
    glossary_names,
    page_facts,
)
from guidekit.review.preview import ARTIFACT, artifact_path


@dataclass(frozen=True)
class PageChange:
    """One changed page: its paths relative to docs_dir before and after (None if absent) and its facts.

    A translation's page also names its docs folder (``docs-es``, shown before the page) and its
    folder in the built site (``es``, where publish.editions builds it); both are "" in the guide's own.
    """

    old: str | None
    new: str | None
    before: PageFacts | None
    after: PageFacts | None
    edition: str = ""
    site_folder: str = ""

    @property
    def kind(self) -> str:
        if self.old is None:
            return "new"
        if self.new is None:
            return "deleted"
        return "changed" if self.old == self.new else "renamed"


@dataclass(frozen=True)
class DataChange:
    """A data file's keys before and after; None for a version that is absent or cannot be read."""

    path: str
    before: frozenset[str] | None
    after: frozenset[str] | None
    names: dict[str, str]  # key -> how readers see it (a glossary term's name), when it differs


@dataclass(frozen=True)
class Summary:
    """Everything ``render`` shows."""

    base: str
    base_commit: str
    pages: tuple[PageChange, ...]
    data: tuple[DataChange, ...]
    changelog: str | None  # the changelog's path, when the guide has one
    new_entries: tuple[tuple[dt.date, str], ...] | None  # None: the new version cannot be read
    use_directory_urls: bool = True


def _relative(path: Path, root: Path) -> str | None:
    """A path relative to the repository, with forward slashes; None when it is outside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return None


def _docs_path(path: str | None, docs_folder: str) -> str | None:
    """A repository path as a page path relative to docs_dir; None when it is not a page."""
    if path is None or not path.endswith(".md"):
        return None
    if docs_folder == ".":
        return path
    return path[len(docs_folder) + 1 :] if path.startswith(docs_folder + "/") else None


def _page_changes(
    root: Path,
    base: str,
    changes: Iterable[ChangedFile],
    docs_folder: str,
    edition: Project,
    translated_as: str = "",
) -> list[PageChange]:
    """The changed pages of one edition; ``translated_as`` is a translation's site folder ("es")."""
    pages = []
    glossary_page, language = edition.glossary_page, edition.language
    for change in changes:
        old, new = _docs_path(change.old, docs_folder), _docs_path(change.new, docs_folder)
        if old is None and new is None:
            continue
        before = _facts(read_at(root, base, change.old), old, glossary_page, language) if old and change.old else None
        after = _facts(read_at(root, "HEAD", change.new), new, glossary_page, language) if new and change.new else None
        shown_folder = docs_folder if translated_as else ""
        pages.append(PageChange(old, new, before, after, shown_folder, translated_as))
    return pages


def _facts(data: bytes | None, docs_path: str | None, glossary_page: str, language: str) -> PageFacts | None:
    if data is None or docs_path is None:
        return None
    return page_facts(data, docs_path, glossary_page, language)


def collect(
    root: Path, project: Project, base: str, base_commit: str, today: dt.date, use_directory_urls: bool = True
) -> Summary:
    """Compare ``base_commit`` (where the branch left ``base``) with HEAD, for the guide ``project``."""
    changes = changed_files(root, base_commit)
    touched = {path for change in changes for path in (change.old, change.new) if path}
    docs_folder = _relative(project.docs_dir, root)
    # Pages outside the repository are in no commit: none of them can have changed.
    pages = _page_changes(root, base_commit, changes, docs_folder, project) if docs_folder else []
    for config in project.translations:
        translation = load_project(config)
        translation_folder = _relative(translation.docs_dir, root)
        if translation_folder:
            # Built into the folder named after its language, as publish.editions builds it.
            pages += _page_changes(root, base_commit, changes, translation_folder, translation, translation.language)
    data = []
    bibliography = _relative(project.bibliography, root)
    if bibliography in touched:
        data.append(
            DataChange(
                bibliography,
                bibliography_keys(read_at(root, base_commit, bibliography), bibliography, today),
                bibliography_keys(read_at(root, "HEAD", bibliography), bibliography, today),
                {},
            )
        )
    glossary = _relative(project.glossary, root)
    if glossary in touched:
        before = glossary_names(read_at(root, base_commit, glossary), glossary)
        after = glossary_names(read_at(root, "HEAD", glossary), glossary)
        names = {**(before or {}), **(after or {})}
        data.append(DataChange(glossary, _keys(before), _keys(after), names))
    changelog = _relative(project.changelog, root) if project.changelog else None
    if changelog and read_at(root, "HEAD", changelog) is None:
        changelog = None  # a guide without a changelog is not asked for an entry
    new_entries: tuple[tuple[dt.date, str], ...] | None = ()
    if changelog and changelog in touched:
        old_entries = changelog_entries(read_at(root, base_commit, changelog), changelog, today) or frozenset()
        entries = changelog_entries(read_at(root, "HEAD", changelog), changelog, today)
        new_entries = None if entries is None else tuple(sorted(entries - old_entries))
    return Summary(base, base_commit, tuple(pages), tuple(data), changelog, new_entries, use_directory_urls)


def _keys(names: dict[str, str] | None) -> frozenset[str] | None:
    return None if names is None else frozenset(names)


# Markdown. Table cells escape '|' (GitHub splits cells on it, even inside code spans).


def code(text: str) -> str:
    """``text`` as a code span, fenced with more backticks than it holds, so any text shows as written."""
    longest = 0
    current = 0
    for character in text:
        current = current + 1 if character == "`" else 0
        longest = max(longest, current)
    fence = "`" * (longest + 1)
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{padding}{text}{padding}{fence}"


def cell(text: str) -> str:
    """Text that stays inside one table cell: '|' escaped, line breaks made spaces."""
    return " ".join(text.replace("|", "\\|").split())


def _grade(facts: PageFacts | None) -> str:
    if facts is None:
        return "—"
    if facts.unreadable:
        return facts.unreadable
    if not facts.words:
        return "no prose"
    if facts.fernandez_huerta is not None:
        shown = f"Fernández-Huerta {facts.fernandez_huerta:.1f}"
        low = facts.fernandez_huerta < MIN_FERNANDEZ_HUERTA
        return f"**{shown}** (under {MIN_FERNANDEZ_HUERTA:g})" if low else shown
    shown = f"{facts.grade:.1f}"
    return f"**{shown}** (over {MAX_GRADE:g})" if facts.grade is not None and facts.grade > MAX_GRADE else shown


def _added_removed(before: frozenset[str], after: frozenset[str]) -> str:
    parts = []
    if after - before:
        parts.append("added " + ", ".join(code(key) for key in sorted(after - before)))
    if before - after:
        parts.append("removed " + ", ".join(code(key) for key in sorted(before - after)))
    return "; ".join(parts) or "no change"


def _review(before: PageFacts | None, after: PageFacts | None) -> str:
    old = before.review if before else {}
    new = after.review if after else {}
    parts = []
    for key in REVIEW_KEYS:
        if old.get(key) != new.get(key):
            parts.append(f"{code(key)}: {old.get(key, '—')} → {new.get(key, '—')}")
    return "; ".join(parts) or "no change"


def _page_row(page: PageChange) -> str:
    prefix = f"{page.edition}/" if page.edition else ""
    name = code(prefix + (page.new or page.old or ""))
    if page.kind == "renamed":
        name = f"{code(prefix + (page.old or ''))} → {name}"
    grade = f"{_grade(page.before)} → {_grade(page.after)}"
    if any(facts and facts.unreadable for facts in (page.before, page.after)):
        # One side is unknown: "added" or "removed" would be a guess.
        compared = ("cannot compare",) * 3
    else:
        before, after = page.before or PageFacts(), page.after or PageFacts()
        compared = (
            _added_removed(before.citations, after.citations),
            _added_removed(before.terms, after.terms),
            "—" if page.kind == "deleted" else _review(page.before, page.after),
        )
    return "| " + " | ".join(cell(text) for text in (name, page.kind, grade, *compared)) + " |"


def _data_line(change: DataChange) -> str:
    where = code(change.path)
    if change.after is None:
        return f"- {where}: cannot read the new version; `python -m guidekit check` says why"
    before = change.before or frozenset()

    def shown(key: str) -> str:
        name = change.names.get(key)
        return f"{name} ({code(key)})" if name and name != key else code(key)

    parts = []
    if change.after - before:
        parts.append("new: " + ", ".join(shown(key) for key in sorted(change.after - before)))
    if before - change.after:
        parts.append("removed: " + ", ".join(shown(key) for key in sorted(before - change.after)))
    return f"- {where}: " + ("; ".join(parts) or "no entry added or removed")


def _changelog_lines(summary: Summary) -> list[str]:
    if summary.changelog is None:
        return []
    where = code(summary.changelog)
    if summary.new_entries is None:
        return [f"- {where}: cannot read the new version; `python -m guidekit check` says why"]
    if not summary.new_entries:
        return [f"- {where} got **no new entry**. If readers will notice the change, add one."]
    count = len(summary.new_entries)
    lines = [f"- {where} got {count} new {'entry' if count == 1 else 'entries'}:"]
    lines += [f"  - {day.isoformat()}: {' '.join(text.split())}" for day, text in summary.new_entries]
    return lines


def _preview_lines(summary: Summary) -> list[str]:
    shown = [f"{page.site_folder}/{page.new}" if page.site_folder else page.new for page in summary.pages if page.new]
    lines = [
        f"When this run's build passes, download the artifact {code(ARTIFACT)} from this run's summary page "
        "(under Artifacts) and unzip it: it holds the built site (`site/`) and the offline copy (`dist/`)."
    ]
    if shown:
        lines += ["", "The changed pages are at:", ""]
        lines += [f"- {code(artifact_path(page, summary.use_directory_urls))}" for page in shown]
    return lines


def render(summary: Summary) -> str:
    """The summary as GitHub-flavoured Markdown."""
    lines = [
        "## What this pull request changes in the guide",
        "",
        f"Compared with {code(summary.base)} where this branch left it (commit {code(summary.base_commit[:12])}).",
        "",
        "### Pages",
        "",
    ]
    if summary.pages:
        lines += [
            "| Page | Change | Reading grade | Sources | Glossary terms | Review |",
            "|---|---|---|---|---|---|",
            *(_page_row(page) for page in summary.pages),
        ]
    else:
        lines.append("No page changed.")
    lines += ["", "### Bibliography, glossary and changelog", ""]
    data_lines = [_data_line(change) for change in summary.data] + _changelog_lines(summary)
    lines += data_lines or ["No data file changed."]
    lines += ["", "### Preview", "", *_preview_lines(summary)]
    return "\n".join(lines) + "\n"
