"""MkDocs hook: run the guide's checks on every build and report each problem as a warning.

A thin adapter over ``guidekit.check``; it keeps no state of its own: every build (and every
``mkdocs serve`` rebuild) gets a new ``BuildState`` in ``on_config``, so it checks the files as they
are now. Rendering is done by the ``guidekit.extension`` Markdown
extension, which builders without hooks also run.
"""

from __future__ import annotations

import logging
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from guidekit.check import check_project
from guidekit.core.dates import ClockError, today
from guidekit.core.problems import Severity, is_fatal
from guidekit.data.build_state import BuildState
from guidekit.data.project import (
    EXTENSION_NAME,
    PATH_SETTINGS,
    SetupError,
    extension_settings,
    project_from_settings,
)
from guidekit.render.allow_list import PublishedRefusal

log = logging.getLogger("mkdocs.plugins.guide")


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Make the extension's data paths absolute, so builds work from any working directory."""
    try:
        today()  # a malformed GUIDEKIT_TODAY stops the build here, named, not in a traceback later
    except ClockError as error:
        raise PluginError(str(error)) from None
    settings = config.mdx_configs.setdefault(EXTENSION_NAME, {})
    root = _root(config)
    for name in PATH_SETTINGS:
        value = extension_settings([{EXTENSION_NAME: settings}])[name]
        if value:  # an unset optional path (a translation's settings, in the English) stays unset
            settings[name] = str((root / value).resolve())
    settings["root"] = str(root)
    # A fresh log for every build (and every `mkdocs serve` rebuild): the extension gives it each
    # page's refused HTML instead of raising, so every page's refusals are listed.
    settings["report"] = RefusalLog()
    # One store for this build: the checks fill it, every page's extension reads it.
    settings["state"] = BuildState()
    return config


class RefusalLog:
    """Logs each refusal as the pages render; remembers how many, for on_env."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, found: list[PublishedRefusal]) -> None:
        for item in found:
            log.error(item.problem.report_line)
        self.count += len(found)


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Every page is rendered, none written yet: stop here if any held refused HTML."""
    report = config.mdx_configs.get(EXTENSION_NAME, {}).get("report")
    if isinstance(report, RefusalLog) and report.count:
        raise PluginError(f"{report.count} piece(s) of HTML outside the allow-list, listed above; nothing was built")
    return env


def on_pre_build(config: MkDocsConfig) -> None:
    """Log every problem; strict mode (set in mkdocs.yml) then refuses to publish."""
    settings = extension_settings([{EXTENSION_NAME: config.mdx_configs.get(EXTENSION_NAME, {})}])
    try:
        project = project_from_settings(Path(config.config_file_path), config.docs_dir, settings, config.site_url)
    except SetupError as error:
        raise PluginError(str(error)) from None
    state = config.mdx_configs.get(EXTENSION_NAME, {}).get("state")
    # render=False: the extension checks each page as it renders.
    problems = check_project(project, render=False, state=state if isinstance(state, BuildState) else None)
    for problem in problems:
        if problem.severity is Severity.ERROR:
            log.error(problem.report_line)
        elif is_fatal(problem, strict=True):
            log.warning(problem.report_line)
        else:
            # Listed, but not a warning to MkDocs, whose --strict would stop on it: the English may
            # be published before its translation catches up (translation-outdated).
            log.info(problem.report_line)
    fatal = [p for p in problems if is_fatal(p, config.strict)]
    if fatal:
        # Stop before MkDocs reads the pages: a page that is not UTF-8 would end in a traceback,
        # and nothing of a guide with mistakes should be written anywhere.
        raise PluginError(f"{len(fatal)} content problem(s), listed above; nothing was built")
