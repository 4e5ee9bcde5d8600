"""The navigation in mkdocs.yml: every nav entry has a page, and every page is in the nav."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

import yaml

from guidekit.core.problems import Problem
from guidekit.source.yaml_positions import COMPOSE_LOADER


@dataclass(frozen=True)
class NavEntry:
    """A page named in the nav and where it is written in mkdocs.yml."""

    docs_path: str
    line: int
    column: int


def _entries(node: yaml.Node) -> list[NavEntry]:
    if isinstance(node, yaml.ScalarNode):
        value = str(node.value)
        if urlsplit(value).scheme or value.startswith("/"):
            return []  # an external link in the nav
        return [NavEntry(value, node.start_mark.line + 1, node.start_mark.column + 1)]
    if isinstance(node, yaml.SequenceNode):
        return [entry for item in node.value for entry in _entries(item)]
    if isinstance(node, yaml.MappingNode):
        return [entry for _, value in node.value for entry in _entries(value)]
    return []


def nav_entries(config_text: str) -> list[NavEntry] | None:
    """The pages in the config's nav, or None when there is no nav (MkDocs then lists every page).

    Composing (not loading) YAML keeps positions and never runs tags such as !!python/name.
    """
    try:
        root = yaml.compose(config_text, Loader=COMPOSE_LOADER)
    except yaml.YAMLError:
        return None  # the project loader reports a broken config
    if not isinstance(root, yaml.MappingNode):
        return None
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "nav":
            return _entries(value)
    return None


def check_nav(
    config_display: str, entries: list[NavEntry] | None, pages: list[str], display_page: str
) -> list[Problem]:
    """Nav entries without a file, and pages the nav leaves out (readers could never find them)."""
    if entries is None:
        return []
    problems = [
        Problem(
            config_display,
            entry.line,
            entry.column,
            f"nav entry '{entry.docs_path}' has no file {display_page}{entry.docs_path}",
            rule="nav-missing-file",
        )
        for entry in entries
        if entry.docs_path not in pages
    ]
    listed = {entry.docs_path for entry in entries}
    problems += [
        Problem(
            f"{display_page}{page}",
            1,
            1,
            "the page is not in the nav; add it to 'nav' in mkdocs.yml, or delete it",
            rule="nav-orphan-page",
        )
        for page in pages
        if page not in listed
    ]
    return problems
