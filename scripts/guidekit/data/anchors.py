"""The anchors a page will have once built, so links to them can be checked before building.

Headings get ids the way Python-Markdown's toc extension gives them; the guide's extension adds
ids for citations, Sources, glossary entries and references.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable

from guidekit.data.bibliography import Bibliography
from guidekit.data.glossary import Glossary, letter_ids
from guidekit.data.pages import citation_anchor, numbering, source_anchor
from guidekit.source.citations import CITATION
from guidekit.source.markdown_scan import PageScan

_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\[[^\]]*\]")
_TAG = re.compile(r"<[^>]+>")
_MARKUP = re.compile(r"[*_`~]|\\(?=\S)")
_ID_COUNT = re.compile(r"^(.*)_([0-9]+)$")


def toc_slugify(value: str, separator: str = "-") -> str:
    """Python-Markdown's default toc slugify: ASCII, no punctuation, lower case, hyphens."""
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    return re.sub(rf"[{separator}\s]+", separator, value)


def heading_text(markdown_text: str) -> str:
    """The plain text a heading renders to: link and image text kept, markup dropped.

    A citation in a heading is an error of its own; it is dropped here so that one mistake does
    not also show up as a broken link to the heading.
    """
    text = CITATION.sub("", markdown_text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), text)
    text = _TAG.sub("", text)
    return html.unescape(_MARKUP.sub("", text))


def _unique(anchor: str, used: set[str]) -> str:
    """toc's rule for repeated headings: 'x', then 'x_1', 'x_2' …"""
    while anchor in used or not anchor:
        match = _ID_COUNT.match(anchor)
        anchor = f"{match.group(1)}_{int(match.group(2)) + 1}" if match else f"{anchor}_1"
    return anchor


def generated_anchors(
    docs_path: str,
    scan: PageScan,
    glossary: Glossary,
    bibliography: Bibliography,
    glossary_page: str,
    references_page: str,
) -> set[str]:
    """Ids the guide's extension writes into this page."""
    anchors: set[str] = set()
    numbers = numbering([found.key for found in scan.citations if found.key in bibliography.references])
    if numbers:
        anchors.add("sources")
        counts: dict[str, int] = {}
        for found in scan.citations:
            if found.key in numbers:
                counts[found.key] = counts.get(found.key, 0) + 1
                anchors.add(citation_anchor(numbers[found.key], counts[found.key]))
        anchors.update(source_anchor(number) for number in numbers.values())
    if docs_path == glossary_page:
        anchors.update(glossary.terms)
        anchors.update(letter_ids(glossary))
    if docs_path == references_page:
        anchors.update(f"ref-{key}" for key in bibliography.references)
    return anchors


def page_anchors(scan: PageScan, generated: Iterable[str]) -> set[str]:
    """Every id the built page will have: hand-set, generated, then one per heading."""
    used = set(scan.explicit_ids) | set(generated)
    for heading in scan.headings:
        used.add(_unique(toc_slugify(heading_text(heading)), used))
    return used
