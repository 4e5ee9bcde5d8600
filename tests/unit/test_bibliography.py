"""Each bibliography rule, with the exact message and position it gives."""

from __future__ import annotations

import datetime as dt
import textwrap

from guidekit.data.bibliography import parse_bibliography
from guidekit.source.text import SourceText

TODAY = dt.date(2026, 11, 22)
GOOD = """\
- id: nci-metastatic
  type: webpage
  title: Metastatic Cancer
  publisher: National Cancer Institute
  issued: 2020-11-10
  URL: https://www.cancer.gov/types/metastatic-cancer
  accessed: 2026-11-22
"""


def parse(text: str):
    return parse_bibliography(SourceText("refs.yml", textwrap.dedent(text)), TODAY)


def messages(text: str) -> list[str]:
    return [str(problem) for problem in parse(text)[1]]


def test_a_complete_entry_has_no_problems() -> None:
    bibliography, problems = parse(GOOD)
    assert problems == []
    reference = bibliography.references["nci-metastatic"]
    assert reference.issued == "10 November 2020"
    assert reference.accessed == "22 November 2026"
    assert reference.link == "https://www.cancer.gov/types/metastatic-cancer"


def test_csl_json_is_read_too() -> None:
    text = '[{"id": "a", "type": "report", "title": "T", "publisher": "P", "issued": {"date-parts": [[2024, 5]]}, "DOI": "10.1000/xyz"}]'
    bibliography, problems = parse(text)
    assert problems == []
    assert bibliography.references["a"].issued == "May 2024"
    assert bibliography.references["a"].link == "https://doi.org/10.1000/xyz"


def test_pandoc_references_mapping_is_accepted() -> None:
    bibliography, problems = parse("references:\n" + textwrap.indent(GOOD, "  "))
    assert problems == [] and "nci-metastatic" in bibliography.references


def test_missing_title() -> None:
    assert messages(GOOD.replace("  title: Metastatic Cancer\n", "")) == [
        "refs.yml:1:3: bibliography entry 'nci-metastatic' is missing the required field 'title'"
    ]


def test_missing_author_and_publisher() -> None:
    assert messages(GOOD.replace("  publisher: National Cancer Institute\n", "")) == [
        "refs.yml:1:3: bibliography entry 'nci-metastatic' needs an 'author' or a 'publisher'"
    ]


def test_missing_url_and_doi() -> None:
    assert messages(GOOD.replace("  URL: https://www.cancer.gov/types/metastatic-cancer\n", "")) == [
        "refs.yml:1:3: bibliography entry 'nci-metastatic' needs a 'URL' or a 'DOI' so readers can find the source"
    ]


def test_webpage_needs_accessed_date() -> None:
    assert messages(GOOD.replace("  accessed: 2026-11-22\n", "")) == [
        "refs.yml:1:3: bibliography entry 'nci-metastatic' is missing the required field 'accessed'"
    ]


def test_missing_issued_but_undated_is_allowed_when_said() -> None:
    assert messages(GOOD.replace("  issued: 2020-11-10\n", "")) == [
        "refs.yml:1:3: bibliography entry 'nci-metastatic' is missing the required field 'issued'"
    ]
    bibliography, problems = parse(GOOD.replace("2020-11-10", "n.d."))
    assert problems == [] and bibliography.references["nci-metastatic"].issued == "No date given"


def test_http_url() -> None:
    assert messages(GOOD.replace("https://www", "http://www")) == [
        "refs.yml:6:8: bibliography entry field 'URL' must be an address starting with https://, "
        "not 'http://www.cancer.gov/types/metastatic-cancer'"
    ]


def test_malformed_doi() -> None:
    text = GOOD.replace("  URL: https://www.cancer.gov/types/metastatic-cancer\n", "  DOI: 10.10/abc\n")
    assert messages(text) == [
        "refs.yml:6:8: bibliography entry field 'DOI' must be a DOI such as 10.1056/NEJMoa1000678, not '10.10/abc'"
    ]
    text = text.replace("DOI: 10.10/abc", "DOI: https://doi.org/10.1056/NEJMoa1000678")
    assert messages(text) == [
        "refs.yml:6:8: bibliography entry field 'DOI' must be a DOI such as 10.1056/NEJMoa1000678, "
        "without https://doi.org/, not 'https://doi.org/10.1056/NEJMoa1000678'"
    ]


