"""The Spanish edition (site/es/) beside the English, as built by each engine.

Every English page has its Spanish page, and each leads to the other: the language switcher in the
header (overrides/partials/alternate.html) and the hreflang links of each edition's sitemap
(overrides/sitemap.xml; none in <head>, where Material's script would fetch a sitemap beside each).
Every Spanish page says it is Spanish, a draft, and an unreviewed translation. In a browser, the
Spanish search finds Spanish pages for a word typed with or without its accent, and the English
search still finds only English pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import pytest
import yaml

from conftest import REPO, SearchUi
from guidekit.data.project import read_config
from guidekit.release.parity import site_pages
from guidekit.release.publish import editions

pytestmark = pytest.mark.slow

NOT_FOUND = "404.html"
# What the issue asks every Spanish page to say, in its own words (mkdocs.es.yml holds the rest).
TRANSLATION_NOTICE = "Todavía no la ha revisado un traductor médico"


@dataclass(frozen=True)
class Edition:
    """One language's edition: its folder in the site ("" or "es"), language and published address."""

    folder: str
    language: str
    url: str  # site_url, ending in "/"
    config: dict[str, Any]

    def file(self, page: str) -> str:
        """The site-relative file of one of this edition's pages ("symptoms/index.html")."""
        return f"{self.folder}/{page}" if self.folder else page

    def address(self, page: str) -> str:
        """A page's published address: folder addresses, the 404 page under its own name."""
        return self.url + page.removesuffix("index.html")


@cache
def guide_editions() -> tuple[Edition, ...]:
    """The guide's editions, in the order `make build` builds them (English first)."""
    found = []
    for config_file, folder in editions(REPO / "mkdocs.yml"):
        config = read_config(config_file)
        found.append(Edition(folder, config["theme"]["language"], config["site_url"], config))
    return tuple(found)


def english_and_spanish() -> tuple[Edition, Edition]:
    english, spanish = guide_editions()
    assert (english.language, spanish.language, spanish.folder) == ("en", "es", "es")
    return english, spanish


def edition_pages(site: Path, edition: Edition) -> set[str]:
    """The pages of one edition, relative to its own folder (another edition's folder left out)."""
    others = {other.folder for other in guide_editions() if other.folder and other != edition}
    pages = site_pages(site / edition.folder if edition.folder else site)
    return {page for page in pages if page.split("/", 1)[0] not in others}


@dataclass
class Head:
    """What one page says about its language: <html lang>, its switcher links and hreflang links."""

    lang: str | None = None
    switcher: dict[str, list[str]] = field(default_factory=dict)  # hreflang -> hrefs
    alternates: list[tuple[str, str]] = field(default_factory=list)  # (hreflang, href)
    announce: str = ""
    review: str = ""
    title: str = ""


class HeadReader(HTMLParser):
    """Reads a page's Head, and the text of its announce bar and review record."""

    def __init__(self) -> None:
        super().__init__()
        self.head = Head()
        self._open: list[tuple[str, str]] = []  # (tag, which text it collects) of the open sections

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        classes = attributes.get("class", "").split()
        if tag == "html":
            self.head.lang = attributes.get("lang")
        elif tag == "a" and "md-select__link" in classes and "hreflang" in attributes:
            self.head.switcher.setdefault(attributes["hreflang"], []).append(attributes.get("href", ""))
        elif tag == "link" and "alternate" in attributes.get("rel", "").split() and "hreflang" in attributes:
            self.head.alternates.append((attributes["hreflang"], attributes.get("href", "")))
        if self._open and tag == self._open[-1][0]:
            self._open.append((tag, self._open[-1][1]))  # a nested tag of the same name
        elif "guide-announce" in classes:
            self._open.append((tag, "announce"))
        elif "guide-review" in classes:
            self._open.append((tag, "review"))
        elif tag == "title" and self.head.lang is not None and not self.head.title:
            self._open.append((tag, "title"))

    def handle_endtag(self, tag: str) -> None:
        if self._open and tag == self._open[-1][0]:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._open:
            name = self._open[-1][1]
            setattr(self.head, name, getattr(self.head, name) + data)


def read_head(file: Path) -> Head:
    reader = HeadReader()
    reader.feed(file.read_text(encoding="utf-8"))
    reader.close()
    return reader.head


def words(text: str) -> str:
    """Text with its runs of whitespace made one space, as a reader sees it."""
    return " ".join(text.split())


