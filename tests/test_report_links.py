"""Every page's "Report a problem with this page" link opens the right form, for the right page.

GitHub fills an issue form from the link's query string: `template` picks the form, `title` the
issue's title, and every other parameter is named after a field's `id` in that form. A parameter
that names no field is silently ignored, so a renamed field would break nothing loudly: the form
would just open empty. Each link is therefore read the way GitHub reads it, with urllib.parse,
and held against the form's YAML, the page's own title and its published address, under both
engines and in the offline copy (whose pages must name their online address, not a file).
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest
import yaml
from selectolax.lexbor import LexborHTMLParser

from conftest import GUIDE_TODAY, REPO
from guidekit.data.project import read_config
from guidekit.release.parity import site_pages
from guidekit.release.publish import build_environment, editions, run_engine

FORMS = REPO / ".github" / "ISSUE_TEMPLATE"
NOT_FOUND_TITLE = "Page not found"  # the 404 page's name in the form: it has no title or address of its own
# The 404 page's name in each edition's language (overrides/404.html): the title and field say it.
NOT_FOUND_TITLES = {"en": NOT_FOUND_TITLE, "es": "Página no encontrada"}
LINK_TEXT = "Report a problem with this page"
DASH = " – "  # between the page's title and its address in the `page` field
# What may stand unencoded in a query value as the guide writes it: unreserved characters and `/`.
# Anything else (a space, `+`, `&`, `#`, `=`, a non-ASCII letter) must arrive percent-encoded.
PLAIN = frozenset(string.ascii_letters + string.digits + "-._~/")
HEX = frozenset(string.hexdigits)


@dataclass(frozen=True)
class Repository:
    """Where reports go, from mkdocs.yml, and the forms they can use."""

    host: str  # "github.com"
    path: str  # "/metastatic-cancer-guide/guide"
    forms: Path


@dataclass(frozen=True)
class Expected:
    """What a page's link must fill in: its name and its published address (None for the 404 page)."""

    name: str
    address: str | None


def repository(config_file: Path = REPO / "mkdocs.yml", forms: Path = FORMS) -> Repository:
    parts = urlsplit(read_config(config_file)["repo_url"])
    return Repository(parts.netloc, parts.path.rstrip("/"), forms)


def form_fields(form: Path) -> set[str]:
    """The ids of a form's fields: what GitHub accepts as query parameters besides `title`."""
    body = yaml.safe_load(form.read_text(encoding="utf-8"))["body"]
    return {element["id"] for element in body if element.get("type") != "markdown" and "id" in element}


def online_address(page: str, site_url: str) -> str:
    """A page's published address from its built file: "symptoms/index.html" (online) and
    "symptoms.html" (offline copy) are both ".../symptoms/"; "index.html" is the site itself."""
    if page == "index.html" or page.endswith("/index.html"):
        return site_url + page.removesuffix("index.html")
    return site_url + page.removesuffix(".html") + "/"


def encoding_problems(raw: str) -> list[str]:
    """How a raw query value is not percent-encoded as a query needs (empty if it is)."""
    problems = []
    index = 0
    while index < len(raw):
        if raw[index] == "%":
            if not set(raw[index + 1 : index + 3]) <= HEX or len(raw[index + 1 : index + 3]) != 2:
                problems.append(f"a '%' not followed by two hex digits at {index}")
            index += 3
            continue
        if raw[index] not in PLAIN:
            problems.append(f"{raw[index]!r} is not percent-encoded")
        index += 1
    try:
        unquote(raw, errors="strict")
    except UnicodeDecodeError:
        problems.append("its percent-escapes are not UTF-8")
    return problems


