"""Dates as contributors write them in data files and front matter."""

from __future__ import annotations

import datetime as dt
import os
import re

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


TODAY_VARIABLE = "GUIDEKIT_TODAY"


class ClockError(ValueError):
    """$GUIDEKIT_TODAY is set but is not a day: a setup mistake, reported instead of ignored."""


def today() -> dt.date:
    """Today, or the day in $GUIDEKIT_TODAY (YYYY-MM-DD): fixtures stay valid as years pass,
    and an editor can ask which pages will be due for review on a later day."""
    value = os.environ.get(TODAY_VARIABLE)
    if value is None or value == "":
        return dt.date.today()
    try:
        if len(value) != 10:  # strptime also takes 2026-1-5; ISO parsers take 20261122 and 2026-W47-7
            raise ValueError
        return dt.datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        # Ignoring it would judge every date by the real clock while the person setting it
        # believes otherwise: a page could pass today and fail tomorrow without a word.
        raise ClockError(
            f"{TODAY_VARIABLE} is {value!r}, which is not a day: write it as YYYY-MM-DD "
            f"(for example {TODAY_VARIABLE}=2027-01-31), or unset it to use today's date"
        ) from None


class DateError(ValueError):
    """A value that is not a date this project accepts."""


class UnrealDateError(DateError):
    """A date written the right way that no calendar has, such as 2020-02-30."""


def parse_partial_date(value: object) -> tuple[int, int | None, int | None]:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (or CSL ``date-parts``) into its parts."""
    if isinstance(value, dict) and "date-parts" in value:
        parts = value["date-parts"]
        if not (isinstance(parts, list) and len(parts) == 1 and isinstance(parts[0], list)):
            raise DateError("date-parts must look like [[2024, 5, 1]]")
        numbers = parts[0]
        if not 1 <= len(numbers) <= 3 or not all(isinstance(n, int) and not isinstance(n, bool) for n in numbers):
            raise DateError("date-parts must hold a year, and optionally a month and a day, as numbers")
        text = "-".join(f"{n:04d}" if i == 0 else f"{n:02d}" for i, n in enumerate(numbers))
    elif isinstance(value, (int, str)) and not isinstance(value, bool):
        text = str(value).strip()
    else:
        raise DateError("write the date as YYYY, YYYY-MM or YYYY-MM-DD")
    match = _ISO.match(text)
    if not match:
        raise DateError("write the date as YYYY, YYYY-MM or YYYY-MM-DD")
    year_text, month_text, day_text = match.groups()
    year = int(year_text)  # the pattern always has a year
    month = int(month_text) if month_text else None
    day = int(day_text) if day_text else None
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError as error:
        raise UnrealDateError(f"not a real date ({error})") from None
    return year, month, day


def earliest_day(parts: tuple[int, int | None, int | None]) -> dt.date:
    """The first day a partial date can mean."""
    year, month, day = parts
    return dt.date(year, month or 1, day or 1)


def human_date(parts: tuple[int, int | None, int | None]) -> str:
    """'3 May 2023', 'May 2023' or '2023'.

    Month names come from ``date.strftime('%B')``: Python's default C locale, which nothing in the
    build changes, names them in English whatever the machine's language.
    """
    year, month, day = parts
    if month is None:
        return str(year)
    first = dt.date(year, month, day or 1)
    return first.strftime("%B %Y") if day is None else f"{day} {first:%B %Y}"
