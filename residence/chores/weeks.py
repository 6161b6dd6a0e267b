"""The week's chore chart: generating the rotation, reassigning by hand, signing off."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from residence.changes import Area, Changes, Done
from residence.chores.catalogue import chore_info, exemptions_between
from residence.chores.records import (
    Candidate,
    ExemptionInfo,
    FairnessRow,
    GridCell,
    GridRow,
    SignOff,
    Unavailable,
    WeekGrid,
    WhyNot,
)
from residence.chores.rotation import History, Slot, rotate
from residence.clock import Clock
from residence.dates import format_date, week_start
from residence.db import orm
from residence.db.database import Database
from residence.db.lookup import get_row
from residence.errors import Conflict, NotFound, ValidationError
from residence.residents.presence import Presence, presence_between
from residence.text_rules import clean, text_problem

CHORES_CHANGED = Changes.of(Area.CHORES)
HEAVY_WEIGHT = 4  # chores this heavy are counted one by one in the fairness view


@dataclass(frozen=True)
class SignOffEntry:
    assignment_id: int
    status: SignOff
    note: str = ""
    covered_by: int | None = None


@dataclass(frozen=True)
class DayChore:
    chore: str
    person: str
    status: SignOff
    day: date


class ChoreWeeks:
    def __init__(
        self,
        database: Database,
        clock: Clock,
    ) -> None:
        self._db = database
        self._today = clock.today
        self._now = clock.now

    def week_of(self, day: date) -> date:
        """The first day of the house week containing ``day``."""
        with self._db.read() as session:
            return _week_of(session, day)

    # -- reading -----------------------------------------------------------------------------

    def grid(self, day: date) -> WeekGrid:
        """The chart of the week containing ``day``, as it stands."""
        with self._db.read() as session:
            return _grid(session, _week_of(session, day))

    def today_and_yesterday(self) -> tuple[list[DayChore], list[DayChore]]:
        """Today's chores, and yesterday's that nobody signed off yet (for Home)."""
        today = self._today()
        with self._db.read() as session:
            presence = presence_between(session, today - timedelta(days=1), today)
            rows = session.scalars(
                select(orm.ChoreAssignment)
                .where(orm.ChoreAssignment.day.in_([today, today - timedelta(days=1)]))
                .order_by(orm.ChoreAssignment.chore_name, orm.ChoreAssignment.slot)
            )
            cells = [
                DayChore(
                    r.chore_name, _name(session, presence, r.person_id), SignOff(r.status), r.day
                )
                for r in rows
            ]
        yesterday = today - timedelta(days=1)
        return (
            [c for c in cells if c.day == today],
            [c for c in cells if c.day == yesterday and c.status is SignOff.PENDING],
        )

    def candidates(self, assignment_id: int) -> list[Candidate]:
        """Everyone living in the house that week, who is free for this cell, and their load."""
        with self._db.read() as session:
            cell = get_row(session, orm.ChoreAssignment, assignment_id, "chore")
            start = _week_of(session, cell.day)
            presence = presence_between(session, start, start + timedelta(days=6))
            exemptions = exemptions_between(session, cell.day, cell.day)
            holders = _holders(session, cell)
            loads = _week_loads(session, cell.week_id)
            found = []
            for person, name in presence.names.items():
                why = _why_not(person, cell, presence, exemptions, holders)
                found.append(Candidate(person, name, loads.get(person, 0.0), why))
        return sorted(found, key=lambda c: (not c.available, c.week_load, c.name))

    def fairness(self) -> list[FairnessRow]:
        """Each current resident's effort over the last 4 and 8 weeks, this week included."""
        today = self._today()
        with self._db.read() as session:
            start = _week_of(session, today)
            presence = presence_between(session, today, today)
            rows = _cells_between(session, start - timedelta(weeks=7), start + timedelta(days=6))
            heavy = {
                c.id: c.name
                for c in session.scalars(select(orm.Chore).where(orm.Chore.weight >= HEAVY_WEIGHT))
            }
            return [
                _fairness_row(person, presence.names[person], rows, heavy, start)
                for person in presence.people_on(today)
            ]

    # -- writing -----------------------------------------------------------------------------

    def generate(self, day: date, *, past: bool = False) -> Done[WeekGrid]:
        """Make (or remake) the rotation of the week containing ``day``.

        Cells placed by hand, cells already signed off and days already past are kept; every
        other cell is placed afresh by the rotation's rules, and so are cells whose person moved
        out or became exempt. A week that is over is never remade, and is made for the first
        time only with ``past`` (building a house's history, as the demo does).
        """
        today = self._today()
        with self._db.write() as session:
            start = _week_of(session, day)
            week = session.scalar(select(orm.ChoreWeek).where(orm.ChoreWeek.start == start))
            end = start + timedelta(days=6)
            if end < today and week is not None:
                raise Conflict(
                    f"The week of {format_date(start)} is over; past weeks stay as they happened."
                )
            if end < today and not past:
                raise Conflict(
                    f"The week of {format_date(start)} is over and had no chore rotation; "
                    "rotations are made for this week or later ones."
                )
            existing = list(_week_rows(session, week)) if week is not None else []
            presence = presence_between(session, start, end)
            exemptions = exemptions_between(session, start, end)
            kept = [
                c
                for c in existing
                if c.status != "pending"
                or c.day < today
                or (c.locked and not _unavailable(c, presence, exemptions))
            ]
            for cell in existing:
                if cell not in kept:
                    session.delete(cell)
            if week is None:
                week = orm.ChoreWeek(start=start, generated_at=self._now())
                session.add(week)
            week.generated_at = self._now()
            session.flush()
            _place(session, week, start, kept)
        return Done(self.grid(start), CHORES_CHANGED)

    def release(self, assignment_id: int) -> Done[None]:
        """Undo “placed by hand”: the cell goes back to the rotation when the week is remade."""
        with self._db.write() as session:
            cell = get_row(session, orm.ChoreAssignment, assignment_id, "chore")
            if cell.locked:
                cell.locked, cell.reason = False, "back in the rotation"
        return Done(None, CHORES_CHANGED)

    def reassign(self, assignment_id: int, person_id: int | None) -> Done[None]:
        """Give a cell to someone by hand (None: leave it empty). Regenerating keeps it."""
        with self._db.write() as session:
            cell = get_row(session, orm.ChoreAssignment, assignment_id, "chore")
            if cell.status != SignOff.PENDING:
                raise Conflict("This chore is already signed off; undo the sign-off first.")
            if person_id is not None:
                presence = presence_between(session, cell.day, cell.day)
                exemptions = exemptions_between(session, cell.day, cell.day)
                why = _why_not(person_id, cell, presence, exemptions, _holders(session, cell))
                if why is not None and not why.reason.overridable:
                    raise ValidationError.single("person", str(why))
            cell.person_id, cell.locked, cell.reason = person_id, True, "placed by hand"
        return Done(None, CHORES_CHANGED)

    def sign_off(
        self,
        assignment_id: int,
        status: SignOff,
        note: str = "",
        covered_by: int | None = None,
    ) -> Done[None]:
        """Record how a chore went (PENDING undoes a sign-off)."""
        return self.sign_off_many([SignOffEntry(assignment_id, status, note, covered_by)])

    def sign_off_many(self, entries: list[SignOffEntry]) -> Done[None]:
        """Several sign-offs in one transaction: all of them, or none if one is wrong."""
        with self._db.write() as session:
            ids = [entry.assignment_id for entry in entries]
            cells = {
                c.id: c
                for c in session.scalars(
                    select(orm.ChoreAssignment).where(orm.ChoreAssignment.id.in_(ids))
                )
            }
            days = [c.day for c in cells.values()] or [self._today()]
            presence = presence_between(session, min(days), max(days))  # once, not per cell
            for entry in entries:
                note = clean(entry.note)
                if problem := text_problem(note, max_length=200):
                    raise ValidationError.single("note", f"The note {problem}.")
                cell = cells.get(entry.assignment_id)
                if cell is None:
                    raise NotFound("That chore no longer exists; the chart was out of date.")
                _check_sign_off(cell, entry, note, presence, self._today())
                cell.status, cell.note = entry.status.value, note
                covered = entry.status is SignOff.COVERED
                cell.covered_by_id = entry.covered_by if covered else None
                cell.signed_at = None if entry.status is SignOff.PENDING else self._now()
        return Done(None, CHORES_CHANGED)

    def sign_off_day(self, day: date) -> Done[int]:
        """Mark every chore of a day done that isn't signed off yet; returns how many."""
        if day > self._today():
            raise ValidationError.single("day", f"{format_date(day)} hasn't come yet.")
        with self._db.write() as session:
            presence = presence_between(session, day, day)
            cells = session.scalars(
                select(orm.ChoreAssignment).where(
                    orm.ChoreAssignment.day == day,
                    orm.ChoreAssignment.status == SignOff.PENDING.value,
                    orm.ChoreAssignment.person_id.is_not(None),
                )
            )
            count = 0
            for cell in cells:
                if cell.person_id is not None and presence.lives_in(cell.person_id, day):
                    cell.status, cell.signed_at = SignOff.DONE.value, self._now()
                    count += 1
        return Done(count, CHORES_CHANGED)


