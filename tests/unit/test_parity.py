"""Engine parity on tiny hand-written pages: each comparison trips on its own kind of change and
names the page and the first differing element; the engines' own markup is normalised away."""

from __future__ import annotations

from pathlib import Path

from guidekit.release.parity import MISSING, Difference, compare_pages, compare_sites

PAGE = "spread/index.html"

# One chapter as MkDocs writes it: minified, the Sources marked data-search-exclude, and a
# lightbox anchor without href (its init script sets it when the page loads) carrying the defaults.
MKDOCS_ARTICLE = (
    '<h1 id="how-cancer-spreads">How cancer spreads<a class="headerlink" href="#how-cancer-spreads" '
    'title="Permanent link">¶</a></h1> <p>Cancer that has spread is called <a class="guide-term" '
    'href="../glossary/#metastasis" title="Cancer that has spread from where it started.">metastasis</a>.'
    '<sup class="guide-cite"><a aria-label="Source 1" href="#source-1" id="cite-1">1</a></sup> It can hurt.</p> '
    '<figure><p><a class="glightbox" data-type="image" data-width="auto" data-height="auto" '
    'data-desc-position="bottom"><img alt="Five steps." height="830" loading="lazy" '
    'src="../images/how-cancer-spreads.svg" width="480"></a></p> <figcaption>How cancer spreads.</figcaption> '
    '</figure> <div class="admonition note"><p>Ask your care team.</p></div> '
    '<h2 data-search-exclude id="sources">Sources</h2> <ol class="guide-sources" data-search-exclude>'
    '<li id="source-1">Cancer Research UK. How cancer spreads. <a class="guide-source-link" '
    'href="https://example.org/spread?a=1&amp;b=2">example.org</a>. <a aria-label="Back to citation 1" '
    'href="#cite-1">↩</a></li></ol> <aside aria-label="Review status of this page" class="guide-review"><p>'
    "<strong>Last reviewed:</strong> 22 November 2026 <br><strong>Next review due:</strong> 22 November 2027</p>"
    "</aside>"
)

# The same chapter as Zensical writes it: indented, attributes in another order, its skip-link target
# first, no data-search-exclude, the lightbox href written out and no lightbox defaults.
ZENSICAL_ARTICLE = """
  <a id="__skip" tabindex="-1"></a>
  <h1 id="how-cancer-spreads">How cancer spreads<a class="headerlink" href="#how-cancer-spreads"
      title="Permanent link">¶</a></h1>
  <p>
    Cancer that has spread is called
    <a class="guide-term" title="Cancer that has spread from where it started."
       href="../glossary/#metastasis">metastasis</a>.<sup class="guide-cite"><a href="#source-1" id="cite-1"
       aria-label="Source 1">1</a></sup>
    It can   hurt.
  </p>
  <figure>
    <p><a class="glightbox" href="../images/how-cancer-spreads.svg" data-type="image"><img
      src="../images/how-cancer-spreads.svg" alt="Five steps." width="480" height="830" loading="lazy"></a></p>
    <figcaption>How cancer spreads.</figcaption>
  </figure>
  <div class="admonition note">
    <p>Ask your care team.</p>
  </div>
  <h2 id="sources">Sources</h2>
  <ol class="guide-sources">
    <li id="source-1">Cancer Research UK. How cancer spreads.
      <a class="guide-source-link" href="https://example.org/spread?a=1&amp;b=2">example.org</a>.
      <a href="#cite-1" aria-label="Back to citation 1">↩</a>
    </li>
  </ol>
  <aside class="guide-review" aria-label="Review status of this page">
    <p>
      <strong>Last reviewed:</strong> 22 November 2026
      <br><strong>Next review due:</strong> 22 November 2027
    </p>
  </aside>
"""


def page(article: str, after: str = "") -> str:
    """A built page around ``article``: a header and navigation outside it, scripts after it."""
    return (
        '<!doctype html><html lang="en"><head><title>How cancer spreads</title></head><body>'
        '<header><a href="#how-cancer-spreads" class="md-skip">Skip to content</a></header>'
        '<div class="md-content"><article class="md-content__inner md-typeset">'
        f"{article}</article></div>{after}</body></html>"
    )


