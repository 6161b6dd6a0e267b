"""The chore catalogue and residents' exemptions."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from residence.changes import Area, Changes, Done
from residence.chores.records import ChoreInfo, ExemptionInfo, Schedule
from residence.clock import Clock
from residence.dates import format_date
from residence.db import orm
from residence.db.database import Database
from residence.db.edits import refuse_if_changed, version, versions_of
from residence.db.lookup import get_row
from residence.errors import ValidationError
from residence.residents.presence import short_name
from residence.text_rules import clean, sort_key, text_problem

CHORES_CHANGED = Changes.of(Area.CHORES)


class ChoreCatalogue:
    def __init__(self, database: Database, clock: Clock) -> None:
        self._db = database
        self._today = clock.today

    def chores(self, *, include_retired: bool = False) -> list[ChoreInfo]:
        with self._db.read() as session:
            query = select(orm.Chore)
            if not include_retired:
                query = query.where(orm.Chore.retired.is_(False))
            versions = versions_of(session, "chore")  # first: then no change is hidden
            found = [chore_info(row, versions.get(row.id)) for row in session.scalars(query)]
        return sorted(found, key=lambda c: (sort_key(c.name), c.id or 0))

    def save_chore(self, chore: ChoreInfo) -> Done[ChoreInfo]:
        """Add a chore (``id`` None) or change one; weeks already made keep what they had. A
        change is refused (Conflict) if the chore was changed since it was read (``version``)."""
        chore = _validated(chore)
        with self._db.write() as session:
            clash = session.scalar(select(orm.Chore.id).where(orm.Chore.name == chore.name))
            if clash is not None and clash != chore.id:
                raise ValidationError.single("name", f"There is already a chore “{chore.name}”.")
            if chore.id is None:
                row = orm.Chore()
            else:
                row = get_row(session, orm.Chore, chore.id, "chore")
                refuse_if_changed(session, "chore", chore.id, chore.version, called=_called(row))
            _write(row, chore)
            session.add(row)
            session.flush()
            return Done(chore_info(row, version(session, "chore", row.id)), CHORES_CHANGED)

    def set_retired(self, chore_id: int, retired: bool) -> Done[None]:
        """Stop (or restart) giving out a chore; its past weeks stay as they were."""
        with self._db.write() as session:
            get_row(session, orm.Chore, chore_id, "chore").retired = retired
        return Done(None, CHORES_CHANGED)

    # -- exemptions --------------------------------------------------------------------------

    def exemptions(self, *, current_only: bool = True) -> list[ExemptionInfo]:
        today = self._today()
        with self._db.read() as session:
            query = select(orm.ChoreExemption).order_by(orm.ChoreExemption.start.desc())
            if current_only:
                query = query.where(
                    or_(orm.ChoreExemption.end_date.is_(None), orm.ChoreExemption.end_date >= today)
                )
            return [_exemption(session, row) for row in session.scalars(query)]

    def add_exemption(
        self,
        person_id: int,
        chore_id: int | None,
        start: date,
        end: date | None,
        reason: str,
    ) -> Done[ExemptionInfo]:
        reason = clean(reason)
        if not reason:
            raise ValidationError.single("reason", "Say why (work shift, medical, first week…).")
        if problem := text_problem(reason, max_length=200):
            raise ValidationError.single("reason", f"The reason {problem}.")
        if end is not None and end < start:
            raise ValidationError.single(
                "end",
                f"The last day ({format_date(end)}) is before the first ({format_date(start)}).",
            )
        with self._db.write() as session:
            get_row(session, orm.Person, person_id, "resident")
            if chore_id is not None:
                get_row(session, orm.Chore, chore_id, "chore")
            row = orm.ChoreExemption(
                person_id=person_id, chore_id=chore_id, start=start, end_date=end, reason=reason
            )
            session.add(row)
            session.flush()
            return Done(_exemption(session, row), CHORES_CHANGED)

    def end_exemption(self, exemption_id: int, last_day: date) -> Done[None]:
        """End an exemption early; it stays on file."""
        with self._db.write() as session:
            row = get_row(session, orm.ChoreExemption, exemption_id, "exemption")
            if last_day < row.start:
                raise ValidationError.single("end", "The last day is before the exemption started.")
            row.end_date = last_day
        return Done(None, CHORES_CHANGED)


def exemptions_between(session: Session, first: date, last: date) -> list[ExemptionInfo]:
    rows = session.scalars(
        select(orm.ChoreExemption).where(
            orm.ChoreExemption.start <= last,
            or_(orm.ChoreExemption.end_date.is_(None), orm.ChoreExemption.end_date >= first),
        )
    )
    return [_exemption(session, row) for row in rows]


def chore_info(row: orm.Chore, read_at: int | None = None) -> ChoreInfo:
    days = frozenset(d for d in range(7) if row.days & (1 << d))
    return ChoreInfo(
        row.id,
        row.name,
        row.area,
        row.instructions,
        Schedule(row.schedule),
        days,
        row.weight,
        row.people,
        row.retired,
        read_at,
    )


def _called(row: orm.Chore) -> str:
    return f"the chore “{row.name}”"


def _write(row: orm.Chore, chore: ChoreInfo) -> None:
    row.name, row.area, row.instructions = chore.name, chore.area, chore.instructions
    row.schedule = chore.schedule.value
    row.days = sum(1 << d for d in chore.days)
    row.weight, row.people, row.retired = chore.weight, chore.people, chore.retired


def _validated(chore: ChoreInfo) -> ChoreInfo:
    chore = replace(
        chore,
        name=clean(chore.name),
        area=clean(chore.area),
        instructions=chore.instructions.strip(),
    )
    errors: dict[str, str] = {}
    if not chore.name:
        errors["name"] = "Give the chore a name."
    for field, limit, multiline in (
        ("name", 80, False),
        ("area", 80, False),
        ("instructions", 4000, True),
    ):
        if problem := text_problem(getattr(chore, field), max_length=limit, multiline=multiline):
            errors.setdefault(field, f"This {problem}.")
    if not 1 <= chore.weight <= 5:
        errors["weight"] = "Effort is from 1 (light) to 5 (heavy)."
    if not 1 <= chore.people <= 10:
        errors["people"] = "A chore needs from 1 to 10 people."
    if not chore.days <= frozenset(range(7)):
        errors["days"] = "Choose days of the week."
    elif chore.schedule is Schedule.WEEKDAYS and not chore.days:
        errors["days"] = "Choose the days it is done."
    elif chore.schedule is Schedule.WEEKLY and len(chore.days) != 1:
        errors["days"] = "Choose the one day it must be done by."
    if errors:
        raise ValidationError(errors)
    return replace(chore, days=frozenset() if chore.schedule is Schedule.DAILY else chore.days)


def _exemption(session: Session, row: orm.ChoreExemption) -> ExemptionInfo:
    person = get_row(session, orm.Person, row.person_id, "resident")
    chore = session.get(orm.Chore, row.chore_id) if row.chore_id is not None else None
    return ExemptionInfo(
        id=row.id,
        person_id=row.person_id,
        person_name=short_name(person.first_name, person.last_name, person.preferred_name),
        chore_id=row.chore_id,
        chore_name=chore.name if chore else "All chores",
        start=row.start,
        end=row.end_date,
        reason=row.reason,
    )
