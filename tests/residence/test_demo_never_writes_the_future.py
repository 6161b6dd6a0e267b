"""The demo house, built at any moment, records nothing after that moment: no attendance for a
meeting still to come, no disclosure stamped later in the day, no sign-off for tomorrow."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from residence.demo.house import write_demo
from tests.residence.future_records import recorded_after

MOMENTS = (
    datetime(2026, 6, 15, 0, 5),  # a Monday, just after midnight: the week has just begun
    datetime(2026, 11, 29, 23, 55),  # a Sunday, last minutes of the house week
    datetime(2026, 12, 1, 0, 5),  # the 1st of a month
    datetime(2026, 12, 2, 1, 0),  # the 2nd, before the morning a monthly report goes out
    datetime(2026, 12, 9, 19, 30),  # a Wednesday evening, during a group
    datetime(2028, 2, 29, 7, 30),  # a leap day
    datetime(2026, 11, 1, 1, 30),  # the day the US clocks go back (01:30 happens twice)
)


@pytest.mark.parametrize("moment", MOMENTS, ids=lambda m: m.strftime("%a %d %b %Y %H:%M"))
def test_nothing_in_the_demo_happens_after_it_was_built(moment: datetime, tmp_path: Path) -> None:
    house = tmp_path / "demo.sqlite3"
    write_demo(house, moment)
    assert recorded_after(house, moment) == []


def test_the_check_finds_a_record_in_the_future(tmp_path: Path) -> None:
    """The check above can fail: a slip logged for tomorrow is found."""
    house = tmp_path / "demo.sqlite3"
    write_demo(house, MOMENTS[0])
    with sqlite3.connect(house) as connection:
        connection.execute("UPDATE outside_meeting SET day = '2026-06-16' WHERE id = 1")
    assert recorded_after(house, MOMENTS[0]) == ["an outside-meeting slip"]
