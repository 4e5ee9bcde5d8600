"""Every page works for every reader, proved in headless Chromium over the built guide.

Each page is checked at a phone's width in the light and the dark scheme: axe-core finds no
WCAG 2.0/2.1/2.2 A or AA violation, the console shows no error, no request fails, no request
goes to any host but the local one, and nothing scrolls sideways. Keyboard users reach the
glossary's definitions; the search finds the chapter for the words patients type.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import REPO, SearchUi

pytestmark = pytest.mark.slow

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0/2.1/2.2 A and AA, and axe's best practices: the rules beyond WCAG's letter that Lighthouse's
# accessibility score also counts (an unnamed dialog, landmarks, heading order), so it stays at 100.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
PHONE = {"width": 360, "height": 740}


def site_pages(site: Path) -> list[str]:
    """Every page of the built site, every edition's, as paths under the site root ('' is the home
    page, 'es/' the Spanish edition's): the English first, in the order they always had, then each
    translation's, its 404 page last."""
    pages = sorted(path.parent.relative_to(site).as_posix() for path in site.rglob("index.html"))
    folders = [path.parent.relative_to(site).as_posix() for path in sorted(site.glob("*/404.html"))]
    english = [page for page in pages if page.split("/", 1)[0] not in folders]
    listed = [("" if page == "." else page + "/") for page in english] + ["404.html"]
    for folder in folders:
        listed += [page + "/" for page in pages if page.split("/", 1)[0] == folder] + [f"{folder}/404.html"]
    return listed


