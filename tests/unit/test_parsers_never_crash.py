"""Property-based tests: every parser turns any input into a result and content problems, never an exception.

Contributors edit Markdown and data files by hand, so a parser meets every kind of half-finished text.
Whatever it is given, it must return its model plus :class:`~guidekit.problems.Problem` objects that
point at a real position, so the contributor sees ``path:line:column: message`` rather than a traceback.
"""

from __future__ import annotations

import datetime as dt
import json

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from guidekit.core.problems import Problem
from guidekit.data import bibliography, changelog, emergencies, front_matter, glossary, survival
from guidekit.data.bibliography import Bibliography, parse_bibliography
from guidekit.data.changelog import parse_changelog
from guidekit.data.emergencies import parse_emergencies
from guidekit.data.fields import read_fields
from guidekit.data.front_matter import FrontMatter, parse_front_matter
from guidekit.data.glossary import Glossary, parse_glossary
from guidekit.data.survival import parse_survival
from guidekit.rules.page_rules import check_page
from guidekit.source.citations import ParsedCitation, parse_citation
from guidekit.source.markdown_scan import PageScan, front_matter_span, mask_code, scan_page
from guidekit.source.text import SourceText, decode_source
from guidekit.source.yaml_positions import Located, parse_yaml

TODAY = dt.date(2026, 11, 22)
GLOSSARY_PATH = "docs/data/glossary.yml"
BIBLIOGRAPHY_PATH = "docs/data/bibliography.yml"

