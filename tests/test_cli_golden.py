"""The command-line tool, run as a contributor runs it, compared with golden files.

Set UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate change; then read the diff.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from conftest import make_site, run

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
