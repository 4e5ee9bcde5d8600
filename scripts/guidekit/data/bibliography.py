"""The bibliography: CSL-YAML/CSL-JSON entries, their rules, and how an entry reads in print.

One file is the single source of truth for sources. Its fields follow CSL, the format Zotero and
Pandoc exchange, so a contributor can export an entry from a reference manager and paste it in.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

from guidekit.core.dates import DateError, earliest_day, human_date, parse_partial_date
from guidekit.core.problems import Problem
from guidekit.core.suggest import did_you_mean
from guidekit.source.citations import KEY_PATTERN
from guidekit.source.text import SourceText
from guidekit.source.yaml_positions import Located, parse_yaml

_KEY = re.compile(rf"^{KEY_PATTERN}$")
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")

CSL_TYPES = (
    "article",
    "article-journal",
    "article-magazine",
    "article-newspaper",
    "book",
    "chapter",
    "dataset",
    "document",
    "entry-encyclopedia",
    "legislation",
    "paper-conference",
    "post",
    "post-weblog",
    "report",
    "review",
    "software",
    "standard",
    "thesis",
    "webpage",
)
# Types whose content can change under the same address, so the day it was read matters.
WEB_TYPES = ("webpage", "post", "post-weblog")
# What to write as 'issued' when a source shows no date (the usual "n.d." of reference lists).
UNDATED = "n.d."


@dataclass(frozen=True)
class Reference:
    """One source, as the guide shows it."""

    key: str
    csl_type: str
    title: str
    authors: tuple[str, ...]
    publisher: str | None
    container_title: str | None
    issued: str | None
    url: str | None
    doi: str | None
    accessed: str | None
    line: int
    column: int

    @property
    def link(self) -> str | None:
        """Where a reader can find the source: the DOI resolver first, since DOIs do not rot."""
        if self.doi:
            return f"https://doi.org/{self.doi}"
        return self.url

    @property
    def sort_key(self) -> tuple[str, str]:
        creator = self.authors[0] if self.authors else self.publisher or ""
        return (creator.casefold(), self.title.casefold())


@dataclass(frozen=True)
class Bibliography:
    """All entries by key, in file order."""

    references: dict[str, Reference]
    # False when the file could not be parsed at all: citations cannot then be judged against it.
    readable: bool = True


def _author_name(author: Located) -> str | None:
    value = author.plain()
    if isinstance(value, str):
        return value.strip() or None
    if not isinstance(value, dict):
        return None
    if isinstance(value.get("literal"), str):
        return value["literal"].strip() or None
    family = value.get("family")
    if not isinstance(family, str) or not family.strip():
        return None
    given = value.get("given")
    initials = ""
    if isinstance(given, str):
        initials = "".join(part[0] for part in re.split(r"[\s.-]+", given) if part)
    return f"{family.strip()} {initials}".strip()


class _EntryReader:
    """Checks one entry's fields and builds a :class:`Reference`, collecting every problem."""

    def __init__(self, entry: Located, source: SourceText, today: dt.date) -> None:
        self.entry = entry
        self.source = source
        self.today = today
        self.problems: list[Problem] = []

    def at(self, located: Located | None, message: str) -> None:
        where = located or self.entry
        self.problems.append(Problem(self.source.display_path, where.line, where.column, message))

    def text(self, field: str, *, required: bool = False) -> str | None:
        located = self.entry.get(field)
        if located is None or located.value is None:
            if required:
                self.at(None, f"entry {self._name()} is missing the required field {field!r}")
            return None
        if not isinstance(located.value, (str, int, float)) or isinstance(located.value, bool):
            self.at(located, f"field {field!r} must be text")
            return None
        value = str(located.value).strip()
        if not value:
            self.at(located, f"field {field!r} is empty")
            return None
        return value

    def date(self, field: str, *, required: bool) -> str | None:
        located = self.entry.get(field)
        if located is None:
            if required:
                self.at(None, f"entry {self._name()} is missing the required field {field!r}")
            return None
        if field == "issued" and located.plain() == UNDATED:
            return "No date given"  # the source shows no date: say so rather than invent one
        try:
            parts = parse_partial_date(located.plain())
        except DateError as error:
            self.at(located, f"field {field!r} is not a valid date ({located.plain()!r}): {error}")
            return None
        if field == "accessed" and earliest_day(parts) > self.today:
            self.at(located, f"'accessed' date {human_date(parts)} is in the future")
        return human_date(parts)

    def _name(self) -> str:
        key = self.entry.get("id")
        return repr(key.value) if key is not None and isinstance(key.value, str) else "(no id)"

    def read(self) -> Reference | None:
        key = self.text("id", required=True)
        if key is not None and not _KEY.match(key):
            self.at(
                self.entry.get("id"),
                f"{key!r} is not a usable citation key; use letters, digits and - (e.g. nci-metastatic-cancer)",
            )
        csl_type = self.text("type", required=True)
        if csl_type is not None and csl_type not in CSL_TYPES:
            hint = did_you_mean(csl_type, CSL_TYPES)
            self.at(
                self.entry.get("type"),
                f"unknown CSL type {csl_type!r}{hint or '; use e.g. webpage, article-journal, report, book'}",
            )
        title = self.text("title", required=True)
        authors = self._authors()
        publisher = self.text("publisher")
        if not authors and publisher is None:
            self.at(None, f"entry {self._name()} needs an 'author' or a 'publisher'")
        issued = self.date("issued", required=True)
        url = self._url()
        doi = self._doi()
        if url is None and doi is None and "URL" not in self.entry.value and "DOI" not in self.entry.value:
            self.at(None, f"entry {self._name()} needs a 'URL' or a 'DOI' so readers can find the source")
        accessed = self.date("accessed", required=csl_type in WEB_TYPES)
        if key is None:
            return None
        # An entry with other mistakes still exists: citing it is not also an "unknown key".
        return Reference(
            key=key,
            csl_type=csl_type or "",
            title=title or "",
            authors=authors,
            publisher=publisher,
            container_title=self.text("container-title"),
            issued=issued,
            url=url,
            doi=doi,
            accessed=accessed,
            line=self.entry.line,
            column=self.entry.column,
        )

    def _authors(self) -> tuple[str, ...]:
        located = self.entry.get("author")
        if located is None:
            return ()
        if not located.is_list or not located.value:
            self.at(located, "field 'author' must be a list such as [{family: Temel, given: Jennifer S.}]")
            return ()
        names = []
        for author in located.value:
            name = _author_name(author)
            if name is None:
                self.at(author, "an author needs a 'family' name (or a 'literal' name for an organisation)")
            else:
                names.append(name)
        return tuple(names)

    def _url(self) -> str | None:
        url = self.text("URL")
        if url is not None and not url.startswith("https://"):
            self.at(self.entry.get("URL"), f"URL must start with https:// ({url!r})")
            return None
        if url is not None and re.search(r"\s", url):
            self.at(self.entry.get("URL"), f"URL must not contain spaces ({url!r})")
            return None
        return url

    def _doi(self) -> str | None:
        doi = self.text("DOI")
        if doi is not None and not _DOI.match(doi):
            hint = " (write it without https://doi.org/)" if "doi.org" in doi else ""
            self.at(self.entry.get("DOI"), f"{doi!r} is not a valid DOI; a DOI looks like 10.1056/NEJMoa1000678{hint}")
            return None
        return doi


