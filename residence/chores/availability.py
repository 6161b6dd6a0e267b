"""Who may take a chore on a day, and who may be signed off for it."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from residence.chores.records import (
    ExemptionInfo,
    SignOff,
    SignOffEntry,
    Unavailable,
    WhyNot,
)
from residence.dates import format_date
from residence.db import orm
from residence.errors import ValidationError
from residence.residents.presence import Presence


def holders_of(session: Session, cell: orm.ChoreAssignment) -> set[int]:
    """Who holds the other slots of the same chore that day."""
    others = session.scalars(
        select(orm.ChoreAssignment.person_id).where(
            orm.ChoreAssignment.chore_id == cell.chore_id,
            orm.ChoreAssignment.day == cell.day,
            orm.ChoreAssignment.id != cell.id,
        )
    )
    return {p for p in others if p is not None}


def why_not(
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


def check_sign_off(
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
