"""Draw the distant-stage survival bar chart as SVG, from the same data as the prognosis table.

The output is a pure function of the data file, so regenerating it gives the same bytes; a test
fails when the committed chart is stale. Text is real text; every bar has its value written
beside it, so nothing rests on color, and under it the place, the years of diagnosis and the
source of that row, since sources differ from row to row; the chart has its own light
background, for light and dark pages alike.

No text may run past the edge, whatever the data say: every line is wrapped to the width inside
the margins, measured with the advance widths of DejaVu Sans, the widest of the fonts the stack
commonly ends on (and the one the browser tests render with), and the drawing grows taller to
hold the extra lines. A browser test then measures every figure's text in Chromium.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from xml.sax.saxutils import escape

from guidekit.core.words import Words, words_for
from guidekit.data.survival import SurvivalData, SurvivalRow, format_percent

WIDTH = 480  # shown 360 px wide on a phone, 16 px text stays 12 px
LEFT = 20
MEASURE = WIDTH - 2 * LEFT  # the longest line: the same margin on the right as on the left
BOTTOM_MARGIN = 16  # below the last line's baseline, room for its descenders
BAR_WIDTH = 360  # 100%
BAR_HEIGHT = 16
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
INK = "#1a1a1a"
NOW = "#0072B2"  # Okabe-Ito blue: 5.3:1 against white
GRID = "#767676"


# DejaVu Sans advance widths in thousandths of an em, rounded up to the next 25, so estimates err
# long; a character not listed counts as the widest there is.
_ADVANCES = MappingProxyType(
    {
        "normal": {
            275: "'",
            300: "IJijl",
            325: " ,.’",
            350: "/:;\\|",
            375: "-f",
            400: "()[]t",
            425: "!r",
            475: '"',
            500: "*_`–",
            525: "sz“”",
            550: "?c",
            575: "FL",
            600: "kvxy",
            625: "PTYaeoé",
            650: "$0123456789ESbdghnpqu{}",
            675: "K",
            700: "ABCRVXZ",
            750: "NU",
            775: "DGH",
            800: "&OQ",
            825: "w",
            850: "#+<=>^~×",
            875: "M",
            950: "%",
            975: "m",
            1000: "@W—",
        },
        "bold": {
            325: "'",
            350: " ijl",
            375: "/IJ\\|",
            400: ",.:;’",
            425: "-",
            450: "f",
            475: "!()[]",
            500: "_`rt–",
            525: '"*',
            600: "?csz",
            650: "Lx",
            675: "akvy“”",
            700: "$0123456789EFTeoé",
            725: "SYZbdghnpqu{}",
            750: "CP",
            775: "ABKRVX",
            825: "GU",
            850: "#+<=>DHNOQ^~×",
            875: "&",
            925: "w",
            1000: "@M—",
            1025: "%",
            1050: "m",
            1125: "W",
        },
    }
)
_WIDTHS = MappingProxyType(
    {weight: {char: width for width, chars in table.items() for char in chars} for weight, table in _ADVANCES.items()}
)
_WIDEST = MappingProxyType({weight: max(table) for weight, table in _ADVANCES.items()})


def text_width(content: str, size: float, weight: str = "normal") -> float:
    """How wide ``content`` is drawn at ``size`` px, estimated on the long side."""
    widths, widest = _WIDTHS[weight], _WIDEST[weight]
    return sum(widths.get(char, widest) for char in content) * size / 1000


def wrap(content: str, size: float, weight: str = "normal", measure: float = MEASURE) -> list[str]:
    """``content`` broken at spaces into lines no wider than ``measure``; a word longer than a
    whole line is broken between characters."""
    lines: list[str] = []
    line = ""
    for word in content.split():
        candidate = f"{line} {word}" if line else word
        if text_width(candidate, size, weight) <= measure:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for char in word:
            if line and text_width(line + char, size, weight) > measure:
                lines.append(line)
                line = ""
            line += char
    if line:
        lines.append(line)
    return lines or [""]


def _text(x: float, y: float, content: str, *, size: int = 16, weight: str = "normal", anchor: str = "start") -> str:
    return (
        f'<text x="{x:g}" y="{y:g}" font-size="{size}" font-weight="{weight}" text-anchor="{anchor}">'
        f"{escape(content)}</text>"
    )


def _paragraph(
    x: float, y: float, content: str, *, size: int, leading: float, weight: str = "normal", measure: float = MEASURE
) -> tuple[list[str], float]:
    """``content`` wrapped onto lines ``leading`` apart, the first baseline at ``y``; and the last baseline."""
    lines = wrap(content, size, weight, measure)
    texts = [_text(x, y + leading * index, line, size=size, weight=weight) for index, line in enumerate(lines)]
    return texts, y + leading * (len(lines) - 1)


def _bar(top: float, percent: float) -> list[str]:
    length = max(2.0, BAR_WIDTH * percent / 100)
    return [
        f'<rect x="{LEFT}" y="{top:g}" width="{length:.1f}" height="{BAR_HEIGHT}" fill="{NOW}" '
        f'stroke="{NOW}" stroke-width="2"/>',
        _text(LEFT + length + 8, top + 14, format_percent(percent), size=15, weight="bold"),
    ]


def _about(row: SurvivalRow, publishers: Mapping[str, str], words: Words, places: Mapping[str, str]) -> str:
    """The line under a row's bar: where and when its people were diagnosed, and who said so."""
    return words.chart_about.format(
        place=places.get(row.place, row.place), years=row.years, publisher=publishers.get(row.source, row.source)
    )


