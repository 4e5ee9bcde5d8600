"""Pandoc-style citation syntax: ``[@key]`` and ``[@a; @b]``.

The same pattern is used by the checker and by the Markdown extension that renders citations,
so what the checks accept is exactly what the site shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A citation key: Pandoc's characters, starting and ending with a letter or digit.
KEY_PATTERN = r"[A-Za-z0-9_](?:[A-Za-z0-9_:./-]*[A-Za-z0-9_])?"
# "[@" … "]" on one line, not escaped, and not the text of a link such as [@handle](https://…).
CITATION = re.compile(r"(?<!\\)\[@(?P<body>[^\[\]\n]*)\](?!\()")
# "[@" with no "]" before the next bracket or the end of the line.
UNCLOSED = re.compile(r"(?<!\\)\[@(?![^\[\]\n]*\])")
_ITEM = re.compile(rf"^@(?P<key>{KEY_PATTERN})$")


@dataclass(frozen=True)
class CitedKey:
    """One key in a citation and the offset of its ``@`` from the opening bracket."""

    key: str
    offset: int


@dataclass(frozen=True)
class ParsedCitation:
    """The keys of one bracket, or what is wrong with it (offsets from the opening bracket)."""

    keys: tuple[CitedKey, ...]
    errors: tuple[tuple[int, str], ...]


def parse_citation(body: str) -> ParsedCitation:
    """Split the text between ``[@`` and ``]`` into keys; report anything that is not one."""
    text = "@" + body
    if not body.strip() or body.strip() == ";":
        return ParsedCitation((), ((0, "empty citation '[@]': write a key after @, e.g. [@nci-metastatic-cancer]"),))
    keys: list[CitedKey] = []
    errors: list[tuple[int, str]] = []
    seen: set[str] = set()
    position = 1  # offset of text[0] from "["
    for part in text.split(";"):
        stripped = part.strip()
        offset = position + (len(part) - len(part.lstrip()))
        position += len(part) + 1
        match = _ITEM.match(stripped)
        if not stripped:
            errors.append((offset, "empty item in citation: remove the extra ';'"))
        elif not match:
            errors.append(
                (
                    offset,
                    f"{stripped!r} is not a citation key; write [@key] or [@a; @b] (keys use letters, digits and -)",
                )
            )
        elif match["key"] in seen:
            errors.append((offset, f"key {match['key']!r} appears twice in the same citation"))
        else:
            seen.add(match["key"])
            keys.append(CitedKey(match["key"], offset))
    return ParsedCitation(tuple(keys), tuple(errors))
