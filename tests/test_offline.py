"""The offline copies: a zip that works opened from disk with no network, and a printable PDF.

Each test runs over the copies each engine makes (`python -m guidekit offline --engine ...`), the
PDF's too: Zensical's pages print the same book, and the tests hold it to the same standard."""

from __future__ import annotations

import hashlib
import re
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import GUIDE_TODAY, REPO, SearchUi, run
from guidekit.release.site_links import check_site_links

pytestmark = pytest.mark.slow

CHAPTER_TITLES = [
    "When cancer has spread: a guide for you and your family",
    "The basics: what metastatic cancer means",
    "How cancer spreads",
    "Symptoms of cancer that has spread",
    "How doctors find out where cancer has spread",
    "Staging: what stage 4 means",
    "Treatment for cancer that has spread",
    "Palliative care: support from the start",
    "Prognosis: understanding the numbers",
    "Living with cancer that has spread",
    "Near the end of life",
    "Questions to ask your care team",
    "Where to get help",
    "About this guide",
    "Glossary",
]


def make_offline(dist: Path, engine: str) -> list[Path]:
    command = [sys.executable, "-m", "guidekit", "offline", "--engine", engine, "--dist", str(dist)]
    result = run(command, REPO, GUIDE_TODAY)
    assert result.returncode == 0, result.output
    return sorted(dist.iterdir())