def render_chart(
    data: SurvivalData,
    publishers: Mapping[str, str],
    words: Words | None = None,
    labels: Mapping[str, Mapping[str, str]] | None = None,
) -> str:
    """The chart's SVG document in ``words``' language; ``publishers`` names who published each row's
    source, by key; ``labels`` are a translation's names for the cancers and places."""
    words = words or words_for(None)
    cancers, places = (labels or {}).get("cancer", {}), (labels or {}).get("place", {})
    description = "; ".join(
        f"{cancers.get(row.cancer, row.cancer)}: {format_percent(row.percent)} "
        f"({_about(row, publishers, words, places)})"
        for row in data.rows
    )
    # Laid out from the top down, each line's baseline below the one before, so a line that wraps
    # pushes everything under it down and the drawing grows to fit.
    body, baseline = _paragraph(LEFT, 34, words.chart_heading, size=17, leading=22, weight="bold")
    texts, baseline = _paragraph(LEFT, baseline + 24, words.chart_alive, size=16, leading=22)
    body += texts
    texts, baseline = _paragraph(LEFT, baseline + 22, words.chart_compared, size=16, leading=22)
    body += texts
    texts, baseline = _paragraph(LEFT, baseline + 22, words.chart_own_source, size=15, leading=20, weight="bold")
    body += texts
    top_of_rows = baseline + 40
    rows: list[str] = []
    top = top_of_rows
    for row in data.rows:
        texts, baseline = _paragraph(
            LEFT, top + 14, cancers.get(row.cancer, row.cancer), size=16, leading=20, weight="bold"
        )
        rows += texts
        bar_top = baseline + 8
        rows += _bar(bar_top, row.percent)
        texts, baseline = _paragraph(
            LEFT, bar_top + BAR_HEIGHT + 18, _about(row, publishers, words, places), size=14, leading=18
        )
        rows += texts
        top = baseline + 14
    bottom = top
    for fraction in (0, 25, 50, 75, 100):
        x = LEFT + BAR_WIDTH * fraction / 100
        body.append(
            f'<line x1="{x:g}" y1="{top_of_rows - 12:g}" x2="{x:g}" y2="{bottom - 8:g}" '
            f'stroke="{GRID}" stroke-width="1" stroke-dasharray="3 4"/>'
        )
        body.append(_text(x, top_of_rows - 16, f"{fraction}%", size=14, anchor="middle"))
    body += rows
    texts, baseline = _paragraph(LEFT, bottom + 24, words.chart_averages, size=14, leading=18)
    body += texts
    texts, baseline = _paragraph(LEFT, baseline + 18, words.chart_one_person, size=14, leading=18)
    body += texts
    height = baseline + BOTTOM_MARGIN
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height:g}" '
        f'viewBox="0 0 {WIDTH} {height:g}" role="img" aria-labelledby="title desc"'
        + ("" if words.language == "en" else f' xml:lang="{words.language}"')
        + ">",
        f'<title id="title">{escape(words.chart_title)}</title>',
        f'<desc id="desc">{escape(words.chart_description)} {escape(description)}.</desc>',
        f'<rect width="{WIDTH}" height="{height:g}" rx="12" fill="#ffffff"/>',
        f'<g font-family="{FONT}" fill="{INK}">',
        *body,
        "</g>",
        "</svg>",
    ]
    return "\n".join(parts) + "\n"
