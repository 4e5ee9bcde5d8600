""" "Did you mean …?" hints for misspelt keys, terms and fields."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate most like ``word``, if any is reasonably close."""
    pool = list(candidates)
    matches = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    if not matches:
        lowered = {candidate.lower(): candidate for candidate in pool}
        matches = [lowered[m] for m in difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)]
    return matches[0] if matches else None


def did_you_mean(word: str, candidates: Iterable[str], template: str = "did you mean {!r}?") -> str:
    """A hint sentence to append to a message, or an empty string."""
    match = closest(word, candidates)
    return f"; {template.format(match)}" if match else ""
