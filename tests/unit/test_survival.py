"""Survival data rules the corpus cannot show as well: positions inside a file that parses."""

from __future__ import annotations

from guidekit.sourcefile import SourceText
from guidekit.survival import parse_survival, table_lines

ROWS = "rows:\n  - {cancer: A cancer, percent: 35.5, earlier_percent: 17, source: key-a}\n"


def messages(text: str) -> list[str]:
    return [str(problem) for problem in parse_survival(SourceText("s.yml", text))[1]]


def test_earlier_period_must_be_text_since_it_heads_a_column() -> None:
    assert messages(f"period: 2015–2021\nearlier_period: [1995, 1996]\nrelease: R\n{ROWS}") == [
        "s.yml:2:17: survival data needs text in 'earlier_period'"
    ]
    assert messages(f"period: 2015–2021\nearlier_period:\nrelease: R\n{ROWS}") == [
        "s.yml:2:16: survival data needs text in 'earlier_period'"
    ]
    data, problems = parse_survival(
        SourceText("s.yml", f"period: 2015–2021\nearlier_period: Mid-1990s\nrelease: R\n{ROWS}")
    )
    assert problems == [] and data is not None
    assert table_lines(data)[0] == "| Where the cancer started | Mid-1990s | 2015–2021 |"


def test_rows_that_are_not_a_list_are_pointed_at() -> None:
    assert messages("period: P\nrelease: R\nrows: {cancer: A cancer}\n") == [
        "s.yml:3:7: survival data needs a list of 'rows'"
    ]
    assert messages("period: P\nrelease: R\nrows: []\n") == ["s.yml:3:7: survival data needs a list of 'rows'"]
