"""What a progress report says of a resident's house meetings and outside meetings, under a
consent that covers them."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from residence.consents.records import AttendanceSummary, Category, OutsideWeek
from residence.consents.sections import Section, Subject
from residence.dates import week_start
from residence.db import orm
from residence.meetings.records import Kind
from residence.residents.presence import phase_on


def sections() -> list[Section]:
    return [
        Section.of(_attendance_section, Category.ATTENDANCE),
        Section.of(_outside_section, Category.OUTSIDE),
    ]


def _attendance_section(session: Session, subject: Subject) -> dict[str, object]:
    return {"attendance": _attendance(session, subject)}


def _outside_section(session: Session, subject: Subject) -> dict[str, object]:
    return {"outside": _outside(session, subject)}


def _attendance(session: Session, subject: Subject) -> AttendanceSummary:
    """House meetings held (attendance taken) on days the resident lived here."""
    person_id, here = subject.person_id, subject.here
    if not here:
        return AttendanceSummary(0, 0, 0, (), ())
    held = session.scalars(
        select(orm.Meeting)
        .where(orm.Meeting.kind == Kind.HOUSE.value, orm.Meeting.cancelled.is_(False))
        .where(orm.Meeting.day.between(min(s for s, _ in here), max(e for _, e in here)))
        .where(
            select(orm.Attendance.id).where(orm.Attendance.meeting_id == orm.Meeting.id).exists()
        )
        .order_by(orm.Meeting.day)
    )
    meetings = [m for m in held if subject.lived(m.day)]
    marks = {
        a.meeting_id: a
        for a in session.scalars(
            select(orm.Attendance).where(
                orm.Attendance.person_id == person_id,
                orm.Attendance.meeting_id.in_([m.id for m in meetings]),
            )
        )
    }
    present = late = 0
    excused: list[tuple[date, str]] = []
    missed: list[date] = []
    for meeting in meetings:
        mark = marks.get(meeting.id)
        status = mark.status if mark else "absent"
        if status == "present":
            present += 1
        elif status == "late":
            late += 1
        elif status == "excused" and mark is not None:
            excused.append((meeting.day, mark.reason))
        else:
            missed.append(meeting.day)
    return AttendanceSummary(len(meetings), present, late, tuple(excused), tuple(missed))


def _outside(session: Session, subject: Subject) -> tuple[OutsideWeek, ...]:
    """House weeks touching the period, each with its count and its share of the quota."""
    person_id, first, last = subject.person_id, subject.first, subject.last
    first_day = session.scalar(select(orm.House.week_starts_on)) or 0
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
            phase = phase_on(session, person_id, lived[0])
            quota = int((phase.weekly_meetings if phase else 0) * len(lived) / 7 + 0.5)
            count = sum(1 for d in days if start <= d <= week[-1])
            weeks.append(OutsideWeek(start, count, quota))
        start += timedelta(weeks=1)
    return tuple(weeks)