def switcher_problems(site: Path, source: Edition, target: Edition, page: str) -> list[str]:
    """Where ``page`` of ``source``'s switcher link to ``target`` does not lead to the same page
    of ``target``. Relative links are resolved against the page's published address; the 404
    page, served at any address, links to ``target``'s published home (alt.url)."""
    if not (site / source.file(page)).is_file():
        return ["not built"]
    hrefs = read_head(site / source.file(page)).switcher.get(target.language, [])
    if len(hrefs) != 1:
        return [f"{len(hrefs)} switcher links to {target.language!r}, not one"]
    href = hrefs[0]
    if page == NOT_FOUND:
        return [] if href == target.url else [f"the switcher to {target.language!r} is {href!r}, not {target.url!r}"]
    if urlsplit(href).scheme or urlsplit(href).netloc:
        return [f"the switcher to {target.language!r} is absolute ({href!r}): a preview would leave for the real site"]
    root = guide_editions()[0].url  # the site's own address: the first edition is at its top
    landed = urljoin(source.address(page), href)
    if landed != target.address(page):
        return [f"the switcher to {target.language!r} ({href!r}) leads to {landed}, not {target.address(page)}"]
    file = site / landed.removeprefix(root)
    file = file / "index.html" if landed.endswith("/") else file
    if not file.is_file():
        return [f"the switcher to {target.language!r} leads to {landed}, which was not built"]
    if read_head(file).lang != target.language:
        return [f"the switcher to {target.language!r} leads to a page whose lang is {read_head(file).lang!r}"]
    return []


def test_every_english_page_has_its_spanish_page_and_the_switcher_leads_both_ways(built_guide: Path) -> None:
    english, spanish = english_and_spanish()
    english_pages = edition_pages(built_guide, english)
    assert {"index.html", "symptoms/index.html", NOT_FOUND} <= english_pages
    extra = sorted(edition_pages(built_guide, spanish) - english_pages)
    problems = [f"es/{page}: a Spanish page with no English page" for page in extra] + [
        f"{source.file(page)}: {problem}"
        for page in sorted(english_pages)
        for source, target in ((english, spanish), (spanish, english))
        for problem in switcher_problems(built_guide, source, target, page)
    ]
    assert problems == []


def head_alternates(site: Path, edition: Edition, page: str) -> list[str]:
    """hreflang <link>s in a page's <head>: there must be none (Material's script would fetch a
    sitemap.xml beside each one, on every page load)."""
    if not (site / edition.file(page)).is_file():
        return ["not built"]
    found = read_head(site / edition.file(page)).alternates
    return [f"hreflang links in <head>: {found}"] if found else []


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML_LINK = "{http://www.w3.org/1999/xhtml}link"


def sitemap_alternates(site: Path, edition: Edition) -> dict[str, list[tuple[str, str]]]:
    """Each address in an edition's sitemap, with its hreflang links as (hreflang, href)."""
    root = ElementTree.parse(site / edition.file("sitemap.xml")).getroot()
    return {
        (url.findtext(f"{SITEMAP}loc") or "").strip(): [
            (link.get("hreflang", ""), link.get("href", "")) for link in url.iter(XHTML_LINK)
        ]
        for url in root.iter(f"{SITEMAP}url")
    }


def test_hreflang_links_name_the_same_page_in_each_language_and_nothing_else(built_guide: Path) -> None:
    """Each sitemap gives every page's address in each language, and x-default (the English)."""
    english, spanish = english_and_spanish()
    pages = sorted(page for page in edition_pages(built_guide, english) if page != NOT_FOUND)
    problems = [
        f"{edition.file(page)}: {problem}"
        for edition in (english, spanish)
        for page in [*pages, NOT_FOUND]
        for problem in head_alternates(built_guide, edition, page)
    ]
    for edition in (english, spanish):
        listed = sitemap_alternates(built_guide, edition)
        assert sorted(listed) == sorted(edition.address(page) for page in pages), edition.file("sitemap.xml")
        for page in pages:
            expected = [
                ("en", english.address(page)),
                ("es", spanish.address(page)),
                ("x-default", english.address(page)),
            ]
            found = listed[edition.address(page)]
            if sorted(found) != sorted(expected):
                problems.append(f"{edition.file('sitemap.xml')}: {edition.address(page)}: {found}, not {expected}")
    assert problems == []


def spanish_page_problems(head: Head, page: str, spanish: Edition) -> list[str]:
    """How a Spanish page fails to say it is Spanish, a draft, and an unreviewed translation."""
    said = spanish.config["extra"]["words"]
    problems = [] if head.lang == "es" else [f"<html lang={head.lang!r}>"]
    announce = words(head.announce)
    for key in ("draft", "advice", "how_reviewed"):
        if words(said[key]) not in announce:
            problems.append(f"the announce bar {announce!r} lacks {said[key]!r}")
    if page == NOT_FOUND:
        return problems  # the 404 page is no chapter: it has no review record
    review = words(head.review)
    record = [said["last_reviewed"], said["next_review"], said["status"], said["translation_label"]]
    record += [said["translation"], TRANSLATION_NOTICE]
    problems += [f"the review record {review!r} lacks {text!r}" for text in record if words(text) not in review]
    if not any(f" de {month} de " in review for month in said["months"]):
        problems.append(f"the review record {review!r} gives no day in Spanish ('22 de noviembre de 2026')")
    return problems


