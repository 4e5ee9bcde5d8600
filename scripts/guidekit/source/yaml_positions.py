"""YAML parsed into plain values that remember their line and column.

PyYAML's composer keeps positions; its constructor drops them. Contributors need positions in
every message, so data files are composed and then turned into :class:`Located` values here.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

import yaml

from guidekit.core.problems import Problem
from guidekit.source.text import SourceText

try:  # The C parser is several times faster; fall back where libyaml is missing.
    COMPOSE_LOADER: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    COMPOSE_LOADER = yaml.SafeLoader

_SCALAR_TAGS = frozenset(
    {
        "tag:yaml.org,2002:str",
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:null",
    }
)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_STRING = "tag:yaml.org,2002:str"
_OTHER_LINE_BREAKS = MappingProxyType(str.maketrans({"\x85": " ", "\u2028": " ", "\u2029": " "}))


@dataclass
class Located:
    """A YAML value and where it starts (1-based). Mappings and lists hold Located values."""

    value: Any
    line: int
    column: int
    # For mappings: the position of each key, so "missing"/"unknown key" can point at it.
    key_positions: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def is_mapping(self) -> bool:
        return isinstance(self.value, dict)

    @property
    def is_list(self) -> bool:
        return isinstance(self.value, list)

    def get(self, key: str) -> Located | None:
        """The value under ``key`` in a mapping, or None."""
        return self.value.get(key) if self.is_mapping else None

    def plain(self) -> Any:
        """The value with positions stripped, recursively."""
        if self.is_mapping:
            return {key: item.plain() for key, item in self.value.items()}
        if self.is_list:
            return [item.plain() for item in self.value]
        return self.value


class _Converter:
    """Turns composed nodes into Located values, collecting problems instead of raising."""

    def __init__(self, display_path: str) -> None:
        self.display_path = display_path
        self.problems: list[Problem] = []
        self._constructor = yaml.constructor.SafeConstructor()
        self._seen: set[int] = set()
        self.aliased = False

    def problem(self, node: yaml.Node, message: str, rule: str = "yaml-plain") -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.display_path, mark.line + 1, mark.column + 1, message, rule=rule))

    def convert(self, node: yaml.Node) -> Located:
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        if id(node) in self._seen:
            # An alias (*name) shares its node: refusing it stops self-reference and
            # exponential "billion laughs" files alike. Data files never need one. The shared
            # node knows only where its anchor (&name) is: parse_yaml reports each alias itself.
            self.aliased = True
            return Located(None, line, column)
        self._seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node)
        if isinstance(node, yaml.SequenceNode):
            return Located([self.convert(item) for item in node.value], line, column)
        if node.tag == _TIMESTAMP:
            # Keep dates as written: the rules check them and say what is wrong.
            return Located(str(node.value), line, column)
        if node.tag == _STRING:
            return Located(node.value, line, column)  # what PyYAML's constructor makes of it, without the dispatch
        if node.tag in _SCALAR_TAGS:
            try:
                value = self._constructor.construct_object(node, deep=True)
            except (ValueError, KeyError, IndexError, TypeError, yaml.YAMLError):
                # e.g. "!!bool" or "!!int ''" with no value: PyYAML's constructors fail on them.
                value = str(node.value)
            if isinstance(value, int) and not isinstance(value, bool) and len(str(node.value)) > 40:
                value = str(node.value)  # a number too long to print is not a date, key or count
            return Located(value, line, column)
        self.problem(node, f"unsupported YAML tag {node.tag!r}; write plain text, numbers, lists or mappings")
        return Located(str(node.value), line, column)

    def _mapping(self, node: yaml.MappingNode) -> Located:
        result = Located({}, node.start_mark.line + 1, node.start_mark.column + 1)
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_node, "a key must be plain text")
                continue
            key = str(key_node.value)
            if key in result.value:
                self.problem(key_node, f"duplicate key {key!r} in the same entry", "yaml-duplicate-key")
                continue
            result.value[key] = self.convert(value_node)
            result.key_positions[key] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        return result


def parse_yaml(source: SourceText, *, first_line: int = 1) -> tuple[Located | None, list[Problem]]:
    """Parse one YAML document; syntax errors become located problems.

    ``first_line`` shifts positions for YAML embedded in a larger file (front matter).
    """
    # libyaml counts these as line breaks; everything else here counts only "\n".
    text = source.text.translate(_OTHER_LINE_BREAKS)
    try:
        node = yaml.compose(text, Loader=COMPOSE_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 1 if mark else 1) + first_line - 1
        column = mark.column + 1 if mark else 1
        reason = error.problem or "invalid YAML"
        context = error.context_mark
        if error.context and context is not None and (context.line, context.column) != (mark.line, mark.column):
            # "found unexpected end of stream" alone hides the cause, e.g. an unclosed quote.
            reason += f" ({error.context} that starts at line {context.line + first_line}, column {context.column + 1})"
        return None, [Problem(source.display_path, line, column, f"invalid YAML: {reason}", rule="yaml-syntax")]
    except yaml.YAMLError as error:  # e.g. a reader error on control characters
        return None, [Problem(source.display_path, first_line, 1, f"invalid YAML: {error}", rule="yaml-syntax")]
    if node is None:
        return None, []
    converter = _Converter(source.display_path)
    located = converter.convert(node)
    if converter.aliased:
        converter.problems += _alias_problems(text, source.display_path)
    if first_line != 1:
        _shift(located, first_line - 1)
        converter.problems = [replace(p, line=p.line + first_line - 1) for p in converter.problems]
    return located, converter.problems


def _alias_problems(text: str, display_path: str) -> list[Problem]:
    """Each alias (*name) where it is written: tokens keep the positions that composing loses."""
    message = "YAML aliases (*name) are not allowed here; write the value out in full"
    return [
        Problem(display_path, token.start_mark.line + 1, token.start_mark.column + 1, message, rule="yaml-plain")
        for token in yaml.scan(text, Loader=COMPOSE_LOADER)
        if isinstance(token, yaml.AliasToken)
    ]


def _shift(located: Located, lines: int) -> None:
    located.line += lines
    located.key_positions = {k: (line + lines, col) for k, (line, col) in located.key_positions.items()}
    children = located.value.values() if located.is_mapping else located.value if located.is_list else []
    for child in children:
        _shift(child, lines)
