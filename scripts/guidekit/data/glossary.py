"""The glossary: one data file of terms, their rules, and the anchors chapters link to."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from guidekit.core.problems import Problem
from guidekit.core.suggest import did_you_mean
from guidekit.data.fields import TEXT, TEXT_LIST, Field, Schema, as_text, data_problem, entries, read_fields
from guidekit.source.text import SourceText
from guidekit.source.yaml_positions import Located, parse_yaml

MAX_SENTENCES = 3
# A sentence ends at . ! or ? followed by a space or the end; "e.g." and "i.e." are not ends.
_SENTENCE_END = re.compile(r"(?<!\be\.g)(?<!\bi\.e)[.!?](?=\s|$)")


def slugify(term: str) -> str:
    """The anchor of a term on the glossary page: 'Stage 4' -> 'stage-4', 'CT scan' -> 'ct-scan'."""
    # ASCII text has nothing to decompose and no combining marks to drop.
    letters = (
        term
        if term.isascii()
        else "".join(c for c in unicodedata.normalize("NFKD", term) if not unicodedata.combining(c))
    )
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
    translates: str | None = None

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


def _has_a_letter(name: str) -> str | None:
    return None if slugify(name) else "a name with at least one letter or digit"


ENTRY = Schema(
    "glossary entry",
    (
        Field("term", TEXT, required=True, check=_has_a_letter, check_kind="glossary-definition"),
        Field("aliases", TEXT_LIST, one_as_list=True, allow_empty=True),
        Field("abbreviation", TEXT),
        Field("definition", TEXT, required=True, describe="one to three plain sentences"),
        Field("see_also", TEXT_LIST, one_as_list=True, allow_empty=True, describe="a list of glossary terms"),
        # In a translation's glossary: the English term this entry translates (the checks pair them).
        Field("translates", TEXT, describe="the English glossary term this entry translates"),
    ),
)
FIELDS = ENTRY.names


@dataclass(frozen=True)
class _Read:
    """A term and where each of its names is written, for the checks across entries."""

    term: Term
    entry: Located
    aliases: tuple[Located, ...]
    see_also: tuple[Located, ...]


def _read_term(entry: Located, path: str) -> tuple[_Read | None, list[Problem]]:
    term_node = entry.get("term")
    values, problems = read_fields(entry, ENTRY, path, name=as_text(term_node.value) if term_node else None)
    name = values.get("term")
    if name is None:
        return None, problems
    definition = values.get("definition", "")
    sentences = count_sentences(definition)
    if sentences > MAX_SENTENCES:
        message = f"the definition of {name!r} has {sentences} sentences; keep it to one to three"
        problems.append(data_problem("glossary-definition", path, entry.get("definition") or entry, message))
    aliases = values.get("aliases", ())
    see_also = values.get("see_also", ())
    term = Term(
        name=name,
        slug=slugify(name),
        aliases=tuple(alias.value for alias in aliases),
        abbreviation=values.get("abbreviation"),
        definition=definition,
        see_also=tuple(other.value for other in see_also),
        line=entry.line,
        column=entry.column,
        translates=values.get("translates"),
    )
    return _Read(term, entry, aliases, see_also), problems


def _check_names(terms: list[_Read], path: str) -> list[Problem]:
    """Terms, aliases and abbreviations must all be different, ignoring case and punctuation."""
    problems: list[Problem] = []
    owners: dict[str, tuple[str, str, int]] = {}  # slug -> (kind, term name, line)
    for read in terms:
        term, entry = read.term, read.entry
        names: list[tuple[str, str, Located]] = [("term", term.name, entry.get("term") or entry)]
        names += [("alias", alias.value, alias) for alias in read.aliases]
        if term.abbreviation:
            names.append(("abbreviation", term.abbreviation, entry.get("abbreviation") or entry))
        for kind, name, where in names:
            slug = slugify(name)
            if slug in owners:
                other_kind, other_term, other_line = owners[slug]
                if other_term == term.name and kind != "term":
                    continue  # an abbreviation listed again as an alias of the same term
                what = f"the term {other_term!r}" if other_kind == "term" else f"an {other_kind} of {other_term!r}"
                message = f"duplicate glossary {kind} {name!r}: already used as {what} (line {other_line})"
                problems.append(data_problem("glossary-duplicate", path, where, message))
            else:
                owners[slug] = (kind, term.name, where.line)
    return problems


def _check_see_also(terms: list[_Read], glossary: Glossary, path: str) -> list[Problem]:
    problems: list[Problem] = []
    for read in terms:
        for item in read.see_also:
            if glossary.by_name(item.value) is None:
                hint = did_you_mean(item.value, [t.name for t in glossary.terms.values()])
                message = f"'see also' of {read.term.name!r} names {item.value!r}, which is not a glossary term{hint}"
                problems.append(data_problem("glossary-see-also", path, item, message))
    return problems


def parse_glossary(source: SourceText) -> tuple[Glossary, list[Problem]]:
    """Read every term; every mistake in the file is reported, good terms are kept."""
    path = source.display_path
    root, problems = parse_yaml(source)
    if root is None:
        if not problems:
            problems.append(data_problem("data-shape", path, (1, 1), "the glossary is empty"))
        return Glossary({}, readable=False), problems
    found, shape_problems = entries(root, ENTRY, path, "the glossary")
    problems += shape_problems
    if found is None:
        return Glossary({}, readable=False), problems
    read: list[_Read] = []
    for entry in found:
        term, entry_problems = _read_term(entry, path)
        problems += entry_problems
        if term is not None:
            read.append(term)
    problems += _check_names(read, path)
    terms: dict[str, Term] = {}
    for each in read:
        terms.setdefault(each.term.slug, each.term)
    glossary = Glossary(terms)
    problems += _check_see_also(read, glossary, path)
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
