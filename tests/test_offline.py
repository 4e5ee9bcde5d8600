"""The offline copies: for each edition (the English guide and its Spanish translation), a zip that
works opened from disk with no network, and a printable PDF in the edition's language.

Each test runs over the copies each engine makes (`python -m guidekit offline --engine ...`), the
PDF's too: Zensical's pages print the same book, and the tests hold it to the same standard. The
checks of the copies and the books run over both editions (the `edition` fixture); one run of the
command makes both, so each paper's PDFs are printed once per engine."""

from __future__ import annotations

import hashlib
import math
import re
import sys
import unicodedata
import zipfile
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import GUIDE_TODAY, REPO, SearchUi, run
from guidekit.data.project import read_config
from guidekit.release.offline import guide_version
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
SPANISH_CHAPTER_TITLES = [
    "Cuando el cáncer se ha diseminado: una guía para usted y su familia",
    "Lo básico: qué quiere decir cáncer metastásico",
    "Cómo se disemina el cáncer",
    "Síntomas del cáncer que se ha diseminado",
    "Cómo saben los médicos adónde se ha diseminado el cáncer",
    "Estadificación: qué significa el estadio 4",
    "Tratamiento del cáncer que se ha diseminado",
    "Cuidados paliativos: apoyo desde el principio",
    "Pronóstico: entender las cifras",
    "Vivir con un cáncer que se ha diseminado",
    "Cerca del final de la vida",
    "Preguntas para su equipo de atención médica",
    "Dónde encontrar ayuda",
    "Sobre esta guía",
    "Glosario",
]
VERSION = guide_version(REPO)


@dataclass(frozen=True)
class Edition:
    """One edition's offline files and the words its printed book must show."""

    language: str
    name: str  # the files' name before the version
    site_name: str
    chapters: list[str]
    cover_edition: str  # the cover's edition date, as a pattern with the date as its group
    foot_edition: str  # the running foot's edition, "{date}" the cover's
    page: str  # the running head's page number, "{number}"
    contents: str
    draft: str  # the running foot's review status
    status: str  # the cover's
    marks: str  # the cover's note on the glossary marks
    report: str  # the cover's "found a mistake", "{address}" where to
    name_the_page: str

    def zip(self) -> str:
        return f"{self.name}-offline-{VERSION}.zip"

    def pdf(self, paper: str = "A4") -> str:
        return f"{self.name}-{VERSION}.pdf" if paper == "A4" else f"{self.name}-{VERSION}-{paper.lower()}.pdf"


EDITIONS = {
    "en": Edition(
        language="en",
        name="metastatic-cancer-guide",
        site_name="Metastatic Cancer Guide",
        chapters=CHAPTER_TITLES,
        cover_edition=r"Edition of: (\d{1,2} \w+ \d{4})",
        foot_edition="Edition of {date}",
        page="Page {number}",
        contents="Contents",
        draft="awaiting clinical review",
        status="Status: awaiting clinical review.",
        marks="Words marked with †",
        report="Found a mistake? Tell us at {address}.",
        name_the_page="name the chapter and the page number",
    ),
    "es": Edition(
        language="es",
        name="metastatic-cancer-guide-es",
        site_name="Guía sobre el cáncer metastásico",
        chapters=SPANISH_CHAPTER_TITLES,
        cover_edition=r"Edición: (\d{1,2} de \w+ de \d{4})",
        foot_edition="Edición del {date}",
        page="Página {number}",
        contents="Contenido",
        draft="pendiente de revisión clínica y de la traducción",  # the translation awaits review too
        status="Estado: pendiente de revisión clínica y de revisión de la traducción.",
        marks="Las palabras marcadas con †",
        report="¿Encontró un error? Díganoslo en {address}.",
        name_the_page="Indique el capítulo y el número de página",
    ),
}


@pytest.fixture(scope="module", params=sorted(EDITIONS))
def edition(request: pytest.FixtureRequest) -> Edition:
    """The edition a test runs over: the English guide, then its Spanish translation."""
    return EDITIONS[request.param]


