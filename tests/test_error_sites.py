"""The corpus of broken contributions: every case must be named precisely by both entry points.

Each folder under tests/sites/cases overlays the clean fixture site with one mistake (or, for the
cases whose expected.txt is empty, with something that looks wrong but must work). expected.txt
lists every message, exactly. The checks must find exactly those, all in one run; `make check`'s
command must print them and fail; the strict MkDocs build must print each of them and refuse to
publish. Neither command may show a traceback, and a case that expects nothing must pass both.

The checks run in this process, one case per test. Each command sees every case once per test
run: tests/corpus_driver.py takes the whole corpus through it in one process, and the tests here
read what it recorded for their case.
"""

from __future__ import annotations

import difflib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import CASES, REPO, Run, make_site, run
from corpus_driver import record
from guidekit.check import check_project
from guidekit.core.rules import RULES, Level
from guidekit.data.project import load_project

CASE_NAMES = sorted(path.name for path in CASES.iterdir() if (path / "expected.txt").is_file())
CLEAN = "clean"  # the fixture site itself, which every case overlays
DRIVER = REPO / "tests" / "corpus_driver.py"


def expected_lines(case: str) -> list[str]:
    return [line for line in (CASES / case / "expected.txt").read_text(encoding="utf-8").splitlines() if line]


def stops_a_build(lines: list[str]) -> bool:
    """Whether any expected problem stops a build: an error, or a warning that holds the build back
    (a translation that is only behind its English, translation-outdated, does not)."""
    rules = [RULES[line.rsplit("[", 1)[1].rstrip("]")] for line in lines]
    return any(rule.level is Level.ERROR or rule.holds_back for rule in rules)


def differences(expected: list[str], reported: list[str], reporter: str) -> str:
    """What the reporter said against expected.txt, as a unified diff."""
    return "\n".join(difflib.unified_diff(expected, reported, "expected.txt", reporter, lineterm=""))


def test_the_corpus_is_large_and_distinct() -> None:
    assert CLEAN not in CASE_NAMES
    failing = [case for case in CASE_NAMES if expected_lines(case)]
    assert len(failing) >= 40
    messages = {tuple(expected_lines(case)) for case in failing}
    assert len(messages) == len(failing), "two cases expect the same messages: they are not distinct"


@pytest.mark.parametrize("case", CASE_NAMES)
def test_the_checks_find_exactly_the_planted_mistakes(case: str, tmp_path: Path) -> None:
    site = make_site(tmp_path, case)
    # Each line as both commands print it: the problem, then the rule it breaks in brackets.
    reported = [problem.report_line for problem in check_project(load_project(site / "mkdocs.yml"))]
    expected = expected_lines(case)
    assert reported == expected, differences(expected, reported, "check_project")


def test_the_checks_pass_the_clean_site(clean_site: Path) -> None:
    assert check_project(load_project(clean_site / "mkdocs.yml")) == []


# The two commands, each over the whole corpus in one process.


@dataclass(frozen=True)
class Recorded(Run):
    """What a command did with one site, as tests/corpus_driver.py recorded it."""

    site: Path
    traceback: bool  # an exception escaped, or a traceback was printed
    left_pages: bool  # the build left site/index.html behind


class Records(dict[str, Recorded]):
    """Each case's record, by case name; shown in a failing test's arguments by its size alone."""

    def __repr__(self) -> str:
        return f"<records of {len(self)} sites>"


def run_corpus(entry_point: str, root: Path) -> Records:
    """Every case, and the clean site, through one entry point in one process; its record per case."""
    sites = {case: make_site(root, case) for case in CASE_NAMES} | {CLEAN: make_site(root)}
    records = root / "records.jsonl"
    result = run([sys.executable, str(DRIVER), entry_point, str(records), *map(str, sites.values())], root)
    assert result.returncode == 0, result.output
    found = {}
    for line in records.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        found[item["site"]] = Recorded(
            item["returncode"], item["output"], Path(item["site"]), item["traceback"], item["left_pages"]
        )
    return Records({name: found[str(site.resolve())] for name, site in sites.items()})


@pytest.fixture(scope="module")
def check_command(tmp_path_factory: pytest.TempPathFactory) -> Records:
    return run_corpus("check", tmp_path_factory.mktemp("check"))


@pytest.fixture(scope="module")
def strict_build(tmp_path_factory: pytest.TempPathFactory) -> Records:
    return run_corpus("build", tmp_path_factory.mktemp("build"))


@pytest.mark.slow
@pytest.mark.parametrize("case", CASE_NAMES)
def test_the_check_command_prints_exactly_them_and_fails(case: str, check_command: Records) -> None:
    result = check_command[case]
    expected = expected_lines(case)
    assert result.located_lines == expected, differences(expected, result.located_lines, "python -m guidekit check")
    assert result.returncode == (1 if stops_a_build(expected) else 0), result.output
    assert not result.traceback, result.output


@pytest.mark.slow
@pytest.mark.parametrize("case", CASE_NAMES)
def test_strict_build_reports_them_and_fails(case: str, strict_build: Records) -> None:
    result = strict_build[case]
    assert not result.traceback, result.output
    expected = expected_lines(case)
    if not stops_a_build(expected):
        assert result.returncode == 0, result.output
        assert "WARNING" not in result.output and "ERROR" not in result.output, result.output
        assert [line for line in expected if line not in result.located_lines] == [], result.output
        return
    assert result.returncode != 0, result.output
    reported = result.located_lines
    for line in expected:
        assert line in reported, f"missing from the build output: {line}\n{result.output}"
    assert "Aborted" in result.output
    assert not result.left_pages, "a failed build must not leave pages behind"


@pytest.mark.slow
def test_clean_site_passes_both(check_command: Records, strict_build: Records) -> None:
    check = check_command[CLEAN]
    assert check.returncode == 0, check.output
    assert check.located_lines == []
    build = strict_build[CLEAN]
    assert build.returncode == 0, build.output
    assert "WARNING" not in build.output and "ERROR" not in build.output
    html = (build.site / "site" / "index.html").read_text(encoding="utf-8")
    assert 'id="cite-1"' in html and 'id="source-2"' in html
    assert "[@not-a-key]" in html and "[@also-not-a-key]" in html  # code is left alone


def test_the_driver_records_a_crash_instead_of_raising_it(tmp_path: Path) -> None:
    """An exception in one site is written into its record (so the tests above can see it), not raised."""

    def crashes(site: Path) -> tuple[int, str]:
        print("checking", site.name)
        raise KeyError("state")

    crashed = record(tmp_path, crashes)
    assert crashed["returncode"] == 1 and crashed["traceback"] is True and crashed["left_pages"] is False
    assert str(crashed["output"]).startswith(f"checking {tmp_path.name}\nTraceback (most recent call last):")
    assert str(crashed["output"]).endswith("KeyError: 'state'\n")
