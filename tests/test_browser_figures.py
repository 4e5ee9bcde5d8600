"""Figures open full-screen in the lightbox with keyboard and close with Escape, and no figure's
text runs past the edge of its drawing, as Chromium lays the text out."""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from selectolax.lexbor import LexborHTMLParser

from conftest import REPO
from guidekit.data.survival import parse_survival
from guidekit.render.survival_chart import render_chart
from guidekit.source.text import SourceText

pytestmark = pytest.mark.slow

FIGURES = sorted((REPO / "docs" / "images").glob("*.svg"))

# Every <text> and <tspan> box, in the root <svg>'s own units (its viewBox, which transforms and a
# width other than the viewBox's cannot change), against the drawing area: the viewBox, or
# 0 0 width height when there is none.
TEXT_BOXES = """() => {
  const root = document.documentElement;
  const box = root.viewBox.baseVal;
  const area = root.hasAttribute('viewBox')
    ? {left: box.x, top: box.y, right: box.x + box.width, bottom: box.y + box.height}
    : {left: 0, top: 0, right: root.width.baseVal.value, bottom: root.height.baseVal.value};
  const toRoot = root.getScreenCTM().inverse();
  const texts = [];
  for (const element of root.querySelectorAll('text, tspan')) {
    const text = element.textContent.replace(/\\s+/g, ' ').trim();
    if (!text) continue;
    const own = element.getBBox();
    const matrix = toRoot.multiply(element.getScreenCTM());
    const corners = [[own.x, own.y], [own.x + own.width, own.y],
                     [own.x, own.y + own.height], [own.x + own.width, own.y + own.height]]
      .map(([x, y]) => new DOMPoint(x, y).matrixTransform(matrix));
    const xs = corners.map((point) => point.x);
    const ys = corners.map((point) => point.y);
    texts.push({tag: element.localName, text,
                left: Math.min(...xs), top: Math.min(...ys), right: Math.max(...xs), bottom: Math.max(...ys)});
  }
  return {area, texts};
}"""


def text_outside_the_drawing(page, figure: Path) -> list[str]:
    """One line per <text> or <tspan> of ``figure`` whose box is not wholly inside the drawing area."""
    page.goto(figure.resolve().as_uri())
    measured = page.evaluate(TEXT_BOXES)
    area = measured["area"]
    problems = []
    for box in measured["texts"]:
        edges = [
            edge
            for edge, outside in (
                ("left", box["left"] < area["left"]),
                ("top", box["top"] < area["top"]),
                ("right", box["right"] > area["right"]),
                ("bottom", box["bottom"] > area["bottom"]),
            )
            if outside
        ]
        if edges:
            problems.append(
                f"{figure.name}: <{box['tag']}> {box['text']!r} runs past the {' and '.join(edges)} edge: "
                f"its box is x {box['left']:.1f} to {box['right']:.1f}, y {box['top']:.1f} to {box['bottom']:.1f}; "
                f"the drawing is x {area['left']:g} to {area['right']:g}, y {area['top']:g} to {area['bottom']:g}"
            )
    return problems


@pytest.mark.parametrize("figure", FIGURES, ids=lambda path: path.name)
def test_no_text_runs_past_the_edge_of_its_figure(page, figure: Path) -> None:
    problems = text_outside_the_drawing(page, figure)
    assert not problems, "\n".join(problems)


PLANTED = """\
<svg xmlns="http://www.w3.org/2000/svg" width="240" height="100" viewBox="0 0 480 200">
<g font-family="sans-serif" font-size="16">
<text x="20" y="30">Fits well inside</text>
<text x="300" y="60">Runs past the right-hand edge</text>
<text x="20" y="199">Sits on the bottom edge</text>
<text x="20" y="100" text-anchor="end">Starts left of the drawing</text>
<g transform="translate(400 0)"><text x="20" y="150">Moved by its group</text></g>
<text x="20" y="120">Inside, <tspan x="440" dy="40">then a tspan outside</tspan></text>
</g>
</svg>
"""


def test_text_past_the_edge_of_a_planted_figure_is_caught(page, tmp_path: Path) -> None:
    figure = tmp_path / "planted.svg"
    figure.write_text(PLANTED, encoding="utf-8")
    problems = text_outside_the_drawing(page, figure)
    assert all(problem.startswith("planted.svg: <") for problem in problems), problems
    caught = [problem.split(": ", 1)[1].split(" runs past the ")[0] for problem in problems]
    assert caught == [
        "<text> 'Runs past the right-hand edge'",
        "<text> 'Sits on the bottom edge'",
        "<text> 'Starts left of the drawing'",
        "<text> 'Moved by its group'",
        "<text> 'Inside, then a tspan outside'",
        "<tspan> 'then a tspan outside'",
    ], problems
    assert "'Starts left of the drawing' runs past the left edge" in "\n".join(problems)
    assert "'Sits on the bottom edge' runs past the bottom edge" in "\n".join(problems)


def test_a_figure_opens_in_the_lightbox_and_escape_closes_it(page, site_url: str) -> None:
    page.goto(site_url + "prognosis/")
    link = page.locator("figure a.glightbox").first
    link.scroll_into_view_if_needed()
    link.focus()
    page.keyboard.press("Enter")
    slide = page.locator(".glightbox-container .gslide.current img")
    slide.wait_for(state="visible", timeout=5000)
    assert slide.get_attribute("src").endswith("survival-distant.svg")
    page.keyboard.press("Escape")
    page.locator(".glightbox-container").wait_for(state="detached", timeout=5000)
    assert page.evaluate("document.activeElement.classList.contains('glightbox')"), "focus must return to the figure"


