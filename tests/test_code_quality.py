"""The build code is linted and formatted like the rest of the project, and keeps its layers."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from conftest import REPO, run

BIN = Path(sys.executable).parent
RUFF = BIN / "ruff"
LINT_IMPORTS = BIN / "lint-imports"
CODE = ["scripts", "hooks", "tests", "tools"]


def test_ruff_lint() -> None:
    result = run([str(RUFF), "check", *CODE], REPO)
    assert result.returncode == 0, result.output


def test_ruff_format() -> None:
    result = run([str(RUFF), "format", "--check", *CODE], REPO)
    assert result.returncode == 0, result.output


def _lint_imports(package_parent: Path, tmp_path: Path) -> tuple[int, str]:
    """``lint-imports`` with the repository's contract, over the guidekit package found in ``package_parent``."""
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    environment = {**os.environ, "PYTHONPATH": str(package_parent)}
    result = run([str(LINT_IMPORTS), "--no-cache"], tmp_path, env=environment)
    return result.returncode, result.output


def test_the_layers_are_kept(tmp_path: Path) -> None:
    returncode, output = _lint_imports(REPO / "scripts", tmp_path)
    assert returncode == 0, output
    assert "0 broken" in output


def test_an_import_up_the_layers_is_refused(tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(REPO / "scripts" / "guidekit", copy / "guidekit", ignore=shutil.ignore_patterns("__pycache__"))
    glossary = copy / "guidekit" / "data" / "glossary.py"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "\nfrom guidekit.render import html_builders\n")
    config = tmp_path / "config"
    config.mkdir()
    returncode, output = _lint_imports(copy, config)
    assert returncode == 1, output
    assert "guidekit.data is not allowed to import guidekit.render" in output
    assert "guidekit.data.glossary -> guidekit.render.html_builders" in output