# Enough examples to explore, few enough that the whole file runs in seconds on two cores.
EXAMPLES = settings(max_examples=300, deadline=None)
# Generated YAML documents are large compared with hypothesis' defaults; that is the point.
BIG_EXAMPLES = settings(
    max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


def _mixed_text(fragments: list[str], max_pieces: int = 30) -> st.SearchStrategy[str]:
    """Arbitrary text interleaved with syntax fragments, so the interesting cases are reachable."""
    piece = st.one_of(st.text(max_size=12), st.sampled_from(fragments))
    return st.lists(piece, max_size=max_pieces).map("".join)


# ---------------------------------------------------------------------------------------------
# Citations
# ---------------------------------------------------------------------------------------------

CITATION_FRAGMENTS = ["@", ";", " ", "\t", "a", "nci-metastatic-cancer", "-", "_", ":", ".", "/", ",", "p. 3", "@a"]
citation_bodies = st.one_of(st.text(), _mixed_text(CITATION_FRAGMENTS))


@EXAMPLES
@given(citation_bodies)
def test_parse_citation_returns_keys_and_located_errors(body: str) -> None:
    """Any bracket body parses; errors point inside "[@" + body + "]" and keys point at their "@".

    An error may point at the closing bracket: a trailing ";" leaves an empty item that starts there.
    """
    parsed = parse_citation(body)
    assert isinstance(parsed, ParsedCitation)
    bracket = "[@" + body + "]"
    for offset, message in parsed.errors:
        assert isinstance(offset, int)
        assert 0 <= offset < len(bracket), (offset, message)
        assert isinstance(message, str)
        assert message
    for cited in parsed.keys:
        assert 0 <= cited.offset < len(bracket) - 1
        assert bracket[cited.offset] == "@"
        assert bracket[cited.offset + 1 :].startswith(cited.key)


# ---------------------------------------------------------------------------------------------
# Markdown pages
# ---------------------------------------------------------------------------------------------

MARKDOWN_FRAGMENTS = [
    "[@",
    "]",
    "[",
    "`",
    "``",
    "```",
    "~~~",
    "\n",
    "\n\n",
    "<!--",
    "-->",
    "---\n",
    "...\n",
    "title: T\n",
    "# ",
    "[x](glossary.md#y)",
    "![a](b.png)",
    "[r]: https://example.org",
    "](",
    "@",
    "@a",
    ";",
    "\\",
    "(",
    ")",
    " ",
    "    ",
    "\t",
    "\r",
    "<https://x>",
    ' "t"',
]
markdown_text = st.one_of(st.text(), _mixed_text(MARKDOWN_FRAGMENTS, max_pieces=40))


def _offset(text: str, line: int, column: int) -> int:
    """The offset of a 1-based line and column, checking that the position exists in ``text``."""
    lines = text.split("\n")
    assert 1 <= line <= len(lines), (line, len(lines))
    assert 1 <= column <= len(lines[line - 1]) + 1, (line, column, lines[line - 1])
    return sum(len(previous) + 1 for previous in lines[: line - 1]) + column - 1


@EXAMPLES
@given(markdown_text)
def test_scan_page_positions_are_inside_the_page(text: str) -> None:
    """Any page scans; every citation, link and error has a line and column that exist in the page."""
    scan = scan_page(text)
    assert isinstance(scan, PageScan)
    for found in scan.citations:
        offset = _offset(text, found.line, found.column)
        assert text[offset] == "@"
        assert text[offset + 1 :].startswith(found.key)
    for link in scan.links:
        offset = _offset(text, link.line, link.column)
        assert text[offset] == ("!" if link.is_image else "[")
    for error in scan.errors:
        _offset(text, error.line, error.column)
        assert isinstance(error.message, str)
        assert error.message
    assert scan.first_heading is None or isinstance(scan.first_heading, str)


@EXAMPLES
@given(markdown_text)
def test_mask_code_keeps_length_and_line_breaks(text: str) -> None:
    """Masking only blanks characters: same length, same newlines, every other character kept or a space."""
    masked = mask_code(text)
    assert len(masked) == len(text)
    assert [i for i, c in enumerate(masked) if c == "\n"] == [i for i, c in enumerate(text) if c == "\n"]
    assert all(m in (c, " ") for m, c in zip(masked, text, strict=True))
    span = front_matter_span(text)
    if span is not None:
        start, end = span
        assert start == 0
        assert 0 < end <= len(text)


# ---------------------------------------------------------------------------------------------
# Decoding files
# ---------------------------------------------------------------------------------------------

file_bytes = st.one_of(
    st.binary(),
    st.text().map(lambda text: text.encode("utf-8")),
    st.tuples(st.sampled_from([b"", b"\xef\xbb\xbf"]), st.text(), st.binary(max_size=3), st.text()).map(
        lambda parts: parts[0] + parts[1].encode("utf-8") + parts[2] + parts[3].encode("utf-8")
    ),
    st.lists(st.sampled_from([b"a", b"\n", b"\r", b"\r\n", b"\xef\xbb\xbf", b"\xff", b"\xc3", b"\xc3\xa9"])).map(
        b"".join
    ),
)


@EXAMPLES
@given(file_bytes)
def test_decode_source_never_raises(data: bytes) -> None:
    """Any bytes decode to text or to at least one located problem; line endings come out as "\\n"."""
    path = "docs/page.md"
    source, problems = decode_source(data, path)
    assert isinstance(problems, list)
    _assert_problems(problems, path)
    if source is None:
        assert problems
    else:
        assert isinstance(source, SourceText)
        assert source.display_path == path
        assert "\r" not in source.text


# ---------------------------------------------------------------------------------------------
# Glossary and bibliography
# ---------------------------------------------------------------------------------------------

GLOSSARY_FIELDS = ["term", "aliases", "abbreviation", "definition", "see_also"]
BIBLIOGRAPHY_FIELDS = [
    "id",
    "type",
    "title",
    "author",
    "publisher",
    "issued",
    "URL",
    "DOI",
    "accessed",
    "container-title",
]
# A few more keys that the parsers look inside (authors, CSL dates) or that are typos of real fields.
INNER_KEYS = ["family", "given", "literal", "date-parts", "references", "Url", "see-also", "<<"]

DATE_STRINGS = [
    "2020-13-45",
    "2020-02-30",
    "2020-2-3",
    "0000-01-01",
    "9999-12-31",
    "2027-01-01",
    "2026-11-22",
    "2024",
    "2024-05",
    "n.d.",
    "99999",
    "20-01-01",
    "٢٠٢٠",
    " 2024 ",
    "",
]
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=30),
    st.sampled_from(DATE_STRINGS),
    st.dates().map(dt.date.isoformat),
    st.dates(),  # dumped as YAML timestamps
    st.sampled_from(["webpage", "article-journal", "https://example.org", "http://x", "10.1056/NEJMoa1000678", "a b"]),
)
SPECIAL_VALUES = st.one_of(
    st.fixed_dictionaries({"family": SCALARS}, optional={"given": SCALARS, "literal": SCALARS}),
    st.fixed_dictionaries(
        {"date-parts": st.lists(st.lists(st.one_of(st.integers(), SCALARS), max_size=4), max_size=2)}
    ),
)


def _field_values(keys: list[str]) -> st.SearchStrategy[object]:
    """Scalars, lists and mappings nested a few levels, with keys a parser might look for."""
    leaves = st.one_of(SCALARS, SPECIAL_VALUES)
    return st.recursive(
        leaves,
        lambda children: st.one_of(
            st.lists(children, max_size=4),
            st.dictionaries(st.one_of(st.sampled_from(keys + INNER_KEYS), st.text(max_size=6)), children, max_size=4),
        ),
        max_leaves=12,
    )


