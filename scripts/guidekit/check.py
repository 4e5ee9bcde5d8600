"""``check_project``: every problem in a guide, from its sources and from its pages as rendered.

What both ``make check`` and the MkDocs hook run (the hook leaves rendering to the extension).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from guidekit.core.problems import Problem, sort_problems
from guidekit.data.project import Project
from guidekit.render.allow_list import PublishedRefusal
from guidekit.render.render_pages import render_all
from guidekit.rules.run import PageBody, check_sources


def _published_problems(project: Project, bodies: list[PageBody], source_problems: list[Problem]) -> list[Problem]:
    """Refused HTML on the rendered pages that the source rules have not already named."""
    refused: list[PublishedRefusal] = []
    problems = render_all(project, bodies, refused.extend)
    # The same refusal found in the source and on the page is one mistake: say it once, where written.
    named = Counter((problem.path, problem.message) for problem in source_problems)
    for item in refused:
        key = (item.problem.path, item.refusal.message)
        if named[key]:
            named[key] -= 1
        else:
            problems.append(item.problem)
    return problems


def check_project(project: Project, today: dt.date | None = None, *, render: bool = True) -> list[Problem]:
    """Every problem in the guide, sorted by file and position.

    ``render``: also render every page and hold it against the HTML allow-list. The MkDocs hook
    turns it off because the extension does the same while the builder renders.
    """
    problems, bodies = check_sources(project, today)
    if render:
        problems += _published_problems(project, bodies, problems)
    return sort_problems(problems)
