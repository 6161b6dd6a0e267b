"""Taking attendance, and the outside-meeting log with each resident's weekly quota."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from residence.changes import Area, Changes, Done
from residence.clock import Clock
from residence.dates import format_date, week_start
from residence.db import orm
from residence.db.database import Database
from residence.db.lookup import get_row
from residence.errors import ValidationError
from residence.meetings.records import (
    FELLOWSHIPS,
    AttendanceLine,
    OutsideEntry,
    Presence,
    QuotaLine,
)
from residence.residents.presence import phases_on, presence_between, short_name
from residence.text_rules import clean, sort_key, text_problem

MEETINGS_CHANGED = Changes.of(Area.MEETINGS)


class AttendanceBook:
    def __init__(self, database: Database, clock: Clock) -> None:
        self._db = database
        self._today = clock.today

    def sheet(self, meeting_id: int) -> list[AttendanceLine]:
        """Everyone who lived in the house that day, with what was recorded for them."""
        with self._db.read() as session:
            meeting = get_row(session, orm.Meeting, meeting_id, "meeting")
            presence = presence_between(session, meeting.day, meeting.day)
            recorded = {
                a.person_id: a
                for a in session.scalars(
                    select(orm.Attendance).where(orm.Attendance.meeting_id == meeting_id)
                )
            }
            lines = [
                AttendanceLine(
                    person,
                    presence.names[person],
                    Presence(recorded[person].status) if person in recorded else None,
                    recorded[person].reason if person in recorded else "",
                )
                for person in presence.people_on(meeting.day)
            ]
        return sorted(lines, key=lambda line: (sort_key(line.name), line.person_id))

    def locked(self, meeting_id: int) -> str:
        """Why this meeting's roll call can't be taken or changed now, or "" if it can: said
        before the manager marks anyone, not after."""
        with self._db.read() as session:
            return self._locked(session, get_row(session, orm.Meeting, meeting_id, "meeting"))

    def _locked(self, session: Session, meeting: orm.Meeting) -> str:
        if meeting.cancelled:
            return "This meeting was cancelled."
        if meeting.day > self._today():
            return f"{format_date(meeting.day)} hasn't come yet."
        final = session.scalar(
            select(orm.Minutes.finalised_at).where(orm.Minutes.meeting_id == meeting.id)
        )
        if final is not None:
            return "The minutes of this meeting are final; the roll call can't change."
        return ""

    def record(self, meeting_id: int, marks: Mapping[int, tuple[Presence, str]]) -> Done[None]:
        """Record a whole meeting's attendance at once: person -> (status, reason)."""
        with self._db.write() as session:
            meeting = get_row(session, orm.Meeting, meeting_id, "meeting")
            if why := self._locked(session, meeting):
                raise ValidationError.single("status", why)
            presence = presence_between(session, meeting.day, meeting.day)
            existing = {
                a.person_id: a
                for a in session.scalars(
                    select(orm.Attendance).where(orm.Attendance.meeting_id == meeting_id)
                )
            }
            for person, (status, reason) in marks.items():
                if not presence.lives_in(person, meeting.day):
                    raise ValidationError.single(
                        "person", f"They didn't live in the house on {format_date(meeting.day)}."
                    )
                reason = _checked(reason, "reason")
                row = existing.get(person) or orm.Attendance(
                    meeting_id=meeting_id, person_id=person
                )
                row.status, row.reason = Presence(status).value, reason
                session.add(row)
        return Done(None, MEETINGS_CHANGED)

    # -- outside meetings --------------------------------------------------------------------

    def log_slips(
        self,
        day: date,
        people: Sequence[int],
        fellowship: str,
        meeting: str = "",
        *,
        online: bool = False,
        slip_seen: bool = True,
    ) -> Done[int]:
        """A stack of meeting slips from one day: one entry per resident; returns how many."""
        fellowship, meeting = clean(fellowship), _checked(meeting, "meeting")
        if not fellowship:
            raise ValidationError.single(
                "fellowship", f"Choose the fellowship ({', '.join(FELLOWSHIPS)})."
            )
        if problem := text_problem(fellowship, max_length=80):
            raise ValidationError.single("fellowship", f"The fellowship {problem}.")
        if day > self._today():
            raise ValidationError.single("day", f"{format_date(day)} hasn't come yet.")
        if not people:
            raise ValidationError.single("people", "Choose who went.")
        with self._db.write() as session:
            presence = presence_between(session, day, day)
            away = [p for p in people if not presence.lives_in(p, day)]
            if away:
                names = ", ".join(_name(session, p) for p in away)
                raise ValidationError.single(
                    "people", f"Not living in the house on {format_date(day)}: {names}."
                )
            for person in people:
                session.add(
                    orm.OutsideMeeting(
                        person_id=person,
                        day=day,
                        fellowship=fellowship,
                        name=meeting,
                        online=online,
                        slip_seen=slip_seen,
                    )
                )
        return Done(len(people), MEETINGS_CHANGED)

    def residents_on(self, day: date) -> list[str]:
        """The names of everyone living in the house on ``day`` (a sign-in sheet)."""
        with self._db.read() as session:
            presence = presence_between(session, day, day)
            return sorted((presence.names[p] for p in presence.people_on(day)), key=sort_key)

    def remove_slip(self, entry_id: int) -> Done[None]:
        """Take back a slip logged by mistake (wrong person or day)."""
        with self._db.write() as session:
            session.delete(get_row(session, orm.OutsideMeeting, entry_id, "meeting slip"))
        return Done(None, MEETINGS_CHANGED)

    def outside_log(self, person_id: int, first: date, last: date) -> list[OutsideEntry]:
        with self._db.read() as session:
            name = _name(session, person_id)
            rows = session.scalars(
                select(orm.OutsideMeeting)
                .where(
                    orm.OutsideMeeting.person_id == person_id,
                    orm.OutsideMeeting.day.between(first, last),
                )
                .order_by(orm.OutsideMeeting.day)
            )
            return [
                OutsideEntry(
                    r.id, r.person_id, name, r.day, r.fellowship, r.name, r.online, r.slip_seen
                )
                for r in rows
            ]

    def quotas(self, day: date) -> list[QuotaLine]:
        """Each resident of the house week containing ``day``: outside meetings against quota.

        The quota is that of the phase they were in on the week's first day in the house,
        shared out by the days they lived here that week.
        """
        with self._db.read() as session:
            first_day = session.scalar(select(orm.House.week_starts_on)) or 0
            start = week_start(day, first_day)
            end = start + timedelta(days=6)
            presence = presence_between(session, start, end)
            counts: dict[int, int] = {}
            for person_id in session.scalars(
                select(orm.OutsideMeeting.person_id).where(
                    orm.OutsideMeeting.day.between(start, end)
                )
            ):
                counts[person_id] = counts.get(person_id, 0) + 1
            week = [start + timedelta(days=i) for i in range(7)]
            days_here = {p: [d for d in week if presence.lives_in(p, d)] for p in presence.stays}
            days_here = {person: here for person, here in days_here.items() if here}
            phases = phases_on(session, {person: here[0] for person, here in days_here.items()})
            lines = []
            for person, here in days_here.items():
                phase = phases[person]
                # Part of a week in the house (moved in or out): a share of the quota.
                quota = int((phase.weekly_meetings if phase else 0) * len(here) / 7 + 0.5)
                name = phase.name if phase else ""
                lines.append(
                    QuotaLine(person, presence.names[person], name, quota, counts.get(person, 0))
                )
        return sorted(lines, key=lambda line: (not line.short, sort_key(line.name), line.person_id))


def _name(session: Session, person_id: int) -> str:
    person = get_row(session, orm.Person, person_id, "resident")
    return short_name(person.first_name, person.last_name, person.preferred_name)


def _checked(text: str, field: str) -> str:
    text = clean(text)
    if problem := text_problem(text, max_length=200):
        raise ValidationError.single(field, f"This {problem}.")
    return text
