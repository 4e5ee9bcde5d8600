"""Finding citations and links in a page's Markdown source, with their line and column.

Code is masked first (fenced blocks, inline code spans, HTML comments and front matter are
replaced by spaces of the same length), so a ``[@key]`` shown as an example is not a citation.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from guidekit.source.citations import CITATION, UNCLOSED, parse_citation

_FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_BACKTICKS = re.compile(r"(?<!\\)`+")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
# [text](target "title") and ![alt](src); text may hold one level of nested brackets. It starts at
# the "[" (a literal first character lets the regex engine skip ahead); a "!" before it makes an image.
_INLINE_LINK = re.compile(
    r"\[(?P<text>(?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]"
    r"\(\s*(?P<target><[^<>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?\s*\)"
    r"(?P<attrs>\{[^{}\n]*\})?"
)
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[(?P<label>[^\]\n]+)\]:[ \t]*(?P<target><[^>\n]*>|\S+)", re.MULTILINE)


def _blank(text: str) -> str:
    """Spaces in place of every character but newlines, keeping positions."""
    return re.sub(r"[^\n]", " ", text)


def front_matter_span(text: str) -> tuple[int, int] | None:
    """Start and end offsets of a YAML front matter block at the top of a page."""
    match = _FRONT_MATTER.match(text)
    return (match.start(), match.end()) if match else None


def front_matter_yaml(text: str) -> str | None:
    """The YAML between the front matter's '---' lines (it starts on line 2), or None."""
    match = _FRONT_MATTER.match(text)
    return (match["yaml"] or "") if match else None


def _mask_fences(text: str) -> str:
    if "```" not in text and "~~~" not in text:
        return text  # no fence can open
    lines = text.split("\n")
    fence: str | None = None
    for index, line in enumerate(lines):
        if fence is None:
            match = _FENCE_OPEN.match(line)
            if match:
                fence = match["fence"]
                lines[index] = _blank(line)
        else:
            stripped = line.strip()
            if stripped.startswith(fence) and set(stripped) == {fence[0]}:
                fence = None
            lines[index] = _blank(line)
    return "\n".join(lines)


def _mask_code_spans(text: str) -> str:
    """Blank inline code: a run of n backticks up to the next run of exactly n, within a paragraph."""
    if "`" not in text:
        return text
    out = list(text)
    position = 0
    while True:
        opening = _BACKTICKS.search(text, position)
        if not opening:
            break
        ticks = opening.group()
        paragraph_end = text.find("\n\n", opening.end())
        limit = len(text) if paragraph_end == -1 else paragraph_end
        closing = None
        for candidate in _BACKTICKS.finditer(text, opening.end(), limit):
            if candidate.group() == ticks:
                closing = candidate
                break
        if closing is None:
            position = opening.end()
            continue
        for index in range(opening.start(), closing.end()):
            if out[index] != "\n":
                out[index] = " "
        position = closing.end()
    return "".join(out)


def code_block_lines(text: str) -> frozenset[int]:
    """The 0-based numbers of the lines inside fenced code blocks (fences included): shown, never run."""
    lines, masked = text.split("\n"), _mask_fences(text).split("\n")
    return frozenset(
        index for index, (line, kept) in enumerate(zip(lines, masked, strict=True)) if line.strip() and not kept.strip()
    )


def mask_code(text: str) -> str:
    """The page with everything that is not prose blanked out, same length and line breaks."""
    span = front_matter_span(text)
    if span:
        text = _blank(text[: span[1]]) + text[span[1] :]
    text = _COMMENT.sub(lambda m: _blank(m.group()), text)
    return _mask_code_spans(_mask_fences(text))


class LineIndex:
    """Offsets to 1-based line and column (the line starts are found on first use)."""

    def __init__(self, text: str) -> None:
        self._text = text

    @functools.cached_property
    def starts(self) -> list[int]:
        return [0] + [m.end() for m in re.finditer("\n", self._text)]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1  # the last line start <= offset
        return line + 1, offset - self.starts[line] + 1


@dataclass(frozen=True)
class FoundKey:
    key: str
    line: int
    column: int


@dataclass(frozen=True)
class FoundLink:
    """A link or image in the source: its target as written and where it starts."""

    text: str
    target: str
    is_image: bool
    line: int
    column: int
    attributes: str = ""  # an attribute list written right after it: { width="480" loading=lazy }


@dataclass(frozen=True)
class FoundError:
    line: int
    column: int
    message: str


