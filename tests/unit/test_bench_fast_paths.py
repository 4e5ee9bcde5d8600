"""The short cuts the benchmark's profiles led to give the answers the long way gives."""

from __future__ import annotations

import random
import re
import unicodedata
from urllib.parse import urlsplit

import pytest
import yaml

from guidekit.core.html_policy import ANY_VALUE_ATTRIBUTES, URL_ATTRIBUTES_ON, attribute_refusal, url_scheme
from guidekit.data.glossary import slugify
from guidekit.render.allow_list import refusals_in_html
from guidekit.source.markdown_scan import mask_code, scan_page
from guidekit.source.text import SourceText
from guidekit.source.yaml_positions import parse_yaml

VALUES = ("", None, "x", "javascript:alert(1)", "java\tscript:x", "image", "iframe", "text-align: left;", "red")


def test_attributes_skipped_on_a_published_page_are_ones_the_policy_allows_with_any_value() -> None:
    for tag, names in ANY_VALUE_ATTRIBUTES.items():
        for name in names:
            assert all(attribute_refusal(tag, name, value) is None for value in VALUES), (tag, name)
    for tag, names in URL_ATTRIBUTES_ON.items():
        for name in names:
            for value in ("", None, "../glossary/#term", "#cite-1", "//host.example/x", "a b"):
                assert attribute_refusal(tag, name, value) is None, (tag, name, value)
            assert attribute_refusal(tag, name, "javascript:x") is not None


def test_a_page_is_refused_the_same_with_the_short_cuts() -> None:
    html = (
        '<p id="a" class="b" title="c">x <a href="../g/#t" class="guide-term" title="t">t</a>'
        '<a href="javascript:go()">j</a><img src="data:image/png;base64,AA" alt="" onerror="x()">'
        '<span style="color: red">s</span><a href="x" data-type="iframe">i</a><script>x</script></p>'
    )
    assert [(r.kind, r.name) for r in refusals_in_html(html)] == [
        ("url", "javascript"),
        ("url", "data"),
        ("attribute", "onerror"),
        ("attribute", "style"),
        ("attribute", "data-type"),
        ("element", "script"),
    ]
    assert refusals_in_html("What it means &amp; why") == []


def old_url_scheme(url: str) -> str | None:
    cleaned = url.strip("".join(map(chr, range(0x21))))
    cleaned = "".join(character for character in cleaned if character not in "\t\n\r")
    try:
        scheme = urlsplit(cleaned).scheme
    except ValueError:
        head = cleaned.split(":", 1)
        scheme = head[0] if len(head) == 2 and "/" not in head[0] else ""
    return scheme.lower() or None


def old_slugify(term: str) -> str:
    letters = "".join(c for c in unicodedata.normalize("NFKD", term) if not unicodedata.combining(c))
    hyphenated = re.sub(r"[\W_]+", "-", letters.lower()).encode("ascii", "ignore").decode()
    return re.sub(r"-{2,}", "-", hyphenated).strip("-")


@pytest.mark.parametrize("seed", range(3))
def test_schemes_and_slugs_are_what_they_were(seed: int) -> None:
    rng = random.Random(seed)
    url_parts = [*"aJs:/[]#?\t\n\r \x00\x1f\x7f.é%&;-+1", "java", "script", "http", "//", "[::1]"]
    name_parts = [*"aZ09 -_.,/²", "é", "e\u0301", "ﬁ", "Stage 4", "CT scan"]
    for _ in range(20_000):
        url = "".join(rng.choice(url_parts) for _ in range(rng.randint(0, 10)))
        assert url_scheme(url) == old_url_scheme(url), repr(url)
        name = "".join(rng.choice(name_parts) for _ in range(rng.randint(0, 6)))
        assert slugify(name) == old_slugify(name), repr(name)


def test_data_file_strings_are_read_as_pyyaml_reads_them() -> None:
    text = (
        "- id: a\n  title: 'Quoted: yes'\n  note: >-\n    folded\n    text\n  n: 3\n  ok: true\n"
        "  when: 2024-01-02\n  empty:\n  tagged: !!str 12\n  list: [x, 'y', \"z\"]\n"
    )
    located, problems = parse_yaml(SourceText("d.yml", text))
    assert problems == []
    expected = yaml.safe_load(text)
    expected[0]["when"] = "2024-01-02"  # dates are kept as written
    assert located is not None and located.plain() == expected


def test_a_page_scanned_with_its_mask_given_is_scanned_the_same() -> None:
    text = (
        "---\ntitle: T\n---\n\n# T\n\nText [@a; @b] and [a link](x.md#y) `[@code]`.\n\n"
        "```\n[@fenced]\n```\n\n<!-- [@comment] -->\n## Heading {#id}\n"
    )
    assert scan_page(text, masked=mask_code(text)) == scan_page(text)
    plain = "No code at all, [@a] and [b](c.md)."
    assert mask_code(plain) == plain
