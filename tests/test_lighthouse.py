"""Lighthouse scores every page of the built guide 100 for accessibility, under each engine.

Only the accessibility category is asserted: it depends on the page alone (axe-core's rules and a
few of Lighthouse's own). Performance, best practices and SEO are in the benchmark
(``python -m bench.lighthouse``, part of ``make bench``), reported and never judged, because the
performance score moves with the machine's load. The first tests read Lighthouse's reports as the
benchmark does, without a browser.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.lighthouse import (
    CATEGORIES,
    Report,
    ScoreRow,
    foreign_requests,
    format_scores,
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


@pytest.mark.slow
@pytest.mark.browser
def test_every_page_scores_100_for_accessibility(built_guide: Path, site_url: str) -> None:
    pages = site_pages(built_guide)
    assert len(pages) >= 15
    reports = run_lighthouse([site_url + page for page in pages], ["accessibility"])
    failures = [
        f"{page or 'home'}: {report.scores['accessibility']} ({', '.join(report.failing['accessibility'])})"
        for page, report in zip(pages, reports, strict=True)
        if report.scores["accessibility"] != 100
    ]
    assert failures == [], "Lighthouse accessibility below 100:\n" + "\n".join(failures)
