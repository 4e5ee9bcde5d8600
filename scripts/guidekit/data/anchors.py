"""The anchors a page will have once built, so links to them can be checked before building.

Headings get ids from Python-Markdown's own toc functions (``slugify``, ``unique``); the guide's extension adds
ids for citations, Sources, glossary entries and references.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from markdown.extensions.toc import slugify, unique

from guidekit.data.bibliography import Bibliography
from guidekit.data.glossary import Glossary, letter_ids
from guidekit.data.pages import citation_anchor, numbering, source_anchor
from guidekit.source.citations import CITATION
from guidekit.source.markdown_scan import PageScan

_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\[[^\]]*\]")
_TAG = re.compile(r"<[^>]+>")
# Emphasis and code marks, unless escaped; an underscore inside a word (snake_case) is text, as
# Python-Markdown reads it. The escaping backslash itself goes.
_MARKUP = re.compile(r"(?<!\\)[*`~]|(?<![^\W_])(?<!\\)_|(?<!\\)_(?![^\W_])|\\(?=\S)")


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
        unique(slugify(heading_text(heading), "-"), used)  # adds the id to `used`, as toc does
    return used
