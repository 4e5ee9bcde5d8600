"""The guard in conftest that fails a test which leaves state behind for the next one."""

from __future__ import annotations

import os

from conftest import clear_guidekit_caches, leftover_state, process_state
from guidekit.data import pages
from guidekit.source.markdown_scan import scan_page


def test_the_guard_sees_a_filled_cache_and_a_changed_environment() -> None:
    before = process_state()
    pages.remember_outline("# Page\n", scan_page("# Page\n"))
    os.environ["GUIDEKIT_LEFT_BEHIND"] = "1"
    try:
        assert leftover_state(before, process_state()) == ["guidekit.data.pages._OUTLINES", "os.environ"]
    finally:
        del os.environ["GUIDEKIT_LEFT_BEHIND"]
        clear_guidekit_caches()
    assert leftover_state(before, process_state()) == []
