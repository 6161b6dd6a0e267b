"""Who lived in the house on which days: the base of chores, attendance and meeting rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from residence.db import orm


@dataclass(frozen=True)
class Presence:
    """Stays touching a period, by person: in the house from move-in day, out on move-out day."""

    stays: dict[int, list[tuple[date, date | None]]]
    names: dict[int, str]

    def lives_in(self, person_id: int, day: date) -> bool:
        return any(
            start <= day and (end is None or day < end)
            for start, end in self.stays.get(person_id, [])
        )

    def people_on(self, day: date) -> list[int]:
        return sorted(p for p in self.stays if self.lives_in(p, day))


def presence_between(session: Session, first: date, last: date) -> Presence:
    """Everyone with a stay touching ``first``..``last`` (inclusive)."""
    rows = session.execute(
        select(
            orm.Stay.person_id,
            orm.Stay.move_in,
            orm.Stay.move_out,
            orm.Person.first_name,
            orm.Person.last_name,
            orm.Person.preferred_name,
        )
        .join(orm.Person)
        .where(orm.Stay.move_in <= last)
        .where(or_(orm.Stay.move_out.is_(None), orm.Stay.move_out > first))
    )
    stays: dict[int, list[tuple[date, date | None]]] = {}
    names: dict[int, str] = {}
    for person_id, move_in, move_out, first_name, last_name, preferred in rows:
        stays.setdefault(person_id, []).append((move_in, move_out))
        names[person_id] = short_name(first_name, last_name, preferred)
    return Presence(stays, names)


def short_name(first_name: str, last_name: str, preferred: str = "") -> str:
    """The name on a chart or sign-in sheet: “Pepe Ñúñez”."""
    return f"{preferred or first_name} {last_name}"


def phase_on(session: Session, person_id: int, day: date) -> orm.Phase | None:
    """The phase of ``person_id``'s stay on ``day`` (the latest change on or before it)."""
    return session.scalar(
        select(orm.Phase)
        .join(orm.StayPhase, orm.StayPhase.phase_id == orm.Phase.id)
        .join(orm.Stay, orm.Stay.id == orm.StayPhase.stay_id)
        .where(orm.Stay.person_id == person_id, orm.StayPhase.start <= day, orm.Stay.move_in <= day)
        .order_by(orm.StayPhase.start.desc(), orm.StayPhase.id.desc())
        .limit(1)
    )
