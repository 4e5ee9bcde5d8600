"""Every message a rule can give is tripped by some test, so no rule can break unnoticed.

The messages are read from the source of scripts/guidekit, not listed by hand:
- each construction of a dataclass with a ``message`` field (Problem, FoundError, BrokenLink,
  html_policy's Refusal …);
- each call to a helper that passes one of its parameters on to such a construction, found by
  name (``problem(where, "…")``, ``self.at(None, f"…")``), however many helpers deep;
- each ``(offset, "…")`` pair of the citation parser (fields and lists typed ``tuple[int, str]``);
- a variable is followed to its assignments (``message = f"…"``), a call to what the function
  returns (``message = check_link(…)``), and ``str(error)`` to what the functions called in its
  ``try`` raise.
A literal is matched as written; an f-string's holes, and a hint appended with ``+``, match anything.
An expression that merely passes on a message built elsewhere (``error.message``, a loop variable)
is allowed; any other expression the reader cannot see into fails the first test, so it cannot go
blind quietly.

A message is tripped when a line of a corpus case's expected.txt, a line of a golden file (tests/golden),
or a string in an ``assert`` of a test matches it whole, after its ``path:line:column: `` prefix (or
after any ``: ``, as in ``broken link '…': no file '…'``).
"""

from __future__ import annotations

import ast
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from conftest import CASES, REPO

PACKAGE = REPO / "scripts" / "guidekit"
TESTS = REPO / "tests"
# The rules give over eighty messages today (each kind of field failure worded once, in data/fields.py);
# far fewer means the reader below went blind.
MINIMUM_MESSAGES = 80

WILD = None  # a part of a message that can be anything (an f-string hole, a hint, a value)
Parts = tuple[str | None, ...]
Found = tuple[str, Parts]  # where the text is written ("data/changelog.py:45") and what it says


@dataclass(frozen=True)
class Message:
    """One message a rule can give, and where its text is written."""

    where: str  # the module and line where its text is written: "data/changelog.py:45"
    parts: Parts

    @property
    def template(self) -> str:
        return "".join("{…}" if part is WILD else part for part in self.parts)

    @property
    def pattern(self) -> re.Pattern[str]:
        return re.compile("".join(".*" if part is WILD else re.escape(part) for part in self.parts), re.DOTALL)

    def __str__(self) -> str:
        return f"scripts/guidekit/{self.where}: {self.template}"


def _call_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _positional(call: ast.Call, index: int) -> ast.expr | None:
    """The argument at a parameter's position; after ``*args`` (``*index.position(…)``), the next one."""
    starred = [i for i, arg in enumerate(call.args) if isinstance(arg, ast.Starred)]
    if starred:
        after = starred[-1] + 1
        return call.args[after] if after < len(call.args) else None
    return call.args[index] if index < len(call.args) else None


def _argument(call: ast.Call, name: str, index: int) -> ast.expr | None:
    for keyword in call.keywords:
        if keyword.arg == name:
            return keyword.value
    return _positional(call, index)


def _params(function: ast.FunctionDef) -> list[str]:
    names = [arg.arg for arg in function.args.posonlyargs + function.args.args]
    return names[1:] if names and names[0] in ("self", "cls") else names


class _Module:
    def __init__(self, path: Path) -> None:
        self.name = path.relative_to(PACKAGE).as_posix()
        self.tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        self.parents: dict[ast.AST, ast.AST] = {}
        for node in ast.walk(self.tree):
            for child in ast.iter_child_nodes(node):
                self.parents[child] = node

    def function_of(self, node: ast.AST) -> ast.FunctionDef | None:
        while node in self.parents:
            node = self.parents[node]
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                return node  # type: ignore[return-value]
        return None


