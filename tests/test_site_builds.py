"""The real guide builds strictly and rebuilds like `mkdocs serve` (Zensical: test_zensical_builds.py)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from conftest import FIXTURE_TODAY, GUIDE_TODAY, REPO, make_site, run, run_check, run_mkdocs_build
from guidekit.release.publish import mkdocs_build_command

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
    result = run_mkdocs_build(REPO, tmp_path / "site", today=GUIDE_TODAY)
    assert result.returncode == 0, result.output
    assert "WARNING" not in result.output and "ERROR" not in result.output
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'class="guide-cite"' in home and 'id="sources">Sources' in home
    assert 'class="guide-term"' in home
    assert "fonts.googleapis.com" not in home and "fonts.gstatic.com" not in home
    references = (tmp_path / "site" / "references" / "index.html").read_text(encoding="utf-8")
    assert "Cited on:" in references
    assert not (tmp_path / "site" / "data").exists()  # data files feed pages; they are not published
    # Every page says it is a draft awaiting clinical review, and links to where review is explained.
    about = (tmp_path / "site" / "about" / "index.html").read_text(encoding="utf-8")
    assert 'id="how-it-is-reviewed"' in about
    for page in (tmp_path / "site").rglob("index.html"):
        text = page.read_text(encoding="utf-8")
        assert "Draft, awaiting clinical review." in text, page
        assert "<strong>Next review due:</strong>" in text, page
        assert '#how-it-is-reviewed">How this guide is reviewed' in text, page


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
