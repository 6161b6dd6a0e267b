"""Dates as a manager types them, and the calendar arithmetic the app relies on."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from residence.dates import (
    add_months,
    format_date,
    parse_date,
    parse_optional_date,
    week_start,
    years_between,
)

# Dates a house could ever see; four-digit years so both typed forms can write them.
any_day = st.dates(min_value=date(1000, 1, 1), max_value=date(9000, 12, 31))


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-06-15", date(2026, 6, 15)),
        ("2026-6-5", date(2026, 6, 5)),
        ("06/15/2026", date(2026, 6, 15)),
        ("6/5/2026", date(2026, 6, 5)),
        ("  03/01/2024 ", date(2024, 3, 1)),  # US order: March 1st, not 3 January
        ("2024-02-29", date(2024, 2, 29)),
        # as the app shows dates, so a date copied off a page or a report reads back
        ("15 Mar 1990", date(1990, 3, 15)),
        ("3 dec 2026", date(2026, 12, 3)),
        ("15 March 1990", date(1990, 3, 15)),
        ("Mar 15, 1990", date(1990, 3, 15)),
        ("Sept. 1, 2025", date(2025, 9, 1)),
    ],
)
def test_parse_date_reads_iso_and_us_forms(typed: str, expected: date) -> None:
    assert parse_date(typed) == expected


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "tomorrow",
        "15.06.2026",
        "2026/06/15",
        "15-06-2026",
        "06/15/26",
        "2026-06",
        "15 Foo 2026",
    ],
)
def test_parse_date_refuses_other_forms_and_says_how_to_write_it(typed: str) -> None:
    with pytest.raises(ValueError, match="15 Mar 1990, 1990-03-15 or 03/15/1990"):
        parse_date(typed)


@pytest.mark.parametrize(
    "typed", ["2026-02-30", "02/29/2025", "13/01/2026", "2026-00-10", "30 Feb 2026"]
)
def test_parse_date_refuses_days_not_on_the_calendar(typed: str) -> None:
    with pytest.raises(ValueError, match="not a real date"):
        parse_date(typed)


def test_parse_optional_date_is_none_only_for_blank_text() -> None:
    assert parse_optional_date("   ") is None
    assert parse_optional_date("") is None
    assert parse_optional_date("2026-01-02") == date(2026, 1, 2)
    with pytest.raises(ValueError):
        parse_optional_date("soon")


def test_format_date_is_unambiguous() -> None:
    assert format_date(date(2026, 3, 3)) == "3 Mar 2026"
    assert format_date(date(2026, 12, 25)) == "25 Dec 2026"


@settings(max_examples=100)
@given(any_day)
def test_parse_date_round_trips_isoformat(day: date) -> None:
    assert parse_date(day.isoformat()) == day


@settings(max_examples=100)
@given(any_day)
def test_parse_date_round_trips_the_form_the_app_shows(day: date) -> None:
    assert parse_date(format_date(day)) == day


@settings(max_examples=100)
@given(any_day)
def test_parse_date_round_trips_the_us_form(day: date) -> None:
    assert parse_date(f"{day.month:02d}/{day.day:02d}/{day.year}") == day
    assert parse_date(f"{day.month}/{day.day}/{day.year}") == day


@settings(max_examples=100)
@given(st.text(max_size=20))
def test_parse_date_gives_a_date_or_a_value_error_for_any_text(typed: str) -> None:
    try:
        parse_date(typed)
    except ValueError as error:
        assert str(error)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2026, 11, 15), 3, date(2027, 2, 15)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2026, 5, 10), 0, date(2026, 5, 10)),
        (date(2026, 1, 15), -1, date(2025, 12, 15)),
    ],
)
def test_add_months_clamps_to_the_end_of_short_months(
    start: date, months: int, expected: date
) -> None:
    assert add_months(start, months) == expected


@settings(max_examples=100)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)), st.integers(0, 1200))
def test_add_months_keeps_the_day_when_that_month_has_it(start: date, months: int) -> None:
    moved = add_months(start, months)
    index = start.year * 12 + start.month - 1 + months
    assert (moved.year, moved.month) == (index // 12, index % 12 + 1)
    try:
        exact = start.replace(year=index // 12, month=index % 12 + 1)
    except ValueError:
        # Day missing in that month: the last day of the month instead.
        assert moved.day < start.day
        assert (moved + timedelta(days=1)).day == 1
    else:
        assert moved == exact


@settings(max_examples=100)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)), st.integers(0, 600))
def test_add_months_never_goes_backwards(start: date, months: int) -> None:
    assert add_months(start, months) >= start
    assert add_months(start, months + 1) > add_months(start, months)


@pytest.mark.parametrize(
    ("born", "on", "age"),
    [
        (date(2000, 6, 15), date(2026, 6, 15), 26),  # birthday today
        (date(2000, 6, 16), date(2026, 6, 15), 25),  # birthday tomorrow
        (date(2000, 2, 29), date(2026, 2, 28), 25),
        (date(2000, 2, 29), date(2026, 3, 1), 26),
        (date(2026, 6, 15), date(2026, 6, 15), 0),
    ],
)
def test_years_between_counts_whole_years(born: date, on: date, age: int) -> None:
    assert years_between(born, on) == age


@settings(max_examples=100)
@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)).filter(
        lambda d: (d.month, d.day) != (2, 29)  # leap-day birthdays: see the table above
    ),
    st.integers(1, 150),
)
def test_years_between_turns_over_on_the_birthday(born: date, years: int) -> None:
    birthday = born.replace(year=born.year + years)
    assert years_between(born, birthday) == years
    assert years_between(born, birthday - timedelta(days=1)) == years - 1


@settings(max_examples=100)
@given(any_day, st.integers(0, 6))
def test_week_start_is_the_chosen_weekday_within_the_last_seven_days(
    day: date, first_weekday: int
) -> None:
    first = week_start(day, first_weekday)
    assert first.weekday() == first_weekday
    assert 0 <= (day - first).days <= 6


def test_week_start_monday_and_sunday_weeks() -> None:
    monday = date(2026, 6, 15)
    assert week_start(monday, 0) == monday
    assert week_start(date(2026, 6, 21), 0) == monday  # Sunday ends a Monday week
    assert week_start(monday, 6) == date(2026, 6, 14)
    assert week_start(date(2026, 6, 14), 6) == date(2026, 6, 14)