class MessageReader:
    """Finds every message in the package's source."""

    def __init__(self, package: Path) -> None:
        self.modules = [_Module(path) for path in sorted(package.rglob("*.py"))]
        # Dataclasses with a `message` field: the position of that field.
        self.sinks: dict[str, tuple[str, int]] = {}
        # Dataclass fields and variables that hold (offset, message) pairs.
        self.pair_fields: dict[str, tuple[str, int]] = {}
        self.functions: dict[str, list[tuple[_Module, ast.FunctionDef]]] = {}
        for module in self.modules:
            for node in ast.walk(module.tree):
                if isinstance(node, ast.ClassDef):
                    self._read_class(node)
                elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    self.functions.setdefault(node.name, []).append((module, node))  # type: ignore[arg-type]
        # Helpers that pass a parameter on as a message: name -> (parameter name, position).
        self.helpers: dict[str, tuple[str, int]] = {}
        # Message expressions whose text is not written where they are (e.g. `error.message`).
        self.opaque: list[tuple[_Module, ast.expr]] = []

    def _read_class(self, node: ast.ClassDef) -> None:
        fields = [item for item in node.body if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name)]
        for index, item in enumerate(fields):
            name = item.target.id  # type: ignore[union-attr]
            if name == "message":
                self.sinks[node.name] = (name, index)
            elif "tuple[int, str]" in ast.unparse(item.annotation):
                self.pair_fields[node.name] = (name, index)

    # Where messages are written.

    def _message_arguments(self, module: _Module) -> Iterator[ast.expr]:
        pair_lists = {
            node.target.id
            for node in ast.walk(module.tree)
            if isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and "tuple[int, str]" in ast.unparse(node.annotation)
        }
        for node in ast.walk(module.tree):
            if not isinstance(node, ast.Call):
                continue
            name = _call_name(node)
            if name in self.sinks:
                argument = _argument(node, *self.sinks[name])
            elif name in self.helpers:
                argument = _argument(node, *self.helpers[name])
            elif name in self.pair_fields:
                argument = _argument(node, *self.pair_fields[name])
                yield from self._pair_messages(argument)
                continue
            elif (
                name == "append"
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id in pair_lists
                and node.args
            ):
                yield from self._pair_messages(node.args[0])
                continue
            else:
                continue
            if argument is not None:
                yield argument

    @staticmethod
    def _pair_messages(argument: ast.expr | None) -> Iterator[ast.expr]:
        for node in ast.walk(argument) if argument is not None else ():
            if isinstance(node, ast.Tuple) and len(node.elts) == 2:
                yield node.elts[1]

    def _find_helpers(self) -> None:
        """Functions that hand a parameter to a message sink, found until no new one appears."""
        while True:
            found = False
            for module in self.modules:
                for argument in self._message_arguments(module):
                    function = module.function_of(argument)
                    if not isinstance(argument, ast.Name) or function is None:
                        continue
                    params = _params(function)
                    if argument.id in params and function.name not in self.helpers:
                        self.helpers[function.name] = (argument.id, params.index(argument.id))
                        found = True
            if not found:
                return

    # What a message expression can say.

    def _resolve(self, module: _Module, expr: ast.expr, whole: bool, seen: frozenset[int]) -> list[Found]:
        """What an expression can say, each with the file and line where its text is written."""
        here = f"{module.name}:{expr.lineno}"
        if isinstance(expr, ast.Constant):
            return [(here, (expr.value,))] if isinstance(expr.value, str) else []
        if isinstance(expr, ast.JoinedStr):
            parts = tuple(part.value if isinstance(part, ast.Constant) else WILD for part in expr.values)
            return [(here, parts)]  # type: ignore[list-item]
        if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
            left = self._resolve(module, expr.left, False, seen)
            right = self._resolve(module, expr.right, False, seen)
            return [(where, a + b) for (where, a), (_, b) in itertools.product(left, right)]
        if isinstance(expr, ast.IfExp):
            return self._resolve(module, expr.body, whole, seen) + self._resolve(module, expr.orelse, whole, seen)
        if isinstance(expr, ast.BoolOp):
            return [found for value in expr.values for found in self._resolve(module, value, whole, seen)]
        if isinstance(expr, ast.Name):
            return self._resolve_name(module, expr, whole, seen)
        if isinstance(expr, ast.Call) and whole and id(expr) not in seen:
            results = self._resolve_call(module, expr, seen | {id(expr)})
            if results:
                return results
        if whole:
            self.opaque.append((module, expr))
        return [(here, (WILD,))]

    def _resolve_call(self, module: _Module, call: ast.Call, seen: frozenset[int]) -> list[Found]:
        """The whole message is what a function returns (`message = check_link(…)`), or what a
        caught exception says (`return str(error)`: the `raise` in the functions the `try` calls)."""
        results = []
        if _call_name(call) == "str" and len(call.args) == 1 and isinstance(call.args[0], ast.Name):
            for handler in ast.walk(module.function_of(call) or module.tree):
                if isinstance(handler, ast.Try) and any(h.name == call.args[0].id for h in handler.handlers):
                    for inner in (node for statement in handler.body for node in ast.walk(statement)):
                        if isinstance(inner, ast.Call):
                            results += self._raised(inner, seen)
            return results
        for other, function in self._callees(module, call):
            for node in ast.walk(function):
                if isinstance(node, ast.Return) and node.value is not None and other.function_of(node) is function:
                    results += self._resolve(other, node.value, True, seen)
        return results

    def _callees(self, module: _Module, call: ast.Call) -> list[tuple[_Module, ast.FunctionDef]]:
        """The functions a call can reach by its name: the calling module's own if it has one (two
        modules may each have a ``resolve``), else every function of that name."""
        candidates = self.functions.get(_call_name(call) or "", [])
        own = [(other, function) for other, function in candidates if other is module]
        return own or candidates

    def _raised(self, call: ast.Call, seen: frozenset[int]) -> list[Found]:
        results = []
        for other, function in self.functions.get(_call_name(call) or "", []):
            for node in ast.walk(function):
                if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and node.exc.args:
                    results += self._resolve(other, node.exc.args[0], True, seen)
        return results

    def _resolve_name(self, module: _Module, name: ast.Name, whole: bool, seen: frozenset[int]) -> list[Found]:
        """A variable's values: its assignments before the use, back to one that always runs first."""
        function = module.function_of(name)
        if function is None:
            return [(f"{module.name}:{name.lineno}", (WILD,))]
        assignments = sorted(
            (
                node
                for node in ast.walk(function)
                if isinstance(node, (ast.Assign, ast.AnnAssign))
                and node.value is not None
                and node.lineno < name.lineno
                and module.function_of(node) is function
                and any(
                    isinstance(target, ast.Name) and target.id == name.id
                    for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
                )
            ),
            key=lambda node: node.lineno,
            reverse=True,
        )
        values = []
        for assignment in assignments:
            values.append(assignment.value)
            if self._encloses(module, module.parents[assignment], name):
                break  # this assignment's block holds the use: nothing earlier reaches it
        if not values and function.name in self.helpers and self.helpers[function.name][0] == name.id:
            return []  # a helper's parameter: its callers' messages are read at each call
        results = [found for value in values for found in self._resolve(module, value, whole, seen)]
        if not results and whole:
            self.opaque.append((module, name))
        return results or [(f"{module.name}:{name.lineno}", (WILD,))]

    @staticmethod
    def _encloses(module: _Module, block: ast.AST, node: ast.AST) -> bool:
        while node in module.parents:
            node = module.parents[node]
            if node is block:
                return True
        return False

    def messages(self) -> list[Message]:
        self._find_helpers()
        found: dict[tuple[str, Parts], Message] = {}
        for module in self.modules:
            for argument in self._message_arguments(module):
                for where, parts in self._resolve(module, argument, True, frozenset()):
                    if any(part is not WILD and part.strip() for part in parts):
                        found.setdefault((where, parts), Message(where, parts))
        return sorted(found.values(), key=lambda message: (message.where.split(":")[0], message.template))

    def unexplained(self) -> list[str]:
        """Opaque message expressions that do not just pass on a message read elsewhere.

        Passing on is `x.message` (a message built where x was) or a loop variable over such
        messages (`for offset, message in parsed.errors`); anything else is a blind spot.
        """
        blind = []
        for module, expr in self.opaque:
            if isinstance(expr, ast.Attribute) and expr.attr == "message":
                continue
            function = module.function_of(expr)
            loops = (
                node for node in ast.walk(function or module.tree) if isinstance(node, (ast.For, ast.comprehension))
            )
            if isinstance(expr, ast.Name) and any(
                isinstance(target, ast.Name) and target.id == expr.id
                for loop in loops
                for target in ast.walk(loop.target)
            ):
                continue
            blind.append(f"{module.name}:{expr.lineno}: {ast.unparse(expr)}")
        return blind


