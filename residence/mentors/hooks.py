"""What the mentors area does when a stay changes: a mentor or mentee who moves out ends their
pairs that day (the mentee goes back on the waiting list), and a corrected move-out moves the
end of the pairs it ended."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from residence.changes import Area, Changes
from residence.db import orm
from residence.mentors.facts import involves
from residence.mentors.records import EndReason
from residence.residents.hooks import MoveOutCorrected, StayEnded, StayHooks

MOVED_OUT = EndReason.MOVED_OUT.value


def register(hooks: StayHooks) -> None:
    hooks.stay_ended.append(end_pairs_on_move_out)
    hooks.move_out_corrected.append(move_pair_ends)


def end_pairs_on_move_out(session: Session, event: StayEnded) -> Changes:
    """A mentor or mentee moved out: their active assignments end that day."""
    rows = session.scalars(
        select(orm.Mentorship).where(orm.Mentorship.ended.is_(None), involves(event.person_id))
    ).all()
    for row in rows:
        row.ended, row.end_reason = max(event.day, row.started), MOVED_OUT
    return Changes.of(Area.MENTORS) if rows else Changes.of()


def move_pair_ends(session: Session, event: MoveOutCorrected) -> Changes:
    """A move-out date was corrected: the assignments it ended now end on the new date."""
    rows = session.scalars(
        select(orm.Mentorship).where(
            orm.Mentorship.ended == event.old,
            orm.Mentorship.end_reason == MOVED_OUT,
            involves(event.person_id),
        )
    ).all()
    for row in rows:
        row.ended = max(event.new, row.started)
    return Changes.of(Area.MENTORS) if rows else Changes.of()
