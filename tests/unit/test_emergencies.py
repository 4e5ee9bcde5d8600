"""Emergency boxes: one data file, rendered where a page writes its marker, checked where written."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from guidekit.data.emergencies import expand_for_scan, page_problems, parse_emergencies
from guidekit.source.text import SourceText

GLOSSARY = "- term: Fever\n  definition: A body temperature higher than normal.\n"
BIBLIOGRAPHY = """\
- id: us-source
  type: webpage
  title: US source
  publisher: Agency
  issued: n.d.
  URL: https://example.org/us
  accessed: 2026-11-22
- id: uk-source
  type: webpage
  title: UK source
  publisher: Charity
  issued: n.d.
  URL: https://example.org/uk
  accessed: 2026-11-22
"""
EMERGENCIES = """\
fever:
  kind: danger
  title: Call your 24-hour cancer line now
  intro: {text: Call straight away if you have any of these signs., sources: [uk-source]}
  countries:
    - name: In the United States
      signs:
        - {text: a temperature of 100.4°F (38°C) or higher, sources: [us-source]}
      call:
        - {text: Call your cancer team., sources: [us-source]}
        - {text: "To call an ambulance, dial 911.", sources: []}
    - name: In the United Kingdom
      signs:
        - {text: a temperature of 37.5°C (99.5°F) or higher, sources: [uk-source]}
  notes:
    - {text: Follow your own team's advice., sources: [us-source, uk-source]}
"""


def parse(text: str):
    return parse_emergencies(SourceText("e.yml", text))


def messages(text: str) -> list[str]:
    return [str(problem) for problem in parse(text)[1]]


@pytest.fixture
def render(tmp_path: Path):
    docs = tmp_path / "docs"
    (docs / "data").mkdir(parents=True)
    (docs / "data" / "glossary.yml").write_text(GLOSSARY, encoding="utf-8")
    (docs / "data" / "bibliography.yml").write_text(BIBLIOGRAPHY, encoding="utf-8")
    (docs / "data" / "emergencies.yml").write_text(EMERGENCIES, encoding="utf-8")
    settings = {
        "bibliography": str(docs / "data" / "bibliography.yml"),
        "glossary": str(docs / "data" / "glossary.yml"),
        "emergencies": str(docs / "data" / "emergencies.yml"),
        "root": str(tmp_path),
        "docs_dir": str(docs),
    }

    def convert(text: str) -> str:
        extensions = ["admonition", "abbr", "toc", "pymdownx.superfences", "guidekit.render.extension"]
        return markdown.markdown(text, extensions=extensions, extension_configs={"guidekit.render.extension": settings})

    return convert


def test_the_marker_becomes_the_emergency_box_with_numbered_citations(render) -> None:
    html = render("# Fever\n\nBefore [@uk-source].\n\n<!-- guide:emergency fever -->\n\nAfter.\n")
    box = html[html.index('<div class="admonition danger">') :]
    assert '<p class="admonition-title">Call your 24-hour cancer line now</p>' in box
    assert "<strong>In the United States:</strong>" in box and "<strong>In the United Kingdom:</strong>" in box
    assert "<li>a temperature of 100.4°F (38°C) or higher" in box
    assert "<li>a temperature of 37.5°C (99.5°F) or higher" in box
    assert "To call an ambulance, dial 911.</p>" in box  # a plain fact: no citation
    # uk-source was cited first, above the box, so it is 1; the box continues the page's numbering.
    assert 'href="#source-1"' in box and 'href="#source-2"' in box
    assert html.index("Before") < html.index("admonition danger") < html.index("After.")
    assert '<section class="guide-sources"' in html or 'id="source-2"' in html
    assert "guide:emergency" not in html


def test_an_indented_marker_keeps_the_box_inside_its_block(render) -> None:
    html = render("- First point\n\n    <!-- guide:emergency fever -->\n")
    assert html.index("<li>") < html.index("admonition danger") < html.rindex("</li>")


def test_a_marker_naming_no_box_renders_nothing(render) -> None:
    html = render("<!-- guide:emergency flood -->\n")
    assert "admonition" not in html


def test_the_checks_read_the_marker_line_as_the_box_citations_in_order() -> None:
    data, problems = parse(EMERGENCIES)
    assert problems == [] and data is not None
    text = "Line one.\n<!-- guide:emergency fever -->\nLine three.\n"
    expanded = expand_for_scan(text, data).split("\n")
    assert expanded[1] == "[@uk-source] [@us-source] [@us-source] [@uk-source] [@us-source; @uk-source]"
    assert expanded[0] == "Line one." and expanded[2] == "Line three."


def test_markers_and_hand_written_temperatures_are_reported_where_written() -> None:
    data, _ = parse(EMERGENCIES)
    page = (
        "---\ntitle: 38°C in front matter is not prose\n---\n"
        "Call at 38°C, 100.4 °F, 37,5 ºC or 36C.\n"
        "`38°C` in code is fine, so is HER2 and 5FU.\n"
        "  <!-- guide:emergency fevr -->\n"
    )
    assert [str(problem) for problem in page_problems("p.md", page, data)] == [
        "p.md:6:3: unknown emergency 'fevr'; did you mean 'fever'?",
        "p.md:4:9: write emergency temperatures with the <!-- guide:emergency fever --> marker, not by hand",
        "p.md:4:15: write emergency temperatures with the <!-- guide:emergency fever --> marker, not by hand",
        "p.md:4:25: write emergency temperatures with the <!-- guide:emergency fever --> marker, not by hand",
        "p.md:4:36: write emergency temperatures with the <!-- guide:emergency fever --> marker, not by hand",
    ]
    assert [str(problem) for problem in page_problems("p.md", "<!-- guide:emergency fever -->\n", None)] == [
        "p.md:1:1: emergency advice needs its data file (the 'emergencies' setting of guidekit.extension)"
    ]


def test_data_file_problems_are_located() -> None:
    assert messages("- fever\n") == ["e.yml:1:1: emergency data must be a mapping of names to boxes, such as 'fever:'"]
    assert messages("fever:\n  kind: alarm\n  title: T\n  intro: {text: I, sources: [a]}\n  countries: []\n") == [
        "e.yml:2:9: emergency box field 'kind' has unknown value 'alarm'; use danger or warning",
        "e.yml:5:14: emergency box field 'countries' is empty; write a list of countries, each with a name and its signs",
    ]
    text = (
        "fever:\n  kind: danger\n  title: <b>T</b>\n  intro: just text\n"
        "  countries:\n    - name: Here\n      signs:\n        - {text: a sign}\n"
    )
    assert messages(text) == [
        "e.yml:3:10: emergency box field 'title' must be plain words with no links, HTML or [@citations], not '<b>T</b>'",
        "e.yml:4:10: emergency box field 'intro' must be a mapping such as {text: …, sources: [a-key]}, not 'just text'",
        "e.yml:8:11: emergency item is missing the required field 'sources'; "
        "write a list of citation keys such as [cdc-fever-chemo]",
    ]
    data, _ = parse(text)
    assert data is not None and "fever" in data.broken and not data.emergencies
    # A page naming a box the file could not read is not blamed twice: the data file says why.
    assert page_problems("p.md", "<!-- guide:emergency fever -->\n", data) == []


CALL_ONLY = """\
clot:
  kind: danger
  title: Call your local emergency number now
  intro: {text: Call for an ambulance if you have any of these signs., sources: [uk-source]}
  countries:
    - name: Wherever you live
      signs:
        - {text: sudden shortness of breath, sources: [us-source, uk-source]}
    - name: In the United States
      call:
        - {text: "Dial 911.", sources: []}
    - name: In the United Kingdom
      call:
        - {text: "Dial 999.", sources: [uk-source]}
"""


def test_a_country_may_give_only_whom_to_call() -> None:
    data, problems = parse(CALL_ONLY)
    assert problems == [] and data is not None
    countries = data.emergencies["clot"].countries
    assert [(c.name, len(c.signs), len(c.call)) for c in countries] == [
        ("Wherever you live", 1, 0),
        ("In the United States", 0, 1),
        ("In the United Kingdom", 0, 1),
    ]


def test_a_call_only_country_renders_its_name_then_whom_to_call(render, tmp_path: Path) -> None:
    (tmp_path / "docs" / "data" / "emergencies.yml").write_text(CALL_ONLY, encoding="utf-8")
    html = render("<!-- guide:emergency clot -->\n")
    box = html[html.index('<div class="admonition danger">') :]
    us = box.index("<strong>In the United States:</strong>")
    uk = box.index("<strong>In the United Kingdom:</strong>")
    assert us < box.index("Dial 911.</p>") < uk < box.index("Dial 999")
    assert "<ul>" not in box[us:]  # no empty list of signs for a call-only country


def test_a_country_needs_signs_or_whom_to_call() -> None:
    text = "clot:\n  kind: danger\n  title: T\n  intro: {text: I, sources: [a]}\n  countries:\n    - name: Here\n"
    signs = (
        "e.yml:6:7: emergency country is missing the required field 'signs'; "
        "write a list of {text: …, sources: [a-key]} items"
    )
    assert messages(text) == [signs]
    # An empty 'call' gives no one to call, so the signs are still needed.
    assert messages(text + "      call: []\n") == [
        signs,
        "e.yml:7:13: emergency country field 'call' is empty; write a list of {text: …, sources: [a-key]} items "
        "or remove it",
    ]


def test_items_and_countries_must_be_mappings_with_plain_text() -> None:
    text = (
        "fever:\n  kind: danger\n  title: T\n  intro: {text: I, sources: [a, '']}\n  countries: [x]\n"
        "  notes: [{text: N, sources: []}, y]\n  colour: red\n"
    )
    assert messages(text) == [
        "e.yml:7:3: unknown emergency box field 'colour'; use kind, title, intro, countries or notes",
        "e.yml:4:33: each item in emergency item field 'sources' must be non-empty text, not ''",
        "e.yml:5:15: each emergency country must be a mapping with 'name'",
        "e.yml:6:35: each emergency item must be a mapping with 'text' and 'sources'",
    ]
    assert messages("fever: [a box]\n") == [
        "e.yml:1:8: each emergency box must be a mapping with 'kind', 'title', 'intro' and 'countries'"
    ]
    assert messages("fever:\n  kind: danger\n  title: T\n  intro: {text: 'See [x](y.md).', sources: []}\n") == [
        "e.yml:2:3: emergency box 'fever' is missing the required field 'countries'; "
        "write a list of countries, each with a name and its signs",
        "e.yml:4:17: emergency item field 'text' must be plain words with no links, HTML or [@citations], "
        "not 'See [x](y.md).'",
    ]
