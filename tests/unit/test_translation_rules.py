"""The translation rules that need files the corpus fixture has no room for (the survival table's names)."""

from __future__ import annotations

from pathlib import Path

from guidekit.data.project import Project
from guidekit.data.survival import SurvivalData, SurvivalRow
from guidekit.rules.translation_rules import label_problems, source_version
from guidekit.source.numbers import find_numbers

ROWS = SurvivalData(
    (
        SurvivalRow("Pancreas", 3.0, "2015–2015", "United States", "key-a", 1, 1),
        SurvivalRow("Lung", 3.7, "1998–2011", "England", "key-b", 2, 1),
    )
)


def _project(tmp_path: Path, labels: str) -> Project:
    (tmp_path / "labels.yml").write_text(labels, encoding="utf-8")
    return Project(
        config_file=tmp_path / "mkdocs.yml",
        docs_dir=tmp_path / "docs-es",
        bibliography=tmp_path / "b.yml",
        glossary=tmp_path / "g.yml",
        glossary_page="glossary.md",
        references_page="references.md",
        language="es",
        survival_labels=tmp_path / "labels.yml",
    )


def test_every_cancer_and_place_needs_a_translated_name(tmp_path: Path) -> None:
    project = _project(tmp_path, "cancer:\n  Pancreas: Páncreas\nplace:\n  United States: Estados Unidos\n")
    messages = [(problem.rule, problem.message) for problem in label_problems(project, ROWS)]
    assert messages == [
        ("translation-labels", "no name for the cancer 'Lung' under 'cancer:'; add 'Lung: <translated name>'"),
        ("translation-labels", "no name for the place 'England' under 'place:'; add 'England: <translated name>'"),
    ]


def test_complete_labels_are_no_problem(tmp_path: Path) -> None:
    labels = "cancer:\n  Pancreas: Páncreas\n  Lung: Pulmón\nplace:\n  United States: EE. UU.\n  England: Inglaterra\n"
    assert label_problems(_project(tmp_path, labels), ROWS) == []


def test_the_english_edition_has_no_labels_to_check(tmp_path: Path) -> None:
    project = _project(tmp_path, "")
    english = Project(**{**project.__dict__, "survival_labels": None})
    assert label_problems(english, ROWS) == []


def test_source_version_is_the_start_of_the_sha256() -> None:
    assert source_version(b"abc") == "ba7816bf8f01"


def test_figures_are_read_from_prose_only() -> None:
    page = (
        "---\ntitle: 5 things\n---\n\n# Stage 4 {#stage-4}\n\n"
        "Call 0808 808 00 00 or 1-800-422-6237; 3.7% of 1,000 [@key-2010] [link](a.md#x-5)\n"
        '![figure](images/x.svg){ width="480" height="830" } <!-- guide:emergency 999 -->\n'
        "`code 12` and 2016–2020.\n"
    )
    assert [(found.value, found.line, found.column) for found in find_numbers(page)] == [
        ("4", 5, 9),
        ("08088080000", 7, 6),
        ("18004226237", 7, 24),
        ("3.7", 7, 40),
        ("1000", 7, 48),
        ("2016", 9, 15),
        ("2020", 9, 20),
    ]
