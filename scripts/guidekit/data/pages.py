"""The guide's Markdown pages: finding them, scanning them, and which page cites which source."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

from guidekit.data.build_state import BuildState
from guidekit.data.front_matter import FrontMatter, parse_front_matter
from guidekit.source.markdown_scan import PageScan, front_matter_span, scan_page
from guidekit.source.text import SourceText, read_source


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


def text_digest(text: str) -> bytes:
    """A short stand-in for a text, to remember it by (BLAKE2b, 16 bytes)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def page_title(scan: PageScan, front: FrontMatter) -> str | None:
    """A page's title: its front matter's (as YAML reads it), else its first '# ' heading."""
    title = front.title if isinstance(front.title, str) else None
    return " ".join(title.split()) if title and title.strip() else scan.first_heading


def remember_outline(state: BuildState, text: str, scan: PageScan, front: FrontMatter | None = None) -> PageOutline:
    """Store the outline of a page that has just been scanned, so no one in this build scans it again.

    ``front``: the page's front matter, if the caller has parsed it already (the checks have: it is
    parsed once a page). Keyed on the page's text, so an edit under ``mkdocs serve`` is a new entry.
    """
    front = front if front is not None else parse_front_matter(SourceText("", text))[0]
    outline = PageOutline(page_title(scan, front), tuple(found.key for found in scan.citations))
    state.outlines[text_digest(text)] = outline
    return outline


def page_outline(state: BuildState, text: str) -> PageOutline:
    """A page's outline, from this build's store or by scanning it now."""
    return state.outlines.get(text_digest(text)) or remember_outline(state, text, scan_page(text))


def outline_pages(
    docs_dir: Path, state: BuildState, expand: Callable[[str], str] = str
) -> list[tuple[str, PageOutline]]:
    """(docs path, outline) of every readable page, after ``expand`` fills in generated parts.

    Unreadable pages are left out: the checks report them.
    """
    outlines = []
    for path in markdown_files(docs_dir):
        source, _ = read_source(path, path.as_posix())
        if source is not None:
            outlines.append((path.relative_to(docs_dir).as_posix(), page_outline(state, expand(source.text))))
    return outlines


def page_body(text: str) -> str:
    """A page's Markdown as a builder converts it: without its front matter, as MkDocs strips it."""
    span = front_matter_span(text)
    return text[span[1] if span else 0 :].lstrip("\n")


def page_of_body(state: BuildState, docs_dir: Path, body: str) -> str | None:
    """The docs path of the page a builder is converting, known only by its text (Markdown
    extensions are not told which file they convert); None for text that is no page of the guide."""
    key = text_digest(body.strip())
    if key not in state.bodies:
        # A page not seen yet in this build (the first lookup, or a page edited under `mkdocs serve`).
        for path in markdown_files(docs_dir):
            source, _ = read_source(path, path.as_posix())
            if source is not None:
                state.bodies[text_digest(page_body(source.text).strip())] = path.relative_to(docs_dir).as_posix()
    return state.bodies.get(key)


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
