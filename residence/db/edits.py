"""Two people editing one record at once (on a server, at two desks): the second save is
refused with who changed it, when, and what, rather than silently written over the first.

The audit trail is the record's version: a form remembers the newest entry about the record
when it was filled from it (``version``), and the save checks, in its writing transaction (so
under the writers' lock), that no entry came after (``refuse_if_changed``).
"""

from __future__ import annotations

import json
from collections.abc import Collection

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from residence.dates import format_date
from residence.db import orm
from residence.db.audit import record_name
from residence.errors import Conflict


def version(session: Session, record: str, record_id: int, person_id: int | None = None) -> int:
    """The newest trail entry about the record (0 if none): what a form was filled from."""
    query = select(orm.AuditEntry.id).where(
        orm.AuditEntry.record == record, orm.AuditEntry.record_id == str(record_id)
    )
    if person_id is not None:  # by the person's index: a ten-year trail isn't read whole
        query = query.where(orm.AuditEntry.person_id == person_id)
    # On every house's trail: a person's file is edited from each house they stayed in.
    query = query.order_by(orm.AuditEntry.id.desc()).limit(1).execution_options(every_house=True)
    return session.scalar(query) or 0


def versions_of(session: Session, record: str) -> dict[int, int]:
    """``version`` of every record of a kind at once (a whole list of files)."""
    query = (
        select(orm.AuditEntry.record_id, func.max(orm.AuditEntry.id))
        .where(orm.AuditEntry.record == record)
        .group_by(orm.AuditEntry.record_id)
        .execution_options(every_house=True)
    )
    return {int(record_id): int(newest) for record_id, newest in session.execute(query)}


def refuse_if_changed(
    session: Session,
    record: str,
    record_id: int,
    seen: int | None,
    person_id: int | None = None,
    called: str = "",
    fields: Collection[str] | None = None,
) -> None:
    """Conflict if the record was changed after the entry ``seen``, saying by whom, when and
    what they changed (the record ``called`` so, else by its kind); nothing is written then.
    ``fields``: only a change to one of these counts (a form that writes some of a record's
    fields, beside others that write the rest). ``seen`` None: not read from a form (a
    command, the demo), so nothing to hold it to."""
    if seen is None:
        return
    query = select(orm.AuditEntry).where(
        orm.AuditEntry.record == record,
        orm.AuditEntry.record_id == str(record_id),
        orm.AuditEntry.id > seen,
    )
    if person_id is not None:
        query = query.where(orm.AuditEntry.person_id == person_id)
    later = session.scalars(query.order_by(orm.AuditEntry.id).execution_options(every_house=True))
    changed: dict[str, object] = {}
    last = None
    for entry in later:
        touched = {
            field: after
            for field, (_before, after) in json.loads(entry.changes).items()
            if fields is None or field in fields
        }
        if touched or (fields is None and entry.action == "removed"):
            changed |= touched
            last = entry
    if last is None:
        return
    who = last.db_role or last.manager or last.os_user
    when = f"{format_date(last.at.date())} at {last.at:%H:%M}"
    what = "; ".join(
        f"{field.replace('_', ' ')}: {_shown(value)}" for field, value in changed.items()
    )
    raise Conflict(
        f"{who} changed {called or 'this ' + record_name(record)} on {when} ({what}). Nothing "
        "you typed was saved: close this, open it again to see their change, then make yours."
    )


def _shown(value: object) -> str:
    text = "(empty)" if value in (None, "") else str(value)
    return text if len(text) <= 40 else text[:39] + "…"