def make_offline(dist: Path, engine: str, paper: str = "A4") -> list[Path]:
    command = [sys.executable, "-m", "guidekit", "offline", "--engine", engine, "--dist", str(dist), "--paper", paper]
    result = run(command, REPO, GUIDE_TODAY)
    assert result.returncode == 0, result.output
    return sorted(dist.iterdir())


@pytest.fixture(scope="module")
def dist(engine: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Each edition's offline zip and PDF, and SHA256SUMS, made once per engine."""
    folder = tmp_path_factory.mktemp(f"dist-{engine}")
    make_offline(folder, engine)
    return folder


@pytest.fixture(scope="module")
def copies(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each edition's zip, unpacked: its language -> the copy's folder."""
    unpacked: dict[str, Path] = {}
    for language, edition in EDITIONS.items():
        target = tmp_path_factory.mktemp(f"unzipped-{language}")
        with zipfile.ZipFile(dist / edition.zip()) as opened:
            opened.extractall(target)
        (unpacked[language],) = target.iterdir()
    return unpacked


@pytest.fixture(scope="module")
def unpacked(copies: dict[str, Path]) -> Path:
    """The English copy."""
    return copies["en"]


@pytest.fixture(scope="module")
def unpacked_es(copies: dict[str, Path]) -> Path:
    """The Spanish copy."""
    return copies["es"]


@pytest.fixture(scope="module")
def copy(copies: dict[str, Path], edition: Edition) -> Path:
    """The copy of each edition in turn."""
    return copies[edition.language]


def test_files_are_named_checksummed_and_small(dist: Path) -> None:
    names = sorted(path.name for path in dist.iterdir())
    files = sorted(name for edition in EDITIONS.values() for name in (edition.zip(), edition.pdf()))
    assert names == sorted([*files, "SHA256SUMS"])
    sums = (dist / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    listed = []
    for line in sums:
        digest, name = line.split("  ")
        assert hashlib.sha256((dist / name).read_bytes()).hexdigest() == digest
        listed.append(name)
    assert sorted(listed) == files
    assert all((dist / name).stat().st_size < 5 * 1024 * 1024 for name in files if name.endswith(".pdf"))


def test_two_runs_give_byte_identical_zips(dist: Path, engine: str, tmp_path: Path) -> None:
    again = make_offline(tmp_path, engine)
    zips = sorted(path.name for path in again if path.suffix == ".zip")
    assert zips == sorted(edition.zip() for edition in EDITIONS.values())
    assert [(dist / name).read_bytes() == (tmp_path / name).read_bytes() for name in zips] == [True] * len(zips)


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


def test_every_link_in_the_copy_resolves(copy: Path) -> None:
    assert [str(link) for link in check_site_links(copy, base_path="/")] == []


class _Language(HTMLParser):
    """The lang attribute of a page's <html> element."""

    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html" and self.lang is None:
            self.lang = dict(attrs).get("lang") or ""


def page_language(path: Path) -> str | None:
    parser = _Language()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.lang


def test_each_copy_holds_its_own_editions_pages(copy: Path, edition: Edition, unpacked: Path) -> None:
    pages = sorted(path.name for path in copy.glob("*.html"))
    # The same pages under the same names as the English copy, each (and the printable book) in its language.
    assert pages == sorted(path.name for path in unpacked.glob("*.html"))
    assert {name: page_language(copy / name) for name in pages} == dict.fromkeys(pages, edition.language)
    assert edition.site_name in (copy / "index.html").read_text(encoding="utf-8")
    assert not (copy / "es").exists(), "a copy holds one edition"


def test_every_page_works_from_disk(browser, copy: Path) -> None:
    pages = sorted(copy.glob("*.html"))
    assert len(pages) >= 15 and (copy / "print.html").is_file()
    failures = []
    for path in pages:
        context, page, problems = open_from_disk(browser, path, copy)
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


def search_from_disk(browser, copy: Path, search_ui: SearchUi, query: str) -> tuple[list[str], list[str]]:
    """The addresses the copy's search lists for ``query``, typed into its home page opened from disk,
    and the problems seen (requests outside the copy, errors)."""
    context, page, problems = open_from_disk(browser, copy / "index.html", copy)
    page.keyboard.press("/")
    page.locator(search_ui.query).type(query, delay=10)
    try:
        page.wait_for_selector(search_ui.result_link, timeout=10000)
        hrefs = page.locator(search_ui.result_link).evaluate_all("links => links.map(a => a.href)")
    except Exception:  # Playwright's timeout: nothing listed
        hrefs = []
    context.close()
    return hrefs, problems


def pages_with(copy: Path, word: str) -> set[str]:
    """The chapters of the copy whose article holds ``word`` (any case)."""
    from selectolax.lexbor import LexborHTMLParser

    found = set()
    for path in copy.glob("*.html"):
        article = LexborHTMLParser(path.read_text(encoding="utf-8")).css_first("article")
        if path.name != "print.html" and article is not None and word in article.text().lower():
            found.add(path.name)
    return found


@pytest.mark.parametrize("query", ["metástasis", "metastasis"])
def test_spanish_search_works_from_disk_with_and_without_the_accent(
    browser, unpacked_es: Path, search_ui: SearchUi, query: str
) -> None:
    """Zensical's search folds accents; Material's does with the guide's copy of its lunr.es
    (overrides/assets/javascripts/lunr/min/lunr.es.min.js)."""
    hrefs, problems = search_from_disk(browser, unpacked_es, search_ui, query)
    assert problems == []
    listed = {href.split("?")[0].split("#")[0] for href in hrefs}
    assert listed and all(href.startswith(unpacked_es.as_uri() + "/") for href in listed), hrefs
    # Every page found says "metástasis" or "metastásico" (the search ranks them its own way: Zensical's
    # puts pages that say "cáncer metastásico" first for the word typed without its accent).
    expected = pages_with(unpacked_es, "metástasis") | pages_with(unpacked_es, "metastásic")
    assert len(expected) >= 5
    found = {href.rsplit("/", 1)[-1] for href in listed}
    assert len(found) >= 3 and found <= expected, (found, expected)


def test_the_spanish_language_switcher_leads_to_the_published_english_page(browser, unpacked_es: Path) -> None:
    published = read_config(REPO / "mkdocs.yml")["site_url"]
    context, page, problems = open_from_disk(browser, unpacked_es / "symptoms.html", unpacked_es)
    english = page.locator('.md-select__link[hreflang="en"]').get_attribute("href")
    spanish = page.locator('.md-select__link[hreflang="es"]').get_attribute("href")
    context.close()
    assert english == f"{published}symptoms/"
    assert spanish == f"{read_config(REPO / 'mkdocs.es.yml')['site_url']}symptoms/"
    assert problems == []


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
def pdf(dist: Path, edition: Edition):
    from pypdf import PdfReader

    return PdfReader(dist / edition.pdf())


def test_pdf_has_every_chapter_in_order(pdf, edition: Edition) -> None:
    assert 30 <= len(pdf.pages) <= 300
    chapters = [" ".join(item.title.split()) for item in pdf.outline if not isinstance(item, list)]
    # Each chapter's heading is a top-level bookmark, in nav order (Chromium may drop a space at a line break).
    assert [title.replace(" ", "") for title in chapters] == [
        title.replace(" ", "") for title in [edition.site_name, *edition.chapters]
    ]
    text = " ".join("\n".join(page.extract_text() for page in pdf.pages).split())
    assert edition.status in text[:1000]
    assert "https://www.cancer.gov/types/metastatic-cancer" in text, "outside links print their address"
    assert edition.marks in text and text.count("†") > 50, "glossary words are marked on paper"


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


@pytest.fixture(scope="module")
def letter_dist(engine: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Each edition's files with the PDFs on US Letter, made once per engine."""
    folder = tmp_path_factory.mktemp(f"dist-{engine}-letter")
    make_offline(folder, engine, "Letter")
    return folder


@pytest.fixture(scope="module", params=["A4", "Letter"])
def booklet(request: pytest.FixtureRequest, engine: str, edition: Edition) -> Path:
    """Each edition's printed guide on each paper and engine (A4's are in `dist`; each paper's made once for
    both editions). ``engine`` is asked for so the tests run once per engine."""
    folder = request.getfixturevalue("dist" if request.param == "A4" else "letter_dist")
    return folder / edition.pdf(request.param)


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


def listed_pages(contents: str, titles: list[str]) -> list[int | None]:
    """The page number the printed contents give after each of ``titles`` (numbered 1, 2, ... in order);
    None where a title is not listed. Read from the squeezed text, as a long title wraps."""
    text = squeeze(contents)
    numbers: list[int | None] = []
    for number, title in enumerate(titles, start=1):
        after = f"{number + 1}." if number < len(titles) else ""
        found = re.search(
            re.escape(f"{number}.{squeeze(title)}") + r"(\d+)" + (re.escape(after) if after else "$"), text
        )
        numbers.append(int(found[1]) if found else None)
    return numbers


def test_contents_give_the_page_each_chapter_starts_on(booklet_pdf, edition: Edition) -> None:
    starts = chapter_starts(booklet_pdf)
    assert [squeeze(title) for title, _ in starts] == [squeeze(title) for title in edition.chapters]
    contents = booklet_pdf.pages[1].extract_text()
    assert squeeze(edition.contents) in squeeze(contents)
    # The contents' numbers are the pages the outline (and the contents' own links) lead to.
    assert listed_pages(contents, edition.chapters) == [page for _, page in starts]
    destinations = {str(name).lstrip("/"): dest for name, dest in booklet_pdf.named_destinations.items()}
    linked = [
        booklet_pdf.get_destination_page_number(destinations[str(link.get_object()["/Dest"]).lstrip("/")]) + 1
        for link in booklet_pdf.pages[1].get("/Annots") or []
        if "/Dest" in link.get_object()
    ]
    assert linked == [page for _, page in starts]


def test_every_page_after_the_cover_shows_chapter_page_edition_and_review_status(booklet_pdf, edition: Edition) -> None:
    cover = " ".join(booklet_pdf.pages[0].extract_text().split())
    date = re.search(edition.cover_edition, cover)
    assert date, "the cover gives the edition date, written out"
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
        chapter = next((title for title, start in reversed(starts) if start <= number), edition.contents)
        expected_head = [squeeze(chapter), squeeze(edition.page.format(number=number))]
        expected_foot = [squeeze(edition.foot_edition.format(date=date[1])), squeeze(edition.draft)]
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


def test_body_text_elements_print_at_12_point(browser, copy: Path) -> None:
    page = browser.new_page()
    page.goto((copy / "print.html").as_uri(), wait_until="load")
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


def test_the_booklet_prints_where_to_report_a_mistake(booklet_pdf, edition: Edition) -> None:
    cover = squeeze(booklet_pdf.pages[0].extract_text())
    assert squeeze(edition.report.format(address=REPORT_ADDRESS)) in cover
    assert squeeze(edition.name_the_page) in cover
    links = [
        annotation.get_object()["/A"].get("/URI")
        for annotation in booklet_pdf.pages[0].get("/Annots") or []
        if "/A" in annotation.get_object()
    ]
    assert f"https://{REPORT_ADDRESS}" in links
    # The web pages' "Report a problem" links (to a prefilled issue form) stay on the web. Their words
    # may still be printed: the About page quotes them.
    every_link = [
        str(annotation.get_object()["/A"].get("/URI"))
        for page in booklet_pdf.pages
        for annotation in page.get("/Annots") or []
        if "/A" in annotation.get_object()
    ]
    assert not [link for link in every_link if "/issues/new" in link], "the web pages' own links stay on the web"
