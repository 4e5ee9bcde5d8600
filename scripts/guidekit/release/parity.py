"""Engine parity: the guide built by MkDocs and the guide built by Zensical must say the same thing.

Two built sites are read page by page. Of each page only the article is compared (the chapter as a
reader reads it, without the theme around it): its text, citations, glossary tooltips, figures and
their lightbox links, Sources list, links, anchors and review status, then any other tag or
attribute. Markup that differs only because the two engines write it differently is normalised
first, each normalisation saying which engine does what; anything left is a difference, named by
the page, what was compared, the first element that differs (a short CSS-like path) and both values.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode as Node

# Material's article, the same element under both engines; a page without one (an HTML file copied
# as is from docs/) is compared whole, from its body.
CONTENT = "article.md-content__inner"
MISSING = "(missing)"
# Whitespace as HTML defines it; a non-breaking space is text, and stays.
HTML_WHITESPACE = re.compile(r"[ \t\n\r\f]+")
# Elements a browser lays out as blocks (or line breaks): whitespace beside them is not shown.
BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt",
        "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
        "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
        "thead", "tr", "ul",
    }
)  # fmt: skip
# GLightbox settings that mkdocs-glightbox writes on every a.glightbox and that are GLightbox's own
# defaults, which Zensical relies on without writing them: no set size ("auto" only sets the CSS
# width and height to their default) and the description below the image.
LIGHTBOX_DEFAULTS = (("data-width", "auto"), ("data-height", "auto"), ("data-desc-position", "bottom"))


@dataclass(frozen=True)
class Difference:
    """One way the two builds of a page differ: the first element that differs in one aspect."""

    page: str  # site-relative, forward slashes: "spread/index.html"
    aspect: str  # what was compared: "text", "citation", ..., or "page" for a page in one build only
    path: str  # the element, as a short CSS-like path from the article; both paths when they differ
    left: str  # its value in the first site (MkDocs), or MISSING
    right: str  # its value in the second site (Zensical), or MISSING

    def __str__(self) -> str:
        return f"{self.page}: {self.aspect} at {self.path}: {self.left!r} | {self.right!r}"


@dataclass(frozen=True)
class Fact:
    """One thing a page says in one aspect: its value, and where it stands."""

    value: str
    path: str  # for a reader: article > p:nth-of-type(2) > a (a position only among siblings of a tag)
    place: str  # for comparing: every step's position, which later siblings do not change


@dataclass(frozen=True)
class Aspect:
    """What is compared: the elements a selector picks, each described by one value."""

    name: str
    selector: str
    describe: Callable[[Node], str]
    by_place: bool = False  # the place is compared too, not only the value (the markup: nesting counts)


def _text(node: Node) -> str:
    return HTML_WHITESPACE.sub(" ", node.text(deep=True)).strip()


def _attributes(node: Node, names: tuple[str, ...]) -> str:
    values = node.attributes
    return " ".join(f"{name}={values[name] or ''!r}" if name in values else f"{name}={MISSING}" for name in names)


def _all_attributes(node: Node) -> str:
    # Sorted: attribute order carries no meaning, and each engine writes its own.
    return " ".join(f"{name}={value or ''!r}" for name, value in sorted(node.attributes.items()))


def _describe_source(node: Node) -> str:
    links = " ".join(link.attributes.get("href") or "" for link in node.css("[href]"))
    return f"{_attributes(node, ('id',))} text={_text(node)!r} links={links!r}"


def _describe_lightbox_or_image(node: Node) -> str:
    if node.tag == "img":
        return f"img {_attributes(node, ('src', 'alt', 'width', 'height'))}"
    data = tuple(sorted(name for name in node.attributes if name.startswith("data-")))
    return f"lightbox {_attributes(node, ('href', *data))}"


# The aspects, each reported once per page (its first difference); the markup last, for anything else.
ASPECTS = (
    Aspect("citation", "sup.guide-cite a", lambda n: f"{_text(n)!r} {_attributes(n, ('href', 'id', 'aria-label'))}"),
    Aspect("tooltip", "a.guide-term", lambda n: f"{_text(n)!r} {_attributes(n, ('href', 'title'))}"),
    Aspect("figure", "img, a.glightbox", _describe_lightbox_or_image),
    Aspect("source", "ol.guide-sources > li", _describe_source),
    Aspect("link", "[href]", lambda n: n.attributes.get("href") or ""),
    Aspect("anchor", "[id]", lambda n: n.attributes.get("id") or ""),
    Aspect("review", "aside.guide-review", lambda n: f"{_attributes(n, ('aria-label',))} text={_text(n)!r}"),
    Aspect("markup", "*", lambda n: " ".join(filter(None, (f"<{n.tag}", _all_attributes(n)))) + ">", by_place=True),
)


# --- Normalisations: engine markup that a reader does not see. Each is applied to both builds. ---


def _drop_skip_target(content: Node) -> None:
    # Zensical's "Skip to content" link points at an empty <a id="__skip" tabindex="-1"> it writes
    # first in the article; Material for MkDocs' skip link points at the page's first heading instead.
    for node in content.css('a[id="__skip"]:not([href])'):
        if not node.text(deep=True).strip():
            node.decompose()


def _drop_search_exclude(content: Node) -> None:
    # The extension marks each Sources heading and list data-search-exclude. Material for MkDocs
    # publishes the attribute and its search plugin leaves the block out of the index; Zensical leaves
    # it out of its index too, and removes the attribute from the page.
    for node in content.css("[data-search-exclude]"):
        del node.attrs["data-search-exclude"]


def _lightbox_as_loaded(content: Node, document: Node) -> None:
    # mkdocs-glightbox, beside Material's privacy plugin, writes a.glightbox without an href, and its
    # script#init-glightbox gives each one the href of its image (data-src, else src) when the page
    # loads; Zensical writes that href into the page. Only a page that has the script gets it.
    if document.css_first("script#init-glightbox") is not None:
        for anchor in content.css("a.glightbox:not([href])"):
            image = anchor.css_first("img")
            if image is not None:
                anchor.attrs["href"] = image.attributes.get("data-src") or image.attributes.get("src") or ""
    # mkdocs-glightbox writes GLightbox's default settings on every anchor; Zensical writes none.
    for anchor in content.css("a.glightbox"):
        for name, default in LIGHTBOX_DEFAULTS:
            if anchor.attributes.get(name) == default:
                del anchor.attrs[name]


def normalised_content(html: str) -> Node:
    """A page's article (else its body) with the engines' own markup taken out."""
    document = HTMLParser(html)
    content = document.css_first(CONTENT) or document.body
    if content is None:  # Lexbor makes a body even for an empty file
        raise ValueError("the page has no body")
    _drop_skip_target(content)
    _drop_search_exclude(content)
    _lightbox_as_loaded(content, document.root or content)
    # Taking an element out can leave two text nodes side by side (the spaces either side of it).
    content.merge_text_nodes()
    return content


# --- Reading a normalised article, in document order. ---


def _walk(node: Node, path: str, place: str) -> Iterator[tuple[Node, str, str]]:
    """Every element and text node under ``node``, in document order, each with its element's path and place."""
    children = list(node.iter(include_text=True))
    counts: dict[str, int] = {}
    for child in children:
        if child.is_element_node:
            counts[child.tag] = counts.get(child.tag, 0) + 1
    seen: dict[str, int] = {}
    for child in children:
        if child.is_text_node:
            yield child, path, place
        elif child.is_element_node:
            seen[child.tag] = seen.get(child.tag, 0) + 1
            classes = "".join(f".{name}" for name in (child.attributes.get("class") or "").split())
            nth = f":nth-of-type({seen[child.tag]})"
            child_path = f"{path} > {child.tag}{classes}{nth if counts[child.tag] > 1 else ''}"
            child_place = f"{place} > {child.tag}{nth}"
            yield child, child_path, child_place
            yield from _walk(child, child_path, child_place)
        # Comments: MkDocs' minifier removes them, and no reader sees them.


