"""The check's problems in the shapes other programs read: GitHub workflow commands and JSON.

Plain text (``Problem.report_line``) stays what contributors read; these are for CI and tools.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Sequence

from guidekit.core.problems import Problem, Severity

# The formats `python -m guidekit check --format` accepts; the first is the default.
FORMATS = ("text", "github", "json")


def escape_data(text: str) -> str:
    """A workflow command's message, escaped as GitHub's runner reads it back.

    The same rules as actions/toolkit ``packages/core/src/command.ts`` (``escapeData``): % first,
    so an escape already written is not read as one, then CR and LF (a message is one line).
    """
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value (file, title), escaped as ``escapeProperty`` does.

    Beyond ``escape_data``: ':' and ',' separate the command from its properties and the
    properties from each other (actions/toolkit ``command.ts``), so a path with either stays whole.
    """
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_path(path: str, prefix: str) -> str:
    """A problem's path from the repository root: GitHub places annotations by that path only.

    ``prefix`` is the guide's folder inside the repository ("" when mkdocs.yml is at the root).
    """
    return posixpath.normpath(posixpath.join(prefix, path)) if prefix else path


def github_command(problem: Problem, prefix: str = "") -> str:
    """One problem as a GitHub workflow command (``::error`` or ``::warning``) on its file, line and column."""
    command = "error" if problem.severity is Severity.ERROR else "warning"
    properties = ",".join(
        (
            f"file={escape_property(github_path(problem.path, prefix))}",
            f"line={problem.line}",
            f"col={problem.column}",
            f"title={escape_property(problem.rule)}",
        )
    )
    return f"::{command} {properties}::{escape_data(problem.message)}"


def github_report(problems: Sequence[Problem], prefix: str = "") -> str:
    """Every problem as a workflow command, one a line (empty when there are none)."""
    return "".join(github_command(problem, prefix) + "\n" for problem in problems)


def json_report(problems: Sequence[Problem]) -> str:
    """Every problem and the counts as one JSON document; its shape is documented in CONTRIBUTING.md.

    ``{"problems": [{"path", "line", "column", "severity", "rule", "message"}], "errors": n, "warnings": n}``
    Paths are relative to the guide's folder (where mkdocs.yml is), as in the plain text.
    """
    errors = sum(problem.severity is Severity.ERROR for problem in problems)
    document = {
        "problems": [
            {
                "path": problem.path,
                "line": problem.line,
                "column": problem.column,
                "severity": problem.severity.value if problem.severity else Severity.ERROR.value,
                "rule": problem.rule,
                "message": problem.message,
            }
            for problem in problems
        ],
        "errors": errors,
        "warnings": len(problems) - errors,
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
