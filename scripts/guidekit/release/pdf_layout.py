"""Where the printed book breaks its pages, read from the PDF's tagged structure.

Chromium's tagged PDF keeps the page's outline as a tree (H1, P, Figure, Caption...) whose leaves,
in document order, name the page each piece of content was drawn on. That is enough to see a
heading left at the foot of a page or a figure cut in two, without guessing from font sizes.
pypdf is imported only when a PDF is read.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HEADINGS = frozenset({"/H1", "/H2", "/H3", "/H4", "/H5", "/H6"})


@dataclass(frozen=True)
class Leaf:
    """One piece of marked content: the element types around it (outermost first), its page, its figure."""

    tags: tuple[str, ...]
    page: int  # counting from 1
    figure: int | None  # which figure (numbered in order) it belongs to, if any


def read_leaves(pdf: Path) -> list[Leaf]:
    """Every piece of tagged content in document order. ValueError if the PDF is not tagged."""
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    root = reader.trailer["/Root"].get("/StructTreeRoot")
    if root is None:
        raise ValueError(f"{pdf.name}: not a tagged PDF (print it with tagged=True)")
    pages = {page.indirect_reference.idnum: number for number, page in enumerate(reader.pages, start=1)}
    figures = iter(range(1, 1_000_000))
    return list(_walk(root.get_object().get("/K"), (), None, None, pages, figures))


def _page(element: Any, pages: dict[int, int], inherited: int | None) -> int | None:
    reference = element.get("/Pg")
    return pages.get(reference.idnum, inherited) if reference is not None else inherited


def _walk(
    kids: Any,
    tags: tuple[str, ...],
    page: int | None,
    figure: int | None,
    pages: dict[int, int],
    figures: Iterator[int],
) -> Iterator[Leaf]:
    """The leaves under ``kids`` (a kid, or a list of them), depth first, as the tree orders them."""
    if kids is None:
        return
    for kid in kids if isinstance(kids, list) else [kids]:
        kid = kid.get_object() if hasattr(kid, "get_object") else kid
        if isinstance(kid, int):  # a marked-content id on the enclosing element's page
            if page is not None:
                yield Leaf(tags, page, figure)
            continue
        if not hasattr(kid, "get"):
            continue
        kind = kid.get("/Type")
        if kind == "/OBJR":  # a link annotation, not drawn content
            continue
        here = _page(kid, pages, page)
        if kind == "/MCR":
            if here is not None:
                yield Leaf(tags, here, figure)
            continue
        tag = str(kid.get("/S"))
        # The outermost Figure is the <figure>: the image and its caption share its number.
        inner_figure = next(figures) if tag == "/Figure" and figure is None else figure
        yield from _walk(kid.get("/K"), (*tags, tag), here, inner_figure, pages, figures)


def headings_at_page_foot(leaves: list[Leaf]) -> list[str]:
    """Pages whose last content is (part of) a heading: the text it heads starts on a later page."""
    found = []
    for leaf, following in itertools.pairwise(leaves):
        heading = next((tag for tag in reversed(leaf.tags) if tag in HEADINGS), None)
        if heading and following.page > leaf.page:
            found.append(f"page {leaf.page} ends with a heading ({heading.lstrip('/')})")
    return found


def split_figures(leaves: list[Leaf]) -> list[str]:
    """Figures whose parts (image, caption) are drawn on more than one page."""
    pages: dict[int, set[int]] = {}
    for leaf in leaves:
        if leaf.figure is not None:
            pages.setdefault(leaf.figure, set()).add(leaf.page)
    return [
        f"figure {number} is split over pages {', '.join(map(str, sorted(on)))}"
        for number, on in sorted(pages.items())
        if len(on) > 1
    ]
