"""Loading the glossary and bibliography once per content, for checks and rendering alike."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from .bibliography import Bibliography, parse_bibliography
from .dates import today as current_day
from .glossary import Glossary, parse_glossary
from .problems import Problem
from .sourcefile import SourceText, decode_source
from .survival import SurvivalData, parse_survival

T = TypeVar("T")


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


def _decode_and_parse(
    data: bytes | None, name: str, parse: Callable[[SourceText], tuple[T, list[Problem]]], problems: list[Problem]
) -> T | None:
    """Decode a data file's bytes and parse them, adding every problem to ``problems``."""
    if data is None:
        return None
    source, found = decode_source(data, name)
    problems += found
    if source is None:
        return None
    parsed, found = parse(source)
    problems += found
    return parsed


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
    for data, name in ((glossary_bytes, glossary_name), (bibliography_bytes, bibliography_name)):
        if data is None:
            problems.append(Problem(name, 1, 1, "cannot read the file: it does not exist or is not readable"))
    glossary = _decode_and_parse(glossary_bytes, glossary_name, parse_glossary, problems)
    bibliography = _decode_and_parse(
        bibliography_bytes, bibliography_name, lambda source: parse_bibliography(source, today), problems
    )
    survival = _decode_and_parse(survival_bytes, survival_name, parse_survival, problems)
    glossary = glossary if glossary is not None else Glossary({}, readable=False)
    bibliography = bibliography if bibliography is not None else Bibliography({}, readable=False)
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
