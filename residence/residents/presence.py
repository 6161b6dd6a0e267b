"""Who lived in the house on which days: the base of chores, attendance and meeting rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from residence.db import orm


@dataclass(frozen=True)
class Presence:
    """Stays touching a period, by person: in the house from move-in day, out on move-out day."""

    stays: dict[int, list[tuple[date, date | None]]]
    names: dict[int, str]
    # The fields each name is made of, for a sheet that prints a shorter form of it.
    people: dict[int, PersonName] = field(default_factory=dict)

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
    people: dict[int, PersonName] = {}
    for person_id, move_in, move_out, first_name, last_name, preferred in rows:
        stays.setdefault(person_id, []).append((move_in, move_out))
        people[person_id] = PersonName(first_name, last_name, preferred or "")
    return Presence(stays, {p: name.full for p, name in people.items()}, people)


@dataclass(frozen=True, order=True)
class PersonName:
    """A name as the manager typed it, field by field: a sheet that must print it shorter
    shortens the fields (“María José P.”), never a string split at its first space."""

    first: str
    last: str
    preferred: str = ""

    @property
    def given(self) -> str:
        """What the house calls them: the preferred name, else the whole first-name field."""
        return self.preferred or self.first

    @property
    def full(self) -> str:
        return f"{self.given} {self.last}".strip()


def short_name(first_name: str, last_name: str, preferred: str = "") -> str:
    """The name on a chart or sign-in sheet: “Pepe Ñúñez”."""
    return PersonName(first_name, last_name, preferred).full


def phases_on(session: Session, days: dict[int, date]) -> dict[int, orm.Phase | None]:
    """``phase_on`` for each person of ``days`` (person id: day) in one query, not one each:
    the house's week has every resident in it."""
    if not days:
        return {}
    rows = session.execute(
        select(
            orm.Stay.person_id, orm.Stay.move_in, orm.StayPhase.start, orm.StayPhase.id, orm.Phase
        )
        .join(orm.StayPhase, orm.StayPhase.stay_id == orm.Stay.id)
        .join(orm.Phase, orm.Phase.id == orm.StayPhase.phase_id)
        .where(orm.Stay.person_id.in_(list(days)), orm.StayPhase.start <= max(days.values()))
    )
    latest: dict[int, tuple[date, int, orm.Phase]] = {}
    for person_id, move_in, start, change, phase in rows:
        day = days[person_id]
        if (
            start <= day
            and move_in <= day
            and (start, change) > latest.get(person_id, (date.min, 0))[:2]
        ):
            latest[person_id] = (start, change, phase)
    return {person: (latest[person][2] if person in latest else None) for person in days}


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
