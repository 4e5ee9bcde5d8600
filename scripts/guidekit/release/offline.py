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
from pathlib import Path

from guidekit.data.nav import nav_entries
from guidekit.release.browser import BrowserMissingError, chromium
from guidekit.release.print_book import book_order, html_path, render_book
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
    """Chromium's print-to-PDF, with page numbers in the footer."""
    try:
        with chromium() as browser:
            tab = browser.new_page()
            tab.route(
                "**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort()
            )
            tab.goto(page.as_uri(), wait_until="load")
            tab.emulate_media(media="print")
            footer = '<div style="font-size:9px;width:100%;text-align:center;"><span class="pageNumber"></span></div>'
            tab.pdf(
                path=str(target),
                format=paper,
                print_background=True,
                display_header_footer=True,
                header_template="<div></div>",
                footer_template=footer,
                margin={"top": "16mm", "bottom": "18mm", "left": "16mm", "right": "16mm"},
                outline=True,
                tagged=True,
            )
    except BrowserMissingError as error:
        raise SystemExit(f"offline: the PDF needs a browser: {error}") from None


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
        book = render_book(
            site,
            [html_path(page) for page in pages],
            site_name="Metastatic Cancer Guide",
            version=version,
            date=date,
            url="https://metastatic-cancer-guide.github.io/guide/",
        )
        (site / "print.html").write_text(book, encoding="utf-8")
        archive = dist / f"{GUIDE_NAME}-offline-{version}.zip"
        zip_folder(site, archive, epoch)
        pdf = (
            dist / f"{GUIDE_NAME}-{version}.pdf"
            if paper == "A4"
            else dist / f"{GUIDE_NAME}-{version}-{paper.lower()}.pdf"
        )
        print_to_pdf(site / "print.html", pdf, paper)
    write_checksums([archive, pdf], dist / "SHA256SUMS")
    for path in (archive, pdf):
        print(f"wrote {path} ({path.stat().st_size / 1024:.0f} KiB)", file=sys.stderr)
    return 0
