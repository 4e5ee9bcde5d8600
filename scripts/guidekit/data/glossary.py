"""The glossary: one data file of terms, their rules, and the anchors chapters link to."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from guidekit.core.problems import Problem, Severity
from guidekit.core.suggest import did_you_mean
from guidekit.source.text import SourceText
from guidekit.source.yaml_positions import Located, parse_yaml

FIELDS = ("term", "aliases", "abbreviation", "definition", "see_also")
MAX_SENTENCES = 3
# A sentence ends at . ! or ? followed by a space or the end; "e.g." and "i.e." are not ends.
_SENTENCE_END = re.compile(r"(?<!\be\.g)(?<!\bi\.e)[.!?](?=\s|$)")


def slugify(term: str) -> str:
    """The anchor of a term on the glossary page: 'Stage 4' -> 'stage-4', 'CT scan' -> 'ct-scan'."""
    letters = "".join(c for c in unicodedata.normalize("NFKD", term) if not unicodedata.combining(c))
    hyphenated = re.sub(r"[\W_]+", "-", letters.lower()).encode("ascii", "ignore").decode()
    return re.sub(r"-{2,}", "-", hyphenated).strip("-")


def count_sentences(text: str) -> int:
    """Sentences in a plain-text definition (at least one if there is any text)."""
    return max(1, len(_SENTENCE_END.findall(text))) if text.strip() else 0


@dataclass(frozen=True)
class Term:
    """One glossary entry."""

    name: str
    slug: str
    aliases: tuple[str, ...]
    abbreviation: str | None
    definition: str
    see_also: tuple[str, ...]
    line: int
    column: int

    @property
    def summary(self) -> str:
        """The definition's first sentence: what a tooltip shows (the glossary page has the rest)."""
        match = _SENTENCE_END.search(self.definition)
        return self.definition[: match.end()] if match else self.definition

    @property
    def expansion(self) -> str:
        """What an abbreviation stands for: its first alias that is not itself, else the term."""
        others = [alias for alias in self.aliases if alias.lower() != (self.abbreviation or "").lower()]
        return others[0] if others else self.name


@dataclass(frozen=True)
class Glossary:
    """All terms by slug, in file order."""

    terms: dict[str, Term]
    # False when the file could not be parsed at all: links cannot then be judged against it.
    readable: bool = True

    def by_name(self, name: str) -> Term | None:
        """A term by its exact name or, failing that, by name ignoring case."""
        return self.terms.get(slugify(name))


class _TermReader:
    """Checks one entry's fields, collecting every problem."""

    def __init__(self, entry: Located, source: SourceText) -> None:
        self.entry = entry
        self.source = source
        self.problems: list[Problem] = []

    def at(self, located: Located | None, message: str, severity: Severity = Severity.ERROR) -> None:
        where = located or self.entry
        self.problems.append(Problem(self.source.display_path, where.line, where.column, message, severity))

    def text(self, field: str) -> str | None:
        located = self.entry.get(field)
        if located is None or located.value is None:
            return None
        if not isinstance(located.value, (str, int, float)) or isinstance(located.value, bool):
            self.at(located, f"field {field!r} must be text")
            return None
        return " ".join(str(located.value).split())

    def names(self, field: str) -> tuple[str, ...]:
        located = self.entry.get(field)
        if located is None or located.value is None:
            return ()
        for item in located.value if located.is_list else [located]:
            if not isinstance(item.value, str) or not item.value.strip():
                self.at(item, f"each item of {field!r} must be non-empty text")
        return tuple(" ".join(item.value.split()) for item in _items(located))

    def read(self) -> Term | None:
        for key, (line, column) in self.entry.key_positions.items():
            if key not in FIELDS:
                hint = did_you_mean(key, FIELDS)
                self.problems.append(
                    Problem(self.source.display_path, line, column, f"unknown glossary field {key!r}{hint}")
                )
        name = self.text("term")
        if not name:
            self.at(self.entry.get("term"), "glossary entry has no 'term'")
            return None
        definition = self.text("definition")
        if not definition:
            self.at(self.entry.get("definition"), f"glossary term {name!r} has an empty definition")
            definition = ""
        elif count_sentences(definition) > MAX_SENTENCES:
            self.at(
                self.entry.get("definition"),
                f"the definition of {name!r} has {count_sentences(definition)} sentences; keep it to one to three",
            )
        if not slugify(name):
            self.at(self.entry.get("term"), f"glossary term {name!r} needs at least one letter or digit")
            return None
        return Term(
            name=name,
            slug=slugify(name),
            aliases=self.names("aliases"),
            abbreviation=self.text("abbreviation") or None,
            definition=definition,
            see_also=self.names("see_also"),
            line=self.entry.line,
            column=self.entry.column,
        )


