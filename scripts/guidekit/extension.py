"""The name ``mkdocs.yml`` loads, ``guidekit.extension``: the guide's extension, checking included.

Rendering lives in ``guidekit.render.extension``. This module adds what a builder without hooks
(Zensical) would otherwise skip: before the first page is converted, the whole guide is checked
as ``make check`` checks it, and any problem that fails the build raises, listing every problem
with its ``path:line:column``. A builder that logs warnings but still publishes (Zensical, even
with ``--strict``) stops only on an exception. Under MkDocs the hook runs the checks, so this
does nothing there.
"""

from __future__ import annotations

from pathlib import Path

from guidekit.check import check_project
from guidekit.core.problems import Problem, Severity
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
        fatal = [p for p in problems if p.severity is Severity.ERROR or self.strict]
        if fatal:
            raise ContentProblemsError(problems)

    def _project(self) -> Project:
        """The guide as this extension's settings describe it (SetupError names a misspelt rule)."""
        settings = {name: value for name, value in self.getConfigs().items() if isinstance(value, str)}
        settings[RULES_SETTING] = self.getConfig(RULES_SETTING)
        root = Path(self.getConfig("root")).resolve()
        return project_from_settings(root / CONFIG_FILE_NAME, settings["docs_dir"], settings, None)

    def _sources_fingerprint(self) -> tuple[tuple[str, int, int], ...]:
        """Every source file's path, change time and size: the guide is checked again only when one changed."""
        paths: set[Path] = set()
        for name in PATH_SETTINGS:
            path = self.path_setting(name)
            if path is None:
                continue
            if path.is_dir():
                paths.update(found for found in path.rglob("*") if found.is_file())
            else:
                paths.add(path)
        root = Path(self.getConfig("root"))
        paths.add(root / CONFIG_FILE_NAME)
        stamps = []
        for path in sorted(paths):
            try:
                stat = path.stat()
            except OSError:
                stamps.append((path.as_posix(), -1, -1))
            else:
                stamps.append((path.as_posix(), stat.st_mtime_ns, stat.st_size))
        return tuple(stamps)


def makeExtension(**kwargs: object) -> GuideExtension:  # noqa: N802 - Markdown's API
    """Entry point Python-Markdown calls for ``guidekit.extension`` in markdown_extensions."""
    return GuideExtension(**kwargs)
