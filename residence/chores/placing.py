"""Sharing a week's chores out: the rotation's inputs (who lives here, who did what lately) read
from the weeks before."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from residence.chores.catalogue import chore_info, exemptions_between
from residence.chores.effort import cells_between, credited
from residence.chores.rotation import History, Slot, rotate
from residence.db import orm
from residence.residents.presence import presence_between


def place_week(
    session: Session, week: orm.ChoreWeek, start: date, kept: list[orm.ChoreAssignment]
) -> None:
    days = tuple(start + timedelta(days=i) for i in range(7))
    presence = presence_between(session, start, days[-1])
    exemptions = exemptions_between(session, start, days[-1])
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

    @cache  # the rotation asks the same question thousands of times a week
    def can_do(person: int, chore: int, day: date) -> bool:
        return presence.lives_in(person, day) and not any(
            e.person_id == person and e.covers(chore, day) for e in exemptions
        )

    fixed = {(c.chore_id, c.day, c.slot): c.person_id for c in kept}
    names = {c.id: c.name for c in chores if c.id is not None}
    placements = rotate(
        slots,
        list(presence.stays),
        can_do,
        history(session, start),
        fixed,
        start.toordinal() // 7,
        presence.names,
    )
    for p in placements:
        session.add(
            orm.ChoreAssignment(
                week_id=week.id,
                chore_id=p.chore_id,
                day=p.day,
                slot=p.index,
                person_id=p.person_id,
                chore_name=names[p.chore_id],
                load=p.load,
                reason=p.reason,
            )
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
