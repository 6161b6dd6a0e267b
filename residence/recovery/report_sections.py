"""What a progress report says of a resident's recovery capital, under a consent that covers
it: the BARC-10 totals taken in the period (a withdrawn sheet is no result)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from residence.consents.records import Category
from residence.consents.sections import Section, Subject
from residence.db import orm


def sections() -> list[Section]:
    return [Section.of(_capital, Category.RECOVERY_CAPITAL)]


def _capital(session: Session, subject: Subject) -> dict[str, object]:
    if not subject.stays:
        return {"recovery_capital": ()}
    rows = session.scalars(
        select(orm.RecoveryCapital)
        .where(
            orm.RecoveryCapital.stay_id.in_(subject.stays),
            orm.RecoveryCapital.taken_on.between(subject.first, subject.last),
            orm.RecoveryCapital.withdrawn_why == "",
        )
        .order_by(orm.RecoveryCapital.taken_on)
    )
    totals = tuple(
        (row.taken_on, sum(int(getattr(row, name)) for name in orm.SCORES), row.stay_id)
        for row in rows
    )
    return {"recovery_capital": totals}
