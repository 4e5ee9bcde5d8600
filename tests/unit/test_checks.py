"""Site-wide rules over a small project on disk, and the command-line entry point."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from guidekit.check import check_project
from guidekit.cli import main
from guidekit.core.problems import Severity
from guidekit.data.project import SetupError, load_project

FRONT_MATTER = (  # seven lines: page line N is file line N + 7
    "---\ntitle: T\ndescription: D\nreview_status: awaiting clinical review\n"
    "last_reviewed: 2026-11-22\nnext_review: 2027-11-22\n---\n"
)
GLOSSARY = "- term: Metastasis\n  aliases: [mets]\n  definition: Spread of cancer.\n"
BIBLIOGRAPHY = "- id: nci-metastatic\n  type: report\n  title: T\n  publisher: NCI\n  issued: 2020\n  URL: https://www.cancer.gov/\n"


def project(tmp_path: Path, pages: dict[str, str], glossary: str = GLOSSARY, bibliography: str = BIBLIOGRAPHY) -> Path:
    (tmp_path / "docs" / "data").mkdir(parents=True)
    (tmp_path / "docs" / "data" / "glossary.yml").write_text(glossary, encoding="utf-8")
    (tmp_path / "docs" / "data" / "bibliography.yml").write_text(bibliography, encoding="utf-8")
    for name, text in {"glossary.md": "# Glossary\n\n<!-- guide:glossary -->\n", **pages}.items():
        path = tmp_path / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(FRONT_MATTER + text, encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    # No nav: MkDocs then lists every page, so no page can be left out of it.
    config.write_text("site_name: T\nmarkdown_extensions:\n  - toc\n  - guidekit.extension\n", encoding="utf-8")
    return config


def messages(config: Path) -> list[str]:
    return [str(p) for p in check_project(load_project(config), today=dt.date(2026, 11, 22))]


GOOD_PAGE = "# Home\n\nIt has [spread](glossary.md#metastasis) [@nci-metastatic].\n"


def test_clean_project(tmp_path: Path) -> None:
    assert messages(project(tmp_path, {"index.md": GOOD_PAGE})) == []


def test_unknown_key_names_the_closest(tmp_path: Path) -> None:
    config = project(tmp_path, {"index.md": GOOD_PAGE.replace("@nci-metastatic", "@nci-metastatik")})
    assert messages(config) == [
        "docs/data/bibliography.yml:1:3: bibliography entry 'nci-metastatic' is not cited on any page; "
        "cite it as [@nci-metastatic] or remove it",
        "docs/index.md:10:42: unknown citation key 'nci-metastatik'; did you mean 'nci-metastatic'?",
    ]


def test_links_from_subfolders_resolve_relative_to_the_page(tmp_path: Path) -> None:
    page = "# Sub\n\n[a](../glossary.md#metastasis) [b](glossary.md#metastasis) [@nci-metastatic]\n"
    assert messages(project(tmp_path, {"index.md": "# Home\n", "sub/page.md": page})) == [
        "docs/sub/page.md:10:32: no file 'docs/sub/glossary.md'; did you mean 'glossary.md'?"
    ]


def test_glossary_link_rules(tmp_path: Path) -> None:
    page = "# Home\n[@nci-metastatic]\n[a](glossary.md#metastasys) [b](glossary.md#Metastasis) [c](glossary.md#mets)\n"
    assert messages(project(tmp_path, {"index.md": page})) == [
        "docs/data/glossary.yml:1:3: glossary term 'Metastasis' is not linked from any page; "
        "link to it as [metastasis](glossary.md#metastasis) or remove it",
        "docs/index.md:10:1: glossary link to undefined term '#metastasys'; did you mean '#metastasis'?",
        "docs/index.md:10:29: glossary anchor '#Metastasis' must be lowercase: use '#metastasis'",
        "docs/index.md:10:57: '#mets' is another name for the glossary term 'Metastasis': link to '#metastasis'",
    ]


def test_links_from_the_glossary_page_itself_do_not_count_as_use(tmp_path: Path) -> None:
    pages = {"index.md": "# Home\n\n[@nci-metastatic]\n", "glossary.md": "# G\n\n[m](#metastasis)\n"}
    result = check_project(load_project(project(tmp_path, pages)), today=dt.date(2026, 11, 22))
    assert [(p.message.split(";")[0], p.severity) for p in result] == [
        ("glossary term 'Metastasis' is not linked from any page", Severity.WARNING)
    ]


def test_unused_source_is_a_warning(tmp_path: Path) -> None:
    config = project(tmp_path, {"index.md": "# Home\n\n[m](glossary.md#metastasis)\n"})
    result = check_project(load_project(config), today=dt.date(2026, 11, 22))
    assert [p.severity for p in result] == [Severity.WARNING]


def test_unreadable_page_and_data(tmp_path: Path) -> None:
    config = project(tmp_path, {"index.md": GOOD_PAGE}, bibliography="- id: [")
    (tmp_path / "docs" / "bad.md").write_bytes(FRONT_MATTER.encode() + b"# Bad\n\xff\n")
    assert messages(config) == [
        "docs/bad.md:9:1: the file is not valid UTF-8 (byte 0xff); save it with UTF-8 encoding",
        "docs/data/bibliography.yml:2:1: invalid YAML: did not find expected node content",
    ]


def test_missing_data_file(tmp_path: Path) -> None:
    config = project(tmp_path, {"index.md": GOOD_PAGE})
    (tmp_path / "docs" / "data" / "glossary.yml").unlink()
    assert messages(config) == [
        "docs/data/glossary.yml:1:1: cannot read the file: No such file or directory",
    ]


def test_crlf_pages_work(tmp_path: Path) -> None:
    config = project(tmp_path, {"index.md": GOOD_PAGE})
    page = tmp_path / "docs" / "index.md"
    page.write_bytes(page.read_bytes().replace(b"\n", b"\r\n"))
    assert messages(config) == []


def test_cli_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GUIDEKIT_TODAY", "2026-11-22")
    config = project(tmp_path, {"index.md": "# Home\n\n[m](glossary.md#metastasis)\n"})
    assert main(["check", "--config", str(config)]) == 1
    assert main(["check", "--config", str(config), "--no-strict"]) == 0
    err = capsys.readouterr().err
    assert "docs/data/bibliography.yml:1:3: bibliography entry 'nci-metastatic' is not cited" in err
    assert "guide check: 0 error(s), 1 warning(s)" in err
    assert main(["check", "--config", str(tmp_path / "missing.yml")]) == 2
    assert "cannot read the site configuration" in capsys.readouterr().err


def test_setup_errors(tmp_path: Path) -> None:
    bad = tmp_path / "mkdocs.yml"
    bad.write_text("site_name: [\n", encoding="utf-8")
    with pytest.raises(SetupError, match="not valid YAML"):
        load_project(bad)
    bad.write_text("- a list\n", encoding="utf-8")
    with pytest.raises(SetupError, match="must be a mapping"):
        load_project(bad)


def test_config_tags_are_tolerated(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: T\nmarkdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "  - guidekit.extension:\n      glossary: terms.yml\n",
        encoding="utf-8",
    )
    loaded = load_project(config)
    assert loaded.glossary == (tmp_path / "terms.yml").resolve()
    assert loaded.bibliography == (tmp_path / "docs/data/bibliography.yml").resolve()
