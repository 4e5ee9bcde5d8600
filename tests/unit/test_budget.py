"""The page-weight report: what it prints, and that a chapter over budget fails it."""

from __future__ import annotations

import pytest

from guidekit.release.page_weight import BUDGET_BYTES, PageCost, report


def test_report_passes_under_budget_and_fails_over(capsys: pytest.CaptureFixture[str]) -> None:
    light = PageCost("basics/", 6, 60 * 1024, 40 * 1024)
    heavy = PageCost("treatment/", 8, BUDGET_BYTES + 1, 40 * 1024)
    assert report([light], {"basics/"}) == 0
    assert report([light, heavy], {"basics/", "treatment/"}) == 1
    out = capsys.readouterr().out
    assert "treatment/                  8     100.0        40.0      140.0  over the 100 KiB budget" in out
    assert "largest page: treatment/ 100.0 KiB in 8 requests (+ 40.0 KiB of search in the background)" in out
    assert report([heavy], set()) == 0, "only chapters are held to the budget"
