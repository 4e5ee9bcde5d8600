"""The data files are parsed once per content, however a caller spells their paths."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from guidekit.data import load as guide_data
from guidekit.data.build_state import BuildState
from guidekit.data.load import load_guide_data

DAY = dt.date(2026, 11, 22)
GLOSSARY_WITH_A_MISTAKE = """\
- term: Metastasis
  definiton: The spread of cancer to a distant part of the body.
"""
BIBLIOGRAPHY = """\
- id: nci-metastatic
  type: webpage
  title: Metastatic Cancer
  publisher: National Cancer Institute
  issued: 2020-11-10
  URL: https://www.cancer.gov/types/metastatic-cancer
  accessed: 2026-11-22
"""


def write_data(folder: Path) -> tuple[Path, Path]:
    glossary, bibliography = folder / "glossary.yml", folder / "bibliography.yml"
    glossary.write_text(GLOSSARY_WITH_A_MISTAKE, encoding="utf-8")
    bibliography.write_text(BIBLIOGRAPHY, encoding="utf-8")
    return glossary, bibliography


def load(glossary: Path, bibliography: Path, glossary_name: str, bibliography_name: str, state=None):
    return load_guide_data(
        glossary,
        bibliography,
        glossary_name=glossary_name,
        bibliography_name=bibliography_name,
        today=DAY,
        state=state or BuildState(),
    )


def test_the_hook_and_the_extension_share_one_parse_and_keep_their_own_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    glossary, bibliography = write_data(tmp_path)
    parses = []
    monkeypatch.setattr(guide_data, "_parse", lambda *args: parses.append(args) or real_parse(*args))
    build = BuildState()
    as_the_hook_names_them = load(glossary, bibliography, "docs/data/glossary.yml", "docs/data/bibliography.yml", build)
    as_the_extension_names_them = load(glossary, bibliography, str(glossary), str(bibliography), build)
    assert len(parses) == 1
    assert as_the_hook_names_them.glossary is as_the_extension_names_them.glossary
    assert as_the_hook_names_them.problems  # the misspelt field
    assert {p.path for p in as_the_hook_names_them.problems} == {"docs/data/glossary.yml"}
    assert {p.path for p in as_the_extension_names_them.problems} == {str(glossary)}
    load(glossary, bibliography, "g.yml", "b.yml", BuildState())  # another build parses for itself
    assert len(parses) == 2


real_parse = guide_data._parse


def test_an_edited_file_is_parsed_again(tmp_path: Path) -> None:
    glossary, bibliography = write_data(tmp_path)
    before = load(glossary, bibliography, "g.yml", "b.yml")
    glossary.write_text(GLOSSARY_WITH_A_MISTAKE.replace("definiton", "definition"), encoding="utf-8")
    after = load(glossary, bibliography, "g.yml", "b.yml")
    assert before.problems and not after.problems
    assert "metastasis" in after.glossary.terms


def test_a_missing_file_is_reported_under_the_callers_name(tmp_path: Path) -> None:
    _, bibliography = write_data(tmp_path)
    data = load(tmp_path / "nowhere.yml", bibliography, "docs/data/nowhere.yml", "docs/data/bibliography.yml")
    assert [str(p) for p in data.problems] == [
        "docs/data/nowhere.yml:1:1: cannot read the file: No such file or directory"
    ]
    assert not data.glossary.readable


def test_a_json_name_still_selects_csl_json(tmp_path: Path) -> None:
    glossary, _ = write_data(tmp_path)
    bibliography = tmp_path / "refs.json"
    bibliography.write_text("[{]", encoding="utf-8")
    data = load(glossary, bibliography, "g.yml", "docs/data/refs.json")
    assert any(p.path == "docs/data/refs.json" and "invalid JSON" in p.message for p in data.problems)
