"""Reading the audit trail, and checking that nobody tampered with it."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import func, select

from residence.db import orm
from residence.db.audit import AuditLine, broken_at, cut_off, remembered_head
from residence.db.database import Database

__all__ = ["AuditLine", "AuditTrail"]


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
                query = query.where(func.date(orm.AuditEntry.at) >= first.isoformat())
            if last is not None:
                query = query.where(func.date(orm.AuditEntry.at) <= last.isoformat())
            return [_line(row) for row in session.scalars(query)]

    def verify(self) -> str:
        """ "" when every entry is intact and in place; otherwise where the chain breaks."""
        with self._db.read() as session:
            broken = broken_at(session.scalars(select(orm.AuditEntry).order_by(orm.AuditEntry.id)))
            anchor = remembered_head(self._db.path)
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
    )
