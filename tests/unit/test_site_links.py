"""Each rule of the built-site link check, with the exact message and position it gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from guidekit.cli import main
from guidekit.data.project import site_base_path
from guidekit.release import site_links
from guidekit.release.site_links import check_site_links, srcset_urls

GLOSSARY = '<html><body>\n<h1 id="glossary">Glossary</h1>\n<dt id="metastasis">Metastasis</dt>\n</body></html>\n'


def build(root: Path, files: dict[str, str | bytes]) -> Path:
    """A built site in ``root/site``: file names with forward slashes, text or raw bytes."""
    site = root / "site"
    for name, content in files.items():
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    site.mkdir(exist_ok=True)
    return site


def messages(root: Path, files: dict[str, str | bytes], base_path: str = "/") -> list[str]:
    site = build(root, {"glossary/index.html": GLOSSARY, **files})
    return [str(link) for link in check_site_links(site, base_path, display_prefix="site")]


def test_clean_site(tmp_path: Path) -> None:
    page = '<a href="glossary/#metastasis">m</a> <a href="glossary/index.html#glossary">g</a> <a href="#">top</a>\n'
    assert messages(tmp_path, {"index.html": page}) == []


def test_missing_page(tmp_path: Path) -> None:
    page = '<p>\n  See <a href="about/">about</a> and <a href="faq.html">FAQ</a>.\n'
    assert messages(tmp_path, {"index.html": page}) == [
        "site/index.html:2:7: broken link 'about/': no file 'about/index.html'",
        "site/index.html:2:38: broken link 'faq.html': no file 'faq.html'",
    ]


def test_missing_anchor_on_another_page(tmp_path: Path) -> None:
    page = '<a href="../glossary/#metastasys">m</a>'
    assert messages(tmp_path, {"about/index.html": page}) == [
        "site/about/index.html:1:1: broken link '../glossary/#metastasys': "
        "no element with id 'metastasys' in 'glossary/index.html'",
    ]


def test_missing_same_page_anchor(tmp_path: Path) -> None:
    page = '<h2 id="treatment">T</h2>\n<a href="#treatment">ok</a> <a href="#treatmant">typo</a> <a href="#">top</a>\n'
    assert messages(tmp_path, {"index.html": page}) == [
        "site/index.html:2:29: broken link '#treatmant': no element with id 'treatmant' in 'index.html'",
    ]


def test_top_scrolls_to_the_top_without_an_id(tmp_path: Path) -> None:
    assert messages(tmp_path, {"index.html": '<a href="#top">top</a> <a href="#Top">top</a>'}) == []


def test_directory_links_with_and_without_trailing_slash(tmp_path: Path) -> None:
    page = '<a href="glossary/">a</a><a href="glossary">b</a><a href="glossary#metastasis">c</a><a href="./">d</a>'
    assert messages(tmp_path, {"index.html": page}) == []


def test_directory_without_index_page(tmp_path: Path) -> None:
    page = '<a href="assets/">a</a>\n<a href="assets">b</a>'
    assert messages(tmp_path, {"index.html": page, "assets/app.js": ""}) == [
        "site/index.html:1:1: broken link 'assets/': no file 'assets/index.html'",
        "site/index.html:2:1: broken link 'assets': no file 'assets'",
    ]


def test_parent_and_root_links_from_a_subfolder(tmp_path: Path) -> None:
    page = '<a href="../">home</a><a href="..">home</a><a href="../index.html#start">start</a>'
    assert messages(tmp_path, {"index.html": '<h1 id="start">S</h1>', "about/index.html": page}) == []


def test_relative_link_leaving_the_site(tmp_path: Path) -> None:
    assert messages(tmp_path, {"about/index.html": '<a href="../../etc/passwd">x</a>'}) == [
        "site/about/index.html:1:1: broken link '../../etc/passwd': outside the site folder",
    ]


def test_absolute_links_inside_the_base_path_resolve(tmp_path: Path) -> None:
    page = (
        '<link href="/guide/assets/app.css" rel="stylesheet">'
        '<a href="/guide/">home</a><a href="/guide">home</a><a href="/guide/glossary/#metastasis">m</a>'
    )
    assert messages(tmp_path, {"404.html": page, "index.html": "", "assets/app.css": ""}, "/guide/") == []


def test_absolute_links_are_checked_inside_the_base_path(tmp_path: Path) -> None:
    page = '<a href="/guide/about/">a</a>\n<a href="/guide/glossary/#metastasys">m</a>'
    assert messages(tmp_path, {"404.html": page}, "/guide/") == [
        "site/404.html:1:1: broken link '/guide/about/': no file 'about/index.html'",
        "site/404.html:2:1: broken link '/guide/glossary/#metastasys': "
        "no element with id 'metastasys' in 'glossary/index.html'",
    ]


def test_absolute_links_outside_the_base_path_are_broken(tmp_path: Path) -> None:
    page = '<a href="/glossary/">a</a>\n<a href="/guidebook/">b</a>\n<a href="/guide/../glossary/">c</a>'
    assert messages(tmp_path, {"404.html": page}, "guide") == [
        "site/404.html:1:1: broken link '/glossary/': outside the site's base path '/guide/'",
        "site/404.html:2:1: broken link '/guidebook/': outside the site's base path '/guide/'",
        "site/404.html:3:1: broken link '/guide/../glossary/': outside the site's base path '/guide/'",
    ]


def test_absolute_links_with_the_root_base_path(tmp_path: Path) -> None:
    page = '<a href="/glossary/">a</a><a href="/">home</a>\n<a href="/about/">b</a>'
    assert messages(tmp_path, {"index.html": page}) == [
        "site/index.html:2:1: broken link '/about/': no file 'about/index.html'",
    ]


def test_external_links_are_ignored(tmp_path: Path) -> None:
    page = (
        '<a href="https://www.cancer.gov/x#y">a</a><a href="http://example.org/">b</a>'
        '<a href="mailto:help@example.org">c</a><a href="tel:+15555550100">d</a>'
        '<img src="data:image/png;base64,iVBORw0KGgo=" alt="">'
        '<script src="//cdn.example.org/app.js"></script><a href="javascript:void(0)">e</a>'
        '<img srcset="data:image/png;base64,AAAA, https://example.org/b.png 2x" alt="">'
    )
    assert messages(tmp_path, {"index.html": page}) == []


def test_every_reference_kind_is_checked(tmp_path: Path) -> None:
    page = (
        '<link href="a.css">\n<script src="b.js"></script>\n<img src="c.png">\n<iframe src="d.html"></iframe>\n'
        '<picture><source src="e.webp"><source srcset="f.webp"></picture>\n<map><area href="g.html"></map>\n'
    )
    assert messages(tmp_path, {"index.html": page}) == [
        "site/index.html:1:1: broken link 'a.css': no file 'a.css'",
        "site/index.html:2:1: broken link 'b.js': no file 'b.js'",
        "site/index.html:3:1: broken link 'c.png': no file 'c.png'",
        "site/index.html:4:1: broken link 'd.html': no file 'd.html'",
        "site/index.html:5:10: broken link 'e.webp': no file 'e.webp'",
        "site/index.html:5:31: broken link 'f.webp': no file 'f.webp'",
        "site/index.html:6:6: broken link 'g.html': no file 'g.html'",
    ]


def test_missing_image(tmp_path: Path) -> None:
    page = '<img src="img/spread.png" alt="">\n<img src="img/missing.png" alt="">'
    assert messages(tmp_path, {"index.html": page, "img/spread.png": b"\x89PNG"}) == [
        "site/index.html:2:1: broken link 'img/missing.png': no file 'img/missing.png'",
    ]


def test_missing_srcset_entry(tmp_path: Path) -> None:
    page = '<img src="a.png" srcset="a.png 1x, b.png 2x,c.png 3x" alt="">'
    assert messages(tmp_path, {"index.html": page, "a.png": b"", "c.png": b""}) == [
        "site/index.html:1:1: broken link 'b.png': no file 'b.png'",
    ]


def test_srcset_splitting() -> None:
    assert srcset_urls(" a.png 480w,  b.png 800w ") == ["a.png", "b.png"]
    # As in browsers: a comma splits only after whitespace or at the end of a URL, so "a.png,b.png" is one URL.
    assert srcset_urls("a.png,b.png 2x") == ["a.png,b.png"]
    assert srcset_urls("a.png, b.png,") == ["a.png", "b.png"]
    assert srcset_urls("data:image/png;base64,AA== 1x, c.png 2x") == ["data:image/png;base64,AA==", "c.png"]
    assert srcset_urls(" , ") == []


def test_fragments_on_other_files_are_not_checked(tmp_path: Path) -> None:
    page = '<a href="guide.pdf#page=3">pdf</a><a href="sitemap.xml#x">xml</a>'
    assert messages(tmp_path, {"index.html": page, "guide.pdf": b"%PDF", "sitemap.xml": "<urlset/>"}) == []


def test_name_anchors_are_accepted(tmp_path: Path) -> None:
    page = '<a name="old-anchor"></a><a href="#old-anchor">x</a>\n<p name="not-an-anchor"></p><a href="#not-an-anchor">y</a>'
    assert messages(tmp_path, {"index.html": page}) == [
        "site/index.html:2:29: broken link '#not-an-anchor': no element with id 'not-an-anchor' in 'index.html'",
    ]


def test_query_strings_and_entities(tmp_path: Path) -> None:
    page = '<link href="assets/app.css?v=1&amp;x=2"><a href="?q=metastasis#top">s</a><a href="glossary/?q=1#metastasis">g</a>'
    assert messages(tmp_path, {"index.html": page, "assets/app.css": ""}) == []


def test_percent_encoded_paths_and_fragments(tmp_path: Path) -> None:
    page = (
        '<a href="stage%204/">a</a><a href="stage%204/#caf%C3%A9">b</a><a href="stage 4/#café">c</a>\n'
        '<img src="img/bone%20scan.png" alt=""><a href="stage%205/">d</a>\n'
    )
    files = {"index.html": page, "stage 4/index.html": '<h2 id="café">C</h2>', "img/bone scan.png": b""}
    assert messages(tmp_path, files) == [
        "site/index.html:2:39: broken link 'stage%205/': no file 'stage 5/index.html'",
    ]


def test_malformed_html_does_not_crash(tmp_path: Path) -> None:
    page = (
        # Python's parser raises on "<![foo" and "<![ "; browsers skip them, and so does the check.
        '<![foo bar]><a href="#x" id=x>ok</a>\n<![ nope]><a href="#y">after</a>\n'
        # A tag left open swallows the rest of the file, as in browsers.
        '<a href="missing.html"\n<p id="unclosed\n<div><span></div></p></a><!-- never closed\n'
    )
    bad_bytes = b'<a href="#caf\xe9">\xff\xfe</a>\n<a href="missing.html">x</a>'
    result = messages(tmp_path, {"index.html": page, "latin1.html": bad_bytes})
    assert result == [
        "site/index.html:2:11: broken link '#y': no element with id 'y' in 'index.html'",
        "site/latin1.html:1:1: broken link '#caf\ufffd': no element with id 'caf\ufffd' in 'latin1.html'",
        "site/latin1.html:2:1: broken link 'missing.html': no file 'missing.html'",
    ]


def test_missing_site_folder_reads_as_empty(tmp_path: Path) -> None:
    assert check_site_links(tmp_path / "nowhere") == []


def test_display_prefix_defaults_to_the_folder_as_given(tmp_path: Path) -> None:
    site = build(tmp_path, {"index.html": '<a href="x.html">x</a>'})
    assert [str(link) for link in check_site_links(site)] == [
        f"{site.as_posix()}/index.html:1:1: broken link 'x.html': no file 'x.html'"
    ]


def test_results_are_sorted_and_comparable(tmp_path: Path) -> None:
    site = build(tmp_path, {"b.html": '<a href="x">x</a>', "a/index.html": '\n<a href="y">y</a><a href="z">z</a>'})
    links = check_site_links(site, display_prefix="out")
    assert [(link.page, link.line, link.column, link.target) for link in links] == [
        ("a/index.html", 2, 1, "y"),
        ("a/index.html", 2, 18, "z"),
        ("b.html", 1, 1, "x"),
    ]
    assert links[0].message == "no file 'a/y'"


def test_many_pages(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        f"p{i}/index.html": f'<h1 id="h{i}">P</h1><a href="../p{(i + 1) % 1000}/#h{(i + 1) % 1000}">next</a>'
        for i in range(1000)
    }
    files["p7/index.html"] = '<h1 id="h7">P</h1>\n<a href="../p8/#nope">next</a>'
    assert messages(tmp_path, files) == [
        "site/p7/index.html:2:1: broken link '../p8/#nope': no element with id 'nope' in 'p8/index.html'"
    ]


@pytest.mark.parametrize(
    ("site_url", "expected"),
    [
        ("site_url: https://example.org/guide/\n", "/guide/"),
        ("site_url: https://example.org/guide\n", "/guide/"),
        ("site_url: https://example.org\n", "/"),
        ("site_url: https://example.org/a/b/\n", "/a/b/"),
        ("site_url: !ENV [SITE_URL, 'https://example.org/x/']\n", "/"),
        ("", "/"),
    ],
)
def test_site_base_path(tmp_path: Path, site_url: str, expected: str) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: T\n{site_url}", encoding="utf-8")
    assert site_base_path(config) == expected


def test_cli_clean_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = build(
        tmp_path, {"index.html": '<a href="about/">a</a><a href="https://x.org/">x</a>', "about/index.html": ""}
    )
    assert main(["linkcheck", str(site), "--base-path", "/"]) == 0
    assert capsys.readouterr().err == "site links: all 1 links in 2 page(s) resolve\n"


def test_cli_broken_links(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = build(
        tmp_path, {"index.html": '<a href="about/">a</a>\n<a href="#x">x</a>', "404.html": '<a href="/b/">b</a>'}
    )
    assert main(["linkcheck", str(site), "--base-path", "/"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        f"{site.as_posix()}/404.html:1:1: broken link '/b/': no file 'b/index.html'",
        f"{site.as_posix()}/index.html:1:1: broken link 'about/': no file 'about/index.html'",
        f"{site.as_posix()}/index.html:2:1: broken link '#x': no element with id 'x' in 'index.html'",
        "site links: 3 broken link(s) in 2 page(s)",
    ]


def test_cli_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "site"
    assert main(["linkcheck", str(missing), "--base-path", "/"]) == 2
    assert capsys.readouterr().err == f"error: {missing}: no such folder; build the site first (make build)\n"


def test_cli_reads_the_base_path_from_mkdocs_yml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    build(tmp_path, {"404.html": '<a href="/guide/">home</a>', "index.html": ""})
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nsite_url: https://example.org/guide/\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["linkcheck"]) == 0
    assert capsys.readouterr().err == "site links: all 1 links in 2 page(s) resolve\n"
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nsite_url: https://example.org/other/\n", encoding="utf-8")
    assert main(["linkcheck"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "site/404.html:1:1: broken link '/guide/': outside the site's base path '/other/'",
        "site links: 1 broken link(s) in 1 page(s)",
    ]


def test_cli_unreadable_mkdocs_yml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    build(tmp_path, {"index.html": ""})
    (tmp_path / "mkdocs.yml").write_text("site_url: [unclosed\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["linkcheck"]) == 2
    assert capsys.readouterr().err.startswith("error: mkdocs.yml: the site configuration is not valid YAML")


def test_a_page_the_parser_gives_up_on_fails_the_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # No known input makes Python's HTMLParser raise past the "<![" case handled in _PageParser, so a
    # comment stands in for such input: the links after it cannot be read, and that must not pass quietly.
    read_comment = site_links._PageParser.parse_comment

    def give_up_at_stop(parser: site_links._PageParser, i: int, report: bool = True) -> int:
        if parser.rawdata.startswith("<!--stop", i):
            raise AssertionError("unexpected call to parse_comment()")
        return read_comment(parser, i, report)

    monkeypatch.setattr(site_links._PageParser, "parse_comment", give_up_at_stop)
    page = '<a href="before.html">b</a>\n  <!--stop--> <a href="after.html">a</a>\n'
    expected = [
        "site/index.html:1:1: broken link 'before.html': no file 'before.html'",
        "site/index.html:2:3: could not read the page past this point (unexpected call to parse_comment()); "
        "the links after it were not checked",
    ]
    assert messages(tmp_path, {"index.html": page}) == expected
    assert main(["linkcheck", str(tmp_path / "site"), "--base-path", "/"]) == 1
