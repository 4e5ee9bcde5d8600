"""Lighthouse over the built guide: its four scores for a few pages under each engine, reported.

Lighthouse (pinned in package.json) runs Debian's Chromium headless against the site served on
127.0.0.1 at the published path (/guide/), text gzip-compressed as its host sends it
(``bench.compressed``), through its Node API (``lighthouse.mjs`` beside this file: one browser for
all the pages of a site). Its performance score simulates a slow phone on a slow network from
timings taken on this machine, so it moves with the machine's load: the benchmark prints it and
never judges it. Only the accessibility score, which depends on the page alone, is asserted, by
tests/test_lighthouse.py over every page.

Nothing is fetched from the internet: Lighthouse's API never sends error reports (only its CLI
offers to), Chromium's own traffic is off by its launcher's flags, and the pages ask only for local
files; ``Report.requests`` lists what each page asked for, and ``measure_site`` refuses any other host.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from bench.compressed import serve_compressed
from bench.engines import ENGINES, align, checked_build_command
from bench.measure import BenchmarkError, progress, run_measured

REPOSITORY = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).with_name("lighthouse.mjs")  # runs Lighthouse's Node API over many pages
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGES = ("", "basics/", "treatment/")  # the home page and two chapters
SITE_PATH = "guide/"  # the published site's path (site_url), where the pages are served
TIMEOUT_SECONDS = 1800.0  # a hung browser ends the run with an error; not a measure of anything


class LighthouseError(BenchmarkError):
    """Lighthouse could not run, or gave no score: the message says why."""


@dataclass(frozen=True)
class Report:
    """What one Lighthouse run found on one page."""

    url: str
    scores: dict[str, int | None]  # category -> 0..100; None when Lighthouse could not score it
    failing: dict[str, list[str]]  # category -> ids of its weighted audits short of full marks
    requests: tuple[str, ...]  # every URL the page asked for


def lighthouse_command(urls: Sequence[str], categories: Sequence[str] = CATEGORIES) -> list[str]:
    """The Lighthouse run over ``urls`` (one browser), a JSON report per line on standard output."""
    node = shutil.which("node") or shutil.which("nodejs") or "node"
    return [node, str(DRIVER), ",".join(categories), *urls]


def chromium_path() -> str:
    """Debian's Chromium, which Lighthouse drives (it downloads no browser of its own)."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        raise LighthouseError("Chromium is missing; install it with: sudo apt-get install chromium")
    return found


def _short(audit: dict) -> bool:
    """An audit that cost its category points: scored below full marks, or failed to run. Not
    applicable and manual audits have no score and cost nothing."""
    score = audit.get("score")
    return audit.get("scoreDisplayMode") == "error" or (score is not None and score < 1)


def parse_report(data: dict) -> Report:
    """The scores, the failing audits and the requests of a Lighthouse JSON report (its "lhr")."""
    if data.get("runtimeError"):
        error = data["runtimeError"]
        raise LighthouseError(f"{data.get('finalDisplayedUrl', '?')}: {error.get('code')}: {error.get('message')}")
    audits = data.get("audits", {})
    scores: dict[str, int | None] = {}
    failing: dict[str, list[str]] = {}
    for name, category in data.get("categories", {}).items():
        score = category.get("score")
        scores[name] = None if score is None else round(score * 100)
        refs = category.get("auditRefs", [])
        failing[name] = [ref["id"] for ref in refs if ref.get("weight") and _short(audits.get(ref["id"], {}))]
    items = ((audits.get("network-requests") or {}).get("details") or {}).get("items", [])
    requests = tuple(item["url"] for item in items if "url" in item)
    return Report(data.get("finalDisplayedUrl") or data.get("requestedUrl", ""), scores, failing, requests)


