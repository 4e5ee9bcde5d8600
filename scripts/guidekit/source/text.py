"""Reading a contributor's file as text, turning encoding mistakes into problems."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from guidekit.core.problems import Problem

BOM = "\ufeff"


@dataclass(frozen=True)
class SourceText:
    """A file's text with line endings normalised to ``\\n``, and the path shown in messages."""

    display_path: str
    text: str


def position_of_offset(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of a byte offset (columns count bytes before the offset)."""
    line = data.count(b"\n", 0, offset) + 1
    line_start = data.rfind(b"\n", 0, offset) + 1
    return line, offset - line_start + 1


def decode_source(data: bytes, display_path: str) -> tuple[SourceText | None, list[Problem]]:
    """Decode UTF-8 bytes; a bad byte or a byte-order mark becomes a located problem."""
    problems: list[Problem] = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = position_of_offset(data, error.start)
        bad = data[error.start : error.start + 1].hex()
        problems.append(
            Problem(
                display_path,
                line,
                column,
                f"the file is not valid UTF-8 (byte 0x{bad}); save it with UTF-8 encoding",
                rule="file-encoding",
            )
        )
        return None, problems
    if text.startswith(BOM):
        # Harmless to MkDocs, but invisible in editors and a source of odd diffs.
        problems.append(
            Problem(
                display_path,
                1,
                1,
                "the file starts with a byte-order mark (BOM); save it as UTF-8 without BOM",
                rule="file-bom",
            )
        )
        text = text[1:]
    # Windows line endings are fine: normalise them so columns and lines are counted alike.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return SourceText(display_path, text), problems


def read_source(path: Path, display_path: str) -> tuple[SourceText | None, list[Problem]]:
    """Read and decode a file; a missing or unreadable file is a problem, not an exception."""
    try:
        data = path.read_bytes()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return None, [Problem(display_path, 1, 1, f"cannot read the file: {reason}", rule="file-unreadable")]
    return decode_source(data, display_path)
