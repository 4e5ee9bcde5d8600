"""The whole guide as one printable page: cover, contents, every chapter in nav order with its
sources, the questions to ask, and the glossary at the end.

Made from an offline build (pages are NAME.html side by side). Each page's ids get the page's
name as a prefix, so "cite-1" on two chapters stays two anchors, and links between pages become
links within the document: a printed citation or glossary mark still leads somewhere.

The book sets its own pages (CSS paged media, which Chromium prints): each chapter is a named
page whose running head carries its title, and every page after the cover shows its number, the
edition date and the review status. The contents' page numbers are given by the caller, who
finds them by printing (see page_numbers.py).
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode as Node

from guidekit.core.links import resolve, split
from guidekit.core.words import Words, words_for

# Pages of the printed book, in this order; those not in the nav are skipped.
LEAVE_OUT = frozenset({"references.md", "whats-changed.md"})  # chapters print their own sources; the log is for the web
ENGLISH_WORDS = words_for("en")
AT_THE_END = ("about.md", "glossary.md")


@dataclass(frozen=True)
class Chapter:
    """One page of the site as it goes into the book."""

    name: str  # "basics" for basics.html: the prefix of its ids
    title: str
    body: str


def book_order(nav_pages: list[str]) -> list[str]:
    """Nav order, the references and the change log left out, About and the glossary moved to the end."""
    pages = [page for page in nav_pages if page not in LEAVE_OUT and page not in AT_THE_END]
    return pages + [page for page in AT_THE_END if page in nav_pages]


def page_name(html_path: str) -> str:
    """A page's name in the book, the prefix of its ids and its chapter's anchor: 'a/b.html' -> 'a-b'."""
    return posixpath.splitext(html_path)[0].replace("/", "-")


def _rewrite_link(href: str, page: str, in_book: set[str]) -> str:
    """A link to a page of the book as a link inside the book; other links are left alone
    (a page left out of the book, such as the references, is still in the offline copy)."""
    link, parts = resolve(page, href), split(href.strip())
    if link is None or parts is None:
        return href  # leaves the site
    target = page if link.same_page else link.path
    if link.leaves_root or not target.endswith(".html") or target not in in_book:
        return href  # images, other files and pages not in the book keep their address
    name = page_name(target)
    # The fragment as written: it stays a valid address, and browsers decode it to find the id.
    return f"#{name}--{parts.fragment}" if parts.fragment else f"#{name}"


def chapter_from_page(site: Path, page: str, in_book: set[str]) -> Chapter:
    """One built page's article, with ids prefixed and site links turned into book links."""
    tree = HTMLParser((site / page).read_text(encoding="utf-8"))
    article = tree.css_first("article.md-content__inner")
    if article is None:
        raise ValueError(f"{page}: no article in the built page")
    # The review record and the web "report a problem" link are per page; the book prints one address.
    for node in article.css("a.headerlink, .guide-review, .guide-report, script"):
        node.decompose()
    name = page_name(page)
    for node in article.css("[id]"):
        node.attrs["id"] = f"{name}--{node.attrs['id']}"
    for node in article.css("[href]"):
        node.attrs["href"] = _rewrite_link(node.attrs["href"] or "", page, in_book)
    heading = article.css_first("h1")
    title = heading.text(strip=True) if heading else name
    return Chapter(name, title, _inner(article))


def _inner(node: Node) -> str:
    """The HTML inside an element (selectolax gives the element itself)."""
    outer = node.html or ""
    return outer[outer.index(">") + 1 : outer.rindex("<")]


def edition_date(iso_day: str, words: Words = ENGLISH_WORDS) -> str:
    """'2026-12-03' -> '3 December 2026' ('3 de diciembre de 2026' in Spanish): day before month,
    read the same way in the US and the UK."""
    day = dt.date.fromisoformat(iso_day)
    return words.date((day.year, day.month, day.day))


def short_address(url: str) -> str:
    """An address as a reader would type it: no scheme, no trailing slash."""
    parts = urlsplit(url)
    return f"{parts.netloc}{parts.path}".rstrip("/")


def _cover(site_name: str, version: str, edition: str, url: str, report_url: str, words: Words) -> str:
    address = (
        f'<a class="guide-print-address" href="{html.escape(report_url)}">{html.escape(short_address(report_url))}</a>'
    )
    tell_us = words.book_tell_us.format(address=address)
    return f"""
<section class="guide-cover" id="cover">
  <h1>{html.escape(site_name)}</h1>
  <p class="guide-cover__subtitle">{words.book_subtitle}</p>
  <p><strong>{words.book_version}</strong> {html.escape(version)} &middot;
  <strong>{words.book_edition}</strong> {html.escape(edition)}</p>
  <p class="guide-cover__status"><strong>{words.book_status}</strong> {words.book_not_advice}</p>
  <p><strong>{words.book_online}</strong>
  <a class="guide-print-address" href="{html.escape(url)}">{html.escape(url)}</a></p>
  <p class="guide-cover__report"><strong>{words.book_found_mistake}</strong> {tell_us}
  {words.book_name_the_page}</p>
  <p>{words.book_marks.format(mark='<span class="guide-term-mark">†</span>')}</p>
</section>"""


