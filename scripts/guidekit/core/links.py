"""The one link resolver: what a link written in one file points to, among the files beside it.

The link rules, the glossary-link rule, the extension's glossary tooltips, the printed book and
the built-site link check all ask the same question ("which file and which anchor does this
address name, seen from this page?"); they all answer it here, so none can call a link good that
another calls broken.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import SplitResult, unquote, urlsplit


@dataclass(frozen=True)
class LinkTarget:
    """Where a relative address leads from ``page``: a path relative to the same root, and an anchor.

    ``path`` is decoded and normalised: "" when the address names only an anchor (this page), "."
    for the root folder itself;
    ``fragment`` is decoded; ``leaves_root`` is true for "../" beyond the root.
    """

    written: str
    path: str
    fragment: str
    leaves_root: bool
    names_folder: bool  # written with a trailing slash ("about/")

    @property
    def same_page(self) -> bool:
        return not self.path


def split(address: str) -> SplitResult | None:
    """The parts of an address, or None when it cannot be a URL at all (e.g. an unclosed '[')."""
    try:
        return urlsplit(address)
    except ValueError:
        return None


def is_external(address: str) -> bool:
    """Whether an address leaves the site: a scheme (https:, mailto:, javascript: …) or '//host'."""
    parts = split(address.strip())
    return parts is None or bool(parts.scheme) or bool(parts.netloc) or address.strip().startswith("//")


def resolve(page: str, address: str) -> LinkTarget | None:
    """What ``address``, written in ``page`` (a root-relative path with forward slashes), points to.

    None for an external address (it names no file here) and for one that is not a URL at all.
    A path starting with "/" is kept as written (decoded): whether that is allowed is the caller's
    rule (docs links refuse it; a built site resolves it against its base path).
    """
    return resolve_in(posixpath.dirname(page), address)


def resolve_in(folder: str, address: str) -> LinkTarget | None:
    """``resolve`` for a page in ``folder`` ("" for the root): the answer depends on nothing else."""
    parts = split(address.strip())
    if parts is None or parts.scheme or parts.netloc or address.strip().startswith("//"):
        return None
    path, fragment = unquote(parts.path), unquote(parts.fragment)
    if not path:
        return LinkTarget(address, "", fragment, leaves_root=False, names_folder=False)
    if path.startswith("/"):
        return LinkTarget(address, path, fragment, leaves_root=False, names_folder=path.endswith("/"))
    joined = posixpath.normpath(posixpath.join(folder, path))
    leaves = joined == ".." or joined.startswith("../")
    # "./" or "sub/.." lands on the root folder itself: ".", never "" (which means this page).
    return LinkTarget(address, joined, fragment, leaves, path.endswith("/") or joined == ".")
