"""What a builder without hooks tells an extension about the page and the build: Zensical's
rendering context.

Zensical gives every page's Markdown converter a ``rendering_context`` preprocessor that holds the
page (its path in docs_dir) and the build's settings; mkdocstrings reads it the same way. Read by
name and attribute, not imported, so the extension runs without Zensical installed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markdown import Markdown

CONTEXT_PROCESSOR = "rendering_context"


@dataclass(frozen=True)
class BuilderContext:
    """The page being converted and the build's settings, as the builder gives them."""

    page_path: str | None  # relative to docs_dir, with forward slashes
    root: Path | None  # the folder of the site's configuration file
    settings: dict[str, Any]
    strict: bool  # the site's `strict:` setting: warnings stop the build too

    def settings_for(self, extension: str) -> dict[str, Any] | None:
        """The builder's own settings mapping for one Markdown extension (the one it passes on)."""
        configs = self.settings.get("mdx_configs")
        if not isinstance(configs, dict):
            return None
        found = configs.setdefault(extension, {})
        return found if isinstance(found, dict) else None


def builder_context(md: Markdown) -> BuilderContext | None:
    """The rendering context of this conversion, None under a builder that gives none (MkDocs)."""
    if CONTEXT_PROCESSOR not in md.preprocessors:
        return None
    processor = md.preprocessors[CONTEXT_PROCESSOR]
    settings = getattr(processor, "config", None)
    if not isinstance(settings, dict):
        return None
    page = getattr(processor, "page", None)
    path = getattr(page, "path", None)
    root = settings.get("root_dir")
    return BuilderContext(
        page_path=Path(path).as_posix() if isinstance(path, str) and path else None,
        root=Path(root) if isinstance(root, str) and root else None,
        settings=settings,
        strict=settings.get("strict") is not False,
    )
