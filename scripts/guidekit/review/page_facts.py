"""What a reviewer wants to know about one version of a page, and of the data files, read from bytes.

Each version is read on its own: a version that cannot be read (not UTF-8, broken front matter)
says so in ``unreadable`` instead of stopping the summary.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import yaml

from guidekit.core.links import resolve
from guidekit.data.bibliography import parse_bibliography
from guidekit.data.changelog import parse_changelog
from guidekit.data.glossary import parse_glossary
from guidekit.release.readability import is_spanish, measure, measure_spanish
from guidekit.source.markdown_scan import front_matter_yaml, scan_page
from guidekit.source.text import SourceText

# The front matter keys that record a page's review, in the order the summary lists them.
REVIEW_KEYS = ("review_status", "reviewers", "last_reviewed", "next_review")


@dataclass(frozen=True)
class PageFacts:
    """One version of a page: reading grade (Fernández-Huerta for a Spanish page), sources cited,
    glossary terms linked, review fields."""

    grade: float | None = None
    fernandez_huerta: float | None = None  # a Spanish page's score, in place of the grade
    words: int = 0
    citations: frozenset[str] = frozenset()
    terms: frozenset[str] = frozenset()
    review: dict[str, str] = field(default_factory=dict)
    unreadable: str | None = None  # why the version cannot be read, e.g. "not UTF-8"


def _decoded(data: bytes) -> str | None:
    try:
        return data.decode("utf-8").replace("\r\n", "\n")
    except UnicodeDecodeError:
        return None


def _review_fields(text: str) -> dict[str, str] | None:
    """The review keys of the front matter as text; None when the front matter is not a mapping."""
    body = front_matter_yaml(text)
    if body is None:
        return {}
    try:
        values = yaml.safe_load(body)
    except yaml.YAMLError:
        return None
    if values is None:
        return {}
    if not isinstance(values, dict):
        return None
    shown = {}
    for key in REVIEW_KEYS:
        value = values.get(key)
        if isinstance(value, list):
            shown[key] = ", ".join(str(item) for item in value)
        elif value is not None:
            shown[key] = str(value)
    return shown


def glossary_terms(text: str, docs_path: str, glossary_page: str) -> frozenset[str]:
    """The glossary anchors (term ids) a page links to, resolved as the checks resolve links."""
    found = set()
    for link in scan_page(text).links:
        target = resolve(docs_path, link.target)
        if target is not None and (target.path or docs_path) == glossary_page and target.fragment:
            found.add(target.fragment)
    return frozenset(found)


def page_facts(data: bytes, docs_path: str, glossary_page: str, language: str = "en") -> PageFacts:
    """The facts of one version of the page at ``docs_path`` (relative to docs_dir), in ``language``."""
    text = _decoded(data)
    if text is None:
        return PageFacts(unreadable="cannot read: not UTF-8")
    review = _review_fields(text)
    if review is None:
        return PageFacts(unreadable="cannot read: the front matter is not valid 'key: value' YAML")
    if is_spanish(language):
        spanish = measure_spanish(text)
        grade, fernandez_huerta, words = None, round(spanish.fernandez_huerta, 1), spanish.words
    else:
        score = measure(text)
        grade, fernandez_huerta, words = round(score.grade, 1), None, score.words
    return PageFacts(
        grade=grade,
        fernandez_huerta=fernandez_huerta,
        words=words,
        citations=frozenset(found.key for found in scan_page(text).citations),
        terms=glossary_terms(text, docs_path, glossary_page),
        review=review,
    )


def bibliography_keys(data: bytes | None, name: str, today: dt.date) -> frozenset[str] | None:
    """The citation keys a bibliography file defines; None when it is absent or cannot be read."""
    text = _decoded(data) if data is not None else None
    if text is None:
        return None
    bibliography, _ = parse_bibliography(SourceText(name, text), today)
    return frozenset(bibliography.references) if bibliography.readable else None


def glossary_names(data: bytes | None, name: str) -> dict[str, str] | None:
    """The glossary's terms (id -> name as written); None when it is absent or cannot be read."""
    text = _decoded(data) if data is not None else None
    if text is None:
        return None
    glossary, _ = parse_glossary(SourceText(name, text))
    return {slug: term.name for slug, term in glossary.terms.items()} if glossary.readable else None


def changelog_entries(data: bytes | None, name: str, today: dt.date) -> frozenset[tuple[dt.date, str]] | None:
    """The changelog's entries as (day, sentence); None when it is absent or cannot be read.

    Pages named by an entry are left out: whether they exist is the check's job, not the summary's.
    """
    text = _decoded(data) if data is not None else None
    if text is None:
        return None
    changes, problems = parse_changelog(SourceText(name, text), set(), today)
    if problems and not changes:
        return None  # nothing could be read as an entry: not the same as "no entry"
    return frozenset((change.date, change.change) for change in changes)
