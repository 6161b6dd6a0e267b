"""How much chore effort each resident has had: the weeks' cells, credited to who did them, and the
fairness view."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from residence.chores.records import (
    FairnessRow,
    SignOff,
)
from residence.db import orm
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


def fairness_row(
    person: int,
    name: str,
    cells: list[orm.ChoreAssignment],
    heavy: dict[int, str],
    this_week: date,
) -> FairnessRow:
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
    )
