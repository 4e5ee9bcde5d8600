"""What the Markdown extension renders: numbered citations, Sources, tooltips, generated pages."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

from guidekit.render.extension import GuideExtension, PageState

GLOSSARY = """\
- term: Metastasis
  aliases: [mets]
  definition: The spread of cancer far from where it started.
  see_also: [CT scan]
- term: CT scan
  abbreviation: CT
  definition: A scan that makes detailed pictures. It uses X-rays and a computer.
"""
BIBLIOGRAPHY = """\
- id: first
  type: report
  title: First source
  publisher: Institute One
  issued: 2020-11-10
  URL: https://example.org/one
- id: second
  type: article-journal
  title: Second source.
  author: [{family: Temel, given: Jennifer S.}, {family: Greer, given: Joseph}]
  container-title: A Journal
  issued: 2010
  DOI: 10.1056/NEJMoa1000678
"""


@pytest.fixture
def settings(tmp_path: Path) -> dict[str, str]:
    """The extension's settings for a docs folder holding the data files above."""
    docs = tmp_path / "docs"
    (docs / "data").mkdir(parents=True)
    (docs / "data" / "glossary.yml").write_text(GLOSSARY, encoding="utf-8")
    (docs / "data" / "bibliography.yml").write_text(BIBLIOGRAPHY, encoding="utf-8")
    return {
        "bibliography": str(docs / "data" / "bibliography.yml"),
        "glossary": str(docs / "data" / "glossary.yml"),
        "docs_dir": str(docs),
    }


@pytest.fixture
def render(settings: dict[str, str]):
    docs = Path(settings["docs_dir"])

    def convert(text: str, pages: dict[str, str] | None = None) -> str:
        for name, page in (pages or {}).items():
            (docs / name).write_text(page, encoding="utf-8")
        extensions = ["abbr", "toc", "pymdownx.superfences", "guidekit.extension"]
        return markdown.markdown(text, extensions=extensions, extension_configs={"guidekit.extension": settings})

    return convert


def test_citations_are_numbered_in_reading_order(render) -> None:
    html = render("- item [@second]\n\nPara [@first; @second] and [@second].\n")
    ids = re.findall(r'id="(cite-[\d-]+)"', html)
    assert ids == ["cite-1", "cite-2", "cite-1-2", "cite-1-3"]
    assert '<a aria-label="Source 1" href="#source-1" id="cite-1">1</a>' in html
    assert '<sup class="guide-cite"><a aria-label="Source 2"' in html and ", <a" in html
    assert "Para<sup" in html and "item<sup" in html  # the number sits on the word it supports


def test_sources_list_closes_the_page_in_citation_order(render) -> None:
    html = render("A [@second]. B [@first].\n")
    sources = html[html.index('id="sources">') :]
    assert sources.index("Second source") < sources.index("First source")
    assert '<li id="source-1">Temel JS, Greer J. <cite>Second source</cite>. A Journal. 2010. ' in sources
    assert (
        '<a class="guide-source-link" href="https://doi.org/10.1056/NEJMoa1000678">doi:10.1056/NEJMoa1000678</a>'
        in sources
    )
    assert (
        'Institute One. <cite>First source</cite>. 10 November 2020. <a class="guide-source-link" href="https://example.org/one">example.org</a>'
        in sources
    )
    assert '<a aria-label="Back to source 2 in the text" class="guide-backref" href="#cite-2">↩</a>' in sources


def test_no_citations_no_sources(render) -> None:
    assert "Sources" not in render("Nothing cited here.\n")


def test_code_and_malformed_citations_stay_text(render) -> None:
    html = render("`[@first]`\n\n```\n[@second]\n```\n\nBad [@] and [@first, p. 2] and [@x](https://e.org).\n")
    assert "guide-cite" not in html
    assert "[@]" in html and "[@first, p. 2]" in html


def test_unknown_key_is_visible(render) -> None:
    html = render("See [@nope].\n")
    assert '<span class="guide-cite-missing">[unknown source: nope]</span>' in html


def test_glossary_links_get_definitions_as_tooltips(render) -> None:
    html = render("It [spread](glossary.md#metastasis) and [x](../glossary.md#ct-scan) and [y](glossary.md#none).\n")
    assert (
        '<a class="guide-term" href="glossary.md#metastasis" title="The spread of cancer far from where it started.">spread</a>'
        in html
    )
    assert 'href="../glossary.md#ct-scan" title="A scan that makes detailed pictures."' in html
    assert '<a href="glossary.md#none">y</a>' in html


def test_abbreviations_come_from_the_glossary(render) -> None:
    html = render("A CT shows it.\n")
    assert '<abbr title="CT scan">CT</abbr>' in html


def test_glossary_page_is_generated(render) -> None:
    html = render("# Glossary\n\n<!-- guide:glossary -->\n")
    assert (
        '<nav aria-label="Glossary letters" class="guide-az"><a href="#letter-c">C</a> <a href="#letter-m">M</a></nav>'
        in html
    )
    assert '<h2 id="letter-c">C</h2>' in html
    assert '<dt id="ct-scan"><abbr' in html and "</abbr> scan (<abbr" in html  # abbreviations explained too
    assert '<dt id="metastasis">Metastasis</dt>' in html
    assert "Also called: mets." in html
    assert 'See also: <a class="guide-term" href="#ct-scan" title="A scan that makes detailed pictures."><abbr' in html
    assert html.index('id="ct-scan"') < html.index('id="metastasis"')


def test_references_page_links_back_to_citing_pages(render) -> None:
    pages = {"index.md": "---\ntitle: Home\n---\nA [@first] [@second].\n", "other.md": "# Other\n\nB [@second].\n"}
    html = render("# References\n\n<!-- guide:references -->\n", pages)
    first = html[html.index('<li id="ref-first">') :]
    assert 'Cited on: <a href="index.md#cite-1">Home</a>.' in first
    second = html[html.index('<li id="ref-second">') :]
    assert 'Cited on: <a href="index.md#cite-2">Home</a>, <a href="other.md#cite-1">Other</a>.' in second
    assert html.index('id="ref-first"') < html.index('id="ref-second"')  # A–Z by creator


def test_marker_in_code_is_left_alone(render) -> None:
    html = render("```\n<!-- guide:glossary -->\n```\n")
    assert "letter-" not in html


def test_each_conversion_starts_afresh(render) -> None:
    md = markdown.Markdown(
        extensions=["guidekit.extension"], extension_configs={"guidekit.extension": {"docs_dir": "nowhere"}}
    )
    first = md.convert("[@a]")
    md.reset()
    second = md.convert("[@a]")
    assert first == second


def test_reset_between_documents_forgets_the_last_page(settings: dict[str, str]) -> None:
    # Python-Markdown calls reset() between documents; the next conversion starting afresh is not
    # enough, since until then the instance would keep the last page's numbers and data files.
    md = markdown.Markdown(extensions=["guidekit.extension"], extension_configs={"guidekit.extension": settings})
    extension = next(item for item in md.registeredExtensions if isinstance(item, GuideExtension))
    md.convert("A [@second] and [@first], then [@second] again.\n")
    assert extension.state.numbers == {"second": 1, "first": 2}
    assert extension.state.occurrences == {"second": 2, "first": 1}
    assert extension.state.data is not None
    md.reset()
    assert extension.state == PageState()
