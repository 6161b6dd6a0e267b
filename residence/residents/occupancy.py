"""Who is in which bed when: one resident per bed at any time."""

from __future__ import annotations

from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from residence.dates import format_date
from residence.db import orm
from residence.db.lookup import get_row
from residence.errors import ValidationError


def check_bed_free(
    session: Session, bed_id: int, start: date, end: date | None, *, ignore: int | None = None
) -> orm.Bed:
    """The bed, if nobody else has it between ``start`` and ``end`` (open-ended when None)."""
    bed = get_row(session, orm.Bed, bed_id, "bed")
    if bed.retired:
        raise ValidationError.single("bed", f"{_label(bed)} is out of use; choose another bed.")
    overlapping = select(orm.BedAssignment).where(
        orm.BedAssignment.bed_id == bed_id,
        or_(orm.BedAssignment.end_date.is_(None), orm.BedAssignment.end_date > start),
    )
    if end is not None:
        overlapping = overlapping.where(orm.BedAssignment.start < end)
    if ignore is not None:
        overlapping = overlapping.where(orm.BedAssignment.id != ignore)
    taken = session.scalars(overlapping.order_by(orm.BedAssignment.start)).first()
    if taken is not None:
        raise ValidationError.single("bed", _taken_message(bed, taken))
    return bed


def open_assignment(stay: orm.Stay) -> orm.BedAssignment | None:
    last = stay.beds[-1] if stay.beds else None
    return last if last is not None and last.end_date is None else None


def _taken_message(bed: orm.Bed, taken: orm.BedAssignment) -> str:
    if taken.end_date is None:
        return f"{_label(bed)} is taken (since {format_date(taken.start)}); choose a free bed."
    return (
        f"{_label(bed)} was taken from {format_date(taken.start)} "
        f"to {format_date(taken.end_date)}; choose another bed."
    )


def _label(bed: orm.Bed) -> str:
    return f"{bed.room.name} · {bed.label}"