def test_a_figure_opens_in_the_lightbox_on_a_click_and_its_button_closes_it(page, site_url: str) -> None:
    page.goto(site_url + "spread/")
    page.locator("figure a.glightbox").first.click()
    slide = page.locator(".glightbox-container .gslide.current img")
    slide.wait_for(state="visible", timeout=5000)
    assert page.url == site_url + "spread/", "the click must open the lightbox, not the picture's own address"
    page.locator(".glightbox-container .gclose").click()
    page.locator(".glightbox-container").wait_for(state="detached", timeout=5000)


def lightbox_files(page: Path) -> tuple[list[str], list[str]]:
    """The GLightbox scripts and stylesheets a built page loads, as written in it."""
    tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
    scripts = [node.attributes.get("src") or "" for node in tree.css("script[src]")]
    sheets = [node.attributes.get("href") or "" for node in tree.css('link[rel="stylesheet"]')]
    return (
        [src for src in scripts if posixpath.basename(urlsplit(src).path).startswith("glightbox.")],
        [href for href in sheets if posixpath.basename(urlsplit(href).path).startswith("glightbox.")],
    )


def test_the_lightbox_is_loaded_once_from_the_site_and_only_with_a_figure(built_guide: Path, engine: str) -> None:
    """MkDocs' glightbox plugin adds its copy to pages with an image; under Zensical the template adds
    the vendored one (overrides/vendor/glightbox), with its licence beside it in the built site."""
    problems: list[str] = []
    figure_pages = 0
    lightboxed: list[str] = []
    for page in sorted(built_guide.rglob("*.html")):
        name = page.relative_to(built_guide).as_posix()
        has_figure = LexborHTMLParser(page.read_text(encoding="utf-8")).css_first("a.glightbox") is not None
        figure_pages += has_figure
        lightboxed += [name] if has_figure else []
        scripts, sheets = lightbox_files(page)
        if (len(scripts), len(sheets)) != (int(has_figure), int(has_figure)):
            problems.append(f"{name}: figure {has_figure}, GLightbox scripts {scripts}, stylesheets {sheets}")
        for address in scripts + sheets:
            if urlsplit(address).netloc or not (page.parent / urlsplit(address).path).is_file():
                problems.append(f"{name}: {address} is not a file of the site")
            elif engine == "zensical" and not (page.parent / urlsplit(address).path).with_name("LICENSE").is_file():
                problems.append(f"{name}: no LICENSE beside {address}")
    assert figure_pages >= 5
    assert any(page.startswith("es/") for page in lightboxed), "the Spanish pages' figures are checked too"
    assert problems == []


def test_every_figure_has_alt_text_size_caption_and_lazy_loading(page, site_url: str) -> None:
    chapters = ("spread/", "staging/", "treatment/", "palliative-care/", "prognosis/")
    for chapter in (*chapters, *(f"es/{chapter}" for chapter in chapters)):  # the Spanish edition's too
        page.goto(site_url + chapter)
        figures = page.locator("article figure")
        assert figures.count() >= 1, chapter
        for index in range(figures.count()):
            image = figures.nth(index).locator("img")
            assert len(image.get_attribute("alt") or "") > 40, chapter
            assert image.get_attribute("width") and image.get_attribute("height"), chapter
            assert image.get_attribute("loading") == "lazy", chapter
            assert figures.nth(index).locator("figcaption").inner_text().strip(), chapter


SHORT_TEXT = """\
rows:
  - {cancer: Melanoma, percent: 100, period: 2015–2021, place: United States, source: a}
  - {cancer: Lung, percent: 99.9, period: 2016–2020, place: England, source: b}
"""
# Every string the data give made longer than a line: a cancer, a place (with a web address, one
# word longer than a line), and who published each row's source.
LONG_TEXT = SHORT_TEXT.replace(
    "Melanoma", "'Melanoma of the skin, and other long names that a contributor might give'"
).replace("England", "'England, https://example.org/a-web-address-that-is-longer-than-a-whole-line-of-the-chart'")
SHORT_PUBLISHERS = {"a": "Someone", "b": "Someone else"}
LONG_PUBLISHERS = {
    "a": "The National Cancer Institute, and a second publisher with a name as long as a line",
    "b": "A charity whose name, written out in full, is longer than one line of the chart",
}


def chart(tmp_path: Path, text: str, publishers: dict[str, str]) -> Path:
    data, problems = parse_survival(SourceText("survival.yml", text))
    assert problems == [] and data is not None
    figure = tmp_path / f"chart-{len(text)}.svg"
    figure.write_text(render_chart(data, publishers), encoding="utf-8")
    return figure


def test_the_survival_chart_wraps_long_text_inside_its_drawing(page, tmp_path: Path) -> None:
    short = chart(tmp_path, SHORT_TEXT, SHORT_PUBLISHERS)
    long = chart(tmp_path, LONG_TEXT, LONG_PUBLISHERS)
    assert text_outside_the_drawing(page, short) == []
    assert text_outside_the_drawing(page, long) == []
    short_height, long_height = (float(ET.parse(f).getroot().get("viewBox").split()[3]) for f in (short, long))
    assert long_height > short_height, "the extra lines must make the drawing taller"
