"""Loading the glossary and bibliography once per content, for checks and rendering alike."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

from .bibliography import Bibliography, parse_bibliography
from .dates import today as current_day
from .glossary import Glossary, parse_glossary
from .problems import Problem
from .sourcefile import decode_source
from .survival import SurvivalData, parse_survival


@dataclass(frozen=True)
class GuideData:
    """The parsed data files and every problem found in them."""

    glossary: Glossary
    bibliography: Bibliography
    problems: tuple[Problem, ...]
    survival: SurvivalData | None = None


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


# Keyed on the files' bytes, not their names or times: an edit under `mkdocs serve` is a new key,
# and rendering 1,000 pages parses the data files once instead of once a page.
@functools.lru_cache(maxsize=8)
def _parse(
    glossary_bytes: bytes | None,
    glossary_name: str,
    bibliography_bytes: bytes | None,
    bibliography_name: str,
    today: dt.date,
    survival_bytes: bytes | None = None,
    survival_name: str = "",
) -> GuideData:
    problems: list[Problem] = []
    glossary, bibliography = Glossary({}, readable=False), Bibliography({}, readable=False)
    for data, name in ((glossary_bytes, glossary_name), (bibliography_bytes, bibliography_name)):
        if data is None:
            problems.append(Problem(name, 1, 1, "cannot read the file: it does not exist or is not readable"))
    if glossary_bytes is not None:
        source, found = decode_source(glossary_bytes, glossary_name)
        problems += found
        if source is not None:
            glossary, found = parse_glossary(source)
            problems += found
    if bibliography_bytes is not None:
        source, found = decode_source(bibliography_bytes, bibliography_name)
        problems += found
        if source is not None:
            bibliography, found = parse_bibliography(source, today)
            problems += found
    survival = None
    if survival_bytes is not None:
        source, found = decode_source(survival_bytes, survival_name)
        problems += found
        if source is not None:
            survival, found = parse_survival(source)
            problems += found
    return GuideData(glossary, bibliography, tuple(problems), survival)


def load_guide_data(
    glossary_path: Path,
    bibliography_path: Path,
    *,
    glossary_name: str,
    bibliography_name: str,
    today: dt.date | None = None,
    survival_path: Path | None = None,
    survival_name: str = "",
) -> GuideData:
    """Parse the data files (cached by content); names are the paths shown in messages.

    The survival data is optional: a guide without a survival table needs no such file.
    """
    survival_bytes = _read(survival_path) if survival_path else None
    return _parse(
        _read(glossary_path),
        glossary_name,
        _read(bibliography_path),
        bibliography_name,
        today or current_day(),
        survival_bytes,
        survival_name,
    )
