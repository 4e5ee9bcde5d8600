"""The command-line tool, run as a contributor runs it, compared with golden files.

Set UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate change; then read the diff.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURE_TODAY, make_site, run

GOLDEN = Path(__file__).parent / "golden"
SURVIVAL = """\
rows:
  - {cancer: Breast, percent: 32.6, period: 2015–2021, place: United States, source: nci-metastatic}
  - {cancer: Lung, percent: 9.2, period: 2016-2016, place: England, source: temel-2010}
"""

COMMANDS = {
    "help": ["--help"],
    "check-help": ["check", "--help"],
    "check": ["check"],
    "readability": ["readability"],
    "new-term": ["new-term", "Bone scan", "--abbreviation", "BS"],
    "new-term-existing": ["new-term", "ct scan"],
    "new-reference": ["new-reference", "nci-bone-scans"],
    "new-reference-article": ["new-reference", "smith-bone-scans", "--type", "article-journal"],
    "new-reference-bad-key": ["new-reference", "bad key"],
}


def compare(name: str, actual: str) -> None:
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(actual, encoding="utf-8")
    assert golden.is_file(), f"no golden file {golden}: run with UPDATE_GOLDEN=1 and review it"
    assert actual == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_output_matches_its_golden_file(name: str, tmp_path: Path) -> None:
    site = make_site(tmp_path)
    result = run([sys.executable, "-m", "guidekit", *COMMANDS[name]], site)
    text = result.output.replace(str(site), "<site>").replace("python -m guidekit", "guidekit")
    compare(f"{name}.txt", f"exit {result.returncode}\n{text}")


def test_figures_command_draws_the_golden_chart(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    (site / "docs" / "data" / "survival.yml").write_text(SURVIVAL, encoding="utf-8")
    assert run([sys.executable, "-m", "guidekit", "figures", "--check"], site).returncode == 1, "no chart yet: stale"
    result = run([sys.executable, "-m", "guidekit", "figures"], site)
    assert result.returncode == 0, result.output
    compare("survival-chart.svg", (site / "docs" / "images" / "survival-distant.svg").read_text(encoding="utf-8"))
    assert run([sys.executable, "-m", "guidekit", "figures", "--check"], site).returncode == 0
    shutil.rmtree(site)


# The machine formats, on a site with mistakes planted in pages and data files (errors and a warning).
# stdout and stderr are kept apart: GitHub and other tools read stdout, people read stderr.
FORMATS = {"check-github": "github", "check-json": "json"}
PLANTED = "many-mistakes-in-one-run"


def run_apart(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """A command run as `run` runs it (pinned date, fixed width), with stdout and stderr apart."""
    environment = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80", "GUIDEKIT_TODAY": FIXTURE_TODAY}
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=environment, timeout=300)


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_check_format_matches_its_golden_file(name: str, tmp_path: Path) -> None:
    site = make_site(tmp_path, PLANTED)
    result = run_apart([sys.executable, "-m", "guidekit", "check", "--format", FORMATS[name]], site)
    compare(f"{name}.txt", f"exit {result.returncode}\n--- stdout\n{result.stdout}--- stderr\n{result.stderr}")


def test_github_format_names_files_from_the_repository_root(tmp_path: Path) -> None:
    """A guide kept in a subfolder of its repository: GitHub must get 'guide/docs/index.md'."""
    repository = tmp_path / "repository"
    repository.mkdir()
    site = make_site(repository, "citation-unknown-key")
    subprocess.run(["git", "init", "-q"], cwd=repository, check=True)
    result = run_apart([sys.executable, "-m", "guidekit", "check", "--format", "github"], site)
    assert result.returncode == 1, result.stderr
    assert result.stdout == (
        f"::error file={site.name}/docs/index.md,line=12,col=2,title=citation-unknown-key::"
        "unknown citation key 'nci-metastatc'; did you mean 'nci-metastatic'?\n"
    )
    # Run from elsewhere with --config: the paths are the same.
    elsewhere = run_apart(
        [sys.executable, "-m", "guidekit", "check", "--format", "github", "--config", str(site / "mkdocs.yml")],
        tmp_path,
    )
    assert elsewhere.stdout == result.stdout
