"""The Spanish edition's configuration (mkdocs.es.yml) is mkdocs.yml but for what is Spanish.

mkdocs.es.yml is a whole file rather than one that INHERITs mkdocs.yml (Zensical appends inherited
lists), so these tests are what keeps the two from drifting apart.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from guidekit.data.nav import nav_entries
from guidekit.data.project import EXTENSION_NAME, load_project, read_config
from guidekit.release.publish import editions

REPO = Path(__file__).resolve().parents[2]
ENGLISH, SPANISH = REPO / "mkdocs.yml", REPO / "mkdocs.es.yml"
# What may differ: names and addresses, the pages and their navigation, the language and the words.
EDITION_KEYS = ("site_name", "site_description", "site_url", "edit_uri", "copyright", "docs_dir", "watch", "nav")


def _without_edition_settings(config: dict[str, Any]) -> dict[str, Any]:
    """A configuration with what an edition may set for itself taken out."""
    config = copy.deepcopy(config)
    for key in EDITION_KEYS:
        config.pop(key, None)
    config["theme"].pop("language")
    for scheme in config["theme"]["palette"]:
        scheme["toggle"].pop("name")
    config["extra"].pop("alternate")
    config["extra"]["words"] = sorted(config["extra"]["words"])  # the same words, each in its language
    config["markdown_extensions"] = [
        EXTENSION_NAME if isinstance(item, dict) and EXTENSION_NAME in item else item
        for item in config["markdown_extensions"]
    ]
    return config


def test_the_spanish_configuration_is_the_english_one_but_for_what_is_spanish() -> None:
    assert _without_edition_settings(read_config(SPANISH)) == _without_edition_settings(read_config(ENGLISH))


def test_a_setting_changed_in_one_edition_only_is_caught() -> None:
    changed = read_config(SPANISH)
    changed["plugins"] = [item for item in changed["plugins"] if item != "glightbox"]
    assert _without_edition_settings(changed) != _without_edition_settings(read_config(ENGLISH))


def test_both_editions_list_the_same_pages_in_the_same_order() -> None:
    english = [entry.docs_path for entry in nav_entries(ENGLISH.read_text(encoding="utf-8")) or []]
    spanish = [entry.docs_path for entry in nav_entries(SPANISH.read_text(encoding="utf-8")) or []]
    assert english and english == spanish


@pytest.mark.parametrize("config_file", [ENGLISH, SPANISH], ids=["en", "es"])
def test_each_language_link_names_the_edition_where_it_is_built(config_file: Path) -> None:
    """extra.alternate: each edition's url is its site_url, and its link leads from here to its folder."""
    built = {load_project(edition).language: (edition, folder) for edition, folder in editions(ENGLISH)}
    here = built[load_project(config_file).language][1]
    alternates = read_config(config_file)["extra"]["alternate"]
    assert sorted(alternate["lang"] for alternate in alternates) == sorted(built)
    for alternate in alternates:
        edition, folder = built[alternate["lang"]]
        assert alternate["url"] == read_config(edition)["site_url"]
        assert alternate["link"] == _link(here, folder)


def _link(here: str, there: str) -> str:
    """From the home of the edition built in folder ``here`` to the one in ``there`` ("" is the top)."""
    if here == there:
        return "./"
    return ("../" if here else "") + (there + "/" if there else "")


def test_the_spanish_edition_is_checked_against_the_english() -> None:
    english, spanish = load_project(ENGLISH), load_project(SPANISH)
    assert english.translations == (SPANISH,) and spanish.translations == ()
    assert spanish.language == "es" and spanish.translates == english.docs_dir
    assert spanish.source_glossary == english.glossary and spanish.bibliography == english.bibliography
