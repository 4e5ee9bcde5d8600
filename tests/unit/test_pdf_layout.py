"""Reading a printed PDF back: where anchors land, a heading left at the foot of a page, a figure
cut in two. Small pages printed by Chromium, each with the fault and without it, so each check is
seen to catch what it looks for."""

from __future__ import annotations

from pathlib import Path

import pytest

from guidekit.release.page_numbers import PageNumbersError, anchor_pages
from guidekit.release.pdf_layout import headings_at_page_foot, read_leaves, split_figures

pytestmark = pytest.mark.pdf

# A4 with 20 mm margins leaves 257 mm for the page's content.
PAGE = "@page { size: A4; margin: 20mm; } body { margin: 0; font: 12pt sans-serif; } p, h2 { margin: 0; }"
IMAGE = (
    "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='100' height='100'%3E"
    "%3Crect width='100' height='100' fill='teal'/%3E%3C/svg%3E"
)


def print_pdf(browser, html: str, target: Path) -> Path:
    tab = browser.new_page()
    tab.set_content(f"<!doctype html><html lang='en'><head><style>{PAGE}</style></head><body>{html}</body></html>")
    tab.pdf(path=str(target), format="A4", tagged=True, outline=True)
    tab.close()
    return target


def test_anchor_pages_are_where_each_chapter_starts(browser, tmp_path: Path) -> None:
    html = "<nav><a href='#one'>One</a> <a href='#two'>Two</a></nav>" + "".join(
        f"<section id='{name}' style='break-before: page'><h2>{name}</h2><p>Text.</p></section>"
        for name in ("one", "two")
    )
    pdf = print_pdf(browser, html, tmp_path / "anchors.pdf")
    assert anchor_pages(pdf, ["one", "two"]) == {"one": 2, "two": 3}
    with pytest.raises(PageNumbersError, match=r"anchors.pdf: no destination for #three"):
        anchor_pages(pdf, ["three"])


@pytest.mark.parametrize(("keep", "expected"), [("auto", ["page 1 ends with a heading (H2)"]), ("avoid", [])])
def test_a_heading_left_at_the_foot_of_a_page_is_found(browser, tmp_path: Path, keep: str, expected: list[str]) -> None:
    # The heading fits under the first block; the block after it does not, and may not be split.
    html = (
        "<p style='height: 240mm'>First block.</p>"
        f"<h2 style='break-after: {keep}'>A heading</h2>"
        "<p style='height: 100mm; break-inside: avoid'>The text the heading is about.</p>"
    )
    pdf = print_pdf(browser, html, tmp_path / "heading.pdf")
    assert headings_at_page_foot(read_leaves(pdf)) == expected


@pytest.mark.parametrize(("keep", "expected"), [("auto", ["figure 1 is split over pages 1, 2"]), ("avoid", [])])
def test_a_figure_cut_from_its_caption_is_found(browser, tmp_path: Path, keep: str, expected: list[str]) -> None:
    # The image (40 mm) fits at the foot of the first page; its caption (over 10 mm) does not.
    html = (
        "<p style='height: 210mm'>First block.</p>"
        f"<figure style='margin: 0; break-inside: {keep}'>"
        f"<img src=\"{IMAGE}\" alt='A teal square.' style='display: block; height: 40mm'>"
        "<figcaption style='padding-top: 10mm'>The caption of the square.</figcaption></figure>"
    )
    leaves = read_leaves(print_pdf(browser, html, tmp_path / "figure.pdf"))
    assert split_figures(leaves) == expected
    assert {leaf.figure for leaf in leaves} == {None, 1}, "the figure is seen, whole or cut"
