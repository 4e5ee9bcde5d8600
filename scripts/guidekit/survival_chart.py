"""Draw the distant-stage survival bar chart as SVG, from the same data as the prognosis table.

The output is a pure function of the data file, so regenerating it gives the same bytes; a test
fails when the committed chart is stale. Text is real text; values are written beside each bar
so nothing depends on color; the chart has its own light background for light and dark pages.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from .survival import SurvivalData, format_percent

WIDTH = 480  # shown 360 px wide on a phone, 16 px text stays 12 px
LEFT = 20
BAR_WIDTH = 360  # 100%
ROW_HEIGHT = 52
TOP = 112
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
INK = "#1a1a1a"
BAR = "#0072B2"  # Okabe-Ito blue: 5.3:1 against white
GRID = "#767676"


def _text(x: float, y: float, content: str, *, size: int = 16, weight: str = "normal", anchor: str = "start") -> str:
    return (
        f'<text x="{x:g}" y="{y:g}" font-size="{size}" font-weight="{weight}" text-anchor="{anchor}">'
        f"{escape(content)}</text>"
    )


def render_chart(data: SurvivalData, source_names: str) -> str:
    """The chart's SVG document."""
    height = TOP + ROW_HEIGHT * len(data.rows) + 84
    description = "; ".join(f"{row.cancer}: {format_percent(row.percent)}" for row in data.rows)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="title desc">',
        '<title id="title">Distant-stage 5-year relative survival by cancer type</title>',
        f'<desc id="desc">Bar chart. Out of 100 people whose cancer had spread to distant parts of the body, '
        f"how many were alive 5 years later, compared with people without cancer. People diagnosed "
        f"{escape(data.period)}. {escape(description)}. Source: {escape(source_names)}, {escape(data.release)}.</desc>",
        f'<rect width="{WIDTH}" height="{height}" rx="12" fill="#ffffff"/>',
        f'<g font-family="{FONT}" fill="{INK}">',
        _text(LEFT, 34, "When cancer has spread far (distant stage):", size=18, weight="bold"),
        _text(LEFT, 58, "alive 5 years after diagnosis, compared with", size=16),
        _text(LEFT, 80, f"people without cancer. Diagnosed {data.period}.", size=16),
    ]
    for fraction in (0, 25, 50, 75, 100):
        x = LEFT + BAR_WIDTH * fraction / 100
        parts.append(
            f'<line x1="{x:g}" y1="{TOP - 14}" x2="{x:g}" y2="{TOP + ROW_HEIGHT * len(data.rows) - 8}" '
            f'stroke="{GRID}" stroke-width="1" stroke-dasharray="3 4"/>'
        )
        parts.append(_text(x, TOP - 18, f"{fraction}%", size=14, anchor="middle"))
    for index, row in enumerate(data.rows):
        top = TOP + ROW_HEIGHT * index
        length = max(2.0, BAR_WIDTH * row.percent / 100)
        parts.append(_text(LEFT, top + 14, row.cancer))
        parts.append(f'<rect x="{LEFT}" y="{top + 20}" width="{length:.1f}" height="18" fill="{BAR}"/>')
        parts.append(_text(LEFT + length + 6, top + 35, format_percent(row.percent), weight="bold"))
    bottom = TOP + ROW_HEIGHT * len(data.rows)
    parts.append(_text(LEFT, bottom + 30, f"Source: {source_names},", size=14))
    parts.append(_text(LEFT, bottom + 50, f"{data.release}.", size=14))
    parts.append(_text(LEFT, bottom + 70, "Averages for large groups; they cannot predict one person.", size=14))
    parts += ["</g>", "</svg>"]
    return "\n".join(parts) + "\n"
