"""The corpus of broken contributions: every case must be named precisely by both entry points.

Each folder under tests/sites/cases overlays the clean fixture site with one mistake (or, for the
cases whose expected.txt is empty, with something that looks wrong but must work). expected.txt
lists every message, exactly. `make check`'s command must print exactly those, all in one run;
the strict MkDocs build must print each of them and refuse to publish. Neither may show a
traceback, and a case that expects nothing must pass both.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CASES, make_site, run_check, run_mkdocs_build

CASE_NAMES = sorted(path.name for path in CASES.iterdir() if (path / "expected.txt").is_file())


def expected_lines(case: str) -> list[str]:
    return [line for line in (CASES / case / "expected.txt").read_text(encoding="utf-8").splitlines() if line]


def test_the_corpus_is_large_and_distinct() -> None:
    failing = [case for case in CASE_NAMES if expected_lines(case)]
    assert len(failing) >= 40
    messages = {tuple(expected_lines(case)) for case in failing}
    assert len(messages) == len(failing), "two cases expect the same messages: they are not distinct"


@pytest.mark.parametrize("case", CASE_NAMES)
def test_check_reports_exactly_the_planted_mistakes(case: str, tmp_path: Path) -> None:
    result = run_check(make_site(tmp_path, case))
    expected = expected_lines(case)
    assert result.located_lines == expected, result.output
    assert result.returncode == (1 if expected else 0), result.output
    assert "Traceback" not in result.output


@pytest.mark.slow
@pytest.mark.parametrize("case", CASE_NAMES)
def test_strict_build_reports_them_and_fails(case: str, tmp_path: Path) -> None:
    site = make_site(tmp_path, case)
    result = run_mkdocs_build(site)
    assert "Traceback" not in result.output, result.output
    expected = expected_lines(case)
    if not expected:
        assert result.returncode == 0, result.output
        assert "WARNING" not in result.output and "ERROR" not in result.output, result.output
        return
    assert result.returncode != 0, result.output
    reported = result.located_lines
    for line in expected:
        assert line in reported, f"missing from the build output: {line}\n{result.output}"
    assert "Aborted" in result.output
    assert not (site / "site" / "index.html").exists(), "a failed build must not leave pages behind"


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
