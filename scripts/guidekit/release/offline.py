"""The offline copies: a folder that works from disk, packed as a reproducible zip, and a PDF.

`make offline` runs `python -m guidekit offline`. Both files are named after the guide and its
version (the git tag on the last commit, else that commit's date), and SHA256SUMS lists them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Mapping
from pathlib import Path

from guidekit.data.nav import nav_entries
from guidekit.data.project import read_config
from guidekit.release.browser import BrowserMissingError, chromium
from guidekit.release.page_numbers import PageNumbersError, anchor_pages, settle
from guidekit.release.print_book import book_order, html_path, page_name, render_book
from guidekit.release.publish import build_environment, run_engine

GUIDE_NAME = "metastatic-cancer-guide"
# Opened from disk, the 404 page's absolute links lead nowhere; the copy goes without it.
NOT_IN_COPY = ("404.html",)


def _git(root: Path, *args: str) -> str:
    try:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=30, check=False)
    except OSError:
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""


def guide_version(root: Path) -> str:
    """The tag on the last commit, else the last commit's date, else 'unversioned'."""
    return (
        _git(root, "describe", "--tags", "--exact-match", "HEAD")
        or _git(root, "log", "-1", "--format=%cs")
        or "unversioned"
    )


def zip_folder(folder: Path, target: Path, epoch: int) -> None:
    """Zip a folder so the same files always give the same bytes: sorted names, fixed times and modes."""
    stamp = dt.datetime.fromtimestamp(max(epoch, 315532800), tz=dt.UTC).timetuple()[:6]  # zip starts 1980
    prefix = target.stem
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{prefix}/{path.relative_to(folder).as_posix()}", date_time=stamp)
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes(), compresslevel=9)


def print_to_pdf(page: Path, target: Path, paper: str) -> None:
    """Chromium's print-to-PDF of ``page``, on ``paper``, with an outline and tags.

    The page sets its own margins, running heads and page numbers (CSS @page margin boxes), so
    Chromium's own header and footer stay off: they would print over them.
    """
    try:
        with chromium() as browser:
            tab = browser.new_page()
            tab.route(
                "**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort()
            )
            tab.goto(page.as_uri(), wait_until="load")
            tab.emulate_media(media="print")
            tab.pdf(
                path=str(target),
                format=paper,
                print_background=True,
                display_header_footer=False,
                outline=True,
                tagged=True,
            )
    except BrowserMissingError as error:
        raise SystemExit(f"offline: the PDF needs a browser: {error}") from None


def book_words(root: Path) -> dict[str, str]:
    """What the book prints from mkdocs.yml: the guide's name, its online address, and where readers
    report a mistake (the issues of ``repo_url``, where the web pages' "Report a problem" links lead)."""
    config_file = root / "mkdocs.yml"
    config = read_config(config_file)
    words = {}
    for setting, word, why in (
        ("site_name", "site_name", "the book's title"),
        ("site_url", "url", "the online version's address"),
        ("repo_url", "report_url", "where to report a mistake"),
    ):
        value = config.get(setting)
        if not isinstance(value, str) or not value.strip():
            raise SystemExit(f"offline: {config_file}: {setting} is needed (the book prints {why})")
        words[word] = value.strip()
    words["report_url"] = words["report_url"].rstrip("/") + "/issues"
    return words


def print_book(site: Path, pages: list[str], pdf: Path, paper: str, book: Mapping[str, str]) -> dict[str, int]:
    """Print the book to ``pdf`` with page numbers in its contents; returns where each chapter starts.

    ``book`` holds render_book's words (site_name, version, date, url, report_url). Each print
    writes print.html in ``site`` with the numbers found by the print before.
    """
    names = [page_name(page) for page in pages]

    def print_pass(numbers: Mapping[str, int]) -> Mapping[str, int]:
        html = render_book(site, pages, page_numbers=numbers, **book)
        (site / "print.html").write_text(html, encoding="utf-8")
        print_to_pdf(site / "print.html", pdf, paper)
        return anchor_pages(pdf, names)

    try:
        return settle(print_pass)
    except PageNumbersError as error:
        raise SystemExit(f"offline: {error}") from None


def write_checksums(files: list[Path], target: Path) -> None:
    lines = [f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.name}\n" for path in sorted(files)]
    target.write_text("".join(lines), encoding="utf-8")


def build_offline(root: Path, dist: Path, paper: str = "A4", engine: str = "mkdocs") -> int:
    """Build the offline folder with ``engine``, zip it, print the PDF, write SHA256SUMS. Returns an exit status."""
    version = guide_version(root)
    environment = {**build_environment(root), "OFFLINE": "true"}
    dist.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="guide-offline-") as scratch:
        site = Path(scratch) / "site"
        returncode = run_engine(engine, root / "mkdocs.offline.yml", site, environment)
        if returncode != 0:
            print("offline: the build failed; nothing was written to dist/", file=sys.stderr)
            return returncode
        for name in NOT_IN_COPY:
            (site / name).unlink(missing_ok=True)
        pages = book_order([entry.docs_path for entry in nav_entries((root / "mkdocs.yml").read_text("utf-8")) or []])
        epoch = int(environment["SOURCE_DATE_EPOCH"])
        date = dt.datetime.fromtimestamp(epoch, tz=dt.UTC).date().isoformat()
        book = {**book_words(root), "version": version, "date": date}
        book_pages = [html_path(page) for page in pages]
        # The copy's print.html has no page numbers: a browser prints it on its own paper.
        (site / "print.html").write_text(render_book(site, book_pages, **book), encoding="utf-8")
        archive = dist / f"{GUIDE_NAME}-offline-{version}.zip"
        zip_folder(site, archive, epoch)
        pdf = (
            dist / f"{GUIDE_NAME}-{version}.pdf"
            if paper == "A4"
            else dist / f"{GUIDE_NAME}-{version}-{paper.lower()}.pdf"
        )
        print_book(site, book_pages, pdf, paper, book)
    write_checksums([archive, pdf], dist / "SHA256SUMS")
    for path in (archive, pdf):
        print(f"wrote {path} ({path.stat().st_size / 1024:.0f} KiB)", file=sys.stderr)
    return 0
