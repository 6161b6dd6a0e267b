"""What the outcomes report tells of recovery capital: for the stays lived in during the
period with a BARC-10 near move-in and a later one in the period, how the total changed."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from residence.db import orm
from residence.outcomes import rules
from residence.outcomes.records import Block, Line
from residence.recovery.records import REMISSION_LINE

NEAR_MOVE_IN = 14  # days: a sheet this soon after moving in is the stay's starting point


def capital(session: Session, first: date, last: date) -> Block:
    rows = session.execute(
        select(orm.RecoveryCapital, orm.Stay.move_in)
        .join(orm.Stay, orm.Stay.id == orm.RecoveryCapital.stay_id)
        .where(orm.RecoveryCapital.withdrawn_why == "", orm.RecoveryCapital.taken_on <= last)
        .order_by(orm.RecoveryCapital.taken_on, orm.RecoveryCapital.id)
    ).all()
    by_stay: dict[int, list[tuple[date, int, date]]] = {}
    for sheet, move_in in rows:
        total = sum(int(getattr(sheet, name)) for name in orm.SCORES)
        by_stay.setdefault(sheet.stay_id, []).append((sheet.taken_on, total, move_in))
    changes, at_line = [], 0
    for sheets in by_stay.values():
        start = sheets[0]
        latest = sheets[-1]
        if start[0] > start[2] + timedelta(days=NEAR_MOVE_IN) or latest[0] < first:
            continue  # no starting point, or nothing taken in the period
        if latest is start:
            continue
        changes.append(latest[1] - start[1])
        at_line += latest[1] >= REMISSION_LINE
    rose = sum(change > 0 for change in changes)
    lines = (
        Line("Stays with a starting and a later BARC-10", rules.shown_count(len(changes))),
        Line("Change in the total, move-in to latest", rules.typical(changes, "points")),
        Line("Rose since move-in", rules.share(rose, len(changes))),
        Line(f"Latest total {REMISSION_LINE} or more", rules.share(at_line, len(changes))),
    )
    note = (
        f"From a stay's first BARC-10 (within {NEAR_MOVE_IN} days of moving in) to its latest "
        "taken in the period; withdrawn sheets don't count."
    )
    return Block("Recovery capital (BARC-10)", lines, None, note)
