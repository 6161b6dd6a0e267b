"""Dates as a house manager types and reads them."""

from __future__ import annotations

import re
from datetime import date, timedelta

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_US = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def parse_date(text: str) -> date:
    """Read YYYY-MM-DD or the US form MM/DD/YYYY; raise ValueError with a readable reason."""
    cleaned = text.strip()
    if iso := _ISO.match(cleaned):
        year, month, day = (int(part) for part in iso.groups())
    elif us := _US.match(cleaned):
        month, day, year = (int(part) for part in us.groups())
    else:
        raise ValueError(f"“{cleaned}” is not a date: write it as YYYY-MM-DD or MM/DD/YYYY")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"“{cleaned}” is not a real date on the calendar") from None


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