def _items(located: Located | None) -> list[Located]:
    """The items of a list field (a single value counts as a list of one), keeping positions."""
    if located is None or located.value is None:
        return []
    return [
        item
        for item in (located.value if located.is_list else [located])
        if isinstance(item.value, str) and item.value.strip()
    ]


def _check_names(terms: list[tuple[Term, Located]], source: SourceText) -> list[Problem]:
    """Terms, aliases and abbreviations must all be different, ignoring case and punctuation."""
    problems: list[Problem] = []
    owners: dict[str, tuple[str, str, int]] = {}  # slug -> (kind, term name, line)
    for term, entry in terms:
        names = [("term", term.name, entry.get("term"))]
        names += [
            ("alias", alias, located) for alias, located in zip(term.aliases, _items(entry.get("aliases")), strict=True)
        ]
        if term.abbreviation:
            names.append(("abbreviation", term.abbreviation, entry.get("abbreviation")))
        for kind, name, located in names:
            slug = slugify(name)
            where = located or entry
            if slug in owners:
                other_kind, other_term, other_line = owners[slug]
                if other_term == term.name and kind != "term":
                    continue  # an abbreviation listed again as an alias of the same term
                what = f"the term {other_term!r}" if other_kind == "term" else f"an {other_kind} of {other_term!r}"
                problems.append(
                    Problem(
                        source.display_path,
                        where.line,
                        where.column,
                        f"duplicate glossary {kind} {name!r}: already used as {what} (line {other_line})",
                    )
                )
            else:
                owners[slug] = (kind, term.name, where.line)
    return problems


def _check_see_also(terms: list[tuple[Term, Located]], glossary: Glossary, source: SourceText) -> list[Problem]:
    problems: list[Problem] = []
    for term, entry in terms:
        for name, item in zip(term.see_also, _items(entry.get("see_also")), strict=True):
            if glossary.by_name(name) is None:
                hint = did_you_mean(name, [t.name for t in glossary.terms.values()])
                problems.append(
                    Problem(
                        source.display_path,
                        item.line,
                        item.column,
                        f"'see also' of {term.name!r} names {name!r}, which is not a glossary term{hint}",
                    )
                )
    return problems


def parse_glossary(source: SourceText) -> tuple[Glossary, list[Problem]]:
    """Read every term; every mistake in the file is reported, good terms are kept."""
    root, problems = parse_yaml(source)
    if root is None:
        if not problems:
            problems.append(Problem(source.display_path, 1, 1, "the glossary is empty"))
        return Glossary({}, readable=False), problems
    if not root.is_list:
        problems.append(
            Problem(
                source.display_path,
                root.line,
                root.column,
                "the glossary must be a list of entries, each starting with '- term:'",
            )
        )
        return Glossary({}, readable=False), problems
    read: list[tuple[Term, Located]] = []
    for entry in root.value:
        if not entry.is_mapping:
            problems.append(
                Problem(
                    source.display_path,
                    entry.line,
                    entry.column,
                    "each glossary entry must be a mapping with 'term' and 'definition'",
                )
            )
            continue
        reader = _TermReader(entry, source)
        term = reader.read()
        problems.extend(reader.problems)
        if term is not None:
            read.append((term, entry))
    problems.extend(_check_names(read, source))
    terms: dict[str, Term] = {}
    for term, _ in read:
        terms.setdefault(term.slug, term)
    glossary = Glossary(terms)
    problems.extend(_check_see_also(read, glossary, source))
    return glossary, problems


def first_letter(term: Term) -> str:
    """The A–Z section a term is listed under on the glossary page ('0–9' for a digit or symbol)."""
    first = term.name[:1].upper()
    return first if first.isalpha() else "0–9"


def letter_id(letter: str) -> str:
    """The id of a letter's heading on the glossary page: 'letter-a', 'letter-0-9'."""
    return "letter-" + ("0-9" if letter == "0–9" else letter.lower())


def letter_ids(glossary: Glossary) -> set[str]:
    """The ids of the A–Z headings on the glossary page."""
    return {letter_id(first_letter(term)) for term in glossary.terms.values()}
