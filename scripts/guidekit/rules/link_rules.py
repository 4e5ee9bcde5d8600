"""Links between pages: every relative link names a file that exists and an anchor it has.

MkDocs validates links too, but names neither line nor column; these rules do, and run before the
build so a broken link never reaches a reader.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from guidekit.core.problems import Problem
from guidekit.core.suggest import did_you_mean
from guidekit.data.pages import ScannedPage


@dataclass(frozen=True)
class LinkContext:
    """What links are judged against: the files in docs_dir and each page's anchors."""

    files: frozenset[str]  # every file under docs_dir, relative, forward slashes
    folders: frozenset[str]
    anchors: dict[str, set[str]]  # page -> its ids once built
    site_url: str | None
    glossary_page: str


def _own_site(url: str, site_url: str | None) -> bool:
    if not site_url:
        return False
    own, other = urlsplit(site_url), urlsplit(url)
    return other.netloc.lower() == own.netloc.lower() and other.path.startswith(own.path.rstrip("/"))


def _anchor_problem(page: ScannedPage, target_page: str, fragment: str, context: LinkContext) -> str | None:
    anchors = context.anchors.get(target_page, set())
    if fragment in anchors:
        return None
    where = "this page" if target_page == page.docs_path else f"'{target_page}'"
    return f"no anchor '#{fragment}' in {where}" + did_you_mean(fragment, anchors, "did you mean '#{}'?")


def check_link(page: ScannedPage, target: str, is_image: bool, context: LinkContext) -> str | None:
    """What is wrong with one link or image target, or None."""
    parts = urlsplit(target)
    if parts.scheme in ("http", "https"):
        if _own_site(target, context.site_url):
            return f"link to this site written as an address ('{target}'); link to the page's .md file instead"
        return None
    if parts.scheme or target.startswith("//"):
        return None  # mailto:, tel: …; unsafe schemes are refused by the page rules
    path, fragment = unquote(parts.path), unquote(parts.fragment)
    if path.startswith("/"):
        return f"absolute path '{target}' breaks in offline copies; use a relative link such as about.md"
    if not path:
        return _anchor_problem(page, page.docs_path, fragment, context) if fragment else None
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page.docs_path), path))
    if resolved.startswith("../") or resolved == "..":
        return f"'{target}' points outside the docs folder"
    if resolved in context.folders or path.endswith("/"):
        return f"link to a folder ('{target}'); name the page's file, e.g. {resolved.rstrip('/')}/index.md"
    if resolved not in context.files:
        kind = "image file" if is_image else "file"
        candidates = [f for f in context.files if f.endswith(".md")] if not is_image else context.files
        hint = did_you_mean(resolved, candidates)
        return f"no {kind} 'docs/{resolved}'{hint}"
    if fragment and resolved.endswith(".md") and resolved != context.glossary_page:
        return _anchor_problem(page, resolved, fragment, context)
    return None


def check_links(pages: list[ScannedPage], context: LinkContext) -> list[Problem]:
    """Every link and image on every page (glossary anchors are judged by the glossary rules)."""
    problems = []
    for page in pages:
        for link in page.scan.links:
            message = check_link(page, link.target, link.is_image, context)
            if message:
                problems.append(Problem(page.display_path, link.line, link.column, message))
    return problems
