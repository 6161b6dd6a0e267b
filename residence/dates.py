"""Dates as a house manager types and reads them."""

from __future__ import annotations

import re
from datetime import date, timedelta

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_US = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def parse_date(text: str) -> date:
    """Read YYYY-MM-DD, the US form MM/DD/YYYY, or a date as the app shows it (15 Mar 1990,
    also Mar 15, 1990 and full month names); raise ValueError with a readable reason."""
    cleaned = text.strip()
    if iso := _ISO.match(cleaned):
        year, month, day = (int(part) for part in iso.groups())
    elif us := _US.match(cleaned):
        month, day, year = (int(part) for part in us.groups())
    elif (named := _named(cleaned)) is not None:
        year, month, day = named
    else:
        raise ValueError(
            f"“{cleaned}” is not a date: write it as 15 Mar 1990, 1990-03-15 or 03/15/1990"
        )
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"“{cleaned}” is not a real date on the calendar") from None


_MONTHS = {
    name: number
    for number, names in enumerate(
        (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")),
        start=1,
    )
    for name in names
}  # fmt: skip
_DAY_MONTH = re.compile(r"(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})")
_MONTH_DAY = re.compile(r"([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})")


def _named(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) of "15 Mar 1990" or "March 15, 1990"; None if it is neither."""
    if found := _DAY_MONTH.fullmatch(text):
        day, name, year = found.groups()
    elif found := _MONTH_DAY.fullmatch(text):
        name, day, year = found.groups()
    else:
        return None
    month = _MONTHS.get(name.casefold())
    return None if month is None else (int(year), month, int(day))


def parse_optional_date(text: str) -> date | None:
    return parse_date(text) if text.strip() else None


def format_date(value: date) -> str:
    """The long, unambiguous form used in messages and reports: 3 Mar 2026."""
    return f"{value.day} {value:%b %Y}"


def add_months(start: date, months: int) -> date:
    """The same day ``months`` later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    for day in range(start.day, 27, -1):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    return date(year, month, min(start.day, 28))


def years_between(earlier: date, later: date) -> int:
    """Whole years from ``earlier`` to ``later`` (an age)."""
    before_birthday = (later.month, later.day) < (earlier.month, earlier.day)
    return later.year - earlier.year - int(before_birthday)


def week_start(day: date, first_weekday: int) -> date:
    """The first day of the house week containing ``day`` (0 = Monday ... 6 = Sunday)."""
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)
