"""The day the checks judge dates by: the real date, or a pinned $GUIDEKIT_TODAY, never a guess."""

from __future__ import annotations

import datetime as dt
import sys

import pytest

from conftest import make_site, run, run_mkdocs_build
from guidekit.core.dates import ClockError, today


def test_a_pinned_day_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GUIDEKIT_TODAY", "2031-02-28")
    assert today() == dt.date(2031, 2, 28)


@pytest.mark.real_clock
def test_unset_or_empty_means_the_real_date(monkeypatch: pytest.MonkeyPatch) -> None:
    assert today() == dt.date.today()
    monkeypatch.setenv("GUIDEKIT_TODAY", "")
    assert today() == dt.date.today()


@pytest.mark.parametrize("value", ["2026-13-01", "2026-02-30", "tomorrow", "20261122", "2026-W47-7", "2026-11-22 "])
def test_a_malformed_day_is_an_error_not_ignored(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GUIDEKIT_TODAY", value)
    with pytest.raises(ClockError, match=r"GUIDEKIT_TODAY is .* which is not a day: write it as YYYY-MM-DD"):
        today()


def test_the_check_command_names_a_malformed_day(tmp_path) -> None:
    result = run([sys.executable, "-m", "guidekit", "check"], make_site(tmp_path), today="2026-11-31")
    assert result.returncode == 2, result.output
    assert result.output.strip() == (
        "error: GUIDEKIT_TODAY is '2026-11-31', which is not a day: write it as YYYY-MM-DD "
        "(for example GUIDEKIT_TODAY=2027-01-31), or unset it to use today's date"
    )


@pytest.mark.slow
def test_the_build_names_a_malformed_day(tmp_path) -> None:
    result = run_mkdocs_build(make_site(tmp_path), today="next week")
    assert result.returncode != 0
    assert "Traceback" not in result.output
    assert "GUIDEKIT_TODAY is 'next week', which is not a day" in result.output