def visit(browser, url: str, scheme: str) -> tuple[object, object, list[str]]:
    """Open a page in a fresh context, recording console errors and bad or foreign requests."""
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    page = context.new_page()
    problems: list[str] = []
    local = urlsplit(url).netloc
    page.on("console", lambda message: problems.append(f"console: {message.text}") if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on("requestfailed", lambda request: problems.append(f"failed request: {request.url}"))
    page.on(
        "response",
        lambda response: problems.append(f"HTTP {response.status}: {response.url}") if response.status >= 400 else None,
    )
    page.on(
        "request",
        lambda request: (
            problems.append(f"request to another host: {request.url}")
            if urlsplit(request.url).scheme in ("http", "https") and urlsplit(request.url).netloc != local
            else None
        ),
    )
    page.goto(url, wait_until="networkidle")
    return context, page, problems


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    return [f"{v['id']}: {v['nodes'][0]['target']} {v['help']}" for v in result["violations"]]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_is_accessible_private_and_fits_a_phone(
    browser, built_guide: Path, site_url: str, scheme: str
) -> None:
    assert AXE.is_file(), "axe-core is missing: run `make test` (npm ci installs it)"
    failures: list[str] = []
    pages = site_pages(built_guide)
    assert len(pages) >= 15
    assert {"es/", "es/symptoms/", "es/404.html"} <= set(pages), "the Spanish edition is part of the site"
    for path in pages:
        context, page, problems = visit(browser, site_url + path, scheme)
        problems += axe_violations(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            problems.append(f"scrolls sideways: {width}px wide at {PHONE['width']}px")
        if page.locator("h1").count() != 1:
            problems.append(f"{page.locator('h1').count()} h1 headings")
        if not page.evaluate("document.documentElement.lang"):
            problems.append("no lang")
        if page.context.cookies():
            problems.append("sets cookies")
        failures += [f"{path or 'home'} ({scheme}): {problem}" for problem in problems]
        context.close()
    assert failures == [], "\n".join(failures)


def test_keyboard_reaches_a_glossary_definition(browser, site_url: str) -> None:
    context, page, _ = visit(browser, site_url + "basics/", "light")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('guide-term')"):
            break
    else:
        pytest.fail("Tab never reached a glossary link")
    definition = page.evaluate(
        "document.activeElement.getAttribute('title') || document.activeElement.dataset.mdTooltip || ''"
    )
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for(state="visible", timeout=3000)
    assert tooltip.inner_text().strip()[:30] in (definition or tooltip.inner_text())
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none", "focus must be visible"
    context.close()


BANNER = (
    "Draft, awaiting clinical review. Not medical advice. In an emergency, call your local emergency number. "
    "How this guide is reviewed"
)


def test_the_banner_reads_as_sentences_with_a_space_before_its_link(page, site_url: str) -> None:
    """The minified HTML keeps one space wherever the template has any, and the template must have
    one between the last sentence and the link, or the page reads 'number.How this guide'."""
    for path in ("", "prognosis/"):
        page.goto(site_url + path)
        banner = page.locator(".guide-announce")
        assert " ".join(banner.inner_text().split()) == BANNER, path or "home"
        assert banner.locator("a").inner_text() == "How this guide is reviewed"


# What patients type, and the chapter that must be among the first three pages found.
SEARCHES = [
    ("bone pain", "symptoms/"),
    ("hospice", "palliative-care/"),
    ("how long", "prognosis/"),
    ("life expectancy", "prognosis/"),
    ("M1", "staging/"),
    ("biopsy", "diagnosis/"),
    ("chemo", "treatment/"),
    ("immunotherapy", "treatment/"),
    ("spread to liver", "spread/"),
    ("PET scan", "diagnosis/"),
    ("survival rate", "prognosis/"),
    ("clinical trial", "treatment/"),
    ("helpline", "help/"),
    ("seizure", "symptoms/"),
    ("TNM", "staging/"),
    ("pain relief", "palliative-care/"),
    ("questions for my doctor", "questions/"),
    ("what is metastatic", "basics/"),
    ("can it be cured", "prognosis/"),
    ("insurance", "living-with/"),
    ("talking to family", "living-with/"),
    ("benefits", "living-with/"),
    ("depression", "living-with/"),
    ("advance directive", "end-of-life/"),
    ("power of attorney", "end-of-life/"),
    ("last days", "end-of-life/"),
    ("grief", "end-of-life/"),
]


def search_hits(page, search: SearchUi, query: str) -> list[str]:
    """The first three pages the search lists for ``query`` (none when it finds nothing)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    page.fill(search.query, "")
    page.locator(search.query).type(query, delay=10)
    try:
        page.wait_for_selector(search.result_link, timeout=5000)
    except PlaywrightTimeoutError:
        return []
    page.wait_for_timeout(200)
    # A locator, not document.querySelectorAll: it reaches into Zensical's shadow root.
    links = page.locator(search.result_link).evaluate_all("links => links.map(a => a.getAttribute('href'))")
    pages: list[str] = []
    for link in links:
        path = urlsplit(link).path.split("/guide/", 1)[-1]
        if path not in pages:
            pages.append(path)
    return pages[:3]


# Queries Zensical's search misses, with why. It is not lunr: it lists only the sections (a heading
# and its text) that hold every word typed, where Material's lunr ranks pages that hold any of them.
# Only the pages' words could change that; the test fails when one is found again, or another missed.
KNOWN_MISSES = {
    "zensical": {
        "questions for my doctor": "no section holds all four words: those of questions.md that say 'doctor' lack 'my'",
        "can it be cured": "sections of treatment.md, index.md and basics.md that hold all four words rank above prognosis.md",
    },
}


def test_search_finds_the_right_chapter(browser, engine: str, site_url: str, search_ui: SearchUi) -> None:
    context, page, _ = visit(browser, site_url, "light")
    page.keyboard.press("/")  # the theme's shortcut opens the search, as the search icon does on a phone
    page.locator(search_ui.query).wait_for(state="visible")
    misses: dict[str, str] = {}
    for query, expected in SEARCHES:
        hits = search_hits(page, search_ui, query)
        if expected not in hits:
            misses[query] = f"{query!r}: expected {expected}, found {hits}"
    context.close()
    hit_rate = 1 - len(misses) / len(SEARCHES)
    print(f"search hit rate ({engine}): {hit_rate:.0%} of {len(SEARCHES)} queries")
    known = KNOWN_MISSES.get(engine, {})
    unexpected = [message for query, message in misses.items() if query not in known]
    found_again = [f"{query!r} is found now: remove it from KNOWN_MISSES" for query in known if query not in misses]
    assert not unexpected + found_again, "\n".join(unexpected + found_again)
