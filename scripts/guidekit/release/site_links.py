"""Check a built site folder: every internal link, image, script and anchor in its HTML must resolve.

MkDocs checks links between Markdown pages, but not what themes, overrides and hooks write into the HTML
(the 404 page, navigation, assets). This reads the HTML as published, with the standard library's parser.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from guidekit.core.links import LinkTarget, is_external, split
from guidekit.core.links import resolve as resolve_address
from guidekit.source.html_scan import BrowserLikeHTMLParser

# (tag, attribute) pairs holding one URL each; HTMLParser gives both in lower case.
URL_ATTRIBUTES = frozenset(
    {
        ("a", "href"),
        ("area", "href"),
        ("link", "href"),
        ("img", "src"),
        ("script", "src"),
        ("source", "src"),
        ("iframe", "src"),
    }
)
# Tags whose srcset holds a list of image candidates (<source> inside <picture> works like <img>).
SRCSET_TAGS = frozenset({"img", "source"})


@dataclass(frozen=True)
class Reference:
    """One URL as written in a page, located by 1-based line and column of its tag."""

    target: str
    line: int
    column: int


@dataclass(frozen=True)
class StoppedAt:
    """Where the HTML parser gave up on a page: the rest of it, and any link there, went unread."""

    line: int
    column: int
    reason: str  # the parser's own words


@dataclass
class Page:
    """What one HTML file offers (its anchors) and what it points to (its internal references)."""

    ids: set[str] = field(default_factory=set)
    references: list[Reference] = field(default_factory=list)
    stopped_at: StoppedAt | None = None  # set when the page could not be read to its end


@dataclass
class Site:
    """A built site read once: every file (site-relative, forward slashes) and every parsed HTML page."""

    files: set[str]
    pages: dict[str, Page]

    @property
    def reference_count(self) -> int:
        """How many internal references the pages hold."""
        return sum(len(page.references) for page in self.pages.values())


@dataclass(frozen=True, order=True)
class BrokenLink:
    """One internal reference in a built page that leads nowhere."""

    page: str  # site-relative, forward slashes: "glossary/index.html"
    line: int
    column: int
    target: str  # as written in the HTML
    message: str
    site: str = "site"  # how the site folder is shown in front of the page

    def __str__(self) -> str:
        prefix = f"{self.site.rstrip('/')}/" if self.site else ""
        return f"{prefix}{self.page}:{self.line}:{self.column}: broken link '{self.target}': {self.message}"


@dataclass(frozen=True)
class UnreadRest:
    """A page the check could not read to its end: the links past ``line``:``column`` were not checked."""

    page: str
    line: int
    column: int
    reason: str  # the parser's own words
    site: str = "site"

    def __str__(self) -> str:
        prefix = f"{self.site.rstrip('/')}/" if self.site else ""
        return (
            f"{prefix}{self.page}:{self.line}:{self.column}: could not read the page past this point "
            f"({self.reason}); the links after it were not checked"
        )


def srcset_urls(value: str) -> list[str]:
    """The URLs of a srcset, split as browsers do: a URL runs to whitespace, so data: URLs keep their commas."""
    urls = []
    position, end = 0, len(value)
    while position < end:
        while position < end and (value[position].isspace() or value[position] == ","):
            position += 1
        start = position
        while position < end and not value[position].isspace():
            position += 1
        url = value[start:position]
        if url.endswith(","):
            url = url.rstrip(",")  # "a.png,b.png 2x": a comma right after a URL ends its candidate
        else:
            while position < end and value[position] != ",":  # skip the descriptors ("2x", "480w")
                position += 1
        if url:
            urls.append(url)
    return urls


class _PageParser(BrowserLikeHTMLParser):
    """Collects a page's ids and its internal references in a single pass."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)  # attribute values arrive with &amp; etc. decoded
        self.page = Page()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, offset = self.getpos()
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.page.ids.add(value)
            elif (tag, name) in URL_ATTRIBUTES:
                self._add(value, line, offset)
            elif name == "srcset" and tag in SRCSET_TAGS:
                for url in srcset_urls(value):
                    self._add(url, line, offset)

    def _add(self, url: str, line: int, offset: int) -> None:
        # Browsers strip surrounding whitespace from URLs; the report shows the URL as written.
        if not is_external(url.strip()):
            self.page.references.append(Reference(url, line, offset + 1))


def parse_page(text: str) -> Page:
    """The ids and internal references of one HTML document; never raises on malformed HTML.

    Should the parser still give up (a corner not handled above), what was read so far is kept and
    ``stopped_at`` says where reading stopped, so the check reports it instead of passing quietly.
    """
    parser = _PageParser()
    try:
        parser.feed(text)
        parser.close()
    except AssertionError as error:
        line, offset = parser.getpos()
        parser.page.stopped_at = StoppedAt(line, offset + 1, str(error) or "the HTML parser gave up")
    return parser.page


