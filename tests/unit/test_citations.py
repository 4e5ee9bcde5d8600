"""Citation syntax and the Markdown scanner: what is a citation, what is not, and where it is."""

from __future__ import annotations

from guidekit.source.citations import parse_citation
from guidekit.source.markdown_scan import mask_code, scan_page


def keys(text: str) -> list[tuple[str, int, int]]:
    return [(found.key, found.line, found.column) for found in scan_page(text).citations]


def errors(text: str) -> list[str]:
    return [f"{e.line}:{e.column}: {e.message}" for e in scan_page(text).errors]


def test_single_and_multiple_keys() -> None:
    assert keys("Spread [@nci-metastatic].") == [("nci-metastatic", 1, 9)]
    assert keys("a\nb [@a; @b-2]") == [("a", 2, 4), ("b-2", 2, 8)]


def test_not_citations() -> None:
    text = "\n".join(
        [
            "Inline `[@code]` and ``[@double]``.",
            "Mail someone@example.org or see https://example.org/@user and [@handle](https://example.org).",
            r"Escaped \[@escaped].",
            "<!-- [@in-a-comment] -->",
            "```markdown",
            "[@in-a-fence]",
            "```",
            "~~~~",
            "[@in-a-tilde-fence]",
            "~~~~",
            "    ```",
            "    [@in-an-indented-fence]",
            "    ```",
        ]
    )
    assert keys(text) == []
    assert errors(text) == []


def test_front_matter_is_not_scanned() -> None:
    assert keys("---\ntitle: '[@x]'\n---\n# T [@y]\n") == [("y", 4, 6)]


def test_mask_keeps_positions() -> None:
    text = "a `b` c\n```\nx\n```\nd"
    masked = mask_code(text)
    assert len(masked) == len(text) and masked.count("\n") == text.count("\n")
    assert masked.startswith("a     c")


def test_malformed_citations_are_located() -> None:
    assert errors("x [@] y") == ["1:3: empty citation '[@]': write a key after @, e.g. [@nci-metastatic-cancer]"]
    assert errors("x [@a y\n") == ["1:3: citation '[@a' is not closed; add ']'"]
    assert errors("x [@a; @a]") == ["1:8: key 'a' appears twice in the same citation"]
    assert errors("x [@a;; @b]") == ["1:7: empty item in citation: remove the extra ';'"]
    assert errors("[@a, p. 3]") == [
        "1:2: '@a, p. 3' is not a citation key; write [@key] or [@a; @b] (keys use letters, digits and -)"
    ]


def test_reference_definition_is_not_a_citation() -> None:
    assert keys("[@x]: https://example.org\n") == []
    assert keys("As shown [@x]: it spreads.") == [("x", 1, 11)]


def test_parse_citation_offsets() -> None:
    parsed = parse_citation("a;  @bb")
    assert [(k.key, k.offset) for k in parsed.keys] == [("a", 1), ("bb", 6)]


def test_links_and_titles() -> None:
    page = scan_page('---\ntitle: "Home page"\n---\nSee [x](glossary.md#y "t") and ![alt](a.png).\n\n[ref]: other.md\n')
    assert [(link.target, link.is_image, link.line, link.column) for link in page.links] == [
        ("glossary.md#y", False, 4, 5),
        ("a.png", True, 4, 32),
        ("other.md", False, 6, 1),
    ]
    assert page.first_heading is None  # the title is the front matter's: see test_pages.py
    assert scan_page("# Heading title\n").first_heading == "Heading title"
