"""Zensical, Material's successor, as the second engine: the same guide, the same refusals.

Zensical reads mkdocs.yml and runs the Markdown extensions, but ignores hooks and publishes a page
whose extension only logged a warning, even with --strict. So the guide's extension checks the
whole guide before the first page and raises (test_checked_extension.py has the details); here the
real command a Zensical user types, `zensical build`, is held to that.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from conftest import CASES, GUIDE_TODAY, copy_guide, make_site, run

pytestmark = [pytest.mark.slow, pytest.mark.zensical]

ZENSICAL = [sys.executable, "-m", "zensical"]


def expected_lines(case: str) -> list[str]:
    return (CASES / case / "expected.txt").read_text(encoding="utf-8").splitlines()


def test_zensical_renders_citations_and_glossary_links(tmp_path: Path) -> None:
    guide = copy_guide(tmp_path)
    result = run([*ZENSICAL, "build", "--clean"], guide, GUIDE_TODAY)
    assert result.returncode == 0, result.output
    home = (guide / "site" / "index.html").read_text(encoding="utf-8")
    assert '<sup class="guide-cite"><a aria-label="Source 1" href="#source-1" id="cite-1"' in home
    assert 'id="sources">Sources' in home
    assert '<a class="guide-term" href="glossary/#metastasis" title="' in home
    glossary = (guide / "site" / "glossary" / "index.html").read_text(encoding="utf-8")
    assert '<dt id="metastasis">' in glossary
    references = (guide / "site" / "references" / "index.html").read_text(encoding="utf-8")
    assert 'Cited on: <a href="../about/#cite-' in references


@pytest.mark.parametrize(
    "case",
    [
        "citation-unknown-key",
        "glossary-link-to-missing-term",  # with an unused term: a warning, which strict mode refuses too
        "html-script",
        "html-attr-list-attributes",
        "html-slash-separated-handler",
    ],
)
def test_a_plain_zensical_build_refuses_what_the_checks_refuse(case: str, tmp_path: Path) -> None:
    """What a Zensical user types, without the guide's command: every problem, with its place."""
    site = make_site(tmp_path, case)
    result = run([*ZENSICAL, "build", "--clean"], site)
    assert result.returncode != 0, result.output
    for line in expected_lines(case):
        assert line in result.output, f"missing: {line}\n{result.output}"
    assert not (site / "site" / "index.html").exists(), "a page with a problem was published"


def test_data_files_are_found_from_the_configuration_folder(tmp_path: Path) -> None:
    """A build started from another folder reads the data files beside mkdocs.yml, not beside the caller."""
    site = make_site(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run([*ZENSICAL, "build", "--clean", "--config-file", str(site / "mkdocs.yml")], elsewhere)
    assert result.returncode == 0, result.output
    home = (site / "site" / "index.html").read_text(encoding="utf-8")
    assert 'class="guide-cite"' in home and "unknown source" not in home
    assert 'class="guide-term"' in home


def touch_later(path: Path, seen: list[int]) -> None:
    """Move a file's time two seconds past any time it had before (``seen``, updated here).

    Zensical compares watched files' times in whole seconds: a second edit within the same second
    as the first would look unchanged, so the test moves the clock of the file, not of the world.
    """
    stat = path.stat()
    later = max([stat.st_mtime_ns, *seen]) + 2_000_000_000
    os.utime(path, ns=(stat.st_atime_ns, later))
    seen.append(later)


def test_a_data_file_edit_shows_on_the_next_cached_rebuild(tmp_path: Path) -> None:
    """Zensical re-renders only what changed: the data files are watched (mkdocs.yml `watch:`)."""
    site = make_site(tmp_path)
    config = site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "watch:\n  - docs/data\n", encoding="utf-8")
    glossary = site / "docs" / "data" / "glossary.yml"
    home = site / "site" / "index.html"
    seen: list[int] = []
    assert run([*ZENSICAL, "build"], site).returncode == 0
    assert "detailed pictures of the body" in home.read_text(encoding="utf-8")

    original = glossary.read_text(encoding="utf-8")
    glossary.write_text(original.replace("detailed pictures", "detailed pictureZ"), encoding="utf-8")
    touch_later(glossary, seen)
    result = run([*ZENSICAL, "build"], site)  # no --clean: the cache is kept, as under `zensical serve`
    assert result.returncode == 0, result.output
    assert 'title="A scan that uses X-rays and a computer to make detailed pictureZ of the body."' in home.read_text(
        encoding="utf-8"
    )

    # Remove a term a page links to: the cached rebuild must refuse, and say where.
    glossary.write_text(original.replace("- term: Stage 4", "- term: Stage IV"), encoding="utf-8")
    touch_later(glossary, seen)
    result = run([*ZENSICAL, "build"], site)
    assert result.returncode != 0
    assert "docs/index.md:11:66: glossary link to undefined term '#stage-4'" in result.output


def test_the_guides_build_command_checks_first_and_swaps_in_only_on_success(tmp_path: Path) -> None:
    """`make build ENGINE=zensical`: problems listed as `make check` lists them, no traceback, site kept."""
    good = make_site(tmp_path / "good")
    published = tmp_path / "published"
    command = [sys.executable, "-m", "guidekit", "build", "--engine", "zensical", "--site-dir", str(published)]
    result = run(command, good)
    assert result.returncode == 0, result.output
    assert 'class="guide-cite"' in (published / "index.html").read_text(encoding="utf-8")
    # Zensical's own files stay out of the guide's folder: no generated config or scratch site left.
    assert sorted(path.name for path in good.iterdir() if path.name.startswith(".zensical")) == []

    for case in ("citation-unknown-key", "html-attr-list-attributes"):  # the second is refused once rendered
        broken = make_site(tmp_path / "broken", case)
        result = run(command, broken)
        assert result.returncode == 1, result.output
        assert "Traceback" not in result.output
        listed = [line for line in result.output.splitlines() if line.startswith("docs/")]
        assert listed == expected_lines(case), result.output
        assert 'class="guide-cite"' in (published / "index.html").read_text(encoding="utf-8"), "the old site was lost"
