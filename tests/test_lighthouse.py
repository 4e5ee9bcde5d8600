"""Lighthouse scores every page of the built guide 100 for accessibility, under each engine.

Only the accessibility category is asserted: it depends on the page alone (axe-core's rules and a
few of Lighthouse's own). Performance, best practices and SEO are in the benchmark
(``python -m bench.lighthouse``, part of ``make bench``), reported and never judged, because the
performance score moves with the machine's load. The first tests read Lighthouse's reports as the
benchmark does, without a browser.
"""

from __future__ import annotations

import gzip
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from bench.compressed import accepts_gzip, serve_compressed
from bench.lighthouse import (
    CATEGORIES,
    Report,
    ScoreRow,
    foreign_requests,
    format_scores,
    lighthouse_section,
    parse_report,
    run_lighthouse,
)
from test_browser_pages import site_pages


def lighthouse_report(accessibility: float | None, dialog_score: float | None, requests: list[str]) -> dict:
    """A Lighthouse JSON report of one page, cut to the parts the benchmark reads."""
    return {
        "requestedUrl": "http://127.0.0.1:8000/guide/",
        "finalDisplayedUrl": "http://127.0.0.1:8000/guide/",
        "categories": {
            "accessibility": {
                "score": accessibility,
                "auditRefs": [
                    {"id": "aria-dialog-name", "weight": 7},
                    {"id": "color-contrast", "weight": 7},
                    {"id": "video-caption", "weight": 10},  # not applicable: no score, costs nothing
                    {"id": "landmark-one-main", "weight": 0},  # informative only
                ],
            },
        },
        "audits": {
            "aria-dialog-name": {"score": dialog_score, "scoreDisplayMode": "binary"},
            "color-contrast": {"score": 1, "scoreDisplayMode": "binary"},
            "video-caption": {"score": None, "scoreDisplayMode": "notApplicable"},
            "landmark-one-main": {"score": 0, "scoreDisplayMode": "binary"},
            "network-requests": {"details": {"items": [{"url": url} for url in requests]}},
        },
    }


def test_a_report_gives_the_score_and_the_audits_that_cost_points() -> None:
    report = parse_report(lighthouse_report(0.96, 0, ["http://127.0.0.1:8000/guide/"]))
    assert report.scores == {"accessibility": 96}
    assert report.failing == {"accessibility": ["aria-dialog-name"]}
    assert report.requests == ("http://127.0.0.1:8000/guide/",)


def test_a_full_score_lists_no_audit() -> None:
    report = parse_report(lighthouse_report(1, 1, []))
    assert report.scores == {"accessibility": 100}
    assert report.failing == {"accessibility": []}


def test_requests_to_another_host_are_found() -> None:
    requests = [
        "http://127.0.0.1:8000/guide/",
        "data:image/svg+xml;base64,AAAA",  # no request over the network
        "https://unpkg.com/iframe-worker/shim",
    ]
    report = parse_report(lighthouse_report(1, 1, requests))
    assert foreign_requests(report, "http://127.0.0.1:8000/guide/") == ["https://unpkg.com/iframe-worker/shim"]


def test_the_table_names_each_page_and_what_cost_it_points() -> None:
    scores = dict.fromkeys(CATEGORIES, 100) | {"accessibility": 96, "performance": None}
    report = Report("http://127.0.0.1:8000/guide/basics/", scores, {"accessibility": ["aria-dialog-name"]}, ())
    lines = format_scores([ScoreRow("mkdocs", "basics/", report)])
    assert lines[-2].split() == ["mkdocs", "/basics/", "-", "96", "100", "100"]
    assert lines[-1].strip() == "mkdocs /basics/ accessibility: aria-dialog-name"


def test_without_a_guide_the_benchmark_says_why_it_has_no_scores(tmp_path: Path) -> None:
    (tmp_path / "no-guide").mkdir()  # a folder without mkdocs.yml: the build fails
    lines = lighthouse_section(tmp_path / "no-guide", tmp_path / "work")
    assert len(lines) == 1 and lines[0].startswith("Lighthouse: not measured: ")


