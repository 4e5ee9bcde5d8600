"""Links between pages: every relative link names a file that exists and an anchor it has.

MkDocs validates links too, but names neither line nor column; these rules do, and run before the
build so a broken link never reaches a reader.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from guidekit.core.links import LinkTarget, resolve, split
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
    # How links are resolved: ``core.links.resolve``, or a build's memo of it (BuildState.resolve).
    resolve: Callable[[str, str], LinkTarget | None] = resolve
    docs_folder: str = "docs"  # the pages' folder as messages show it: docs, or a translation's docs-es


def _own_site(url: str, site_url: str | None) -> bool:
    if not site_url:
        return False
    own, other = urlsplit(site_url), urlsplit(url)
    return other.netloc.lower() == own.netloc.lower() and other.path.startswith(own.path.rstrip("/"))


@dataclass(frozen=True)
class LinkFinding:
    """What is wrong with one link, and the rule it breaks."""

    message: str
    rule: str  # "link-target": names nothing that exists; "link-form": written in a way that breaks


def _anchor_problem(page: ScannedPage, target_page: str, fragment: str, context: LinkContext) -> LinkFinding | None:
    anchors = context.anchors.get(target_page, set())
    if fragment in anchors:
        return None
    where = "this page" if target_page == page.docs_path else f"'{target_page}'"
    hint = did_you_mean(fragment, anchors, "did you mean '#{}'?")
    return LinkFinding(f"no anchor '#{fragment}' in {where}{hint}", "link-target")


def check_link(page: ScannedPage, target: str, is_image: bool, context: LinkContext) -> LinkFinding | None:
    """What is wrong with one link or image target, or None."""
    parts = split(target)
    if parts is not None and parts.scheme in ("http", "https"):
        if _own_site(target, context.site_url):
            message = f"link to this site written as an address ('{target}'); link to the page's .md file instead"
            return LinkFinding(message, "link-form")
        return None
    resolved = context.resolve(page.docs_path, target)
    if resolved is None:
        return None  # mailto:, tel: …; unsafe schemes are refused by the page rules
    if resolved.path.startswith("/"):
        message = f"absolute path '{target}' breaks in offline copies; use a relative link such as about.md"
        return LinkFinding(message, "link-form")
    if resolved.same_page:
        return _anchor_problem(page, page.docs_path, resolved.fragment, context) if resolved.fragment else None
    if resolved.leaves_root:
        return LinkFinding(f"'{target}' points outside the docs folder", "link-form")
    if resolved.path in context.folders or resolved.names_folder:
        folder = resolved.path.rstrip("/")
        return LinkFinding(f"link to a folder ('{target}'); name the page's file, e.g. {folder}/index.md", "link-form")
    if resolved.path not in context.files:
        kind = "image file" if is_image else "file"
        candidates = [f for f in context.files if f.endswith(".md")] if not is_image else context.files
        hint = did_you_mean(resolved.path, candidates)
        return LinkFinding(f"no {kind} '{context.docs_folder}/{resolved.path}'{hint}", "link-target")
    if resolved.fragment and resolved.path.endswith(".md") and resolved.path != context.glossary_page:
        return _anchor_problem(page, resolved.path, resolved.fragment, context)
    return None


def check_links(pages: list[ScannedPage], context: LinkContext) -> list[Problem]:
    """Every link and image on every page (glossary anchors are judged by the glossary rules)."""
    problems = []
    for page in pages:
        for link in page.scan.links:
            found = check_link(page, link.target, link.is_image, context)
            if found:
                problems.append(Problem(page.display_path, link.line, link.column, found.message, rule=found.rule))
    return problems
