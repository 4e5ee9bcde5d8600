"""`python -m guidekit readability` on a fixture guide with a Spanish translation: each page is
measured in its edition's language, and the output is compared with tests/golden/readability-es.txt."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

from conftest import REPO, make_site, run
from test_cli_golden import compare

FRONT = "---\ntitle: x\n---\n\n"
EASY = FRONT + "# Inicio {#home}\n\nEl cáncer puede ir a otra parte del cuerpo. Su médico le dice qué pasa.\n"
HARD = FRONT + (
    "La diseminación metastásica constituye un fenómeno biológico extraordinariamente complejo, "
    "caracterizado por interacciones moleculares multifactoriales entre las células neoplásicas "
    "circulantes y el microambiente tumoral correspondiente.\n"
)
SPANISH_CONFIG = """\
site_name: Guía de prueba
docs_dir: docs-es
theme:
  name: material
  language: es
markdown_extensions:
  - guidekit.extension:
      docs_dir: docs-es
      language: es
      translates: docs
"""
ENGLISH_HEADER = f"{'page':40} {'words':>6} {'grade':>6} {'ease':>6}"
SPANISH_HEADER = f"{'page':40} {'words':>6} {'Fernández-Huerta':>17} {'Szigriszt-Pazos':>16}"
TOO_HARD = "too hard: aim for Fernández-Huerta >= 65"


def translated_site(tmp_path: Path) -> Path:
    """The clean fixture guide with a Spanish edition in docs-es/: an easy page and a hard one."""
    site = make_site(tmp_path)
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    marker = "      references_page: references.md\n"
    assert marker in text
    config.write_text(text.replace(marker, marker + "      translations: [mkdocs.es.yml]\n"), encoding="utf-8")
    (site / "mkdocs.es.yml").write_text(SPANISH_CONFIG, encoding="utf-8")
    (site / "docs-es").mkdir()
    (site / "docs-es" / "index.md").write_text(EASY, encoding="utf-8")
    (site / "docs-es" / "hard.md").write_text(HARD, encoding="utf-8")
    return site


def readability(site: Path, *arguments: str) -> tuple[int, list[str]]:
    result = run([sys.executable, "-m", "guidekit", "readability", *arguments], site)
    return result.returncode, result.output.splitlines()


def test_every_edition_is_measured_in_its_language(tmp_path: Path) -> None:
    site = translated_site(tmp_path)
    result = run([sys.executable, "-m", "guidekit", "readability"], site)
    compare("readability-es.txt", f"exit {result.returncode}\n{result.output}")
    code, lines = readability(site)
    assert code == 1
    assert lines[0] == ENGLISH_HEADER and SPANISH_HEADER in lines
    spanish = lines[lines.index(SPANISH_HEADER) + 1 :]
    assert [line.split()[0] for line in spanish] == ["docs-es/hard.md", "docs-es/index.md"]
    assert spanish[0].endswith(TOO_HARD) and TOO_HARD not in spanish[1]
    assert not any("too hard" in line for line in lines[: lines.index(SPANISH_HEADER)])


def test_a_translation_folder_alone_is_measured_in_its_language(tmp_path: Path) -> None:
    site = translated_site(tmp_path)
    (site / "docs-es" / "hard.md").unlink()
    code, lines = readability(site, "--docs-dir", "docs-es")
    assert code == 0
    assert lines[0] == SPANISH_HEADER
    assert [line.split()[0] for line in lines[1:]] == ["docs-es/index.md"]


def test_pages_given_by_name_take_their_edition_language(tmp_path: Path) -> None:
    """As the pre-commit hook runs it: the changed files of both editions, mixed."""
    site = translated_site(tmp_path)
    code, lines = readability(site, "docs-es/hard.md", "docs/index.md")
    assert code == 1
    assert len(lines) == 4 and (lines[0], lines[2]) == (ENGLISH_HEADER, SPANISH_HEADER)
    assert lines[1].startswith("docs/index.md ") and lines[3].startswith("docs-es/hard.md ")
    assert lines[3].endswith(TOO_HARD)


def test_the_english_output_is_unchanged_by_a_translation(tmp_path: Path) -> None:
    plain = make_site(tmp_path / "plain")
    code, lines = readability(plain)
    site = translated_site(tmp_path)
    assert readability(site, "--docs-dir", "docs") == (code, lines)
    assert SPANISH_HEADER not in lines


def test_a_folder_without_a_configuration_is_english(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "index.md").write_text(HARD, encoding="utf-8")
    code, lines = readability(folder)
    assert lines[0] == ENGLISH_HEADER and lines[1].startswith("docs/index.md ")
    assert code == 1 and "too hard: aim for grade <= 8" in lines[1]


def test_the_pre_commit_hook_covers_both_editions() -> None:
    """The hook's file pattern, as pre-commit applies it (re.search), picks the prose pages of each edition."""
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [hook for repository in config["repos"] for hook in repository["hooks"] if hook["id"] == "readability"]
    assert len(hooks) == 1
    pattern = re.compile(hooks[0]["files"])
    for page in ("docs/symptoms.md", "docs-es/symptoms.md", "docs-es/index.md"):
        assert pattern.search(page), page
    for other in ("docs-es/glossary.md", "docs-es/references.md", "docs/glossary.md", "docs-es/data/x.md", "README.md"):
        assert not pattern.search(other), other
