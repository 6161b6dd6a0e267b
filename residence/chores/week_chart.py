"""The week's chart as the page and the prints see it: the cells, who has them, who has moved out
or is exempt."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from residence.chores.catalogue import exemptions_between
from residence.chores.records import (
    ExemptionInfo,
    GridCell,
    GridRow,
    SignOff,
    WeekGrid,
)
from residence.dates import week_start
from residence.db import orm
from residence.db.houses import house_of
from residence.residents.presence import PersonName, Presence, presence_between
from residence.text_rules import sort_key


def house_week_of(session: Session, day: date) -> date:
    first = (
        session.scalar(select(orm.House.week_starts_on).where(orm.House.id == house_of(session)))
        or 0
    )
    return week_start(day, first)


def week_cells(session: Session, week: orm.ChoreWeek) -> list[orm.ChoreAssignment]:
    return list(
        session.scalars(select(orm.ChoreAssignment).where(orm.ChoreAssignment.week_id == week.id))
    )


def read_grid(session: Session, start: date) -> WeekGrid:
    week = session.scalar(select(orm.ChoreWeek).where(orm.ChoreWeek.start == start))
    if week is None:
        return WeekGrid(start, (), False)
    days = tuple(start + timedelta(days=i) for i in range(7))
    presence = presence_between(session, start, days[-1])
    exemptions = exemptions_between(session, start, days[-1])
    by_row: dict[tuple[int, int], list[orm.ChoreAssignment]] = defaultdict(list)
    assignments = week_cells(session, week)
    for cell in assignments:
        by_row[(cell.chore_id, cell.slot)].append(cell)
    rows = []
    for (chore_id, slot), cells in by_row.items():
        by_day = {c.day: c for c in cells}
        chore_name = cells[0].chore_name
        chore = session.get(orm.Chore, chore_id)
        area, instructions = (chore.area, chore.instructions) if chore else ("", "")
        grid_cells = tuple(
            grid_cell(session, presence, exemptions, by_day[d]) if d in by_day else None
            for d in days
        )
        weight = round(sum(c.load for c in cells))
        rows.append(
            GridRow(chore_id, chore_name, area, slot, weight, grid_cells, instructions or "")
        )
    rows.sort(key=lambda r: (sort_key(r.area), sort_key(r.chore_name), r.chore_id, r.slot))
    return WeekGrid(start, tuple(rows), True, _free(presence, assignments, days))


def _free(
    presence: Presence, cells: Iterable[orm.ChoreAssignment], days: tuple[date, ...]
) -> tuple[PersonName, ...]:
    """Everyone living there on some day of the week who has no chore in it, nor covered one."""
    busy = {c.person_id for c in cells} | {c.covered_by_id for c in cells}
    free = [
        name
        for person, name in presence.people.items()
        if person not in busy and any(presence.lives_in(person, d) for d in days)
    ]
    return tuple(sorted(free, key=lambda n: sort_key(n.full)))


def away_from(
    cell: orm.ChoreAssignment, presence: Presence, exemptions: list[ExemptionInfo]
) -> bool:
    """The cell's person moved out, or became exempt since the week was made (and the
    manager didn't place them there by hand): the cell needs someone else."""
    person = cell.person_id
    if person is None or cell.status != SignOff.PENDING:
        return False
    if not presence.lives_in(person, cell.day):
        return True
    exempt = any(e.person_id == person and e.covers(cell.chore_id, cell.day) for e in exemptions)
    return exempt and not cell.locked


def grid_cell(
    session: Session,
    presence: Presence,
    exemptions: list[ExemptionInfo],
    cell: orm.ChoreAssignment,
) -> GridCell:
    person = cell.person_id
    name, covered = (
        person_of(session, presence, person),
        person_of(session, presence, cell.covered_by_id),
    )
    return GridCell(
        assignment_id=cell.id,
        chore_id=cell.chore_id,
        day=cell.day,
        slot=cell.slot,
        person_id=person,
        person_name=name.full if name else "",
        load=cell.load,
        locked=cell.locked,
        reason=cell.reason,
        status=SignOff(cell.status),
        note=cell.note,
        covered_by=covered.full if covered else "",
        away=away_from(cell, presence, exemptions),
        person=name,
        covered=covered,
    )


def person_of(session: Session, presence: Presence, person_id: int | None) -> PersonName | None:
    """The name's fields: from the week's presence, else (a covering former resident) the
    person's row."""
    if person_id is None:
        return None
    if person_id in presence.people:
        return presence.people[person_id]
    person = session.get(orm.Person, person_id)
    if person is None:
        return None
    return PersonName(person.first_name, person.last_name, person.preferred_name or "")


def person_name(session: Session, presence: Presence, person_id: int | None) -> str:
    name = person_of(session, presence, person_id)
    return name.full if name else ""
