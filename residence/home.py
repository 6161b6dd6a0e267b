"""“This week at a glance”: census, recent moves, sobriety milestones this week."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from residence.clock import Clock
from residence.dates import week_start
from residence.db import orm
from residence.db.database import Database
from residence.milestones import milestones_between
from residence.residents.reasons import DischargeReason
from residence.text_rules import sort_key

RECENT_DAYS = 14


@dataclass(frozen=True)
class Census:
    beds: int
    occupied: int
    residents: int  # current residents, with or without a bed

    @property
    def free(self) -> int:
        return self.beds - self.occupied


@dataclass(frozen=True)
class Move:
    person_id: int
    name: str
    on: date
    moved_in: bool
    reason: DischargeReason | None = None


@dataclass(frozen=True)
class UpcomingMilestone:
    person_id: int
    name: str
    label: str
    on: date


@dataclass(frozen=True)
class HomeSummary:
    today: date
    week_first: date
    census: Census
    recent_moves: tuple[Move, ...]
    milestones: tuple[UpcomingMilestone, ...]


class HomeService:
    def __init__(self, database: Database, clock: Clock) -> None:
        self._db = database
        self._today = clock.today

    def summary(self) -> HomeSummary:
        today = self._today()
        with self._db.read() as session:
            first_day = session.scalar(select(orm.House.week_starts_on)) or 0
            week_first = week_start(today, first_day)
            census = Census(
                beds=session.scalar(select(func.count()).where(orm.Bed.retired.is_(False))) or 0,
                occupied=session.scalar(
                    select(func.count()).where(orm.BedAssignment.end_date.is_(None))
                )
                or 0,
                residents=session.scalar(select(func.count()).where(orm.Stay.move_out.is_(None)))
                or 0,
            )
            moves = self._recent_moves(session, today)
            upcoming = self._milestones(session, week_first, week_first + timedelta(days=6))
        return HomeSummary(today, week_first, census, moves, upcoming)

    @staticmethod
    def _recent_moves(session: Session, today: date) -> tuple[Move, ...]:
        since = today - timedelta(days=RECENT_DAYS)
        stays = session.execute(
            select(orm.Stay, orm.Person)
            .join(orm.Person)
            .where(or_(orm.Stay.move_in >= since, orm.Stay.move_out >= since))
        )
        moves: list[Move] = []
        for stay, person in stays:
            name = f"{person.first_name} {person.last_name}"
            if stay.move_in >= since:
                moves.append(Move(person.id, name, stay.move_in, True))
            if stay.move_out is not None and stay.move_out >= since:
                reason = DischargeReason(stay.discharge_reason) if stay.discharge_reason else None
                moves.append(Move(person.id, name, stay.move_out, False, reason))
        return tuple(sorted(moves, key=lambda move: move.on, reverse=True))

    @staticmethod
    def _milestones(session: Session, first: date, last: date) -> tuple[UpcomingMilestone, ...]:
        current = session.execute(
            select(
                orm.Person.id, orm.Person.first_name, orm.Person.last_name, orm.Person.sobriety_date
            )
            .join(orm.Stay)
            .where(orm.Stay.move_out.is_(None), orm.Person.sobriety_date.is_not(None))
        )
        found = [
            UpcomingMilestone(person_id, f"{first_name} {last_name}", m.label, m.on)
            for person_id, first_name, last_name, sober in current
            if sober is not None
            for m in milestones_between(sober, first, last)
        ]
        return tuple(sorted(found, key=lambda m: (m.on, sort_key(m.name))))
