"""Rules about one page on its own: size, emptiness, safe HTML, images and headings.

A pull request must not be able to run code in a reader's browser or embed another site, so raw
HTML and link targets outside the allow-list (``html_policy``) are refused here, where they were
written; what reaches the page another way is refused on the published page (``published_html``).
"""

from __future__ import annotations

import html
import re

from guidekit.core.html_policy import attribute_refusal
from guidekit.core.problems import Problem
from guidekit.source.html_scan import raw_html_refusals
from guidekit.source.markdown_scan import LineIndex, PageScan, front_matter_span, mask_code

MAX_PAGE_BYTES = 256 * 1024  # a chapter is ~20 KB; far larger is a pasted file, and slow on a phone
MAX_LINE_LENGTH = 2000


def _size_rules(path: str, text: str, size: int) -> list[Problem]:
    problems = []
    if size > MAX_PAGE_BYTES:
        problems.append(
            Problem(
                path,
                1,
                1,
                f"the page is {size / 1024:.0f} KB; keep pages under {MAX_PAGE_BYTES // 1024} KB (split it)",
                rule="page-size",
            )
        )
    span = front_matter_span(text)
    if not text[span[1] if span else 0 :].strip():
        problems.append(
            Problem(path, 1, 1, "the page is empty; write its content or remove it from the nav", rule="page-empty")
        )
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > MAX_LINE_LENGTH:
            problems.append(
                Problem(
                    path,
                    number,
                    MAX_LINE_LENGTH + 1,
                    f"line is {len(line)} characters long; break it into lines under {MAX_LINE_LENGTH}",
                    rule="line-length",
                )
            )
    return problems


def _html_rules(path: str, masked: str, index: LineIndex) -> list[Problem]:
    return [
        Problem(path, line, column, refusal.message, rule=refusal.rule)
        for line, column, refusal in raw_html_refusals(masked, index)
    ]


def _link_scheme_rules(path: str, scan: PageScan) -> list[Problem]:
    """Links and images in Markdown whose URL a browser would read with a scheme not on the list."""
    problems = []
    for link in scan.links:
        # Python-Markdown keeps entities in a URL, and the browser decodes them: judge it decoded.
        target = html.unescape(link.target.strip("<>"))
        refused = attribute_refusal("img" if link.is_image else "a", "src" if link.is_image else "href", target)
        if refused:
            problems.append(Problem(path, link.line, link.column, refused.message, rule=refused.rule))
    return problems


def _image_rules(path: str, scan: PageScan) -> list[Problem]:
    problems = []
    for link in scan.links:
        if not link.is_image:
            continue
        if not link.text.strip():
            message = f"image '{link.target}' has no alt text; describe what it shows in ![…]"
            problems.append(Problem(path, link.line, link.column, message, rule="image-alt"))
        if not (re.search(r"\bwidth=", link.attributes) and re.search(r"\bheight=", link.attributes)):
            # Without both, the page jumps as the image arrives, and a reader loses their place.
            message = f'image \'{link.target}\' needs its size: add {{ width="…" height="…" }} right after it'
            problems.append(Problem(path, link.line, link.column, message, rule="image-size"))
    return problems


def _heading_rules(path: str, masked: str, index: LineIndex) -> list[Problem]:
    # The superscript number would become part of the heading's anchor and its table-of-contents entry.
    return [
        Problem(
            path,
            *index.position(match.start("cite")),
            "a citation in a heading; cite in the text below it",
            rule="citation-in-heading",
        )
        for match in re.finditer(r"^ {0,3}#{1,6}[ \t][^\n]*?(?P<cite>\[@)", masked, re.MULTILINE)
    ]


def check_page(path: str, text: str, size: int, scan: PageScan, *, masked: str | None = None) -> list[Problem]:
    """Every problem of one page that needs no other file to judge.

    ``masked``: ``mask_code(text)``, when the caller has it already.
    """
    masked = mask_code(text) if masked is None else masked
    index = LineIndex(masked)
    return (
        _size_rules(path, text, size)
        + _html_rules(path, masked, index)
        + _link_scheme_rules(path, scan)
        + _image_rules(path, scan)
        + _heading_rules(path, masked, index)
    )
