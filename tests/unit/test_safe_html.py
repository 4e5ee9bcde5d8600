"""The HTML allow-list and the rule on the published page, in the corners the corpus does not reach."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from conftest import make_site
from guidekit.check import check_project
from guidekit.core.html_policy import attribute_refusal
from guidekit.data.project import load_project
from guidekit.render.allow_list import published_refusals, refusals_in_html

DAY = dt.date(2026, 11, 22)


def test_only_the_tables_extensions_alignment_is_an_allowed_style() -> None:
    assert attribute_refusal("td", "style", "text-align: center;") is None
    refused = attribute_refusal("td", "style", "background: url(https://evil.example/x)")
    assert refused is not None
    assert refused.message == "attribute style= is not allowed: use a class and overrides/stylesheets/guide.css"


def test_lightbox_attributes_hold_only_listed_values() -> None:
    assert attribute_refusal("a", "data-type", "image") is None
    refused = attribute_refusal("a", "data-type", "external")
    assert refused is not None and refused.message == "attribute data-type= may only be image, not 'external'"


def test_attributes_on_the_documents_own_elements_are_refused() -> None:
    # A fragment's <body class> or <html lang> lands on the page's own elements in a browser.
    messages = [refusal.message for refusal in refusals_in_html('<body class="x"><p>Hi</p>')]
    assert messages == ["attribute class= is not allowed on <body>"]


def test_a_refusal_that_cannot_be_placed_still_names_the_page(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    body = "# Page\n\nA [link](https://example.org) and more.\n"
    (docs / "page.md").write_text("---\ntitle: Page\n---\n" + body, encoding="utf-8")
    html = '<p>A <a href="vb&#x73;cript:x">link</a></p>'  # nothing like it is in the source
    (found,) = published_refusals(html, body, docs, tmp_path)
    assert str(found.problem) == (
        "docs/page.md:4:1: a vbscript: URL is not allowed in href= "
        "(from the Markdown on this page; its exact place could not be found)"
    )


def test_an_extension_that_cannot_load_is_a_located_problem(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    config = site / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  - abbr\n", "  - abbr\n  - no_such_extension\n"), encoding="utf-8"
    )
    messages = [str(p) for p in check_project(load_project(config), today=DAY)]
    assert messages == [
        "mkdocs.yml:1:1: the Markdown extensions cannot be loaded: ModuleNotFoundError: No module named 'no_such_extension'"
    ]


BOOM = """
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

class Boom(Preprocessor):
    def run(self, lines):
        if any("boom" in line for line in lines):
            raise ValueError("it went boom")
        return lines

class BoomExtension(Extension):
    def extendMarkdown(self, md):
        md.preprocessors.register(Boom(md), "boom", 40)

def makeExtension(**kwargs):
    return BoomExtension(**kwargs)
"""


def test_a_page_an_extension_cannot_render_is_a_located_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "boom_extension.py").write_text(BOOM, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    site = make_site(tmp_path)
    config = site / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  - abbr\n", "  - abbr\n  - boom_extension\n"), encoding="utf-8"
    )
    page = site / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nThis goes boom.\n", encoding="utf-8")
    messages = [str(p) for p in check_project(load_project(config), today=DAY)]
    assert messages == ["docs/index.md:1:1: the page cannot be rendered: ValueError: it went boom"]
    monkeypatch.delitem(sys.modules, "boom_extension")
