"""What one build learns once and every page reuses, owned by that build and dropped with it.

MkDocs makes a new Markdown converter, and so a new extension, for every page. Without a place to
keep what the first page learnt, every page would parse the data files and scan the whole guide
again. The MkDocs hook makes one ``BuildState`` per build (every ``mkdocs serve`` rebuild gets a
new one) and hands it to the checks and to every page's extension; ``make check`` makes one per
run. A builder without hooks (Zensical) gives none; its rendering context then keeps the one the
first page's extension made, for the rest of that build (``render.builder_context``).

Nothing here is module-level: two builds, or two tests, never see each other's state.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

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
