"""Writing the audit trail: every change to the records, who made it, what it was before and
after; appended in the same transaction and chained by SHA-256 so tampering shows."""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, event, insert, inspect, select, text
from sqlalchemy.orm import Session

from residence.db import orm
from residence.db.houses import house_of
from residence.files import write_whole

GENESIS = "0" * 64
CURRENT_ROLE = text("SELECT session_user")  # the role that logged in
HEAD = "audit_head"  # where a writing session keeps the newest entry it wrote
PATH, CLOCK, ANCHOR_HOLDS = "audit_path", "audit_clock", "audit_anchor_holds"
NOT_AUDITED = {"audit_entry", "alembic_version"}
# Where the resident a record concerns is found, beyond a plain ``person_id``.
PERSON_FIELDS = ("person_id", "mentee_id")
BY_STAY = {"stay_phase", "bed_assignment", "discharge_amendment", "recovery_capital", "plan_goal"}
RECORD_NAMES = {
    "person": "resident", "stay_phase": "phase", "bed_assignment": "bed",
    "chore_assignment": "chore", "outside_meeting": "outside meeting",
    "mentorship": "mentor pair", "check_in": "check-in", "recovery_capital": "BARC-10",
    "plan_goal": "goal", "plan_step": "step", "support_contact": "contact",
    "shared_resource": "resource shared", "house_question": "question",
    "house_answer": "answer to a house question",
}  # fmt: skip


@dataclass(frozen=True)
class AuditLine:
    id: int
    at: datetime
    os_user: str
    manager: str
    action: str
    record: str
    record_id: str
    person_id: int | None
    changes: dict[str, list[object]]
    db_role: str = ""  # on a server, the database role that wrote it


def watch(session: Session, database: Path | None, clock: Callable[[], datetime]) -> None:
    """Audit every flush of this writing session on the house file ``database``; entries are
    stamped by ``clock``."""
    session.info[PATH], session.info[CLOCK] = database, clock
    event.listen(session, "after_flush", _record)


def _record(session: Session, _context: object) -> None:
    changes = [("added", o) for o in session.new] + [("changed", o) for o in session.dirty]
    changes += [("removed", o) for o in session.deleted]
    rows = [row for action, obj in changes if (row := _entry(session, action, obj)) is not None]
    if not rows:
        return
    connection = session.connection()
    if ANCHOR_HOLDS not in session.info:
        session.info[ANCHOR_HOLDS] = _anchor_holds(connection, session.info.get(PATH))
    newest = append(connection, rows, session.info[CLOCK](), os_user())
    # A trail that no longer holds its anchored entry keeps the old anchor: the next save must
    # not hide that the newest entries were cut off.
    if session.info[ANCHOR_HOLDS]:
        session.info[HEAD] = newest


def append(
    connection: Connection, rows: list[dict[str, Any]], at: datetime, user: str
) -> tuple[int, str]:
    """Stamp, chain and insert ``rows`` (house_id, action, record, record_id, person_id,
    changes); the newest entry's number and hash. Each house's entries are a chain of their
    own, so that a house's trail can be verified by those who may see only that house."""
    previous: dict[int, str] = {}
    managers: dict[int, str] = {}
    role = "" if connection.dialect.name == "sqlite" else str(connection.scalar(CURRENT_ROLE))
    for row in rows:
        house = row["house_id"]
        if house not in previous:
            previous[house] = _last_hash(connection, house)
            managers[house] = (
                connection.scalar(select(orm.House.manager_name).where(orm.House.id == house)) or ""
            )
        row |= {
            "at": at.replace(microsecond=0),
            "os_user": user,
            "manager": managers[house],
            "previous_hash": previous[house],
            "db_role": role,
        }
        row["hash"] = previous[house] = seal(row)
    connection.execute(insert(orm.AuditEntry), rows)
    newest = connection.execute(
        select(orm.AuditEntry.id, orm.AuditEntry.hash).order_by(orm.AuditEntry.id.desc()).limit(1)
    ).one()
    return int(newest[0]), str(newest[1])


def _last_hash(connection: Connection, house: int) -> str:
    last = select(orm.AuditEntry.hash).where(orm.AuditEntry.house_id == house)
    return connection.scalar(last.order_by(orm.AuditEntry.id.desc()).limit(1)) or GENESIS


def _anchor_holds(connection: Connection, database: Path | None) -> bool:
    anchor = remembered_head(database) if database is not None else None
    if anchor is None:
        return True
    found = connection.scalar(select(orm.AuditEntry.hash).where(orm.AuditEntry.id == anchor[0]))
    return found == anchor[1]


def _entry(session: Session, action: str, obj: object) -> dict[str, Any] | None:
    table = getattr(obj, "__tablename__", "")
    if not table or table in NOT_AUDITED:
        return None
    state = inspect(obj)
    fields: dict[str, list[object]] = {}
    for attr in state.mapper.column_attrs:
        history = state.attrs[attr.key].history
        if action == "changed" and not history.has_changes():
            continue
        before = history.deleted[0] if history.deleted else None
        after = (
            history.added[0]
            if history.added
            else (history.unchanged[0] if history.unchanged else None)
        )
        if action == "removed":
            before, after = after if after is not None else before, None
        if action == "added":
            before = None
        fields[attr.key] = [plain(before), plain(after)]
    if action == "changed" and not fields:
        return None
    identity = state.mapper.primary_key_from_instance(obj)
    return {
        "house_id": _house(session, obj),
        "action": action,
        "record": table,
        "record_id": "/".join(str(i) for i in identity),
        "person_id": _person(session.connection(), table, obj),
        "changes": json.dumps(fields, ensure_ascii=False, sort_keys=True),
    }


