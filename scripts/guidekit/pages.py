"""The guide's Markdown pages: finding them, scanning them, and which page cites which source."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from pathlib import Path

from .markdown_scan import PageScan, scan_page
from .problems import Problem
from .sourcefile import read_source


@dataclass(frozen=True)
class ScannedPage:
    """A page's path relative to docs_dir (forward slashes), its display path and what it holds."""

    docs_path: str
    display_path: str
    scan: PageScan


def markdown_files(docs_dir: Path) -> list[Path]:
    """Every Markdown page under docs_dir, in a stable order."""
    return sorted(path for path in docs_dir.rglob("*.md") if path.is_file())


def scan_pages(
    docs_dir: Path, display: Callable[[Path], str], expand: Callable[[str], str] = str
) -> Iterator[tuple[ScannedPage | None, list[Problem]]]:
    """Read and scan each page (after ``expand`` fills in generated parts); unreadable pages yield problems."""
    for path in markdown_files(docs_dir):
        display_path = display(path)
        source, problems = read_source(path, display_path)
        page = None
        if source is not None:
            page = ScannedPage(path.relative_to(docs_dir).as_posix(), display_path, scan_page(expand(source.text)))
        yield page, problems


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


def citing_places(pages: list[ScannedPage], known_keys: Collection[str]) -> dict[str, list[CitingPlace]]:
    """For each cited key, the pages that cite it, in page order (unknown keys get no number)."""
    places: dict[str, list[CitingPlace]] = {}
    for page in pages:
        numbers = numbering([found.key for found in page.scan.citations if found.key in known_keys])
        title = page.scan.title or page.docs_path
        for key, number in numbers.items():
            places.setdefault(key, []).append(CitingPlace(page.docs_path, title, citation_anchor(number)))
    return places
