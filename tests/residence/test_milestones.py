"""Sobriety milestones (30, 60, 90 days, 6 and 9 months, 1 year, then yearly) and text rules."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import islice, pairwise

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from residence.milestones import days_sober, milestones, milestones_between, next_milestone
from residence.text_rules import clean, fold, text_problem

sober_dates = st.dates(min_value=date(1950, 1, 1), max_value=date(2030, 12, 31))


def test_the_milestone_ladder_from_a_sobriety_date() -> None:
    first = list(islice(milestones(date(2025, 8, 31)), 8))
    assert [(m.label, m.on) for m in first] == [
        ("30 days", date(2025, 9, 30)),
        ("60 days", date(2025, 10, 30)),
        ("90 days", date(2025, 11, 29)),
        ("6 months", date(2026, 2, 28)),  # no 31 Feb: the month's last day
        ("9 months", date(2026, 5, 31)),
        ("1 year", date(2026, 8, 31)),
        ("2 years", date(2027, 8, 31)),
        ("3 years", date(2028, 8, 31)),
    ]


def test_days_sober_counts_days_since_the_sobriety_date() -> None:
    assert days_sober(date(2026, 6, 15), date(2026, 6, 15)) == 0
    assert days_sober(date(2026, 5, 16), date(2026, 6, 15)) == 30
    assert days_sober(date(2025, 6, 15), date(2026, 6, 15)) == 365


def test_next_milestone_on_the_day_itself_is_that_milestone() -> None:
    sober = date(2026, 5, 16)
    assert next_milestone(sober, date(2026, 6, 15)).label == "30 days"
    assert next_milestone(sober, date(2026, 6, 16)).label == "60 days"


def test_next_milestone_years_later_is_the_coming_anniversary() -> None:
    found = next_milestone(date(2010, 3, 1), date(2026, 6, 15))
    assert (found.label, found.on) == ("17 years", date(2027, 3, 1))


def test_milestones_between_is_inclusive_at_both_ends() -> None:
    sober = date(2026, 1, 1)
    found = milestones_between(sober, date(2026, 1, 31), date(2026, 3, 2))
    assert [m.label for m in found] == ["30 days", "60 days"]
    assert milestones_between(sober, date(2026, 2, 1), date(2026, 3, 1)) == []


@settings(max_examples=75)
@given(sober_dates)
def test_milestones_come_in_strictly_increasing_order(sober: date) -> None:
    ladder = list(islice(milestones(sober), 15))
    assert all(a.on < b.on for a, b in pairwise(ladder))
    assert ladder[0].on == sober + timedelta(days=30)
    assert [m.label for m in ladder[:7]] == [
        "30 days",
        "60 days",
        "90 days",
        "6 months",
        "9 months",
        "1 year",
        "2 years",
    ]


@settings(max_examples=75)
@given(sober_dates, st.dates(min_value=date(1950, 1, 1), max_value=date(2040, 12, 31)))
def test_next_milestone_is_the_first_one_not_yet_passed(sober: date, today: date) -> None:
    found = next_milestone(sober, today)
    assert found.on >= today
    earlier = [m for m in islice(milestones(sober), 200) if m.on < found.on]
    assert all(m.on < today for m in earlier)


@settings(max_examples=75)
@given(sober_dates, st.dates(min_value=date(1950, 1, 1), max_value=date(2040, 12, 31)))
def test_a_week_holds_exactly_the_milestones_dated_in_it(sober: date, first: date) -> None:
    last = first + timedelta(days=6)
    expected = [m for m in islice(milestones(sober), 100) if first <= m.on <= last]
    assert milestones_between(sober, first, last) == expected


# -- text rules ----------------------------------------------------------------------------


def test_clean_trims_only_the_outside() -> None:
    assert clean("  Zoë  O'Brien ") == "Zoë  O'Brien"


def test_text_problem_length_limit_is_inclusive() -> None:
    assert text_problem("x" * 200, max_length=200) is None
    assert "too long (201 characters; at most 200)" in (
        text_problem("x" * 201, max_length=200) or ""
    )


@pytest.mark.parametrize("value", ["two\nlines", "tab\there", "bell\x07", "nul\x00"])
def test_one_line_fields_refuse_line_breaks_and_control_characters(value: str) -> None:
    assert text_problem(value, max_length=100) is not None


def test_multiline_text_may_have_line_breaks_but_not_other_controls() -> None:
    assert text_problem("first\nsecond\r\n\tthird", max_length=100, multiline=True) is None
    assert text_problem("bad\x00", max_length=100, multiline=True) is not None


def test_text_that_cannot_be_encoded_is_refused() -> None:
    assert "retype" in (text_problem("half a pair \ud800", max_length=100) or "")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("José Ñúñez", "jose nunez"),
        ("ZOË", "zoe"),
        ("  Nguyễn   Thị ", "nguyen thi"),
        ("Straße", "strasse"),
        # letters of their own, which no decomposition turns into the plain one
        ("Zoë O'Brien-Łukasz", "zoe o'brien-lukasz"),
        ("Đặng Văn", "dang van"),
        ("Søren Ærø", "soren aero"),
        ("Þóra Iğdır", "thora igdir"),
    ],
)
def test_fold_ignores_case_accents_and_spacing(a: str, b: str) -> None:
    assert fold(a) == fold(b)


def test_fold_keeps_different_names_apart() -> None:
    assert fold("Jose") != fold("Josie")


def test_fold_ignores_case_in_letters_pasted_from_fancy_fonts() -> None:
    # "𝐉𝐨𝐬𝐞" (mathematical bold, as pasted from a phone's fancy-text keyboard) reads as Jose.
    assert fold("𝐉𝐨𝐬𝐞") == fold("jose")


@settings(max_examples=100)
@given(st.text(max_size=40))
@example("ᴬ")  # a compatibility letter whose plain form is upper case
def test_fold_is_idempotent(value: str) -> None:
    assert fold(fold(value)) == fold(value)
