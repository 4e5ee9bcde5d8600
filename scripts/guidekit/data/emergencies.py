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

from guidekit.core.problems import Problem
from guidekit.core.suggest import did_you_mean
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


class _Reader:
    """Reads the file's entries, collecting each problem where it is written."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def problem(self, where: Located, message: str) -> None:
        self.problems.append(Problem(self.path, where.line, where.column, message))

    def item_problem(self, where: Located) -> None:
        self.problem(where, "each item needs 'text' and 'sources', a list of citation keys such as [cdc-fever-chemo]")

    def text(self, entry: Located, field: str, owner: str) -> str | None:
        value = entry.get(field)
        if value is None or not isinstance(value.value, str) or not value.value.strip():
            self.problem(value or entry, f"emergency {owner!r} needs text in {field!r}")
            return None
        if _NOT_PLAIN.search(value.value):
            self.problem(value, f"emergency text must be plain words: no links, HTML or [@citations] in {field!r}")
            return None
        return " ".join(value.value.split())

    def item(self, node: Located, owner: str) -> Item | None:
        if not node.is_mapping:
            self.item_problem(node)
            return None
        text = self.text(node, "text", owner)
        sources = node.get("sources")
        keys = [key.value for key in sources.value] if sources is not None and sources.is_list else None
        # An empty list is allowed, written out: a plain fact such as an emergency number needs no source.
        if keys is None or not all(isinstance(key, str) and key.strip() for key in keys):
            self.item_problem(sources or node)
            return None
        return Item(text, tuple(key.strip() for key in keys)) if text else None

    def items(self, entry: Located, field: str, owner: str, *, required: bool = True) -> tuple[Item, ...] | None:
        node = entry.get(field)
        if node is None and not required:
            return ()
        if node is None or not node.is_list or not node.value:
            self.problem(node or entry, f"emergency {owner!r} needs a list in {field!r}")
            return None
        found = [self.item(child, owner) for child in node.value]
        return tuple(item for item in found if item) if all(found) else None

    def country(self, node: Located, owner: str) -> Country | None:
        if not node.is_mapping:
            self.problem(node, f"emergency {owner!r} needs a list in 'countries'")
            return None
        name = self.text(node, "name", owner)
        call = self.items(node, "call", owner, required=False)
        # A country whose signs are the same as everyone's lists only whom to call.
        signs = self.items(node, "signs", owner, required=not call)
        return Country(name, signs, call) if name and signs is not None and call is not None else None

    def emergency(self, name: str, entry: Located) -> Emergency | None:
        if not entry.is_mapping:
            self.problem(entry, f"emergency {name!r} needs text in 'title'")
            return None
        before = len(self.problems)
        kind = entry.get("kind")
        if kind is None or kind.value not in KINDS:
            self.problem(kind or entry, f"emergency {name!r} needs 'kind': {' or '.join(KINDS)}")
        title = self.text(entry, "title", name)
        intro_node = entry.get("intro")
        intro = self.item(intro_node, name) if intro_node is not None else None
        if intro_node is None:
            self.problem(entry, f"emergency {name!r} needs text in 'intro'")
        countries_node = entry.get("countries")
        countries: list[Country | None] = []
        if countries_node is None or not countries_node.is_list or not countries_node.value:
            self.problem(countries_node or entry, f"emergency {name!r} needs a list in 'countries'")
        else:
            countries = [self.country(node, name) for node in countries_node.value]
        notes = self.items(entry, "notes", name, required=False)
        if len(self.problems) > before or not (title and intro) or notes is None:
            return None
        return Emergency(name, str(kind.value), title, intro, tuple(c for c in countries if c), notes)


def parse_emergencies(source: SourceText) -> tuple[EmergencyData | None, list[Problem]]:
    """Read the emergencies file: a mapping of names (``fever``) to boxes."""
    root, problems = parse_yaml(source)
    if root is None:
        return None, problems
    reader = _Reader(source.display_path)
    if not root.is_mapping or not root.value:
        reader.problem(root, "emergency data must be a mapping of names to boxes, such as 'fever:'")
        return None, problems + reader.problems
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


def page_problems(display_path: str, text: str, data: EmergencyData | None) -> list[Problem]:
    """Markers naming no box, markers without a data file, and temperatures written by hand."""
    problems: list[Problem] = []
    for number, line in enumerate(text.split("\n"), start=1):
        name = marker_name(line)
        if name is None:
            continue
        column = line.index("<!--") + 1
        if data is None:
            message = "emergency advice needs its data file (the 'emergencies' setting of guidekit.extension)"
            problems.append(Problem(display_path, number, column, message))
        elif name not in data.emergencies and name not in data.broken:
            known = sorted(data.emergencies)
            hint = did_you_mean(name, known) or (f"; the data file has: {', '.join(known)}" if known else "")
            problems.append(Problem(display_path, number, column, f"unknown emergency {name!r}{hint}"))
    masked = mask_code(text)
    index = LineIndex(masked)
    for match in TEMPERATURE.finditer(masked):
        message = f"write emergency temperatures with the {EXAMPLE_MARKER} marker, not by hand"
        problems.append(Problem(display_path, *index.position(match.start()), message))
    return problems
