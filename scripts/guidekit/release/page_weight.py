"""What a first visit to each page costs a reader on a slow phone connection.

Opens every page of a built site in headless Chromium (served on 127.0.0.1), records each
response of the first load, and adds up its size as gzip would send it: the page's HTML, CSS and
JavaScript (and any image or font fetched at once; lazy images below the fold are left out).
Material's search runs in a Web Worker that fetches its script and the search index in the
background, after the page is readable; that cost is reported in its own column and in the total.
A chapter page whose own cost is over the budget fails: a person with a weak signal should not
wait to start reading.
"""

from __future__ import annotations

import functools
import gzip
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from guidekit.release.browser import BrowserMissingError, chromium, serve_folder

if TYPE_CHECKING:
    from playwright.sync_api import Request

BUDGET_BYTES = 100 * 1024


@dataclass(frozen=True)
class PageCost:
    """One page's first visit."""

    page: str
    requests: int
    gzip_bytes: int
    search_bytes: int  # the search worker's script and index, fetched in the background


def _pages(site: Path) -> list[str]:
    found = sorted(path.parent.relative_to(site).as_posix() for path in site.rglob("index.html"))
    return ["" if page == "." else page + "/" for page in found]


def measure_site(site: Path) -> list[PageCost]:
    """The cost of a first visit to every page, each in a fresh browser profile (empty cache)."""
    costs = []
    try:
        with chromium() as browser, serve_folder(site) as base:
            for page_path in _pages(site):
                context = browser.new_context(viewport={"width": 360, "height": 740})
                tab = context.new_page()
                sizes: dict[str, int] = {}
                tab.on("requestfinished", functools.partial(_record, sizes))
                tab.goto(base + page_path, wait_until="networkidle")
                # Lazy images arrive only as the reader scrolls to them; Chromium may fetch those
                # near the screen early, so they are left out by name rather than by timing.
                lazy = tab.evaluate("Array.from(document.querySelectorAll('img[loading=lazy]')).map(i => i.src)")
                for url in lazy:
                    sizes.pop(url, None)
                search = sum(size for url, size in sizes.items() if _is_search(url))
                requests = sum(not _is_search(url) for url in sizes)
                costs.append(PageCost(page_path or "(home)", requests, sum(sizes.values()) - search, search))
                context.close()
    except BrowserMissingError as error:
        raise SystemExit(f"budget: {error}") from None
    return costs


def _is_search(url: str) -> bool:
    return url.endswith("search_index.json") or "/workers/search." in url


def _record(sizes: dict[str, int], request: Request) -> None:
    """Remember a finished request's size as gzip (level 6, as web servers use) would send it."""
    response = request.response()
    body = response.body() if response is not None else b""
    sizes[request.url] = len(gzip.compress(body, compresslevel=6, mtime=0))


def report(costs: list[PageCost], chapters: set[str]) -> int:
    """Print a table; exit status 1 when a chapter is over budget."""
    print(f"{'page':20} {'requests':>8} {'page KiB':>9} {'search KiB':>11} {'total KiB':>10}")
    over = 0
    for cost in costs:
        flag = ""
        if cost.page in chapters and cost.gzip_bytes > BUDGET_BYTES:
            flag = f"  over the {BUDGET_BYTES // 1024} KiB budget"
            over += 1
        page, search = cost.gzip_bytes / 1024, cost.search_bytes / 1024
        print(f"{cost.page:20} {cost.requests:8d} {page:9.1f} {search:11.1f} {page + search:10.1f}{flag}")
    largest = max(costs, key=lambda cost: cost.gzip_bytes)
    print(
        f"largest page: {largest.page} {largest.gzip_bytes / 1024:.1f} KiB in {largest.requests} requests "
        f"(+ {largest.search_bytes / 1024:.1f} KiB of search in the background); budget {BUDGET_BYTES // 1024} KiB"
    )
    return 1 if over else 0


def main(site: Path, chapters: set[str]) -> int:
    if not site.is_dir():
        print(f"budget: no built site at {site}; run `make build` first", file=sys.stderr)
        return 2
    return report(measure_site(site), chapters)