def _week_of(session: Session, day: date) -> date:
    first = session.scalar(select(orm.House.week_starts_on).where(orm.House.id == 1)) or 0
    return week_start(day, first)


def _week_rows(session: Session, week: orm.ChoreWeek) -> list[orm.ChoreAssignment]:
    return list(
        session.scalars(select(orm.ChoreAssignment).where(orm.ChoreAssignment.week_id == week.id))
    )


def _place(
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
        _history(session, start),
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


def _history(session: Session, start: date) -> History:
    """Loads over the 3 weeks before, last week's chores, and 8 weeks of who had what."""
    rows = _cells_between(session, start - timedelta(weeks=8), start - timedelta(days=1))
    recent: dict[int, float] = defaultdict(float)
    last_week: dict[int, set[int]] = defaultdict(set)
    had: set[tuple[int, int, int]] = set()
    for cell in rows:
        if (credit := _credited(cell)) is not None and cell.day >= start - timedelta(weeks=3):
            recent[credit] += cell.load
        if cell.person_id is None:
            continue
        if cell.day >= start - timedelta(weeks=1):
            last_week[cell.person_id].add(cell.chore_id)
        had.add((cell.person_id, cell.chore_id, cell.week_id))
    times: dict[tuple[int, int], int] = defaultdict(int)
    for person, chore, _week in had:
        times[(person, chore)] += 1
    _credit_absence(session, start, recent)
    return History(dict(recent), {p: frozenset(c) for p, c in last_week.items()}, dict(times))


def _credit_absence(session: Session, start: date, recent: dict[int, float]) -> None:
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


def _cells_between(session: Session, first: date, last: date) -> list[orm.ChoreAssignment]:
    query = select(orm.ChoreAssignment).where(
        orm.ChoreAssignment.day >= first, orm.ChoreAssignment.day <= last
    )
    return list(session.scalars(query))


def _credited(cell: orm.ChoreAssignment) -> int | None:
    """Who gets the effort: whoever did it when someone covered."""
    return cell.covered_by_id if cell.status == SignOff.COVERED else cell.person_id


def _week_loads(session: Session, week_id: int) -> dict[int, float]:
    loads: dict[int, float] = defaultdict(float)
    for cell in session.scalars(
        select(orm.ChoreAssignment).where(orm.ChoreAssignment.week_id == week_id)
    ):
        if (credit := _credited(cell)) is not None:
            loads[credit] += cell.load
    return dict(loads)


def _holders(session: Session, cell: orm.ChoreAssignment) -> set[int]:
    """Who holds the other slots of the same chore that day."""
    others = session.scalars(
        select(orm.ChoreAssignment.person_id).where(
            orm.ChoreAssignment.chore_id == cell.chore_id,
            orm.ChoreAssignment.day == cell.day,
            orm.ChoreAssignment.id != cell.id,
        )
    )
    return {p for p in others if p is not None}


def _why_not(
    person: int,
    cell: orm.ChoreAssignment,
    presence: Presence,
    exemptions: list[ExemptionInfo],
    holders: set[int],
) -> WhyNot | None:
    """Why ``person`` can't take ``cell`` (None when they can)."""
    if not presence.lives_in(person, cell.day):
        return WhyNot(Unavailable.AWAY, cell.day)
    if person in holders:
        return WhyNot(Unavailable.HAS_IT, cell.day)
    for exemption in exemptions:
        if exemption.person_id == person and exemption.covers(cell.chore_id, cell.day):
            return WhyNot(Unavailable.EXEMPT, cell.day, exemption.reason)
    return None


def _check_sign_off(
    cell: orm.ChoreAssignment, entry: SignOffEntry, note: str, presence: Presence, today: date
) -> None:
    status, covered_by = entry.status, entry.covered_by
    if status is SignOff.PENDING:
        return
    if cell.person_id is None:
        raise ValidationError.single("status", "Nobody has this chore: assign someone first.")
    if cell.day > today:
        raise ValidationError.single("status", f"{format_date(cell.day)} hasn't come yet.")
    if status in (SignOff.DONE, SignOff.MISSED) and not presence.lives_in(cell.person_id, cell.day):
        raise ValidationError.single(
            "status",
            f"{presence.names.get(cell.person_id, 'They')} didn't live in the house on "
            f"{format_date(cell.day)}: the chore can't be done or missed by them.",
        )
    if status is SignOff.EXCUSED and not note:
        raise ValidationError.single("note", "Say why they were excused.")
    if status is SignOff.COVERED:
        if covered_by is None or covered_by == cell.person_id:
            raise ValidationError.single("covered_by", "Choose who covered for them.")
        if not presence.lives_in(covered_by, cell.day):
            raise ValidationError.single("covered_by", "They didn't live in the house that day.")


def _grid(session: Session, start: date) -> WeekGrid:
    week = session.scalar(select(orm.ChoreWeek).where(orm.ChoreWeek.start == start))
    if week is None:
        return WeekGrid(start, (), False)
    days = tuple(start + timedelta(days=i) for i in range(7))
    presence = presence_between(session, start, days[-1])
    exemptions = exemptions_between(session, start, days[-1])
    by_row: dict[tuple[int, int], list[orm.ChoreAssignment]] = defaultdict(list)
    for cell in _week_rows(session, week):
        by_row[(cell.chore_id, cell.slot)].append(cell)
    rows = []
    for (chore_id, slot), cells in by_row.items():
        by_day = {c.day: c for c in cells}
        chore_name = cells[0].chore_name
        area = session.scalar(select(orm.Chore.area).where(orm.Chore.id == chore_id)) or ""
        grid_cells = tuple(
            _grid_cell(session, presence, exemptions, by_day[d]) if d in by_day else None
            for d in days
        )
        weight = round(sum(c.load for c in cells))
        rows.append(GridRow(chore_id, chore_name, area, slot, weight, grid_cells))
    rows.sort(key=lambda r: (r.area.casefold(), r.chore_name.casefold(), r.slot))
    return WeekGrid(start, tuple(rows), True)


def _unavailable(
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


def _grid_cell(
    session: Session,
    presence: Presence,
    exemptions: list[ExemptionInfo],
    cell: orm.ChoreAssignment,
) -> GridCell:
    person = cell.person_id
    return GridCell(
        assignment_id=cell.id,
        chore_id=cell.chore_id,
        day=cell.day,
        slot=cell.slot,
        person_id=person,
        person_name=_name(session, presence, person),
        load=cell.load,
        locked=cell.locked,
        reason=cell.reason,
        status=SignOff(cell.status),
        note=cell.note,
        covered_by=_name(session, presence, cell.covered_by_id),
        away=_unavailable(cell, presence, exemptions),
    )


def _name(session: Session, presence: Presence, person_id: int | None) -> str:
    if person_id is None:
        return ""
    if person_id in presence.names:
        return presence.names[person_id]
    person = session.get(orm.Person, person_id)
    return f"{person.first_name} {person.last_name}" if person else ""


def _fairness_row(
    person: int,
    name: str,
    cells: list[orm.ChoreAssignment],
    heavy: dict[int, str],
    this_week: date,
) -> FairnessRow:
    four_weeks_ago = this_week - timedelta(weeks=3)
    mine = [c for c in cells if _credited(c) == person]
    heavy_weeks: dict[str, set[int]] = defaultdict(set)
    for cell in cells:
        if cell.person_id == person and cell.chore_id in heavy:
            heavy_weeks[heavy[cell.chore_id]].add(cell.week_id)
    return FairnessRow(
        person_id=person,
        name=name,
        last_4_weeks=round(sum(c.load for c in mine if c.day >= four_weeks_ago), 1),
        last_8_weeks=round(sum(c.load for c in mine), 1),
        heavy_counts=tuple(sorted((chore, len(w)) for chore, w in heavy_weeks.items())),
    )
