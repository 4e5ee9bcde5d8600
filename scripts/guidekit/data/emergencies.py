"""Emergency advice: one data file holds every emergency box, so no two pages can disagree.

A page writes ``<!-- guide:emergency fever -->`` where the box goes (indented, it can sit inside a
list or another block); the extension writes the box there as Markdown, so its citations are
numbered like any other. The data file carries its citation keys; the checks read the marker line
as those citations (``expand_for_scan``), so an unknown key is reported and a cited source counts
as cited. A temperature written by hand in a page is refused: thresholds live in the data file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from guidekit.core.problems import Problem
from guidekit.core.suggest import did_you_mean
from guidekit.data.fields import (
    LIST,
    MAPPING,
    TEXT,
    TEXT_LIST,
    Field,
    Schema,
    data_problem,
    entry_shape_problem,
    mappings,
    read_fields,
)
from guidekit.source.citations import CITATION
from guidekit.source.markdown_scan import LineIndex, mask_code
from guidekit.source.text import SourceText
from guidekit.source.yaml_positions import Located, parse_yaml

# <!-- guide:emergency fever -->, alone on its line; the name may be missing (then it is reported).
MARKER = re.compile(r"^(?P<indent>[ \t]*)<!--[ \t]*guide:emergency\b[ \t]*(?P<name>[^\s>]*)[ \t]*-->[ \t]*$")
KINDS = ("danger", "warning")
EXAMPLE_MARKER = "<!-- guide:emergency fever -->"

# 38°C, 100.4 °F, 37,5 ºC, 36C, 96.8 degrees F, 38 degrees Celsius: a temperature in any spelling.
TEMPERATURE = re.compile(
    r"(?<![\w.,])\d{2,3}(?:[.,]\d+)?"
    r"(?:[ \t\u00a0]?[°º˚][ \t\u00a0]?|[ \t\u00a0]?(?i:degrees?)[ \t\u00a0]+|)"
    r"(?:C|F|(?i:celsius|fahrenheit))\b"
)
# Text from the data file is written into pages as Markdown: no links, HTML or citations in it.
_NOT_PLAIN = re.compile(r"[\[\]<>`]")


@dataclass(frozen=True)
class Item:
    """One sentence or sign, and the sources it rests on."""

    text: str
    sources: tuple[str, ...]

    def markdown(self) -> str:
        """The text with its citation at the end of the sentence, before the period."""
        if not self.sources:
            return self.text
        cite = f" [@{'; @'.join(self.sources)}]"
        return f"{self.text[:-1]}{cite}." if self.text.endswith(".") else f"{self.text}{cite}"


@dataclass(frozen=True)
class Country:
    """What one country's readers watch for, and whom they call (``call`` may be empty)."""

    name: str
    signs: tuple[Item, ...]
    call: tuple[Item, ...]


@dataclass(frozen=True)
class Emergency:
    """One box: its kind and title, who it is for, each country's advice, and notes for everyone."""

    name: str
    kind: str
    title: str
    intro: Item
    countries: tuple[Country, ...]
    notes: tuple[Item, ...] = ()


@dataclass(frozen=True)
class EmergencyData:
    """Every box by name; ``broken`` names entries the data file has but could not read."""

    emergencies: dict[str, Emergency]
    broken: frozenset[str] = frozenset()


def _plain(text: str) -> str | None:
    return "plain words with no links, HTML or [@citations]" if _NOT_PLAIN.search(text) else None


_ITEM_SHAPE = "a mapping such as {text: …, sources: [a-key]}"
_ITEMS = "a list of {text: …, sources: [a-key]} items"
ITEM = Schema(
    "emergency item",
    (
        Field("text", TEXT, required=True, check=_plain, check_kind="emergency-text"),
        Field(
            "sources",
            TEXT_LIST,
            required=True,
            allow_empty=True,  # written out: a plain fact such as an emergency number needs no source
            describe="a list of citation keys such as [cdc-fever-chemo]",
        ),
    ),
)
COUNTRY = Schema(
    "emergency country",
    (
        Field("name", TEXT, required=True, check=_plain, check_kind="emergency-text"),
        Field("signs", LIST, describe=_ITEMS),
        Field("call", LIST, describe=_ITEMS),
    ),
)
BOX = Schema(
    "emergency box",
    (
        Field("kind", TEXT, required=True, choices=KINDS),
        Field("title", TEXT, required=True, check=_plain, check_kind="emergency-text"),
        Field("intro", MAPPING, required=True, describe=_ITEM_SHAPE),
        Field("countries", LIST, required=True, describe="a list of countries, each with a name and its signs"),
        Field("notes", LIST, describe=_ITEMS),
    ),
)


