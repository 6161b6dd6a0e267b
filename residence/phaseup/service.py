"""The phase-up assistant: for a resident living in the house, the criteria the house set for
their next phase, each judged by the area that keeps its records.

It only reads. Recording the move is the residents' phase change, with the assessment's
summary as its note: the facts the decision was made on stay with it in the trail."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from residence.clock import Clock
from residence.dates import format_date
from residence.db import orm
from residence.db.database import Database
from residence.db.lookup import get_row
from residence.errors import Conflict, ValidationError
from residence.house.records import MOVE_UP_COLUMNS
from residence.phaseup.records import Assessment, Candidate, Criterion, Verdict
from residence.residents.presence import short_name


class PhaseUpAssistant:
    def __init__(self, database: Database, clock: Clock, criteria: Sequence[Criterion]) -> None:
        self._db = database
        self._today = clock.today
        self._criteria = list(criteria)

    def assess(self, person_id: int, day: date | None = None) -> Assessment:
        """Whether the resident meets the criteria for the phase after theirs on ``day``
        (today by default), in the stay they were living in then."""
        day = self._day(day)
        with self._db.read() as session:
            person = get_row(session, orm.Person, person_id, "resident")
            stay = session.scalar(
                select(orm.Stay).where(
                    orm.Stay.person_id == person.id,
                    orm.Stay.move_in <= day,
                    or_(orm.Stay.move_out.is_(None), orm.Stay.move_out > day),
                )
            )
            if stay is None:
                raise Conflict(f"{_name(person)} wasn't living in the house on {format_date(day)}.")
            return self._assessed(session, stay, day)

    def assess_stay(self, stay_id: int, day: date | None = None) -> Assessment:
        """``assess`` in that stay, on a day of it."""
        day = self._day(day)
        with self._db.read() as session:
            stay = get_row(session, orm.Stay, stay_id, "stay")
            if not stay.move_in <= day < (stay.move_out or date.max):
                raise Conflict(f"That stay doesn't take in {format_date(day)}.")
            return self._assessed(session, stay, day)

    def _day(self, day: date | None) -> date:
        day = day or self._today()
        if day > self._today():
            raise ValidationError.single("day", f"{format_date(day)} is in the future.")
        return day

    def _assessed(self, session: Session, stay: orm.Stay, day: date) -> Assessment:
        candidate = _candidate(session, stay, day)
        phases = list(session.scalars(select(orm.Phase).order_by(orm.Phase.position)))
        following = _following(phases, candidate.phase)
        if following is None:
            return Assessment(candidate, None, "", ())
        before = candidate.phase or "the house"
        verdicts = tuple(
            Verdict(c.name, c.asked(amount, before), *c.judge(session, candidate, amount))
            for c in self._criteria
            if (amount := getattr(following, MOVE_UP_COLUMNS[c.name])) is not None
        )
        return Assessment(candidate, following.id, following.name, verdicts)


def _name(person: orm.Person) -> str:
    return short_name(person.first_name, person.last_name, person.preferred_name)


def _candidate(session: Session, stay: orm.Stay, day: date) -> Candidate:
    change = session.scalar(
        select(orm.StayPhase)
        .where(orm.StayPhase.stay_id == stay.id, orm.StayPhase.start <= day)
        .order_by(orm.StayPhase.start.desc(), orm.StayPhase.id.desc())
        .limit(1)
    )
    return Candidate(
        stay.person_id,
        stay.id,
        _name(stay.person),
        stay.move_in,
        day,
        change.phase.name if change else None,
        change.start if change else None,
    )


def _following(phases: list[orm.Phase], current: str | None) -> orm.Phase | None:
    """The phase after ``current`` in the house's order (the first when there is none)."""
    names = [p.name for p in phases]
    if current not in names:
        return phases[0] if phases else None
    index = names.index(current)
    return phases[index + 1] if index + 1 < len(phases) else None
