"""`python -m guidekit pr-summary`: what a branch does to the guide, on a git fixture of two commits.

The base commit is the clean fixture site (plus a changelog and two more pages); the second commit
edits, adds, renames and deletes pages, breaks one and mends another, and adds a source, a glossary
term and a changelog entry. The summary is compared with tests/golden/pr-summary.txt (UPDATE_GOLDEN=1
rewrites it).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURE_TODAY, make_site
from guidekit.release.readability import MIN_FERNANDEZ_HUERTA, measure, measure_spanish
from guidekit.review.preview import artifact_path, built_path
from guidekit.review.summary import cell, code
from test_cli_golden import compare

# Same author, same clock: the fixture's commits are the same on every machine and every day.
GIT_ENVIRONMENT = {
    "GIT_AUTHOR_NAME": "Fixture",
    "GIT_AUTHOR_EMAIL": "fixture@localhost",
    "GIT_COMMITTER_NAME": "Fixture",
    "GIT_COMMITTER_EMAIL": "fixture@localhost",
    "GIT_AUTHOR_DATE": "2026-11-20T12:00:00+00:00",
    "GIT_COMMITTER_DATE": "2026-11-20T12:00:00+00:00",
    "GIT_CONFIG_GLOBAL": os.devnull,  # no contributor's own settings (hooks, signing, default branch)
    "GIT_CONFIG_NOSYSTEM": "1",
}

FRONT = """\
---
title: {title}
description: A page of the fixture.
review_status: awaiting clinical review
last_reviewed: 2026-11-01
next_review: 2027-11-01
---

"""
CHANGELOG = """\
- date: 2026-11-01
  pages: [index.md]
  change: First edition.
"""
NEW_SOURCE = """\
- id: nci-bone-scan
  type: webpage
  title: Bone scan
  publisher: National Cancer Institute
  issued: n.d.
  URL: https://www.cancer.gov/bone-scan
  accessed: 2026-11-20
"""
NEW_TERM = """\
- term: Bone scan
  definition: A scan that shows where bones are changing.
