"""The extension under a builder without hooks: it takes the folder, the page and one store for the
whole build from the builder's rendering context (Zensical's), and checks the guide before the
first page, raising on any problem that fails the build. Zensical itself is not needed here: a
stand-in registers the same ``rendering_context`` preprocessor Zensical gives every page."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import markdown
import pytest
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

import guidekit.extension as checked
from conftest import FIXTURE_TODAY, SITES
from guidekit.data.build_state import BuildState
from guidekit.extension import ContentProblemsError
from guidekit.render.builder_context import builder_context

NAME = "guidekit.extension"
SETTINGS = {
    "bibliography": "docs/data/bibliography.yml",
    "glossary": "docs/data/glossary.yml",
    "docs_dir": "docs",
    "glossary_page": "glossary.md",
    "references_page": "references.md",
}


@dataclass
class StandInPage:
    path: str


@dataclass
class StandInContext(Preprocessor):
    """What Zensical registers on every page's converter: the page and the build's settings."""

    page: StandInPage
    config: dict[str, Any] = field(default_factory=dict)

    def run(self, lines: list[str]) -> list[str]:
        return lines


class StandInBuilder(Extension):
    def __init__(self, page: str, config: dict[str, Any]) -> None:
        super().__init__()
        self.context = StandInContext(StandInPage(page), config)

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API
        md.preprocessors.register(self.context, "rendering_context", 0)


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the clean fixture guide, and a working directory somewhere else entirely."""
    import shutil

    shutil.copytree(SITES / "clean", tmp_path / "guide")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.setenv("GUIDEKIT_TODAY", FIXTURE_TODAY)
    return tmp_path / "guide"


def build_config(site: Path, *, strict: bool = True) -> dict[str, Any]:
    """The builder's settings for the whole build, as Zensical keeps them: one mapping, every page."""
    return {"root_dir": str(site), "strict": strict, "mdx_configs": {NAME: dict(SETTINGS)}}


def convert(site: Path, page: str, config: dict[str, Any]) -> str:
    """One page, converted the way Zensical converts it: a new converter from the build's settings."""
    md = markdown.Markdown(
        extensions=[StandInBuilder(page, config), "toc", NAME], extension_configs=config["mdx_configs"]
    )
    return md.convert((site / "docs" / page).read_text(encoding="utf-8"))


def test_the_context_is_read_by_name_and_absent_under_plain_markdown() -> None:
    assert builder_context(markdown.Markdown()) is None
    md = markdown.Markdown(extensions=[StandInBuilder("a/b.md", {"root_dir": "/x", "strict": False})])
    context = builder_context(md)
    assert context is not None
    assert (context.page_path, context.root, context.strict) == ("a/b.md", Path("/x"), False)


def test_data_files_are_found_from_the_configuration_folder_not_the_working_one(site: Path) -> None:
    html = convert(site, "index.md", build_config(site))
    assert 'class="guide-cite"' in html and "unknown source" not in html
    assert 'class="guide-term"' in html


def test_one_store_for_the_whole_build_kept_in_the_builders_settings(site: Path) -> None:
    config = build_config(site)
    convert(site, "index.md", config)
    state = config["mdx_configs"][NAME]["state"]
    assert isinstance(state, BuildState)
    assert state.parsed and state.checked
    convert(site, "glossary.md", config)
    assert config["mdx_configs"][NAME]["state"] is state
    assert len(state.parsed) == 1  # the data files were parsed once, for both pages


def test_the_guide_is_checked_once_until_a_source_changes(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    real = checked.check_project

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(checked, "check_project", counting)
    config = build_config(site)
    for page in ("index.md", "glossary.md", "references.md"):
        convert(site, page, config)
    assert len(calls) == 1
    page = site / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    convert(site, "index.md", config)
    assert len(calls) == 2


def test_an_unknown_citation_key_stops_the_build_with_its_place(site: Path) -> None:
    page = site / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA claim [@no-such-source].\n", encoding="utf-8")
    with pytest.raises(ContentProblemsError) as raised:
        convert(site, "glossary.md", build_config(site))  # any page: the whole guide is checked first
    message = str(raised.value)
    assert "docs/index.md:" in message and "unknown citation key 'no-such-source'" in message
    assert "[citation-unknown-key]" in message
    assert message.endswith("content problem(s), listed above; nothing was built")


def test_warnings_stop_the_build_only_in_strict_mode(site: Path) -> None:
    glossary = site / "docs" / "data" / "glossary.yml"
    glossary.write_text(
        glossary.read_text(encoding="utf-8") + "- term: Unlinked\n  definition: Nothing links here.\n",
        encoding="utf-8",
    )
    assert "guide-cite" in convert(site, "index.md", build_config(site, strict=False))
    with pytest.raises(ContentProblemsError, match=r"glossary term 'Unlinked' is not linked.*\[unused-term\]"):
        convert(site, "index.md", build_config(site, strict=True))


def test_a_hook_that_collects_problems_means_no_second_check(site: Path) -> None:
    """Under MkDocs the hook checks the guide and passes ``report``: the extension only renders."""
    page = site / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA claim [@no-such-source].\n", encoding="utf-8")
    config = build_config(site)
    config["mdx_configs"][NAME]["report"] = lambda found: None
    assert "[unknown source: no-such-source]" in convert(site, "index.md", config)
