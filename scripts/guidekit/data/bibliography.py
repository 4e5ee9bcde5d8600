"""The bibliography: CSL-YAML/CSL-JSON entries, their rules, and how an entry reads in print.

One file is the single source of truth for sources. Its fields follow CSL, the format Zotero and
Pandoc exchange, so a contributor can export an entry from a reference manager and paste it in.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

from guidekit.core.dates import earliest_day, human_date
from guidekit.core.problems import Problem
from guidekit.data.fields import DATE, LIST, TEXT, Field, Schema, as_text, data_problem, entries, read_fields
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
    # The dates as numbers (year[, month[, day]]), for pages that write them in another language;
    # issued_parts is () when the source shows no date.
    issued_parts: tuple[int, ...] | None = None
    accessed_parts: tuple[int, ...] | None = None
    language: str | None = None  # CSL's `language` ("es"): the language the source is written in

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


def _citation_key(key: str) -> str | None:
    return None if _KEY.match(key) else "a citation key of letters, digits and -, such as nci-metastatic-cancer"


def _web_address(url: str) -> str | None:
    if not url.startswith("https://"):
        return "an address starting with https://"
    if re.search(r"\s", url):
        return "an address without spaces (write a space as %20)"
    return None


def _doi(doi: str) -> str | None:
    if _DOI.match(doi):
        return None
    return "a DOI such as 10.1056/NEJMoa1000678" + (", without https://doi.org/" if "doi.org" in doi else "")


# The CSL fields the guide reads; CSL has many more, which are allowed and left alone.
ENTRY = Schema(
    "bibliography entry",
    (
        Field("id", TEXT, required=True, check=_citation_key),
        Field(
            "type",
            TEXT,
            required=True,
            choices=CSL_TYPES,
            describe="a CSL type such as webpage, article-journal, report or book",
        ),
        Field("title", TEXT, required=True),
        Field("author", LIST, describe="a list such as [{family: Temel, given: Jennifer S.}]"),
        Field("publisher", TEXT),
        Field("container-title", TEXT),
        Field("issued", DATE, required=True, accept=(UNDATED,)),
        Field("URL", TEXT, check=_web_address),
        Field("DOI", TEXT, check=_doi),
        Field("accessed", DATE),
    ),
    open=True,
)


def _authors(values: dict[str, Any], path: str, problems: list[Problem]) -> tuple[str, ...]:
    names = []
    for author in values.get("author", ()):
        name = _author_name(author)
        if name is None:
            message = "an author needs a 'family' name (or a 'literal' name for an organisation)"
            problems.append(data_problem("bibliography-creator", path, author, message))
        else:
            names.append(name)
    return tuple(names)


def _language(entry: Located) -> str | None:
    """CSL's ``language`` of an entry ("es"), None when not given."""
    node = entry.get("language")
    return str(node.value) if node is not None and node.value else None


def _read_entry(entry: Located, path: str, today: dt.date) -> tuple[Reference | None, list[Problem]]:
    """One entry's fields, then the rules across them; every problem is kept."""
    written_type = entry.get("type")
    web = written_type is not None and isinstance(written_type.value, str) and written_type.value.strip() in WEB_TYPES
    id_node = entry.get("id")
    key = as_text(id_node.value) if id_node is not None else None
    values, problems = read_fields(entry, ENTRY, path, name=key or None, also_required=("accessed",) if web else ())
    label = f"bibliography entry {key!r}" if key else "bibliography entry"
    authors = _authors(values, path, problems)
    if not authors and "publisher" not in values:
        problems.append(
            data_problem("bibliography-creator", path, entry, f"{label} needs an 'author' or a 'publisher'")
        )
    if "URL" not in entry.value and "DOI" not in entry.value:
        message = f"{label} needs a 'URL' or a 'DOI' so readers can find the source"
        problems.append(data_problem("bibliography-locator", path, entry, message))
    accessed = values.get("accessed")
    if accessed is not None and earliest_day(accessed) > today:
        message = f"'accessed' date {human_date(accessed)} is in the future"
        problems.append(data_problem("date-in-future", path, entry.get("accessed") or entry, message))
    if not key:
        return None, problems
    issued = values.get("issued")
    # An entry with other mistakes still exists: citing it is not also an "unknown key".
    reference = Reference(
        key=key,
        csl_type=values.get("type", ""),
        title=values.get("title", ""),
        authors=authors,
        publisher=values.get("publisher"),
        container_title=values.get("container-title"),
        # The source shows no date: say so rather than invent one.
        issued="No date given" if issued == UNDATED else human_date(issued) if issued else None,
        url=values.get("URL"),
        doi=values.get("DOI"),
        accessed=human_date(accessed) if accessed else None,
        line=entry.line,
        column=entry.column,
        issued_parts=() if issued == UNDATED else tuple(issued) if issued else None,
        accessed_parts=tuple(accessed) if accessed else None,
        language=_language(entry),
    )
    return reference, problems


def parse_bibliography(source: SourceText, today: dt.date) -> tuple[Bibliography, list[Problem]]:
    """Read every entry; duplicates and bad fields become problems, good entries are kept."""
    path = source.display_path
    if path.endswith(".json"):
        # JSON is read as YAML (for positions), but its syntax errors are best told as JSON's.
        try:
            json.loads(source.text)
        except json.JSONDecodeError as error:
            problem = data_problem("yaml-syntax", path, (error.lineno, error.colno), f"invalid JSON: {error.msg}")
            return Bibliography({}, readable=False), [problem]
    root, problems = parse_yaml(source)
    references: dict[str, Reference] = {}
    if root is None:
        if not problems:
            problems.append(data_problem("data-shape", path, (1, 1), "the bibliography is empty"))
        return Bibliography(references, readable=False), problems
    listed = root.get("references") if root.is_mapping else root  # CSL-YAML as Pandoc writes it
    found, shape_problems = entries(listed or root, ENTRY, path, "the bibliography")
    problems += shape_problems
    if found is None:
        return Bibliography(references, readable=False), problems
    first_seen: dict[str, int] = {}
    for entry in found:
        reference, entry_problems = _read_entry(entry, path, today)
        problems += entry_problems
        if reference is None:
            continue
        if reference.key in first_seen:
            first = first_seen[reference.key]
            message = f"duplicate bibliography key {reference.key!r} (first defined on line {first})"
            problems.append(data_problem("bibliography-duplicate-key", path, entry, message))
            continue
        first_seen[reference.key] = entry.line
        references[reference.key] = reference
    return Bibliography(references), problems
