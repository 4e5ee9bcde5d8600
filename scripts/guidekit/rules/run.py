"""The site-wide rules: every citation and glossary link resolves, and nothing is left unused.

``check_sources`` runs every rule over a project's files; ``guidekit.check`` adds the rendered pages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from pathlib import Path

from guidekit.core.dates import today as current_day
from guidekit.core.links import LinkTarget, resolve
from guidekit.core.problems import Problem
from guidekit.core.suggest import did_you_mean
from guidekit.data.anchors import generated_anchors, page_anchors
from guidekit.data.build_state import BuildState
from guidekit.data.changelog import parse_changelog
from guidekit.data.emergencies import EmergencyData
from guidekit.data.emergencies import expand_for_scan as expand_emergencies
from guidekit.data.emergencies import page_problems as emergency_problems
from guidekit.data.front_matter import parse_front_matter
from guidekit.data.glossary import Glossary, slugify
from guidekit.data.load import GuideData, load_project_data
from guidekit.data.nav import check_nav, nav_entries
from guidekit.data.pages import ScannedPage, markdown_files, page_body, remember_outline, text_digest
from guidekit.data.project import Project
from guidekit.data.survival import MARKER as SURVIVAL_MARKER
from guidekit.data.survival import SurvivalData, expand_for_scan
from guidekit.rules import translation_rules
from guidekit.rules.link_rules import LinkContext, check_links
from guidekit.rules.page_rules import check_page
from guidekit.source.markdown_scan import mask_code, scan_page
from guidekit.source.text import SourceText, read_source

# A page as a builder converts it: its file, the path messages show, its Markdown without front matter.
PageBody = tuple[Path, str, str]


def glossary_anchor(
    page: ScannedPage, target: str, glossary_page: str, resolver: Callable[[str, str], LinkTarget | None] = resolve
) -> str | None:
    """The anchor of a link if it points at the glossary page ('' for the page itself), else None.

    ``resolver``: ``core.links.resolve``, or a build's memo of it.
    """
    resolved = resolver(page.docs_path, target)
    if resolved is None or (resolved.path or page.docs_path) != glossary_page:
        return None
    return resolved.fragment


def _check_glossary_link(page: ScannedPage, line: int, column: int, anchor: str, glossary: Glossary) -> Problem | None:
    if not anchor or anchor in glossary.terms:
        return None
    if anchor.lower() in glossary.terms:
        message = f"glossary anchor '#{anchor}' must be lowercase: use '#{anchor.lower()}'"
        return Problem(page.display_path, line, column, message, rule="glossary-link")
    slug = slugify(anchor)
    for term in glossary.terms.values():
        if slug in {slugify(alias) for alias in term.aliases} | (
            {slugify(term.abbreviation)} if term.abbreviation else set()
        ):
            return Problem(
                page.display_path,
                line,
                column,
                f"'#{anchor}' is another name for the glossary term {term.name!r}: link to '#{term.slug}'",
                rule="glossary-link",
            )
    hint = did_you_mean(anchor, glossary.terms, "did you mean '#{}'?")
    message = f"glossary link to undefined term '#{anchor}'{hint}"
    return Problem(page.display_path, line, column, message, rule="glossary-link")


def _page_citations_and_terms(
    page: ScannedPage, data: GuideData, glossary_page: str, resolver: Callable[[str, str], LinkTarget | None]
) -> tuple[tuple[Problem, ...], frozenset[str], frozenset[str]]:
    """One page's citation and glossary-link problems, the keys it cites and the term slugs it links."""
    problems: list[Problem] = []
    cited: set[str] = set()
    linked: set[str] = set()
    known_keys = data.bibliography.references
    for error in page.scan.errors:
        problems.append(Problem(page.display_path, error.line, error.column, error.message, rule="citation-syntax"))
    for found in page.scan.citations:
        cited.add(found.key)
        if found.key not in known_keys and data.bibliography.readable:
            hint = did_you_mean(found.key, known_keys)
            problems.append(
                Problem(
                    page.display_path,
                    found.line,
                    found.column,
                    f"unknown citation key {found.key!r}{hint}",
                    rule="citation-unknown-key",
                )
            )
    for link in page.scan.links:
        anchor = glossary_anchor(page, link.target, glossary_page, resolver)
        if anchor is None or link.is_image or not data.glossary.readable:
            continue
        problem = _check_glossary_link(page, link.line, link.column, anchor, data.glossary)
        if problem:
            problems.append(problem)
        elif anchor and page.docs_path != glossary_page:
            linked.add(anchor)
    return tuple(problems), frozenset(cited), frozenset(linked)