def parse_bibliography(source: SourceText, today: dt.date) -> tuple[Bibliography, list[Problem]]:
    """Read every entry; duplicates and bad fields become problems, good entries are kept."""
    if source.display_path.endswith(".json"):
        # JSON is read as YAML (for positions), but its syntax errors are best told as JSON's.
        try:
            json.loads(source.text)
        except json.JSONDecodeError as error:
            problem = Problem(source.display_path, error.lineno, error.colno, f"invalid JSON: {error.msg}")
            return Bibliography({}, readable=False), [problem]
    root, problems = parse_yaml(source)
    references: dict[str, Reference] = {}
    if root is None:
        if not problems:
            problems.append(Problem(source.display_path, 1, 1, "the bibliography is empty"))
        return Bibliography(references, readable=False), problems
    entries = root.get("references") if root.is_mapping else root
    if entries is None or not entries.is_list:
        problems.append(
            Problem(
                source.display_path,
                root.line,
                root.column,
                "the bibliography must be a list of entries (or a mapping with a 'references' list)",
            )
        )
        return Bibliography(references, readable=False), problems
    first_seen: dict[str, int] = {}
    for entry in entries.value:
        if not entry.is_mapping:
            problems.append(
                Problem(
                    source.display_path,
                    entry.line,
                    entry.column,
                    "each bibliography entry must be a mapping with id, type, title …",
                )
            )
            continue
        reader = _EntryReader(entry, source, today)
        reference = reader.read()
        problems.extend(reader.problems)
        if reference is None:
            continue
        if reference.key in first_seen:
            problems.append(
                Problem(
                    source.display_path,
                    entry.line,
                    entry.column,
                    f"duplicate bibliography key {reference.key!r} (first defined on line {first_seen[reference.key]})",
                )
            )
            continue
        first_seen[reference.key] = entry.line
        references[reference.key] = reference
    return Bibliography(references), problems
