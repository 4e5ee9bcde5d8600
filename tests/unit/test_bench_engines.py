"""The benchmark's engine table: MkDocs and Zensical side by side, and the guide's own share of a rebuild."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path

import pytest
import yaml
from markdown import Markdown

from bench.benchmark import Row, evaluate, exit_code, format_report, runs_for, runs_note
from bench.engines import (
    EngineRow,
    Reload,
    edited,
    engine_targets,
    format_engine_table,
    measure_checked_builds,
    measure_reloads,
    page_path,
    reload_token,
)
from bench.measure import Sample
from bench.owncode import HOOK_FILES, OWN_PREFIX, hook_modules, parse_own_report, timing_own_code
from bench.synthetic import HOOKS_DIR, guide_files, write_synthetic_guide

DAY = dt.date(2026, 11, 22)


def engine_row(
    label: str = "real",
    chapters: int | None = None,
    mkdocs: float = 2.0,
    zensical: float = 1.0,
    reloads: dict[str, list[Reload]] | None = None,
) -> EngineRow:
    builds = {"mkdocs": Sample(mkdocs, 60_000), "zensical": Sample(zensical, 70_000)}
    if reloads is None:
        reloads = {"mkdocs": [Reload(1.0, 0.02)], "zensical": [Reload(0.5, 0.01)]}
    return EngineRow(label, 17, builds, reloads, chapters)


def test_pages_are_served_under_the_site_url_path_with_directory_urls() -> None:
    assert page_path("https://example.org/guide/", "basics.md") == "/guide/basics/"
    assert page_path("https://example.org/guide", "index.md") == "/guide/"
    assert page_path("https://example.org/", "chapter-0002.md") == "/chapter-0002/"
    assert page_path(None, "index.md") == "/"
    assert page_path("https://example.org/guide/", "sub/page.md") == "/guide/sub/page/"
    assert page_path("https://example.org/guide/", "sub/index.md") == "/guide/sub/"


def test_each_edit_adds_a_word_no_page_holds() -> None:
    first, second = reload_token(1, "abc"), reload_token(2, "abc")
    assert first != second and first.isalnum()
    page = b"---\ntitle: A\n---\n\n# A\n\nText.\n\n"
    changed = edited(page, first)
    assert changed.startswith(page.rstrip(b"\n")) and changed.endswith(f"{first}.\n".encode())
    assert first not in page.decode() and first in changed.decode()


def test_a_row_gives_the_ratio_and_the_median_share_of_each_engine() -> None:
    reloads = {
        "mkdocs": [Reload(1.0, 0.01), Reload(2.0, 0.2), Reload(1.0, 0.03)],
        "zensical": [Reload(0.4, 0.1)],
    }
    row = engine_row(mkdocs=2.0, zensical=1.5, reloads=reloads)
    assert row.ratio == pytest.approx(0.75)
    assert row.reload_seconds("mkdocs") == pytest.approx(1.0)
    assert row.own_seconds("mkdocs") == pytest.approx(0.03)
    assert row.own_share("mkdocs") == pytest.approx(0.03)  # the median of 1 %, 10 % and 3 %
    assert row.own_share("zensical") == pytest.approx(0.25)
    unserved = engine_row(reloads={})
    assert unserved.own_share("mkdocs") is None and unserved.reload_seconds("zensical") is None


def test_engine_targets_judge_the_real_guide_ratio_and_every_share() -> None:
    good = [engine_row("N=10", 10, mkdocs=1.0, zensical=0.9), engine_row(mkdocs=2.0, zensical=1.2)]
    targets = engine_targets(good)
    assert [t.passed for t in targets] == [True, True, True, True, True]
    assert targets[0].value == "0.60 x"
    slow = [engine_row(mkdocs=2.0, zensical=1.3)]
    assert [t.passed for t in engine_targets(slow)] == [False, True, True]
    heavy = [engine_row(reloads={"mkdocs": [Reload(1.0, 0.06)], "zensical": [Reload(1.0, 0.01)]})]
    assert [t.passed for t in engine_targets(heavy)] == [True, False, True]
    no_real = engine_targets([engine_row("N=10", 10, reloads={})])
    assert [t.passed for t in no_real] == [None, None, None]


def test_the_report_shows_both_tables_and_fails_on_a_missed_engine_target() -> None:
    features = [Row("real", 17, 1.8, 1.1, 56_000, 50_000, 0.2)]
    engines = [engine_row(mkdocs=2.0, zensical=1.6)]
    targets = evaluate(features, engines)
    report = format_report(features, targets, "machine: test", "medians of 3 run(s)", engines)
    assert exit_code(targets) == 1
    assert "MkDocs and Zensical" in report and "0.80 x" in report
    line = next(line for line in report.splitlines() if line.startswith("real") and "x" in line)
    assert "2.00" in line and "1.60" in line and "2.0 %" in line
    assert "checked build Zensical / MkDocs, real guide" in report and "FAIL" in report


def test_the_engine_table_shows_dashes_for_what_was_not_measured() -> None:
    lines = format_engine_table([engine_row("N=10", 10, reloads={})])
    assert lines[2].split()[:5] == ["N=10", "17", "2.00", "1.00", "0.50"]
    assert lines[2].split()[-6:] == ["-"] * 6


def test_large_guides_get_their_own_number_of_runs() -> None:
    assert runs_for(100, 3, 1) == 3 and runs_for(None, 3, 1) == 3
    assert runs_for(1000, 3, 1) == 1 and runs_for(1000, 1, 2) == 1
    assert runs_note([10, 100], 3, 1) == "medians of 3 run(s)"
    assert runs_note([10, 1000], 3, 1) == "medians of 3 run(s); 1 at N=1000"


def test_the_servers_reports_are_read_back() -> None:
    assert parse_own_report(f"{OWN_PREFIX}0.125000") == pytest.approx(0.125)
    assert parse_own_report("INFO    -  Building documentation...") is None
    assert parse_own_report(f"{OWN_PREFIX}soon") is None


def test_the_synthetic_config_suits_both_engines() -> None:
    config = yaml.safe_load(guide_files(10, today=DAY)["mkdocs.yml"])
    assert config["theme"]["variant"] == "classic"
    assert config["watch"] == ["docs/data"]
    settings = next(
        e["guidekit.extension"]
        for e in config["markdown_extensions"]
        if isinstance(e, dict) and "guidekit.extension" in e
    )
    assert settings["glossary"] == "docs/data/glossary.yml" and settings["docs_dir"] == "docs"


def test_own_code_is_timed_wherever_check_project_was_imported_and_then_restored(tmp_path: Path) -> None:
    from guidekit import check as checks
    from guidekit import cli
    from guidekit.data.project import load_project

    write_synthetic_guide(tmp_path, 3, today=DAY)
    project = load_project(tmp_path / "mkdocs.yml")
    original = checks.check_project
    with timing_own_code() as own:
        assert cli.check_project is not original  # a module that imported it by name is timed too
        assert own[0] == 0
        cli.check_project(project, DAY)
        after_one_check = own[0]
        assert after_one_check > 0
    cli.check_project(project, DAY)  # outside the block: no longer counted
    assert own[0] == after_one_check
    assert checks.check_project is original and cli.check_project is original


def load_hook_as_mkdocs_does(name: str):
    """A hook module as MkDocs loads it: named by its path as written, kept in sys.modules."""
    spec = importlib.util.spec_from_file_location(name, HOOKS_DIR / Path(name).name)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def test_the_hooks_and_the_extension_are_timed_too(tmp_path: Path) -> None:
    name = "hooks/glightbox_pages.py"
    hook = load_hook_as_mkdocs_does(name)
    try:
        assert hook in hook_modules() and {Path(hook.__file__).name} <= HOOK_FILES
        original = hook.on_page_markdown
        write_synthetic_guide(tmp_path, 3, today=DAY)
        settings = {"root": str(tmp_path), "docs_dir": "docs", "report": lambda found: None}
        text = (tmp_path / "docs" / "chapter-0002.md").read_text(encoding="utf-8")
        with timing_own_code() as own:
            assert hook.on_page_markdown is not original
            md = Markdown(extensions=["guidekit.extension"], extension_configs={"guidekit.extension": settings})
            assert own[0] > 0  # the extension's constructor and extendMarkdown
            before = own[0]
            html = md.convert(text.split("---", 2)[2])
            assert 'class="guide-term"' in html and own[0] > before
        assert hook.on_page_markdown is original
    finally:
        sys.modules.pop(name, None)


@pytest.mark.slow
@pytest.mark.zensical
def test_a_synthetic_guide_builds_checked_with_both_engines(tmp_path: Path) -> None:
    guide = tmp_path / "guide"
    write_synthetic_guide(guide, 3)
    builds = measure_checked_builds(guide, 1, tmp_path, "n3")
    assert set(builds) == {"mkdocs", "zensical"}
    for engine in builds:
        page = (tmp_path / f"n3-{engine}-site" / "chapter-0002" / "index.html").read_text(encoding="utf-8")
        assert 'class="guide-term"' in page and "guide-cite" in page


@pytest.mark.slow
@pytest.mark.zensical
@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_an_edit_under_serve_is_timed_with_the_guides_own_share(tmp_path: Path, engine: str) -> None:
    write_synthetic_guide(tmp_path, 3)
    page = tmp_path / "docs" / "chapter-0002.md"
    original = page.read_bytes()
    reloads = measure_reloads(engine, tmp_path, "chapter-0002.md", 2, timeout=120)
    assert len(reloads) == 2
    assert all(0 < r.seconds < 120 and 0 < r.own < r.seconds for r in reloads)
    assert page.read_bytes() == original