def check_pages(
    pages: list[ScannedPage],
    data: GuideData,
    glossary_page: str,
    resolver: Callable[[str, str], LinkTarget | None] = resolve,
    state: BuildState | None = None,
) -> tuple[list[Problem], set[str], set[str]]:
    """Per-page rules; also returns the cited keys and the linked term slugs.

    ``state``: a build's store, which keeps each page's answer (see ``BuildState.recall``).
    """
    problems: list[Problem] = []
    cited: set[str] = set()
    linked: set[str] = set()
    inputs = (data.glossary, data.bibliography, glossary_page)
    for page in pages:
        work_out = partial(_page_citations_and_terms, page, data, glossary_page, resolver)
        found = state.recall(("citations", page.docs_path), (page, *inputs), work_out) if state else work_out()
        problems += found[0]
        cited |= found[1]
        linked |= found[2]
    return problems, cited, linked


def unused_problems(
    data: GuideData,
    cited: set[str],
    linked: set[str],
    glossary_name: str,
    bibliography_name: str,
    language: str = "en",
    *,
    translation: bool = False,
) -> list[Problem]:
    """Terms no page links to and sources no page cites: warnings, so fatal in strict mode.

    A source written in another language (CSL ``language: es``) is for that translation's pages; a
    translation answers only for the sources in its own language (an English source its pages do not
    cite yet is one it is behind on, which the translation rules say).
    """
    problems = [
        Problem(
            glossary_name,
            term.line,
            term.column,
            f"glossary term {term.name!r} is not linked from any page; "
            f"link to it as [{term.name.lower()}](glossary.md#{term.slug}) or remove it",
            rule="unused-term",
        )
        for term in data.glossary.terms.values()
        if term.slug not in linked
    ]
    problems += [
        Problem(
            bibliography_name,
            ref.line,
            ref.column,
            f"bibliography entry {ref.key!r} is not cited on any page; cite it as [@{ref.key}] or remove it",
            rule="unused-source",
        )
        for ref in data.bibliography.references.values()
        if ref.key not in cited and (ref.language == language if translation else ref.language in (None, language))
    ]
    return problems


def _docs_files(docs_dir: Path) -> tuple[frozenset[str], frozenset[str]]:
    """Every file and folder under docs_dir, relative, with forward slashes."""
    files: set[str] = set()
    folders: set[str] = set()
    for path in docs_dir.rglob("*"):
        (files if path.is_file() else folders).add(path.relative_to(docs_dir).as_posix())
    return frozenset(files), frozenset(folders)


def _marker_problems(display_path: str, text: str, survival: SurvivalData | None) -> list[Problem]:
    """A survival table needs its data file."""
    if survival is not None or SURVIVAL_MARKER not in text:
        return []
    line = text[: text.index(SURVIVAL_MARKER)].count("\n") + 1
    message = "the survival table needs its data file (the 'survival' setting of guidekit.extension)"
    return [Problem(display_path, line, 1, message, rule="marker-data")]


def _check_one_page(
    source: SourceText,
    key: tuple[str, str, bytes, int, dt.date],
    data: tuple[SurvivalData | None, EmergencyData | None],
    state: BuildState,
) -> tuple[ScannedPage, tuple[Problem, ...]]:
    """One page judged on its own; ``key``: its docs path, display path, text digest, size and the day."""
    docs_path, display_path, _, size, today = key
    survival, emergencies = data
    masked = mask_code(source.text)  # once a page: every rule below reads it
    expanded = expand_emergencies(expand_for_scan(source.text, survival), emergencies)
    # Expanding changes only pages with a survival table or an emergency box.
    scan = scan_page(expanded, masked=masked if expanded == source.text else None)
    front, problems = parse_front_matter(source, today)  # once a page: its rules and its title
    remember_outline(state, expanded, scan, front)  # the References page reuses it instead of scanning again
    problems += _marker_problems(display_path, source.text, survival)
    problems += emergency_problems(display_path, source.text, emergencies, masked=masked)
    problems += check_page(display_path, source.text, size, scan, masked=masked)
    return ScannedPage(docs_path, display_path, scan), tuple(problems)


