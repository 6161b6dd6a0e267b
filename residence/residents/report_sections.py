"""What a progress report says of a resident's stays and sobriety, under a consent that
covers them."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from residence.consents.records import Category, StayPart
from residence.consents.sections import Section, Subject
from residence.db import orm
from residence.milestones import milestones_between


def sections() -> list[Section]:
    return [Section.of(_stays, Category.STAY), Section.of(_sobriety, Category.SOBRIETY)]


def _stays(session: Session, subject: Subject) -> dict[str, object]:
    stays = [session.get_one(orm.Stay, stay_id) for stay_id in subject.stays]
    return {"stays": tuple(_stay_part(session, s, subject.first, subject.last) for s in stays)}


def _sobriety(session: Session, subject: Subject) -> dict[str, object]:
    person = session.get_one(orm.Person, subject.person_id)
    last = subject.last
    # A date set after the period (a new start) says nothing true about the period.
    sober = person.sobriety_date if person.sobriety_date and person.sobriety_date <= last else None
    reached = milestones_between(sober, subject.first, last) if sober else []
    return {
        "sobriety_date": sober,
        "days_sober": (last - sober).days if sober else None,
        "milestones": tuple((m.label, m.on) for m in reached),
    }


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
