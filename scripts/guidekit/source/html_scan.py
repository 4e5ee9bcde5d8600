"""Raw HTML in a page's Markdown, read with an HTML parser, held against the allow-list.

This rule says exactly where a contributor wrote something unsafe; the rule on the published page
(``published_html``) is the net under it, for whatever reaches the page another way.
"""

from __future__ import annotations

from html.parser import HTMLParser

from guidekit.core.html_policy import KNOWN_ELEMENTS, Refusal, attribute_refusal, element_refusal
from guidekit.source.markdown_scan import LineIndex


class BrowserLikeHTMLParser(HTMLParser):
    """The standard library's parser, reading an unknown ``<![…`` as browsers do (a bogus comment)
    instead of raising AssertionError: a typo in a page must give a message, never a traceback."""

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        position = self.getpos()
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            self.lineno, self.offset = position  # it may have moved the position before raising: keep columns right
            end = self.rawdata.find(">", i)
            return -1 if end < 0 else end + 1


class _RawHTMLReader(BrowserLikeHTMLParser):
    """Collects (offset, refusal) for every start tag of a known HTML element."""

    def __init__(self, index: LineIndex) -> None:
        super().__init__(convert_charrefs=True)  # attribute values arrive as a browser decodes them
        self.index = index
        self.found: list[tuple[int, Refusal]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # '<https://…>' and '<someone@example.org>' are Markdown autolinks, not elements.
        if tag not in KNOWN_ELEMENTS:
            return
        line, column = self.getpos()
        start = self.index.starts[line - 1] + column
        refused = element_refusal(tag)
        if refused:
            self.found.append((start, refused))
            return
        written = (self.get_starttag_text() or "").lower()
        cursor = len(tag) + 1
        for name, value in attrs:
            refused = attribute_refusal(tag, name, value, in_source=True)
            where = written.find(name, cursor)
            if where != -1:
                cursor = where + len(name)
            if refused:
                self.found.append((start + (where if where != -1 else 0), refused))

    handle_startendtag = handle_starttag


def raw_html_refusals(masked: str, index: LineIndex | None = None) -> list[tuple[int, int, Refusal]]:
    """(line, column, refusal) for raw HTML in a page whose code is already blanked out.

    ``index``: the page's ``LineIndex``, when the caller has one.
    """
    index = index or LineIndex(masked)
    reader = _RawHTMLReader(index)
    reader.feed(masked)
    reader.close()
    return [(*index.position(offset), refusal) for offset, refusal in reader.found]
