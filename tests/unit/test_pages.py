"""Page outlines: the References and What's-changed pages reuse the scans the checks made."""

from __future__ import annotations

from pathlib import Path

import pytest

from guidekit.data import pages
from guidekit.data.build_state import BuildState
from guidekit.data.pages import CitingPlace, PageOutline, citing_places, outline_pages, remember_outline
from guidekit.source.markdown_scan import scan_page

BASICS = "---\ntitle: Basics\n---\n\n# The basics\n\nCancer can spread [@nci; @nhs]. Again [@nci].\n"
SPREAD = "# How cancer spreads\n\nThrough the blood [@nhs].\n\n`[@not-a-citation]`\n"


def write_docs(folder: Path) -> Path:
    docs = folder / "docs"
    docs.mkdir()
    (docs / "basics.md").write_text(BASICS, encoding="utf-8")
    (docs / "spread.md").write_text(SPREAD, encoding="utf-8")
    return docs


def test_pages_the_checks_scanned_are_not_scanned_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = write_docs(tmp_path)
    build = BuildState()
    for text in (BASICS, SPREAD):
        remember_outline(build, text, scan_page(text))

    def no_second_scan(text: str) -> None:
        raise AssertionError("a page the checks had scanned was scanned again")

    monkeypatch.setattr(pages, "scan_page", no_second_scan)
    assert outline_pages(docs, build) == [
        ("basics.md", PageOutline("Basics", ("nci", "nhs", "nci"))),
        ("spread.md", PageOutline("How cancer spreads", ("nhs",))),
    ]


def test_an_edited_page_is_scanned_afresh(tmp_path: Path) -> None:
    docs = write_docs(tmp_path)
    build = BuildState()
    remember_outline(build, SPREAD, scan_page(SPREAD))
    (docs / "spread.md").write_text(SPREAD.replace("How cancer spreads", "Where cancer goes"), encoding="utf-8")
    assert dict(outline_pages(docs, build))["spread.md"].title == "Where cancer goes"


def test_an_unreadable_page_is_left_to_the_checks(tmp_path: Path) -> None:
    docs = write_docs(tmp_path)
    (docs / "broken.md").write_bytes(b"# Caf\xe9\n")
    assert [docs_path for docs_path, _ in outline_pages(docs, BuildState())] == ["basics.md", "spread.md"]


def test_each_page_numbers_its_own_citations(tmp_path: Path) -> None:
    places = citing_places(outline_pages(write_docs(tmp_path), BuildState()), known_keys={"nci", "nhs"})
    assert places == {
        "nci": [CitingPlace("basics.md", "Basics", "cite-1")],
        "nhs": [CitingPlace("basics.md", "Basics", "cite-2"), CitingPlace("spread.md", "How cancer spreads", "cite-1")],
    }


def test_a_page_title_is_read_from_the_front_matter_as_yaml() -> None:
    """Quotes, escapes and folded lines are undone as YAML undoes them; without a text title, the heading."""
    for text, title in [
        ('---\ntitle: "Pain: what helps"\n---\n# Other\n', "Pain: what helps"),
        ("---\ntitle: 'It''s spread'\n---\n", "It's spread"),
        ("---\ntitle: >-\n  Living with\n  cancer\n---\n", "Living with cancer"),
        ("---\ntitle: [a, b]\n---\n# Heading\n", "Heading"),
        ("---\ndescription: D\n---\n# Heading\n", "Heading"),
        ("---\ntitle: [unclosed\n---\n# Heading\n", "Heading"),
    ]:
        assert remember_outline(BuildState(), text, scan_page(text)).title == title, text
