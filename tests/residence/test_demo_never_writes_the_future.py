"""The demo house, built at any moment, records nothing after that moment: no attendance for a
meeting still to come, no disclosure stamped later in the day, no sign-off for tomorrow."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from residence.demo import write_demo

MOMENTS = (
    datetime(2026, 6, 15, 0, 5),  # a Monday, just after midnight: the week has just begun
    datetime(2026, 11, 29, 23, 55),  # a Sunday, last minutes of the house week
    datetime(2026, 12, 1, 0, 5),  # the 1st of a month
    datetime(2026, 12, 2, 1, 0),  # the 2nd, before the morning a monthly report goes out
    datetime(2026, 12, 9, 19, 30),  # a Wednesday evening, during a group
    datetime(2028, 2, 29, 7, 30),  # a leap day
    datetime(2026, 11, 1, 1, 30),  # the day the US clocks go back (01:30 happens twice)
)

# (what a person would read, the column, the query's table and condition) for every record of
# something that happened. Dates are compared with today, times with now.
HAPPENED_ON = (
    ("a move-in", "move_in", "stay"),
    ("a move-out", "move_out", "stay"),
    ("a phase change", "start", "stay_phase"),
    ("a bed move", "start", "bed_assignment"),
    ("a sobriety date", "sobriety_date", "person"),
    ("a chore signed off", "day", "chore_assignment WHERE status != 'pending'"),
    ("a meeting with attendance", "day", "meeting WHERE id IN (SELECT meeting_id FROM attendance)"),
    ("minutes of a meeting", "day", "meeting WHERE id IN (SELECT meeting_id FROM minutes)"),
    ("an action item done", "done_on", "action_item"),
    ("an outside-meeting slip", "day", "outside_meeting"),
    ("a mentor pair started", "started", "mentorship"),
    ("a mentor pair ended", "ended", "mentorship"),
    ("a check-in", "day", "check_in"),
    ("a consent signed", "signed_on", "consent"),
    ("a consent revoked", "revoked_on", "consent"),
    ("a period disclosed", "last", "disclosure"),
)
HAPPENED_AT = (
    ("a discharge amended", "amended_at", "discharge_amendment"),
    ("a chore week generated", "generated_at", "chore_week"),
    ("a chore sign-off", "signed_at", "chore_assignment"),
    ("minutes finalised", "finalised_at", "minutes"),
    ("a consent recorded", "recorded_at", "consent"),
    ("a disclosure", "at", "disclosure"),
    ("an audit entry", "at", "audit_entry"),
)


def _later(house: Path, column: str, table: str, bound: str, as_time: bool) -> int:
    value = f"datetime({column})" if as_time else f"date({column})"
    where = "AND" if " WHERE " in table else "WHERE"
    with sqlite3.connect(house) as connection:
        query = f"SELECT count(*) FROM {table} {where} {value} > ?"
        return int(connection.execute(query, (bound,)).fetchone()[0])


@pytest.mark.parametrize("moment", MOMENTS, ids=lambda m: m.strftime("%a %d %b %Y %H:%M"))
def test_nothing_in_the_demo_happens_after_it_was_built(moment: datetime, tmp_path: Path) -> None:
    house = tmp_path / "demo.sqlite3"
    write_demo(house, moment)
    today, now = moment.date().isoformat(), moment.strftime("%Y-%m-%d %H:%M:%S")
    future = [
        what
        for what, column, table in HAPPENED_ON
        if _later(house, column, table, today, as_time=False)
    ]
    future += [
        what
        for what, column, table in HAPPENED_AT
        if _later(house, column, table, now, as_time=True)
    ]
    # A meeting today has attendance only once it has begun.
    with sqlite3.connect(house) as connection:
        started = connection.execute(
            "SELECT count(*) FROM meeting JOIN attendance ON attendance.meeting_id = meeting.id "
            "WHERE date(meeting.day) = ? AND time(meeting.start_time) > ?",
            (today, moment.strftime("%H:%M:%S")),
        ).fetchone()[0]
    assert not future and not started, f"recorded after {now}: {future}"


def test_the_checks_see_a_record_in_the_future(tmp_path: Path) -> None:
    """The check above can fail: a slip logged for tomorrow is found."""
    house = tmp_path / "demo.sqlite3"
    write_demo(house, MOMENTS[0])
    with sqlite3.connect(house) as connection:
        connection.execute("UPDATE outside_meeting SET day = '2026-06-16' WHERE id = 1")
    assert _later(house, "day", "outside_meeting", "2026-06-15", as_time=False) == 1
