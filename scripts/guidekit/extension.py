"""The name ``mkdocs.yml`` loads, ``guidekit.extension``: the guide's extension, checking included.

Rendering lives in ``guidekit.render.extension``. This module adds what a builder without hooks
(Zensical) would otherwise skip: before the first page is converted, the whole guide is checked
as ``make check`` checks it, and any problem that fails the build raises, listing every problem
with its ``path:line:column``. A builder that logs warnings but still publishes (Zensical, even
with ``--strict``) stops only on an exception. Under MkDocs the hook runs the checks, so this
does nothing there.
"""

from __future__ import annotations

import os
from pathlib import Path

from guidekit.check import check_project
from guidekit.core.problems import Problem, is_fatal
from guidekit.data.project import PATH_SETTINGS, RULES_SETTING, Project, project_from_settings
from guidekit.render.extension import GuideExtension as RenderingExtension

__all__ = ["ContentProblemsError", "GuideExtension", "makeExtension"]

# The configuration file the checks read the navigation from, in the folder the builder names.
CONFIG_FILE_NAME = "mkdocs.yml"


class ContentProblemsError(ValueError):
    """The guide has problems that stop a build; the message lists every one."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = [problem.report_line for problem in problems]
        lines.append(f"{len(problems)} content problem(s), listed above; nothing was built")
        super().__init__("\n".join(lines))


class GuideExtension(RenderingExtension):
    """Renders the guide; checks it first when no hook has (``report`` not given)."""

    def check_build(self) -> None:
        if callable(self.getConfig("report")):
            return  # the MkDocs hook checks the guide and collects refused HTML itself
        fingerprint = self._sources_fingerprint()
        problems = self.build_state.checked.get(fingerprint)
        if problems is None:
            problems = check_project(self._project(), render=False, state=self.build_state)
            self.build_state.checked[fingerprint] = problems
        fatal = [p for p in problems if is_fatal(p, self.strict)]
        if fatal:
            raise ContentProblemsError(problems)

    def _project(self) -> Project:
        """The guide as this extension's settings describe it (SetupError names a misspelt rule)."""
        settings = {name: value for name, value in self.getConfigs().items() if isinstance(value, str)}
        settings[RULES_SETTING] = self.getConfig(RULES_SETTING)
        root = Path(self.getConfig("root")).resolve()
        return project_from_settings(root / CONFIG_FILE_NAME, settings["docs_dir"], settings, None)

    def _sources_fingerprint(self) -> tuple[tuple[str, int, int], ...]:
        """Every source file's path, change time and size: the guide is checked again only when one changed.

        Asked before every page, so it walks with ``os.scandir`` over plain strings: at 1,000 pages
        ``Path.rglob`` and sorting ``Path`` objects made this the biggest cost of a build.
        """
        paths: set[str] = {os.path.join(self.getConfig("root"), CONFIG_FILE_NAME)}
        for name in PATH_SETTINGS:
            path = self.path_setting(name)
            if path is not None:
                paths.update(_files_under(str(path)))
        stamps = []
        for path in sorted(paths):
            try:
                stat = os.stat(path)
            except OSError:
                stamps.append((path, -1, -1))
            else:
                stamps.append((path, stat.st_mtime_ns, stat.st_size))
        return tuple(stamps)


def _files_under(path: str) -> list[str]:
    """The files in a folder and its subfolders; the path itself when it is not a folder."""
    try:
        entries = list(os.scandir(path))
    except NotADirectoryError:
        return [path]
    except OSError:
        return [path]  # missing: stamped as unreadable, so its appearing later counts as a change
    found: list[str] = []
    for entry in entries:
        if entry.is_dir():
            found += _files_under(entry.path)
        elif entry.is_file():
            found.append(entry.path)
    return found


def makeExtension(**kwargs: object) -> GuideExtension:  # noqa: N802 - Markdown's API
    """Entry point Python-Markdown calls for ``guidekit.extension`` in markdown_extensions."""
    return GuideExtension(**kwargs)
