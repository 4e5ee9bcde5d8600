"""The figures a page states in digits (percentages, temperatures, phone numbers, years), with where
each is written: what a translation must state exactly as its English page does.

Read from the page's prose only: front matter, code, HTML comments (markers), link and image
addresses, citations and attribute lists are blanked out first, keeping every offset.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from guidekit.source.markdown_scan import LineIndex, mask_code

# Not prose: a link's or image's address "](…)", a citation "[@…]", an attribute list "{#id}", an
# autolink "<https://…>" and an HTML tag "<img …>" (their attributes are no figures a reader reads).
_NOT_PROSE = re.compile(r"\]\([^)\n]*\)|\[@[^\]\n]*\]|\{[^}\n]*\}|<[^>\n]*>")
# A figure: digit groups joined by a space or hyphen (a phone number: 0808 808 00 00, 1-800-422-6237),
# a thousands comma (1,000) or a decimal point (3.7). An en dash (2016–2020) separates two figures.
_NUMBER = re.compile(r"\d+(?:(?:[ \u00a0-]|,(?=\d{3}\b)|\.(?=\d))\d+)*")


@dataclass(frozen=True)
class FoundNumber:
    """A figure as compared across languages (digits and decimal point only) and where it is written."""

    value: str
    written: str
    line: int
    column: int


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group())


def normalize(written: str) -> str:
    """'0808 808 00 00' -> '08088080000', '1,000' -> '1000', '3.7' stays '3.7'."""
    return re.sub(r"[ \u00a0,-]", "", written)


def find_numbers(text: str) -> list[FoundNumber]:
    """Every figure in the page's prose, in reading order."""
    prose = _NOT_PROSE.sub(_blank, mask_code(text))
    where = LineIndex(text)
    found = []
    for match in _NUMBER.finditer(prose):
        line, column = where.position(match.start())
        found.append(FoundNumber(normalize(match.group()), match.group(), line, column))
    return found
