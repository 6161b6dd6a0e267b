"""What a progress report says of a resident's chores, under a consent that covers them."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from residence.consents.records import Category, ChoreSummary
from residence.consents.sections import Section, Subject
from residence.db import orm


def sections() -> list[Section]:
    return [Section.of(_chores_section, Category.CHORES)]


def _chores_section(session: Session, subject: Subject) -> dict[str, object]:
    return {"chores": chores_of(session, subject)}


def chores_of(session: Session, subject: Subject) -> ChoreSummary:
    person_id, first, last = subject.person_id, subject.first, subject.last
    rows = session.execute(
        select(orm.ChoreAssignment.day, orm.ChoreAssignment.chore_name, orm.ChoreAssignment.status)
        .where(orm.ChoreAssignment.person_id == person_id)
        .where(orm.ChoreAssignment.day.between(first, last))
        .order_by(orm.ChoreAssignment.day)
    ).all()
    return ChoreSummary(
        records_from=session.scalar(select(func.min(orm.ChoreWeek.start))),
        done=sum(1 for _, _, s in rows if s == "done"),
        missed=tuple((d, name) for d, name, s in rows if s == "missed"),
        excused=sum(1 for _, _, s in rows if s == "excused"),
        covered=sum(1 for _, _, s in rows if s == "covered"),
    )
