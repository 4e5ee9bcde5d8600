"""``python -m guidekit``: the guide's command-line tool."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .checks import check_project
from .problems import Severity
from .project import SetupError, load_project


def command_check(args: argparse.Namespace) -> int:
    """Check glossary links, citations and the data files; print every problem; exit 1 if any."""
    try:
        project = load_project(Path(args.config))
    except SetupError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    problems = check_project(project)
    failing = [p for p in problems if p.severity is Severity.ERROR or args.strict]
    for problem in problems:
        print(problem, file=sys.stderr)
    errors = sum(p.severity is Severity.ERROR for p in problems)
    warnings = len(problems) - errors
    if problems:
        mode = "" if args.strict else " (warnings allowed: --no-strict)"
        print(f"guide check: {errors} error(s), {warnings} warning(s){mode}", file=sys.stderr)
    else:
        print("guide check: no problems found", file=sys.stderr)
    return 1 if failing else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m guidekit", description="Tools for the metastatic cancer guide.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser(
        "check", help="check glossary links, citations and data files", description=command_check.__doc__
    )
    check.add_argument("--config", default="mkdocs.yml", help="the site configuration (default: mkdocs.yml)")
    check.add_argument(
        "--no-strict", dest="strict", action="store_false", help="do not fail on warnings (unused terms or sources)"
    )
    check.set_defaults(handler=command_check)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.handler(args))
