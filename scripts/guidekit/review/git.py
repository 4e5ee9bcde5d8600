"""The few git questions the review tools ask, through the ``git`` command (no library).

Every answer is about commits, never the working tree, so a summary is the same wherever it runs.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path


class GitError(Exception):
    """git is missing or refused (an unknown base branch, a folder outside any repository)."""


@dataclass(frozen=True)
class ChangedFile:
    """One file a range of commits changed: its status letter and its paths before and after.

    ``status`` is git's: A added, D deleted, M modified, R renamed (``old`` is then the old path).
    """

    status: str
    old: str | None
    new: str | None


def _git(folder: Path, *arguments: str) -> bytes:
    """git's output as bytes; GitError with its own message when it fails."""
    try:
        result = subprocess.run(["git", *arguments], cwd=folder, capture_output=True, check=False)
    except OSError as error:
        raise GitError(f"cannot run git: {error.strerror}") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {arguments[0]}: {message[-1] if message else 'failed'}")
    return result.stdout


def repository_root(folder: Path) -> Path:
    """The top folder of the repository that holds ``folder``."""
    return Path(_git(folder, "rev-parse", "--show-toplevel").decode("utf-8").strip())


def merge_base(root: Path, base: str, head: str = "HEAD") -> str:
    """The commit where ``head`` left ``base``: what a pull request is compared with on GitHub."""
    return _git(root, "merge-base", base, head).decode("ascii").strip()


def changed_files(root: Path, base: str, head: str = "HEAD") -> list[ChangedFile]:
    """The files changed between two commits, renames found as git finds them, in path order."""
    # -z: paths exactly as stored (no quoting of unusual names); one NUL after each field.
    fields = _git(root, "diff", "--name-status", "-z", "--find-renames", base, head).decode("utf-8").split("\0")
    changes: list[ChangedFile] = []
    position = 0
    while position < len(fields) and fields[position]:
        status = fields[position][0]
        if status in "RC":
            old, new = fields[position + 1], fields[position + 2]
            changes.append(ChangedFile(status, old, new) if status == "R" else ChangedFile("A", None, new))
            position += 3
            continue
        path = fields[position + 1]
        changes.append(ChangedFile(status, None if status == "A" else path, None if status == "D" else path))
        position += 2
    return sorted(changes, key=lambda change: change.new or change.old or "")


def read_at(root: Path, commit: str, path: str) -> bytes | None:
    """A file's bytes as they were at ``commit``; None when it did not exist there."""
    try:
        return _git(root, "show", f"{commit}:{path}")
    except GitError:
        return None
