"""The guard in conftest that fails a test which leaves state behind for the next one, and the
rule it relies on: guidekit keeps no state at module level (no caches, no registries to fill)."""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys

import guidekit
from conftest import leftover_state, process_state
from guidekit.core import html_policy


def test_the_guard_sees_a_changed_module_value_and_a_changed_environment(monkeypatch) -> None:
    monkeypatch.setattr(html_policy, "LEFT_BEHIND", {"a": 1}, raising=False)  # undone by monkeypatch
    before = process_state()
    html_policy.LEFT_BEHIND["b"] = 2  # type: ignore[attr-defined]
    os.environ["GUIDEKIT_LEFT_BEHIND"] = "1"
    try:
        assert leftover_state(before, process_state()) == ["guidekit.core.html_policy.LEFT_BEHIND", "os.environ"]
    finally:
        del os.environ["GUIDEKIT_LEFT_BEHIND"]
        del html_policy.LEFT_BEHIND["b"]  # type: ignore[attr-defined]
    assert leftover_state(before, process_state()) == []


def _module_level_state() -> list[str]:
    """Every mutable container or cache a guidekit module holds at module level (its own, not an
    imported function such as ``urlsplit``, which the standard library caches)."""
    found = []
    saved_path = list(sys.path)  # textstat, imported by readability, adds setuptools' vendored folder
    try:
        for info in pkgutil.walk_packages(guidekit.__path__, "guidekit."):
            if info.name == "guidekit.__main__":
                continue  # importing it runs the command line
            module = importlib.import_module(info.name)
            for name, value in vars(module).items():
                if name.startswith("__"):
                    continue
                own_cache = hasattr(value, "cache_info") and getattr(value, "__module__", None) == info.name
                if isinstance(value, (dict, list, set, bytearray)) or own_cache:
                    found.append(f"{info.name}.{name}")
    finally:
        sys.path[:] = saved_path
    return found


def test_no_module_keeps_state() -> None:
    assert _module_level_state() == []


def test_a_module_level_cache_would_be_found(monkeypatch) -> None:
    monkeypatch.setattr(html_policy, "SEEN", {}, raising=False)
    assert _module_level_state() == ["guidekit.core.html_policy.SEEN"]
