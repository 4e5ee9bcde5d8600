"""A contributor's path, as CONTRIBUTING.md describes it, on a copy of the real guide.

Add a glossary term and a source with the helper commands, use both in a chapter, and run what CI
runs; then make the typo everyone makes and read the message they would see.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import GUIDE_TODAY, REPO, run
from guidekit.release.publish import mkdocs_build_command

pytestmark = pytest.mark.slow

TERM_DEFINITION = "    A scan that shows how well the heart pumps blood. It uses sound waves."
REFERENCE = {
    "title": "Echocardiogram",
    "publisher": "National Heart, Lung, and Blood Institute",
    "issued": "2022-03-24",
    "URL": "https://www.nhlbi.nih.gov/health/echocardiogram",
}


def copy_repository(target: Path) -> Path:
    files = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    for name in files:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_bytes((REPO / name).read_bytes())
    return target


def guidekit(folder: Path, *args: str):
    return run([sys.executable, "-m", "guidekit", *args], folder, GUIDE_TODAY)


def test_a_contributor_adds_a_term_and_a_source_then_mistypes_a_key(tmp_path: Path) -> None:
    guide = copy_repository(tmp_path / "guide")

    # 1. A new glossary term, from the helper's skeleton.
    skeleton = guidekit(guide, "new-term", "Echocardiogram")
    assert skeleton.returncode == 0, skeleton.output
    entry = skeleton.output.split("# Add it")[0].replace(
        "    One to three short, plain sentences (grade 6 to 8) saying what it is.", TERM_DEFINITION
    )
    glossary = guide / "docs" / "data" / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "\n" + entry, encoding="utf-8")

    # Before any page links it, the strict check says so, and says how to link it.
    unlinked = guidekit(guide, "check")
    assert unlinked.returncode == 1
    assert (
        "glossary term 'Echocardiogram' is not linked from any page; link to it as [echocardiogram](glossary.md#echocardiogram)"
        in unlinked.output
    )

    # 2. A new source, from the reference skeleton, filled in.
    skeleton = guidekit(guide, "new-reference", "nhlbi-echocardiogram")
    lines = skeleton.output.split("# Add it")[0]
    for field, value in REFERENCE.items():
        lines = "\n".join(
            f"  {field}: {value!s}" if line.strip().startswith(f"{field}:") else line for line in lines.splitlines()
        )
    bibliography = guide / "docs" / "data" / "bibliography.yml"
    bibliography.write_text(bibliography.read_text(encoding="utf-8") + "\n" + lines + "\n", encoding="utf-8")

    # 3. Both used in a chapter.
    chapter = guide / "docs" / "treatment.md"
    addition = (
        "\n\nSome heart problems are a side effect of treatment. An "
        "[echocardiogram](glossary.md#echocardiogram) can check your heart [@nhlbi-echocardiogram].\n"
    )
    chapter.write_text(chapter.read_text(encoding="utf-8") + addition, encoding="utf-8")
    clean = guidekit(guide, "check")
    assert clean.returncode == 0, clean.output
    build = run(mkdocs_build_command(None, tmp_path / "site"), guide, GUIDE_TODAY)
    assert build.returncode == 0, build.output
    page = (tmp_path / "site" / "treatment" / "index.html").read_text(encoding="utf-8")
    assert 'title="A scan that shows how well the heart pumps blood."' in page
    assert ">nhlbi.nih.gov<" in page

    # 4. The typo: the message names the file, line and column, and the key meant.
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text.replace("[@nhlbi-echocardiogram]", "[@nhlbi-echocardiogarm]"), encoding="utf-8")
    line = next(number for number, row in enumerate(text.splitlines(), start=1) if "nhlbi-echocardiogram" in row)
    column = text.splitlines()[line - 1].index("[@nhlbi") + 2
    expected = f"docs/treatment.md:{line}:{column}: unknown citation key 'nhlbi-echocardiogarm'; did you mean 'nhlbi-echocardiogram'?"
    typo = guidekit(guide, "check")
    assert typo.returncode == 1 and expected in typo.output
    failed = run(mkdocs_build_command(None, tmp_path / "site2"), guide, GUIDE_TODAY)
    assert failed.returncode != 0 and expected in failed.output
    assert "Traceback" not in typo.output + failed.output
