"""The guide's figures: small, self-contained, described, and the survival chart never stale."""

from __future__ import annotations

import re
import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import GUIDE_TODAY, REPO, run
from guidekit.data.survival import parse_survival, table_lines
from guidekit.render.survival_chart import render_chart
from guidekit.source.text import SourceText

IMAGES = REPO / "docs" / "images"
SVG = "{http://www.w3.org/2000/svg}"
FIGURES = sorted(IMAGES.glob("*.svg"))


def test_there_are_at_least_seven_figures() -> None:
    assert len(FIGURES) >= 7


@pytest.mark.parametrize("figure", FIGURES, ids=lambda path: path.name)
def test_figure_is_small_described_and_self_contained(figure: Path) -> None:
    data = figure.read_bytes()
    assert len(data) < 40 * 1024
    root = ET.fromstring(data)
    assert root.get("width") and root.get("height") and root.get("viewBox")
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title") is not None and (root.find(f"{SVG}desc").text or "").strip()
    text = data.decode("utf-8")
    assert "<script" not in text and "foreignObject" not in text and "<image" not in text
    assert not re.search(r"(?:href|src)\s*=\s*[\"'](?!#)", text), "figures must not load anything"
    assert root.findall(f".//{SVG}text"), "text must be real text"


def test_survival_chart_is_current() -> None:
    result = run([sys.executable, "-m", "guidekit", "chart", "--check"], REPO, GUIDE_TODAY)
    assert result.returncode == 0, result.output


def test_a_stale_chart_is_caught(tmp_path: Path) -> None:
    guide = tmp_path / "guide"
    shutil.copytree(REPO / "docs", guide / "docs")
    shutil.copytree(REPO / "docs-es", guide / "docs-es")
    shutil.copy2(REPO / "mkdocs.yml", guide)
    shutil.copy2(REPO / "mkdocs.es.yml", guide)
    data = guide / "docs" / "data" / "survival.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("percent: 10\n", "percent: 11\n", 1), encoding="utf-8")
    stale = run([sys.executable, "-m", "guidekit", "chart", "--check"], guide)
    assert stale.returncode == 1 and "stale" in stale.output
    assert run([sys.executable, "-m", "guidekit", "chart"], guide).returncode == 0
    assert run([sys.executable, "-m", "guidekit", "chart", "--check"], guide).returncode == 0
    assert "11%" in (guide / "docs" / "images" / "survival-distant.svg").read_text(encoding="utf-8")
    # The Spanish chart is drawn from the same figures, with Spanish names.
    spanish = (guide / "docs-es" / "images" / "survival-distant.svg").read_text(encoding="utf-8")
    assert "11%" in spanish and "Colon y recto" in spanish and 'xml:lang="es"' in spanish


def test_a_missing_translation_config_is_named_not_a_traceback(tmp_path: Path) -> None:
    guide = tmp_path / "guide"
    shutil.copytree(REPO / "docs", guide / "docs")
    shutil.copy2(REPO / "mkdocs.yml", guide)
    result = run([sys.executable, "-m", "guidekit", "chart", "--check"], guide)
    assert result.returncode == 2 and "mkdocs.es.yml" in result.output and "Traceback" not in result.output


SAMPLE = """\
rows:
  - {cancer: B cancer, percent: 10, period: 2015–2021, place: United States, source: key-b}
  - {cancer: A & cancer, percent: 35.5, period: 2016-2016, place: England, source: key-a}
"""
PUBLISHERS = {"key-a": "Publisher A", "key-b": "Publisher B"}


def test_chart_and_table_come_from_the_same_rows() -> None:
    data, problems = parse_survival(SourceText("s.yml", SAMPLE))
    assert problems == [] and data is not None
    first, second = render_chart(data, PUBLISHERS), render_chart(data, PUBLISHERS)
    assert first == second, "the chart must be a pure function of its data"
    assert "A &amp; cancer" in first and "35.5%" in first and "10%" in first
    assert first.index("A &amp; cancer") < first.index("B cancer"), "highest survival first"
    assert "England, diagnosed 2016. Source: Publisher A" in first, "a single year is shown once"
    assert "United States, diagnosed 2015–2021. Source: Publisher B" in first
    assert "pattern" not in first, "there is no earlier period to stripe"
    assert table_lines(data) == [
        "| Where the cancer started | Alive 5 years later | Diagnosed in | Where | Source |",
        "| --- | ---: | --- | --- | --- |",
        "| A & cancer | 35.5% | 2016 | England | [@key-a] |",
        "| B cancer | 10% | 2015–2021 | United States | [@key-b] |",
    ]