def all_messages() -> tuple[list[Message], list[str]]:
    """Every message the package can give, and the places whose message could not be read."""
    reader = MessageReader(PACKAGE)
    return reader.messages(), reader.unexplained()


# What the tests show.


def _assert_strings(path: Path) -> Iterator[str]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Assert):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Constant) and isinstance(inner.value, str):
                    yield inner.value


def texts_the_tests_show() -> list[str]:
    """Every line the corpus and golden files expect, and every string a test asserts."""
    texts: list[str] = []
    for expected in sorted(CASES.glob("*/expected.txt")):
        texts += expected.read_text(encoding="utf-8").splitlines()
    for golden in sorted((TESTS / "golden").rglob("*")):
        if golden.is_file():
            texts += golden.read_text(encoding="utf-8").splitlines()
    for test in sorted(TESTS.rglob("test_*.py")):
        if test.name != Path(__file__).name:
            for text in _assert_strings(test):
                texts += text.splitlines()
    return texts


_RULE_ID = re.compile(r" \[[a-z]+(?:-[a-z]+)*\]$")  # a report line ends with the rule it breaks


def _tails(text: str) -> Iterator[str]:
    """The text, and what follows each ': ' in it (a message after its location or prefix),
    each also without a closing rule id."""
    for tail in [text, *(text[match.end() :] for match in re.finditer(": ", text))]:
        yield tail
        if _RULE_ID.search(tail):
            yield _RULE_ID.sub("", tail)


