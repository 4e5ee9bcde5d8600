"""Page numbers for the printed contents: where each chapter starts in the PDF, found by printing.

Chromium has no ``target-counter()``, so the book is printed, the page each chapter's anchor
landed on is read back from the PDF's named destinations, the numbers are written into the
contents and the book is printed again, until the numbers stop moving.
pypdf is imported only when a PDF is read: the module imports without it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

# Writing the numbers in can push a chapter to the next page at most once or twice; more means the
# layout feeds back on itself (a number that moves a line that moves the number).
MAX_PASSES = 4


class PageNumbersError(RuntimeError):
    """The PDF lacks a chapter's anchor, or the numbers never settled; the message says which."""


def anchor_pages(pdf: Path, names: Iterable[str]) -> dict[str, int]:
    """The page (counting from 1, the cover) where each anchor ``name`` lands in ``pdf``."""
    try:
        from pypdf import PdfReader
    except ImportError:
        raise PageNumbersError(
            "pypdf is missing; install the test requirements with: pip install -r requirements-test.txt"
        ) from None
    reader = PdfReader(pdf)
    # Chromium names a destination after the id a link points to, with a leading slash.
    destinations = {str(name).lstrip("/"): target for name, target in reader.named_destinations.items()}
    pages: dict[str, int] = {}
    for name in names:
        if name not in destinations:
            raise PageNumbersError(f"{pdf.name}: no destination for #{name}; is the chapter linked from the contents?")
        pages[name] = reader.get_destination_page_number(destinations[name]) + 1
    return pages


def settle(print_pass: Callable[[Mapping[str, int]], Mapping[str, int]], passes: int = MAX_PASSES) -> dict[str, int]:
    """Print with the numbers found last time until a print finds the numbers it printed.

    ``print_pass`` prints the book with the given contents numbers (none the first time) and returns
    where each chapter landed. PageNumbersError if ``passes`` prints do not agree.
    """
    printed: dict[str, int] = {}
    previous: dict[str, int] = {}
    for _ in range(passes):
        found = dict(print_pass(printed))
        if found == printed:
            return found
        previous, printed = printed, found
    moved = sorted(name for name in printed if previous.get(name) != printed[name])
    raise PageNumbersError(
        f"the contents' page numbers did not settle after {passes} prints; still moving: {', '.join(moved)}"
    )