def _read_pages(
    project: Project,
    today: dt.date,
    data: tuple[SurvivalData | None, EmergencyData | None],
    bodies: list[PageBody],
    state: BuildState,
    files: list[Path],
) -> tuple[list[ScannedPage], list[Problem]]:
    """Read, scan and check every page on its own (encoding, front matter, size, safe HTML).

    ``bodies`` receives each readable page's Markdown as a builder converts it (no front matter).
    A lasting store keeps each page's answer with what it read (its path, text, size, the day and
    the data files): under ``zensical serve`` an edit re-checks the page it changed.
    """
    survival, emergencies = data
    pages: list[ScannedPage] = []
    problems: list[Problem] = []
    for path in files:
        display_path = project.display(path)
        source, found = read_source(path, display_path)
        problems += found
        if source is None:
            continue
        docs_path = path.relative_to(project.docs_dir).as_posix()
        key = (docs_path, display_path, text_digest(source.text), path.stat().st_size, today)
        work_out = partial(_check_one_page, source, key, data, state)
        page, found = state.recall(("page", path), (key, survival, emergencies), work_out)
        problems += found
        pages.append(page)
        bodies.append((path, display_path, page_body(source.text)))
    return pages, problems


def _anchors(page: ScannedPage, data: GuideData, project: Project) -> set[str]:
    generated = generated_anchors(
        page.docs_path, page.scan, data.glossary, data.bibliography, project.glossary_page, project.references_page
    )
    return page_anchors(page.scan, generated)


def _link_problems(project: Project, pages: list[ScannedPage], data: GuideData, state: BuildState) -> list[Problem]:
    files, folders = _docs_files(project.docs_dir)
    inputs = (data.glossary, data.bibliography, project.glossary_page, project.references_page)
    anchors = {
        page.docs_path: state.recall(
            ("anchors", page.docs_path), (page, *inputs), partial(_anchors, page, data, project)
        )
        for page in pages
    }
    context = LinkContext(
        files,
        folders,
        anchors,
        project.site_url,
        project.glossary_page,
        state.resolve,
        project.display(project.docs_dir),
    )
    # Every link is judged against the files and every page's anchors: a page's answer is kept only
    # while all of those are as they were (a new token each time anything among them changed).
    judged_against = (files, folders, anchors, project.site_url, project.glossary_page, project.docs_dir)
    token = state.recall("link context", judged_against, object)
    problems: list[Problem] = []
    for page in pages:
        problems += state.recall(("links", page.docs_path), (page, token), partial(check_links, [page], context))
    return problems


def _nav_problems(project: Project, files: list[Path], state: BuildState) -> list[Problem]:
    try:
        config_text = project.config_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []  # loading the project already reported a config that cannot be read
    docs_prefix = project.display(project.docs_dir) + "/"
    # Every page on disk, readable or not: an unreadable page is reported once, as unreadable.
    page_paths = [path.relative_to(project.docs_dir).as_posix() for path in files]
    shown = project.display(project.config_file)
    inputs = (shown, config_text, page_paths, docs_prefix)
    return state.recall("nav", inputs, lambda: check_nav(shown, nav_entries(config_text), page_paths, docs_prefix))


def _changelog_problems(project: Project, today: dt.date, files: list[Path], state: BuildState) -> list[Problem]:
    """The changelog, when the guide has one: real dates, real pages, a sentence each."""
    if project.changelog is None or not project.changelog.exists():
        return []
    source, problems = read_source(project.changelog, project.display(project.changelog))
    if source is None:
        return problems
    pages = {path.relative_to(project.docs_dir).as_posix() for path in files}
    inputs = (source, frozenset(pages), today)
    return problems + state.recall("changelog", inputs, lambda: parse_changelog(source, pages, today)[1])


def check_sources(
    project: Project, today: dt.date | None = None, state: BuildState | None = None
) -> tuple[list[Problem], list[PageBody]]:
    """Every problem the sources show, unsorted, and each readable page's Markdown body for rendering."""
    state = state or BuildState()
    data = load_project_data(project, today, state)
    today = today or current_day()
    bodies: list[PageBody] = []
    files = markdown_files(project.docs_dir)  # every page on disk, listed once for every rule
    pages, problems = _read_pages(project, today, (data.survival, data.emergencies), bodies, state, files)
    problems += data.problems
    page_problems, cited, linked = check_pages(pages, data, project.glossary_page, state.resolve, state)
    problems += page_problems
    problems += _link_problems(project, pages, data, state)
    problems += _nav_problems(project, files, state)
    problems += _changelog_problems(project, today, files, state)
    problems += unused_problems(
        data,
        cited,
        linked,
        project.display(project.glossary),
        project.display(project.bibliography),
        project.language,
        translation=project.translates is not None,
    )
    # A translation (mkdocs.es.yml) against the English it translates; nothing for the English itself.
    problems += translation_rules.page_problems(project, data.bibliography.references)
    problems += translation_rules.glossary_problems(project, data.glossary)
    problems += translation_rules.label_problems(project, data.survival)
    return problems, bodies
