"""A Python-Markdown extension that renders the guide's citations and glossary links.

Rendering lives here, not in MkDocs hooks, so any builder that runs Python-Markdown extensions
from ``mkdocs.yml`` (MkDocs today, Zensical after Material's end of life) renders pages the same.

What it does to each page:
- ``[@key]`` and ``[@a; @b]`` become numbered superscript links, and a "Sources" list closes
  the page, numbered in the order sources are first cited;
- links to ``glossary.md#term`` get the term's definition as their title, which Material shows as
  a tooltip on hover, focus and tap; abbreviations get ``abbr`` definitions from the glossary;
- the line ``<!-- guide:glossary -->`` becomes the A–Z glossary, and ``<!-- guide:references -->``
  the list of every source with links back to the pages that cite it;
- ``<!-- guide:emergency fever -->`` becomes that emergency box from the emergencies data file
  (``emergencies``), the one place its thresholds and numbers are written;
- last, the finished page is held against the allow-list of HTML (``html_policy``): anything
  outside it is refused. With a ``report`` callable (the MkDocs hook, ``make check``) each refusal
  goes there and the page is withheld; without one (a plain Zensical build, which ignores hooks and
  does not fail on logged warnings) the conversion raises, which aborts the build.

Under a builder that gives a rendering context (Zensical), data files are found from the folder of
its configuration and one ``BuildState`` serves the whole build. The checks that the MkDocs hook
runs are added by ``guidekit.extension`` (a layer above, since checking imports rendering).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from guidekit.core.dates import today
from guidekit.core.words import Words, words_for
from guidekit.data.build_state import BuildState
from guidekit.data.changelog import MARKER as CHANGELOG_MARKER
from guidekit.data.changelog import changelog_markdown
from guidekit.data.emergencies import expand_for_scan as expand_emergencies
from guidekit.data.emergencies import expand_markdown as emergency_markdown
from guidekit.data.load import GuideData, load_guide_data
from guidekit.data.pages import CitingPlace, PageOutline, citing_places, outline_pages, page_of_body
from guidekit.data.project import DEFAULT_SETTINGS, EXTENSION_NAME
from guidekit.data.survival import MARKER as SURVIVAL_MARKER
from guidekit.data.survival import expand_for_scan, read_labels, table_lines
from guidekit.render.allow_list import UnsafeHTMLError, published_refusals
from guidekit.render.builder_context import builder_context
from guidekit.render.html_builders import (
    KEY_ATTRIBUTE,
    citation_element,
    glossary_elements,
    number_citation,
    references_elements,
    sources_section,
)
from guidekit.source.citations import CITATION, parse_citation
from guidekit.source.markdown_scan import code_block_lines

MARKERS = MappingProxyType({"<!-- guide:glossary -->": "glossary", "<!-- guide:references -->": "references"})
_PLACEHOLDER = "GUIDEKITMARKER{}END"


@dataclass
class PageState:
    """What one conversion has seen: data files and citation numbers. Reset for every page."""

    data: GuideData | None = None
    numbers: dict[str, int] = field(default_factory=dict)
    occurrences: dict[str, int] = field(default_factory=dict)
    markers: set[str] = field(default_factory=set)
    source: str = ""  # the Markdown as the builder passed it, to trace refused HTML back to it

    def cite(self, key: str) -> tuple[int, int]:
        """The number of a source on this page and how many times it has been cited so far."""
        number = self.numbers.setdefault(key, len(self.numbers) + 1)
        self.occurrences[key] = self.occurrences.get(key, 0) + 1
        return number, self.occurrences[key]


class _MarkerPreprocessor(Preprocessor):
    """Loads the data, swaps marker lines for placeholders and appends abbreviation definitions."""

    def __init__(self, md: Markdown, extension: GuideExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        state = self.extension.reset_state()
        self.extension.check_build()
        state.source = "\n".join(lines)
        state.data = self.extension.load_data()
        output: list[str] = []
        in_code = code_block_lines(state.source)  # a marker shown in a code block stays as written
        for index, line in enumerate(lines):
            marker = MARKERS.get(line.strip())
            # Every emergency marker names "guide:emergency": other lines are no box.
            box = emergency_markdown([line], state.data.emergencies) if "guide:emergency" in line else [line]
            if index in in_code:
                output.append(line)
            elif box != [line]:
                # An emergency box is Markdown, rendered (and cited) like the page's own text.
                output += box
            elif line.strip() == CHANGELOG_MARKER:
                output += ["", *self.extension.changelog_markdown(), ""]
            elif line.strip() == SURVIVAL_MARKER and state.data.survival is not None:
                # A Markdown table, so the tables extension renders it and its citations are numbered.
                output += [
                    "",
                    *table_lines(state.data.survival, self.extension.words, self.extension.survival_labels()),
                    "",
                ]
            elif marker:
                state.markers.add(marker)
                output += ["", _PLACEHOLDER.format(marker), ""]
            else:
                output.append(line)
        if "abbr" in self.md.parser.blockprocessors:
            output.append("")
            for term in state.data.glossary.terms.values():
                if term.abbreviation:
                    output.append(f"*[{term.abbreviation}]: {term.expansion}")
        return output


class _CitationProcessor(InlineProcessor):
    """``[@a; @b]`` to a superscript of numbered links; malformed brackets are left as text."""

    def __init__(self, md: Markdown, extension: GuideExtension) -> None:
        super().__init__(CITATION.pattern, md)
        self.extension = extension

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element | None, int | None, int | None]:  # noqa: N802 - Markdown's API
        parsed = parse_citation(m.group("body"))
        if parsed.errors or not parsed.keys:
            return None, None, None  # the checks report it; show the text as written
        return citation_element([item.key for item in parsed.keys]), m.start(0), m.end(0)


class _PageTreeprocessor(Treeprocessor):
    """Glossary tooltips, generated pages and the closing Sources list."""

    def __init__(self, md: Markdown, extension: GuideExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        state = self.extension.state
        if state.data is None:
            return
        for marker in state.markers:
            self._replace_placeholder(root, marker, self._generate(marker, state.data))
        self._add_term_titles(root, state.data)
        self._number_citations(root, state)
        self._attach_citations(root)
        if state.numbers:
            references = state.data.bibliography.references
            cited = [references[key] for key in state.numbers if key in references]
            if cited:
                root.extend(sources_section(cited, self.extension.words))

    def _generate(self, marker: str, data: GuideData) -> list[etree.Element]:
        if marker == "glossary":
            return glossary_elements(data.glossary, self.extension.words)
        references = data.bibliography.references
        places = self.extension.citing_places(references)
        return references_elements(
            list(references.values()), places, self.extension.getConfig("references_page"), self.extension.words
        )

    @staticmethod
    def _number_citations(root: etree.Element, state: PageState) -> None:
        """Number sources in reading order (inline parsing visits nested blocks out of order)."""
        references = state.data.bibliography.references if state.data else {}
        for link in [element for element in root.iter("a") if KEY_ATTRIBUTE in element.attrib]:
            key = link.get(KEY_ATTRIBUTE, "")
            number, occurrence = state.cite(key) if key in references else (0, 0)
            number_citation(link, number, occurrence, references.get(key))

    @staticmethod
    def _attach_citations(root: etree.Element) -> None:
        """Set each superscript right after its word: "spread¹", not "spread ¹"."""
        for parent in root.iter():
            for index, child in enumerate(parent):
                if child.tag != "sup" or child.get("class") != "guide-cite":
                    continue
                if index == 0:
                    parent.text = (parent.text or "").rstrip()
                else:
                    parent[index - 1].tail = (parent[index - 1].tail or "").rstrip()

    @staticmethod
    def _replace_placeholder(root: etree.Element, marker: str, elements: list[etree.Element]) -> None:
        token = _PLACEHOLDER.format(marker)
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                if child.tag == "p" and (child.text or "").strip() == token and not len(child):
                    parent.remove(child)
                    for offset, element in enumerate(elements):
                        parent.insert(index + offset, element)
                    return

    def _add_term_titles(self, root: etree.Element, data: GuideData) -> None:
        glossary_page = self.extension.getConfig("glossary_page")
        links = [anchor for anchor in root.iter("a") if anchor.get("href")]
        if not links:
            return
        # Resolved from this page, as the link rules resolve them: a tooltip only where the checks agree.
        page = self.extension.current_page() or ""
        for anchor in links:
            target = self.extension.build_state.resolve(page, anchor.get("href", ""))
            if target is None or target.leaves_root or (target.path or page) != glossary_page:
                continue
            term = data.glossary.terms.get(target.fragment)
            if term is None:
                continue
            anchor.set("title", term.summary)
            anchor.set("class", " ".join(filter(None, [anchor.get("class"), "guide-term"])))


# A refused page is replaced by this, so even a build that goes on (not strict) publishes nothing unsafe.
WITHHELD = "<p>This page was not published: it holds HTML that the guide does not allow.</p>"


class _AllowListPostprocessor(Postprocessor):
    """Holds the finished page against the allow-list; refuses, never cleans silently."""

    def __init__(self, md: Markdown, extension: GuideExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, text: str) -> str:
        if "<" not in text:
            return text  # text alone (a heading, as the table of contents renders it): nothing to refuse
        extension = self.extension
        found = published_refusals(
            text,
            extension.state.source,
            extension.path_setting("docs_dir") or Path(),
            Path(extension.getConfig("root")),
        )
        if not found:
            return text
        report = extension.getConfig("report")
        if not callable(report):
            raise UnsafeHTMLError([item.problem for item in found])
        report(found)
        return WITHHELD


class GuideExtension(Extension):
    """Citations, the glossary and references for the metastatic cancer guide."""

    def __init__(self, **kwargs: object) -> None:
        self.config = {
            "bibliography": [DEFAULT_SETTINGS["bibliography"], "CSL-YAML bibliography file"],
            "glossary": [DEFAULT_SETTINGS["glossary"], "glossary data file"],
            "docs_dir": [DEFAULT_SETTINGS["docs_dir"], "folder of the Markdown pages"],
            "glossary_page": [DEFAULT_SETTINGS["glossary_page"], "the glossary page, relative to docs_dir"],
            "references_page": [DEFAULT_SETTINGS["references_page"], "the references page, relative to docs_dir"],
            "survival": [DEFAULT_SETTINGS["survival"], "survival data for the table on the prognosis page"],
            "changelog": [DEFAULT_SETTINGS["changelog"], "changes to medical content, for the What's changed page"],
            "emergencies": [DEFAULT_SETTINGS["emergencies"], "emergency advice, for the emergency boxes"],
            "root": [".", "the folder messages show paths relative to (the folder of mkdocs.yml)"],
            # Not None: Python-Markdown would turn a None-defaulted setting into a bool.
            "report": ["", "a callable given each page's refused HTML; empty raises instead"],
            "state": ["", "the build's BuildState, shared by every page's extension; empty: this extension's own"],
            # Read by the checks (guidekit.core.rules); declared so that mkdocs.yml may set it here.
            "rules": [{}, "levels of the checks' rules: rule id -> error, warning or ignore"],
            # Editions: this one's language, and what a translation is checked against (read by the checks).
            "language": [DEFAULT_SETTINGS["language"], "the language of these pages: en, es"],
            "translations": [[], "the configuration files of this guide's translations"],
            "translates": ["", "a translation's English pages (their docs_dir)"],
            "source_glossary": ["", "a translation's English glossary, each of whose terms it must translate"],
            "survival_labels": ["", "a translation's names for the survival table's cancers and places"],
        }
        super().__init__(**kwargs)
        self.state = PageState()
        given = self.getConfig("state")
        # The build's store when the hook or `make check` gives one; else one of its own, which
        # Zensical's rendering context then shares with every later page (adopt_builder_context)
        # and, under `zensical serve`, keeps for the life of the server.
        self.build_state = given if isinstance(given, BuildState) else BuildState(lasting=True)
        self.page_path: str | None = None
        self.strict = True  # a builder that says nothing is held to strict mode: fail closed

    @property
    def words(self) -> Words:
        """The words generated text is written in, from the ``language`` setting."""
        return words_for(self.getConfig("language"))

    def survival_labels(self) -> Mapping[str, Mapping[str, str]]:
        """A translation's names for the survival table's cancers and places (none in English)."""
        path = self.path_setting("survival_labels")
        return read_labels(path) if path else {}

    def check_build(self) -> None:
        """Called before each page is converted; ``guidekit.extension`` checks the whole guide here
        when no hook does. This layer only renders."""

    def reset_state(self) -> PageState:
        """Start a page afresh (called at the start of every conversion)."""
        self.state = PageState()
        return self.state

    def reset(self) -> None:  # Markdown.reset() between documents
        self.reset_state()

    def path_setting(self, name: str) -> Path | None:
        """A path setting (data file or docs_dir) resolved against ``root``, None when not set.

        Relative to the folder of the site's configuration, not the working directory: the MkDocs
        hook and Zensical's rendering context both give that folder (see ``adopt_builder_context``).
        """
        value = self.getConfig(name)
        return Path(self.getConfig("root"), value) if value else None

    def adopt_builder_context(self, md: Markdown) -> None:
        """Under a builder without hooks that gives a rendering context (Zensical), take from it the
        folder of the configuration and one ``BuildState`` for the whole build.

        The state is kept in the builder's own settings for this extension, where the next page's
        extension is given it, as the MkDocs hook gives it: data files are then parsed once a build.
        """
        context = builder_context(md)
        if context is None:
            return
        self.page_path = context.page_path
        self.strict = context.strict
        if self.getConfig("root") == "." and context.root is not None:
            self.setConfig("root", str(context.root))
        settings = context.settings_for(EXTENSION_NAME)
        if settings is None or isinstance(self.getConfig("state"), BuildState):
            return
        shared = settings.get("state")
        if isinstance(shared, BuildState):
            self.build_state = shared
        else:
            settings["state"] = self.build_state

    def load_data(self) -> GuideData:
        """The data files, parsed once per content (see guide_data)."""
        glossary = self.path_setting("glossary") or Path()
        bibliography = self.path_setting("bibliography") or Path()
        survival = self.path_setting("survival")
        emergencies = self.path_setting("emergencies")
        return load_guide_data(
            glossary,
            bibliography,
            glossary_name=glossary.as_posix(),
            bibliography_name=bibliography.as_posix(),
            today=today(),
            survival_path=survival,
            survival_name=survival.as_posix() if survival else "",
            emergencies_path=emergencies,
            emergencies_name=emergencies.as_posix() if emergencies else "",
            state=self.build_state,
        )

    def page_outlines(self) -> list[tuple[str, PageOutline]]:
        """Every page's title and citations, as the checks read them (survival table, emergency boxes expanded)."""
        survival = self.state.data.survival if self.state.data else None
        emergencies = self.state.data.emergencies if self.state.data else None
        docs_dir = self.path_setting("docs_dir") or Path()
        return outline_pages(
            docs_dir, self.build_state, lambda text: expand_emergencies(expand_for_scan(text, survival), emergencies)
        )

    def current_page(self) -> str | None:
        """The docs path of the page being converted (found by its text), None if it is no page of the guide."""
        if self.page_path is not None:  # the builder said which page it converts
            return self.page_path
        return page_of_body(self.build_state, self.path_setting("docs_dir") or Path(), self.state.source)

    def citing_places(self, known_keys: Collection[str]) -> dict[str, list[CitingPlace]]:
        """Which pages cite which source (only for the references page)."""
        return citing_places(self.page_outlines(), known_keys)

    def changelog_markdown(self) -> list[str]:
        """The What's-changed list, from the changelog file and the pages' own titles."""
        titles = {docs_path: outline.title or docs_path for docs_path, outline in self.page_outlines()}
        path = self.path_setting("changelog") or Path()
        return changelog_markdown(path, path.as_posix(), titles, today(), self.words)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Markdown's API
        md.registerExtension(self)
        self.adopt_builder_context(md)
        # Before the raw-HTML stash (20) so marker comments are still plain lines.
        md.preprocessors.register(_MarkerPreprocessor(md, self), "guidekit_markers", 31)
        # After code spans (190) and escapes (180), before links (160) and footnotes (175).
        md.inlinePatterns.register(_CitationProcessor(md, self), "guidekit_citation", 176)
        # After inline parsing (20), before abbreviations (7), the table of contents (5)
        # and MkDocs' link rewriting (0), so generated headings and links are treated as written.
        md.treeprocessors.register(_PageTreeprocessor(md, self), "guidekit_page", 12)
        # Last of all, after raw HTML is put back (30) and every other extension's postprocessor.
        md.postprocessors.register(_AllowListPostprocessor(md, self), "guidekit_allow_list", -1000)


def makeExtension(**kwargs: object) -> GuideExtension:  # noqa: N802 - Markdown's API
    """Entry point Python-Markdown calls for ``guidekit.extension`` in markdown_extensions."""
    return GuideExtension(**kwargs)
