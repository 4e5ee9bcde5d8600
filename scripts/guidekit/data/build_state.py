"""What one build learns once and every page reuses, owned by that build and dropped with it.

MkDocs makes a new Markdown converter, and so a new extension, for every page. Without a place to
keep what the first page learnt, every page would parse the data files and scan the whole guide
again. The MkDocs hook makes one ``BuildState`` per build (every ``mkdocs serve`` rebuild gets a
new one) and hands it to the checks and to every page's extension; ``make check`` makes one per
run. A builder without hooks (Zensical) gives none, so each extension keeps its own.

Nothing here is module-level: two builds, or two tests, never see each other's state.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from guidekit.core.links import LinkTarget, resolve_in

if TYPE_CHECKING:
    from guidekit.data.pages import PageOutline


@dataclass
class BuildState:
    """Parsed data files (keyed by their bytes) and page outlines (keyed by the page's text)."""

    # (the files' bytes and the day they are judged on) -> (GuideData, {file: the name it was parsed under})
    parsed: dict[tuple[Any, ...], tuple[Any, dict[str, str]]] = field(default_factory=dict)
    # digest of a page's (expanded) text -> its outline: the checks fill it, the References page reads it
    outlines: dict[bytes, PageOutline] = field(default_factory=dict)
    # digest of a page's body as a builder converts it (front matter removed) -> its docs path
    bodies: dict[bytes, str] = field(default_factory=dict)
    # the sources' fingerprint (paths, change times, sizes) -> the problems the checks found then;
    # filled by a builder without hooks, whose extension checks the guide before the first page
    checked: dict[tuple[Any, ...], list[Any]] = field(default_factory=dict)
    # a page's file -> its checks on its own (rules.run), kept with what they read: under a builder
    # whose store outlives a build (zensical serve), an unchanged page is not checked again
    pages: dict[Any, Any] = field(default_factory=dict)
    # (a page's folder, an address written in it) -> where it leads: the checks ask twice about every
    # link (the glossary rule, the link rules) and the renderer once more (tooltips)
    links: dict[tuple[str, str], LinkTarget | None] = field(default_factory=dict)

    def resolve(self, page: str, address: str) -> LinkTarget | None:
        """``guidekit.core.links.resolve``, answered once per folder and address in this build."""
        key = (posixpath.dirname(page), address)
        if key not in self.links:
            self.links[key] = resolve_in(*key)
        return self.links[key]
