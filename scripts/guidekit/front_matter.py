"""A page's YAML front matter: what keys it may have, of which types, and which it must have."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .dates import DateError, parse_partial_date
from .markdown_scan import front_matter_yaml
from .problems import Problem
from .sourcefile import SourceText
from .suggest import did_you_mean
from .yamlnodes import Located, parse_yaml

REQUIRED = ("title", "description")
# Material's values for `hide`; anything else is silently ignored by the theme, so it is a typo.
HIDE_VALUES = ("navigation", "toc", "footer", "feedback", "path", "tags")
DESCRIPTION_LIMIT = 200


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
    "last_reviewed": _date,
    "next_review": _date,
}


def parse_front_matter(source: SourceText) -> tuple[FrontMatter, list[Problem]]:
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
    values = root.plain()
    title = values.get("title") if isinstance(values.get("title"), str) else None
    description = values.get("description") if isinstance(values.get("description"), str) else None
    return FrontMatter(title, description, values), problems
