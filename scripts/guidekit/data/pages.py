"""The guide's Markdown pages: finding them, scanning them, and which page cites which source."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

from guidekit.source.markdown_scan import PageScan, scan_page
from guidekit.source.text import read_source


@dataclass(frozen=True)
class ScannedPage:
    """A page's path relative to docs_dir (forward slashes), its display path and what it holds."""

    docs_path: str
    display_path: str
    scan: PageScan


def markdown_files(docs_dir: Path) -> list[Path]:
    """Every Markdown page under docs_dir, in a stable order."""
    return sorted(path for path in docs_dir.rglob("*.md") if path.is_file())


@dataclass(frozen=True)
class PageOutline:
    """What other pages need from a page: its title and the keys it cites, in reading order."""

    title: str | None
    citation_keys: tuple[str, ...]


# Outlines by the digest of the (expanded) page text. The checks fill it as they scan every page at
# the start of a build; the References and What's-changed pages then need no second scan of the
# guide. Keyed on content, so an edit under `mkdocs serve` is simply a new entry.
_OUTLINES: dict[bytes, PageOutline] = {}
_MAX_OUTLINES = 20_000  # far above any guide's page count; cleared when reached, to bound memory


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def remember_outline(text: str, scan: PageScan) -> PageOutline:
    """Store the outline of a page that has just been scanned, so no one need scan it again."""
    if len(_OUTLINES) >= _MAX_OUTLINES:
        _OUTLINES.clear()
    outline = PageOutline(scan.title, tuple(found.key for found in scan.citations))
    _OUTLINES[_digest(text)] = outline
    return outline


def page_outline(text: str) -> PageOutline:
    """A page's outline, from the store or by scanning it now."""
    return _OUTLINES.get(_digest(text)) or remember_outline(text, scan_page(text))


def outline_pages(docs_dir: Path, expand: Callable[[str], str] = str) -> list[tuple[str, PageOutline]]:
    """(docs path, outline) of every readable page, after ``expand`` fills in generated parts.

    Unreadable pages are left out: the checks report them.
    """
    outlines = []
    for path in markdown_files(docs_dir):
        source, _ = read_source(path, path.as_posix())
        if source is not None:
            outlines.append((path.relative_to(docs_dir).as_posix(), page_outline(expand(source.text))))
    return outlines


@dataclass(frozen=True)
class CitingPlace:
    """Where a source is first cited on a page: the anchor the page gives that citation."""

    docs_path: str
    title: str
    anchor: str


def citation_anchor(number: int, occurrence: int = 1) -> str:
    """The id of a citation in the text: the first of source 3 is 'cite-3', the next 'cite-3-2'."""
    return f"cite-{number}" if occurrence == 1 else f"cite-{number}-{occurrence}"


def source_anchor(number: int) -> str:
    """The id of an item in a page's Sources list."""
    return f"source-{number}"


def numbering(keys: list[str]) -> dict[str, int]:
    """Citation numbers on one page: sources are numbered in the order they are first cited."""
    numbers: dict[str, int] = {}
    for key in keys:
        numbers.setdefault(key, len(numbers) + 1)
    return numbers


def citing_places(pages: list[tuple[str, PageOutline]], known_keys: Collection[str]) -> dict[str, list[CitingPlace]]:
    """For each cited key, the pages that cite it, in page order (unknown keys get no number)."""
    places: dict[str, list[CitingPlace]] = {}
    for docs_path, outline in pages:
        numbers = numbering([key for key in outline.citation_keys if key in known_keys])
        title = outline.title or docs_path
        for key, number in numbers.items():
            places.setdefault(key, []).append(CitingPlace(docs_path, title, citation_anchor(number)))
    return places
