"""The build code is linted and formatted like the rest of the project."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import REPO, run

RUFF = Path(sys.executable).parent / "ruff"


def test_ruff_lint() -> None:
    result = run([str(RUFF), "check", "scripts", "hooks", "tests"], REPO)
    assert result.returncode == 0, result.output


def test_ruff_format() -> None:
    result = run([str(RUFF), "format", "--check", "scripts", "hooks", "tests"], REPO)
    assert result.returncode == 0, result.output
