"""What the Markdown extension renders: numbered citations, Sources, tooltips, generated pages.

Most tests compare the whole page as rendered with the whole page expected, as pymdown-extensions'
``MdCase`` does, so nothing unexpected can slip in around the part a test is about.
"""

from __future__ import annotations

import difflib
import textwrap
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
        extensions = ["abbr", "toc", "pymdownx.superfences", "guidekit.render.extension"]
        return markdown.markdown(text, extensions=extensions, extension_configs={"guidekit.render.extension": settings})

    return convert


def _lines(html: str) -> list[str]:
    return [line.rstrip() for line in html.rstrip().splitlines()]


@pytest.fixture
def assert_renders(render):
    """``assert_renders(markdown_text, expected_html, pages=None)``: the WHOLE rendered page must be
    ``expected_html`` (dedented, so it can be indented in the test). Only trailing whitespace is
    ignored; a difference fails with a unified diff. ``pages``: other pages of the docs folder."""

    def check(markdown_text: str, expected_html: str, pages: dict[str, str] | None = None) -> None:
        __tracebackhide__ = True
        expected, rendered = _lines(textwrap.dedent(expected_html)), _lines(render(markdown_text, pages))
        if rendered != expected:
            diff = "\n".join(difflib.unified_diff(expected, rendered, "expected", "rendered", lineterm=""))
            pytest.fail(f"the page renders differently:\n{diff}", pytrace=False)

    return check


def test_citations_are_numbered_in_reading_order(assert_renders) -> None:
    # The number sits on the word it supports; each later citation of a source gets its own id.
    assert_renders(
        "- item [@second]\n\nPara [@first; @second] and [@second].\n",
        """\
        <ul>
        <li>item<sup class="guide-cite"><a aria-label="Source 1" href="#source-1" id="cite-1">1</a></sup></li>
        </ul>
        <p>Para<sup class="guide-cite"><a aria-label="Source 2" href="#source-2" id="cite-2">2</a>, <a aria-label="Source 1" href="#source-1" id="cite-1-2">1</a></sup> and<sup class="guide-cite"><a aria-label="Source 1" href="#source-1" id="cite-1-3">1</a></sup>.</p>
        <h2 data-search-exclude="" id="sources">Sources</h2>
        <ol class="guide-sources" data-search-exclude="">
        <li id="source-1">Temel JS, Greer J. <cite>Second source</cite>. A Journal. 2010. <a class="guide-source-link" href="https://doi.org/10.1056/NEJMoa1000678">doi:10.1056/NEJMoa1000678</a>. <a aria-label="Back to source 1 in the text" class="guide-backref" href="#cite-1">↩</a></li>
        <li id="source-2">Institute One. <cite>First source</cite>. 10 November 2020. <a class="guide-source-link" href="https://example.org/one">example.org</a>. <a aria-label="Back to source 2 in the text" class="guide-backref" href="#cite-2">↩</a></li>
        </ol>
        """,
    )


def test_sources_list_closes_the_page_in_citation_order(assert_renders) -> None:
    # A journal article: authors, title, journal, year, DOI link; a report: publisher, title, day, URL.
    assert_renders(
        "A [@second]. B [@first].\n",
        """\
        <p>A<sup class="guide-cite"><a aria-label="Source 1" href="#source-1" id="cite-1">1</a></sup>. B<sup class="guide-cite"><a aria-label="Source 2" href="#source-2" id="cite-2">2</a></sup>.</p>
        <h2 data-search-exclude="" id="sources">Sources</h2>
        <ol class="guide-sources" data-search-exclude="">
        <li id="source-1">Temel JS, Greer J. <cite>Second source</cite>. A Journal. 2010. <a class="guide-source-link" href="https://doi.org/10.1056/NEJMoa1000678">doi:10.1056/NEJMoa1000678</a>. <a aria-label="Back to source 1 in the text" class="guide-backref" href="#cite-1">↩</a></li>
        <li id="source-2">Institute One. <cite>First source</cite>. 10 November 2020. <a class="guide-source-link" href="https://example.org/one">example.org</a>. <a aria-label="Back to source 2 in the text" class="guide-backref" href="#cite-2">↩</a></li>
        </ol>
        """,
    )


def test_no_citations_no_sources(assert_renders) -> None:
    assert_renders("Nothing cited here.\n", "<p>Nothing cited here.</p>")


def test_code_and_malformed_citations_stay_text(assert_renders) -> None:
    assert_renders(
        "`[@first]`\n\n```\n[@second]\n```\n\nBad [@] and [@first, p. 2] and [@x](https://e.org).\n",
        """\
        <p><code>[@first]</code></p>
        <div class="highlight"><pre><span></span><code>[@second]
        </code></pre></div>
        <p>Bad [@] and [@first, p. 2] and <a href="https://e.org">@x</a>.</p>
        """,
    )


def test_unknown_key_is_visible(assert_renders) -> None:
    assert_renders(
        "See [@nope].\n",
        '<p>See<sup class="guide-cite"><span class="guide-cite-missing">[unknown source: nope]</span></sup>.</p>',
    )


