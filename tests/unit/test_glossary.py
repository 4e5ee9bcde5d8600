"""Each glossary rule, with the exact message and position it gives."""

from __future__ import annotations

import textwrap

from guidekit.data.glossary import count_sentences, parse_glossary, slugify
from guidekit.source.text import SourceText

GOOD = """\
- term: Metastasis
  aliases: [mets]
  definition: The spread of cancer to a distant part of the body.
  see_also: [Stage 4]
- term: Stage 4
  definition: For many cancers, the stage that means it has spread far.
- term: CT scan
  abbreviation: CT
  definition: A scan that uses X-rays and a computer, e.g. to see a tumor.
"""


def parse(text: str):
    return parse_glossary(SourceText("glossary.yml", textwrap.dedent(text)))


def messages(text: str) -> list[str]:
    return [str(problem) for problem in parse(text)[1]]


def test_slugs() -> None:
    assert slugify("Stage 4") == "stage-4"
    assert slugify("CT scan") == "ct-scan"
    assert slugify("Non–small-cell lung cancer") == "non-small-cell-lung-cancer"
    assert slugify("Café au lait") == "cafe-au-lait"


def test_sentences_are_counted_without_abbreviations() -> None:
    assert count_sentences("One. Two! Three?") == 3
    assert count_sentences("Seen e.g. in bone. Or i.e. here.") == 2
    assert count_sentences("") == 0


def test_a_good_glossary() -> None:
    glossary, problems = parse(GOOD)
    assert problems == []
    assert list(glossary.terms) == ["metastasis", "stage-4", "ct-scan"]
    assert glossary.terms["ct-scan"].abbreviation == "CT"
    assert glossary.by_name("stage 4") is glossary.terms["stage-4"]


def test_duplicate_term_ignores_case() -> None:
    text = GOOD + "- term: metastasis\n  definition: Again.\n"
    assert messages(text) == [
        "glossary.yml:10:9: duplicate glossary term 'metastasis': already used as the term 'Metastasis' (line 1)"
    ]


def test_alias_equal_to_another_term() -> None:
    text = GOOD.replace("aliases: [mets]", "aliases: [mets, stage 4]")
    assert messages(text) == [
        "glossary.yml:5:9: duplicate glossary term 'Stage 4': already used as an alias of 'Metastasis' (line 2)"
    ]


def test_alias_used_twice() -> None:
    text = GOOD.replace("  definition: For many", "  aliases: [Mets]\n  definition: For many")
    assert messages(text) == [
        "glossary.yml:6:13: duplicate glossary alias 'Mets': already used as an alias of 'Metastasis' (line 2)"
    ]


def test_empty_definition() -> None:
    text = GOOD.replace("definition: For many cancers, the stage that means it has spread far.", 'definition: ""')
    assert messages(text) == [
        "glossary.yml:6:15: glossary entry field 'definition' is empty; write one to three plain sentences"
    ]


def test_missing_definition() -> None:
    text = GOOD.replace("  definition: For many cancers, the stage that means it has spread far.\n", "")
    assert messages(text) == [
        "glossary.yml:5:3: glossary entry 'Stage 4' is missing the required field 'definition'; "
        "write one to three plain sentences"
    ]


def test_too_many_sentences() -> None:
    text = GOOD.replace("For many cancers, the stage that means it has spread far.", "One. Two. Three. Four.")
    assert messages(text) == ["glossary.yml:6:15: the definition of 'Stage 4' has 4 sentences; keep it to one to three"]


def test_see_also_to_nothing() -> None:
    text = GOOD.replace("see_also: [Stage 4]", "see_also: [Stage four]")
    assert messages(text) == [
        "glossary.yml:4:14: 'see also' of 'Metastasis' names 'Stage four', which is not a glossary term; did you mean 'Stage 4'?"
    ]


def test_see_also_loop_is_allowed() -> None:
    text = GOOD.replace("  definition: For many cancers", "  see_also: [Metastasis]\n  definition: For many cancers")
    assert messages(text) == []


def test_unknown_field_suggests_the_closest() -> None:
    text = GOOD.replace("  see_also: [Stage 4]", "  see_also: [Stage 4]\n  defnition: typo")
    assert messages(text) == ["glossary.yml:5:3: unknown glossary entry field 'defnition'; did you mean 'definition'?"]


def test_entry_without_term() -> None:
    assert messages("- definition: Orphan.\n") == [
        "glossary.yml:1:3: glossary entry is missing the required field 'term'"
    ]


def test_wrong_shapes() -> None:
    assert messages("term: x\n") == [
        "glossary.yml:1:1: the glossary must be a list of entries, each starting with '- term:'"
    ]
    assert messages("- x\n") == ["glossary.yml:1:3: each glossary entry must be a mapping with 'term' and 'definition'"]
    assert messages("- term: A\n  definition: B.\n  aliases: [[nested]]\n") == [
        "glossary.yml:3:13: each item in glossary entry field 'aliases' must be non-empty text, not a list"
    ]


def test_unsupported_yaml_tag() -> None:
    assert messages("- term: !!python/name:os.system\n  definition: x\n") == [
        "glossary.yml:1:9: unsupported YAML tag 'tag:yaml.org,2002:python/name:os.system'; write plain text, numbers, lists or mappings",
        "glossary.yml:1:9: glossary entry field 'term' is empty; fill it in",
    ]


def test_duplicate_field_in_one_entry() -> None:
    assert messages("- term: A\n  definition: One.\n  definition: Two.\n") == [
        "glossary.yml:3:3: duplicate key 'definition' in the same entry"
    ]


def test_field_mistakes_are_worded_like_every_data_file() -> None:
    assert messages("- term: CT scan\n  abbreviation: [CT]\n  definition: A scan.\n") == [
        "glossary.yml:2:17: glossary entry field 'abbreviation' must be text, not a list"
    ]
    assert messages("- term: '???'\n  definition: Marks.\n") == [
        "glossary.yml:1:9: glossary entry field 'term' must be a name with at least one letter or digit, not '???'"
    ]
    # One alias may be written without brackets; an empty list of aliases is no mistake.
    glossary, problems = parse("- term: Metastasis\n  aliases: mets\n  see_also: []\n  definition: Spread.\n")
    assert problems == [] and glossary.terms["metastasis"].aliases == ("mets",)
