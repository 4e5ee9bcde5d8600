"""Survival data rules the corpus cannot show as well: positions inside a file that parses."""

from __future__ import annotations

from guidekit.data.survival import parse_survival, table_lines
from guidekit.source.text import SourceText

ROW = "  - {cancer: A cancer, percent: 35.5, period: PERIOD, place: England, source: key-a}\n"


def messages(text: str) -> list[str]:
    return [str(problem) for problem in parse_survival(SourceText("s.yml", text))[1]]


def rows(period: str) -> str:
    return "rows:\n" + ROW.replace("PERIOD", period)


def test_a_period_is_a_range_of_years_with_a_dash() -> None:
    for good in ("2015–2021", "2015-2021", "2015–2015"):
        data, problems = parse_survival(SourceText("s.yml", rows(good)))
        assert problems == [] and data is not None, good
    not_a_range = "s.yml:2:47: survival row field 'period' must be a range of years such as 2015–2021, not {}"
    assert messages(rows("2015 to 2021")) == [not_a_range.format("'2015 to 2021'")]
    assert messages(rows("'2015—2021'")) == [not_a_range.format("'2015—2021'")]
    assert messages(rows("2015")) == [not_a_range.format("2015")]
    assert messages(rows("'15–21'")) == [not_a_range.format("'15–21'")]
    assert messages(rows("[2015, 2021]")) == [not_a_range.format("a list")]
    assert messages(rows("2021–2015")) == [
        "s.yml:2:47: survival row field 'period' must be a range of years with the earlier year first, "
        "such as 2015–2021, not '2021–2015'"
    ]


def test_a_single_year_is_shown_once_and_hyphens_become_dashes() -> None:
    data, _ = parse_survival(SourceText("s.yml", rows("2015-2015")))
    assert data is not None and table_lines(data)[2] == "| A cancer | 35.5% | 2015 | England | [@key-a] |"
    data, _ = parse_survival(SourceText("s.yml", rows("2014-2020")))
    assert data is not None and table_lines(data)[2] == "| A cancer | 35.5% | 2014–2020 | England | [@key-a] |"


def test_the_earlier_period_is_gone_and_its_fields_are_pointed_at() -> None:
    text = rows("2015–2021").replace("source: key-a}", "source: key-a, earlier_percent: 17}")
    assert messages(text) == [
        "s.yml:2:89: unknown survival row field 'earlier_percent'; use cancer, percent, period, place or source"
    ]


def test_every_missing_field_is_named_in_one_run() -> None:
    assert messages("rows:\n  - {cancer: A cancer}\n") == [
        "s.yml:2:5: survival row 'A cancer' is missing the required field 'percent'; write a number from 0 to 100",
        "s.yml:2:5: survival row 'A cancer' is missing the required field 'period'; "
        "write a range of years such as 2015–2021",
        "s.yml:2:5: survival row 'A cancer' is missing the required field 'place'",
        "s.yml:2:5: survival row 'A cancer' is missing the required field 'source'; "
        "write the citation key of the source the figure was read in",
    ]


def test_rows_that_are_not_a_list_are_pointed_at() -> None:
    assert messages("rows: {cancer: A cancer}\n") == [
        "s.yml:1:7: survival data field 'rows' must be a list of rows, one for each cancer, not a mapping"
    ]
    assert messages("rows: []\n") == [
        "s.yml:1:7: survival data field 'rows' is empty; write a list of rows, one for each cancer"
    ]
    assert messages("release: SEER 22\n") == [
        "s.yml:1:1: survival data is missing the required field 'rows'; write a list of rows, one for each cancer"
    ]
    assert messages("rows:\n  - Breast, 32.6%\n") == [
        "s.yml:2:5: each survival row must be a mapping with 'cancer', 'percent', 'period', 'place' and 'source'"
    ]


def test_a_percent_is_a_number_from_0_to_100() -> None:
    row = "rows:\n  - {cancer: A cancer, percent: PERCENT, period: 2015–2021, place: England, source: key-a}\n"
    assert messages(row.replace("PERCENT", "100")) == []
    assert messages(row.replace("PERCENT", "100.5")) == [
        "s.yml:2:33: survival row field 'percent' must be a number from 0 to 100, not 100.5"
    ]
    assert messages(row.replace("PERCENT", "'32.6%'")) == [
        "s.yml:2:33: survival row field 'percent' must be a number from 0 to 100, not '32.6%'"
    ]
