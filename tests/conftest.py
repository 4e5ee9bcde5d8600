"""Shared helpers: fixture sites from tests/sites, the two entry points, and a real browser over
the built guide (Debian's Chromium driven by Playwright, the site served on 127.0.0.1)."""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from guidekit.release.browser import BrowserMissingError, chromium, serve_folder
from guidekit.release.publish import ENGINES, mkdocs_build_command
from guidekit.source.markdown_scan import front_matter_yaml

REPO = Path(__file__).resolve().parents[1]
SITES = REPO / "tests" / "sites"
CASES = SITES / "cases"
# The fixtures' dates (accessed, last_reviewed, next_review) are judged as on this day, so they
# do not expire as real time passes. Every test runs with it unless it says otherwise.
FIXTURE_TODAY = "2026-11-22"
# Marks the one test that judges the real guide by the real date (reviews overdue fail it, on
# purpose). The runs with a moved clock (`make test-clock`) leave it out.
REAL_CLOCK = "real_clock"


def guide_edition_day() -> str:
    """The newest day written in the real guide's own content (reviews, sources read, changes).

    Builds of the real guide are judged as on this day: a fixed point of the content itself, so
    they pass whatever the calendar says, while the `real_clock` test watches the real date.
    """
    days: list[dt.date] = []
    for page in sorted((REPO / "docs").rglob("*.md")):
        front = front_matter_yaml(page.read_text(encoding="utf-8"))
        reviewed = (yaml.safe_load(front) or {}).get("last_reviewed") if front else None
        days += [reviewed] if isinstance(reviewed, dt.date) else []  # next_review is a future day
    data = REPO / "docs" / "data"
    for name, field in (("bibliography.yml", "accessed"), ("changelog.yml", "date")):
        entries = yaml.safe_load((data / name).read_text(encoding="utf-8")) or []
        days += [entry[field] for entry in entries if isinstance(entry.get(field), dt.date)]
    return max(days).isoformat()


GUIDE_TODAY = guide_edition_day()


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


def run(command: list[str], cwd: Path, today: str | None = FIXTURE_TODAY, env: dict[str, str] | None = None) -> Run:
    """Run a command as on ``today`` (GUIDEKIT_TODAY); None, for the `real_clock` test only, is the real date.

    ``env`` replaces the inherited environment (the pinned date and output settings are still added)."""
    # COLUMNS: help texts wrap at the same width everywhere, so golden files match.
    environment = {**(os.environ if env is None else env), "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1", "COLUMNS": "80"}
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
    return run(mkdocs_build_command(None, site_dir or site / "site"), site, today)