@pytest.mark.parametrize(
    ("header", "accepted"),
    [
        ("gzip, deflate, br", True),
        ("br;q=1.0, GZIP;q=0.5", True),
        ("*", True),
        ("gzip;q=0", False),
        ("deflate, br", False),
        (None, False),
        ("gzip;q=nonsense", False),
    ],
)
def test_gzip_is_sent_only_to_a_client_that_accepts_it(header: str | None, accepted: bool) -> None:
    assert accepts_gzip(header) is accepted


def fetch(url: str, encoding: str | None) -> tuple[int, str | None, bytes]:
    """Status, Content-Encoding and body of a request to the local server."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers.get("Content-Encoding"), response.read()
    except urllib.error.HTTPError as error:
        return error.code, None, b""


def test_the_benchmark_server_compresses_text_as_the_host_does(tmp_path: Path) -> None:
    page = "<!doctype html><title>Basics</title><p>" + "Cancer that has spread. " * 200
    (tmp_path / "basics").mkdir()
    (tmp_path / "basics" / "index.html").write_text(page, encoding="utf-8")
    (tmp_path / "picture.png").write_bytes(b"\x89PNG not text")
    with serve_compressed(tmp_path) as base:
        status, encoding, body = fetch(base + "basics/", "gzip")
        assert (status, encoding) == (200, "gzip")
        assert gzip.decompress(body).decode("utf-8") == page and len(body) < len(page) / 10
        assert fetch(base + "basics/index.html", None) == (200, None, page.encode("utf-8"))
        assert fetch(base + "picture.png", "gzip") == (200, None, b"\x89PNG not text")
        assert fetch(base + "missing/", "gzip")[0] == 404


# The Spanish edition's pages that stand for all of it: its home page, a chapter, and the glossary
# (its longest page, with the most links). Lighthouse takes 7 to 8 s a page: all 18 Spanish pages
# cost 126 s (MkDocs) and 134 s (Zensical) more a run, measured when the edition was added (they all
# scored 100); axe-core (test_browser_pages.py) still checks every Spanish page, light and dark.
SPANISH_PAGES = ("es/", "es/symptoms/", "es/glossary/")


def lighthouse_pages(site: Path) -> list[str]:
    """Every English page, then the Spanish pages that stand for the Spanish edition."""
    pages = site_pages(site)
    missing = [page for page in SPANISH_PAGES if page not in pages]
    assert missing == [], f"not built: {missing}"
    return [page for page in pages if not page.startswith("es/")] + list(SPANISH_PAGES)


def test_the_spanish_pages_scored_are_the_chosen_ones_after_the_english(tmp_path: Path) -> None:
    for page in (
        "index.html",
        "symptoms/index.html",
        "es/index.html",
        "es/symptoms/index.html",
        "es/glossary/index.html",
        "es/help/index.html",
    ):
        (tmp_path / page).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / page).write_text("<!doctype html>", encoding="utf-8")
    (tmp_path / "404.html").write_text("<!doctype html>", encoding="utf-8")
    (tmp_path / "es" / "404.html").write_text("<!doctype html>", encoding="utf-8")
    assert lighthouse_pages(tmp_path) == ["", "symptoms/", "404.html", *SPANISH_PAGES]


@pytest.mark.slow
@pytest.mark.browser
def test_every_page_scores_100_for_accessibility(built_guide: Path, site_url: str) -> None:
    pages = lighthouse_pages(built_guide)
    assert len(pages) >= 15
    reports = run_lighthouse([site_url + page for page in pages], ["accessibility"])
    failures = [
        f"{page or 'home'}: {report.scores['accessibility']} ({', '.join(report.failing['accessibility'])})"
        for page, report in zip(pages, reports, strict=True)
        if report.scores["accessibility"] != 100
    ]
    assert failures == [], "Lighthouse accessibility below 100:\n" + "\n".join(failures)
