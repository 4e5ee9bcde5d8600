"""The site-wide rules: every citation and glossary link resolves, and nothing is left unused.

``check_project`` is what both ``make check`` and the MkDocs hook run.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from urllib.parse import unquote, urlsplit

from .glossary import Glossary, slugify
from .guide_data import GuideData, load_guide_data
from .pages import ScannedPage, scan_pages
from .problems import Problem, Severity, sort_problems
from .project import Project
from .suggest import did_you_mean


def glossary_anchor(page: ScannedPage, target: str, glossary_page: str) -> str | None:
    """The anchor of a link if it points at the glossary page ('' for the page itself), else None."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    if parts.path:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page.docs_path), unquote(parts.path)))
    else:
        resolved = page.docs_path
    return unquote(parts.fragment) if resolved == glossary_page else None


def _check_glossary_link(page: ScannedPage, line: int, column: int, anchor: str, glossary: Glossary) -> Problem | None:
    if not anchor or anchor in glossary.terms:
        return None
    if anchor.lower() in glossary.terms:
        return Problem(
            page.display_path, line, column, f"glossary anchor '#{anchor}' must be lowercase: use '#{anchor.lower()}'"
        )
    slug = slugify(anchor)
    for term in glossary.terms.values():
        if slug in {slugify(alias) for alias in term.aliases} | (
            {slugify(term.abbreviation)} if term.abbreviation else set()
        ):
            return Problem(
                page.display_path,
                line,
                column,
                f"'#{anchor}' is another name for the glossary term {term.name!r}: link to '#{term.slug}'",
            )
    hint = did_you_mean(anchor, glossary.terms, "did you mean '#{}'?")
    return Problem(page.display_path, line, column, f"glossary link to undefined term '#{anchor}'{hint}")


def check_pages(
    pages: list[ScannedPage], data: GuideData, glossary_page: str
) -> tuple[list[Problem], set[str], set[str]]:
    """Per-page rules; also returns the cited keys and the linked term slugs."""
    problems: list[Problem] = []
    cited: set[str] = set()
    linked: set[str] = set()
    known_keys = data.bibliography.references
    for page in pages:
        for error in page.scan.errors:
            problems.append(Problem(page.display_path, error.line, error.column, error.message))
        for found in page.scan.citations:
            cited.add(found.key)
            if found.key not in known_keys and data.bibliography.readable:
                hint = did_you_mean(found.key, known_keys)
                problems.append(
                    Problem(page.display_path, found.line, found.column, f"unknown citation key {found.key!r}{hint}")
                )
        for link in page.scan.links:
            anchor = glossary_anchor(page, link.target, glossary_page)
            if anchor is None or link.is_image or not data.glossary.readable:
                continue
            problem = _check_glossary_link(page, link.line, link.column, anchor, data.glossary)
            if problem:
                problems.append(problem)
            elif anchor and page.docs_path != glossary_page:
                linked.add(anchor)
    return problems, cited, linked


def unused_problems(
    data: GuideData, cited: set[str], linked: set[str], glossary_name: str, bibliography_name: str
) -> list[Problem]:
    """Terms no page links to and sources no page cites: fatal in strict mode."""
    problems = [
        Problem(
            glossary_name,
            term.line,
            term.column,
            f"glossary term {term.name!r} is not linked from any page; "
            f"link to it as [{term.name.lower()}](glossary.md#{term.slug}) or remove it",
            Severity.WARNING,
        )
        for term in data.glossary.terms.values()
        if term.slug not in linked
    ]
    problems += [
        Problem(
            bibliography_name,
            ref.line,
            ref.column,
            f"bibliography entry {ref.key!r} is not cited on any page; cite it as [@{ref.key}] or remove it",
            Severity.WARNING,
        )
        for ref in data.bibliography.references.values()
        if ref.key not in cited
    ]
    return problems


def check_project(project: Project, today: dt.date | None = None) -> list[Problem]:
    """Every problem in the guide, sorted by file and position."""
    glossary_name = project.display(project.glossary)
    bibliography_name = project.display(project.bibliography)
    data = load_guide_data(
        project.glossary,
        project.bibliography,
        glossary_name=glossary_name,
        bibliography_name=bibliography_name,
        today=today,
    )
    problems = list(data.problems)
    pages: list[ScannedPage] = []
    for page, found in scan_pages(project.docs_dir, project.display):
        problems += found
        if page is not None:
            pages.append(page)
    page_problems, cited, linked = check_pages(pages, data, project.glossary_page)
    problems += page_problems
    problems += unused_problems(data, cited, linked, glossary_name, bibliography_name)
    return sort_problems(problems)