@dataclass(frozen=True)
class PageScan:
    """Everything the checks need from one page."""

    citations: tuple[FoundKey, ...]
    links: tuple[FoundLink, ...]
    errors: tuple[FoundError, ...]
    first_heading: str | None  # the title comes from the front matter (data.pages.page_title)
    headings: tuple[str, ...] = ()  # heading texts as written, in order, for their anchors
    explicit_ids: tuple[str, ...] = ()  # ids set by hand: {#id} attribute lists and id="…"


_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(?P<text>.*?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)
# Leading blanks first, then the first visible character: "[^\n]*\S[^\n]*" backtracks on long lines.
_SETEXT = re.compile(r"^(?P<text>[^\S\n]*\S[^\n]*)\n {0,3}(?:=+|-+)[ \t]*$", re.MULTILINE)
_ATTR_ID = re.compile(r"\{:?[^}\n]*?#(?P<id>[\w-]+)[^}\n]*\}")
_HTML_ID = re.compile(r"<[a-zA-Z][^>]*?\sid\s*=\s*[\"']?(?P<id>[^\"'\s>]+)")
_TRAILING_ATTRS = re.compile(r"\s*\{:?[^}]*\}\s*$")


def _headings(text: str, masked: str) -> tuple[list[str], list[str]]:
    """Heading texts in page order (without a trailing attribute list) and hand-set ids.

    Headings are found in the masked text (so '# x' in a code block is not one) but read from
    the original, so a heading with inline code keeps its words.
    """
    found = []
    for match in _HEADING.finditer(masked):
        # Re-read the line as written: in the masked text "## `code`" is "##" and blanks, no text.
        original = _HEADING.match(text, match.start(), match.end())
        found.append((original.start("text"), original.end("text")) if original else match.span("text"))
    found += [
        (m.start("text"), m.end("text"))
        for m in _SETEXT.finditer(masked)
        if not m["text"].lstrip().startswith(("-", "*", "#", ">", "|", "<")) and "---" not in m["text"]
    ]
    headings = [text[start:end].strip() for start, end in sorted(found)]
    explicit = [m["id"] for m in _ATTR_ID.finditer(masked)] + [m["id"] for m in _HTML_ID.finditer(masked)]
    texts = [_TRAILING_ATTRS.sub("", text) for text in headings if not _ATTR_ID.search(text)]
    return texts, explicit


def _first_heading(masked: str) -> str | None:
    """The page's first '# ' heading (its title when the front matter has none)."""
    match = re.search(r"^#[ \t]+(?P<title>.+?)[ \t#]*$", masked, re.MULTILINE)
    return match["title"] if match else None


def scan_page(text: str, *, masked: str | None = None) -> PageScan:
    """Find every citation key and link, and every malformed citation, in document order.

    ``masked``: ``mask_code(text)``, when the caller has it already.
    """
    masked = mask_code(text) if masked is None else masked
    index = LineIndex(masked)
    keys: list[FoundKey] = []
    errors: list[FoundError] = []
    for match in CITATION.finditer(masked):
        line_start = masked.rfind("\n", 0, match.start()) + 1
        if masked[match.end() : match.end() + 1] == ":" and not masked[line_start : match.start()].strip():
            continue  # "[@x]: url" at the start of a line is a link reference definition
        parsed = parse_citation(match["body"])
        for cited in parsed.keys:
            keys.append(FoundKey(cited.key, *index.position(match.start() + cited.offset)))
        for offset, message in parsed.errors:
            errors.append(FoundError(*index.position(match.start() + offset), message))
    for match in UNCLOSED.finditer(masked):
        rest = masked[match.end() : masked.find("\n", match.end()) if "\n" in masked[match.end() :] else len(masked)]
        shown = "[@" + re.split(r"[\s\[]", rest, maxsplit=1)[0]
        errors.append(FoundError(*index.position(match.start()), f"citation {shown!r} is not closed; add ']'"))
    links = []
    for m in _INLINE_LINK.finditer(masked):
        is_image = m.start() > 0 and masked[m.start() - 1] == "!"
        start = m.start() - 1 if is_image else m.start()
        links.append(FoundLink(m["text"], m["target"].strip("<>"), is_image, *index.position(start), m["attrs"] or ""))
    links += [
        FoundLink(m["label"], m["target"].strip("<>"), False, *index.position(m.start("label") - 1))
        for m in _REFERENCE_DEFINITION.finditer(masked)
    ]
    links.sort(key=lambda link: (link.line, link.column))
    headings, explicit_ids = _headings(text, masked)
    return PageScan(
        tuple(keys),
        tuple(links),
        tuple(sorted(errors, key=lambda e: (e.line, e.column))),
        _first_heading(masked),
        tuple(headings),
        tuple(explicit_ids),
    )
