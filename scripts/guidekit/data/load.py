"""Loading the data files (glossary, bibliography, survival, emergencies), for checks and rendering alike."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from guidekit.core.dates import today as current_day
from guidekit.core.problems import Problem
from guidekit.data.bibliography import Bibliography, parse_bibliography
from guidekit.data.build_state import BuildState
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


def _read(path: Path) -> bytes | str:
    """The file's bytes, or why it cannot be read (the system's reason, e.g. 'No such file or directory')."""
    try:
        return path.read_bytes()
    except OSError as error:
        return error.strerror or type(error).__name__


def _decode_and_parse(
    data: bytes | str | None,
    name: str,
    parse: Callable[[SourceText], tuple[T, list[Problem]]],
    problems: list[Problem],
) -> T | None:
    """Decode a data file's bytes and parse them, adding every problem to ``problems``."""
    if not isinstance(data, bytes):
        return None  # not configured, or unreadable (said by the caller for required files)
    source, found = decode_source(data, name)
    problems += found
    if source is None:
        return None
    parsed, found = parse(source)
    problems += found
    return parsed


def _parse(files: dict[str, tuple[bytes | str | None, str]], bibliography_suffix: str, today: dt.date) -> GuideData:
    """Parse the data files; ``files`` maps each role to (its bytes, the name messages use)."""
    problems: list[Problem] = []
    for role in ("glossary", "bibliography"):
        data, name = files[role]
        if isinstance(data, str):
            problems.append(Problem(name, 1, 1, f"cannot read the file: {data}", rule="file-unreadable"))
    glossary = _decode_and_parse(*files["glossary"], parse_glossary, problems)
    bibliography = _decode_and_parse(
        *files["bibliography"],
        lambda source: parse_bibliography(source, today),  # the name's suffix tells CSL-JSON from CSL-YAML
        problems,
    )
    survival = _decode_and_parse(*files["survival"], parse_survival, problems)
    emergencies = _decode_and_parse(*files["emergencies"], parse_emergencies, problems)
    glossary = glossary if glossary is not None else Glossary({}, readable=False)
    bibliography = bibliography if bibliography is not None else Bibliography({}, readable=False)
    return GuideData(glossary, bibliography, tuple(problems), survival, emergencies)


def _renamed(data: GuideData, names: dict[str, str]) -> GuideData:
    """The parsed data with each problem's path replaced by the caller's name for that file."""
    if not data.problems or all(old == new for old, new in names.items()):
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
    state: BuildState | None = None,
) -> GuideData:
    """Parse the data files; names are the paths shown in messages.

    With a build's ``state``, files already parsed in this build (same bytes, same day) are not
    parsed again, however the caller spells their paths: the hook names them relative to the
    repository, the extension by absolute path. The survival data and the emergency advice are
    optional: a guide without a survival table or emergency boxes needs no such file.
    """
    files = {
        "glossary": (_read(glossary_path), glossary_name),
        "bibliography": (_read(bibliography_path), bibliography_name),
        # Optional files: one that is missing is no table or box, which the page rules report where used.
        "survival": (_read(survival_path) if survival_path else None, survival_name),
        "emergencies": (_read(emergencies_path) if emergencies_path else None, emergencies_name),
    }
    suffix = Path(bibliography_name).suffix
    day = today or current_day()
    if state is None:
        return _parse(files, suffix, day)
    # Keyed on the files' bytes, not their names or times: an edit under `mkdocs serve` is a new key.
    key = (*(data for data, _ in files.values()), suffix, day)
    if key not in state.parsed:
        state.parsed[key] = (_parse(files, suffix, day), {role: name for role, (_, name) in files.items()})
    data, parsed_as = state.parsed[key]
    return _renamed(data, {parsed_as[role]: name for role, (_, name) in files.items() if parsed_as[role]})


def load_project_data(project: Project, today: dt.date | None = None, state: BuildState | None = None) -> GuideData:
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
        state=state,
    )
