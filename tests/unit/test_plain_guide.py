"""The benchmark's build (b): the real guide's content as static Markdown, built without guidekit."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from bench.benchmark import copy_real_guide
from bench.plain_guide import plain_pages
from guidekit.data.load import load_project_data
from guidekit.data.project import load_project, read_config
from guidekit.release.publish import mkdocs_build_command
from guidekit.source.markdown_scan import scan_page

REPOSITORY = Path(__file__).resolve().parents[2]


def test_every_page_keeps_its_content_without_guide_syntax() -> None:
    project = load_project(REPOSITORY / "mkdocs.yml")
    plain = plain_pages(project)
    data = load_project_data(project)
    assert sorted(plain) == sorted(p.relative_to(project.docs_dir).as_posix() for p in project.docs_dir.glob("*.md"))
    for docs_path, text in plain.items():
        original = (project.docs_dir / docs_path).read_text(encoding="utf-8")
        assert "<!-- guide:" not in text, docs_path
        assert not scan_page(text).citations, docs_path
        assert "glossary.md#" not in text, docs_path
        for found in scan_page(original).citations:  # each citation is still there, as plain text
            assert found.key in text, (docs_path, found.key)
    assert all(f"**{term.name}**: {term.definition}" in plain["glossary.md"] for term in data.glossary.terms.values())
    assert all(ref.title in plain["references.md"] for ref in data.bibliography.references.values())
    assert data.survival and all(f"| {row.cancer} |" in plain["prognosis.md"] for row in data.survival.rows)
    assert "## 22 November 2026" in plain["whats-changed.md"]


@pytest.mark.slow
def test_the_plain_copy_builds_strictly_without_the_extension_or_hooks(tmp_path: Path) -> None:
    copy = tmp_path / "plain"
    copy_real_guide(REPOSITORY, copy, features=False)
    settings = read_config(copy / "mkdocs.yml")
    assert "hooks" not in settings
    assert not any("guidekit" in str(entry) for entry in settings["markdown_extensions"])
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        mkdocs_build_command(None, tmp_path / "site"),
        cwd=copy,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    glossary = (tmp_path / "site" / "glossary" / "index.html").read_text(encoding="utf-8")
    assert "Metastasis" in glossary and 'class="guide-term"' not in glossary