def test_glossary_links_get_definitions_as_tooltips(assert_renders) -> None:
    # The tooltip is the definition's first sentence. ../ is resolved as the link rules resolve it:
    # from a page at the top of docs/, it leaves the docs folder, so that link is no glossary link.
    assert_renders(
        "It [spread](glossary.md#metastasis), a [scan](glossary.md#ct-scan) and [x](../glossary.md#ct-scan) and [y](glossary.md#none).\n",
        '<p>It <a class="guide-term" href="glossary.md#metastasis" title="The spread of cancer far from where it started.">spread</a>, '
        'a <a class="guide-term" href="glossary.md#ct-scan" title="A scan that makes detailed pictures.">scan</a> '
        'and <a href="../glossary.md#ct-scan">x</a> and <a href="glossary.md#none">y</a>.</p>',
    )


def test_abbreviations_come_from_the_glossary(assert_renders) -> None:
    assert_renders("A CT shows it.\n", '<p>A <abbr title="CT scan">CT</abbr> shows it.</p>')


def test_glossary_page_is_generated(assert_renders) -> None:
    # A to Z with a letter index; abbreviations are explained in the glossary too.
    assert_renders(
        "# Glossary\n\n<!-- guide:glossary -->\n",
        """\
        <h1 id="glossary">Glossary</h1>
        <nav aria-label="Glossary letters" class="guide-az"><a href="#letter-c">C</a> <a href="#letter-m">M</a></nav>
        <h2 id="letter-c">C</h2>
        <dl class="guide-glossary">
        <dt id="ct-scan"><abbr title="CT scan">CT</abbr> scan (<abbr title="CT scan">CT</abbr>)</dt>
        <dd>
        <p>A scan that makes detailed pictures. It uses X-rays and a computer.</p>
        </dd>
        </dl>
        <h2 id="letter-m">M</h2>
        <dl class="guide-glossary">
        <dt id="metastasis">Metastasis</dt>
        <dd>
        <p>The spread of cancer far from where it started.</p>
        <p class="guide-also-called">Also called: mets.</p>
        <p class="guide-see-also">See also: <a class="guide-term" href="#ct-scan" title="A scan that makes detailed pictures."><abbr title="CT scan">CT</abbr> scan</a>.</p>
        </dd>
        </dl>
        """,
    )


def test_references_page_links_back_to_citing_pages(assert_renders) -> None:
    # A to Z by creator; each source links back to every page that cites it, by the page's title.
    pages = {"index.md": "---\ntitle: Home\n---\nA [@first] [@second].\n", "other.md": "# Other\n\nB [@second].\n"}
    assert_renders(
        "# References\n\n<!-- guide:references -->\n",
        """\
        <h1 id="references">References</h1>
        <ul class="guide-references">
        <li id="ref-first">Institute One. <cite>First source</cite>. 10 November 2020. <a class="guide-source-link" href="https://example.org/one">example.org</a>.<span class="guide-cited-on"> Cited on: <a href="index.md#cite-1">Home</a>.</span></li>
        <li id="ref-second">Temel JS, Greer J. <cite>Second source</cite>. A Journal. 2010. <a class="guide-source-link" href="https://doi.org/10.1056/NEJMoa1000678">doi:10.1056/NEJMoa1000678</a>.<span class="guide-cited-on"> Cited on: <a href="index.md#cite-2">Home</a>, <a href="other.md#cite-1">Other</a>.</span></li>
        </ul>
        """,
        pages,
    )


def test_marker_in_code_is_left_alone(assert_renders) -> None:
    # A page that shows how to write the marker must show it, not the glossary and not a placeholder.
    assert_renders(
        "```\n<!-- guide:glossary -->\n```\n",
        """\
        <div class="highlight"><pre><span></span><code>&lt;!-- guide:glossary --&gt;
        </code></pre></div>
        """,
    )


def test_each_conversion_starts_afresh(render) -> None:
    md = markdown.Markdown(
        extensions=["guidekit.render.extension"],
        extension_configs={"guidekit.render.extension": {"docs_dir": "nowhere"}},
    )
    first = md.convert("[@a]")
    md.reset()
    second = md.convert("[@a]")
    assert first == second


def test_reset_between_documents_forgets_the_last_page(settings: dict[str, str]) -> None:
    # Python-Markdown calls reset() between documents; the next conversion starting afresh is not
    # enough, since until then the instance would keep the last page's numbers and data files.
    md = markdown.Markdown(
        extensions=["guidekit.render.extension"], extension_configs={"guidekit.render.extension": settings}
    )
    extension = next(item for item in md.registeredExtensions if isinstance(item, GuideExtension))
    md.convert("A [@second] and [@first], then [@second] again.\n")
    assert extension.state.numbers == {"second": 1, "first": 2}
    assert extension.state.occurrences == {"second": 2, "first": 1}
    assert extension.state.data is not None
    md.reset()
    assert extension.state == PageState()
