"""The real guide builds strictly and rebuilds like `mkdocs serve` (Zensical: test_zensical_builds.py)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from conftest import FIXTURE_TODAY, GUIDE_TODAY, REPO, make_site, run, run_check
from guidekit.data.project import read_config
from guidekit.release.publish import editions, mkdocs_build_command

pytestmark = pytest.mark.slow


def test_real_guide_passes_the_checks() -> None:
    result = run_check(REPO, today=GUIDE_TODAY)
    assert result.returncode == 0, result.output
    assert "no problems found" in result.output


@pytest.mark.real_clock
def test_real_guide_is_not_overdue_for_review_today() -> None:
    """The one test that reads the real date, on purpose: an overdue review stops publishing."""
    result = run_check(REPO, today=None)
    assert result.returncode == 0, result.output
    assert "no problems found" in result.output


def test_real_guide_builds_strictly(tmp_path: Path) -> None:
    """`make build`'s command: MkDocs' strict build of each edition, the Spanish into es/."""
    command = [sys.executable, "-m", "guidekit", "build", "--site-dir", str(tmp_path / "site")]
    result = run(command, REPO, GUIDE_TODAY)
    assert result.returncode == 0, result.output
    assert "WARNING" not in result.output and "ERROR" not in result.output
    assert result.output.count("Documentation built") == 2, "both editions are built"
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'class="guide-cite"' in home and 'id="sources">Sources' in home
    assert 'class="guide-term"' in home
    assert "fonts.googleapis.com" not in home and "fonts.gstatic.com" not in home
    references = (tmp_path / "site" / "references" / "index.html").read_text(encoding="utf-8")
    assert "Cited on:" in references
    # Every page of each edition says, in its language, it is a draft awaiting clinical review, and
    # links to where review is explained (tests/test_editions_site.py reads the Spanish more closely).
    for config_file, folder in editions(REPO / "mkdocs.yml"):
        site = tmp_path / "site" / folder if folder else tmp_path / "site"
        said = read_config(config_file)["extra"]["words"]
        assert not (site / "data").exists()  # data files feed pages; they are not published
        about = (site / "about" / "index.html").read_text(encoding="utf-8")
        assert 'id="how-it-is-reviewed"' in about
        pages = [page for page in site.rglob("index.html") if folder or page.relative_to(site).parts[0] != "es"]
        assert len(pages) == len(list((REPO / ("docs-es" if folder else "docs")).glob("*.md"))), folder
        for page in pages:
            text = page.read_text(encoding="utf-8")
            assert said["draft"] in text, page
            assert f"<strong>{said['next_review']}</strong>" in text, page
            assert f'#how-it-is-reviewed">{said["how_reviewed"]}' in text, page


def build_in_process(site: Path) -> None:
    """What `mkdocs serve` does on each change: reload the config, then build."""
    config = load_config(str(site / "mkdocs.yml"), site_dir=str(site / "site"))
    build(config)


def test_serve_style_rebuilds_see_edits_and_keep_no_stale_state(
    clean_site: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GUIDEKIT_TODAY", FIXTURE_TODAY)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")  # Material sets it in the process after one warning
    glossary = clean_site / "docs" / "data" / "glossary.yml"
    page = clean_site / "site" / "glossary" / "index.html"
    build_in_process(clean_site)
    assert "detailed pictures of the body" in page.read_text(encoding="utf-8")

    # Same length, same second: a cache keyed on size or time would miss this edit.
    original = glossary.read_text(encoding="utf-8")
    glossary.write_text(original.replace("detailed pictures", "detailed pictureZ"), encoding="utf-8")
    build_in_process(clean_site)
    assert "detailed pictureZ of the body" in page.read_text(encoding="utf-8")
    index = (clean_site / "site" / "index.html").read_text(encoding="utf-8")
    assert 'title="A scan that uses X-rays and a computer to make detailed pictureZ of the body."' in index

    # Remove a term that a page links to: the rebuild must fail and say so.
    glossary.write_text(original.replace("- term: Stage 4", "- term: Stage IV"), encoding="utf-8")
    caplog.clear()
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        build_in_process(clean_site)
    assert "docs/index.md:11:66: glossary link to undefined term '#stage-4'" in caplog.text

    # Put it back: the next rebuild is clean again, with nothing left over from the failure.
    glossary.write_text(original, encoding="utf-8")
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        build_in_process(clean_site)
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_build_from_another_directory(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    # Without --site-dir MkDocs writes next to mkdocs.yml; the command names it so, to use the one builder.
    result = run(mkdocs_build_command(site / "mkdocs.yml", site / "site"), tmp_path, FIXTURE_TODAY)
    assert result.returncode == 0, result.output
    assert 'id="cite-1"' in (site / "site" / "index.html").read_text(encoding="utf-8")
