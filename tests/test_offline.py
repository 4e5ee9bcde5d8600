"""The offline copies: a zip that works opened from disk with no network, and a printable PDF.

Each test runs over the copies each engine makes (`python -m guidekit offline --engine ...`), the
PDF's too: Zensical's pages print the same book, and the tests hold it to the same standard."""

from __future__ import annotations

import hashlib
import math
import re
import sys
import unicodedata
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from conftest import GUIDE_TODAY, REPO, SearchUi, run
from guidekit.release.pdf_layout import headings_at_page_foot, read_leaves, split_figures
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


def make_offline(dist: Path, engine: str, paper: str = "A4") -> list[Path]:
    command = [sys.executable, "-m", "guidekit", "offline", "--engine", engine, "--dist", str(dist), "--paper", paper]
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


# The booklet a clinic prints: each test runs on A4 (the `dist` PDF) and on US Letter.
MM = 72 / 25.4  # PDF points in a millimetre
MARGIN_BAND = 20 * MM  # the page's top and bottom margins, where the running head and foot go
REPORT_ADDRESS = "github.com/metastatic-cancer-guide/guide/issues"


@pytest.fixture(scope="module", params=["A4", "Letter"])
def booklet(request: pytest.FixtureRequest, engine: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The printed guide's PDF on each paper (A4 is the one in `dist`, made once)."""
    if request.param == "A4":
        folder = request.getfixturevalue("dist")
    else:
        folder = tmp_path_factory.mktemp(f"dist-{engine}-letter")
        make_offline(folder, engine, "Letter")
    (path,) = folder.glob("*.pdf")
    return path


@pytest.fixture(scope="module")
def booklet_pdf(booklet: Path):
    from pypdf import PdfReader

    return PdfReader(booklet)


def squeeze(text: str) -> str:
    """Text to compare across PDF extraction: ligatures undone (ﬁ -> fi), no spaces (Chromium may
    drop one at a line break)."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def chapter_starts(reader) -> list[tuple[str, int]]:
    """Each chapter's title and first page, from the PDF's outline (the cover's title left out)."""
    items = [item for item in reader.outline if not isinstance(item, list)]
    return [(item.title, reader.get_destination_page_number(item) + 1) for item in items[1:]]


def text_pieces(page) -> list[tuple[str, float, float]]:
    """The page's pieces of text with their height from the page's foot and their size in points."""
    pieces: list[tuple[str, float, float]] = []

    def visit(text, cm, tm, font, size) -> None:
        if text.strip():
            scale = math.hypot(tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3])
            pieces.append((text, tm[5] * cm[3] + cm[5], size * scale))

    page.extract_text(visitor_text=visit)
    return pieces


def test_contents_give_the_page_each_chapter_starts_on(booklet_pdf) -> None:
    starts = chapter_starts(booklet_pdf)
    assert [squeeze(title) for title, _ in starts] == [squeeze(title) for title in CHAPTER_TITLES]
    contents = booklet_pdf.pages[1].extract_text()
    listed = [
        (squeeze(match[1]), int(match[2]))
        for match in re.finditer(r"^\d+\. (.+?) (\d+)$", contents, flags=re.MULTILINE)
    ]
    # The contents' numbers are the pages the outline (and the contents' own links) lead to.
    assert listed == [(squeeze(title), page) for title, page in starts]
    destinations = {str(name).lstrip("/"): dest for name, dest in booklet_pdf.named_destinations.items()}
    linked = [
        booklet_pdf.get_destination_page_number(destinations[str(link.get_object()["/Dest"]).lstrip("/")]) + 1
        for link in booklet_pdf.pages[1].get("/Annots") or []
        if "/Dest" in link.get_object()
    ]
    assert linked == [page for _, page in starts]


def test_every_page_after_the_cover_shows_chapter_page_edition_and_review_status(booklet_pdf) -> None:
    edition = re.search(r"Edition of: (\d{1,2} \w+ \d{4})", booklet_pdf.pages[0].extract_text())
    assert edition, "the cover gives the edition date, written out"
    starts = chapter_starts(booklet_pdf)
    assert text_pieces(booklet_pdf.pages[0]) and all(
        MARGIN_BAND < y < float(booklet_pdf.pages[0].mediabox.height) - MARGIN_BAND
        for _, y, _ in text_pieces(booklet_pdf.pages[0])
    ), "the cover has no running head or foot"
    problems = []
    for number, page in enumerate(booklet_pdf.pages[1:], start=2):
        height = float(page.mediabox.height)
        pieces = text_pieces(page)
        head = squeeze("".join(text for text, y, _ in pieces if y > height - MARGIN_BAND))
        foot = squeeze("".join(text for text, y, _ in pieces if y < MARGIN_BAND))
        chapter = next((title for title, start in reversed(starts) if start <= number), "Contents")
        expected_head = [squeeze(chapter), f"Page{number}"]
        expected_foot = [squeeze(f"Edition of {edition[1]}"), "awaitingclinicalreview"]
        problems += [f"page {number}: no {word!r} at the top" for word in expected_head if word not in head]
        problems += [f"page {number}: no {word!r} at the foot" for word in expected_foot if word not in foot]
        small = [text for text, y, size in pieces if (y > height - MARGIN_BAND or y < MARGIN_BAND) and size < 8]
        problems += [f"page {number}: running text under 8 pt: {small}"] if small else []
    assert problems == []


def test_body_text_is_at_least_12_point(booklet_pdf) -> None:
    sizes: Counter[float] = Counter()
    for page in booklet_pdf.pages[2:]:
        height = float(page.mediabox.height)
        for text, y, size in text_pieces(page):
            if MARGIN_BAND < y < height - MARGIN_BAND:
                sizes[round(size, 1)] += len(text.strip())
    body, _ = sizes.most_common(1)[0]
    assert body >= 12, sizes
    # Most of the text is body text. Captions and sources print at 10 pt; citation marks and the
    # labels inside the tallest figure (drawn to fit the page) are smaller.
    assert sum(count for size, count in sizes.items() if size >= 12) / sum(sizes.values()) > 0.6, sizes


def test_body_text_elements_print_at_12_point(browser, unpacked: Path) -> None:
    page = browser.new_page()
    page.goto((unpacked / "print.html").as_uri(), wait_until="load")
    page.emulate_media(media="print")
    sizes = page.evaluate(
        """() => Array.from(document.querySelectorAll(
            '.guide-chapter :is(p, li, td, th, dt, dd, blockquote, .admonition-title, figcaption)'))
          .filter(node => node.textContent.trim())
          .map(node => [
            node.closest('figcaption, .guide-sources, .footnote') ? 'small print' : 'body',
            node.textContent.trim().slice(0, 40),
            Math.round(parseFloat(getComputedStyle(node).fontSize) * 7.5) / 10])"""  # px to pt, one decimal
    )
    page.close()
    assert len([kind for kind, _, _ in sizes if kind == "body"]) > 500
    # Body text, lists, tables and boxes at 12 pt or more; captions, sources and footnotes at 10 pt.
    assert [(text, size) for kind, text, size in sizes if kind == "body" and size < 12] == []
    assert [(text, size) for kind, text, size in sizes if kind == "small print" and size < 10] == []


def test_no_page_ends_with_a_heading(booklet: Path) -> None:
    assert headings_at_page_foot(read_leaves(booklet)) == []


def test_figures_are_never_split(booklet: Path) -> None:
    leaves = read_leaves(booklet)
    assert len({leaf.figure for leaf in leaves if leaf.figure}) >= 7, "every figure of the guide is in the book"
    assert split_figures(leaves) == []


def test_the_booklet_prints_where_to_report_a_mistake(booklet_pdf) -> None:
    cover = " ".join(booklet_pdf.pages[0].extract_text().split())
    assert f"Found a mistake? Tell us at {REPORT_ADDRESS}." in cover
    assert "name the chapter and the page number" in cover
    links = [
        annotation.get_object()["/A"].get("/URI")
        for annotation in booklet_pdf.pages[0].get("/Annots") or []
        if "/A" in annotation.get_object()
    ]
    assert f"https://{REPORT_ADDRESS}" in links
    text = " ".join(page.extract_text() for page in booklet_pdf.pages)
    assert "Report a problem with this page" not in text, "the web pages' own links stay on the web"
