"""Shared helpers: building fixture sites from tests/sites and running the two entry points."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SITES = REPO / "tests" / "sites"
CASES = SITES / "cases"
# The fixtures' dates (accessed, last_reviewed, next_review) are judged as on this day, so they
# do not expire as real time passes.
FIXTURE_TODAY = "2026-11-22"


@dataclass(frozen=True)
class Run:
    """What a command printed and how it ended."""

    returncode: int
    output: str

    @property
    def located_lines(self) -> list[str]:
        """Lines shaped like ``path:line:column: message``, with any log-level prefix removed."""
        lines = []
        for line in self.output.splitlines():
            text = line.split(" -  ", 1)[1] if " -  " in line else line
            head = text.split(": ", 1)[0]
            if head.count(":") == 2 and all(part.isdigit() for part in head.split(":")[1:]):
                lines.append(text)
        return lines


def run(command: list[str], cwd: Path, today: str | None = None) -> Run:
    """Run a command; ``today`` sets GUIDEKIT_TODAY (fixture sites), None judges by the real date."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    environment.pop("GUIDEKIT_TODAY", None)
    if today:
        environment["GUIDEKIT_TODAY"] = today
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=environment, timeout=300)
    return Run(result.returncode, result.stdout + result.stderr)


def run_check(site: Path, today: str | None = FIXTURE_TODAY) -> Run:
    """``make check``'s command, in a site folder."""
    return run([sys.executable, "-m", "guidekit", "check"], site, today)


def run_mkdocs_build(site: Path, site_dir: Path | None = None, today: str | None = FIXTURE_TODAY) -> Run:
    """A strict MkDocs build, as ``make build`` runs it (never with -q: it hides warnings)."""
    target = site_dir or site / "site"
    return run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target)], site, today)


def make_site(destination: Path, case: str | None = None) -> Path:
    """A copy of the clean fixture site with the repository's hooks, overlaid by a case's files."""
    site = destination / (case or "clean")
    shutil.copytree(SITES / "clean", site)
    shutil.copytree(REPO / "hooks", site / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    if case:
        shutil.copytree(CASES / case, site, dirs_exist_ok=True, ignore=shutil.ignore_patterns("expected.txt"))
    return site


@pytest.fixture
def clean_site(tmp_path: Path) -> Path:
    return make_site(tmp_path)