def _is_block(node: Node | None) -> bool:
    return node is not None and node.is_element_node and node.tag in BLOCK_TAGS


def _sibling(node: Node, forward: bool) -> Node | None:
    """The nearest element or text beside ``node`` (comments skipped), None at the edge of its parent."""
    sibling = node.next if forward else node.prev
    while sibling is not None and not (sibling.is_element_node or sibling.is_text_node):
        sibling = sibling.next if forward else sibling.prev
    return sibling


def _in_pre(node: Node) -> bool:
    parent = node.parent
    while parent is not None and parent.tag != "pre":
        parent = parent.parent
    return parent is not None


def _shown_text(node: Node) -> str:
    """A text node as a browser shows it: whitespace runs as one space, none beside a block's edge.

    MkDocs' pages are minified (mkdocs-minify-plugin), Zensical's are written by its own renderer:
    the runs of whitespace they keep may differ, and a reader sees none of that (but in a <pre>)."""
    text = node.text_content or ""
    if _in_pre(node):
        return text
    text = HTML_WHITESPACE.sub(" ", text)
    before, after = _sibling(node, forward=False), _sibling(node, forward=True)
    if _is_block(before) or (before is None and _is_block(node.parent)):
        text = text.lstrip(" ")
    if _is_block(after) or (after is None and _is_block(node.parent)):
        text = text.rstrip(" ")
    return text