@pytest.fixture(scope="module")
def dist(engine: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline zip, PDF and SHA256SUMS, made once per engine."""
    folder = tmp_path_factory.mktemp(f"dist-{engine}")
    make_offline(folder, engine)
    return folder


@pytest.fixture(scope="module")
def unpacked(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    (archive,) = dist.glob("*.zip")
    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(target)
    (folder,) = target.iterdir()
    return folder


def test_files_are_named_checksummed_and_small(dist: Path) -> None:
    names = sorted(path.name for path in dist.iterdir())
    assert len(names) == 3 and "SHA256SUMS" in names
    assert any(re.fullmatch(r"metastatic-cancer-guide-offline-[\w.-]+\.zip", name) for name in names)
    (pdf_name,) = [name for name in names if name.endswith(".pdf")]
    assert re.fullmatch(r"metastatic-cancer-guide-[\w.-]+\.pdf", pdf_name)
    sums = (dist / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    for line in sums:
        digest, name = line.split("  ")
        assert hashlib.sha256((dist / name).read_bytes()).hexdigest() == digest
    assert (dist / pdf_name).stat().st_size < 5 * 1024 * 1024


def test_two_runs_give_byte_identical_zips(dist: Path, engine: str, tmp_path: Path) -> None:
    again = make_offline(tmp_path, engine)
    (first,) = dist.glob("*.zip")
    (second,) = [path for path in again if path.suffix == ".zip"]
    assert first.read_bytes() == second.read_bytes()


def open_from_disk(browser, path: Path, copy: Path):
    """A page opened from file:// with every request outside the copy blocked and recorded."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    problems: list[str] = []

    def guard(route) -> None:
        url = route.request.url
        if url.startswith(copy.as_uri()):
            route.continue_()
        else:
            problems.append(f"request outside the copy: {url}")
            route.abort()

    context.route("**/*", guard)
    page.on("console", lambda message: problems.append(f"console: {message.text}") if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_timeout(300)
    return context, page, problems


def test_every_link_in_the_copy_resolves(unpacked: Path) -> None:
    assert [str(link) for link in check_site_links(unpacked, base_path="/")] == []


def test_every_page_works_from_disk(browser, unpacked: Path) -> None:
    pages = sorted(unpacked.glob("*.html"))
    assert len(pages) >= 15 and (unpacked / "print.html").is_file()
    failures = []
    for path in pages:
        context, page, problems = open_from_disk(browser, path, unpacked)
        links = page.evaluate(
            "Array.from(document.querySelectorAll('.md-nav a[href]')).map(a => a.getAttribute('href'))"
        )
        problems += [f"link not to a file: {link}" for link in links if link.endswith("/")]
        failures += [f"{path.name}: {problem}" for problem in problems]
        context.close()
    assert failures == []


@pytest.mark.parametrize(
    ("query", "expected"), [("hospice", "palliative-care.html"), ("biopsy", "diagnosis.html"), ("M1", "staging.html")]
)
def test_search_works_from_disk(browser, unpacked: Path, search_ui: SearchUi, query: str, expected: str) -> None:
    context, page, problems = open_from_disk(browser, unpacked / "index.html", unpacked)
    page.keyboard.press("/")
    page.locator(search_ui.query).type(query, delay=10)
    page.wait_for_selector(search_ui.result_link, timeout=10000)
    # A locator, not document.querySelectorAll: it reaches into Zensical's shadow root.
    hrefs = page.locator(search_ui.result_link).evaluate_all("links => links.map(a => a.href)")
    assert any(expected in href for href in hrefs[:6]), hrefs
    assert problems == []
    context.close()


def test_glossary_tooltip_and_lightbox_work_from_disk(browser, unpacked: Path) -> None:
    context, page, problems = open_from_disk(browser, unpacked / "spread.html", unpacked)
    term = page.locator("article a.guide-term").first
    term.focus()
    page.locator(".md-tooltip2--active").wait_for(state="visible", timeout=3000)
    figure = page.locator("figure a.glightbox").first
    figure.scroll_into_view_if_needed()
    figure.focus()
    page.keyboard.press("Enter")
    page.locator(".glightbox-container .gslide.current img").wait_for(state="visible", timeout=5000)
    page.keyboard.press("Escape")
    page.locator(".glightbox-container").wait_for(state="detached", timeout=5000)
    assert problems == []
    context.close()


@pytest.fixture(scope="module")
def pdf(dist: Path):
    from pypdf import PdfReader

    (path,) = dist.glob("*.pdf")
    return PdfReader(path)


def test_pdf_has_every_chapter_in_order(pdf) -> None:
    assert 30 <= len(pdf.pages) <= 300
    chapters = [" ".join(item.title.split()) for item in pdf.outline if not isinstance(item, list)]
    expected = ["Metastatic Cancer Guide", *CHAPTER_TITLES]
    # Each chapter's heading is a top-level bookmark, in nav order (Chromium may drop a space at a line break).
    assert [title.replace(" ", "") for title in chapters] == [
        title.replace(" ", "")
        for title in [expected[0], "When cancer has spread: a guide for you and your family", *expected[2:]]
    ]
    text = " ".join("\n".join(page.extract_text() for page in pdf.pages).split())
    assert "awaiting clinical review" in text[:1000]
    assert "https://www.cancer.gov/types/metastatic-cancer" in text, "outside links print their address"
    assert "Words marked with †" in text and text.count("†") > 50, "glossary words are marked on paper"


def test_pdf_internal_links_resolve(pdf) -> None:
    named = pdf.named_destinations
    internal = 0
    for page in pdf.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            destination = annotation.get("/Dest")
            action = annotation.get("/A")
            if destination is None and action is not None and action.get("/S") == "/GoTo":
                destination = action.get("/D")
            if destination is None:
                continue
            internal += 1
            if isinstance(destination, (str, bytes)) or hasattr(destination, "original_bytes"):
                assert str(destination) in named, f"dangling link to {destination}"
    assert internal > 100, "citations, glossary marks and the contents are links"


def test_pdf_text_stays_inside_the_page(pdf) -> None:
    outside: list[str] = []
    for number, page in enumerate(pdf.pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)

        def visit(text, cm, tm, font, size, number=number, width=width, height=height) -> None:
            x, y = tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]
            if text.strip() and not (0 <= x <= width and 0 <= y <= height):
                outside.append(f"page {number}: {text.strip()[:30]!r} at ({x:.0f}, {y:.0f})")

        page.extract_text(visitor_text=visit)
    assert outside == []
