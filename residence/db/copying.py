"""Copying a house's records, verbatim, from one database into another of the same schema: a
house file into an empty database on a server.

Every row keeps its number and every value, the audit trail's entries included, so the chain
of hashes that ``check`` follows is the same chain on the other side. The copy is one
transaction on the target, held to what was read before it commits: it lands whole and
checked, or not at all.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, Table, func, insert, inspect, select, text
from sqlalchemy.orm import Session

from residence.db import orm
from residence.db.audit import broken_at
from residence.db.database import Database
from residence.db.replay import differences
from residence.errors import StorageError

BATCH = 2_000  # rows per INSERT: a ten-year house's largest table in a few dozen round trips
SCHEMA_TABLE = "alembic_version"  # the target's own, written when its schema was made


def tables() -> list[Table]:
    """The house's tables, each after the tables it refers to."""
    return list(orm.Base.metadata.sorted_tables)


def counts(database: Database) -> dict[str, int]:
    """How many rows each table holds."""
    with database.read() as session:
        connection = session.connection()
        return {
            t.name: connection.scalar(select(func.count()).select_from(t)) or 0 for t in tables()
        }


def copy_records(
    source: Database, target: Database, progress: Callable[[str, int], None] | None = None
) -> dict[str, int]:
    """Copy every row of ``source`` into ``target``, which must hold none yet; the rows copied,
    by table. ``progress(table, rows)`` after each table."""
    _same_tables(source)
    copied: dict[str, int] = {}
    with source.read() as reading, target.verbatim() as writing:
        held = {t.name: n for t in tables() if (n := _count(writing, t))}
        if held:
            raise StorageError(
                f"{target.location} holds records already ({_listed(held)}): a house was copied "
                "or started there before. Nothing was copied; give the address of an empty "
                "database."
            )
        for table in tables():
            copied[table.name] = _copy_table(reading.connection(), writing, table)
            if progress is not None:
                progress(table.name, copied[table.name])
        if writing.dialect.name == "postgresql":
            _continue_numbering(writing)
        _held_to_source(copied, writing, target)  # before it commits: a bad copy never lands
    return copied


def _held_to_source(copied: dict[str, int], writing: Connection, target: Database) -> None:
    """The copy, still uncommitted, holds every row that was read, its trail's chains are
    unbroken and every record is what the trail says; else StorageError (and no copy)."""
    differ = [t.name for t in tables() if _count(writing, t) != copied.get(t.name, 0)]
    problem = f"not as many rows as the file in {', '.join(differ)}" if differ else ""
    if not problem:
        with Session(bind=writing) as session:
            entries = session.scalars(select(orm.AuditEntry).order_by(orm.AuditEntry.id))
            problem = broken_at(entries)
    if not problem and (changed := differences(writing)):
        problem = f"{len(changed)} records differ from the trail"
    if problem:
        raise StorageError(
            f"The copy on {target.location} didn't hold up ({problem}), so none of it was "
            "kept. Nothing was changed on the server."
        )


def _same_tables(source: Database) -> None:
    """Refuse a source with tables this version doesn't know: they would be left behind."""
    with source.read() as session:
        found = set(inspect(session.connection()).get_table_names()) - {SCHEMA_TABLE}
    unknown = found - {t.name for t in tables()}
    if unknown:
        raise StorageError(
            f"{source.location} has tables this version of Residence doesn't know "
            f"({', '.join(sorted(unknown))}); nothing was copied."
        )


def _copy_table(reading: Connection, writing: Connection, table: Table) -> int:
    rows = 0
    result = reading.execute(select(table).order_by(*table.primary_key.columns))
    for batch in result.mappings().partitions(BATCH):
        writing.execute(insert(table), [dict(row) for row in batch])
        rows += len(batch)
    return rows


def _continue_numbering(writing: Connection) -> None:
    """On PostgreSQL each table's numbers come from a sequence, which knows nothing of the
    numbers copied in: move it past the highest, so the next record gets the next number."""
    for table in tables():
        if "id" not in table.columns:
            continue
        writing.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE((SELECT max(id) FROM {table.name}), 0) + 1, false)"
            )
        )


def _count(connection: Connection, table: Table) -> int:
    return connection.scalar(select(func.count()).select_from(table)) or 0


def _listed(held: dict[str, int]) -> str:
    shown = ", ".join(f"{n:,} in {name}" for name, n in list(held.items())[:3])
    return shown + (", …" if len(held) > 3 else "")