def query_problems(query: str, repo: Repository, expected: Expected) -> list[str]:
    """The link's query against the form's fields and the page it is on."""
    problems = []
    pairs = [part.split("=", 1) for part in query.split("&")]
    if any(len(pair) != 2 for pair in pairs):
        return [f"query {query!r} has a part that is not name=value"]
    for name, raw in pairs:
        problems += [f"{name}: {problem}" for problem in encoding_problems(raw)]
    values = dict(parse_qsl(query, keep_blank_values=True, strict_parsing=True))
    if len(values) != len(pairs):
        problems.append(f"a query parameter is given twice: {[name for name, _ in pairs]}")
    template = values.pop("template", None)
    form = repo.forms / template if template else None
    if form is None or "/" in template or not form.is_file():
        return [*problems, f"template {template!r} is not a form in {repo.forms.relative_to(REPO).as_posix()}"]
    fields = form_fields(form)
    problems += [f"{name!r} is not a field of {template}" for name in values if name != "title" and name not in fields]
    if values.get("title") != f"Mistake: {expected.name}":
        problems.append(f"title is {values.get('title')!r}, not 'Mistake: {expected.name}'")
    page = expected.name + DASH + expected.address if expected.address else expected.name
    if values.get("page") != page:
        problems.append(f"page is {values.get('page')!r}, not {page!r}")
    return problems


def report_link_problems(
    document: LexborHTMLParser, repo: Repository, expected: Expected, link_text: str = LINK_TEXT
) -> list[str]:
    """Everything wrong with a built page's report link (empty if nothing); ``link_text`` is what
    it says in the page's language (the edition's extra.words.report_link)."""
    links = document.css(".guide-report__link")
    if len(links) != 1:
        return [f"{len(links)} report links, not one"]
    (link,) = links
    parent = link.parent
    if (
        link.tag != "a"
        or parent is None
        or parent.tag != "p"
        or "guide-report" not in parent.attributes.get("class", "")
    ):
        return ['the report link is not an <a> in <p class="guide-report">']
    if link.text(deep=True).strip() != link_text:
        return [f"the report link says {link.text(deep=True).strip()!r}"]
    try:
        href = urlsplit(link.attributes.get("href") or "")
    except ValueError as error:
        return [f"the report link's address cannot be read: {error}"]
    problems = []
    if (href.scheme, href.netloc, href.path) != ("https", repo.host, f"{repo.path}/issues/new"):
        problems.append(
            f"the link goes to {href.scheme}://{href.netloc}{href.path}, not https://{repo.host}{repo.path}/issues/new"
        )
    if href.fragment:
        problems.append(f"the link has a fragment {href.fragment!r}: a '#' in a value was not encoded")
    try:
        return problems + query_problems(href.query, repo, expected)
    except ValueError as error:
        return [*problems, f"the query cannot be read: {error}"]


def expected_for(
    document: LexborHTMLParser, page: str, site_url: str, site_name: str, not_found: str = NOT_FOUND_TITLE
) -> Expected:
    """What a built page's link must name: the title Material writes in <title>, and its online address
    (``not_found``, the 404 page's name in the edition's language, for the 404 page)."""
    if page == "404.html":
        return Expected(not_found, None)
    title = document.css_first("title").text().strip()
    return Expected(title.removesuffix(f" - {site_name}"), online_address(page, site_url))


def heading(document: LexborHTMLParser) -> str:
    h1 = document.css_first("article h1")
    for permalink in h1.css("a.headerlink"):
        permalink.decompose()
    return h1.text(deep=True).strip()


def page_problems(document: LexborHTMLParser, expected: Expected, *, online: bool) -> list[str]:
    """Whether the name and address the link must fill in are the page's own: the name begins its
    <h1> (the home page's says more), and on an online build the address is its canonical one."""
    if expected.address is None:
        return []
    problems = []
    if not heading(document).startswith(expected.name):
        problems.append(f"its <h1> {heading(document)!r} does not begin with {expected.name!r}")
    canonical = document.css_first('link[rel="canonical"]')
    if online and (canonical is None or canonical.attributes.get("href") != expected.address):
        problems.append(f"its canonical address is not {expected.address}")
    return problems


def edition_folders() -> list[tuple[Path, str]]:
    """Each edition's configuration and its folder in the site: the English at the top, "es" for the Spanish."""
    return editions(REPO / "mkdocs.yml")


