"""Loading the glossary and bibliography once per content, for checks and rendering alike."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from guidekit.core.dates import today as current_day
from guidekit.core.problems import Problem
from guidekit.data.bibliography import Bibliography, parse_bibliography
from guidekit.data.emergencies import EmergencyData, parse_emergencies
from guidekit.data.glossary import Glossary, parse_glossary
from guidekit.data.project import Project
from guidekit.data.survival import SurvivalData, parse_survival
from guidekit.source.text import SourceText, decode_source

T = TypeVar("T")


@dataclass(frozen=True)
class GuideData:
    """The parsed data files and every problem found in them."""

    glossary: Glossary
    bibliography: Bibliography
    problems: tuple[Problem, ...]
    survival: SurvivalData | None = None
    emergencies: EmergencyData | None = None


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


# Stand-in names while parsing: the cache must not depend on how a caller spells a path (the hook
# passes "docs/data/glossary.yml", the extension an absolute path), or one build parses twice.
_GLOSSARY = "\x00glossary"
_BIBLIOGRAPHY = "\x00bibliography"
_SURVIVAL = "\x00survival"
_EMERGENCIES = "\x00emergencies"


# Keyed on the files' bytes, not their names or times: an edit under `mkdocs serve` is a new key,
# and rendering 1,000 pages parses the data files once instead of once a page.
@functools.lru_cache(maxsize=8)
def _parse(
    glossary_bytes: bytes | None,
    bibliography_bytes: bytes | None,
    bibliography_suffix: str,
    today: dt.date,
    survival_bytes: bytes | None = None,
    emergencies_bytes: bytes | None = None,
) -> GuideData:
    problems: list[Problem] = []
    for data, name in ((glossary_bytes, _GLOSSARY), (bibliography_bytes, _BIBLIOGRAPHY + bibliography_suffix)):
        if data is None:
            problems.append(Problem(name, 1, 1, "cannot read the file: it does not exist or is not readable"))
    glossary = _decode_and_parse(glossary_bytes, _GLOSSARY, parse_glossary, problems)
    bibliography = _decode_and_parse(
        bibliography_bytes,
        _BIBLIOGRAPHY + bibliography_suffix,  # the suffix tells CSL-JSON from CSL-YAML
        lambda source: parse_bibliography(source, today),
        problems,
    )
    survival = _decode_and_parse(survival_bytes, _SURVIVAL, parse_survival, problems)
    emergencies = _decode_and_parse(emergencies_bytes, _EMERGENCIES, parse_emergencies, problems)
    glossary = glossary if glossary is not None else Glossary({}, readable=False)
    bibliography = bibliography if bibliography is not None else Bibliography({}, readable=False)
    return GuideData(glossary, bibliography, tuple(problems), survival, emergencies)


def _named(data: GuideData, names: dict[str, str]) -> GuideData:
    """The parsed data with each problem's stand-in path replaced by the caller's name for the file."""
    if not data.problems:
        return data
    problems = tuple(replace(problem, path=names.get(problem.path, problem.path)) for problem in data.problems)
    return replace(data, problems=problems)


def load_guide_data(
    glossary_path: Path,
    bibliography_path: Path,
    *,
    glossary_name: str,
    bibliography_name: str,
    today: dt.date | None = None,
    survival_path: Path | None = None,
    survival_name: str = "",
    emergencies_path: Path | None = None,
    emergencies_name: str = "",
) -> GuideData:
    """Parse the data files (cached by content); names are the paths shown in messages.

    The survival data and the emergency advice are optional: a guide without a survival table or
    emergency boxes needs no such file.
    """
    suffix = Path(bibliography_name).suffix
    data = _parse(
        _read(glossary_path),
        _read(bibliography_path),
        suffix,
        today or current_day(),
        _read(survival_path) if survival_path else None,
        _read(emergencies_path) if emergencies_path else None,
    )
    names = {
        _GLOSSARY: glossary_name,
        _BIBLIOGRAPHY + suffix: bibliography_name,
        _SURVIVAL: survival_name,
        _EMERGENCIES: emergencies_name,
    }
    return _named(data, names)


def load_project_data(project: Project, today: dt.date | None = None) -> GuideData:
    """A guide's data files, with problems named by their paths as the project shows them."""
    return load_guide_data(
        project.glossary,
        project.bibliography,
        glossary_name=project.display(project.glossary),
        bibliography_name=project.display(project.bibliography),
        today=today,
        survival_path=project.survival,
        survival_name=project.display(project.survival) if project.survival else "",
        emergencies_path=project.emergencies,
        emergencies_name=project.display(project.emergencies) if project.emergencies else "",
    )
