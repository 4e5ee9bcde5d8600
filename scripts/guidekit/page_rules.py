"""Rules about one page on its own: size, emptiness, safe HTML, images and headings.

A pull request must not be able to run code in a reader's browser or embed another site, so raw
HTML that could do either is refused here, before anything is built.
"""

from __future__ import annotations

import html
import re

from .markdown_scan import LineIndex, PageScan, front_matter_span, mask_code
from .problems import Problem

MAX_PAGE_BYTES = 256 * 1024  # a chapter is ~20 KB; far larger is a pasted file, and slow on a phone
MAX_LINE_LENGTH = 2000

_FORBIDDEN_TAG = re.compile(
    r"<\s*(?P<tag>script|iframe|object|embed|applet|frame|frameset|base|form|style|link|meta|svg|math)\b",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[a-zA-Z][\w:-]*(?:\s[^<>]*)?>")
_EVENT_HANDLER = re.compile(r"\s(?P<name>on[a-z]+)\s*=", re.IGNORECASE)
_URL_ATTRIBUTE = re.compile(
    r"\s(?P<name>href|src|srcset|action|formaction|poster|background|xlink:href)\s*=\s*"
    r"(?P<value>\"[^\"]*\"|'[^']*'|[^\s>]+)",
    re.IGNORECASE,
)
_UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")
_REASONS = {
    "script": "it could run code in a reader's browser",
    "style": "it could change how every page looks; use docs/stylesheets/guide.css",
    "link": "it could load files from elsewhere",
    "meta": "it could redirect the reader",
    "base": "it would change where every link goes",
    "form": "it could send a reader's input elsewhere",
}


def unsafe_scheme(url: str) -> str | None:
    """The dangerous scheme a URL uses (after undoing entities and hidden spaces), or None."""
    cleaned = re.sub(r"[\s\x00-\x1f]+", "", html.unescape(url)).lower()
    return next((scheme for scheme in _UNSAFE_SCHEMES if cleaned.startswith(scheme)), None)


def _size_rules(path: str, text: str, size: int) -> list[Problem]:
    problems = []
    if size > MAX_PAGE_BYTES:
        problems.append(
            Problem(
                path, 1, 1, f"the page is {size / 1024:.0f} KB; keep pages under {MAX_PAGE_BYTES // 1024} KB (split it)"
            )
        )
    span = front_matter_span(text)
    if not text[span[1] if span else 0 :].strip():
        problems.append(Problem(path, 1, 1, "the page is empty; write its content or remove it from the nav"))
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > MAX_LINE_LENGTH:
            problems.append(
                Problem(
                    path,
                    number,
                    MAX_LINE_LENGTH + 1,
                    f"line is {len(line)} characters long; break it into lines under {MAX_LINE_LENGTH}",
                )
            )
    return problems


def _html_rules(path: str, masked: str, index: LineIndex) -> list[Problem]:
    problems = []
    for match in _FORBIDDEN_TAG.finditer(masked):
        tag = match["tag"].lower()
        reason = _REASONS.get(tag, "it embeds content from elsewhere")
        problems.append(Problem(path, *index.position(match.start()), f"raw <{tag}> is not allowed: {reason}"))
    for tag in _TAG.finditer(masked):
        for handler in _EVENT_HANDLER.finditer(tag.group()):
            problems.append(
                Problem(
                    path,
                    *index.position(tag.start() + handler.start("name")),
                    f"inline event handler {handler['name'].lower()}= is not allowed: it could run code",
                )
            )
        for attribute in _URL_ATTRIBUTE.finditer(tag.group()):
            scheme = unsafe_scheme(attribute["value"].strip("\"'"))
            if scheme:
                problems.append(
                    Problem(
                        path,
                        *index.position(tag.start() + attribute.start("name")),
                        f"a {scheme} URL is not allowed in {attribute['name'].lower()}=",
                    )
                )
    return problems


def _link_scheme_rules(path: str, scan: PageScan) -> list[Problem]:
    problems = []
    for link in scan.links:
        scheme = unsafe_scheme(link.target)
        if scheme:
            kind = "an image" if link.is_image else "a link"
            problems.append(Problem(path, link.line, link.column, f"a {scheme} URL is not allowed in {kind}"))
    return problems


def _image_rules(path: str, scan: PageScan) -> list[Problem]:
    problems = []
    for link in scan.links:
        if not link.is_image:
            continue
        if not link.text.strip():
            message = f"image '{link.target}' has no alt text; describe what it shows in ![…]"
            problems.append(Problem(path, link.line, link.column, message))
        if not (re.search(r"\bwidth=", link.attributes) and re.search(r"\bheight=", link.attributes)):
            # Without both, the page jumps as the image arrives, and a reader loses their place.
            message = f'image \'{link.target}\' needs its size: add {{ width="…" height="…" }} right after it'
            problems.append(Problem(path, link.line, link.column, message))
    return problems


def _heading_rules(path: str, masked: str, index: LineIndex) -> list[Problem]:
    # The superscript number would become part of the heading's anchor and its table-of-contents entry.
    return [
        Problem(path, *index.position(match.start("cite")), "a citation in a heading; cite in the text below it")
        for match in re.finditer(r"^ {0,3}#{1,6}[ \t][^\n]*?(?P<cite>\[@)", masked, re.MULTILINE)
    ]


def check_page(path: str, text: str, size: int, scan: PageScan) -> list[Problem]:
    """Every problem of one page that needs no other file to judge."""
    masked = mask_code(text)
    index = LineIndex(masked)
    return (
        _size_rules(path, text, size)
        + _html_rules(path, masked, index)
        + _link_scheme_rules(path, scan)
        + _image_rules(path, scan)
        + _heading_rules(path, masked, index)
    )
