"""``check_project``: every problem in a guide, from its sources and from its pages as rendered.

What both ``make check`` and the MkDocs hook run (the hook leaves rendering to the extension).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from guidekit.core.problems import Problem, apply_levels, sort_problems
from guidekit.data.build_state import BuildState
from guidekit.data.project import Project, load_project
from guidekit.render.allow_list import PublishedRefusal
from guidekit.render.render_pages import render_all
from guidekit.rules.run import PageBody, check_sources


def _published_problems(
    project: Project, bodies: list[PageBody], source_problems: list[Problem], state: BuildState
) -> list[Problem]:
    """Refused HTML on the rendered pages that the source rules have not already named."""
    refused: list[PublishedRefusal] = []
    problems = render_all(project, bodies, refused.extend, state)
    # The same refusal found in the source and on the page is one mistake: say it once, where written.
    named = Counter((problem.path, problem.message) for problem in source_problems)
    for item in refused:
        key = (item.problem.path, item.refusal.message)
        if named[key]:
            named[key] -= 1
        else:
            problems.append(item.problem)
    return problems


def check_project(
    project: Project, today: dt.date | None = None, *, render: bool = True, state: BuildState | None = None
) -> list[Problem]:
    """Every problem in the guide at the levels the guide sets for its rules, sorted by file and position.

    ``render``: also render every page and hold it against the HTML allow-list. The MkDocs hook
    turns it off because the extension does the same while the builder renders. ``state``: the
    build's own store (the hook shares it with the extension); a run of its own gets a new one.
    """
    state = state or BuildState()
    problems, bodies = check_sources(project, today, state)
    if render:
        problems += _published_problems(project, bodies, problems, state)
    return sort_problems(apply_levels(problems, project.rule_levels))


def check_editions(project: Project, today: dt.date | None = None) -> list[Problem]:
    """Every problem in the guide and in each of its translations (``translations`` in mkdocs.yml).

    A file both editions read (the bibliography, the survival data) is judged by each: a problem
    found twice is said once.
    """
    problems = check_project(project, today)
    for config_file in project.translations:
        problems += check_project(load_project(config_file), today)
    unique = {(p.path, p.line, p.column, p.rule, p.message): p for p in problems}
    return sort_problems(list(unique.values()))