def mkdocs_page(article: str = MKDOCS_ARTICLE) -> str:
    return page(article, after='<script id="init-glightbox">const lightbox = GLightbox({});</script>')


def zensical_page(*replacements: tuple[str, str]) -> str:
    """Zensical's page, each (old, new) replaced once (it must be there, or the test proves nothing)."""
    article = ZENSICAL_ARTICLE
    for old, new in replacements:
        assert article.count(old) == 1, old
        article = article.replace(old, new)
    return page(article)


def by_aspect(differences: list[Difference]) -> dict[str, Difference]:
    return {difference.aspect: difference for difference in differences}


def test_the_same_chapter_from_both_engines_has_no_difference() -> None:
    assert compare_pages(PAGE, mkdocs_page(), zensical_page()) == []


def test_a_changed_citation_number() -> None:
    differences = compare_pages(
        PAGE,
        mkdocs_page(),
        zensical_page(
            (
                '<a href="#source-1" id="cite-1"\n       aria-label="Source 1">1</a>',
                '<a href="#source-2" id="cite-2" aria-label="Source 2">2</a>',
            )
        ),
    )
    assert [d.aspect for d in differences] == ["text", "citation", "link", "anchor"]
    assert str(by_aspect(differences)["citation"]) == (
        "spread/index.html: citation at article > p > sup.guide-cite > a: "
        "\"'1' href='#source-1' id='cite-1' aria-label='Source 1'\" | \"'2' href='#source-2' id='cite-2' aria-label='Source 2'\""
    )
    assert by_aspect(differences)["anchor"] == Difference(
        PAGE, "anchor", "article > p > sup.guide-cite > a", "cite-1", "cite-2"
    )


def test_a_missing_tooltip_title() -> None:
    differences = compare_pages(
        PAGE, mkdocs_page(), zensical_page(('title="Cancer that has spread from where it started."\n', ""))
    )
    assert differences == [
        Difference(
            PAGE,
            "tooltip",
            "article > p > a.guide-term",
            "'metastasis' href='../glossary/#metastasis' title='Cancer that has spread from where it started.'",
            f"'metastasis' href='../glossary/#metastasis' title={MISSING}",
        )
    ]


def test_a_different_lightbox_href() -> None:
    differences = compare_pages(
        PAGE, mkdocs_page(), zensical_page(('href="../images/how-cancer-spreads.svg"', 'href="../images/other.svg"'))
    )
    assert [d.aspect for d in differences] == ["figure", "link"]
    assert by_aspect(differences)["figure"] == Difference(
        PAGE,
        "figure",
        "article > figure > p > a.glightbox",
        "lightbox href='../images/how-cancer-spreads.svg' data-type='image'",
        "lightbox href='../images/other.svg' data-type='image'",
    )


def test_a_lightbox_without_href_is_filled_in_only_by_its_script() -> None:
    """Without mkdocs-glightbox's init script nothing gives the anchor its href: a reader's click does nothing."""
    differences = compare_pages(PAGE, page(MKDOCS_ARTICLE), zensical_page())
    assert by_aspect(differences)["figure"] == Difference(
        PAGE,
        "figure",
        "article > figure > p > a.glightbox",
        f"lightbox href={MISSING} data-type='image'",
        "lightbox href='../images/how-cancer-spreads.svg' data-type='image'",
    )


def test_a_lightbox_setting_other_than_the_default_is_kept() -> None:
    differences = compare_pages(
        PAGE,
        mkdocs_page(MKDOCS_ARTICLE.replace('data-desc-position="bottom"', 'data-desc-position="right"')),
        zensical_page(),
    )
    assert by_aspect(differences)["figure"].left == (
        "lightbox href='../images/how-cancer-spreads.svg' data-desc-position='right' data-type='image'"
    )


