"""A config that inherits another (mkdocs.offline.yml) is read as the engines read it."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO
from guidekit.data.project import SetupError, load_project, read_config
from guidekit.render.render_pages import markdown_extensions


def test_the_offline_config_has_the_main_configs_extensions() -> None:
    main = read_config(REPO / "mkdocs.yml")
    offline = read_config(REPO / "mkdocs.offline.yml")
    assert "INHERIT" not in offline
    assert markdown_extensions(offline) == markdown_extensions(main)
    assert offline["extra"]["offline"] is True
    assert load_project(REPO / "mkdocs.offline.yml").glossary == load_project(REPO / "mkdocs.yml").glossary


def test_the_child_replaces_values_and_merges_mappings(tmp_path: Path) -> None:
    (tmp_path / "base.yml").write_text("site_name: Base\nextra:\n  a: 1\n  b: 2\n", encoding="utf-8")
    (tmp_path / "child.yml").write_text("INHERIT: base.yml\nextra:\n  b: 3\n", encoding="utf-8")
    assert read_config(tmp_path / "child.yml") == {"site_name": "Base", "extra": {"a": 1, "b": 3}}


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"child.yml": "INHERIT: missing.yml\n"}, "cannot read the site configuration"),
        ({"child.yml": "INHERIT: child.yml\n"}, "a loop"),
        ({"child.yml": "INHERIT: other.yml\n", "other.yml": "INHERIT: child.yml\n"}, "a loop"),
        ({"child.yml": "INHERIT: [base.yml]\n"}, "INHERIT must name a configuration file"),
    ],
)
def test_a_broken_inherit_is_a_setup_error(tmp_path: Path, files: dict[str, str], message: str) -> None:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(SetupError, match=message):
        read_config(tmp_path / "child.yml")