def test_malformed_dates() -> None:
    assert messages(GOOD.replace("2020-11-10", "10/11/2020")) == [
        "refs.yml:5:11: bibliography entry field 'issued' must be a date written YYYY, YYYY-MM or YYYY-MM-DD, "
        "not '10/11/2020'"
    ]
    assert messages(GOOD.replace("2020-11-10", "2020-02-30")) == [
        "refs.yml:5:11: bibliography entry field 'issued' must be a real date, not '2020-02-30'"
    ]


def test_accessed_in_the_future() -> None:
    assert messages(GOOD.replace("accessed: 2026-11-22", "accessed: 2026-11-23")) == [
        "refs.yml:7:13: 'accessed' date 23 November 2026 is in the future"
    ]
    assert messages(GOOD.replace("accessed: 2026-11-22", "accessed: 2026-11")) == []


def test_duplicate_key() -> None:
    assert messages(GOOD + GOOD) == [
        "refs.yml:8:3: duplicate bibliography key 'nci-metastatic' (first defined on line 1)"
    ]


def test_unknown_type_suggests_the_closest() -> None:
    assert messages(GOOD.replace("type: webpage", "type: web-page")) == [
        "refs.yml:2:9: bibliography entry field 'type' has unknown value 'web-page'; did you mean 'webpage'?"
    ]


def test_bad_key() -> None:
    assert messages(GOOD.replace("id: nci-metastatic", "id: nci metastatic")) == [
        "refs.yml:1:7: bibliography entry field 'id' must be a citation key of letters, digits and -, "
        "such as nci-metastatic-cancer, not 'nci metastatic'"
    ]


def test_authors_are_formatted_and_checked() -> None:
    text = GOOD.replace(
        "  publisher: National Cancer Institute\n",
        "  author:\n    - family: Temel\n      given: Jennifer S.\n    - given: Nobody\n",
    )
    bibliography, problems = parse(text)
    assert [str(p) for p in problems] == [
        "refs.yml:7:7: an author needs a 'family' name (or a 'literal' name for an organisation)"
    ]
    assert bibliography.references["nci-metastatic"].authors == ("Temel JS",)


def test_invalid_yaml_is_located_with_its_cause() -> None:
    bibliography, problems = parse('- id: a\n  title: "unclosed\n')
    assert [str(p) for p in problems] == [
        "refs.yml:3:1: invalid YAML: found unexpected end of stream (while scanning a quoted scalar that starts at line 2, column 10)"
    ]
    assert not bibliography.readable


def test_wrong_shape() -> None:
    assert messages("just text") == [
        "refs.yml:1:1: the bibliography must be a list of entries, each starting with '- id:'"
    ]
    assert messages("- just text") == [
        "refs.yml:1:3: each bibliography entry must be a mapping with 'id', 'type', 'title' and 'issued'"
    ]
    assert messages("references: {id: a}") == [
        "refs.yml:1:13: the bibliography must be a list of entries, each starting with '- id:'"
    ]
    assert messages("") == ["refs.yml:1:1: the bibliography is empty"]


def test_every_problem_of_an_entry_is_reported_together() -> None:
    text = (
        GOOD.replace("https://www", "http://www")
        .replace("2020-11-10", "2020-13-01")
        .replace("type: webpage", "type: x")
    )
    assert len(messages(text)) == 3


def test_csl_fields_the_guide_does_not_read_are_allowed_and_its_own_are_checked() -> None:
    assert messages(GOOD + "  language: en-US\n  note: Read in full.\n") == []
    assert messages(GOOD + "  container-title: ''\n") == [
        "refs.yml:8:20: bibliography entry field 'container-title' is empty; fill it in or remove it"
    ]
    assert messages(GOOD + "  container-title: [NEJM]\n") == [
        "refs.yml:8:20: bibliography entry field 'container-title' must be text, not a list"
    ]
    assert messages(GOOD + "  author: National Cancer Institute\n") == [
        "refs.yml:8:11: bibliography entry field 'author' must be a list such as "
        "[{family: Temel, given: Jennifer S.}], not 'National Cancer Institute'"
    ]
    assert messages(GOOD.replace("https://www.cancer.gov/types/", "https://www.cancer.gov/types/ ")) == [
        "refs.yml:6:8: bibliography entry field 'URL' must be an address without spaces (write a space as %20), "
        "not 'https://www.cancer.gov/types/ metastatic-cancer'"
    ]
