"""YAML aliases are refused where each one is written, not where its anchor is."""

from __future__ import annotations

from guidekit.source.text import SourceText
from guidekit.source.yaml_positions import parse_yaml

ALIAS = "YAML aliases (*name) are not allowed here; write the value out in full"


def messages(text: str, first_line: int = 1) -> list[str]:
    return [str(problem) for problem in parse_yaml(SourceText("f.yml", text), first_line=first_line)[1]]


def test_each_alias_is_reported_at_its_own_place() -> None:
    text = "a: &shared [1, 2]\nb: *shared\nc:\n  - *shared\n  - [*shared]\n"
    assert messages(text) == [f"f.yml:2:4: {ALIAS}", f"f.yml:4:5: {ALIAS}", f"f.yml:5:6: {ALIAS}"]
    located, _ = parse_yaml(SourceText("f.yml", text))
    assert located is not None and located.plain() == {"a": [1, 2], "b": None, "c": [None, [None]]}


def test_aliases_in_front_matter_count_lines_from_the_page() -> None:
    assert messages("title: &t Home\ndescription: *t\n", first_line=2) == [f"f.yml:3:14: {ALIAS}"]


def test_an_anchor_alone_is_allowed() -> None:
    assert messages("a: &unused [1, 2]\n") == []
