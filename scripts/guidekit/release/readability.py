"""How easy a page is to read: Flesch-Kincaid grade and Flesch reading ease of its prose;
for a Spanish page, Fernández-Huerta and Szigriszt-Pazos (INFLESZ).

Measured on the prose a reader sees: the page is rendered from Markdown, then tables, code,
headings, box titles, citations and the Sources list are left out, since none of them are
sentences. textstat 0.7.4 is pinned because later versions download a dictionary at run time.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser

import markdown

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="pkg_resources is deprecated")  # textstat 0.7.4's own import
    import textstat

from guidekit.core.words import words_for
from guidekit.source.citations import CITATION
from guidekit.source.markdown_scan import front_matter_span

MAX_GRADE = 8.0
MIN_EASE = 60.0
# Fernández-Huerta's own table (Fernández Huerta 1959, "Medidas sencillas de lecturabilidad",
# Consigna 214; as tabulated at https://legible.es): 60-70 is "normal", 7th-8th grade. Aiming at 65,
# the middle of that band, asks as much of a Spanish page as grade 8 asks of an English one, or more.
MIN_FERNANDEZ_HUERTA = 65.0
# textstat's default language, restored after every Spanish measurement.
_TEXTSTAT_DEFAULT = "en_US"
_EXTENSIONS = ("abbr", "admonition", "attr_list", "md_in_html", "tables", "pymdownx.details", "pymdownx.superfences")
_SKIPPED = frozenset({"table", "pre", "code", "h1", "h2", "h3", "h4", "h5", "h6", "sup", "script", "style"})
_BLOCKS = frozenset({"p", "li", "dd", "dt", "blockquote", "div", "summary", "details", "ul", "ol", "dl"})


class _ProseExtractor(HTMLParser):
    """Collects the text of prose blocks, skipping tables, code, headings and box titles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._current: list[str] = []
        self._skip_depth = 0
        self._stack: list[tuple[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        skipped = tag in _SKIPPED or "admonition-title" in classes
        self._stack.append((tag, skipped))
        if skipped:
            self._skip_depth += 1
        if tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        while self._stack:
            open_tag, skipped = self._stack.pop()
            if skipped:
                self._skip_depth -= 1
            if open_tag == tag:
                break
        if tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self._current.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._current).split())
        if text:
            # A list item or table-free block without an end mark is still a sentence to a reader.
            self.blocks.append(text if text[-1] in ".!?:" else text + ".")
        self._current = []

    def close(self) -> None:
        super().close()
        self._flush()


def is_spanish(language: str | None) -> bool:
    """Whether a project's language ("es", "es-ES", "es_MX") is Spanish."""
    return bool(language) and re.split(r"[-_]", language or "", maxsplit=1)[0].lower() == "es"


def prose(page_text: str, language: str = "en") -> str:
    """The sentences of a Markdown page as a reader meets them.

    Headings are skipped whole, so their ``{#id}`` attributes never reach the text.
    """
    span = front_matter_span(page_text)
    body = page_text[span[1] :] if span else page_text
    body = body.split(f"\n## {words_for(language).sources}", 1)[0]
    body = CITATION.sub("", body)
    html = markdown.markdown(body, extensions=_EXTENSIONS)
    extractor = _ProseExtractor()
    extractor.feed(html)
    extractor.close()
    return re.sub(r"\s+([.,;:!?])", r"\1", " ".join(extractor.blocks))


@dataclass(frozen=True)
class Readability:
    """One page's scores."""

    words: int
    grade: float
    ease: float

    @property
    def passes(self) -> bool:
        return self.grade <= MAX_GRADE and self.ease >= MIN_EASE


def measure(page_text: str) -> Readability:
    """Flesch-Kincaid grade and Flesch reading ease of a page's prose."""
    text = prose(page_text)
    words = textstat.lexicon_count(text)
    if not words:
        return Readability(0, 0.0, 100.0)
    return Readability(words, float(textstat.flesch_kincaid_grade(text)), float(textstat.flesch_reading_ease(text)))


@dataclass(frozen=True)
class SpanishReadability:
    """One Spanish page's scores: Fernández-Huerta (held to the target) and Szigriszt-Pazos (shown)."""

    words: int
    fernandez_huerta: float
    szigriszt_pazos: float

    @property
    def passes(self) -> bool:
        return self.fernandez_huerta >= MIN_FERNANDEZ_HUERTA


@contextmanager
def _textstat_language(language: str) -> Iterator[None]:
    """textstat measuring in ``language``, then back to its default.

    set_lang is module-wide and clears textstat's caches (keyed on the text alone); restoring in
    ``finally`` keeps an English measurement after a Spanish one, or after an error, English.
    """
    textstat.set_lang(language)
    try:
        yield
    finally:
        textstat.set_lang(_TEXTSTAT_DEFAULT)


def measure_spanish(page_text: str) -> SpanishReadability:
    """Fernández-Huerta and Szigriszt-Pazos of a Spanish page's prose."""
    text = prose(page_text, "es")
    with _textstat_language("es"):
        words = textstat.lexicon_count(text)
        if not words:
            return SpanishReadability(0, 100.0, 100.0)
        return SpanishReadability(words, float(textstat.fernandez_huerta(text)), float(textstat.szigriszt_pazos(text)))
