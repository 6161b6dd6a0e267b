"""What the outcomes report tells of mentoring: the share of newcomers who had a mentor
within a week of moving in."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from residence.db import orm
from residence.outcomes import rules
from residence.outcomes.records import Block, Line

WITHIN = 7  # days after moving in


def coverage(session: Session, first: date, last: date) -> Block:
    newcomers = session.execute(
        select(orm.Stay.person_id, orm.Stay.move_in).where(
            orm.Stay.move_in.between(first, last - timedelta(days=WITHIN)),
            orm.Stay.transferred_from_id.is_(None),  # a transfer is no newcomer
        )
    ).all()
    paired = 0
    for person, move_in in newcomers:
        found = session.scalar(
            select(orm.Mentorship.id).where(
                orm.Mentorship.mentee_id == person,
                orm.Mentorship.started.between(move_in, move_in + timedelta(days=WITHIN)),
            )
        )
        paired += found is not None
    lines = (
        Line("Newcomers (moved in at least a week before the period's end)",
             rules.shown_count(len(newcomers))),
        Line(f"With a mentor within {WITHIN} days", rules.share(paired, len(newcomers))),
    )  # fmt: skip
    return Block("Mentor coverage", lines)