def _house(session: Session, obj: object) -> int:
    """Whose trail an entry is on: the house of the record (a house's own settings are on its
    own), else the house the session works in — a person's file is the operator's, and an edit
    to it goes on the trail of the house that made it (not the one that took them in first)."""
    if isinstance(obj, orm.House):
        return obj.id
    if isinstance(obj, orm.HouseOwned) and isinstance(obj.house_id, int):
        return obj.house_id
    return house_of(session)


def _person(connection: Connection, table: str, obj: object) -> int | None:
    if table == "person":
        return getattr(obj, "id", None)
    for field in PERSON_FIELDS:
        if isinstance(value := getattr(obj, field, None), int):
            return value
    if table == "check_in" and (pair := getattr(obj, "mentorship_id", None)) is not None:
        found = connection.scalar(select(orm.Mentorship.mentee_id).where(orm.Mentorship.id == pair))
        return int(found) if found is not None else None
    if table == "house_answer" and (sheet := getattr(obj, "recovery_capital_id", None)):
        stay = connection.scalar(
            select(orm.RecoveryCapital.stay_id).where(orm.RecoveryCapital.id == sheet)
        )
        found = connection.scalar(select(orm.Stay.person_id).where(orm.Stay.id == stay))
        return int(found) if found is not None else None
    if table == "shared_resource" and (check_in := getattr(obj, "check_in_id", None)) is not None:
        pair = connection.scalar(
            select(orm.CheckIn.mentorship_id).where(orm.CheckIn.id == check_in)
        )
        found = connection.scalar(select(orm.Mentorship.mentee_id).where(orm.Mentorship.id == pair))
        return int(found) if found is not None else None
    if table == "plan_step" and (goal := getattr(obj, "goal_id", None)) is not None:
        stay = connection.scalar(select(orm.PlanGoal.stay_id).where(orm.PlanGoal.id == goal))
        found = connection.scalar(select(orm.Stay.person_id).where(orm.Stay.id == stay))
        return int(found) if found is not None else None
    if table == "consent_scan" and (consent := getattr(obj, "consent_id", None)) is not None:
        found = connection.scalar(select(orm.Consent.person_id).where(orm.Consent.id == consent))
        return int(found) if found is not None else None
    if table in BY_STAY and (stay := getattr(obj, "stay_id", None)) is not None:
        found = connection.scalar(select(orm.Stay.person_id).where(orm.Stay.id == stay))
        return int(found) if found is not None else None
    return None


def plain(value: object) -> object:
    """A value as the trail writes it."""
    if isinstance(value, bytes):  # a scan: its size and digest, not its content
        return f"<{len(value)} bytes, sha256 {hashlib.sha256(value).hexdigest()}>"
    if isinstance(value, (date, datetime, time)):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def seal(row: dict[str, Any]) -> str:
    """The hash of an entry: its content and the hash of the one before."""
    at = row["at"]
    content = [
        at.isoformat() if isinstance(at, datetime) else str(at),
        row["os_user"],
        row["manager"],
        row["action"],
        row["record"],
        row["record_id"],
        row["person_id"],
        row["changes"],
    ]
    if row.get("db_role"):  # entries from before roles were kept (and a file's) have none
        content.append(row["db_role"])
    text = row["previous_hash"] + json.dumps(content, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def record_name(table: str) -> str:
    """What a record of ``table`` is called in messages."""
    return RECORD_NAMES.get(table, table.replace("_", " "))


def os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown user"


def broken_at(rows: Iterable[orm.AuditEntry]) -> str:
    """Where a chain breaks ("" if none): each house's entries, in order, follow each other."""
    previous: dict[int, str] = {}
    for row in rows:
        fields = {
            c: getattr(row, c)
            for c in (
                "at",
                "os_user",
                "manager",
                "action",
                "record",
                "record_id",
                "person_id",
                "changes",
                "db_role",
            )
        }
        before = previous.get(row.house_id, GENESIS)
        if row.previous_hash != before:
            return f"entry {row.id} does not follow the one before it (one was removed or added)"
        if seal(fields | {"previous_hash": before}) != row.hash:
            return f"entry {row.id} was changed after it was written"
        previous[row.house_id] = row.hash
    return ""


# The anchor: the newest entry, also written beside the house file after every commit. The
# chain alone can't show that its newest entries were cut off; the anchor can.


def anchor_file(database: Path) -> Path:
    return database.with_name(database.name + ".audit-head")


def remember_head(database: Path, head: tuple[int, str] | None) -> None:
    """Write the newest entry's number and hash beside the house file. Never raises: a missing
    anchor only means the check can say less."""
    if head is None:
        return
    with contextlib.suppress(OSError):  # synced, so a power cut can't leave it half-written
        write_whole(anchor_file(database), f"{head[0]} {head[1]}\n".encode("ascii"))


def remembered_head(database: Path) -> tuple[int, str] | None:
    try:
        number, digest = anchor_file(database).read_text(encoding="ascii").split()
        return int(number), digest
    except (OSError, ValueError, UnicodeDecodeError):
        return None


def cut_off(anchor: tuple[int, str] | None, found: str | None, newest: int) -> str:
    """ "" unless the remembered newest entry (``found``: its hash in the file now) is missing
    from the trail or different in it."""
    if anchor is None or found == anchor[1]:
        return ""
    return (
        f"entry {anchor[0]}, written on this computer, is missing or different (the trail "
        f"now ends at entry {newest}): its newest entries were removed, or an older copy of "
        "the house file was put in its place by hand"
    )