def site_problems(site: Path, *, online: bool, translations: bool = True) -> list[str]:
    """Every page's problems in each edition (the translations' only when ``translations``), each
    named by the page. The offline copy holds one language: it has no translations."""
    repo = repository()
    folders = edition_folders()
    problems = []
    for config_file, folder in folders if translations else folders[:1]:
        config = read_config(config_file)
        edition = site / folder if folder else site
        others = {other for _, other in folders if other and other != folder}
        pages = sorted(page for page in site_pages(edition) if page.split("/", 1)[0] not in others)
        chapters = list((config_file.parent / config.get("docs_dir", "docs")).glob("*.md"))
        assert len(pages) == len(chapters) + 1, pages  # every chapter and the 404 page
        not_found = NOT_FOUND_TITLES[config["theme"].get("language", "en")]
        link_text = config["extra"]["words"]["report_link"]
        for page in pages:
            document = LexborHTMLParser((edition / page).read_text(encoding="utf-8"))
            expected = expected_for(document, page, config["site_url"], config["site_name"], not_found)
            found = report_link_problems(document, repo, expected, link_text)
            found += page_problems(document, expected, online=online)
            problems += [f"{folder + '/' if folder else ''}{page}: {problem}" for problem in found]
    return problems


# --- The built guide, under each engine. ---


@pytest.mark.slow
def test_every_page_links_to_the_mistake_form_for_itself(built_guide: Path) -> None:
    """In each edition: the Spanish pages' title and page field name their Spanish <h1> and /es/ address."""
    assert [folder for _, folder in edition_folders()] == ["", "es"]
    assert (built_guide / "es" / "symptoms" / "index.html").is_file()
    assert site_problems(built_guide, online=True) == []


