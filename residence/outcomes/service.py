"""Outcomes for a period: each area's measures, read in one transaction."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from sqlalchemy.orm import Session

from residence.clock import Clock
from residence.db.database import Database
from residence.db.houses import this_house
from residence.errors import ValidationError
from residence.outcomes.records import Block, Outcomes

# What an area tells of a period (first, last): one block, de-identified by ``outcomes.rules``.
Measure = Callable[[Session, date, date], Block]


class OutcomesService:
    def __init__(self, database: Database, clock: Clock, measures: Sequence[Measure]) -> None:
        self._db = database
        self._clock = clock
        self._measures = tuple(measures)

    def report(self, first: date, last: date) -> Outcomes:
        """What the records show of ``first``..``last``, measure by measure."""
        if first > last:
            raise ValidationError.single("first", "The period starts after it ends.")
        if last > self._clock.today():
            raise ValidationError.single("last", "The period can't end after today.")
        with self._db.read() as session:
            house = this_house(session)
            name = house.name if house is not None else ""
            blocks = tuple(measure(session, first, last) for measure in self._measures)
        return Outcomes(name, first, last, self._clock.now(), blocks)