"""


def git(repository: Path, *arguments: str) -> None:
    environment = {**os.environ, **GIT_ENVIRONMENT}
    subprocess.run(["git", *arguments], cwd=repository, env=environment, check=True, capture_output=True)


def write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def append(path: Path, text: str) -> None:
    write(path, path.read_text(encoding="utf-8") + text)


def two_commits(tmp_path: Path) -> Path:
    """A guide repository: `main` holds the base commit, HEAD is the branch `change`, one commit ahead."""
    repository = make_site(tmp_path)
    docs = repository / "docs"
    write(docs / "data" / "changelog.yml", CHANGELOG)
    write(docs / "fever.md", FRONT.format(title="Fever") + "# Fever\n\nA fever is a high temperature.\n")
    write(docs / "mended.md", "---\ntitle: [unclosed\n---\n\n# Mended\n\nThis page will be mended.\n")
    git(repository, "-c", "init.defaultBranch=main", "init", "-q")
    git(repository, "add", "-A")
    git(repository, "commit", "-q", "-m", "Base")
    git(repository, "checkout", "-q", "-b", "change")

    index = docs / "index.md"
    text = index.read_text(encoding="utf-8")
    text = text.replace("[@nci-metastatic; @temel-2010]", "[@nci-metastatic; @nci-bone-scan]")
    text = text.replace("last_reviewed: 2026-11-22", "last_reviewed: 2026-11-20")
    text += (
        "\nA [bone scan](glossary.md#bone-scan) looks for cancer in the bones. It uses a small amount of a"
        " radioactive substance, which collects in places where the bone is being damaged or repaired.\n"
    )
    write(index, text)
    git(repository, "mv", "docs/references.md", "docs/sources.md")
    git(repository, "rm", "-q", "docs/glossary.md")
    (docs / "fever.md").write_bytes(b"---\ntitle: Fever\n---\n\nA fever is a high temperature \xff.\n")
    write(docs / "mended.md", FRONT.format(title="Mended") + "# Mended\n\nNow it is fine.\n")
    write(docs / "what|why.md", FRONT.format(title="What and why") + "# What and why\n\nShort words. [@temel-2010]\n")
    append(docs / "data" / "bibliography.yml", NEW_SOURCE)
    append(docs / "data" / "glossary.yml", NEW_TERM)
    append(docs / "data" / "changelog.yml", "- date: 2026-11-20\n  pages: [index.md]\n  change: Added bone scans.\n")
    write(repository / "README.md", "Not a page of the guide.\n")
    git(repository, "add", "-A")
    git(repository, "commit", "-q", "-m", "Change")
    return repository


def pr_summary(repository: Path, *arguments: str, summary_file: Path | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, **GIT_ENVIRONMENT, "GUIDEKIT_TODAY": FIXTURE_TODAY, "NO_COLOR": "1"}
    environment.pop("GITHUB_STEP_SUMMARY", None)
    if summary_file is not None:
        environment["GITHUB_STEP_SUMMARY"] = str(summary_file)
    command = [sys.executable, "-m", "guidekit", "pr-summary", *arguments]
    return subprocess.run(command, cwd=repository, env=environment, capture_output=True, text=True, timeout=300)


def base_commit(repository: Path) -> str:
    return subprocess.run(
        ["git", "rev-parse", "main"], cwd=repository, capture_output=True, text=True, check=True
    ).stdout.strip()


def test_the_summary_is_appended_to_the_step_summary_file(tmp_path: Path) -> None:
    repository = two_commits(tmp_path)
    summary_file = tmp_path / "step-summary.md"
    write(summary_file, "An earlier step's summary.\n")
    result = pr_summary(repository, "--base", "main", summary_file=summary_file)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == f"pr-summary: written to {summary_file}\n"
    written = summary_file.read_text(encoding="utf-8")
    assert written.startswith("An earlier step's summary.\n## What this pull request changes in the guide\n")
    markdown = written.removeprefix("An earlier step's summary.\n")
    compare("pr-summary.txt", markdown.replace(base_commit(repository)[:12], "<base>"))


def test_without_the_variable_the_summary_is_printed(tmp_path: Path) -> None:
    repository = two_commits(tmp_path)
    result = pr_summary(repository, "--base", "main")
    assert result.returncode == 0, result.stderr
    assert result.stdout.replace(base_commit(repository)[:12], "<base>") == (
        Path(__file__).parent / "golden" / "pr-summary.txt"
    ).read_text(encoding="utf-8")


def test_the_summary_compares_with_where_the_branch_left_the_base(tmp_path: Path) -> None:
    """A commit on main after the branch left it is not part of the pull request."""
    repository = two_commits(tmp_path)
    git(repository, "checkout", "-q", "main")
    append(repository / "docs" / "data" / "bibliography.yml", NEW_SOURCE.replace("nci-bone-scan", "only-on-main"))
    git(repository, "commit", "-q", "-am", "Later on main")
    git(repository, "checkout", "-q", "change")
    result = pr_summary(repository, "--base", "main")
    assert result.returncode == 0, result.stderr
    assert "only-on-main" not in result.stdout
    assert "new: `nci-bone-scan`" in result.stdout


def test_a_branch_with_no_guide_change_says_so(tmp_path: Path) -> None:
    repository = make_site(tmp_path)
    git(repository, "-c", "init.defaultBranch=main", "init", "-q")
    git(repository, "add", "-A")
    git(repository, "commit", "-q", "-m", "Base")
    result = pr_summary(repository, "--base", "main")
    assert result.returncode == 0, result.stderr
    assert "No page changed." in result.stdout
    assert "No data file changed." in result.stdout
    assert "The changed pages are at" not in result.stdout


def test_an_unknown_base_is_one_line_without_a_traceback(tmp_path: Path) -> None:
    repository = two_commits(tmp_path)
    result = pr_summary(repository, "--base", "origin/no-such-branch")
    assert result.returncode == 2
    assert result.stderr.startswith("pr-summary: git merge-base: ")
    assert "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize(
    ("docs_path", "directory_urls", "expected"),
    [
        ("symptoms.md", True, "symptoms/index.html"),
        ("index.md", True, "index.html"),
        ("care/index.md", True, "care/index.html"),
        ("care/README.md", True, "care/index.html"),
        ("care/hospice.md", True, "care/hospice/index.html"),
        ("symptoms.md", False, "symptoms.html"),
        ("care/index.md", False, "care/index.html"),
    ],
)
def test_pages_land_where_mkdocs_writes_them(docs_path: str, directory_urls: bool, expected: str) -> None:
    assert built_path(docs_path, directory_urls) == expected
    assert artifact_path(docs_path, directory_urls) == f"site/{expected}"


def test_table_cells_and_code_spans_keep_any_text_whole() -> None:
    assert cell("a | b\nc") == "a \\| b c"
    assert code("plain") == "`plain`"
    assert code("a`b") == "``a`b``"
    assert code("`edge") == "`` `edge ``"


def test_data_files_that_cannot_be_read_are_named_not_fatal(tmp_path: Path) -> None:
    repository = two_commits(tmp_path)
    data = repository / "docs" / "data"
    (data / "bibliography.yml").write_bytes(b"- id: [unclosed\n")
    (data / "glossary.yml").write_bytes(b"- term: Caf\xe9\n")
    write(data / "changelog.yml", "date: not a list\n")
    git(repository, "commit", "-q", "-am", "Break the data files")
    result = pr_summary(repository, "--base", "main")
    assert result.returncode == 0, result.stderr
    for name in ("bibliography", "glossary", "changelog"):
        assert f"- `docs/data/{name}.yml`: cannot read the new version; `python -m guidekit check` says why" in (
            result.stdout
        )


def test_a_guide_in_a_subfolder_of_its_repository(tmp_path: Path) -> None:
    """Pages are named from docs_dir and data files from the repository's top, wherever mkdocs.yml is."""
    repository = tmp_path / "repository"
    repository.mkdir()
    site = make_site(repository)
    git(repository, "-c", "init.defaultBranch=main", "init", "-q")
    git(repository, "add", "-A")
    git(repository, "commit", "-q", "-m", "Base")
    append(site / "docs" / "index.md", "\nMore words [@temel-2010].\n")
    append(site / "docs" / "data" / "glossary.yml", NEW_TERM)
    write(repository / "notes.md", "Not in the guide.\n")
    git(repository, "add", "-A")
    git(repository, "commit", "-q", "-m", "Change")
    result = pr_summary(repository, "--base", "HEAD~1", "--config", f"{site.name}/mkdocs.yml")
    assert result.returncode == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if line.startswith("| `")]
    assert len(rows) == 1 and rows[0].startswith("| `index.md` | changed | "), result.stdout
    assert f"- `{site.name}/docs/data/glossary.yml`: new: Bone scan (`bone-scan`)" in result.stdout
    assert "- `site/index.html`" in result.stdout
    assert "notes.md" not in result.stdout