def run_lighthouse(urls: Sequence[str], categories: Sequence[str] = CATEGORIES) -> list[Report]:
    """Run Lighthouse on each page in turn; LighthouseError when it cannot run or a report holds an error."""
    if not (REPOSITORY / "node_modules" / "lighthouse").is_dir():
        raise LighthouseError("Lighthouse is missing from node_modules: run `npm ci` (make test does)")
    env = {**os.environ, "CHROME_PATH": chromium_path()}
    try:
        result = subprocess.run(
            lighthouse_command(urls, categories), capture_output=True, text=True, env=env, timeout=TIMEOUT_SECONDS
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise LighthouseError(f"Lighthouse did not finish: {error}") from None
    if result.returncode != 0:
        raise LighthouseError(f"Lighthouse exited {result.returncode}:\n{result.stderr[-3000:]}")
    try:
        reports = [parse_report(json.loads(line)) for line in result.stdout.splitlines() if line.strip()]
    except json.JSONDecodeError as error:
        raise LighthouseError(f"Lighthouse printed a line that is no JSON report ({error})") from None
    if len(reports) != len(urls):
        raise LighthouseError(f"Lighthouse reported on {len(reports)} of {len(urls)} pages:\n{result.stderr[-3000:]}")
    return reports


def foreign_requests(report: Report, base_url: str) -> list[str]:
    """The requests of a page to any host but the one serving the site (data: URLs are no request)."""
    local = urlsplit(base_url).netloc
    return [
        url for url in report.requests if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc != local
    ]


@contextlib.contextmanager
def serve_site(site: Path, scratch: Path) -> Iterator[str]:
    """Serve ``site`` at /guide/ as it is published, text compressed as its host sends it (a link to
    it in ``scratch``); yields the site's URL."""
    root = scratch / "root"
    root.mkdir(parents=True, exist_ok=True)
    link = root / SITE_PATH.strip("/")
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(site.resolve(), target_is_directory=True)
    with serve_compressed(root) as base:
        yield base + SITE_PATH


@dataclass(frozen=True)
class ScoreRow:
    """One page under one engine."""

    engine: str
    page: str
    report: Report


def measure_site(engine: str, site: Path, scratch: Path, pages: Sequence[str] = PAGES) -> list[ScoreRow]:
    """Lighthouse's four categories for ``pages`` of one built site."""
    with serve_site(site, scratch / engine) as base:
        progress(f"Lighthouse, {engine}: {len(pages)} page(s) …")
        reports = run_lighthouse([base + page for page in pages])
    for report in reports:
        outside = foreign_requests(report, base)
        if outside:
            raise LighthouseError(f"{report.url} asked another host for: {', '.join(outside)}")
    return [ScoreRow(engine, page, report) for page, report in zip(pages, reports, strict=True)]


def build_sites(folder: Path, work: Path) -> dict[str, Path]:
    """The guide in ``folder`` built by each engine as ``make build`` builds it, into ``work``."""
    sites = {}
    for engine in ENGINES:
        site = work / f"lighthouse-{engine}-site"
        run_measured(checked_build_command(engine, site), folder)
        sites[engine] = site
    return sites


def measure_sites(sites: dict[str, Path], work: Path, pages: Sequence[str] = PAGES) -> list[ScoreRow]:
    """Every engine's site in turn (one browser at a time: the scores share a machine)."""
    rows: list[ScoreRow] = []
    for engine, site in sites.items():
        rows += measure_site(engine, site, work / "lighthouse", pages)
    return rows


def _score(value: int | None) -> str:
    return "-" if value is None else str(value)


def format_scores(rows: Sequence[ScoreRow]) -> list[str]:
    """The scores as a table, and under it every audit that cost a page points."""
    table = [("engine", "page", *CATEGORIES)]
    for row in rows:
        table.append((row.engine, f"/{row.page}", *(_score(row.report.scores.get(name)) for name in CATEGORIES)))
    lines = [
        "Lighthouse: a phone on simulated slow 4G, the site served gzip-compressed as published; performance moves",
        "with the machine's load, so it is shown, not judged (tests/test_lighthouse.py asserts accessibility)",
        "",
        *align(table),
    ]
    for row in rows:
        for name in CATEGORIES:
            if row.report.failing.get(name):
                lines.append(f"  {row.engine} /{row.page} {name}: {', '.join(row.report.failing[name])}")
    return lines


def scores_table(folder: Path, work: Path, pages: Sequence[str] = PAGES) -> list[str]:
    """Build ``folder``'s guide with both engines and report Lighthouse's scores for ``pages``."""
    progress("Lighthouse: building the guide with each engine …")
    return format_scores(measure_sites(build_sites(folder, work), work, pages))


def lighthouse_section(folder: Path, work: Path, pages: Sequence[str] = PAGES) -> list[str]:
    """The table for ``make bench``; when Lighthouse cannot run, a line saying why instead (the
    other measurements stand: these scores are reported, not judged)."""
    try:
        return scores_table(folder, work, pages)
    except BenchmarkError as error:
        return [f"Lighthouse: not measured: {error}"]


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m bench.lighthouse [--work DIR] [--repo DIR] [PAGE ...]``: the table for one guide."""
    parser = argparse.ArgumentParser(prog="python -m bench.lighthouse", description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="*", default=list(PAGES), help="paths under /guide/ ('' is the home page)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/guide-bench"), help="scratch folder")
    parser.add_argument("--repo", type=Path, default=REPOSITORY, help="the guide (default: this repository)")
    args = parser.parse_args(argv)
    try:
        print("\n".join(scores_table(args.repo.resolve(), args.work.resolve(), args.pages)))
    except BenchmarkError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
