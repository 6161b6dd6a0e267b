"""What a progress report says about one resident for a period: only the categories the
consent covers are even read from the database (minimum necessary)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from residence.consents.records import (
    AttendanceSummary,
    Category,
    CheckInLine,
    ChoreSummary,
    ConsentInfo,
    OutsideWeek,
    StayPart,
)
from residence.dates import week_start
from residence.db import orm
from residence.meetings.attendance import phase_on
from residence.meetings.records import Kind
from residence.mentors.records import How, Role
from residence.milestones import milestones_between

Period = tuple[date, date]


def gather(session: Session, consent: ConsentInfo, first: date, last: date) -> dict[str, object]:
    """The report's fields for the covered categories, by ProgressReport field name."""
    person = session.get(orm.Person, consent.person_id)
    assert person is not None
    stays = _stays(session, person.id, first, last)
    covered = consent.categories
    fields: dict[str, object] = {}
    if Category.STAY in covered:
        fields["stays"] = tuple(_stay_part(session, stay, first, last) for stay in stays)
    if Category.SOBRIETY in covered:
        # A date set after the period (a new start) says nothing true about the period.
        sober = (
            person.sobriety_date if person.sobriety_date and person.sobriety_date <= last else None
        )
        fields["sobriety_date"] = sober
        fields["days_sober"] = (last - sober).days if sober else None
        reached = milestones_between(sober, first, last) if sober else []
        fields["milestones"] = tuple((m.label, m.on) for m in reached)
    here = [
        (max(s.move_in, first), min(s.move_out - timedelta(days=1), last) if s.move_out else last)
        for s in stays
    ]
    if Category.ATTENDANCE in covered:
        fields["attendance"] = _attendance(session, person.id, here)
    if Category.OUTSIDE in covered:
        fields["outside"] = _outside(session, person.id, first, last, here)
    if Category.CHORES in covered:
        fields["chores"] = _chores(session, person.id, first, last)
    if Category.MENTORS in covered:
        fields["check_ins"] = _check_ins(
            session, person.id, first, last, notes=Category.NOTES in covered
        )
    elif Category.NOTES in covered:
        # The notes only: not who the mentor is, nor when they met without a note.
        fields["notes"] = tuple(
            (line.day, line.note)
            for line in _check_ins(session, person.id, first, last, notes=True)
            if line.note
        )
    return fields


def _stays(session: Session, person_id: int, first: date, last: date) -> list[orm.Stay]:
    return list(
        session.scalars(
            select(orm.Stay)
            .where(orm.Stay.person_id == person_id, orm.Stay.move_in <= last)
            .where((orm.Stay.move_out.is_(None)) | (orm.Stay.move_out > first))
            .order_by(orm.Stay.move_in)
        )
    )


def _stay_part(session: Session, stay: orm.Stay, first: date, last: date) -> StayPart:
    """The stay as the period saw it: a move-out after the period isn't told, nor phases after
    it, nor why anyone left (that is not "stay dates and phase")."""
    phases = session.execute(
        select(orm.StayPhase.start, orm.Phase.name)
        .join(orm.Phase, orm.Phase.id == orm.StayPhase.phase_id)
        .where(orm.StayPhase.stay_id == stay.id, orm.StayPhase.start <= last)
        .order_by(orm.StayPhase.start)
    ).all()
    # The phase in force when the period began, then the changes within it.
    before = [p for p in phases if p.start <= first][-1:]
    shown = before + [p for p in phases if p.start > first]
    move_out = stay.move_out if stay.move_out is not None and stay.move_out <= last else None
    return StayPart(stay.move_in, move_out, tuple((d, n) for d, n in shown))


def _lived(day: date, here: list[Period]) -> bool:
    return any(start <= day <= end for start, end in here)


def _attendance(session: Session, person_id: int, here: list[Period]) -> AttendanceSummary:
    """House meetings held (attendance taken) on days the resident lived here."""
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
    meetings = [m for m in held if _lived(m.day, here)]
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


def _outside(
    session: Session, person_id: int, first: date, last: date, here: list[Period]
) -> tuple[OutsideWeek, ...]:
    """House weeks touching the period, each with its count and its share of the quota."""
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
        lived = [d for d in week if first <= d <= last and _lived(d, here)]
        if lived:
            phase = phase_on(session, person_id, lived[0])
            quota = int((phase.weekly_meetings if phase else 0) * len(lived) / 7 + 0.5)
            count = sum(1 for d in days if start <= d <= week[-1])
            weeks.append(OutsideWeek(start, count, quota))
        start += timedelta(weeks=1)
    return tuple(weeks)


def _chores(session: Session, person_id: int, first: date, last: date) -> ChoreSummary:
    rows = session.execute(
        select(orm.ChoreAssignment.day, orm.ChoreAssignment.chore_name, orm.ChoreAssignment.status)
        .where(orm.ChoreAssignment.person_id == person_id)
        .where(orm.ChoreAssignment.day.between(first, last))
        .order_by(orm.ChoreAssignment.day)
    ).all()
    return ChoreSummary(
        done=sum(1 for _, _, s in rows if s == "done"),
        missed=tuple((d, name) for d, name, s in rows if s == "missed"),
        excused=sum(1 for _, _, s in rows if s == "excused"),
        covered=sum(1 for _, _, s in rows if s == "covered"),
    )


def _check_ins(
    session: Session, person_id: int, first: date, last: date, *, notes: bool
) -> tuple[CheckInLine, ...]:
    rows = session.execute(
        select(orm.CheckIn, orm.Mentorship)
        .join(orm.Mentorship, orm.Mentorship.id == orm.CheckIn.mentorship_id)
        .where(orm.Mentorship.mentee_id == person_id, orm.CheckIn.day.between(first, last))
        .order_by(orm.CheckIn.day, orm.CheckIn.id)
    ).all()
    lines = []
    for check_in, pair in rows:
        shared = check_in.note if notes and check_in.shareable else ""
        lines.append(
            CheckInLine(check_in.day, How(check_in.how).label, _mentor(session, pair), shared)
        )
    return tuple(lines)


def _mentor(session: Session, pair: orm.Mentorship) -> str:
    """A resident mentor is not named: that would disclose their own recovery."""
    if pair.mentor_person_id is not None:
        return "Peer mentor (a senior resident)"
    outside = session.get(orm.ExternalMentor, pair.external_mentor_id)
    return f"{outside.name} ({Role(outside.role).label})" if outside else ""