def make_site(destination: Path, case: str | None = None) -> Path:
    """A copy of the clean fixture site with the repository's hooks, overlaid by a case's files."""
    site = destination / (case or "clean")
    shutil.copytree(SITES / "clean", site)
    shutil.copytree(REPO / "hooks", site / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    if case:
        shutil.copytree(CASES / case, site, dirs_exist_ok=True, ignore=shutil.ignore_patterns("expected.txt"))
    return site


def copy_guide(destination: Path) -> Path:
    """The guide's sources (config, pages, theme overrides, hooks) in a scratch folder."""
    guide = destination / "guide"
    guide.mkdir()
    shutil.copy2(REPO / "mkdocs.yml", guide)
    shutil.copy2(REPO / "mkdocs.es.yml", guide)  # the Spanish edition, built into es/
    for folder in ("docs", "docs-es", "overrides", "hooks"):
        shutil.copytree(REPO / folder, guide / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return guide


def process_state() -> dict[str, object]:
    """What a test could leave behind for the next one: guidekit's module-level values, the
    environment, sys.path, the working directory and the logging set-up."""
    state: dict[str, object] = {
        # pytest itself writes the current phase into PYTEST_CURRENT_TEST.
        "os.environ": {k: v for k, v in os.environ.items() if k != "PYTEST_CURRENT_TEST"},
        "sys.path": list(sys.path),
        "cwd": os.getcwd(),
        "root logger": (logging.getLogger().level, list(logging.getLogger().handlers)),
    }
    for name, module in sorted(sys.modules.items()):
        if name == "guidekit" or name.startswith("guidekit."):
            for attribute, value in vars(module).items():
                if isinstance(value, (dict, list, set)):
                    state[f"{name}.{attribute}"] = repr(value)
                elif hasattr(value, "cache_info") and getattr(value, "__module__", None) == name:
                    state[f"{name}.{attribute}"] = value.cache_info().currsize
    return state


def leftover_state(before: dict[str, object], after: dict[str, object]) -> list[str]:
    """The names whose values differ (a module imported during the test adds names: not a change)."""
    return sorted(key for key in before.keys() & after.keys() if before[key] != after[key])


@pytest.fixture(autouse=True)
def no_state_left_behind() -> Iterator[None]:
    """Each test must leave the process as it found it (guidekit keeps no module-level state to empty)."""
    before = process_state()
    yield
    after = process_state()
    changed = leftover_state(before, after)
    if "os.environ" in changed:
        old, new = before["os.environ"], after["os.environ"]
        changed.remove("os.environ")
        changed += [
            f"${name}" for name in sorted(old.keys() ^ new.keys() | {k for k in old if old[k] != new.get(k, old[k])})
        ]
    assert not changed, f"the test left state behind: {', '.join(changed)}"


@pytest.fixture(autouse=True)
def pinned_clock(no_state_left_behind: None, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test judges dates as on FIXTURE_TODAY, in process and in the commands it runs."""
    if request.node.get_closest_marker(REAL_CLOCK) is None:
        monkeypatch.setenv("GUIDEKIT_TODAY", FIXTURE_TODAY)
    else:
        monkeypatch.delenv("GUIDEKIT_TODAY", raising=False)


@pytest.fixture
def clean_site(tmp_path: Path) -> Path:
    return make_site(tmp_path)


# Markers that follow from what a test uses, so a new test cannot forget them (`make test-fast`
# leaves out slow, browser and pdf). `dist` is tests/test_offline.py's offline copy, whose PDF
# Chromium prints.
MARKERS_BY_FIXTURE = {"browser": ("browser",), "page": ("browser",), "dist": ("browser", "pdf")}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        parameters = item.callspec.params if hasattr(item, "callspec") else {}  # a parameter named `page` is no browser
        fixtures = [name for name in getattr(item, "fixturenames", ()) if name not in parameters]
        names = {marker for fixture in fixtures for marker in MARKERS_BY_FIXTURE.get(fixture, ())}
        for name in sorted(names - {marker.name for marker in item.iter_markers()}):
            item.add_marker(name)


# Each site builder the guide supports. Zensical's runs carry the `zensical` marker, so the
# moved-clock runs (under faketime, where Zensical hangs) leave them out.
ENGINE_PARAMS = tuple(
    pytest.param(name, marks=[pytest.mark.zensical] if name == "zensical" else []) for name in ENGINES
)


@pytest.fixture(scope="session", params=ENGINE_PARAMS)
def engine(request: pytest.FixtureRequest) -> str:
    """The site builder a test runs over; a test that asks for it runs once for each engine."""
    return request.param


@dataclass(frozen=True)
class SearchUi:
    """Where a page's search box and the links of its results are, as Playwright selectors."""

    query: str
    result_link: str


@pytest.fixture(scope="session")
def search_ui(engine: str) -> SearchUi:
    """The search of ``engine``'s theme. Zensical's is a dialog of its own inside a shadow root
    (Playwright's CSS selectors reach into it), with minified class names: found by its ARIA roles."""
    if engine == "zensical":
        return SearchUi(query="dialog input[role=combobox]", result_link="[role=listbox] a[role=option]")
    return SearchUi(query="input.md-search__input", result_link=".md-search-result__item > a")


@pytest.fixture(scope="session")
def built_guide(engine: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real guide, built once per engine for all browser tests."""
    site = tmp_path_factory.mktemp(f"browser-{engine}") / "site"
    command = [sys.executable, "-m", "guidekit", "build", "--engine", engine, "--site-dir", str(site)]
    result = run(command, REPO, GUIDE_TODAY)
    assert result.returncode == 0, result.output
    return site


@pytest.fixture(scope="session")
def site_url(built_guide: Path) -> Iterator[str]:
    """The built guide served on 127.0.0.1, at the same path as the published site (/guide/)."""
    root = built_guide.parent / "root"
    root.mkdir()
    (root / "guide").symlink_to(built_guide, target_is_directory=True)
    with serve_folder(root) as base:
        yield base + "guide/"


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Debian Chromium; a missing browser fails with the command that fixes it."""
    try:
        with chromium() as instance:
            yield instance
    except BrowserMissingError as error:
        pytest.fail(f"{error} (`make test` run as root installs it)")


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
    tab = context.new_page()
    yield tab
    context.close()