def messages(text: str) -> list[str]:
    return [str(problem) for problem in parse_survival(SourceText("s.yml", text))[1]]


def test_survival_data_rules() -> None:
    assert messages(SAMPLE.replace("percent: 10,", "percent: 110,")) == [
        "s.yml:2:33: survival row field 'percent' must be a number from 0 to 100, not 110"
    ]
    assert messages(SAMPLE.replace("period: 2015–2021", "period: 2021–2015")) == [
        "s.yml:2:45: survival row field 'period' must be a range of years with the earlier year first, such as 2015–2021, not '2021–2015'"
    ]
    assert messages(SAMPLE.replace("A & cancer", "b  Cancer")) == [
        "s.yml:3:14: 'b Cancer' is listed twice (first on line 2); give each cancer one row"
    ]


def test_the_real_rows_each_carry_a_period_a_place_and_a_source() -> None:
    data, problems = parse_survival(SourceText("survival.yml", (REPO / "docs/data/survival.yml").read_text("utf-8")))
    assert problems == [] and data is not None and data.rows
    assert all(row.period and row.place and row.source for row in data.rows)
    assert len({row.cancer.casefold() for row in data.rows}) == len(data.rows)


SITE_WORDS = {
    "adrenal": "adrenal",
    "bone": "bone",
    "brain": "brain",
    "liver": "liver",
    "lung": "lung",
    "muscle": "muscle",
    "peritoneum": "peritoneum",
    "skin": "skin",
}


def spread_table() -> dict[str, set[str]]:
    """The 'where common cancers tend to spread' table of the spread chapter, as site tokens."""
    table: dict[str, set[str]] = {}
    for line in (REPO / "docs" / "spread.md").read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 2 or cells[0] in ("Cancer", "---"):
            continue
        cancer = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", cells[0]).split()[0].lower()
        table[cancer] = {token for word, token in SITE_WORDS.items() if word in cells[1].lower()}
    return table


def test_body_map_matches_the_spread_table() -> None:
    root = ET.fromstring((IMAGES / "where-cancers-spread.svg").read_bytes())
    panels = {
        g.get("data-cancer"): set((g.get("data-sites") or "").split())
        for g in root.iter(f"{SVG}g")
        if g.get("data-cancer")
    }
    assert len(panels) == 7
    table = spread_table()
    for cancer, sites in panels.items():
        assert sites == table[cancer], f"{cancer}: figure {sorted(sites)} but table {sorted(table[cancer])}"


def test_pages_give_each_figure_its_own_width_and_height() -> None:
    """A page reserves a figure's room from the width and height it writes beside it; they must be
    the SVG's own, or the figure is drawn squashed (the survival chart grows when its text wraps)."""
    pattern = re.compile(r'\]\(images/([^)\s]+\.svg)\)\{[^}]*?width="(\d+)" height="(\d+)"')
    sizes: dict[str, tuple[str, str]] = {}
    mismatches = []
    for page in sorted((REPO / "docs").glob("*.md")):
        for name, width, height in pattern.findall(page.read_text(encoding="utf-8")):
            root = ET.fromstring((IMAGES / name).read_bytes())
            sizes[name] = (root.get("width") or "", root.get("height") or "")
            if (width, height) != sizes[name]:
                mismatches.append(
                    f'docs/{page.name}: images/{name} is given width="{width}" height="{height}"; '
                    f'the figure is width="{sizes[name][0]}" height="{sizes[name][1]}"'
                )
    assert sorted(sizes) == [figure.name for figure in FIGURES], "every figure appears with its size"
    assert mismatches == []
