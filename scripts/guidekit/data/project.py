"""Where a guide's files are, read from its ``mkdocs.yml``: the one place paths are configured."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

import mergedeep
import yaml

from guidekit.core.rules import Level, RuleConfigError, rule_levels

EXTENSION_NAME = "guidekit.extension"
DEFAULT_SETTINGS = MappingProxyType(
    {
        "bibliography": "docs/data/bibliography.yml",
        "glossary": "docs/data/glossary.yml",
        "docs_dir": "docs",
        "glossary_page": "glossary.md",
        "references_page": "references.md",
        "survival": "docs/data/survival.yml",
        "changelog": "docs/data/changelog.yml",
        "emergencies": "docs/data/emergencies.yml",
        "language": "en",
        "translates": "",
        "source_glossary": "",
        "survival_labels": "",
    }
)
# Levels of the checks' rules (see guidekit.core.rules): not a path, kept as the mapping it is.
RULES_SETTING = "rules"
# The configuration files of the guide's translations (mkdocs.es.yml): a list, kept as written.
TRANSLATIONS_SETTING = "translations"
# The settings that are paths, relative to the folder of mkdocs.yml: a builder makes them absolute.
PATH_SETTINGS = (
    "bibliography",
    "glossary",
    "docs_dir",
    "survival",
    "changelog",
    "emergencies",
    "translates",
    "source_glossary",
    "survival_labels",
)


class SetupError(Exception):
    """The project itself is broken (not a content mistake): no config, unreadable config."""


@dataclass(frozen=True)
class Project:
    """Absolute paths of one guide, and how to show them relative to the repository."""

    config_file: Path
    docs_dir: Path
    bibliography: Path
    glossary: Path
    glossary_page: str  # relative to docs_dir, with forward slashes
    references_page: str
    survival: Path | None = None
    changelog: Path | None = None
    emergencies: Path | None = None
    site_url: str | None = None
    rule_levels: Mapping[str, Level] = field(default_factory=lambda: MappingProxyType({}))
    language: str = "en"
    # A translation's English pages and glossary, which it is checked against; None in the English.
    translates: Path | None = None
    source_glossary: Path | None = None
    survival_labels: Path | None = None
    # The English edition's translations: their configuration files.
    translations: tuple[Path, ...] = ()

    @property
    def root(self) -> Path:
        """The repository: the folder of mkdocs.yml. Messages show paths relative to it."""
        return self.config_file.parent

    @functools.cached_property
    def _resolved_root(self) -> Path:
        return self.root.resolve()

    def display(self, path: Path) -> str:
        """A path as messages show it: relative to the repository, with forward slashes."""
        try:
            return path.resolve().relative_to(self._resolved_root).as_posix()
        except ValueError:
            return path.as_posix()


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without executing its tags (!!python/name, !ENV, !relative)."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_TolerantLoader.add_multi_constructor("", _ignore_tag)


def extension_settings(markdown_extensions: Any) -> dict[str, Any]:
    """The guidekit extension's settings from a ``markdown_extensions`` list, with defaults.

    Paths and page names as text; ``rules`` (rule id -> level) as written, for ``rule_levels``.
    """
    settings: dict[str, Any] = dict(DEFAULT_SETTINGS)
    for item in markdown_extensions or []:
        if isinstance(item, dict) and EXTENSION_NAME in item:
            for key, value in (item[EXTENSION_NAME] or {}).items():
                settings[key] = value if key in (RULES_SETTING, TRANSLATIONS_SETTING) else str(value)
    return settings


def project_from_settings(config_file: Path, docs_dir: str, settings: dict[str, Any], site_url: str | None) -> Project:
    """A project from its config file, its docs_dir and the extension's settings.

    SetupError if the ``rules`` setting names a rule or level that does not exist.
    """
    config_file = config_file.resolve()
    try:
        levels = rule_levels(settings.get(RULES_SETTING))
    except RuleConfigError as error:
        raise SetupError(f"{config_file}: {error}") from None
    root = config_file.parent
    translations = settings.get(TRANSLATIONS_SETTING) or []
    if not isinstance(translations, list) or not all(isinstance(item, str) for item in translations):
        raise SetupError(f"{config_file}: {TRANSLATIONS_SETTING} must be a list of configuration files")

    def optional(name: str) -> Path | None:
        return (root / settings[name]).resolve() if settings.get(name) else None

    return Project(
        config_file=config_file,
        docs_dir=(root / docs_dir).resolve(),
        bibliography=(root / settings["bibliography"]).resolve(),
        glossary=(root / settings["glossary"]).resolve(),
        glossary_page=settings["glossary_page"],
        references_page=settings["references_page"],
        survival=optional("survival"),
        changelog=optional("changelog"),
        emergencies=optional("emergencies"),
        site_url=site_url,
        rule_levels=levels,
        language=str(settings.get("language") or "en"),
        translates=optional("translates"),
        source_glossary=optional("source_glossary"),
        survival_labels=optional("survival_labels"),
        translations=tuple((root / item).resolve() for item in translations),
    )


def read_config(config_file: Path, _inheriting: frozenset[Path] = frozenset()) -> dict[str, Any]:
    """``mkdocs.yml`` as a mapping, its tags left unexecuted; SetupError if it cannot be read.

    A config with ``INHERIT:`` (mkdocs.offline.yml) is merged over the one it names, as both
    engines merge it (mergedeep's replace strategy, MkDocs' own): its checks then see the same
    Markdown extensions the build uses.
    """
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except OSError as error:
        raise SetupError(f"{config_file}: cannot read the site configuration: {error.strerror}") from None
    except yaml.YAMLError as error:
        raise SetupError(f"{config_file}: the site configuration is not valid YAML: {error}") from None
    if not isinstance(config, dict):
        raise SetupError(f"{config_file}: the site configuration must be a mapping")
    inherit = config.pop("INHERIT", None)
    if inherit is None:
        return config
    if not isinstance(inherit, str) or not inherit.strip():
        raise SetupError(f"{config_file}: INHERIT must name a configuration file")
    parent_file = (config_file.parent / inherit).resolve()
    if parent_file in _inheriting or parent_file == config_file.resolve():
        raise SetupError(f"{config_file}: INHERIT comes back to {parent_file} (a loop)")
    parent = read_config(parent_file, _inheriting | {config_file.resolve()})
    return mergedeep.merge(parent, config)


def load_project(config_file: Path) -> Project:
    """Read ``mkdocs.yml`` and return the guide's paths."""
    config = read_config(config_file)
    settings = extension_settings(config.get("markdown_extensions"))
    site_url = config.get("site_url") if isinstance(config.get("site_url"), str) else None
    return project_from_settings(config_file, str(config.get("docs_dir", "docs")), settings, site_url)


def site_base_path(config_file: Path) -> str:
    """Where the built site is served: site_url's path ("/guide/" for https://host/guide/), "/" if unset."""
    site_url = read_config(config_file).get("site_url")
    if not isinstance(site_url, str):
        return "/"
    try:
        path = urlsplit(site_url.strip()).path
    except ValueError:  # e.g. "https://[bad": MkDocs itself rejects it; links then resolve from the root
        return "/"
    path = path.strip("/")
    return f"/{path}/" if path else "/"
