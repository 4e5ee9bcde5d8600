"""Draw the distant-stage survival bar chart as SVG, from the same data as the prognosis table.

The output is a pure function of the data file, so regenerating it gives the same bytes; a test
fails when the committed chart is stale. Text is real text; every bar has its value written
beside it and the two periods differ in pattern as well as color, so nothing rests on color
alone; the chart has its own light background, for light and dark pages alike.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from .survival import SurvivalData, format_percent

WIDTH = 480  # shown 360 px wide on a phone, 16 px text stays 12 px
LEFT = 20
BAR_WIDTH = 360  # 100%
BAR_HEIGHT = 16
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
INK = "#1a1a1a"
NOW = "#0072B2"  # Okabe-Ito blue: 5.3:1 against white
BEFORE = "#B35E00"  # a darker Okabe-Ito orange, so its outline keeps 3:1 against white
GRID = "#767676"


def _text(x: float, y: float, content: str, *, size: int = 16, weight: str = "normal", anchor: str = "start") -> str:
    return (
        f'<text x="{x:g}" y="{y:g}" font-size="{size}" font-weight="{weight}" text-anchor="{anchor}">'
        f"{escape(content)}</text>"
    )


def _bar(top: float, percent: float, *, earlier: bool) -> list[str]:
    length = max(2.0, BAR_WIDTH * percent / 100)
    fill = "url(#earlier)" if earlier else NOW
    stroke = BEFORE if earlier else NOW
    return [
        f'<rect x="{LEFT}" y="{top:g}" width="{length:.1f}" height="{BAR_HEIGHT}" fill="{fill}" '
        f'stroke="{stroke}" stroke-width="2"/>',
        _text(LEFT + length + 8, top + 14, format_percent(percent), size=15, weight="normal" if earlier else "bold"),
    ]


def render_chart(data: SurvivalData, reported_by: str) -> str:
    """The chart's SVG document; ``reported_by`` names who published the figures that were read."""
    two = data.earlier_period is not None
    row_height = 72 if two else 52
    top_of_rows = 150 if two else 112
    height = top_of_rows + row_height * len(data.rows) + 92
    description = "; ".join(
        f"{row.cancer}: {format_percent(row.percent)}"
        + (f" ({data.earlier_period}: {format_percent(row.earlier)})" if two and row.earlier is not None else "")
        for row in data.rows
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="title desc">',
        '<title id="title">Distant-stage 5-year relative survival by cancer type</title>',
        '<desc id="desc">Bar chart. Out of 100 people whose cancer had spread to distant parts of the body when '
        "it was found, how many were alive 5 years later, compared with people without cancer. People diagnosed "
        f"{escape(data.period)}. {escape(description)}. Source: {escape(data.release)}, "
        f"as reported by {escape(reported_by)}.</desc>",
        '<defs><pattern id="earlier" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="#ffffff"/><rect width="3" height="6" fill="{BEFORE}"/></pattern></defs>',
        f'<rect width="{WIDTH}" height="{height}" rx="12" fill="#ffffff"/>',
        f'<g font-family="{FONT}" fill="{INK}">',
        _text(LEFT, 34, "When cancer had spread far (distant stage):", size=18, weight="bold"),
        _text(LEFT, 58, "alive 5 years after diagnosis, compared", size=16),
        _text(LEFT, 80, "with people without cancer", size=16),
    ]
    if two:
        parts += [
            f'<rect x="{LEFT}" y="96" width="28" height="{BAR_HEIGHT}" fill="{NOW}" stroke="{NOW}" stroke-width="2"/>',
            _text(LEFT + 36, 110, f"Diagnosed {data.period}", size=15, weight="bold"),
            f'<rect x="{LEFT + 232}" y="96" width="28" height="{BAR_HEIGHT}" fill="url(#earlier)" '
            f'stroke="{BEFORE}" stroke-width="2"/>',
            _text(LEFT + 268, 110, f"{data.earlier_period} (striped)", size=15),
        ]
    else:
        parts.append(_text(LEFT, 102, f"People diagnosed {data.period}", size=15, weight="bold"))
    bottom = top_of_rows + row_height * len(data.rows)
    for fraction in (0, 25, 50, 75, 100):
        x = LEFT + BAR_WIDTH * fraction / 100
        parts.append(
            f'<line x1="{x:g}" y1="{top_of_rows - 12}" x2="{x:g}" y2="{bottom - 8}" '
            f'stroke="{GRID}" stroke-width="1" stroke-dasharray="3 4"/>'
        )
        parts.append(_text(x, top_of_rows - 16, f"{fraction}%", size=14, anchor="middle"))
    for index, row in enumerate(data.rows):
        top = top_of_rows + row_height * index
        parts.append(_text(LEFT, top + 14, row.cancer, weight="bold"))
        parts += _bar(top + 22, row.percent, earlier=False)
        if two and row.earlier is not None:
            parts += _bar(top + 22 + BAR_HEIGHT + 6, row.earlier, earlier=True)
    parts.append(_text(LEFT, bottom + 24, f"Source: {data.release},", size=14))
    parts.append(_text(LEFT, bottom + 44, f"as reported by {reported_by}.", size=14))
    parts.append(_text(LEFT, bottom + 70, "Averages for large groups of people;", size=14))
    parts.append(_text(LEFT, bottom + 88, "they cannot say what will happen to one person.", size=14))
    parts += ["</g>", "</svg>"]
    return "\n".join(parts) + "\n"