def read_site(site_dir: Path) -> Site:
    """List every file of a built site and parse each HTML file once; a missing folder reads as empty."""
    files: set[str] = set()
    pages: dict[str, Page] = {}
    if not site_dir.is_dir():
        return Site(files, pages)
    for path in site_dir.rglob("*"):
        if not path.is_file():
            continue
        name = path.relative_to(site_dir).as_posix()
        files.add(name)
        if path.suffix == ".html":
            try:
                text = path.read_bytes().decode("utf-8", errors="replace")
            except OSError:
                continue  # removed or unreadable while we walk: links to it are still checked by name
            pages[name] = parse_page(text)
    return Site(files, pages)


def normalise_base_path(base_path: str) -> str:
    """A base path with one leading and one trailing slash, percent-decoded like the links it is compared with."""
    stripped = unquote(base_path).strip("/")
    return f"/{stripped}/" if stripped else "/"


def _site_path(link: LinkTarget, base_path: str) -> str:
    """The site-relative path a resolved link names ("" is the site root); ValueError if it leaves the site."""
    if link.path.startswith("/"):
        # normpath first, so "/guide/../other" is seen to leave "/guide/"; the added slash lets "/guide" match.
        absolute = posixpath.normpath(link.path) + "/"
        if not absolute.startswith(base_path):
            raise ValueError(f"outside the site's base path '{base_path}'")
        return absolute[len(base_path) :].strip("/")
    if link.leaves_root:
        raise ValueError("outside the site folder")
    return "" if link.path == "." else link.path


def _join(folder: str, name: str) -> str:
    return f"{folder}/{name}" if folder else name


def resolve(target: str, page: str, site: Site, base_path: str) -> str | None:
    """Why an internal reference from ``page`` is broken, or None when its file and anchor exist."""
    link, parts = resolve_address(page, target), split(target.strip())
    if link is None or parts is None:
        return None  # external: the page parser never records these
    fragment = parts.fragment  # as written: _missing_anchor tries it before its decoded form
    if not link.same_page:
        try:
            found = _site_path(link, base_path)
        except ValueError as error:
            return str(error)
        if link.names_folder or not found:
            # "about/" (and the site root) means the folder's index page.
            found = _join(found, "index.html")
            if found not in site.files:
                return f"no file '{found}'"
        elif found not in site.files:
            # "about" works too when the server redirects a folder to its index page.
            index = _join(found, "index.html")
            if index not in site.files:
                return f"no file '{found}'"
            found = index
    else:
        found = page  # "#x", "?q" or "": the same page
    return _missing_anchor(fragment, found, site)


def _missing_anchor(fragment: str, found: str, site: Site) -> str | None:
    """Why a fragment does not exist in an HTML target, or None; other files have no anchors to check."""
    target_page = site.pages.get(found)
    if not fragment or target_page is None:
        return None
    decoded = unquote(fragment)
    # Browsers try the fragment as written, then decoded; "#top" scrolls to the top even with no such id.
    if fragment in target_page.ids or decoded in target_page.ids or decoded.lower() == "top":
        return None
    return f"no element with id '{decoded}' in '{found}'"


def find_broken_links(site: Site, base_path: str = "/", display_prefix: str = "site") -> list[BrokenLink | UnreadRest]:
    """Every internal reference of a read site that does not resolve, and every page that could not be
    read to its end (its later links are unchecked), sorted by page and position."""
    base = normalise_base_path(base_path)
    broken = []
    unread = []
    for name, page in site.pages.items():
        for reference in page.references:
            message = resolve(reference.target, name, site, base)
            if message is not None:
                broken.append(
                    BrokenLink(name, reference.line, reference.column, reference.target, message, display_prefix)
                )
        if page.stopped_at is not None:
            stop = page.stopped_at
            unread.append(UnreadRest(name, stop.line, stop.column, stop.reason, display_prefix))
    # Stable: broken links keep their own order; each unread rest goes after the links at its position.
    return sorted([*sorted(broken), *unread], key=lambda found: (found.page, found.line, found.column))


def check_site_links(
    site_dir: Path, base_path: str = "/", display_prefix: str | None = None
) -> list[BrokenLink | UnreadRest]:
    """Every broken internal link or anchor in a built site folder, and every page read only in part;
    ``base_path`` is site_url's path."""
    prefix = site_dir.as_posix() if display_prefix is None else display_prefix
    return find_broken_links(read_site(site_dir), base_path, prefix)
