"""The synthetic guides the benchmark builds, and how the benchmark judges its numbers."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

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
    return Row(label, 12, build_a, 10.0, peak_a, 90_000, check, chapters)


def test_targets_pass_on_good_numbers() -> None:
    rows = [row("N=100", 100, check=0.5), row("N=1000", 1000, check=4.0), row("real", None, check=0.2)]
    targets = evaluate(rows)
    assert [t.passed for t in targets] == [True, True, True]
    assert exit_code(targets) == 0
    report = format_report(rows, targets)
    assert "+3.0 %" in report and "8.00 x" in report and "FAIL" not in report


def test_each_missed_target_fails_the_benchmark() -> None:
    good = [row("N=100", 100, check=0.5), row("N=1000", 1000, check=4.0), row("real", None)]
    slow_check = [*good[:2], row("real", None, check=0.5)]
    steep_check = [good[0], row("N=1000", 1000, check=6.5), good[2]]
    heavy = [good[0], row("N=1000", 1000, check=4.0, peak_a=136_000), good[2]]
    assert exit_code(evaluate(good)) == 0
    for rows in (slow_check, steep_check, heavy):
        targets = evaluate(rows)
        assert exit_code(targets) == 1
        assert sum(t.passed is False for t in targets) == 1
        assert "FAIL" in format_report(rows, targets)


def test_what_the_features_cost_is_shown_but_no_longer_judged() -> None:
    """Issue 9's overhead target priced the features' HTML; the own-code share replaced it."""
    rows = [row("N=100", 100, build_a=20.0, check=0.5), row("real", None, build_a=30.0)]
    targets = evaluate(rows)
    assert exit_code(targets) == 0
    assert "+100.0 %" in format_report(rows, targets)


def test_unmeasured_targets_neither_pass_nor_fail() -> None:
    targets = evaluate([row("N=10", 10)])
    assert [t.passed for t in targets] == [None, None, True]
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
