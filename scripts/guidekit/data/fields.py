"""Fields declared once: what each data file's entries and a page's front matter may hold.

A :class:`Schema` lists the fields of one kind of entry (a glossary entry, a survival row, the
front matter): each :class:`Field` has a kind (text, a list of text, a number, a day …), whether it
is required, the values it may take, and a check of its format. :func:`read_fields` reads one entry
against its schema and collects every failure, located at the value (or at the key, or at the
entry when the field is missing); it never raises, and each kind of failure is worded once, the
same way in every file. What is left (rules about several fields or several entries: duplicates,
dates in order) stays with each data file, which builds its problems with :func:`data_problem`
too, so every problem about a data file is made in one place.

The idea is MkDocs' config options (each option declared once, every failure collected as a
(key, error) pair, never raised) and Material's blog plugin, whose front matter is a schema.
"""

from __future__ import annotations

import difflib
import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from guidekit.core.dates import DateError, UnrealDateError, earliest_day, parse_partial_date
from guidekit.core.problems import Problem, Severity
from guidekit.core.suggest import closest, did_you_mean
from guidekit.source.yaml_positions import Located

SHOWN_LENGTH = 60  # a longer value is cut short when a message quotes it


class Kind(enum.Enum):
    """What a field holds; the value is how a message names it."""

    TEXT = "text"
    TEXT_LIST = "a list of text, such as [one, two]"
    NUMBER = "a number"
    BOOL = "true or false"
    DATE = "a date written YYYY, YYYY-MM or YYYY-MM-DD"
    DAY = "a day written YYYY-MM-DD"
    MAPPING = "a mapping of names to values"
    LIST = "a list"


TEXT, TEXT_LIST, NUMBER, BOOL = Kind.TEXT, Kind.TEXT_LIST, Kind.NUMBER, Kind.BOOL
DATE, DAY, MAPPING, LIST = Kind.DATE, Kind.DAY, Kind.MAPPING, Kind.LIST


@dataclass(frozen=True)
class Field:
    """One field: its kind, whether it must be there, and what its value may be.

    ``check`` judges a well-typed value's format or range (each item's, for a list of text): it
    returns None when the value is good, else what it should be ("a range of years such as
    2015–2021"). ``describe``
    says what to write when that is more than the kind ("one plain sentence saying what changed").
    """

    name: str
    kind: Kind = Kind.TEXT
    required: bool = False
    choices: tuple[str, ...] = ()
    check: Callable[[Any], str | None] | None = None
    describe: str | None = None
    allow_empty: bool = False  # an empty list is a value ('sources: []' for a plain fact)
    one_as_list: bool = False  # TEXT_LIST: a single text counts as a list of one
    accept: tuple[str, ...] = ()  # texts taken as written whatever the kind ('n.d.' for a date)
    fields: Schema | None = None  # MAPPING: its own fields, named 'search.boost' in messages
    check_kind: str = "field-format"  # the kind of failure ``check`` finds, when a rule of its own

    @property
    def advice(self) -> str | None:
        """What to write, when there is more to say than the kind's name."""
        return self.describe or (or_list(self.choices) if self.choices else None)

    @property
    def expected(self) -> str:
        return self.advice or self.kind.value


@dataclass(frozen=True)
class Schema:
    """The fields of one kind of entry; ``what`` names the entry in messages ("glossary entry")."""

    what: str
    fields: tuple[Field, ...]
    # Other fields are allowed and not read (CSL has dozens; the guide uses a few).
    open: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(field.name for field in self.fields)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(field.name for field in self.fields if field.required)

    def field(self, name: str) -> Field | None:
        return next((field for field in self.fields if field.name == name), None)


def data_problem(
    kind: str, path: str, where: Located | tuple[int, int], message: str, severity: Severity | None = None
) -> Problem:
    """The one place a problem about a data file or a page's front matter is built.

    ``kind`` names the failure, and is the rule id the problem carries (see guidekit.core.rules):
    unknown-field, required-field, field-type, field-choice, field-format, data-shape, or a named
    check such as glossary-duplicate or review-overdue.
    """
    line, column = (where.line, where.column) if isinstance(where, Located) else where
    return Problem(path, line, column, message, severity, rule=kind)  # no severity: the rule's own level


def or_list(words: Iterable[str]) -> str:
    """'a', 'a or b', 'a, b or c'."""
    items = list(words)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} or {items[-1]}"