SPANISH_CONFIG = """\
site_name: Guía de prueba
docs_dir: docs-es
markdown_extensions:
  - guidekit.extension:
      docs_dir: docs-es
      language: es
      translates: docs
"""
EASY_ES = (
    FRONT.format(title="Inicio") + "# Inicio {#home}\n\nEl cáncer puede ir a otra parte. Su médico le dice qué pasa.\n"
)
HARD_ES = FRONT.format(title="Inicio") + (
    "# Inicio {#home}\n\nLa diseminación metastásica constituye un fenómeno biológico extraordinariamente"
    " complejo, caracterizado por interacciones moleculares multifactoriales entre las células neoplásicas.\n"
)


def test_a_spanish_page_shows_fernandez_huerta_in_place_of_the_grade(tmp_path: Path) -> None:
    repository = make_site(tmp_path)
    config = repository / "mkdocs.yml"
    marker = "      references_page: references.md\n"
    write(config, config.read_text(encoding="utf-8").replace(marker, marker + "      translations: [mkdocs.es.yml]\n"))
    write(repository / "mkdocs.es.yml", SPANISH_CONFIG)
    (repository / "docs-es").mkdir()
    write(repository / "docs-es" / "index.md", EASY_ES)
    git(repository, "-c", "init.defaultBranch=main", "init", "-q")
    git(repository, "add", "-A")
    git(repository, "commit", "-q", "-m", "Base")
    write(repository / "docs-es" / "index.md", HARD_ES)
    write(repository / "docs-es" / "fiebre.md", EASY_ES.replace("Inicio", "Fiebre"))
    append(repository / "docs" / "index.md", "\nMore words [@temel-2010].\n")
    git(repository, "add", "-A")
    git(repository, "commit", "-q", "-m", "Change")

    result = pr_summary(repository, "--base", "HEAD~1")
    assert result.returncode == 0, result.stderr
    rows = {line.split(" | ")[0]: line.split(" | ") for line in result.stdout.splitlines() if line.startswith("| `")}
    easy, hard = (measure_spanish(text).fernandez_huerta for text in (EASY_ES, HARD_ES))
    assert easy >= MIN_FERNANDEZ_HUERTA > hard
    assert rows["| `docs-es/index.md`"][1:3] == [
        "changed",
        f"Fernández-Huerta {easy:.1f} → **Fernández-Huerta {hard:.1f}** (under {MIN_FERNANDEZ_HUERTA:g})",
    ]
    assert rows["| `docs-es/fiebre.md`"][1:3] == ["new", f"— → Fernández-Huerta {easy:.1f}"]
    english = measure((repository / "docs" / "index.md").read_text(encoding="utf-8")).grade
    kind, grade = rows["| `index.md`"][1:3]  # the English page keeps its grade
    assert kind == "changed" and grade.endswith(f" → {english:.1f}") and "Fernández" not in grade
    for built in ("site/index.html", "site/es/index.html", "site/es/fiebre/index.html"):
        assert f"- `{built}`" in result.stdout
