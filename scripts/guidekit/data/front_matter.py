"""A page's YAML front matter: what keys it may have, of which types, and which it must have."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from guidekit.core.dates import today as current_day
from guidekit.core.problems import Problem
from guidekit.data.fields import BOOL, DAY, MAPPING, NUMBER, TEXT, TEXT_LIST, Field, Schema, data_problem, read_fields
from guidekit.source.markdown_scan import front_matter_yaml
from guidekit.source.text import SourceText
from guidekit.source.yaml_positions import Located, parse_yaml

REVIEW_STATUSES = ("awaiting clinical review", "clinically reviewed")
MAX_REVIEW_INTERVAL_DAYS = 366  # at most twelve months between reviews
# Material's values for `hide`; anything else is silently ignored by the theme, so it is a typo.
HIDE_VALUES = ("navigation", "toc", "footer", "feedback", "path", "tags")
DESCRIPTION_LIMIT = 160  # search engines cut meta descriptions around here

# Every key a page may set, the kind of its value, and which are required.
SCHEMA = Schema(
    "front matter",
    (
        Field("title", TEXT, required=True),
        Field("description", TEXT, required=True, describe=f"one sentence of at most {DESCRIPTION_LIMIT} characters"),
        Field("hide", TEXT_LIST, choices=HIDE_VALUES, allow_empty=True, describe="a list such as [toc]"),
        Field(
            "search",
            MAPPING,
            fields=Schema("front matter", (Field("boost", NUMBER), Field("exclude", BOOL))),
            describe="a mapping such as {boost: 2} or {exclude: true}",
        ),
        Field("review_status", TEXT, required=True, choices=REVIEW_STATUSES),
        Field(
            "reviewers",
            TEXT_LIST,
            allow_empty=True,
            describe="a list of the names recorded in the review's pull request",
        ),
        Field("last_reviewed", DAY, required=True),
        Field("next_review", DAY, required=True),
        # A translated page (docs-es/): which version of its English page it translates, and the
        # numbers it adds that the English has not (a phone line for Spanish speakers).
        Field("translated_from", TEXT, describe="the first 12 characters of the English page's SHA-256"),
        Field("numbers_not_in_english", TEXT_LIST, allow_empty=True, describe='a list such as ["900 100 036"]'),
    ),
)
KEYS = SCHEMA.names
REQUIRED = SCHEMA.required


@dataclass(frozen=True)
class FrontMatter:
    """The front matter values that the checks use."""

    title: str | None
    description: str | None
    values: dict[str, Any]


def _description_length(root: Located, path: str) -> list[Problem]:
    where = root.get("description")
    if where is None or not isinstance(where.value, str) or len(where.value) <= DESCRIPTION_LIMIT:
        return []
    message = f"front matter 'description' is {len(where.value)} characters; keep it under {DESCRIPTION_LIMIT}"
    return [data_problem("description-length", path, where, message)]


def _review_rules(root: Located, values: dict[str, Any], path: str, today: dt.date) -> list[Problem]:
    """The review cycle: next review within twelve months, not yet passed, and honest status."""
    problems: list[Problem] = []
    last_day, next_day = values.get("last_reviewed"), values.get("next_review")
    where = root.get("next_review")
    if last_day and next_day and where:
        if next_day <= last_day:
            message = "'next_review' must come after 'last_reviewed'"
            problems.append(data_problem("review-dates", path, where, message))
        elif (next_day - last_day).days > MAX_REVIEW_INTERVAL_DAYS:
            message = f"'next_review' {next_day} is more than twelve months after 'last_reviewed' {last_day}"
            problems.append(data_problem("review-dates", path, where, message))
    if next_day and where and next_day < today:
        message = f"the page was due for review on {next_day}; review it, then update 'last_reviewed' and 'next_review'"
        problems.append(data_problem("review-overdue", path, where, message))
    status = root.get("review_status")
    if status and values.get("review_status") == "clinically reviewed" and not values.get("reviewers"):
        message = "'clinically reviewed' needs 'reviewers': the names recorded in the review's pull request"
        problems.append(data_problem("review-reviewers", path, status, message))
    return problems


def parse_front_matter(source: SourceText, today: dt.date | None = None) -> tuple[FrontMatter, list[Problem]]:
    """Read and check the front matter at the top of a page (every page must have one)."""
    path = source.display_path
    body = front_matter_yaml(source.text)
    if body is None:
        message = "the page has no front matter; start it with '---', then 'title:' and 'description:', then '---'"
        return FrontMatter(None, None, {}), [data_problem("front-matter-missing", path, (1, 1), message)]
    root, problems = parse_yaml(SourceText(path, body), first_line=2)
    if root is None:
        if not problems:
            message = "the front matter is empty; it needs 'title:' and 'description:'"
            problems.append(data_problem("front-matter-missing", path, (1, 1), message))
        return FrontMatter(None, None, {}), problems
    if not root.is_mapping:
        problems.append(data_problem("data-shape", path, root, "the front matter must be 'key: value' lines"))
        return FrontMatter(None, None, {}), problems
    # A missing key is reported at the opening '---': the block as a whole lacks it.
    values, field_problems = read_fields(root, SCHEMA, path, missing_at=(1, 1))
    problems += field_problems
    problems += _description_length(root, path)
    problems += _review_rules(root, values, path, today or current_day())
    return FrontMatter(values.get("title"), values.get("description"), root.plain()), problems