def untripped(messages: list[Message], texts: list[str]) -> list[Message]:
    tails = {tail for text in texts for tail in _tails(text)}
    return [message for message in messages if not any(message.pattern.fullmatch(tail) for tail in tails)]


def test_the_reader_finds_every_way_a_message_is_written() -> None:
    messages, blind = all_messages()
    assert len(messages) >= MINIMUM_MESSAGES, "\n".join(str(m) for m in messages)
    found = {(message.where.split(":")[0], message.template) for message in messages}
    for module, template in (
        ("data/glossary.py", "the glossary is empty"),  # a literal through a helper, data_problem(…)
        ("data/changelog.py", "changelog date {…} is in the future"),  # an f-string through a helper
        ("data/fields.py", "unknown {…} field {…}{…}"),  # through a method, self._problem(…)
        ("data/fields.py", "{…} field {…} must be {…}, not {…}"),  # through a method calling a method
        (
            "data/front_matter.py",
            "'next_review' {…} is more than twelve months after 'last_reviewed' {…}",
        ),  # a variable
        ("rules/run.py", "the survival table needs its data file (the 'survival' setting of guidekit.extension)"),
        ("rules/link_rules.py", "no anchor '#{…}' in {…}{…}"),  # returned by a function, then a hint added
        ("source/citations.py", "empty item in citation: remove the extra ';'"),  # an (offset, message) pair
        ("source/markdown_scan.py", "citation {…} is not closed; add ']'"),  # another dataclass with a message
        ("release/site_links.py", "outside the site folder"),  # a raised exception's text
    ):
        assert (module, template) in found, f"the reader no longer finds {module}: {template}"
    assert not blind, "messages the reader cannot see into (teach it, or build them another way):\n" + "\n".join(blind)


def test_an_untested_message_is_named() -> None:
    messages, _ = all_messages()
    texts = texts_the_tests_show()
    target = next(m for m in messages if m.template == "changelog date {…} is in the future")
    assert target not in untripped(messages, texts)
    without = [text for text in texts if not any(target.pattern.fullmatch(tail) for tail in _tails(text))]
    assert target in untripped(messages, without)


def test_every_message_is_tripped_by_a_test() -> None:
    messages, _ = all_messages()
    missing = untripped(messages, texts_the_tests_show())
    assert not missing, "messages no test trips (add a corpus case, or a unit test):\n" + "\n".join(
        str(message) for message in missing
    )
