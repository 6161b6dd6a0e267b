"""Reading the audit trail, and checking that nobody tampered with it."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select, text

from residence.db import orm
from residence.db.audit import AuditLine, broken_at, cut_off, record_name, remembered_head
from residence.db.database import Database
from residence.db.replay import Difference, differences
from residence.db.server import missing_safeguards

__all__ = ["SAFEGUARDS", "AuditLine", "AuditTrail", "Difference", "record_name"]

# The triggers by which an SQLite house file refuses what the app itself would never write:
# an edit to the trail or the disclosure log, two stays at once, two people in one bed. Someone
# who drops or defuses them can change history unseen, so ``check`` looks for each.
SAFEGUARDS = frozenset(
    {
        "audit_entry_append_only_delete",
        "audit_entry_append_only_update",
        "disclosure_append_only_delete",
        "disclosure_append_only_update",
        "bed_assignment_no_overlap_insert",
        "bed_assignment_no_overlap_update",
        "stay_no_overlap_insert",
        "stay_no_overlap_update",
    }
)


class AuditTrail:
    """Reading the trail, and checking it hasn't been tampered with."""

    def __init__(self, database: Database) -> None:
        self._db = database

    def entries(
        self,
        person_id: int | None = None,
        first: date | None = None,
        last: date | None = None,
        limit: int = 5000,
    ) -> list[AuditLine]:
        """Newest first, for one resident and/or a period."""
        with self._db.read() as session:
            query = select(orm.AuditEntry).order_by(orm.AuditEntry.id.desc()).limit(limit)
            if person_id is not None:
                query = query.where(orm.AuditEntry.person_id == person_id)
            if first is not None:
                query = query.where(orm.AuditEntry.at >= datetime.combine(first, time.min))
            if last is not None:
                after = datetime.combine(last + timedelta(days=1), time.min)
                query = query.where(orm.AuditEntry.at < after)
            return [_line(row) for row in session.scalars(query)]

    def missing_safeguards(self) -> list[str]:
        """The safeguards (triggers, and a server's constraints) that are gone or no longer
        refuse anything."""
        with self._db.read() as session:
            if session.get_bind().dialect.name != "sqlite":
                return missing_safeguards(session.connection())
            rows = session.execute(
                text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
            )
            found: dict[str, str | None] = {row[0]: row[1] for row in rows}
        return sorted(
            name for name in SAFEGUARDS if "RAISE(ABORT" not in (found.get(name) or "").upper()
        )

    def differences(self) -> list[Difference]:
        """The records that aren't what the trail says they are (changed outside the app,
        or damaged on the disk)."""
        with self._db.read() as session:
            return differences(session.connection())

    def verify(self) -> str:
        """ "" when every entry is intact and in place; otherwise where the chain breaks."""
        with self._db.read(every_house=True) as session:
            broken = broken_at(session.scalars(select(orm.AuditEntry).order_by(orm.AuditEntry.id)))
            # A file's newest entry is anchored beside it; a server has no side files, and its
            # trail is held by its own permissions and triggers.
            anchor = remembered_head(self._db.path) if self._db.path is not None else None
            if broken or anchor is None:
                return broken
            found = session.scalar(
                select(orm.AuditEntry.hash).where(orm.AuditEntry.id == anchor[0])
            )
            newest = session.scalar(select(func.max(orm.AuditEntry.id))) or 0
            return cut_off(anchor, found, newest)


def _line(row: orm.AuditEntry) -> AuditLine:
    return AuditLine(
        row.id,
        row.at,
        row.os_user,
        row.manager,
        row.action,
        row.record,
        row.record_id,
        row.person_id,
        json.loads(row.changes),
        row.db_role,
    )
