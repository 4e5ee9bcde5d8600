"""What one build learns once and every page reuses, owned by that build and dropped with it.

MkDocs makes a new Markdown converter, and so a new extension, for every page. Without a place to
keep what the first page learnt, every page would parse the data files and scan the whole guide
again. The MkDocs hook makes one ``BuildState`` per build (every ``mkdocs serve`` rebuild gets a
new one) and hands it to the checks and to every page's extension; ``make check`` makes one per
<<<<<<< HEAD
run. A builder without hooks (Zensical) gives none; its rendering context then keeps the one the
first page's extension made, for the rest of that build (``render.builder_context``).
=======
run. A builder without hooks (Zensical) gives none, so each extension keeps its own, and shares
it through Zensical's settings: that one lasts as long as the settings do, under ``zensical
serve`` for the life of the server (``lasting``).
>>>>>>> 5c951e87f842fb46e334f116cb8eabad1f8b20bc

Nothing here is module-level: two builds, or two tests, never see each other's state.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from guidekit.core.links import LinkTarget, resolve_in

if TYPE_CHECKING:
    from guidekit.data.pages import PageOutline

T = TypeVar("T")


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
    # True for a store that may outlive one build (the extension's own, which zensical serve keeps):
    # the checks then keep their answers (recall), so that an edit re-checks what it changed. A
    # store made for one build asks each question once, and keeping the answers would only hold memory
    lasting: bool = False
    # the checks' answers (rules.run), each kept under a name with everything it was worked out
    # from: a page's own checks, its citations and glossary links, its anchors, its links
    kept: dict[Any, tuple[Any, Any]] = field(default_factory=dict)
    # (a page's folder, an address written in it) -> where it leads: the checks ask twice about every
    # link (the glossary rule, the link rules) and the renderer once more (tooltips)
    links: dict[tuple[str, str], LinkTarget | None] = field(default_factory=dict)

    def recall(self, name: Any, inputs: Any, work_out: Callable[[], T]) -> T:
        """``work_out()``, unless the answer kept under ``name`` was worked out from equal ``inputs``
        (``work_out`` must read nothing else). One answer is kept per name, the latest, and only in
        a lasting store."""
        if not self.lasting:
            return work_out()
        found = self.kept.get(name)
        if found is not None and found[0] == inputs:
            return found[1]
        answer = work_out()
        self.kept[name] = (inputs, answer)
        return answer

    def resolve(self, page: str, address: str) -> LinkTarget | None:
        """``guidekit.core.links.resolve``, answered once per folder and address in this build."""
        key = (posixpath.dirname(page), address)
        if key not in self.links:
            self.links[key] = resolve_in(*key)
        return self.links[key]