def _contents(chapters: list[Chapter], page_numbers: Mapping[str, int], words: Words) -> str:
    items = "".join(
        f'<li><a href="#{c.name}"><span class="guide-contents__title">{html.escape(c.title)}</span>'
        + (
            f'<span class="guide-contents__leader" aria-hidden="true"></span>'
            f'<span class="guide-contents__page">{page_numbers[c.name]}</span>'
            if c.name in page_numbers
            else ""
        )
        + "</a></li>"
        for c in chapters
    )
    contents = html.escape(words.book_contents)
    return (
        f'<nav class="guide-contents" id="contents" aria-label="{contents}"><h2>{contents}</h2><ol>{items}</ol></nav>'
    )


def css_string(text: str) -> str:
    """``text`` as a double-quoted CSS string, safe inside a <style> element.

    Quotes, backslashes, control characters and "<" (which could close the element) become CSS
    escapes; the space after each ends the escape and is not printed.
    """
    escaped = "".join(
        f"\\{ord(char):x} " if char in '"\\<>&' or ord(char) < 0x20 or ord(char) == 0x7F else char for char in text
    )
    return f'"{escaped}"'


def page_styles(chapters: list[Chapter], site_name: str, edition: str, words: Words = ENGLISH_WORDS) -> str:
    """The book's pages: margins, a running head per chapter (a named page each), the foot line.

    Generated here rather than kept in guide.css: the titles and the date belong to this book, and
    a web page printed from a browser should not claim a chapter or an edition.
    """
    # "Page {number}": the words around the number as CSS strings, the number as the page counter.
    before, _, after = words.book_page.partition("{number}")
    page_number = " ".join(
        part
        for part in (css_string(before) if before else "", "counter(page)", css_string(after) if after else "")
        if part
    )
    box = "font-size: 9pt; color: #444444; font-family: sans-serif;"  # small, but well above 8 pt
    rules = [
        "@page { margin: 20mm 16mm 20mm;"
        f" @top-right {{ content: {page_number}; {box} }}"
        f" @bottom-left {{ content: {css_string(words.book_edition_of.format(site_name=site_name, edition=edition))};"
        f" {box} }}"
        f" @bottom-right {{ content: {css_string(words.book_draft)}; {box} }} }}",
        # The cover is a title page: no running head or foot. (:first, not a named page: a named
        # page would start a new page after anything printed before the cover.)
        "@page :first { @top-right { content: none } @bottom-left { content: none } @bottom-right { content: none } }",
        f"@page guide-contents {{ @top-left {{ content: {css_string(words.book_contents)}; {box} }} }}",
        ".guide-contents { page: guide-contents; }",
    ]
    for number, chapter in enumerate(chapters, start=1):
        rules.append(f"@page guide-chapter-{number} {{ @top-left {{ content: {css_string(chapter.title)}; {box} }} }}")
        rules.append(f"section[id={css_string(chapter.name)}] {{ page: guide-chapter-{number}; }}")
    return "<style>\n" + "\n".join(rules) + "\n</style>"


def render_book(
    site: Path,
    pages: list[str],
    *,
    site_name: str,
    version: str,
    date: str,
    url: str,
    report_url: str,
    page_numbers: Mapping[str, int] | None = None,
    language: str = "en",
) -> str:
    """The one-page edition as an HTML document, styled by the site's own stylesheets.

    ``date`` is the edition's day (ISO); ``report_url`` where readers report a mistake;
    ``page_numbers`` where each chapter (by name) starts, for the contents (none: no numbers);
    ``language`` the edition's ("es"): the book's own words and its lang attribute.
    """
    words = words_for(language)
    shell = HTMLParser((site / "index.html").read_text(encoding="utf-8"))
    styles = "".join(node.html or "" for node in shell.css('head link[rel="stylesheet"]'))
    chapters = [chapter_from_page(site, page, set(pages)) for page in pages]
    edition = edition_date(date, words)
    sections = "".join(f'<section class="guide-chapter" id="{c.name}">{c.body}</section>' for c in chapters)
    body = (
        _cover(site_name, version, edition, url, report_url, words)
        + _contents(chapters, page_numbers or {}, words)
        + sections
    )
    title = words.book_title.format(site_name=html.escape(site_name), version=html.escape(version))
    return (
        f'<!doctype html><html lang="{html.escape(words.language)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{title}</title>{styles}"
        f"{page_styles(chapters, site_name, edition, words)}</head>"
        '<body class="guide-print"><div class="md-container"><main class="md-main"><div class="md-content">'
        f'<article class="md-content__inner md-typeset">{body}</article></div></main></div></body></html>\n'
    )


def html_path(docs_path: str) -> str:
    """Where an offline build puts a page: 'basics.md' -> 'basics.html'."""
    return re.sub(r"\.md$", ".html", docs_path)
