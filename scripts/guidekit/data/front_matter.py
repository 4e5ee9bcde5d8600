"""A page's YAML front matter: what keys it may have, of which types, and which it must have."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from guidekit.core.dates import DateError, parse_partial_date
from guidekit.core.dates import today as current_day
from guidekit.core.problems import Problem
from guidekit.core.suggest import did_you_mean
from guidekit.source.markdown_scan import front_matter_yaml
from guidekit.source.text import SourceText
from guidekit.source.yaml_positions import Located, parse_yaml

REQUIRED = ("title", "description", "review_status", "last_reviewed", "next_review")
REVIEW_STATUSES = ("awaiting clinical review", "clinically reviewed")
MAX_REVIEW_INTERVAL_DAYS = 366  # at most twelve months between reviews
# Material's values for `hide`; anything else is silently ignored by the theme, so it is a typo.
HIDE_VALUES = ("navigation", "toc", "footer", "feedback", "path", "tags")
DESCRIPTION_LIMIT = 160  # search engines cut meta descriptions around here


@dataclass(frozen=True)
class FrontMatter:
    """The front matter values that the checks use."""

    title: str | None
    description: str | None
    values: dict[str, Any]


def _text(key: str, value: Located, problem: Any) -> None:
    if not isinstance(value.value, str) or not value.value.strip():
        problem(value, f"front matter {key!r} must be non-empty text")
    elif key == "description" and len(value.value) > DESCRIPTION_LIMIT:
        problem(
            value, f"front matter 'description' is {len(value.value)} characters; keep it under {DESCRIPTION_LIMIT}"
        )


def _date(key: str, value: Located, problem: Any) -> None:
    try:
        parts = parse_partial_date(value.value)
    except DateError:
        parts = None
    if parts is None or parts[2] is None:
        problem(value, f"front matter {key!r} is not a date ({value.value!r}); write YYYY-MM-DD")


def _review_status(key: str, value: Located, problem: Any) -> None:
    if value.value not in REVIEW_STATUSES:
        hint = did_you_mean(str(value.value), REVIEW_STATUSES)
        problem(value, f"front matter 'review_status' must be one of: {', '.join(REVIEW_STATUSES)}{hint}")


def _reviewers(key: str, value: Located, problem: Any) -> None:
    if not value.is_list or not all(isinstance(item.value, str) and item.value.strip() for item in value.value):
        problem(value, "front matter 'reviewers' must be a list of the names recorded in the review's pull request")


def _hide(key: str, value: Located, problem: Any) -> None:
    if not value.is_list:
        problem(value, f"front matter 'hide' must be a list, e.g. [toc]; choose from {', '.join(HIDE_VALUES)}")
        return
    for item in value.value:
        if item.value not in HIDE_VALUES:
            hint = did_you_mean(str(item.value), HIDE_VALUES)
            problem(item, f"front matter 'hide' has unknown value {item.value!r}{hint}")


def _search(key: str, value: Located, problem: Any) -> None:
    if not value.is_mapping:
        problem(value, "front matter 'search' must be a mapping such as {boost: 2} or {exclude: true}")
        return
    for name, item in value.value.items():
        if name == "exclude" and not isinstance(item.value, bool):
            problem(item, "front matter 'search.exclude' must be true or false")
        elif name == "boost" and (isinstance(item.value, bool) or not isinstance(item.value, (int, float))):
            problem(item, "front matter 'search.boost' must be a number")
        elif name not in ("exclude", "boost"):
            problem(item, f"front matter 'search' has unknown key {name!r}; use boost or exclude")


# Each allowed key and the rule for its value.
KEYS = {
    "title": _text,
    "description": _text,
    "hide": _hide,
    "search": _search,
    "review_status": _review_status,
    "reviewers": _reviewers,
    "last_reviewed": _date,
    "next_review": _date,
}


def _review_rules(root: Located, path: str, today: dt.date) -> list[Problem]:
    """The review cycle: next review within twelve months, not yet passed, and honest status."""
    problems: list[Problem] = []
    values = root.plain()
    last, upcoming = values.get("last_reviewed"), values.get("next_review")
    try:
        last_day = dt.date.fromisoformat(str(last)) if last is not None else None
        next_day = dt.date.fromisoformat(str(upcoming)) if upcoming is not None else None
    except ValueError:
        return problems  # the date rule has already said what is wrong
    where = root.get("next_review")
    if last_day and next_day and where:
        if next_day <= last_day:
            problems.append(Problem(path, where.line, where.column, "'next_review' must come after 'last_reviewed'"))
        elif (next_day - last_day).days > MAX_REVIEW_INTERVAL_DAYS:
            message = f"'next_review' {next_day} is more than twelve months after 'last_reviewed' {last_day}"
            problems.append(Problem(path, where.line, where.column, message))
    if next_day and where and next_day < today:
        message = f"the page was due for review on {next_day}; review it, then update 'last_reviewed' and 'next_review'"
        problems.append(Problem(path, where.line, where.column, message))
    status = root.get("review_status")
    if status and status.value == "clinically reviewed" and not values.get("reviewers"):
        message = "'clinically reviewed' needs 'reviewers': the names recorded in the review's pull request"
        problems.append(Problem(path, status.line, status.column, message))
    return problems


def parse_front_matter(source: SourceText, today: dt.date | None = None) -> tuple[FrontMatter, list[Problem]]:
    """Read and check the front matter at the top of a page (every page must have one)."""
    path = source.display_path
    body = front_matter_yaml(source.text)
    if body is None:
        message = "the page has no front matter; start it with '---', then 'title:' and 'description:', then '---'"
        return FrontMatter(None, None, {}), [Problem(path, 1, 1, message)]
    root, problems = parse_yaml(SourceText(path, body), first_line=2)
    if root is None:
        if not problems:
            problems.append(Problem(path, 1, 1, "the front matter is empty; it needs 'title:' and 'description:'"))
        return FrontMatter(None, None, {}), problems
    if not root.is_mapping:
        problems.append(Problem(path, root.line, root.column, "the front matter must be 'key: value' lines"))
        return FrontMatter(None, None, {}), problems

    def problem(where: Located, message: str) -> None:
        problems.append(Problem(path, where.line, where.column, message))

    for key, value in root.value.items():
        rule = KEYS.get(key)
        if rule is None:
            line, column = root.key_positions[key]
            hint = did_you_mean(key, KEYS) or f"; allowed: {', '.join(KEYS)}"
            problems.append(Problem(path, line, column, f"unknown front matter key {key!r}{hint}"))
        else:
            rule(key, value, problem)
    for key in REQUIRED:
        if key not in root.value:
            problems.append(Problem(path, 1, 1, f"the front matter has no {key!r}"))
    problems += _review_rules(root, path, today or current_day())
    values = root.plain()
    title = values.get("title") if isinstance(values.get("title"), str) else None
    description = values.get("description") if isinstance(values.get("description"), str) else None
    return FrontMatter(title, description, values), problems