def _documents(fields: list[str]) -> st.SearchStrategy[object]:
    """A data file's content: usually a list of entries using the real field names, sometimes anything."""
    entry = st.dictionaries(
        st.one_of(st.sampled_from(fields), st.text(max_size=6)), _field_values(fields), max_size=len(fields) + 2
    )
    entries = st.lists(st.one_of(entry, _field_values(fields)), max_size=5)
    return st.one_of(entries, st.fixed_dictionaries({"references": entries}), _field_values(fields))


def _yaml_dump(document: object, flow: bool, unicode: bool) -> str:
    return yaml.safe_dump(document, default_flow_style=flow, allow_unicode=unicode, sort_keys=False)


def _json_dump(document: object, ascii_only: bool) -> str:
    return json.dumps(document, default=str, ensure_ascii=ascii_only, indent=2)


def _dumped(fields: list[str]) -> st.SearchStrategy[str]:
    documents = _documents(fields)
    as_yaml = st.builds(_yaml_dump, documents, st.booleans(), st.booleans())
    as_json = st.builds(_json_dump, documents, st.booleans())
    return st.one_of(as_yaml, as_json)


# A valid YAML int with more than 4300 decimal digits: Python refuses to str() it.
HUGE_HEX = "0x" + "f" * 3700
# Raw YAML spellings a hand-edited file can contain and that a dumper never writes: tags, anchors,
# aliases, unquoted dates, sexagesimal and very long numbers.
RAW_SCALARS = [
    "",
    "~",
    "null",
    "yes",
    "no",
    "on",
    ".nan",
    "-.inf",
    "1e400",
    "0x1F",
    "0b_",
    "0o17",
    "017",
    "1:20:30",
    "1_000",
    "2020-13-45",
    "2020-01-01",
    "2020-01-01 10:00:00",
    "n.d.",
    "'quoted'",
    '"double \\u00e9"',
    "[a, b]",
    "{family: Temel, given: Jennifer S.}",
    "{date-parts: [[2024, 5, 1]]}",
    "!!str 12",
    "!!int 12",
    "!!int ''",
    "!!int x",
    "!!float ''",
    "!!float x",
    "!!bool yes",
    "!!bool maybe",
    "!!null x",
    "!!timestamp 2020-13-45",
    "!!binary aGVsbG8=",
    "!!set {a}",
    "!!omap [a: 1]",
    "!custom x",
    "&anchor x",
    "*anchor",
    "&anchor [*anchor]",
    "&anchor {a: *anchor}",
    "|\n    block\n",
    ">\n    folded\n",
    HUGE_HEX,
]
YAML_FRAGMENTS = [
    *RAW_SCALARS,
    "- ",
    ": ",
    ":",
    "\n",
    "  ",
    "\t",
    "[",
    "]",
    "{",
    "}",
    ", ",
    "'",
    '"',
    "? ",
    "<<: ",
    "---\n",
    "...\n",
    "# c",
    "%YAML 1.1\n",
    "\ufeff",
    "\x85",
    "\u2028",
    "\x00",
    *(f"{field}: " for field in GLOSSARY_FIELDS + BIBLIOGRAPHY_FIELDS),
]
yaml_ish_text = st.one_of(st.text(), _mixed_text(YAML_FRAGMENTS, max_pieces=40))


def _hand_written(fields: list[str]) -> st.SearchStrategy[str]:
    """A block list of entries, one "key: raw scalar" per line, as a contributor would type it."""
    line = st.tuples(st.sampled_from(fields), st.sampled_from(RAW_SCALARS)).map(lambda kv: f"{kv[0]}: {kv[1]}")
    entry = st.lists(line, min_size=1, max_size=6).map(lambda lines: "- " + "\n  ".join(lines))
    return st.lists(entry, min_size=1, max_size=4).map(lambda entries: "\n".join(entries) + "\n")


def _assert_problems(problems: list[Problem], path: str) -> None:
    for problem in problems:
        assert isinstance(problem, Problem), problem
        assert isinstance(problem.line, int)
        assert isinstance(problem.column, int)
        assert problem.line >= 1, problem
        assert problem.column >= 1, problem
        assert isinstance(problem.message, str)
        assert problem.message.strip(), problem
        assert str(problem).startswith(f"{path}:{problem.line}:{problem.column}: ")


