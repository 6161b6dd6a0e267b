"""What a progress report says of a resident's mentor check-ins, and of the notes marked
shareable, under a consent that covers them."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from residence.consents.records import Category, CheckInLine
from residence.consents.sections import Section, Subject
from residence.db import orm
from residence.mentors.records import How, Role


def sections() -> list[Section]:
    return [Section.of(_mentoring, Category.MENTORS, Category.NOTES)]


def _mentoring(session: Session, subject: Subject) -> dict[str, object]:
    person, first, last = subject.person_id, subject.first, subject.last
    if Category.MENTORS in subject.covered:
        notes = Category.NOTES in subject.covered
        return {"check_ins": _check_ins(session, person, first, last, notes=notes)}
    # The notes only: not who the mentor is, nor when they met without a note.
    lines = _check_ins(session, person, first, last, notes=True)
    return {"notes": tuple((line.day, line.note) for line in lines if line.note)}


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
