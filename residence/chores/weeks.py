"""The week's chore chart: generating the rotation, reassigning by hand, signing off."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from residence.changes import Area, Changes, Done
from residence.chores.availability import check_sign_off, holders_of, why_not
from residence.chores.catalogue import exemptions_between
from residence.chores.effort import (
    HEAVY_WEIGHT,
    WeekStanding,
    cells_between,
    chores_of_the_week,
    fairness_row,
    week_loads,
)
from residence.chores.placing import week_inputs
from residence.chores.records import (
    Candidate,
    DayChore,
    FairnessRow,
    Generated,
    SignOff,
    SignOffEntry,
    WeekGrid,
)
from residence.chores.regenerating import fill_week
from residence.chores.week_chart import house_week_of, person_name, read_grid, week_cells
from residence.clock import Clock
from residence.dates import format_date
from residence.db import orm
from residence.db.database import Database
from residence.db.lookup import get_row
from residence.errors import Conflict, NotFound, ValidationError
from residence.residents.presence import presence_between
from residence.text_rules import clean, sort_key, text_problem

CHORES_CHANGED = Changes.of(Area.CHORES)


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
            return house_week_of(session, day)

    # -- reading -----------------------------------------------------------------------------

    def grid(self, day: date) -> WeekGrid:
        """The chart of the week containing ``day``, as it stands."""
        with self._db.read() as session:
            return read_grid(session, house_week_of(session, day))

    def today_and_yesterday(self) -> tuple[list[DayChore], list[DayChore]]:
        """Today's chores, and yesterday's that nobody signed off yet (for Home)."""
        today = self._today()
        with self._db.read() as session:
            presence = presence_between(session, today - timedelta(days=1), today)
            rows = session.scalars(
                select(orm.ChoreAssignment)
                .where(orm.ChoreAssignment.day.in_([today, today - timedelta(days=1)]))
                .order_by(orm.ChoreAssignment.id)
            )
            cells = [
                DayChore(
                    r.chore_name,
                    person_name(session, presence, r.person_id),
                    SignOff(r.status),
                    r.day,
                )
                for r in sorted(rows, key=lambda r: (sort_key(r.chore_name), r.slot, r.id))
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
            start = house_week_of(session, cell.day)
            presence = presence_between(session, start, start + timedelta(days=6))
            exemptions = exemptions_between(session, cell.day, cell.day)
            holders = holders_of(session, cell)
            loads = week_loads(session, cell.week_id)
            found = []
            for person, name in presence.names.items():
                why = why_not(person, cell, presence, exemptions, holders)
                found.append(Candidate(person, name, loads.get(person, 0.0), why))
        return sorted(found, key=lambda c: (not c.available, c.week_load, sort_key(c.name)))

    def fairness(self) -> list[FairnessRow]:
        """Each current resident's effort over the last 4 and 8 weeks, this week included, how
        many chores they have this week, and why someone has none."""
        today = self._today()
        with self._db.read() as session:
            start = house_week_of(session, today)
            end = start + timedelta(days=6)
            rows = cells_between(session, start - timedelta(weeks=7), end)
            heavy = {
                c.id: c.name
                for c in session.scalars(select(orm.Chore).where(orm.Chore.weight >= HEAVY_WEIGHT))
            }
            week = self._standing(session, start, [c for c in rows if c.day >= start])
            return [
                fairness_row(person, week.presence.names[person], rows, heavy, week)
                for person in week.presence.people_on(today)
            ]

    def _standing(
        self, session: Session, start: date, cells: list[orm.ChoreAssignment]
    ) -> WeekStanding:
        end = start + timedelta(days=6)
        generated = session.scalar(select(orm.ChoreWeek.id).where(orm.ChoreWeek.start == start))
        return WeekStanding(
            start,
            generated is not None,
            presence_between(session, start, end),
            exemptions_between(session, start, end),
            len({(c.chore_id, c.slot) for c in cells}),
            chores_of_the_week(cells),
        )

    # -- writing -----------------------------------------------------------------------------

    def generate(self, day: date, *, past: bool = False) -> Done[Generated]:
        """Make (or remake) the rotation of the week containing ``day``, by the rules in
        ``rotation.py``.

        Remaking keeps every cell it has no reason to change: days already past, chores signed
        off and cells placed by hand stay; a cell is placed again only when its person moved out
        or became exempt, its chore was retired or changed, it had nobody, or someone with no
        chore this week needs it. The result says which cells changed and why. A week that is
        over is never remade, and is made for the first time only with ``past`` (building a
        house's history, as the demo does).
        """
        today = self._today()
        with self._db.write() as session:
            start = house_week_of(session, day)
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
            existing = list(week_cells(session, week)) if week is not None else []
            remade = week is not None
            if week is None:
                week = orm.ChoreWeek(start=start, generated_at=self._now())
                session.add(week)
            week.generated_at = self._now()
            session.flush()
            changes = fill_week(session, week, week_inputs(session, start), existing, today)
        return Done(Generated(self.grid(start), changes, remade), CHORES_CHANGED)

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
                why = why_not(person_id, cell, presence, exemptions, holders_of(session, cell))
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
                check_sign_off(cell, entry, note, presence, self._today())
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
