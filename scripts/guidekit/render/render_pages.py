"""Render every page as the site builder will, so the checks can judge what is published.

The Markdown extensions and their settings come from ``mkdocs.yml``, read without executing its
tags; the guide's own extension is given a collector instead of raising, so every refused piece
of HTML in every page is listed in one run.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from markdown import Markdown

from guidekit.core.problems import Problem
from guidekit.data.build_state import BuildState
from guidekit.data.project import EXTENSION_NAME, PATH_SETTINGS, Project, read_config
from guidekit.render.allow_list import PublishedRefusal

# Given each page's refused HTML: the hook logs it, `make check` collects it.
Report = Callable[[list[PublishedRefusal]], None]


def markdown_extensions(config: dict[str, Any]) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """Extension names and their settings from a ``markdown_extensions`` list."""
    names: list[str] = []
    settings: dict[str, dict[str, Any]] = {}
    for item in config.get("markdown_extensions") or []:
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict):
            for name, options in item.items():
                names.append(str(name))
                settings[str(name)] = dict(options) if isinstance(options, dict) else {}
    return names, settings


def guide_markdown(project: Project, report: Report, state: BuildState) -> Markdown:
    """A Markdown converter with the site's extensions; the guide's extension reports to ``report``."""
    names, settings = markdown_extensions(read_config(project.config_file))
    # MkDocs always adds these three; Zensical follows it.
    names += [name for name in ("toc", "tables", "fenced_code") if name not in names]
    if EXTENSION_NAME not in names:
        names.append(EXTENSION_NAME)
    guide = settings.setdefault(EXTENSION_NAME, {})
    for name in PATH_SETTINGS:
        if guide.get(name):
            guide[name] = str((project.root / str(guide[name])).resolve())
    guide["docs_dir"] = str(project.docs_dir)
    guide["root"] = str(project.root)
    guide["report"] = report
    guide["state"] = state
    return Markdown(extensions=names, extension_configs=settings)


def render_problem(display_path: str, error: Exception) -> Problem:
    """A page that an extension could not render at all (the builder would stop on it too)."""
    return Problem(
        display_path, 1, 1, f"the page cannot be rendered: {type(error).__name__}: {error}", rule="page-render"
    )


def render_all(
    project: Project, pages: list[tuple[Path, str, str]], report: Report, state: BuildState
) -> list[Problem]:
    """Render each (path, display path, body) page; problems for pages that cannot be rendered."""
    problems: list[Problem] = []
    try:
        md = guide_markdown(project, report, state)
    except Exception as error:  # an extension that cannot load: the builder would refuse too
        name = project.display(project.config_file)
        message = f"the Markdown extensions cannot be loaded: {type(error).__name__}: {error}"
        return [Problem(name, 1, 1, message, rule="page-render")]
    for _path, display_path, body in pages:
        try:
            md.reset().convert(body)
        except Exception as error:
            problems.append(render_problem(display_path, error))
    return problems
