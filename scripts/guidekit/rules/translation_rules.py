"""A translation held to its English pages: every page translated, from the English as it is now,
citing the same sources and stating the same figures; every glossary term and table name translated.

Run for a project whose configuration names the English it translates (``translates``:
mkdocs.es.yml); the English edition has none and gets no problem from here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from pathlib import Path

from guidekit.core.problems import Problem
from guidekit.data.bibliography import Reference
from guidekit.data.front_matter import parse_front_matter
from guidekit.data.glossary import Glossary, parse_glossary
from guidekit.data.pages import markdown_files
from guidekit.data.project import Project
from guidekit.data.survival import SurvivalData, read_labels
from guidekit.source.markdown_scan import scan_page
from guidekit.source.numbers import find_numbers, normalize
from guidekit.source.text import SourceText, read_source

HASH_LENGTH = 12  # enough to tell versions of one page apart, short enough to type


def source_version(data: bytes) -> str:
    """What a translated page's ``translated_from`` records: the start of its English file's SHA-256."""
    return hashlib.sha256(data).hexdigest()[:HASH_LENGTH]


def _pages(docs_dir: Path) -> dict[str, Path]:
    return {path.relative_to(docs_dir).as_posix(): path for path in markdown_files(docs_dir)}


def _version_problems(english: Path, translated: SourceText, english_name: str) -> list[Problem]:
    """translated_from absent, or naming another version of the English page than the one on disk."""
    expected = source_version(english.read_bytes())
    front, _ = parse_front_matter(translated)  # its own mistakes are the page rules' to report
    recorded = front.values.get("translated_from")
    path = translated.display_path
    if not recorded:
        return [
            Problem(
                path,
                1,
                1,
                f"the page does not say which version of {english_name} it translates; once it matches "
                f"that page, add 'translated_from: {expected}' to its front matter",
                rule="translation-unrecorded",
            )
        ]
    if str(recorded) != expected:
        line = next(
            (index for index, text in enumerate(translated.text.split("\n"), 1) if text.startswith("translated_from:")),
            1,
        )
        return [
            Problem(
                path,
                line,
                1,
                f"{english_name} has changed since this translation was made from it (version {recorded}, now "
                f"{expected}); bring the changes in (git log -p {english_name}), then set translated_from: {expected}",
                rule="translation-outdated",
            )
        ]
    return []


def _citation_problems(
    english: SourceText, translated: SourceText, references: Mapping[str, Reference], language: str
) -> list[Problem]:
    """Sources cited in one language and not the other; the translation may add sources in its language."""
    english_keys = scan_page(english.text).citations
    translated_keys = scan_page(translated.text).citations
    in_translation = {found.key for found in translated_keys}
    in_english = {found.key for found in english_keys}
    problems = []
    for found in _first_of_each(english_keys, lambda found: found.key):
        if found.key not in in_translation:
            problems.append(
                Problem(
                    english.display_path,
                    found.line,
                    found.column,
                    f"source '{found.key}' is cited here but not in the translation {translated.display_path}",
                    rule="translation-citations",
                )
            )
    for found in _first_of_each(translated_keys, lambda found: found.key):
        reference = references.get(found.key)
        if found.key in in_english or reference is None:  # an unknown key is the citation rules' to report
            continue
        if reference.language != language:
            problems.append(
                Problem(
                    translated.display_path,
                    found.line,
                    found.column,
                    f"source '{found.key}' is cited here but not in {english.display_path}; a source only the "
                    f"translation cites must be written in its language (language: {language} in the bibliography)",
                    rule="translation-citations",
                )
            )
    return problems


def _first_of_each(items: Iterable, key) -> list:  # type: ignore[type-arg]
    """Each distinct item (by ``key``) once, where it first appears."""
    seen: set[object] = set()
    first = []
    for item in items:
        if key(item) not in seen:
            seen.add(key(item))
            first.append(item)
    return first


def _number_problems(english: SourceText, translated: SourceText) -> list[Problem]:
    """Figures written in one language's page and not the other's (numbers_not_in_english excepted)."""
    english_numbers = find_numbers(english.text)
    translated_numbers = find_numbers(translated.text)
    front, _ = parse_front_matter(translated)
    extra = {normalize(str(number)) for number in front.values.get("numbers_not_in_english") or []}
    in_english = {found.value for found in english_numbers}
    in_translation = {found.value for found in translated_numbers}
    problems = [
        Problem(
            english.display_path,
            found.line,
            found.column,
            f"the figure {found.written!r} is here but not in the translation {translated.display_path}",
            rule="translation-numbers",
        )
        for found in _first_of_each(english_numbers, lambda found: found.value)
        if found.value not in in_translation
    ]
    problems += [
        Problem(
            translated.display_path,
            found.line,
            found.column,
            f"the figure {found.written!r} is here but not in {english.display_path}; write the same figure in "
            "both, or list it in numbers_not_in_english if only this language needs it",
            rule="translation-numbers",
        )
        for found in _first_of_each(translated_numbers, lambda found: found.value)
        if found.value not in in_english and found.value not in extra
    ]
    return problems


def page_problems(project: Project, references: Mapping[str, Reference]) -> list[Problem]:
    """Every English page translated, from its current version, with the same sources and figures."""
    if project.translates is None:
        return []
    english_pages, translated_pages = _pages(project.translates), _pages(project.docs_dir)
    problems = []
    for docs_path, english_path in english_pages.items():
        english_name = project.display(english_path)
        if docs_path not in translated_pages:
            problems.append(
                Problem(
                    english_name,
                    1,
                    1,
                    f"the page has no translation: {project.display(project.docs_dir / docs_path)} is missing",
                    rule="translation-missing",
                )
            )
            continue
        english, _ = read_source(english_path, english_name)
        translated, _ = read_source(translated_pages[docs_path], project.display(translated_pages[docs_path]))
        if english is None or translated is None:
            continue  # an unreadable page is the page rules' to report
        version = _version_problems(english_path, translated, english_name)
        problems += version
        if version:
            continue  # compared with the English it was made from only: until then, it says it is behind
        problems += _citation_problems(english, translated, references, project.language)
        problems += _number_problems(english, translated)
    problems += [
        Problem(
            project.display(path),
            1,
            1,
            f"no English page {project.display(project.translates / docs_path)} to translate from; "
            "name the page after its English page",
            rule="translation-orphan",
        )
        for docs_path, path in translated_pages.items()
        if docs_path not in english_pages
    ]
    return problems


def glossary_problems(project: Project, glossary: Glossary) -> list[Problem]:
    """Each English term translated by one entry (``translates:``), and no entry translating nothing."""
    if project.source_glossary is None or not glossary.readable:
        return []
    english_name = project.display(project.source_glossary)
    source, _ = read_source(project.source_glossary, english_name)
    if source is None:
        return []
    english, _ = parse_glossary(source)
    translated_names = {term.translates for term in glossary.terms.values() if term.translates}
    problems = [
        Problem(
            english_name,
            term.line,
            term.column,
            f"glossary term {term.name!r} has no entry in {project.display(project.glossary)}; add one "
            f"with 'translates: {term.name}'",
            rule="translation-term-missing",
        )
        for term in english.terms.values()
        if term.name not in translated_names
    ]
    english_names = {term.name for term in english.terms.values()}
    problems += [
        Problem(
            project.display(project.glossary),
            term.line,
            term.column,
            f"glossary entry {term.name!r} "
            + (
                f"translates {term.translates!r}, which is no term of {english_name}"
                if term.translates
                else f"does not say which term of {english_name} it translates; add 'translates:'"
            ),
            rule="translation-glossary",
        )
        for term in glossary.terms.values()
        if term.translates not in english_names
    ]
    return problems


def label_problems(project: Project, survival: SurvivalData | None) -> list[Problem]:
    """Every cancer and place of the survival table named in the translation's labels file."""
    if project.survival_labels is None or survival is None:
        return []
    labels = read_labels(project.survival_labels)
    name = project.display(project.survival_labels)
    missing = [("cancer", row.cancer) for row in survival.rows if row.cancer not in labels.get("cancer", {})]
    missing += [("place", row.place) for row in survival.rows if row.place not in labels.get("place", {})]
    return [
        Problem(
            name,
            1,
            1,
            f"no name for the {kind} {english!r} under '{kind}:'; add '{english}: <translated name>'",
            rule="translation-labels",
        )
        for kind, english in dict.fromkeys(missing)
    ]
