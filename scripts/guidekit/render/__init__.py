"""Turning pages into HTML: the Markdown extension, its HTML builders, the allow-list walk, the chart."""
