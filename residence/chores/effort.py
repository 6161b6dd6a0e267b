"""How much chore effort each resident has had: the weeks' cells, credited to who did them, and the
fairness view."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from residence.chores.records import (
    ExemptionInfo,
    FairnessRow,
    RestReason,
    SignOff,
)
from residence.db import orm
from residence.residents.presence import Presence
from residence.text_rules import sort_key

HEAVY_WEIGHT = 4  # chores this heavy are counted one by one in the fairness view


def cells_between(session: Session, first: date, last: date) -> list[orm.ChoreAssignment]:
    query = select(orm.ChoreAssignment).where(
        orm.ChoreAssignment.day >= first, orm.ChoreAssignment.day <= last
    )
    return list(session.scalars(query))


def credited(cell: orm.ChoreAssignment) -> int | None:
    """Who gets the effort: whoever did it when someone covered."""
    return cell.covered_by_id if cell.status == SignOff.COVERED else cell.person_id


def week_loads(session: Session, week_id: int) -> dict[int, float]:
    loads: dict[int, float] = defaultdict(float)
    for cell in session.scalars(
        select(orm.ChoreAssignment).where(orm.ChoreAssignment.week_id == week_id)
    ):
        if (credit := credited(cell)) is not None:
            loads[credit] += cell.load
    return dict(loads)


def chores_of_the_week(cells: list[orm.ChoreAssignment]) -> dict[int, int]:
    """How many slots each person is the week's person of: a day covered for someone away
    isn't a chore of one's own."""
    slots: dict[int, set[tuple[int, int]]] = defaultdict(set)
    for cell in cells:
        if cell.person_id is not None and not cell.cover:
            slots[cell.person_id].add((cell.chore_id, cell.slot))
    return {person: len(held) for person, held in slots.items()}


@dataclass(frozen=True)
class WeekStanding:
    """The week the fairness view explains: who lives here, who is exempt, its slots."""

    start: date
    generated: bool
    presence: Presence
    exemptions: list[ExemptionInfo]
    slot_count: int  # the week's (chore, slot) rows
    chores: dict[int, int]  # person -> chores this week

    def days_here(self, person: int) -> list[date]:
        week = [self.start + timedelta(days=i) for i in range(7)]
        return [d for d in week if self.presence.lives_in(person, d)]

    def exempt_all_week(self, person: int) -> bool:
        mine = [e for e in self.exemptions if e.person_id == person and e.chore_id is None]
        days = self.days_here(person)
        return bool(days) and all(any(_in_range(e, d) for e in mine) for d in days)

    def rest_reason(self, person: int) -> RestReason | None:
        """Why ``person`` has no chore this week (None: they have one)."""
        if self.chores.get(person, 0) > 0:
            return None
        if not self.generated:
            return RestReason.NO_ROTATION
        if self.exempt_all_week(person):
            return RestReason.EXEMPT
        if self.slot_count < len(self.sharing()):
            return RestReason.FEWER_CHORES
        return RestReason.ARRIVED

    def sharing(self) -> list[int]:
        """Who shares the week's chores: living here some day of it, not exempt all week."""
        return [p for p in self.presence.stays if self.days_here(p) and not self.exempt_all_week(p)]


def fairness_row(
    person: int,
    name: str,
    cells: list[orm.ChoreAssignment],
    heavy: dict[int, str],
    week: WeekStanding,
) -> FairnessRow:
    this_week = week.start
    four_weeks_ago = this_week - timedelta(weeks=3)
    mine = [c for c in cells if credited(c) == person]
    heavy_weeks: dict[str, set[int]] = defaultdict(set)
    for cell in cells:
        if cell.person_id == person and cell.chore_id in heavy:
            heavy_weeks[heavy[cell.chore_id]].add(cell.week_id)
    return FairnessRow(
        person_id=person,
        name=name,
        last_4_weeks=round(sum(c.load for c in mine if c.day >= four_weeks_ago), 1),
        last_8_weeks=round(sum(c.load for c in mine), 1),
        heavy_counts=tuple(
            sorted(((c, len(w)) for c, w in heavy_weeks.items()), key=lambda h: sort_key(h[0]))
        ),
        this_week=week.chores.get(person, 0),
        rest=week.rest_reason(person),
    )


def _in_range(exemption: ExemptionInfo, day: date) -> bool:
    return exemption.start <= day and (exemption.end is None or day <= exemption.end)
