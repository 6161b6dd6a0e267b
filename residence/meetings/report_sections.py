"""What a progress report says of a resident's house meetings and outside meetings, under a
consent that covers them.

The house's records of each kind begin when it started keeping them in the app: the first roll
call, the first outside-meeting slip. Before that, and at any meeting without a roll, there is
no record — which is never reported as a miss or a shortfall."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from residence.consents.records import (
    AttendanceSummary,
    Category,
    OutsideMeetings,
    OutsideWeek,
)
from residence.consents.sections import Section, Subject
from residence.dates import week_start
from residence.db import orm
from residence.meetings.calendar import occurrences_between
from residence.meetings.records import Kind
from residence.residents.presence import phase_on


def sections() -> list[Section]:
    return [
        Section.of(_attendance_section, Category.ATTENDANCE),
        Section.of(_outside_section, Category.OUTSIDE),
    ]


def _attendance_section(session: Session, subject: Subject) -> dict[str, object]:
    return {"attendance": attendance_of(session, subject)}


def _outside_section(session: Session, subject: Subject) -> dict[str, object]:
    return {"outside": outside_of(session, subject)}


# -- house meetings ----------------------------------------------------------------------------


def first_roll_call(session: Session) -> date | None:
    """The day of the house's first house meeting with a roll: its records begin there."""
    return session.scalar(
        select(func.min(orm.Meeting.day))
        .join(orm.Attendance, orm.Attendance.meeting_id == orm.Meeting.id)
        .where(orm.Meeting.kind == Kind.HOUSE.value)
    )


def attendance_of(session: Session, subject: Subject) -> AttendanceSummary:
    """Every house meeting on the calendar on a day the resident lived here, sorted into what
    the roll says of them, what it doesn't, and meetings with no roll at all."""
    if not subject.here:
        return AttendanceSummary(0, 0, 0, (), ())
    start, end = min(s for s, _ in subject.here), max(e for _, e in subject.here)
    meetings = [
        m
        for m in occurrences_between(session, start, end)
        if m.kind is Kind.HOUSE and not m.cancelled and subject.lived(m.day)
    ]
    rolls = _rolls(session, [m.meeting_id for m in meetings if m.meeting_id is not None])
    begins = first_roll_call(session)
    tally = _Tally()
    for meeting in meetings:
        roll = rolls.get(meeting.meeting_id) if meeting.meeting_id is not None else None
        if roll is not None:
            tally.count(meeting.day, roll.get(subject.person_id))
        elif begins is None or meeting.day < begins:
            tally.before_records += 1
        else:
            tally.no_roll.append(meeting.day)
    return tally.summary(begins)


class _Tally:
    def __init__(self) -> None:
        self.held = self.present = self.late = self.before_records = 0
        self.excused: list[tuple[date, str]] = []
        self.missed: list[date] = []
        self.not_on_roll: list[date] = []
        self.no_roll: list[date] = []

    def count(self, day: date, mark: tuple[str, str] | None) -> None:
        """A meeting whose roll was taken; ``mark``: the resident's (status, reason)."""
        self.held += 1
        status, reason = mark or ("", "")
        if status == "present":
            self.present += 1
        elif status == "late":
            self.late += 1
        elif status == "excused":
            self.excused.append((day, reason))
        elif status == "absent":
            self.missed.append(day)
        else:
            self.not_on_roll.append(day)

    def summary(self, begins: date | None) -> AttendanceSummary:
        return AttendanceSummary(
            held=self.held,
            present=self.present,
            late=self.late,
            excused=tuple(self.excused),
            missed=tuple(self.missed),
            not_on_roll=tuple(self.not_on_roll),
            no_roll=tuple(self.no_roll),
            records_from=begins,
            before_records=self.before_records,
        )


def _rolls(session: Session, meeting_ids: list[int]) -> dict[int, dict[int, tuple[str, str]]]:
    """For each meeting whose roll was taken: person -> (status, reason)."""
    rolls: dict[int, dict[int, tuple[str, str]]] = {}
    rows = session.execute(
        select(
            orm.Attendance.meeting_id,
            orm.Attendance.person_id,
            orm.Attendance.status,
            orm.Attendance.reason,
        ).where(orm.Attendance.meeting_id.in_(meeting_ids))
    )
    for meeting_id, person_id, status, reason in rows:
        rolls.setdefault(meeting_id, {})[person_id] = (status, reason)
    return rolls


# -- outside meetings --------------------------------------------------------------------------


def first_slip(session: Session) -> date | None:
    """The day of the first outside-meeting slip the house logged: its records begin there."""
    return session.scalar(select(func.min(orm.OutsideMeeting.day)))


def outside_of(session: Session, subject: Subject) -> OutsideMeetings:
    """House weeks touching the period, each with its count and its share of the quota:
    the share of the days the resident lived here and the house kept slips."""
    person_id, first, last = subject.person_id, subject.first, subject.last
    first_day = session.scalar(select(orm.House.week_starts_on)) or 0
    begins = first_slip(session)
    days = session.scalars(
        select(orm.OutsideMeeting.day).where(
            orm.OutsideMeeting.person_id == person_id,
            orm.OutsideMeeting.day.between(first, last),
        )
    ).all()
    weeks = []
    start = week_start(first, first_day)
    while start <= last:
        week = [start + timedelta(days=i) for i in range(7)]
        lived = [d for d in week if first <= d <= last and subject.lived(d)]
        if lived:
            weeks.append(_week(session, person_id, start, lived, days, begins))
        start += timedelta(weeks=1)
    return OutsideMeetings(tuple(weeks), begins)


def _week(
    session: Session,
    person_id: int,
    start: date,
    lived: list[date],
    slips: Sequence[date],
    begins: date | None,
) -> OutsideWeek:
    counted = [d for d in lived if begins is not None and d >= begins]
    count = sum(1 for d in slips if start <= d < start + timedelta(days=7))
    if not counted:
        return OutsideWeek(start, count, 0, 0, on_record=False)
    phase = phase_on(session, person_id, counted[0])
    quota = int((phase.weekly_meetings if phase else 0) * len(counted) / 7 + 0.5)
    return OutsideWeek(start, count, quota, len(counted))
