"""Run one entry point over many fixture sites in this one process; write a JSON record per site.

    python tests/corpus_driver.py check RECORDS SITE...   # `python -m guidekit check --config SITE/mkdocs.yml`
    python tests/corpus_driver.py build RECORDS SITE...   # `mkdocs build --strict --site-dir SITE/site`

tests/test_error_sites.py starts it once per entry point for the whole corpus instead of one
process per case. Each site is handled as its own command would handle it: from inside the site's
folder, with everything it prints (and, for the build, everything the ``mkdocs`` logger says, as
``LEVEL    -  message`` like MkDocs's own command line) captured for that site alone. An
exception that escapes is written into the record as its traceback, never raised, so one site
cannot hide the next. Each line of RECORDS is one site::

    {"site": "...", "returncode": 1, "output": "...", "traceback": false, "left_pages": false}

``left_pages``: the build left ``SITE/site/index.html`` behind.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path


class _Lines(logging.Handler):
    """Keeps each record as MkDocs's command line prints it (without colours or wrapping)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname:<8}-  {record.getMessage()}")


def run_check(site: Path) -> tuple[int, str]:
    """What `python -m guidekit check` prints in the site's folder, and its exit code."""
    from guidekit.cli import main

    return main(["check", "--config", str(site / "mkdocs.yml")]), ""


def run_build(site: Path) -> tuple[int, str]:
    """A strict build as `mkdocs build --strict` runs it: config, startup, build, shutdown.

    ``Abort`` (a failed strict build, a broken config) ends it with exit code 1 and its message, as
    on the command line; the ``mkdocs`` logger's records, kept for this build only, come first.
    """
    from mkdocs.commands.build import build
    from mkdocs.commands.build import log as build_log
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort
    from mkdocs.utils import DuplicateFilter

    logger = logging.getLogger("mkdocs")
    lines = _Lines()
    duplicates = DuplicateFilter()  # as the command line sets it, fresh for each build
    logger.addHandler(lines)
    build_log.addFilter(duplicates)
    try:
        config = load_config(config_file=str(site / "mkdocs.yml"), strict=True, site_dir=str(site / "site"))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except Abort as abort:
        return 1, "\n".join([*lines.lines, abort.format_message()])
    finally:
        build_log.removeFilter(duplicates)
        logger.removeHandler(lines)
    return 0, "\n".join(lines.lines)


def record(site: Path, entry_point: Callable[[Path], tuple[int, str]]) -> dict[str, object]:
    printed = io.StringIO()
    home = Path.cwd()
    os.chdir(site)  # each command ran in the site's folder
    try:
        with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
            returncode, said = entry_point(site)
        escaped = ""
    except BaseException:
        returncode, said, escaped = 1, "", traceback.format_exc()
    finally:
        os.chdir(home)
    output = "\n".join(part for part in (printed.getvalue().rstrip("\n"), said, escaped) if part)
    return {
        "site": str(site),
        "returncode": returncode,
        "output": output,
        "traceback": bool(escaped) or "Traceback" in output,
        "left_pages": (site / "site" / "index.html").exists(),
    }


ENTRY_POINTS = {"check": run_check, "build": run_build}


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] not in ENTRY_POINTS:
        print(__doc__, file=sys.stderr)
        return 2
    entry_point, records = ENTRY_POINTS[argv[0]], Path(argv[1])
    logger = logging.getLogger("mkdocs")  # as MkDocs's command line sets it up: INFO, not passed on
    logger.setLevel(logging.INFO)
    logger.propagate = False
    with records.open("w", encoding="utf-8") as out:
        for site in argv[2:]:
            out.write(json.dumps(record(Path(site).resolve(), entry_point)) + "\n")
            out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
