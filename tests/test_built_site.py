"""The built site itself: every link resolves, the HTML is valid, builds are reproducible, and a
failed build never replaces a good site."""

from __future__ import annotations

import datetime as dt
import filecmp
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURE_TODAY, GUIDE_TODAY, REPO, make_site, run
from guidekit.release.site_links import check_site_links, read_site

pytestmark = pytest.mark.slow

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Errors that come from Material's own templates, not from this guide: its hidden drawer and
# search toggles are <input type="checkbox" autocomplete="off">, which HTML does not allow.
THEME_ERRORS = {
    "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, “email”, "
    "“hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, or “week”.": (
        'class="md-toggle"'
    ),
}


def build_guide(site_dir: Path) -> None:
    result = run([sys.executable, "-m", "guidekit", "build", "--site-dir", str(site_dir)], REPO, GUIDE_TODAY)
    assert result.returncode == 0, result.output


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("built") / "site"
    build_guide(site)
    return site


def test_every_internal_link_and_anchor_resolves(built: Path) -> None:
    assert (built / "glossary" / "index.html").is_file() and (built / "references" / "index.html").is_file()
    # The Spanish edition is part of the site: its pages' links are read too, and its links into the
    # English (the language switcher's "../../symptoms/") must resolve like any other.
    assert "es/glossary/index.html" in read_site(built).pages
    broken = check_site_links(built, base_path="/guide/")
    assert [str(link) for link in broken] == []


def vnu_errors(site: Path) -> list[dict[str, object]]:
    java = shutil.which("java")
    assert java, (
        "Java is needed for the Nu Html Checker: run `make test` (it installs it) or apt-get install default-jre-headless"
    )
    assert VNU.is_file(), "the Nu Html Checker is missing: run `make test` (npm ci installs vnu-jar)"
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html", str(site)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return [m for m in json.loads(result.stderr or "{}").get("messages", []) if m.get("type") == "error"]


def from_theme(message: dict[str, object]) -> bool:
    """True for a known error of Material's templates, checked against the very line it is on."""
    marker = THEME_ERRORS.get(str(message.get("message")))
    if marker is None:
        return False
    path = Path(str(message["url"]).removeprefix("file:"))
    line = path.read_text(encoding="utf-8").splitlines()[int(message["lastLine"]) - 1]
    return marker in line


def test_html_is_valid_apart_from_known_theme_errors(built: Path) -> None:
    errors = vnu_errors(built)
    ours = [f"{m['url']}:{m.get('lastLine')}: {m['message']}" for m in errors if not from_theme(m)]
    assert ours == []
    pages = len(list(built.rglob("*.html")))
    assert len(errors) <= 2 * pages, "the theme's known errors grew beyond its two toggles a page: look again"


def test_html_checker_catches_invalid_html(tmp_path: Path) -> None:
    page = tmp_path / "bad.html"
    page.write_text("<!DOCTYPE html><html lang=en><title>x</title><p><div>bad nesting</p></div>", encoding="utf-8")
    assert vnu_errors(tmp_path), "the checker must be able to fail"


def test_two_builds_of_one_commit_are_byte_identical(built: Path, tmp_path: Path) -> None:
    second = tmp_path / "site"
    build_guide(second)
    comparison = filecmp.dircmp(built, second)
    differences: list[str] = []

    def collect(cmp: filecmp.dircmp[str], prefix: str = "") -> None:
        differences.extend(prefix + name for name in cmp.left_only + cmp.right_only)
        mismatched = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)[1]
        differences.extend(prefix + name for name in mismatched)
        for name, sub in cmp.subdirs.items():
            collect(sub, f"{prefix}{name}/")

    collect(comparison)
    assert differences == []


def test_a_failed_build_leaves_the_previous_site_untouched(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    command = [sys.executable, "-m", "guidekit", "build", "--site-dir", "site"]
    assert run(command, site, FIXTURE_TODAY).returncode == 0
    marker = site / "site" / "previous-build.txt"
    marker.write_text("the site readers see now", encoding="utf-8")
    good_home = (site / "site" / "index.html").read_bytes()

    page = site / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("[@nci-metastatic].", "[@no-such-key]."), encoding="utf-8")
    failed = run(command, site, FIXTURE_TODAY)
    assert failed.returncode != 0
    assert "unknown citation key 'no-such-key'" in failed.output
    assert marker.read_text(encoding="utf-8") == "the site readers see now"
    assert (site / "site" / "index.html").read_bytes() == good_home
    assert not list(site.glob(".site-building-*")), "the half-built folder must be removed"

    page.write_text(page.read_text(encoding="utf-8").replace("[@no-such-key].", "[@nci-metastatic]."), encoding="utf-8")
    assert run(command, site, FIXTURE_TODAY).returncode == 0
    assert not marker.exists(), "a successful build replaces the whole site"


def test_dates_in_the_site_come_from_the_last_commit_not_the_clock(built: Path) -> None:
    """Builds on different days must match: the sitemap's dates are the commit's, in UTC."""
    epoch = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=REPO, capture_output=True, text=True, check=True)
    commit_day = dt.datetime.fromtimestamp(int(epoch.stdout), tz=dt.UTC).date().isoformat()
    sitemaps = sorted(built.rglob("sitemap.xml"))
    assert [path.relative_to(built).as_posix() for path in sitemaps] == ["es/sitemap.xml", "sitemap.xml"]
    for path in sitemaps:
        days = set(re.findall(r"<lastmod>([^<]+)</lastmod>", path.read_text(encoding="utf-8")))
        assert days == {commit_day}, path


def test_each_edition_has_a_sitemap_of_its_own_pages(built: Path) -> None:
    """site/sitemap.xml lists the English pages, site/es/sitemap.xml the Spanish, each at its published address."""
    from xml.etree import ElementTree

    from guidekit.data.project import read_config
    from guidekit.release.publish import editions

    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    folders = [folder for _, folder in editions(REPO / "mkdocs.yml")]
    for config_file, folder in editions(REPO / "mkdocs.yml"):
        site = built / folder if folder else built
        url = read_config(config_file)["site_url"]
        listed = {loc.text for loc in ElementTree.parse(site / "sitemap.xml").iter(f"{namespace}loc")}
        pages = {path.parent.relative_to(site).as_posix() for path in site.rglob("index.html")}
        pages = {page for page in pages if page.split("/", 1)[0] not in folders}  # another edition's folder
        assert listed == {url + ("" if page == "." else page + "/") for page in pages}, folder or "English"


def test_every_source_link_is_published_exactly_as_the_bibliography_gives_it(built: Path) -> None:
    """What the reader clicks is the address in the bibliography, byte for byte. The minifier once
    decoded `&amp;` and the privacy plugin then read a SEER link's `&sectionSEL=` as `§ionSEL=`."""
    import yaml
    from selectolax.lexbor import LexborHTMLParser

    entries = yaml.safe_load((REPO / "docs" / "data" / "bibliography.yml").read_text(encoding="utf-8"))
    addresses = {entry["URL"] for entry in entries if "URL" in entry}
    addresses |= {f"https://doi.org/{entry['DOI']}" for entry in entries if "DOI" in entry}
    published: dict[str, set[str]] = {}
    for page in sorted(built.rglob("*.html")):
        for link in LexborHTMLParser(page.read_text(encoding="utf-8")).css("a.guide-source-link"):
            published.setdefault(link.attributes.get("href") or "", set()).add(page.relative_to(built).as_posix())
    assert published, "no source links found"
    strays = {href: sorted(pages) for href, pages in published.items() if href not in addresses}
    assert not strays, f"source links that are not in the bibliography: {strays}"