def page_facts(content: Node) -> dict[str, list[Fact]]:
    """What a normalised article says, aspect by aspect, in document order."""
    root_path = content.tag or "article"
    members = {aspect.name: {node.mem_id for node in content.css(aspect.selector)} for aspect in ASPECTS}
    facts: dict[str, list[Fact]] = {"text": [], **{aspect.name: [] for aspect in ASPECTS}}
    for node, path, place in _walk(content, root_path, root_path):
        if node.is_text_node:
            text = _shown_text(node)
            if text:
                facts["text"].append(Fact(text, path, place))
            continue
        for aspect in ASPECTS:
            if node.mem_id in members[aspect.name]:
                facts[aspect.name].append(Fact(aspect.describe(node), path, place))
    return facts


def _first_difference(page: str, aspect: str, left: list[Fact], right: list[Fact], by_place: bool) -> Difference | None:
    """The first place where two sequences of facts part: a fact changed, added or taken away."""

    def key(fact: Fact) -> tuple[str, str]:
        return (fact.value, fact.place if by_place else "")

    left_keys, right_keys = [key(f) for f in left], [key(f) for f in right]
    if left_keys == right_keys:
        return None
    for tag, i1, _, j1, _ in SequenceMatcher(None, left_keys, right_keys, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        mine = left[i1] if tag in ("replace", "delete") else None
        theirs = right[j1] if tag in ("replace", "insert") else None
        # One path when both sides stand at the same path, else both, the first site's first.
        path = " | ".join(dict.fromkeys(fact.path for fact in (mine, theirs) if fact is not None))
        return Difference(page, aspect, path, mine.value if mine else MISSING, theirs.value if theirs else MISSING)
    return None  # not reached: unequal sequences have an opcode that is not "equal"


def compare_pages(page: str, left_html: str, right_html: str) -> list[Difference]:
    """How two builds of one page differ: each aspect's first difference.

    The markup is reported only when every other aspect agrees: it is there for what no other
    aspect sees, so one changed citation is not reported once more as changed markup."""
    left, right = page_facts(normalised_content(left_html)), page_facts(normalised_content(right_html))
    differences: list[Difference] = []
    by_place = {aspect.name: aspect.by_place for aspect in ASPECTS}
    for name in left:
        if name == "markup" and differences:
            break
        difference = _first_difference(page, name, left[name], right[name], by_place.get(name, False))
        if difference is not None:
            differences.append(difference)
    return differences


def site_pages(site: Path) -> set[str]:
    """A built site's pages: its HTML files, site-relative with forward slashes (the theme's assets left out)."""
    pages = (path.relative_to(site) for path in site.rglob("*.html") if path.is_file())
    return {page.as_posix() for page in pages if page.parts[0] != "assets"}


def compare_sites(left: Path, right: Path) -> list[Difference]:
    """How two built sites differ, page by page: a page only one of them has, or each aspect's first difference."""
    left_pages, right_pages = site_pages(left), site_pages(right)
    differences: list[Difference] = []
    for page in sorted(left_pages | right_pages):
        if page not in right_pages or page not in left_pages:
            here, there = ("built", MISSING) if page in left_pages else (MISSING, "built")
            differences.append(Difference(page, "page", page, here, there))
            continue
        left_html = (left / page).read_text(encoding="utf-8")
        right_html = (right / page).read_text(encoding="utf-8")
        differences += compare_pages(page, left_html, right_html)
    return differences
