"""The booklet's HTML: running heads per chapter, the contents' page numbers, the edition date and
where to report a mistake; and the loop that finds the page numbers by printing."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from guidekit.core.words import words_for
from guidekit.data.project import read_config
from guidekit.release.page_numbers import PageNumbersError, settle
from guidekit.release.print_book import css_string, edition_date, render_book, short_address

REPORT = "https://github.com/example/guide/issues"


def page(title: str, body: str = "") -> str:
    return (
        '<html><head><link rel="stylesheet" href="assets/site.css"></head><body>'
        f'<article class="md-content__inner md-typeset"><h1 id="top">{title}</h1><p>Text.</p>{body}'
        '<aside class="guide-review">Reviewed on 1 May 2026.</aside>'
        '<p class="guide-report"><a class="guide-report__link" '
        f'href="{REPORT}/new?template=report-a-mistake.yml&amp;page=x">Report a problem with this page</a></p>'
        "</article></body></html>"
    )


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "index.html").write_text(page("Welcome"), encoding="utf-8")
    (tmp_path / "basics.html").write_text(page("The &quot;basics&quot; \\ of it &lt;/style&gt;"), encoding="utf-8")
    return tmp_path


def book(site: Path, numbers: Mapping[str, int] | None = None, language: str = "en") -> HTMLParser:
    html = render_book(
        site,
        ["index.html", "basics.html"],
        site_name="Guide",
        version="v1",
        date="2026-12-03",
        url="https://example.org/guide/",
        report_url=REPORT,
        page_numbers=numbers,
        language=language,
    )
    return HTMLParser(html)


def test_css_strings_cannot_break_out_of_the_string_or_the_style_element() -> None:
    quoted = css_string('say "hi" \\ </style>\n')
    assert quoted.startswith('"') and quoted.endswith('"')
    inner = quoted[1:-1]
    assert '"' not in inner and "<" not in inner and "\n" not in inner
    assert inner == "say \\22 hi\\22  \\5c  \\3c /style\\3e \\a "


def test_the_edition_date_is_written_out_and_the_address_is_short() -> None:
    assert edition_date("2026-12-03") == "3 December 2026"
    assert edition_date("2026-12-03", words_for("es")) == "3 de diciembre de 2026"
    assert short_address("https://github.com/example/guide/issues/") == "github.com/example/guide/issues"


def test_each_chapter_is_a_named_page_whose_head_is_its_title(site: Path) -> None:
    tree = book(site)
    style = tree.css_first("head style").text()
    assert '@page guide-chapter-1 { @top-left { content: "Welcome";' in style
    assert 'section[id="index"] { page: guide-chapter-1; }' in style
    assert 'content: "The \\22 basics\\22  \\5c  of it \\3c /style\\3e ";' in style
    assert 'section[id="basics"] { page: guide-chapter-2; }' in style
    assert '"Page " counter(page)' in style
    assert '"Guide · Edition of 3 December 2026"' in style and '"Draft, awaiting clinical review"' in style
    # The title cannot end the style element early: the page has one style and the sections.
    assert len(tree.css("style")) == 1 and len(tree.css("section.guide-chapter")) == 2
    assert tree.css_first("html").attrs["lang"] == "en"


def test_the_spanish_book_is_in_spanish_and_says_the_translation_awaits_review(site: Path) -> None:
    tree = book(site, {"index": 3, "basics": 7}, language="es")
    assert tree.css_first("html").attrs["lang"] == "es"
    assert tree.css_first("title").text() == "Guide (edición para imprimir v1)"
    style = tree.css_first("head style").text()
    assert '"Página " counter(page)' in style and '"Page "' not in style
    assert '"Guide · Edición del 3 de diciembre de 2026"' in style
    assert '"Borrador: pendiente de revisión clínica y de la traducción"' in style
    assert '@page guide-contents { @top-left { content: "Contenido";' in style
    contents = tree.css_first(".guide-contents")
    assert contents.attrs["aria-label"] == "Contenido" and contents.css_first("h2").text() == "Contenido"
    cover = " ".join(tree.css_first("#cover").text().split())
    assert "Edición: 3 de diciembre de 2026" in cover
    assert "pendiente de revisión clínica y de revisión de la traducción" in cover
    assert "ningún traductor médico ha revisado la traducción" in cover
    assert "¿Encontró un error? Díganoslo en github.com/example/guide/issues." in cover
    assert "Las palabras marcadas con † se explican en el glosario" in cover
    english = ("Edition", "Found a mistake", "Page ", "Contents", "awaiting", "Words marked")
    assert [word for word in english if word in tree.html] == []


def test_the_cover_gives_the_edition_and_one_address_to_report_a_mistake(site: Path) -> None:
    tree = book(site)
    cover = " ".join(tree.css_first("#cover").text().split())
    assert "Edition of: 3 December 2026" in cover
    report = tree.css_first("#cover .guide-cover__report")
    words = " ".join(report.text().split())
    assert "Found a mistake? Tell us at github.com/example/guide/issues." in words
    assert "name the chapter and the page number" in words
    link = report.css_first("a")
    assert link.attrs["href"] == REPORT and link.text() == "github.com/example/guide/issues"
    # Each web page's own report link and review record stay on the web.
    assert tree.css(".guide-report, .guide-review") == []
    assert "Report a problem with this page" not in tree.body.text()


def test_the_contents_show_page_numbers_only_once_they_are_known(site: Path) -> None:
    unnumbered = book(site)
    assert unnumbered.css(".guide-contents__page") == []
    numbered = book(site, {"index": 3, "basics": 7})
    entries = [
        (item.css_first("a").attrs["href"], item.css_first(".guide-contents__page").text())
        for item in numbered.css(".guide-contents li")
    ]
    assert entries == [("#index", "3"), ("#basics", "7")]
    assert len(numbered.css('.guide-contents__leader[aria-hidden="true"]')) == 2


def test_page_numbers_settle_once_a_print_finds_what_it_printed() -> None:
    printed: list[dict[str, int]] = []

    def print_pass(numbers: Mapping[str, int]) -> Mapping[str, int]:
        printed.append(dict(numbers))
        # Numbers in the contents push the second chapter one page on, once.
        return {"a": 3, "b": 8 if numbers else 7}

    assert settle(print_pass) == {"a": 3, "b": 8}
    assert printed == [{}, {"a": 3, "b": 7}, {"a": 3, "b": 8}]


def test_page_numbers_that_never_settle_fail_and_name_the_chapter() -> None:
    def print_pass(numbers: Mapping[str, int]) -> Mapping[str, int]:
        return {"a": 3, "b": numbers.get("b", 6) + 1}  # each print moves "b" on

    with pytest.raises(PageNumbersError, match=r"did not settle after 4 prints; still moving: b$"):
        settle(print_pass)


def test_the_books_words_come_from_the_editions_config_and_a_missing_one_is_named(tmp_path: Path) -> None:
    from guidekit.release.offline import book_words

    config = "site_name: A guide\nsite_url: https://example.org/g/\nrepo_url: https://github.com/o/r/\n"
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    (tmp_path / "mkdocs.es.yml").write_text(
        config.replace("A guide", "Una guía").replace("/g/", "/g/es/"), encoding="utf-8"
    )
    assert book_words(tmp_path / "mkdocs.yml") == {
        "site_name": "A guide",
        "url": "https://example.org/g/",
        "report_url": "https://github.com/o/r/issues",
    }
    assert book_words(tmp_path / "mkdocs.es.yml") == {
        "site_name": "Una guía",
        "url": "https://example.org/g/es/",
        "report_url": "https://github.com/o/r/issues",
    }
    (tmp_path / "mkdocs.yml").write_text(config.replace("repo_url", "# repo_url"), encoding="utf-8")
    with pytest.raises(SystemExit, match=r"mkdocs\.yml: repo_url is needed"):
        book_words(tmp_path / "mkdocs.yml")


REPO = Path(__file__).resolve().parents[2]


def test_a_translations_offline_build_inherits_it_and_adds_the_offline_settings(tmp_path: Path) -> None:
    from guidekit.release.offline import edition_files, offline_config

    # The generated file sits beside the translation's (INHERIT and docs_dir are relative to it)
    # and is removed after the build; the guide's own offline build uses mkdocs.offline.yml.
    with offline_config(REPO / "mkdocs.yml", "") as english:
        assert english == REPO / "mkdocs.offline.yml"
    with offline_config(REPO / "mkdocs.es.yml", "es") as generated:
        assert generated.parent == REPO and generated.is_file()
        merged = read_config(generated)
    assert not generated.exists()
    offline = read_config(REPO / "mkdocs.offline.yml")
    spanish = read_config(REPO / "mkdocs.es.yml")
    # Zensical appends inherited lists: safe only while the offline settings' list is in no edition's config.
    assert "polyfills" not in spanish["extra"] and "polyfills" not in read_config(REPO / "mkdocs.yml")["extra"]
    assert merged["extra"]["offline"] is True
    assert merged["extra"]["polyfills"] == offline["extra"]["polyfills"]
    assert {key: merged[key] for key in ("site_name", "docs_dir", "nav", "theme")} == {
        key: spanish[key] for key in ("site_name", "docs_dir", "nav", "theme")
    }
    assert [path.name for path in edition_files(tmp_path, "es", "v1", "Letter")] == [
        "metastatic-cancer-guide-es-offline-v1.zip",
        "metastatic-cancer-guide-es-v1-letter.pdf",
    ]
    assert [path.name for path in edition_files(tmp_path, "", "v1", "A4")] == [
        "metastatic-cancer-guide-offline-v1.zip",
        "metastatic-cancer-guide-v1.pdf",
    ]