def _check_glossary(text: str) -> None:
    glossary, problems = parse_glossary(SourceText(GLOSSARY_PATH, text))
    assert isinstance(glossary, Glossary)
    assert isinstance(problems, list)
    _assert_problems(problems, GLOSSARY_PATH)


def _check_bibliography(text: str) -> None:
    bibliography, problems = parse_bibliography(SourceText(BIBLIOGRAPHY_PATH, text), TODAY)
    assert isinstance(bibliography, Bibliography)
    assert isinstance(problems, list)
    _assert_problems(problems, BIBLIOGRAPHY_PATH)


@EXAMPLES
@given(yaml_ish_text)
def test_parse_glossary_on_arbitrary_text(text: str) -> None:
    """Any text (plain or YAML-like) gives a glossary and located problems, never an exception."""
    _check_glossary(text)


@BIG_EXAMPLES
@given(_dumped(GLOSSARY_FIELDS))
def test_parse_glossary_on_generated_yaml_and_json(text: str) -> None:
    """Lists of entries with the real field names and values of every type, dumped as YAML or JSON."""
    _check_glossary(text)


@EXAMPLES
@given(_hand_written(GLOSSARY_FIELDS))
@example(f"- term: {HUGE_HEX}\n")
def test_parse_glossary_on_hand_written_entries(text: str) -> None:
    """Entries whose values use raw YAML spellings: tags, anchors, aliases, unquoted dates, long numbers."""
    _check_glossary(text)


@EXAMPLES
@given(yaml_ish_text)
def test_parse_bibliography_on_arbitrary_text(text: str) -> None:
    """Any text (plain or YAML-like) gives a bibliography and located problems, never an exception."""
    _check_bibliography(text)


@BIG_EXAMPLES
@given(_dumped(BIBLIOGRAPHY_FIELDS))
def test_parse_bibliography_on_generated_yaml_and_json(text: str) -> None:
    """CSL-shaped entries with values of every type (including invalid dates), dumped as YAML or JSON."""
    _check_bibliography(text)


@EXAMPLES
@given(_hand_written(BIBLIOGRAPHY_FIELDS))
@example(f"- id: {HUGE_HEX}\n")
def test_parse_bibliography_on_hand_written_entries(text: str) -> None:
    """CSL entries whose values use raw YAML spellings: tags, anchors, aliases, unquoted dates, long numbers."""
    _check_bibliography(text)


# ---------------------------------------------------------------------------------------------
# YAML
# ---------------------------------------------------------------------------------------------


@EXAMPLES
@given(yaml_ish_text, st.integers(min_value=1, max_value=50))
@example("!!bool maybe", 1)
@example("!!int ''", 1)
@example("!!float ''", 1)
@example("&a [*a]", 1)
@example("&a {a: *a}", 1)
def test_parse_yaml_never_raises(text: str, first_line: int) -> None:
    """Any text gives a located value or located problems; syntax errors are problems, not exceptions."""
    path = "docs/page.md"
    located, problems = parse_yaml(SourceText(path, text), first_line=first_line)
    assert located is None or isinstance(located, Located)
    assert isinstance(problems, list)
    _assert_problems(problems, path)
    for problem in problems:
        assert problem.line >= first_line, problem


@EXAMPLES
@given(yaml_ish_text)
@example("-\x850")
@example("- term: A\u2028  definition: B.\n- term: [\n")
def test_parse_yaml_problems_point_at_existing_positions(text: str) -> None:
    """Every problem's line exists in the file and its column is at most one past the end of that line.

    Lines are counted as everywhere else in guidekit: text is split at "\\n" only (decode_source has
    already turned "\\r\\n" and "\\r" into "\\n"). The line after an unterminated last line is
    accepted at column 1, where libyaml reports the end of the stream.
    """
    path = "docs/data/glossary.yml"
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # as decode_source leaves every file
    _, problems = parse_yaml(SourceText(path, text))
    lines = text.split("\n")
    for problem in problems:
        if (problem.line, problem.column) == (len(lines) + 1, 1):
            continue  # libyaml ends an unterminated last line before reporting "end of stream" there
        assert problem.line <= len(lines), (problem, len(lines))
        assert problem.column <= len(lines[problem.line - 1]) + 1, (problem, lines[problem.line - 1])


FRONT_MATTER_KEYS = ["title", "description", "hide", "search", "last_reviewed", "next_review", "exclude", "boost"]


