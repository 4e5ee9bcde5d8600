"""The published page against the allow-list: every element, attribute and URL, after rendering.

Whatever produced it (raw HTML, attr_list's ``{ … }``, reference-style links, entities, odd
whitespace in a URL, or any extension), the page is read as a browser reads it, with an HTML5
parser (Lexbor, through selectolax), and each refusal is traced back to a line and column of the
Markdown source where it can be found.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from guidekit.core.html_policy import (
    ALLOWED_ELEMENTS,
    ANY_VALUE_ATTRIBUTES,
    URL_ATTRIBUTES_ON,
    Refusal,
    attribute_refusal,
    element_refusal,
)
from guidekit.core.problems import Problem
from guidekit.data.pages import markdown_files
from guidekit.source.markdown_scan import LineIndex, mask_code

# The parser wraps any fragment in these; they may carry no attributes (``<body onload>`` would).
_WRAPPERS = frozenset({"html", "head", "body"})


def refusals_in_html(html: str) -> list[Refusal]:
    """Everything in a page's content HTML that is outside the allow-list, in document order."""
    if "<" not in html:
        return []  # text alone (a heading's, as the table of contents renders it): no element, no attribute
    refusals: list[Refusal] = []
    for node in LexborHTMLParser(html).root.traverse(include_text=False):
        tag = (node.tag or "").lower()
        if tag.startswith(("-", "!", "_")):  # comments and the doctype: never rendered, never run
            continue
        if tag not in _WRAPPERS and tag not in ALLOWED_ELEMENTS:
            refused = element_refusal(tag)
            if refused:
                refusals.append(refused)
                continue  # its attributes and content go with it
        # Most attributes are allowed on their element whatever their value, and a URL without a
        # colon has no scheme: no need to ask further.
        free = ANY_VALUE_ATTRIBUTES.get(tag, frozenset())
        urls = URL_ATTRIBUTES_ON.get(tag, frozenset())
        for name, value in node.attributes.items():
            if name in free or (name in urls and ":" not in (value or "")):
                continue
            refused = attribute_refusal("body" if tag in _WRAPPERS else tag, name, value)
            if tag in _WRAPPERS and refused is None:
                refused = Refusal("attribute", name, f"attribute {name}= is not allowed on <{tag}>", name)
            if refused:
                refusals.append(refused)
    return refusals


@dataclass(frozen=True)
class SourcePage:
    """A page's file as written, and where the Markdown the builder converted starts in it."""

    display_path: str
    text: str
    body_start: int


def find_source_page(body: str, docs_dir: Path, root: Path) -> SourcePage | None:
    """The page whose text ends with ``body`` (what the builder converted, front matter removed)."""
    wanted = body.strip()
    if not wanted:
        return None
    for path in markdown_files(docs_dir):
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        if text.rstrip().endswith(wanted):
            try:
                display = path.resolve().relative_to(root.resolve()).as_posix()
            except ValueError:
                display = path.as_posix()
            return SourcePage(display, text, text.rstrip().rindex(wanted))
    return None


def locate_refusals(refusals: list[Refusal], page: SourcePage) -> list[Problem]:
    """Each refusal at the place in the source where its text first appears after the previous one."""
    masked = mask_code(page.text).lower()
    index = LineIndex(page.text)
    cursors: Counter[str] = Counter()
    problems = []
    for refusal in refusals:
        needle = refusal.needle.lower()
        found = masked.find(needle, max(page.body_start, cursors[needle]))
        if found == -1:
            found = masked.find(needle, page.body_start)  # the same thing twice on one line, say
        if found == -1:
            line, column = index.position(page.body_start)
            message = f"{refusal.message} (from the Markdown on this page; its exact place could not be found)"
        else:
            cursors[needle] = found + 1
            line, column = index.position(found)
            message = refusal.message
        problems.append(Problem(page.display_path, line, column, message, rule=refusal.rule))
    return problems


class UnsafeHTMLError(ValueError):
    """A rendered page holds HTML outside the allow-list. Raised where no one collects problems,
    because a builder that only logs (Zensical) would otherwise publish the page."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(problem.report_line for problem in problems))


@dataclass(frozen=True)
class PublishedRefusal:
    """A refusal on a published page, with its problem as a contributor sees it."""

    refusal: Refusal
    problem: Problem


def published_refusals(html: str, body: str, docs_dir: Path, root: Path) -> list[PublishedRefusal]:
    """Refusals in a page's rendered HTML, located in the page's source when it can be found."""
    refusals = refusals_in_html(html)
    if not refusals:
        return []
    page = find_source_page(body, docs_dir, root) or SourcePage("(a page not under docs_dir)", body, 0)
    located = [PublishedRefusal(r, p) for r, p in zip(refusals, locate_refusals(refusals, page), strict=True)]
    return sorted(located, key=lambda item: (item.problem.line, item.problem.column))
