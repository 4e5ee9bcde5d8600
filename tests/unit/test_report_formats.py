"""The check's machine-readable formats: GitHub workflow commands (escaped as GitHub reads them) and JSON."""

from __future__ import annotations

import json

from guidekit.core.problems import Problem, Severity
from guidekit.core.report_formats import escape_data, escape_property, github_command, github_path, json_report


def unescape_property(text: str) -> str:
    """What GitHub's runner reads back from an escaped property (its reverse order: % last)."""
    for escaped, plain in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(escaped, plain)
    return text


def test_data_escapes_percent_first_then_line_breaks() -> None:
    assert escape_data("50% of\r\npeople") == "50%25 of%0D%0Apeople"
    # An escape already in the text stays text: '%0A' written by hand is not a line break.
    assert escape_data("%0A") == "%250A"
    # ':' and ',' are fine in a message: only property values are split on them.
    assert escape_data("a: b, c") == "a: b, c"


def test_property_escapes_separators_and_round_trips() -> None:
    written = "docs/a,b:c%0A\n.md"
    escaped = escape_property(written)
    assert escaped == "docs/a%2Cb%3Ac%250A%0A.md"
    assert not any(separator in escaped for separator in ":,\n\r")
    assert unescape_property(escaped) == written


def test_a_problem_becomes_an_error_command_on_its_line_and_column() -> None:
    problem = Problem("docs/index.md", 12, 2, "unknown citation key 'x'", rule="citation-unknown-key")
    assert github_command(problem) == (
        "::error file=docs/index.md,line=12,col=2,title=citation-unknown-key::unknown citation key 'x'"
    )


def test_a_warning_becomes_a_warning_command() -> None:
    problem = Problem("docs/data/glossary.yml", 5, 3, "not linked", rule="unused-term")
    assert problem.severity is Severity.WARNING
    assert github_command(problem).startswith("::warning file=docs/data/glossary.yml,line=5,col=3,title=unused-term::")


def test_a_message_on_several_lines_stays_one_command() -> None:
    problem = Problem("docs/a.md", 1, 1, "first\nsecond: 100%", rule="citation-unknown-key")
    command = github_command(problem)
    assert "\n" not in command
    assert command.endswith("::first%0Asecond: 100%25")


def test_paths_are_given_from_the_repository_root() -> None:
    assert github_path("docs/index.md", "") == "docs/index.md"
    assert github_path("docs/index.md", "guide") == "guide/docs/index.md"
    assert github_path("../shared/glossary.yml", "guide") == "shared/glossary.yml"
    problem = Problem("docs/index.md", 3, 4, "m", rule="citation-unknown-key")
    assert github_command(problem, "sites/guide").startswith("::error file=sites/guide/docs/index.md,line=3,col=4,")


def test_json_has_the_documented_shape() -> None:
    problems = [
        Problem("docs/index.md", 12, 2, "unknown citation key 'x'", rule="citation-unknown-key"),
        Problem("docs/data/glossary.yml", 5, 3, "not linked", rule="unused-term"),
    ]
    document = json.loads(json_report(problems))
    assert document == {
        "problems": [
            {
                "path": "docs/index.md",
                "line": 12,
                "column": 2,
                "severity": "error",
                "rule": "citation-unknown-key",
                "message": "unknown citation key 'x'",
            },
            {
                "path": "docs/data/glossary.yml",
                "line": 5,
                "column": 3,
                "severity": "warning",
                "rule": "unused-term",
                "message": "not linked",
            },
        ],
        "errors": 1,
        "warnings": 1,
    }
    assert json.loads(json_report([])) == {"problems": [], "errors": 0, "warnings": 0}