def test_every_spanish_page_is_spanish_a_draft_and_an_unreviewed_translation(built_guide: Path) -> None:
    english, spanish = english_and_spanish()
    problems = []
    for page in sorted(edition_pages(built_guide, spanish)):
        problems += [
            f"es/{page}: {p}" for p in spanish_page_problems(read_head(built_guide / spanish.file(page)), page, spanish)
        ]
    for page in sorted(edition_pages(built_guide, english)):  # the notice is the translation's only
        head = read_head(built_guide / english.file(page))
        if head.lang != "en" or TRANSLATION_NOTICE in head.review:
            problems.append(f"{page}: lang {head.lang!r}, or it calls itself a translation")
    assert problems == []


def test_the_checks_catch_a_page_that_is_not_spanish() -> None:
    """The check above can fail: an English page, or one without the notice, is caught."""
    _, spanish = english_and_spanish()
    english_head = Head(lang="en", announce="Draft, awaiting clinical review.", review="Status: awaiting")
    problems = spanish_page_problems(english_head, "symptoms/index.html", spanish)
    assert "<html lang='en'>" in problems and any("Traducción" in problem for problem in problems)
    assert any(TRANSLATION_NOTICE in problem for problem in problems)


# --- Search, in a browser: the Spanish edition's index holds Spanish pages only. ---


def search_results(page: Any, search: SearchUi, query: str) -> list[tuple[str, str]]:
    """(address, text) of every result the search lists for ``query``, once they have settled."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    page.fill(search.query, "")
    page.locator(search.query).type(query, delay=10)
    try:
        page.wait_for_selector(search.result_link, timeout=5000)
    except PlaywrightTimeoutError:
        return []
    page.wait_for_timeout(300)
    # A locator, not document.querySelectorAll: it reaches into Zensical's shadow root.
    return page.locator(search.result_link).evaluate_all(
        "links => links.map(a => [a.href, a.innerText.replace(/\\s+/g, ' ')])"
    )


def open_search(browser: Any, url: str, search: SearchUi) -> tuple[Any, Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    page.keyboard.press("/")  # the theme's shortcut opens the search
    page.locator(search.query).wait_for(state="visible")
    return context, page


def spanish_glossary_definition(term: str) -> str:
    """The Spanish glossary's definition of ``term``, as its entry on the glossary page begins."""
    entries = yaml.safe_load((REPO / "docs-es" / "data" / "glossary.yml").read_text(encoding="utf-8"))
    (entry,) = [entry for entry in entries if entry["term"] == term]
    return words(entry["definition"])


def page_title(site: Path, address: str) -> str:
    """The <title> of the built page a result's address leads to ("" if there is none)."""
    path = urlsplit(address).path.removeprefix("/guide/")
    file = site / path / "index.html" if path.endswith("/") or not path else site / path
    return read_head(file).title if file.is_file() else ""


# Zensical's search folds accents; Material's does with the guide's lunr.es (overrides/assets/…).
SPANISH_QUERIES = ("metastasis", "metástasis")
ABOUT_METASTASIS = ("metastásico", "metástasis")


@pytest.mark.parametrize("query", SPANISH_QUERIES)
def test_spanish_search_finds_spanish_pages_with_or_without_the_accent(
    browser: Any,
    built_guide: Path,
    site_url: str,
    search_ui: SearchUi,
    query: str,
) -> None:
    context, page = open_search(browser, site_url + "es/", search_ui)
    results = search_results(page, search_ui, query)
    context.close()
    assert results, f"{query!r} found nothing on /es/"
    outside = [address for address, _ in results if not urlsplit(address).path.startswith("/guide/es/")]
    assert outside == [], f"results outside the Spanish edition: {outside}"
    definition = spanish_glossary_definition("Metástasis")[:60]
    glossary_entry = any(
        urlsplit(address).path == "/guide/es/glossary/" and definition in words(text) for address, text in results
    )
    titles = {page_title(built_guide, address) for address, _ in results}
    titled = [title for title in titles if any(word in title.lower() for word in ABOUT_METASTASIS)]
    assert glossary_entry or titled, f"neither the glossary's 'Metástasis' nor a page about it: {sorted(titles)}"


def test_english_search_still_finds_english_pages_only(
    browser: Any, built_guide: Path, site_url: str, search_ui: SearchUi
) -> None:
    context, page = open_search(browser, site_url, search_ui)
    results = search_results(page, search_ui, "metastasis")
    context.close()
    paths = [urlsplit(address).path for address, _ in results]
    assert paths, "the English search found nothing for 'metastasis'"
    assert [path for path in paths if path.startswith("/guide/es/")] == [], paths
    assert all(path.startswith("/guide/") for path in paths), paths
    langs = {
        address: read_head(built_guide / urlsplit(address).path.removeprefix("/guide/") / "index.html").lang
        for address, _ in results
    }
    assert set(langs.values()) == {"en"}, langs
