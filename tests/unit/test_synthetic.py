"""The synthetic guides the benchmark builds, and how the benchmark judges its numbers."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bench.benchmark import (
    Row,
    evaluate,
    exit_code,
    format_report,
    run_benchmark,
    run_measured,
    strip_guide_machinery,
)
from bench.synthetic import HOOKS_DIR, guide_files, write_synthetic_guide

DAY = dt.date(2026, 11, 22)
GLOSSARY_LINK = re.compile(r"\]\(glossary\.md#[a-z0-9-]+\)")
CITATION = re.compile(r"\[@[^\]]+\]")


def chapters(files: dict[str, str]) -> dict[str, str]:
    generated = {"docs/glossary.md", "docs/references.md"}
    return {path: text for path, text in files.items() if path.endswith(".md") and path not in generated}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def test_the_same_arguments_give_the_same_bytes(tmp_path: Path) -> None:
    write_synthetic_guide(tmp_path / "one", 12, seed=3, today=DAY)
    write_synthetic_guide(tmp_path / "two", 12, seed=3, today=DAY)
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")
    assert guide_files(12, seed=4, today=DAY) != guide_files(12, seed=3, today=DAY)


def test_writing_again_replaces_the_old_pages(tmp_path: Path) -> None:
    write_synthetic_guide(tmp_path, 12, today=DAY)
    write_synthetic_guide(tmp_path, 10, today=DAY)
    assert len(list((tmp_path / "docs").glob("*.md"))) == 12  # 10 chapters, the glossary and the references


def test_a_ten_page_guide_passes_the_checks(tmp_path: Path) -> None:
    write_synthetic_guide(tmp_path, 10)  # dated "today" (pinned by conftest), as the benchmark writes it
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "guidekit", "check"], cwd=tmp_path, capture_output=True, text=True, env=environment
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "guide check: no problems found"


def test_density_matches_the_real_guide() -> None:
    for pages, expected in ((10, 10), (40, 20)):
        files = guide_files(pages, today=DAY)
        glossary = yaml.safe_load(files["docs/data/glossary.yml"])
        bibliography = yaml.safe_load(files["docs/data/bibliography.yml"])
        assert len(glossary) == expected and len(bibliography) == expected
        pages_text = chapters(files)
        assert len(pages_text) == pages
        for path, text in pages_text.items():
            assert 18 <= len(GLOSSARY_LINK.findall(text)) <= 22, path
            assert 9 <= len(CITATION.findall(text)) <= 11, path
        figures = sum("](images/scanner.svg){ width=" in text for text in pages_text.values())
        assert figures == pages // 5
        assert "<!-- guide:glossary -->" in files["docs/glossary.md"]


def test_front_matter_is_dated_from_the_given_day() -> None:
    text = guide_files(10, today=DAY)["docs/index.md"]
    front = yaml.safe_load(text.split("---")[1])
    assert set(front) == {"title", "description", "review_status", "last_reviewed", "next_review"}
    assert front["last_reviewed"] == DAY and front["next_review"] == DAY + dt.timedelta(days=300)
    assert front["review_status"] == "awaiting clinical review" and len(front["description"]) <= 160


def test_the_config_uses_the_real_hooks_and_lists_every_page() -> None:
    files = guide_files(10, today=DAY)
    config = yaml.safe_load(files["mkdocs.yml"])
    assert config["hooks"] == [str(HOOKS_DIR / "guide_checks.py"), str(HOOKS_DIR / "glightbox_pages.py")]
    assert all(Path(hook).is_file() for hook in config["hooks"])
    assert config["strict"] is True and config["theme"]["font"] is False
    listed = [next(iter(entry.values())) for entry in config["nav"]]
    assert sorted(listed) == sorted(path.removeprefix("docs/") for path in files if path.endswith(".md"))


def test_without_features_there_is_no_guide_syntax() -> None:
    with_features, plain = guide_files(10, today=DAY), guide_files(10, features=False, today=DAY)
    assert sorted(with_features) == sorted(plain)
    for path, text in plain.items():
        assert "[@" not in text, path
        assert "glossary.md#" not in text, path
        assert "<!-- guide:" not in text, path
    config = yaml.safe_load(plain["mkdocs.yml"])
    assert "hooks" not in config
    assert not any(isinstance(e, dict) and "guidekit.extension" in e for e in config["markdown_extensions"])
    assert "(nci-bone-scan-1)" in plain["docs/index.md"]
    assert "- **Bone scan**: " in plain["docs/glossary.md"]


def row(label: str, chapters: int | None, build_a: float = 10.3, check: float = 0.2, peak_a: int = 100_000) -> Row:
    return Row(label, 12, build_a, 10.0, peak_a, 90_000, check, 1.0, 0.9, chapters)


def test_targets_pass_on_good_numbers() -> None:
    rows = [row("N=100", 100, check=0.5), row("N=1000", 1000, check=4.0), row("real", None, check=0.2)]
    targets = evaluate(rows)
    assert [t.passed for t in targets] == [True, True, True, True, True, True]
    assert exit_code(targets) == 0
    report = format_report(rows, targets)
    assert "+3.0 %" in report and "8.00 x" in report and "FAIL" not in report


def test_each_missed_target_fails_the_benchmark() -> None:
    good = [row("N=100", 100, check=0.5), row("N=1000", 1000, check=4.0), row("real", None)]
    slow_build = [row("N=100", 100, check=0.5), row("N=1000", 1000, check=4.0), row("real", None, build_a=10.6)]
    slow_check = [*good[:2], row("real", None, check=0.5)]
    steep_check = [good[0], row("N=1000", 1000, check=6.5), good[2]]
    heavy = [good[0], row("N=1000", 1000, check=4.0, peak_a=136_000), good[2]]
    assert exit_code(evaluate(good)) == 0
    for rows in (slow_build, slow_check, steep_check, heavy):
        targets = evaluate(rows)
        assert exit_code(targets) == 1
        assert sum(t.passed is False for t in targets) == 1
        assert "FAIL" in format_report(rows, targets)


def test_unmeasured_targets_neither_pass_nor_fail() -> None:
    targets = evaluate([row("N=10", 10)])
    assert [t.passed for t in targets] == [True, None, None, True]
    assert exit_code(targets) == 0


def test_stripping_the_machinery_keeps_the_rest() -> None:
    config = (
        "site_name: G\nvalidation:\n  anchors: warn\nextra:\n  offline: !ENV [OFFLINE, false]\n"
        "hooks:\n  - hooks/a.py\n\n  - hooks/b.py\nmarkdown_extensions:\n  - toc:\n      permalink: true\n"
        "  - guidekit.extension:\n      glossary: docs/data/glossary.yml\n\n      docs_dir: docs\n"
        "  - pymdownx.details\nnav:\n  - Home: index.md\n"
    )
    assert strip_guide_machinery(config) == (
        "site_name: G\nvalidation:\n  anchors: warn\nextra:\n  offline: !ENV [OFFLINE, false]\n"
        "markdown_extensions:\n  - toc:\n      permalink: true\n  - pymdownx.details\nnav:\n  - Home: index.md\n"
    )


def test_a_measured_child_reports_its_own_time_and_memory(tmp_path: Path) -> None:
    sample = run_measured([sys.executable, "-c", "x = bytearray(64 * 1024 * 1024)"], tmp_path)
    assert sample.seconds > 0
    assert sample.peak_kib >= 64 * 1024


def test_bad_options_are_an_error_not_a_result(tmp_path: Path) -> None:
    assert run_benchmark("ten", runs=1, work=tmp_path) == 2
    assert run_benchmark([10], runs=0, work=tmp_path) == 2


def test_own_code_is_timed_wherever_check_project_was_imported_and_then_restored(tmp_path: Path) -> None:
    from bench.benchmark import timing_own_code
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


def test_the_report_shows_the_share_of_a_rebuild_in_own_code() -> None:
    row = Row("real", 15, 1.0, 0.8, 60_000, 57_000, 0.1, rebuild_a=0.5, rebuild_b=0.4, rebuild_own=0.05)
    assert row.own_share == pytest.approx(0.1)
    assert row.rebuild_overhead == pytest.approx(0.25)
    report = format_report([row], evaluate([row]))
    assert "10.0 %" in next(line for line in report.splitlines() if line.startswith("real"))
