"""MkDocs hook: load the lightbox only on pages that have a figure.

mkdocs-glightbox adds its script and stylesheet (about 17 KiB with gzip) to every page unless the
page's meta says ``glightbox: false``; a page without images does not need them. Stateless: it
looks only at the page it is given. (Zensical has its own lightbox and ignores hooks.)
"""

from __future__ import annotations

import re

from mkdocs.structure.pages import Page

_IMAGE = re.compile(r"!\[[^\]]*\]\(")


def on_page_markdown(markdown: str, page: Page, **kwargs: object) -> str:
    if not _IMAGE.search(markdown):
        page.meta["glightbox"] = False
    return markdown