@pytest.fixture(scope="module")
def offline_site(engine: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline copy's pages, as `make offline` builds them (without its zip and PDF, not needed here)."""
    site = tmp_path_factory.mktemp(f"offline-{engine}") / "site"
    environment = {**build_environment(REPO), "OFFLINE": "true", "GUIDEKIT_TODAY": GUIDE_TODAY}
    assert run_engine(engine, REPO / "mkdocs.offline.yml", site, environment) == 0
    return site


@pytest.mark.slow
def test_offline_pages_link_to_the_form_with_their_online_address(offline_site: Path) -> None:
    assert (offline_site / "symptoms.html").is_file(), "not the offline copy: it has no folder addresses"
    assert not (offline_site / "es").exists(), "the offline copy holds one language"
    assert site_problems(offline_site, online=False, translations=False) == []


# --- In a browser: the 404 page's address, the size of the link, and the printed page. ---


def report_page_field(page) -> str:
    href = page.locator(".guide-report__link").get_attribute("href")
    return dict(parse_qsl(urlsplit(href).query))["page"]


@pytest.mark.slow
def test_404_page_names_the_address_the_reader_tried(page, site_url: str, offline_site: Path) -> None:
    page.goto(site_url + "404.html?from=a-link#somewhere", wait_until="load")
    # The path, not the query or fragment: those may carry what someone else put in a link.
    assert report_page_field(page) == f"{NOT_FOUND_TITLE}{DASH}{site_url}404.html"
    # The Spanish edition's 404 page names itself in Spanish, with its own address.
    page.goto(site_url + "es/404.html", wait_until="load")
    assert report_page_field(page) == f"{NOT_FOUND_TITLES['es']}{DASH}{site_url}es/404.html"
    # Opened from a file, the address is the reader's own computer: it is not sent.
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    page.goto((offline_site / "404.html").as_uri(), wait_until="load")
    assert report_page_field(page) == NOT_FOUND_TITLE


@pytest.mark.slow
def test_the_link_is_easy_to_tap_on_a_phone(page, site_url: str) -> None:
    page.goto(site_url + "symptoms/", wait_until="load")
    box = page.locator(".guide-report__link").bounding_box()
    assert box is not None and box["height"] >= 24, box  # WCAG 2.5.8: at least 24 by 24 CSS pixels
    assert box["width"] >= 24 and box["x"] >= 0 and box["x"] + box["width"] <= 390, box


@pytest.mark.slow
def test_a_printed_page_says_where_to_report_instead_of_the_long_link(page, site_url: str) -> None:
    page.goto(site_url + "symptoms/", wait_until="load")
    page.emulate_media(media="print")
    assert not page.locator(".guide-report__link").is_visible()
    printed = page.evaluate(
        "getComputedStyle(document.querySelector('.guide-report'), '::after').getPropertyValue('content')"
    )
    repo = repository()
    assert f"go to {repo.host}{repo.path}/issues and tell us its title" in printed, printed


# --- The checks themselves: each mistake a link could have is caught. ---

REPO_HERE = Repository("github.com", "/metastatic-cancer-guide/guide", FORMS)
SYMPTOMS = Expected("Symptoms", "https://metastatic-cancer-guide.github.io/guide/symptoms/")
GOOD_QUERY = (
    "template=report-a-mistake.yml&title=Mistake%3A%20Symptoms"
    "&page=Symptoms%20%E2%80%93%20https%3A//metastatic-cancer-guide.github.io/guide/symptoms/"
)
GOOD_HREF = f"https://github.com/metastatic-cancer-guide/guide/issues/new?{GOOD_QUERY}"


def page_with(link: str) -> LexborHTMLParser:
    """A page holding ``link``, with every `&` escaped as a template writes it in an attribute."""
    html = link.replace("&", "&amp;")
    return LexborHTMLParser(f"<!doctype html><title>Symptoms - Guide</title><article><h1>Symptoms</h1>{html}</article>")


def report_paragraph(href: str) -> str:
    return (
        f'<p class="guide-report"><a class="guide-report__link" href="{href}">Report a problem with this page</a></p>'
    )


def test_a_correct_link_passes() -> None:
    assert report_link_problems(page_with(report_paragraph(GOOD_HREF)), REPO_HERE, SYMPTOMS) == []


@pytest.mark.parametrize(
    ("href", "caught"),
    [
        (
            GOOD_HREF.replace("github.com", "gitlab.com"),
            "not https://github.com/metastatic-cancer-guide/guide/issues/new",
        ),
        (GOOD_HREF.replace("https:", "http:", 1), "the link goes to http://"),
        (GOOD_HREF.replace("/guide/issues", "/other/issues", 1), "not https://github.com/"),
        (GOOD_HREF.replace("report-a-mistake.yml", "report-a-typo.yml"), "'report-a-typo.yml' is not a form"),
        (GOOD_HREF.replace("template=report-a-mistake.yml&", ""), "template None is not a form"),
        (GOOD_HREF.replace("&page=", "&pages="), "'pages' is not a field of report-a-mistake.yml"),
        (GOOD_HREF + "&page=Symptoms", "given twice"),
        (GOOD_HREF.replace("Mistake%3A%20Symptoms", "Mistake%3A%20Staging"), "title is 'Mistake: Staging'"),
        (
            GOOD_HREF.replace("guide/symptoms/", "guide/staging/"),
            "page is 'Symptoms – https://metastatic-cancer-guide.github.io/guide/staging/'",
        ),
        (GOOD_HREF.replace("guide/symptoms/", "guide/symptoms.html"), "not 'Symptoms – https://"),
        (GOOD_HREF.replace("page=Symptoms", "page=Staging"), "page is 'Staging –"),
        (GOOD_HREF.replace("%20%E2%80%93%20", " – "), "' ' is not percent-encoded"),
        (GOOD_HREF.replace("Mistake%3A%20", "Mistake:+"), "'+' is not percent-encoded"),
        (GOOD_HREF.replace("Symptoms&page", "Symptoms%20#1&page"), "a '#' in a value was not encoded"),
        (GOOD_HREF.replace("Mistake%3A%20Symptoms", "Mistake%3A%20A%20&%20B"), "not name=value"),
        (GOOD_HREF.replace("%E2%80%93", "%E2%80"), "not UTF-8"),
        (GOOD_HREF.replace("%E2%80%93", "%E2%8"), "not followed by two hex digits"),
    ],
)
def test_each_wrong_link_is_caught(href: str, caught: str) -> None:
    problems = report_link_problems(page_with(report_paragraph(href)), REPO_HERE, SYMPTOMS)
    assert any(caught in problem for problem in problems), problems


@pytest.mark.parametrize(
    ("html", "caught"),
    [
        ("", "0 report links"),
        (report_paragraph(GOOD_HREF) * 2, "2 report links"),
        (
            f'<div class="guide-report"><a class="guide-report__link" href="{GOOD_HREF}">Report a problem with this page</a></div>',
            "not an <a> in <p",
        ),
        (report_paragraph(GOOD_HREF).replace("Report a problem", "Tell us about"), "the report link says"),
    ],
)
def test_a_missing_doubled_or_different_link_is_caught(html: str, caught: str) -> None:
    problems = report_link_problems(page_with(html), REPO_HERE, SYMPTOMS)
    assert any(caught in problem for problem in problems), problems


def test_a_renamed_form_field_is_caught(tmp_path: Path) -> None:
    """The form and the link are held together: renaming the form's `page` field breaks the check."""
    form = yaml.safe_load((FORMS / "report-a-mistake.yml").read_text(encoding="utf-8"))
    for element in form["body"]:
        if element.get("id") == "page":
            element["id"] = "which-page"
    (tmp_path / "report-a-mistake.yml").write_text(yaml.safe_dump(form), encoding="utf-8")
    renamed = Repository(REPO_HERE.host, REPO_HERE.path, tmp_path)
    problems = report_link_problems(page_with(report_paragraph(GOOD_HREF)), renamed, SYMPTOMS)
    assert problems == ["'page' is not a field of report-a-mistake.yml"]


def test_the_form_has_the_field_the_links_fill() -> None:
    assert "page" in form_fields(FORMS / "report-a-mistake.yml")
    assert repository() == REPO_HERE, "mkdocs.yml's repo_url moved: update REPO_HERE"


@pytest.mark.parametrize(
    ("page", "address"),
    [
        ("index.html", "https://x.org/guide/"),
        ("symptoms/index.html", "https://x.org/guide/symptoms/"),
        ("symptoms.html", "https://x.org/guide/symptoms/"),
        ("staging.html", "https://x.org/guide/staging/"),
    ],
)
def test_online_address_of_a_built_page(page: str, address: str) -> None:
    assert online_address(page, "https://x.org/guide/") == address


@pytest.mark.parametrize(
    ("head", "h1", "online", "caught"),
    [
        (
            '<link rel="canonical" href="https://metastatic-cancer-guide.github.io/guide/symptoms/">',
            "Symptoms",
            True,
            [],
        ),
        ("", "Symptoms of cancer", False, []),  # the offline copy's canonical is its own .html address
        (
            "",
            "Symptoms",
            True,
            ["its canonical address is not https://metastatic-cancer-guide.github.io/guide/symptoms/"],
        ),
        (
            '<link rel="canonical" href="https://metastatic-cancer-guide.github.io/guide/staging/">',
            "Symptoms",
            True,
            ["its canonical address is not https://metastatic-cancer-guide.github.io/guide/symptoms/"],
        ),
        ("", "Staging", False, ["its <h1> 'Staging' does not begin with 'Symptoms'"]),
    ],
)
def test_the_name_and_address_must_be_the_pages_own(head: str, h1: str, online: bool, caught: list[str]) -> None:
    html = f'<title>Symptoms - Guide</title>{head}<article><h1>{h1}<a class="headerlink" href="#x">¶</a></h1></article>'
    assert page_problems(LexborHTMLParser(html), SYMPTOMS, online=online) == caught


def test_the_404_page_expects_no_address() -> None:
    document = LexborHTMLParser("<title>Metastatic Cancer Guide</title>")
    assert expected_for(document, "404.html", "https://x.org/", "Metastatic Cancer Guide") == Expected(
        NOT_FOUND_TITLE, None
    )
