"""Making a week's rotation, or remaking it: every cell there is no reason to change stays, and
the cells that changed say why (the sheet printed on Monday is still right on Wednesday)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from residence.chores.placing import WeekInputs, place_week
from residence.chores.records import CellChange, ChangeReason, SignOff
from residence.chores.rotation import Cell, Placement, Standing
from residence.db import orm

LOAD_TOLERANCE = 1e-6


@dataclass
class _Sorted:
    """The week's existing cells: fixed, kept (unless someone with no chore needs one), and
    the ones to place again with the reason they can't stay."""

    fixed: dict[Cell, orm.ChoreAssignment] = field(default_factory=dict)
    kept: dict[Cell, orm.ChoreAssignment] = field(default_factory=dict)
    replaced: dict[Cell, tuple[orm.ChoreAssignment, ChangeReason]] = field(default_factory=dict)

    def standing(self) -> Standing:
        rows = {**self.fixed, **self.kept}
        return Standing(
            fixed={key: row.person_id for key, row in self.fixed.items()},
            kept={key: row.person_id for key, row in self.kept.items() if row.person_id},
            covers=frozenset(key for key, row in rows.items() if row.cover),
        )


@dataclass
class _Change:
    chore_id: int
    slot: int
    day: date
    chore: str
    before: int | None
    after: int | None
    reason: ChangeReason
    about: int | None


def fill_week(
    session: Session,
    week: orm.ChoreWeek,
    inputs: WeekInputs,
    existing: list[orm.ChoreAssignment],
    today: date,
) -> tuple[CellChange, ...]:
    """Place the week's open cells around the ones it has; what changed, and why."""
    cells = _sort(existing, inputs, today)
    changes: list[_Change] = []
    for placement in place_week(session, inputs, cells.standing()):
        key = (placement.chore_id, placement.day, placement.index)
        if key in cells.kept:
            _update_kept(cells.kept[key], placement, changes)
        elif key in cells.replaced:
            row, reason = cells.replaced.pop(key)
            _replace(row, placement, reason, inputs, changes)
        else:
            session.add(_new_row(week, placement, inputs))
            if existing:
                changes.append(_change(placement, inputs, None, ChangeReason.NEW, None))
    for row, reason in cells.replaced.values():  # retired: nothing takes its place
        changes.append(
            _Change(
                row.chore_id, row.slot, row.day, row.chore_name, row.person_id, None, reason, None
            )
        )
        session.delete(row)
    return _grouped(changes, inputs)


def _sort(existing: list[orm.ChoreAssignment], inputs: WeekInputs, today: date) -> _Sorted:
    loads = inputs.cell_loads()
    cells = _Sorted()
    for row in existing:
        key = (row.chore_id, row.day, row.slot)
        if row.status != SignOff.PENDING or row.day < today:
            cells.fixed[key] = row  # what happened stays as it happened
        elif (reason := _reason_to_change(row, inputs, loads)) is not None:
            cells.replaced[key] = (row, reason)
        elif row.locked:
            cells.fixed[key] = row  # placed by hand: the manager's choice
        else:
            cells.kept[key] = row
    return cells


def _reason_to_change(
    row: orm.ChoreAssignment, inputs: WeekInputs, loads: dict[Cell, float]
) -> ChangeReason | None:
    load = loads.get((row.chore_id, row.day, row.slot))
    person = row.person_id
    if load is None:
        return ChangeReason.RETIRED
    if abs(load - row.load) > LOAD_TOLERANCE:
        return ChangeReason.CHORE_CHANGED
    if person is None:
        return ChangeReason.WAS_EMPTY
    if not inputs.presence.lives_in(person, row.day):
        return ChangeReason.MOVED_OUT
    if not row.locked and inputs.exempt(person, row.chore_id, row.day):
        return ChangeReason.EXEMPT  # a hand-made cell overrides an exemption on purpose
    return None


def _update_kept(row: orm.ChoreAssignment, placement: Placement, changes: list[_Change]) -> None:
    row.cover = placement.cover  # a kept day may now cover for the slot's new person
    if row.person_id == placement.person_id:
        return
    reason = (
        ChangeReason.NO_CHORE
        if placement.moved_for == placement.person_id
        else ChangeReason.PASSED_ON
    )
    changes.append(
        _Change(
            row.chore_id, row.slot, row.day, row.chore_name, row.person_id,
            placement.person_id, reason, placement.moved_for,
        )
    )  # fmt: skip
    row.person_id, row.reason = placement.person_id, placement.reason


def _replace(
    row: orm.ChoreAssignment,
    placement: Placement,
    reason: ChangeReason,
    inputs: WeekInputs,
    changes: list[_Change],
) -> None:
    if row.person_id != placement.person_id:
        about = row.person_id if reason in (ChangeReason.MOVED_OUT, ChangeReason.EXEMPT) else None
        changes.append(_change(placement, inputs, row.person_id, reason, about))
    row.person_id, row.reason, row.cover = placement.person_id, placement.reason, placement.cover
    row.load, row.locked = placement.load, False
    row.chore_name = inputs.chore_names[placement.chore_id]


def _new_row(week: orm.ChoreWeek, p: Placement, inputs: WeekInputs) -> orm.ChoreAssignment:
    return orm.ChoreAssignment(
        week_id=week.id,
        chore_id=p.chore_id,
        day=p.day,
        slot=p.index,
        person_id=p.person_id,
        chore_name=inputs.chore_names[p.chore_id],
        load=p.load,
        reason=p.reason,
        cover=p.cover,
    )


def _change(
    p: Placement,
    inputs: WeekInputs,
    before: int | None,
    reason: ChangeReason,
    about: int | None,
) -> _Change:
    name = inputs.chore_names[p.chore_id]
    return _Change(p.chore_id, p.index, p.day, name, before, p.person_id, reason, about)


def _grouped(changes: list[_Change], inputs: WeekInputs) -> tuple[CellChange, ...]:
    """One line per slot, people and reason: “Kitchen Wed–Sun: Ana → Ben (Ana moved out)”."""
    groups: dict[tuple[object, ...], list[_Change]] = {}
    for c in sorted(changes, key=lambda c: (c.chore, c.slot, c.day)):
        key = (c.chore, c.slot, c.before, c.after, c.reason, c.about)
        groups.setdefault(key, []).append(c)
    names = inputs.presence.names
    return tuple(
        CellChange(
            first.chore,
            tuple(c.day for c in group),
            names.get(first.before, "") if first.before is not None else "",
            names.get(first.after, "") if first.after is not None else "",
            first.reason,
            names.get(first.about, "") if first.about is not None else "",
        )
        for group in groups.values()
        for first in group[:1]
    )