def and_list(words: Iterable[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = list(words)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def shown(value: Any) -> str:
    """A value as a message quotes it: 'text' and numbers as written, else what it is."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    written = repr(value)
    return written if len(written) <= SHOWN_LENGTH else f"{written[: SHOWN_LENGTH - 2]}…{written[-1]}"


def as_text(value: Any) -> str | None:
    """A scalar as text, with its white space made single spaces; None for what is not text.

    Numbers count as text: YAML reads 'title: 2024' as a number, but the writer meant the words.
    """
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    return " ".join(str(value).split())


def entry_shape_problem(path: str, where: Located, schema: Schema) -> Problem:
    """An entry that is not a mapping of fields."""
    fields = and_list(repr(name) for name in schema.required or schema.names)
    return data_problem("data-shape", path, where, f"each {schema.what} must be a mapping with {fields}")


def entries(node: Located, schema: Schema, path: str, name: str) -> tuple[list[Located] | None, list[Problem]]:
    """The entries of a list (a whole file such as the glossary, or a field such as 'rows').

    None when ``node`` is not a list; each item that is not a mapping is reported and left out.
    """
    if not node.is_list:
        first = schema.fields[0].name
        message = f"{name} must be a list of entries, each starting with '- {first}:'"
        return None, [data_problem("data-shape", path, node, message)]
    return mappings(node.value, schema, path)


def mappings(items: list[Located], schema: Schema, path: str) -> tuple[list[Located], list[Problem]]:
    """The items that are mappings (entries to read); each other item is reported."""
    found: list[Located] = []
    problems: list[Problem] = []
    for item in items:
        if item.is_mapping:
            found.append(item)
        else:
            problems.append(entry_shape_problem(path, item, schema))
    return found, problems


def read_fields(
    entry: Located,
    schema: Schema,
    path: str,
    *,
    name: str | None = None,
    also_required: Iterable[str] = (),
    missing_at: tuple[int, int] | None = None,
) -> tuple[dict[str, Any], list[Problem]]:
    """Check one entry (a mapping) against its schema; every failure is collected, never raised.

    Returns the good values by field name, and the problems. A field that is missing, empty
    (when optional) or wrong has no value. Values: TEXT a str (white space made single spaces),
    TEXT_LIST a tuple of Located texts (they keep their positions for later checks), NUMBER an
    int or float, BOOL a bool, DATE its (year, month, day) parts, DAY a datetime.date, MAPPING a
    dict of its own fields' values (or the Located mapping when it declares none), LIST the
    Located items.

    ``name`` names the entry when a field is missing ("bibliography entry 'temel-2010'");
    ``also_required`` adds fields this entry needs (a web page needs 'accessed'); ``missing_at``
    places "missing" failures somewhere other than the entry's start.
    """
    reader = _FieldReader(schema.what, path)
    values = reader.mapping(entry, schema, "", name, tuple(also_required), missing_at)
    return values, reader.problems


_NO_VALUE = object()
# A field the entry already has is suggested only for a near-certain typo ('defnition' beside
# 'definition'), not for a field that merely shares a word ('earlier_percent' beside 'percent').
_SURE = 0.8


def _likely_meant(key: str, names: tuple[str, ...], entry: Located) -> str | None:
    match = closest(key, names)
    if match in entry.value and difflib.SequenceMatcher(None, key.lower(), match.lower()).ratio() < _SURE:
        return closest(key, [name for name in names if name not in entry.value])
    return match


class _FieldReader:
    """Reads one entry's fields, keeping each failure with its position."""

    def __init__(self, what: str, path: str) -> None:
        self.what = what
        self.path = path
        self.problems: list[Problem] = []

    def _problem(self, kind: str, where: Located | tuple[int, int], message: str) -> None:
        self.problems.append(data_problem(kind, self.path, where, message))

    def mapping(
        self,
        entry: Located,
        schema: Schema,
        prefix: str,
        name: str | None,
        also_required: tuple[str, ...],
        missing_at: tuple[int, int] | None,
    ) -> dict[str, Any]:
        if not schema.open:
            for key, position in entry.key_positions.items():
                if schema.field(key) is None:
                    match = _likely_meant(key, schema.names, entry)
                    hint = f"; did you mean {match!r}?" if match else f"; use {or_list(schema.names)}"
                    self._problem("unknown-field", position, f"unknown {self.what} field {prefix + key!r}{hint}")
        values: dict[str, Any] = {}
        for field in schema.fields:
            required = field.required or field.name in also_required
            located = entry.get(field.name)
            if located is None:
                if required:
                    self.missing(field, prefix + field.name, missing_at or entry, name)
                continue
            value = self.value(field, prefix + field.name, located, required)
            if value is not _NO_VALUE:
                values[field.name] = value
        return values

    def missing(self, field: Field, key: str, where: Located | tuple[int, int], name: str | None) -> None:
        label = f"{self.what} {name!r}" if name else self.what
        hint = f"; write {field.advice}" if field.advice else ""
        self._problem("required-field", where, f"{label} is missing the required field {key!r}{hint}")

    def empty(self, field: Field, key: str, located: Located, required: bool) -> None:
        advice = f"write {field.advice}" if field.advice else "fill it in"
        if not required:
            advice += " or remove it"
        kind = "required-field" if required else "field-type"
        self._problem(kind, located, f"{self.what} field {key!r} is empty; {advice}")

    def must_be(self, kind: str, key: str, located: Located, expected: str) -> None:
        self._problem(kind, located, f"{self.what} field {key!r} must be {expected}, not {shown(located.value)}")

    def value(self, field: Field, key: str, located: Located, required: bool) -> Any:
        raw = located.value
        if isinstance(raw, str) and raw.strip() in field.accept:
            return raw.strip()
        if raw is None:
            # An optional 'key:' with nothing after it is as good as absent (a refused alias leaves
            # nothing too); empty quotes, below, are written on purpose and said to be empty.
            if required:
                self.empty(field, key, located, required)
            return _NO_VALUE
        if isinstance(raw, str) and not raw.strip():
            self.empty(field, key, located, required)
            return _NO_VALUE
        value = self.typed(field, key, located, required)
        if value is _NO_VALUE:
            return _NO_VALUE
        if field.choices and field.kind is TEXT and not self.chosen(field, key, located, value):
            return _NO_VALUE
        if field.kind is not TEXT_LIST and not self.checked(field, key, located, value):  # lists: item by item
            return _NO_VALUE
        return value

    def checked(self, field: Field, key: str, located: Located, value: Any) -> bool:
        expected = field.check(value) if field.check is not None else None
        if expected is not None:
            self.must_be(field.check_kind, key, located, expected)
        return expected is None

    def chosen(self, field: Field, key: str, located: Located, value: str) -> bool:
        if value in field.choices:
            return True
        hint = did_you_mean(value, field.choices) or f"; use {or_list(field.choices)}"
        self._problem("field-choice", located, f"{self.what} field {key!r} has unknown value {value!r}{hint}")
        return False

    def typed(self, field: Field, key: str, located: Located, required: bool) -> Any:
        """The value converted to its kind, or _NO_VALUE once the failure is reported."""
        raw = located.value
        kind = field.kind
        value: Any = _NO_VALUE
        if kind is TEXT:
            value = as_text(raw)
        elif kind is TEXT_LIST:
            return self.texts(field, key, located, required)
        elif kind is NUMBER:
            value = raw if isinstance(raw, (int, float)) and not isinstance(raw, bool) else None
        elif kind is BOOL:
            value = raw if isinstance(raw, bool) else None
        elif kind in (DATE, DAY):
            return self.date(field, key, located)
        elif kind is MAPPING:
            if located.is_mapping:
                if field.fields is None:
                    return located
                return self.mapping(located, field.fields, f"{key}.", None, (), None)
            value = None
        elif kind is LIST:
            if located.is_list and not raw and not field.allow_empty:
                self.empty(field, key, located, required)
                return _NO_VALUE
            value = raw if located.is_list else None
        if value is None:
            self.must_be("field-type", key, located, field.expected)
            return _NO_VALUE
        return value

    def texts(self, field: Field, key: str, located: Located, required: bool) -> Any:
        if not located.is_list:
            if not (field.one_as_list and as_text(located.value)):
                self.must_be("field-type", key, located, field.expected)
                return _NO_VALUE
            items = [located]
        elif not located.value and not field.allow_empty:
            self.empty(field, key, located, required)
            return _NO_VALUE
        else:
            items = located.value
        found = []
        for item in items:
            text = as_text(item.value)
            if not text:
                message = f"each item in {self.what} field {key!r} must be non-empty text, not {shown(item.value)}"
                self._problem("field-type", item, message)
            elif (not field.choices or self.chosen(field, key, item, text)) and self.checked(field, key, item, text):
                found.append(Located(text, item.line, item.column))
        return tuple(found)

    def date(self, field: Field, key: str, located: Located) -> Any:
        raw = located.plain()
        if isinstance(raw, (bool, list)) or (isinstance(raw, dict) and "date-parts" not in raw):
            self.must_be("field-type", key, located, field.expected)
            return _NO_VALUE
        try:
            parts = parse_partial_date(raw)
        except DateError as error:
            if isinstance(raw, dict):
                expected = "date-parts such as [[2024, 5, 1]]"
            elif isinstance(error, UnrealDateError):
                expected = "a real date"
            else:
                expected = field.expected
            self.must_be("field-format", key, located, expected)
            return _NO_VALUE
        if field.kind is DAY:
            if parts[1] is None or parts[2] is None:
                self.must_be("field-format", key, located, field.expected)
                return _NO_VALUE
            return earliest_day(parts)  # month and day are both written: the day itself
        return parts