def test_a_different_sources_entry() -> None:
    differences = compare_pages(
        PAGE, mkdocs_page(), zensical_page(("Cancer Research UK.", "Macmillan Cancer Support."))
    )
    assert [d.aspect for d in differences] == ["text", "source"]
    text, source = differences
    assert (text.path, text.left, text.right) == (
        "article > ol.guide-sources > li",
        "Cancer Research UK. How cancer spreads. ",
        "Macmillan Cancer Support. How cancer spreads. ",
    )
    assert source.path == "article > ol.guide-sources > li"
    assert source.left.startswith("id='source-1' text='Cancer Research UK. How cancer spreads. example.org. ↩'")
    assert source.right.startswith("id='source-1' text='Macmillan Cancer Support. How cancer spreads. example.org. ↩'")


def test_an_extra_anchor() -> None:
    differences = compare_pages(PAGE, mkdocs_page(), zensical_page(("<figure>", '<figure id="steps">')))
    assert differences == [Difference(PAGE, "anchor", "article > figure", MISSING, "steps")]
    assert str(differences[0]) == "spread/index.html: anchor at article > figure: '(missing)' | 'steps'"


def test_a_changed_review_date() -> None:
    differences = compare_pages(PAGE, mkdocs_page(), zensical_page(("22 November 2026", "2026-11-22")))
    assert [d.aspect for d in differences] == ["text", "review"]
    assert (differences[0].path, differences[0].left, differences[0].right) == (
        "article > aside.guide-review > p",
        " 22 November 2026",
        " 2026-11-22",
    )
    assert differences[1].path == "article > aside.guide-review"


def test_a_space_between_words_is_text_not_markup() -> None:
    """Whitespace runs are one space, but a space taken away joins two words."""
    differences = compare_pages(PAGE, mkdocs_page(), zensical_page(("</sup>\n    It can", "</sup>It can")))
    assert differences == [Difference(PAGE, "text", "article > p", " It can hurt.", "It can hurt.")]


def test_any_other_markup_is_compared_when_everything_else_agrees() -> None:
    differences = compare_pages(PAGE, mkdocs_page(), zensical_page(('"admonition note"', '"admonition warning"')))
    assert differences == [
        Difference(
            PAGE,
            "markup",
            "article > div.admonition.note | article > div.admonition.warning",
            "<div class='admonition note'>",
            "<div class='admonition warning'>",
        )
    ]


def write_site(root: Path, pages: dict[str, str]) -> Path:
    for name, text in pages.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_a_page_missing_from_one_build(tmp_path: Path) -> None:
    home = page("<h1>Home</h1>")
    mkdocs = write_site(
        tmp_path / "mkdocs",
        {"index.html": home, PAGE: mkdocs_page(), "404.html": home, "assets/javascripts/lunr.html": home},
    )
    zensical = write_site(tmp_path / "zensical", {"index.html": home, "404.html": home})
    assert compare_sites(mkdocs, zensical) == [Difference(PAGE, "page", PAGE, "built", MISSING)]
    assert compare_sites(zensical, mkdocs) == [Difference(PAGE, "page", PAGE, MISSING, "built")]


def test_every_shared_page_is_compared(tmp_path: Path) -> None:
    mkdocs = write_site(tmp_path / "mkdocs", {"index.html": page("<h1>Home</h1>"), PAGE: mkdocs_page()})
    zensical = write_site(
        tmp_path / "zensical",
        {"index.html": page("<h1>Home</h1>"), PAGE: zensical_page(("<figure>", '<figure id="steps">'))},
    )
    assert [str(d) for d in compare_sites(mkdocs, zensical)] == [
        "spread/index.html: anchor at article > figure: '(missing)' | 'steps'"
    ]


def test_an_element_moved_elsewhere_is_markup() -> None:
    """The same tags, attributes and text in the same order, but a paragraph out of its admonition."""
    differences = compare_pages(
        PAGE,
        mkdocs_page(),
        zensical_page(
            (
                '<div class="admonition note">\n    <p>Ask your care team.</p>\n  </div>',
                '<div class="admonition note"></div><p>Ask your care team.</p>',
            )
        ),
    )
    assert differences == [
        Difference(PAGE, "markup", "article > div.admonition.note > p | article > p:nth-of-type(2)", "<p>", "<p>")
    ]
