"""The real guide without its machinery: the pages the benchmark's build (b) compiles.

Build (b) must have the same content as the real build, only without ``guidekit.extension`` and
the hooks. So the pages are rewritten as a guide without guidekit would have to write them:
citations as plain "(key)" text, glossary links without a term anchor, and every generated part
(the A-Z glossary, the references list, the survival table, the What's-changed list) written out
as static Markdown from the same data files.
"""

from __future__ import annotations

from pathlib import Path

from bench.synthetic import plain_markdown
from guidekit.core.dates import today as current_day
from guidekit.data.build_state import BuildState
from guidekit.data.changelog import MARKER as CHANGELOG_MARKER
from guidekit.data.changelog import changelog_markdown
from guidekit.data.emergencies import expand_markdown as emergency_markdown
from guidekit.data.glossary import Glossary
from guidekit.data.load import GuideData, load_project_data
from guidekit.data.pages import markdown_files, page_outline
from guidekit.data.project import Project
from guidekit.data.survival import MARKER as SURVIVAL_MARKER
from guidekit.data.survival import table_lines
from guidekit.source.text import read_source

GLOSSARY_MARKER = "<!-- guide:glossary -->"
REFERENCES_MARKER = "<!-- guide:references -->"


def static_glossary(glossary: Glossary) -> list[str]:
    """The A-Z glossary as a Markdown list: each term in bold, then its whole definition."""
    terms = sorted(glossary.terms.values(), key=lambda term: term.name.casefold())
    return [f"- **{term.name}**: {term.definition}" for term in terms]


def static_references(data: GuideData) -> list[str]:
    """Every source as one Markdown list item: who, title, where, when and its link."""
    lines = []
    for reference in sorted(data.bibliography.references.values(), key=lambda ref: ref.sort_key):
        creator = ", ".join(reference.authors) or reference.publisher or ""
        parts = [creator, reference.title, reference.container_title or "", reference.issued or "n.d."]
        text = ". ".join(part.rstrip(".") for part in parts if part)
        lines.append(f"- {text}. <{reference.link}>" if reference.link else f"- {text}.")
    return lines


def plain_pages(project: Project) -> dict[str, str]:
    """docs path -> the page's text as static Markdown, for every readable page of the guide."""
    data = load_project_data(project)
    texts: dict[str, str] = {}
    for path in markdown_files(project.docs_dir):
        source, _ = read_source(path, project.display(path))
        if source is not None:
            texts[path.relative_to(project.docs_dir).as_posix()] = source.text
    state = BuildState()
    titles = {docs_path: page_outline(state, text).title or docs_path for docs_path, text in texts.items()}
    changelog = project.changelog
    generated = {
        GLOSSARY_MARKER: static_glossary(data.glossary),
        REFERENCES_MARKER: static_references(data),
        SURVIVAL_MARKER: table_lines(data.survival) if data.survival else [],
        CHANGELOG_MARKER: (
            changelog_markdown(changelog, project.display(changelog), titles, current_day()) if changelog else []
        ),
    }
    plain = {}
    for docs_path, text in texts.items():
        lines: list[str] = []
        for line in emergency_markdown(text.split("\n"), data.emergencies):
            lines += ["", *generated[line.strip()], ""] if line.strip() in generated else [line]
        plain[docs_path] = plain_markdown("\n".join(lines))
    return plain


def write_plain_docs(project: Project, target_docs: Path) -> None:
    """Overwrite each page under ``target_docs`` (a copy of the docs folder) with its static form."""
    for docs_path, text in plain_pages(project).items():
        (target_docs / docs_path).write_text(text, encoding="utf-8")
