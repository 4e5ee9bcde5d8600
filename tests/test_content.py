"""The guide's own text: readable, original, sourced and reviewed on time.

These are the rules a medical change is held to before it is published; the checks (`make check`)
cover citations, glossary links and review dates; these add reading level, originality and scale.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import REPO
from guidekit.data.bibliography import WEB_TYPES
from guidekit.data.load import load_guide_data
from guidekit.data.project import load_project
from guidekit.release.readability import MAX_GRADE, MIN_EASE, MIN_FERNANDEZ_HUERTA, measure, measure_spanish, prose
from guidekit.source.markdown_scan import scan_page

DOCS = REPO / "docs"
CHAPTERS = [
    "basics.md",
    "spread.md",
    "symptoms.md",
    "diagnosis.md",
    "staging.md",
    "treatment.md",
    "palliative-care.md",
    "prognosis.md",
    "living-with.md",
    "end-of-life.md",
]
# Generated A-Z lists are not prose; every other page is held to the reading level.
NOT_PROSE = {"glossary.md", "references.md"}
SEED_OVERLAP = REPO.parent / "shared" / "tools" / "seed-overlap"


def prose_pages() -> list[str]:
    return sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md") if p.name not in NOT_PROSE)


@pytest.mark.parametrize("page", prose_pages())
def test_reading_level(page: str) -> None:
    score = measure((DOCS / page).read_text(encoding="utf-8"))
    assert score.grade <= MAX_GRADE, f"{page}: Flesch-Kincaid grade {score.grade:.1f} > {MAX_GRADE}"
    assert score.ease >= MIN_EASE, f"{page}: Flesch reading ease {score.ease:.1f} < {MIN_EASE}"


def spanish_docs() -> Path:
    """The Spanish edition's pages folder, as mkdocs.yml's translations name it."""
    editions = [load_project(config) for config in load_project(REPO / "mkdocs.yml").translations]
    return next(edition.docs_dir for edition in editions if edition.language == "es")


def spanish_prose_pages() -> list[str]:
    folder = spanish_docs()
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.md") if p.name not in NOT_PROSE)


def test_the_spanish_edition_has_every_english_prose_page() -> None:
    assert spanish_prose_pages() == prose_pages()


@pytest.mark.parametrize("page", spanish_prose_pages())
def test_spanish_reading_level(page: str) -> None:
    score = measure_spanish((spanish_docs() / page).read_text(encoding="utf-8"))
    assert score.words > 0, f"docs-es/{page}: no prose measured"
    assert score.fernandez_huerta >= MIN_FERNANDEZ_HUERTA, (
        f"docs-es/{page}: Fernández-Huerta {score.fernandez_huerta:.1f} < {MIN_FERNANDEZ_HUERTA}"
    )


def test_heading_ids_are_not_measured_as_prose() -> None:
    """The Spanish headings carry the English anchors ({#the-basics}): never words a reader reads."""
    pages = sorted(spanish_docs().rglob("*.md"))
    assert any("{#" in page.read_text(encoding="utf-8") for page in pages)
    for page in pages:
        assert "{#" not in prose(page.read_text(encoding="utf-8"), "es"), page


def test_reading_level_rule_can_fail() -> None:
    hard = (
        "---\ntitle: x\n---\n"
        + (
            "Metastatic dissemination necessitates comprehensive multidisciplinary evaluation, "
            "encompassing histopathological characterization and individualized therapeutic stratification. "
        )
        * 5
    )
    assert not measure(hard).passes


def test_every_chapter_is_in_the_guide_in_order() -> None:
    nav = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    positions = [nav.find(f": {chapter}\n") for chapter in CHAPTERS]
    assert all(position > 0 for position in positions), dict(zip(CHAPTERS, positions, strict=True))
    assert positions == sorted(positions)
    for chapter in CHAPTERS:
        text = (DOCS / chapter).read_text(encoding="utf-8")
        assert '!!! abstract "Key points"' in text, f"{chapter} opens without key points"
        assert "[@" in text, f"{chapter} cites nothing"


@pytest.mark.parametrize("chapter", ["living-with.md", "end-of-life.md"])
def test_the_newer_chapters_cite_at_least_fifteen_sources(chapter: str) -> None:
    keys = {found.key for found in scan_page((DOCS / chapter).read_text(encoding="utf-8")).citations}
    assert len(keys) >= 15, f"{chapter} cites {len(keys)} sources"


def test_sources_and_terms_are_many_and_complete() -> None:
    data = load_guide_data(
        DOCS / "data" / "glossary.yml",
        DOCS / "data" / "bibliography.yml",
        glossary_name="glossary.yml",
        bibliography_name="bibliography.yml",
    )
    references = data.bibliography.references.values()
    assert len(references) >= 30
    assert all(ref.accessed for ref in references if ref.csl_type in WEB_TYPES)
    assert len(data.glossary.terms) >= 70


def test_text_is_original() -> None:
    """No run of ten words copied from the source documents (facts carry over, sentences do not)."""
    if not SEED_OVERLAP.is_file():
        pytest.skip(f"the source documents' checker is not beside this clone ({SEED_OVERLAP})")
    result = subprocess.run([str(SEED_OVERLAP), str(DOCS)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_seed_overlap_checker_can_fail(tmp_path: Path) -> None:
    if not SEED_OVERLAP.is_file():
        pytest.skip(f"the source documents' checker is not beside this clone ({SEED_OVERLAP})")
    seed = sorted((SEED_OVERLAP.parent.parent / "seeds").glob("*.txt"))[0].read_text(encoding="utf-8")
    (tmp_path / "copied.md").write_text(" ".join(seed.split()[:40]), encoding="utf-8")
    result = subprocess.run([str(SEED_OVERLAP), str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
