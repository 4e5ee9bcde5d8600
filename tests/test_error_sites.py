"""Each fixture site under tests/sites/cases plants mistakes; both entry points must report them.

`expected.txt` beside each case lists every message, exactly. The check must print exactly those
(all of them, in one run); the strict MkDocs build must print each of them and refuse to finish.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CASES, make_site, run_check, run_mkdocs_build

CASE_NAMES = sorted(path.name for path in CASES.iterdir() if (path / "expected.txt").is_file())


def expected_lines(case: str) -> list[str]:
    return [line for line in (CASES / case / "expected.txt").read_text(encoding="utf-8").splitlines() if line]


def test_every_case_has_expectations() -> None:
    assert len(CASE_NAMES) >= 7
    for case in CASE_NAMES:
        assert expected_lines(case), f"{case}/expected.txt is empty"


@pytest.mark.parametrize("case", CASE_NAMES)
def test_check_reports_exactly_the_planted_mistakes(case: str, tmp_path: Path) -> None:
    result = run_check(make_site(tmp_path, case))
    assert result.returncode == 1, result.output
    assert result.located_lines == expected_lines(case)
    assert "Traceback" not in result.output


@pytest.mark.slow
@pytest.mark.parametrize("case", CASE_NAMES)
def test_strict_build_reports_them_and_fails(case: str, tmp_path: Path) -> None:
    site = make_site(tmp_path, case)
    result = run_mkdocs_build(site)
    assert result.returncode != 0, result.output
    reported = result.located_lines
    for line in expected_lines(case):
        assert line in reported, f"missing from the build output: {line}\n{result.output}"
    assert "Traceback" not in result.output
    assert "Aborted" in result.output


@pytest.mark.slow
def test_clean_site_passes_both(clean_site: Path) -> None:
    check = run_check(clean_site)
    assert check.returncode == 0, check.output
    assert check.located_lines == []
    build = run_mkdocs_build(clean_site)
    assert build.returncode == 0, build.output
    assert "WARNING" not in build.output and "ERROR" not in build.output
    html = (clean_site / "site" / "index.html").read_text(encoding="utf-8")
    assert 'id="cite-1"' in html and 'id="source-2"' in html
    assert "[@not-a-key]" in html and "[@also-not-a-key]" in html  # code is left alone
