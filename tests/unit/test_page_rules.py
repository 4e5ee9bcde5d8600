"""Rules the corpus does not already trip: front matter details, unsafe HTML variants, odd links."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as etree

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown.extensions.toc import slugify as markdown_slugify

from guidekit.core.html_policy import url_scheme
from guidekit.data.anchors import heading_text, page_anchors
from guidekit.data.front_matter import parse_front_matter
from guidekit.data.nav import check_nav, nav_entries
from guidekit.data.pages import ScannedPage
from guidekit.rules.link_rules import LinkContext, check_link
from guidekit.rules.page_rules import check_page
from guidekit.source.markdown_scan import scan_page
from guidekit.source.text import SourceText

FRONT = "---\ntitle: T\ndescription: D\nreview_status: awaiting clinical review\n{extra}---\n# T\n"


REVIEWED = "last_reviewed: 2026-11-01\nnext_review: 2027-11-01\n"
TODAY = dt.date(2026, 11, 22)


def front_matter_messages(extra: str) -> list[str]:
    text = FRONT.format(extra=extra if "next_review" in extra else extra + REVIEWED)
    return [str(p) for p in parse_front_matter(SourceText("p.md", text), TODAY)[1]]


def test_front_matter_details() -> None:
    assert front_matter_messages("") == []
    assert front_matter_messages("hide: [toc, navigaton]\n") == [
        "p.md:5:13: front matter field 'hide' has unknown value 'navigaton'; did you mean 'navigation'?"
    ]
    assert front_matter_messages("hide: toc\n") == [
        "p.md:5:7: front matter field 'hide' must be a list such as [toc], not 'toc'"
    ]
    assert front_matter_messages("search: {exclude: maybe, boost: 2, rank: 1}\n") == [
        "p.md:5:36: unknown front matter field 'search.rank'; use boost or exclude",
        "p.md:5:19: front matter field 'search.exclude' must be true or false, not 'maybe'",
    ]
    assert front_matter_messages("last_reviewed: 2026-11-01\nnext_review: 2027-05\n") == [
        "p.md:6:14: front matter field 'next_review' must be a day written YYYY-MM-DD, not '2027-05'"
    ]
    assert front_matter_messages("last_reviewed: 2026-11-01\nnext_review: 2026-10-01\n") == [
        "p.md:6:14: 'next_review' must come after 'last_reviewed'",
        "p.md:6:14: the page was due for review on 2026-10-01; review it, then update 'last_reviewed' and 'next_review'",
    ]
    text = FRONT.replace("awaiting clinical review", "reviewed").format(extra=REVIEWED)
    assert [str(p) for p in parse_front_matter(SourceText("p.md", text), TODAY)[1]] == [
        "p.md:4:16: front matter field 'review_status' has unknown value 'reviewed'; use awaiting clinical review or clinically reviewed"
    ]
    assert front_matter_messages("last_reviewed: 2026-11-01\nnext_review: 2027-11-01\n") == []
    long = "x" * 161
    text = f"---\ntitle: T\ndescription: {long}\nreview_status: awaiting clinical review\n{REVIEWED}---\n"
    assert [str(p) for p in parse_front_matter(SourceText("p.md", text), TODAY)[1]] == [
        "p.md:3:14: front matter 'description' is 161 characters; keep it under 160"
    ]


def page_messages(text: str) -> list[str]:
    return [str(p) for p in check_page("p.md", text, len(text.encode()), scan_page(text))]


def test_unsafe_html_variants() -> None:
    assert page_messages("# T\n\n<STYLE>body{}</STYLE>\n") == [
        "p.md:3:1: raw <style> is not allowed: it could change how every page looks; use overrides/stylesheets/guide.css"
    ]
    assert page_messages("# T\n\n<svg><circle/></svg>\n") == [
        "p.md:3:1: raw <svg> is not allowed: it embeds content from elsewhere"
    ]
    assert page_messages('# T\n\n<img src="a.png" alt="a" ONERROR="x()">\n') == [
        "p.md:3:26: inline event handler onerror= is not allowed: it could run code"
    ]
    assert page_messages("# T\n\n[x]: javascript:alert(1)\n") == ["p.md:3:1: a javascript: URL is not allowed in href="]
    assert page_messages("# T\n\n<!-- <script> in a comment -->\n\n`<iframe>` in code\n") == []
    assert url_scheme(" JaVa\tScRiPt:alert(1)") == "javascript"
    assert url_scheme("\x01java\nscript:x") == "javascript"
    assert url_scheme("https://example.org") == "https"
    assert url_scheme("glossary.md#metastasis") is None
    assert page_messages("# T\n\n[x](&#106;avascript:alert(1))\n") == [
        "p.md:3:1: a javascript: URL is not allowed in href="
    ]


def test_headings_with_citations_are_refused() -> None:
    assert page_messages("# Title [@key]\n") == ["p.md:1:9: a citation in a heading; cite in the text below it"]


def context(files: set[str], anchors: dict[str, set[str]] | None = None) -> LinkContext:
    folders = frozenset({"sub", "images"})
    return LinkContext(frozenset(files), folders, anchors or {}, "https://example.org/guide/", "glossary.md")


def link_message(target: str, *, page: str = "index.md", image: bool = False) -> str | None:
    files = {"index.md", "about.md", "sub/index.md", "images/a.png", "glossary.md"}
    anchors = {"index.md": {"top-part"}, "about.md": {"privacy"}}
    scanned = ScannedPage(page, f"docs/{page}", scan_page(""))
    found = check_link(scanned, target, image, context(files, anchors))
    return found.message if found else None


def test_link_rules() -> None:
    assert link_message("about.md#privacy") is None
    assert link_message("#top-part") is None
    assert link_message("../index.md", page="sub/index.md") is None
    assert link_message("https://www.cancer.gov/") is None
    assert link_message("mailto:help@example.org") is None
    assert link_message("sub/") == "link to a folder ('sub/'); name the page's file, e.g. sub/index.md"
    assert link_message("../outside.md") == "'../outside.md' points outside the docs folder"
    assert (
        link_message("about.md#privacy-policy") == "no anchor '#privacy-policy' in 'about.md'; did you mean '#privacy'?"
    )
    assert link_message("http://example.org/guide/about/") == (
        "link to this site written as an address ('http://example.org/guide/about/'); link to the page's .md file instead"
    )
    assert link_message("https://example.org/other-project/") is None
    assert link_message("images/b.png", image=True) == "no image file 'docs/images/b.png'; did you mean 'images/a.png'?"


def test_nav_entries_are_located_and_external_links_ignored() -> None:
    config = "site_name: x\nnav:\n  - Home: index.md\n  - Parts:\n    - part.md\n  - Elsewhere: https://example.org/\n"
    entries = nav_entries(config)
    assert [(e.docs_path, e.line, e.column) for e in entries or []] == [("index.md", 3, 11), ("part.md", 5, 7)]
    assert [str(p) for p in check_nav("mkdocs.yml", entries, ["index.md", "x.md"], "docs/")] == [
        "mkdocs.yml:5:7: nav entry 'part.md' has no file docs/part.md",
        "docs/x.md:1:1: the page is not in the nav; add it to 'nav' in mkdocs.yml, or delete it",
    ]
    assert nav_entries("site_name: x\n") is None
    assert check_nav("mkdocs.yml", None, ["x.md"], "docs/") == []


def test_heading_text_drops_markup() -> None:
    assert heading_text("What *[metastasis](glossary.md#metastasis)* `means`") == "What metastasis means"
    assert markdown_slugify(heading_text('What "metastatic" means'), "-") == "what-metastatic-means"


_HEADING_WORDS = st.sampled_from(
    [
        "Pain",
        "pain",
        "Stage 4",
        "What's next?",
        "CT & MRI",
        "Café",
        "1",
        "-",
        "a_b",
        "*Pain*",
        "`code`",
        "[Link](x.md)",
        "&amp;",
        "a\\_b",
        "__bold__",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_HEADING_WORDS, min_size=1, max_size=3).map(" ".join), min_size=1, max_size=6))
def test_predicted_heading_ids_are_the_ids_toc_gives(headings: list[str]) -> None:
    """Repeated and punctuated headings: the ids predicted before building are those the toc extension writes."""
    text = "\n\n".join(f"## {heading}" for heading in headings) + "\n"
    rendered = markdown.markdown(text, extensions=["toc"])
    written = {element.get("id") for element in etree.fromstring(f"<div>{rendered}</div>").iter() if element.get("id")}
    assert page_anchors(scan_page(text), []) == written


def test_an_unknown_marked_section_is_read_as_browsers_read_it() -> None:
    # Python's parser raised AssertionError on "<![0"; browsers read it as a comment up to the next ">".
    assert page_messages("<![0 x\n") == []
    assert page_messages("<![0 x>\n\n<iframe></iframe>\n") == [
        "p.md:3:1: raw <iframe> is not allowed: it embeds content from elsewhere"
    ]
