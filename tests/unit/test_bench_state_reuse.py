"""What the benchmark's speed-ups keep: a build's store that outlives a build (``zensical serve``
keeps one for the life of the server) never hides a change, and never changes an answer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bench.synthetic import write_synthetic_guide
from guidekit.check import check_project
from guidekit.core.links import resolve
from guidekit.data.build_state import BuildState
from guidekit.data.project import load_project

DAY = dt.date(2026, 11, 22)


def messages(problems: list) -> list[str]:
    return [problem.report_line for problem in problems]


def test_a_lasting_store_sees_every_edit_as_a_fresh_one_would(tmp_path: Path) -> None:
    write_synthetic_guide(tmp_path, 4, today=DAY)
    project = load_project(tmp_path / "mkdocs.yml")
    page = tmp_path / "docs" / "chapter-0003.md"
    last = tmp_path / "docs" / "chapter-0004.md"
    glossary = tmp_path / "docs" / "data" / "glossary.yml"
    original, original_glossary = page.read_text(encoding="utf-8"), glossary.read_text(encoding="utf-8")
    original_last = last.read_text(encoding="utf-8")
    state = BuildState(lasting=True)
    steps = [
        lambda: None,
        lambda: page.write_text(original + "\nSee [nothing](missing.md) and [@no-such-source].\n", encoding="utf-8"),
        lambda: page.write_text(original, encoding="utf-8"),
        lambda: page.write_text(original.replace("## Questions to ask", "## Other questions"), encoding="utf-8"),
        lambda: page.write_text(original, encoding="utf-8"),
        lambda: glossary.write_text(original_glossary.replace("- term: ", "- term: X ", 1), encoding="utf-8"),
        lambda: glossary.write_text(original_glossary, encoding="utf-8"),
        last.unlink,
        lambda: last.write_text(original_last, encoding="utf-8"),
    ]
    seen = []
    for step in steps:
        step()
        kept = messages(check_project(project, DAY, render=False, state=state))
        assert kept == messages(check_project(project, DAY, render=False, state=BuildState()))
        seen.append(kept)
    assert seen[0] == seen[2] == seen[4] == seen[6] == seen[8] == []
    assert any("missing.md" in line for line in seen[1]) and any("no-such-source" in line for line in seen[1])
    assert any("questions-to-ask" in line for line in seen[3])  # other pages' links to the heading broke
    assert seen[5] != []
    assert any("chapter-0004.md" in line and "chapter-0003.md" in line for line in seen[7])  # its links broke
    assert any("mkdocs.yml" in line for line in seen[7])  # and the nav names a page that is gone
    assert state.kept


def test_a_store_for_one_build_keeps_no_answers(tmp_path: Path) -> None:
    """MkDocs' hook and `make check` ask each question once a store: keeping answers would only hold memory."""
    write_synthetic_guide(tmp_path, 3, today=DAY)
    state = BuildState()
    assert check_project(load_project(tmp_path / "mkdocs.yml"), DAY, render=False, state=state) == []
    assert state.kept == {} and state.outlines and state.links


def test_a_lasting_store_judges_pages_by_the_day_it_is_given(tmp_path: Path) -> None:
    write_synthetic_guide(tmp_path, 3, today=DAY)
    project = load_project(tmp_path / "mkdocs.yml")
    state = BuildState(lasting=True)
    assert check_project(project, DAY, render=False, state=state) == []
    later = DAY + dt.timedelta(days=400)  # every page's next review is then overdue
    overdue = messages(check_project(project, later, render=False, state=state))
    assert overdue == messages(check_project(project, later, render=False, state=BuildState()))
    assert any("due for review" in line for line in overdue)


def test_the_store_answers_a_link_as_the_resolver_does() -> None:
    state = BuildState()
    for page, address in [
        ("index.md", "glossary.md#bone-scan"),
        ("sub/page.md", "../glossary.md#bone-scan"),
        ("sub/other.md", "../glossary.md#bone-scan"),
        ("index.md", "https://example.org/"),
        ("index.md", "#cite-1"),
        ("sub/page.md", "../../outside.md"),
    ]:
        assert state.resolve(page, address) == resolve(page, address)
    assert len(state.links) == 5  # one answer per folder and address
