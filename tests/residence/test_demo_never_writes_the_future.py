"""The demo house, built at any moment, records nothing after that moment: no attendance for a
meeting still to come, no disclosure stamped later in the day, no sign-off for tomorrow."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from residence.demo.house import write_demo
from tests.conftest import NOW
from tests.residence.future_records import recorded_after

MOMENTS = (
    datetime(2026, 6, 15, 0, 5),  # a Monday, just after midnight: the week has just begun
    datetime(2026, 11, 29, 23, 55),  # a Sunday, last minutes of the house week
    datetime(2026, 12, 1, 0, 5),  # the 1st of a month
    datetime(2026, 12, 2, 1, 0),  # the 2nd, before the morning a monthly report goes out
    datetime(2026, 12, 9, 19, 30),  # a Wednesday evening, during a group
    datetime(2028, 2, 29, 7, 30),  # a leap day
    # The night the US clocks go back: the demo works in wall-clock time, so 01:30 (which
    # comes twice) is one moment to it.
    datetime(2026, 11, 1, 1, 30),
)


@pytest.mark.parametrize("moment", MOMENTS, ids=lambda m: m.strftime("%a %d %b %Y %H:%M"))
def test_nothing_in_the_demo_happens_after_it_was_built(moment: datetime, tmp_path: Path) -> None:
    house = tmp_path / "demo.sqlite3"
    write_demo(house, moment)
    assert recorded_after(house, moment) == []


def test_the_check_finds_a_record_in_the_future(demo_copy: Path) -> None:
    """The check above can fail: a slip logged for tomorrow is found."""
    with sqlite3.connect(demo_copy) as connection:
        connection.execute("UPDATE outside_meeting SET day = '2026-06-16' WHERE id = 1")
    assert recorded_after(demo_copy, NOW) == ["an outside-meeting slip"]


def test_each_report_went_out_under_a_consent_already_on_record(demo_copy: Path) -> None:
    with sqlite3.connect(demo_copy) as connection:
        rows = connection.execute(
            "SELECT datetime(d.at), datetime(c.recorded_at), c.signed_on FROM disclosure d "
            "JOIN consent c ON c.id = d.consent_id"
        ).fetchall()
    assert len(rows) == 2
    assert all(recorded <= sent and signed <= sent[:10] for sent, recorded, signed in rows)