def _front_matter_pages() -> st.SearchStrategy[str]:
    """Pages opening with '---', a YAML-like body built from front matter keys, and maybe a closing '---'."""
    line = st.tuples(st.sampled_from(FRONT_MATTER_KEYS), st.sampled_from(RAW_SCALARS)).map(
        lambda kv: f"{kv[0]}: {kv[1]}"
    )
    body = st.one_of(st.lists(line, max_size=6).map("\n".join), yaml_ish_text)
    closing = st.sampled_from(["\n---\n# Page\n", "\n...\n", "\n", "---", ""])
    return st.tuples(body, closing).map(lambda parts: "---\n" + parts[0] + parts[1])


@EXAMPLES
@given(st.one_of(_front_matter_pages(), st.text(), _mixed_text(MARKDOWN_FRAGMENTS, max_pieces=30)))
def test_parse_front_matter_never_raises(text: str) -> None:
    """Any page gives front matter values and located problems, never an exception."""
    front_matter, problems = parse_front_matter(SourceText("docs/page.md", text))
    assert isinstance(front_matter, FrontMatter)
    _assert_problems(problems, "docs/page.md")
    lines = text.split("\n")
    assert all(problem.line <= len(lines) + 1 for problem in problems)


@EXAMPLES
@given(st.one_of(st.text(), _mixed_text(MARKDOWN_FRAGMENTS, max_pieces=30)))
def test_page_rules_never_raise(text: str) -> None:
    """The per-page rules (size, safe HTML, images, headings) accept any page."""
    problems = check_page("docs/page.md", text, len(text.encode("utf-8", "surrogatepass")), scan_page(text))
    _assert_problems(problems, "docs/page.md")


# ---------------------------------------------------------------------------------------------
# The other data files, and the fields driver they share
# ---------------------------------------------------------------------------------------------

SURVIVAL_FIELDS = ["rows", *survival.ROW.names]
CHANGELOG_FIELDS = list(changelog.ENTRY.names)
EMERGENCY_FIELDS = [*emergencies.BOX.names, *emergencies.COUNTRY.names, *emergencies.ITEM.names, "fever"]
SCHEMAS = [
    glossary.ENTRY,
    bibliography.ENTRY,
    survival.FILE,
    survival.ROW,
    changelog.ENTRY,
    front_matter.SCHEMA,
    emergencies.BOX,
    emergencies.COUNTRY,
    emergencies.ITEM,
]
# These parsers share the driver the glossary and bibliography tests above already explore at length.
FEWER_EXAMPLES = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
ALL_FIELDS = sorted({name for schema in SCHEMAS for name in schema.names} | {"boost", "exclude"})


@FEWER_EXAMPLES
@given(st.one_of(_dumped(SURVIVAL_FIELDS), _hand_written(SURVIVAL_FIELDS), yaml_ish_text))
def test_parse_survival_never_raises(text: str) -> None:
    data, problems = parse_survival(SourceText("docs/data/survival.yml", text))
    assert data is None or not problems
    _assert_problems(problems, "docs/data/survival.yml")


@FEWER_EXAMPLES
@given(st.one_of(_dumped(CHANGELOG_FIELDS), _hand_written(CHANGELOG_FIELDS), yaml_ish_text))
def test_parse_changelog_never_raises(text: str) -> None:
    changes, problems = parse_changelog(SourceText("docs/data/changelog.yml", text), {"index.md"}, TODAY)
    assert all(change.date <= TODAY for change in changes)
    _assert_problems(problems, "docs/data/changelog.yml")


@FEWER_EXAMPLES
@given(st.one_of(_dumped(EMERGENCY_FIELDS), yaml_ish_text))
@example("fever:\n  kind: danger\n  intro: {text: [a], sources: x}\n  countries: [{name: 1, call: []}]\n")
def test_parse_emergencies_never_raises(text: str) -> None:
    _, problems = parse_emergencies(SourceText("docs/data/emergencies.yml", text))
    _assert_problems(problems, "docs/data/emergencies.yml")


@FEWER_EXAMPLES
@given(st.sampled_from(SCHEMAS), st.one_of(_dumped(ALL_FIELDS), _hand_written(ALL_FIELDS)))
def test_read_fields_reads_any_entry_against_any_schema(schema, text: str) -> None:
    """Each failure is located where the entry is written; only declared fields get a value."""
    path = "docs/data/any.yml"
    root, problems = parse_yaml(SourceText(path, text))
    entries = root.value if root is not None and root.is_list else [root] if root is not None else []
    for entry in entries:
        if entry.is_mapping:
            values, found = read_fields(entry, schema, path, name="x", also_required=schema.names[:1])
            assert set(values) <= set(schema.names)
            problems += found
    _assert_problems(problems, path)
