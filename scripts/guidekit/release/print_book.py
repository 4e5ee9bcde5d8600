"""The whole guide as one printable page: cover, contents, every chapter in nav order with its
sources, the questions to ask, and the glossary at the end.

Made from an offline build (pages are NAME.html side by side). Each page's ids get the page's
name as a prefix, so "cite-1" on two chapters stays two anchors, and links between pages become
links within the document: a printed citation or glossary mark still leads somewhere.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode as Node

from guidekit.core.links import resolve, split

# Pages of the printed book, in this order; those not in the nav are skipped.
LEAVE_OUT = frozenset({"references.md", "whats-changed.md"})  # chapters print their own sources; the log is for the web
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


def _page_name(html_path: str) -> str:
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
    name = _page_name(target)
    # The fragment as written: it stays a valid address, and browsers decode it to find the id.
    return f"#{name}--{parts.fragment}" if parts.fragment else f"#{name}"


def chapter_from_page(site: Path, page: str, in_book: set[str]) -> Chapter:
    """One built page's article, with ids prefixed and site links turned into book links."""
    tree = HTMLParser((site / page).read_text(encoding="utf-8"))
    article = tree.css_first("article.md-content__inner")
    if article is None:
        raise ValueError(f"{page}: no article in the built page")
    for node in article.css("a.headerlink, .guide-review, script"):
        node.decompose()
    name = _page_name(page)
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


def _cover(site_name: str, version: str, date: str, url: str) -> str:
    return f"""
<section class="guide-cover" id="cover">
  <h1>{html.escape(site_name)}</h1>
  <p class="guide-cover__subtitle">A plain-language guide for people whose cancer has spread,
  and the people close to them.</p>
  <p><strong>Version:</strong> {html.escape(version)} &middot;
  <strong>Edition of:</strong> {html.escape(date)}</p>
  <p class="guide-cover__status"><strong>Status: awaiting clinical review.</strong> No doctor, nurse or other
  clinician has checked this guide yet. It is not medical advice. In an emergency, call your local emergency number.</p>
  <p><strong>Online version:</strong> <a href="{html.escape(url)}">{html.escape(url)}</a></p>
  <p>Words marked with <span class="guide-term-mark">†</span> are explained in the glossary at the end.
  Small raised numbers lead to the sources listed at the end of each chapter.</p>
</section>"""


def _contents(chapters: list[Chapter]) -> str:
    items = "".join(f'<li><a href="#{c.name}">{html.escape(c.title)}</a></li>' for c in chapters)
    return f'<nav class="guide-contents" id="contents" aria-label="Contents"><h2>Contents</h2><ol>{items}</ol></nav>'


def render_book(site: Path, pages: list[str], *, site_name: str, version: str, date: str, url: str) -> str:
    """The one-page edition as an HTML document, styled by the site's own stylesheets."""
    shell = HTMLParser((site / "index.html").read_text(encoding="utf-8"))
    styles = "".join(node.html or "" for node in shell.css('head link[rel="stylesheet"]'))
    chapters = [chapter_from_page(site, page, set(pages)) for page in pages]
    sections = "".join(f'<section class="guide-chapter" id="{c.name}">{c.body}</section>' for c in chapters)
    body = _cover(site_name, version, date, url) + _contents(chapters) + sections
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{html.escape(site_name)} (printable edition {html.escape(version)})</title>{styles}</head>"
        '<body class="guide-print"><div class="md-container"><main class="md-main"><div class="md-content">'
        f'<article class="md-content__inner md-typeset">{body}</article></div></main></div></body></html>\n'
    )


def html_path(docs_path: str) -> str:
    """Where an offline build puts a page: 'basics.md' -> 'basics.html'."""
    return re.sub(r"\.md$", ".html", docs_path)