class _Reader:
    """Reads the file's boxes, collecting each problem where it is written."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def fields(self, entry: Located, schema: Schema, **options: Any) -> tuple[dict[str, Any], bool]:
        """The entry's good values, and whether all of them were good."""
        values, problems = read_fields(entry, schema, self.path, **options)
        self.problems += problems
        return values, not problems

    def item(self, node: Located) -> Item | None:
        values, good = self.fields(node, ITEM)
        return Item(values["text"], tuple(key.value for key in values["sources"])) if good else None

    def items(self, listed: list[Located] | None) -> tuple[Item, ...] | None:
        """The items of a list field (none when it is absent); None when any is wrong."""
        found, problems = mappings(listed or [], ITEM, self.path)
        self.problems += problems
        read = [self.item(child) for child in found]
        return tuple(item for item in read if item) if not problems and all(read) else None

    def country(self, node: Located) -> Country | None:
        call = node.get("call")
        # A country whose signs are the same as everyone's lists only whom to call.
        has_call = call is not None and call.is_list and bool(call.value)
        values, good = self.fields(node, COUNTRY, also_required=() if has_call else ("signs",))
        signs, calls = self.items(values.get("signs")), self.items(values.get("call"))
        if not good or signs is None or calls is None:
            return None
        return Country(values["name"], signs, calls)

    def emergency(self, name: str, entry: Located) -> Emergency | None:
        if not entry.is_mapping:
            self.problems.append(entry_shape_problem(self.path, entry, BOX))
            return None
        values, good = self.fields(entry, BOX, name=name)
        intro = self.item(values["intro"]) if "intro" in values else None
        found, problems = mappings(values.get("countries", []), COUNTRY, self.path)
        self.problems += problems
        countries = [self.country(node) for node in found]
        notes = self.items(values.get("notes"))
        if not good or problems or intro is None or not all(countries) or notes is None:
            return None
        return Emergency(name, values["kind"], values["title"], intro, tuple(c for c in countries if c), notes)


def parse_emergencies(source: SourceText) -> tuple[EmergencyData | None, list[Problem]]:
    """Read the emergencies file: a mapping of names (``fever``) to boxes."""
    root, problems = parse_yaml(source)
    if root is None:
        return None, problems
    if not root.is_mapping or not root.value:
        message = "emergency data must be a mapping of names to boxes, such as 'fever:'"
        return None, [*problems, data_problem("data-shape", source.display_path, root, message)]
    reader = _Reader(source.display_path)
    emergencies: dict[str, Emergency] = {}
    broken: set[str] = set()
    for name, entry in root.value.items():
        parsed = reader.emergency(name, entry)
        if parsed is None:
            broken.add(name)
        else:
            emergencies[name] = parsed
    return EmergencyData(emergencies, frozenset(broken)), problems + reader.problems


def box_lines(emergency: Emergency, indent: str = "") -> list[str]:
    """The box as Markdown (an admonition), each line indented like the marker it replaces."""
    body = [emergency.intro.markdown(), ""]
    for country in emergency.countries:
        body += [f"**{country.name}:**", ""]
        if country.signs:
            body += [f"- {item.markdown()}" for item in country.signs]
            body += [""]
        if country.call:
            body += [" ".join(item.markdown() for item in country.call), ""]
    for note in emergency.notes:
        body += [note.markdown(), ""]
    lines = [f'!!! {emergency.kind} "{emergency.title}"', ""]
    lines += [f"    {line}" if line else "" for line in body]
    return [f"{indent}{line}" if line else "" for line in lines]


def marker_name(line: str) -> str | None:
    """The emergency a marker line names ('' when it names none); None when the line is no marker."""
    match = MARKER.match(line)
    return match["name"] if match else None


def citation_line(emergency: Emergency) -> str:
    """Every citation of the box, in the order the box shows them: what the checks scan instead."""
    return " ".join(match.group(0) for line in box_lines(emergency) for match in CITATION.finditer(line))


def expand_for_scan(text: str, data: EmergencyData | None) -> str:
    """The page as the checks read it: each marker line holds its box's citations (lines keep their numbers)."""
    if data is None or "guide:emergency" not in text:
        return text
    lines = text.split("\n")
    for index, line in enumerate(lines):
        name = marker_name(line)
        if name is not None and name in data.emergencies:
            lines[index] = citation_line(data.emergencies[name])
    return "\n".join(lines)


def expand_markdown(lines: list[str], data: EmergencyData | None) -> list[str]:
    """The page's lines with each known marker replaced by its box (for rendering)."""
    if data is None:
        return lines
    output: list[str] = []
    for line in lines:
        name = marker_name(line)
        emergency = data.emergencies.get(name) if name is not None else None
        if emergency is None:
            output.append(line)
            continue
        indent = MARKER.match(line)["indent"]  # type: ignore[index]  # marker_name matched it
        output += ["", *box_lines(emergency, indent), ""]
    return output


def page_problems(
    display_path: str, text: str, data: EmergencyData | None, *, masked: str | None = None
) -> list[Problem]:
    """Markers naming no box, markers without a data file, and temperatures written by hand.

    ``masked``: ``mask_code(text)``, when the caller has it already.
    """
    problems: list[Problem] = []
    lines = text.split("\n") if "guide:emergency" in text else []  # every marker names it
    for number, line in enumerate(lines, start=1):
        name = marker_name(line)
        if name is None:
            continue
        column = line.index("<!--") + 1
        if data is None:
            message = "emergency advice needs its data file (the 'emergencies' setting of guidekit.extension)"
            problems.append(Problem(display_path, number, column, message, rule="marker-data"))
        elif name not in data.emergencies and name not in data.broken:
            known = sorted(data.emergencies)
            hint = did_you_mean(name, known) or (f"; the data file has: {', '.join(known)}" if known else "")
            message = f"unknown emergency {name!r}{hint}"
            problems.append(Problem(display_path, number, column, message, rule="marker-data"))
    masked = mask_code(text) if masked is None else masked
    index = LineIndex(masked)
    for match in TEMPERATURE.finditer(masked):
        message = f"write emergency temperatures with the {EXAMPLE_MARKER} marker, not by hand"
        problems.append(Problem(display_path, *index.position(match.start()), message, rule="emergency-by-hand"))
    return problems
