"""Sharing a week's chores out: the rotation's inputs (who lives here, who did what lately) read
from the weeks before."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from residence.chores.catalogue import chore_info, exemptions_between
from residence.chores.effort import cells_between, credited
from residence.chores.records import ExemptionInfo
from residence.chores.rotation import Cell, History, Placement, Slot, Standing, rotate
from residence.db import orm
from residence.residents.presence import Presence, presence_between


@dataclass(frozen=True)
class WeekInputs:
    """What the rotation of a week starts from: who lives here, who is exempt, its slots."""

    start: date
    presence: Presence
    exemptions: list[ExemptionInfo]
    slots: list[Slot]
    chore_names: dict[int, str]

    def can_do(self, person: int, chore: int, day: date) -> bool:
        return self.presence.lives_in(person, day) and not self.exempt(person, chore, day)

    def exempt(self, person: int, chore: int, day: date) -> bool:
        return any(e.person_id == person and e.covers(chore, day) for e in self.exemptions)

    def cell_loads(self) -> dict[Cell, float]:
        """Each cell the week's chores have now, and its share of the chore's effort."""
        return {
            (slot.chore_id, day, slot.index): slot.cell_load
            for slot in self.slots
            for day in slot.days
        }


def week_inputs(session: Session, start: date) -> WeekInputs:
    days = tuple(start + timedelta(days=i) for i in range(7))
    chores = [
        chore_info(c)
        for c in session.scalars(select(orm.Chore).where(orm.Chore.retired.is_(False)))
    ]
    slots = [
        Slot(c.id, c.name, index, c.dates_in(days), c.weight)
        for c in chores
        if c.id is not None and c.dates_in(days)
        for index in range(c.people)
    ]
    return WeekInputs(
        start,
        presence_between(session, start, days[-1]),
        exemptions_between(session, start, days[-1]),
        slots,
        {c.id: c.name for c in chores if c.id is not None},
    )


def place_week(session: Session, inputs: WeekInputs, standing: Standing) -> list[Placement]:
    """The rotation's placements for every cell of the week not fixed in ``standing``."""
    can_do = cache(inputs.can_do)  # the rotation asks the same question thousands of times
    return rotate(
        inputs.slots,
        list(inputs.presence.stays),
        can_do,
        history(session, inputs.start),
        standing,
        inputs.start.toordinal() // 7,
        inputs.presence.names,
    )


def history(session: Session, start: date) -> History:
    """Loads over the 3 weeks before, last week's chores, and 8 weeks of who had what."""
    rows = cells_between(session, start - timedelta(weeks=8), start - timedelta(days=1))
    recent: dict[int, float] = defaultdict(float)
    last_week: dict[int, set[int]] = defaultdict(set)
    had: set[tuple[int, int, int]] = set()
    for cell in rows:
        if (credit := credited(cell)) is not None and cell.day >= start - timedelta(weeks=3):
            recent[credit] += cell.load
        if cell.person_id is None:
            continue
        if cell.day >= start - timedelta(weeks=1):
            last_week[cell.person_id].add(cell.chore_id)
        had.add((cell.person_id, cell.chore_id, cell.week_id))
    times: dict[tuple[int, int], int] = defaultdict(int)
    for person, chore, _week in had:
        times[(person, chore)] += 1
    credit_absence(session, start, recent)
    return History(dict(recent), {p: frozenset(c) for p, c in last_week.items()}, dict(times))


def credit_absence(session: Session, start: date, recent: dict[int, float]) -> None:
    """Count the days someone wasn't living here as average days, so a newcomer isn't handed
    three weeks of chores to catch up with people who were here all along."""
    first = start - timedelta(weeks=3)
    days = [first + timedelta(days=i) for i in range(21)]
    presence = presence_between(session, first, start + timedelta(days=6))
    present = {p: sum(presence.lives_in(p, d) for d in days) for p in presence.stays}
    full = [recent.get(p, 0.0) for p, n in present.items() if n == len(days)]
    if not full:
        return
    per_day = sum(full) / len(full) / len(days)
    for person, n in present.items():
        recent[person] = recent.get(person, 0.0) + per_day * (len(days) - n)
