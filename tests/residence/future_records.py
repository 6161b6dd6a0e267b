"""What a house file records as having happened after a given moment: nothing, for a demo."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

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


def _later(house: Path, column: str, table: str, bound: str, as_time: bool = False) -> int:
    value = f"datetime({column})" if as_time else f"date({column})"
    where = "AND" if " WHERE " in table else "WHERE"
    with sqlite3.connect(house) as connection:
        query = f"SELECT count(*) FROM {table} {where} {value} > ?"
        return int(connection.execute(query, (bound,)).fetchone()[0])


def recorded_after(house: Path, moment: datetime) -> list[str]:
    """What ``house`` says happened after ``moment``, in words (empty if nothing)."""
    today, now = moment.date().isoformat(), moment.strftime("%Y-%m-%d %H:%M:%S")
    found = [what for what, column, table in HAPPENED_ON if _later(house, column, table, today)]
    found += [
        what for what, column, table in HAPPENED_AT if _later(house, column, table, now, True)
    ]
    # A meeting today has attendance only once it has begun.
    with sqlite3.connect(house) as connection:
        early = connection.execute(
            "SELECT count(*) FROM meeting JOIN attendance ON attendance.meeting_id = meeting.id "
            "WHERE date(meeting.day) = ? AND time(meeting.start_time) > ?",
            (today, moment.strftime("%H:%M:%S")),
        ).fetchone()[0]
    return [*found, *(["attendance for a meeting not yet begun"] if early else [])]
