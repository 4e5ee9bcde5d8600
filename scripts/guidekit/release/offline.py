"""The offline copies: a folder that works from disk, packed as a reproducible zip, and a PDF,
for the guide and for each of its translations.

`make offline` runs `python -m guidekit offline`. The files are named after the guide, the
edition's language for a translation ("-es") and the version (the git tag on the last commit,
else that commit's date), and SHA256SUMS lists them all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import yaml

from guidekit.data.nav import nav_entries
from guidekit.data.project import load_project, read_config
from guidekit.release.browser import BrowserMissingError, chromium
from guidekit.release.page_numbers import PageNumbersError, anchor_pages, settle
from guidekit.release.print_book import book_order, html_path, page_name, render_book
from guidekit.release.publish import build_environment, editions, run_engine

GUIDE_NAME = "metastatic-cancer-guide"
OFFLINE_CONFIG = "mkdocs.offline.yml"  # the English offline build; its settings are every edition's
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


def book_words(config_file: Path) -> dict[str, str]:
    """What the book prints from the edition's configuration: the guide's name, its online address,
    and where readers report a mistake (the issues of ``repo_url``, where the web pages' "Report a
    problem" links lead)."""
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


def offline_settings(offline_file: Path) -> dict[str, object]:
    """mkdocs.offline.yml's own settings, without its INHERIT: what every offline build adds."""
    settings = yaml.safe_load(offline_file.read_text(encoding="utf-8"))
    if not isinstance(settings, dict):
        raise SystemExit(f"offline: {offline_file}: the offline settings must be a mapping")
    settings.pop("INHERIT", None)
    return settings


def generated_offline_config(config_file: Path, offline_file: Path) -> str:
    """A configuration that inherits a translation's ``config_file`` and adds the offline settings.

    Read from mkdocs.offline.yml, so the English and the translations' offline copies cannot drift.
    The engines merge an inherited list differently (MkDocs replaces it, Zensical appends to it);
    the offline settings' one list, extra.polyfills, is in no edition's own configuration, so both
    engines give the same result.
    """
    return (
        f"# Written by `python -m guidekit offline` for one build, then removed: {config_file.name}\n"
        f"# with the settings of {offline_file.name}.\n"
        + yaml.safe_dump({"INHERIT": config_file.name, **offline_settings(offline_file)}, sort_keys=False)
    )


@contextmanager
def offline_config(config_file: Path, folder: str) -> Iterator[Path]:
    """The configuration of ``config_file``'s offline build: mkdocs.offline.yml for the guide, a
    generated one beside ``config_file`` (INHERIT and docs_dir are relative to it) for a translation."""
    offline_file = config_file.parent / OFFLINE_CONFIG
    if not folder:
        yield offline_file
        return
    generated = config_file.parent / f".offline-{folder}-{os.getpid()}.yml"
    generated.write_text(generated_offline_config(config_file, offline_file), encoding="utf-8")
    try:
        yield generated
    finally:
        generated.unlink(missing_ok=True)


def edition_files(dist: Path, folder: str, version: str, paper: str) -> tuple[Path, Path]:
    """The zip and the PDF of one edition: the guide's as they always were, a translation's with its language."""
    name = f"{GUIDE_NAME}-{folder}" if folder else GUIDE_NAME
    pdf = f"{name}-{version}.pdf" if paper == "A4" else f"{name}-{version}-{paper.lower()}.pdf"
    return dist / f"{name}-offline-{version}.zip", dist / pdf


def build_edition(
    engine: str,
    config_file: Path,
    folder: str,
    files: tuple[Path, Path],
    paper: str,
    book: Mapping[str, str],
    environment: dict[str, str],
) -> int:
    """Build one edition's offline folder, zip it and print its PDF into ``files``; an exit status.

    ``book`` (the version and the date) and ``environment`` (the build's, with its SOURCE_DATE_EPOCH)
    are the same for every edition.
    """
    archive, pdf = files
    with tempfile.TemporaryDirectory(prefix="guide-offline-") as scratch, offline_config(config_file, folder) as config:
        site = Path(scratch) / "site"
        returncode = run_engine(engine, config, site, environment)
        if returncode != 0:
            return returncode
        for name in NOT_IN_COPY:
            (site / name).unlink(missing_ok=True)
        pages = book_order([entry.docs_path for entry in nav_entries(config_file.read_text("utf-8")) or []])
        edition_book = {**book_words(config_file), **book, "language": load_project(config_file).language}
        book_pages = [html_path(page) for page in pages]
        # The copy's print.html has no page numbers: a browser prints it on its own paper.
        (site / "print.html").write_text(render_book(site, book_pages, **edition_book), encoding="utf-8")
        zip_folder(site, archive, int(environment["SOURCE_DATE_EPOCH"]))
        print_book(site, book_pages, pdf, paper, edition_book)
    return 0


def build_offline(root: Path, dist: Path, paper: str = "A4", engine: str = "mkdocs") -> int:
    """Build each edition's offline folder with ``engine``, zip it, print its PDF, and write SHA256SUMS
    over them all. Returns an exit status."""
    version = guide_version(root)
    # One environment for every edition: a commit made during the run cannot give them different dates.
    environment = {**build_environment(root), "OFFLINE": "true"}
    epoch = int(environment["SOURCE_DATE_EPOCH"])
    book = {"version": version, "date": dt.datetime.fromtimestamp(epoch, tz=dt.UTC).date().isoformat()}
    dist.mkdir(parents=True, exist_ok=True)
    # Every edition is made in a folder inside dist/ and moved in only when all were made: a failed
    # translation leaves no English copy with checksums that do not list it.
    with tempfile.TemporaryDirectory(prefix=".offline-", dir=dist) as scratch:
        made: list[Path] = []
        for config_file, folder in editions(root / "mkdocs.yml"):
            files = edition_files(Path(scratch), folder, version, paper)
            returncode = build_edition(engine, config_file, folder, files, paper, book, environment)
            if returncode != 0:
                print(f"offline: the build of {config_file.name} failed; nothing was written to dist/", file=sys.stderr)
                return returncode
            made += files
        written = [path.replace(dist / path.name) for path in made]
    write_checksums(written, dist / "SHA256SUMS")
    for path in written:
        print(f"wrote {path} ({path.stat().st_size / 1024:.0f} KiB)", file=sys.stderr)
    return 0
