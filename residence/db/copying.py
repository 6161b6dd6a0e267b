"""Copying a house's records from one database into another of the same schema: a house file
into a database on a server.

Into an empty database every row keeps its number and every value, the audit trail's entries
included, so the chain of hashes that ``check`` follows is the same chain on the other side.
Into one that holds houses already, the records are numbered on from the numbers there and the
trail is told the same and sealed again (``renumbering``). Either way the copy is one
transaction on the target, under the writers' lock and held to what was read before it
commits: it lands whole and checked, or not at all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, Table, func, insert, inspect, select, text
from sqlalchemy.orm import Session

from residence.db import orm
from residence.db.audit import broken_at
from residence.db.database import Database
from residence.db.renumbering import Embedded, Renumbering, highest_numbers
from residence.db.replay import Difference, differences
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


@dataclass(frozen=True)
class Copied:
    """What a copy did: the rows copied, by table, and how far each table's numbers moved
    (nothing moved in a copy into an empty database)."""

    rows: dict[str, int]
    moved_by: dict[str, int]


def copy_records(
    source: Database,
    target: Database,
    embedded: Embedded,
    progress: Callable[[str, int], None] | None = None,
) -> Copied:
    """Copy every row of ``source`` into ``target``, as new houses beside any it holds (the
    numbers in text columns moved as ``embedded`` says). ``progress(table, rows)`` after each
    table."""
    _same_tables(source)
    copied: dict[str, int] = {}
    with source.read() as reading, target.verbatim() as writing:
        held = {t.name: _count(writing, t) for t in tables()}
        renumbering, differed = None, set[Difference]()
        _seen_whole(target)
        if any(held.values()):
            _room_for(reading.connection(), writing, target)
            renumbering = Renumbering(highest_numbers(writing, tables()), tables(), embedded)
            differed = set(differences(writing))  # not the copy's to answer for
        for table in tables():
            copied[table.name] = _copy_table(reading.connection(), writing, table, renumbering)
            if progress is not None:
                progress(table.name, copied[table.name])
        if writing.dialect.name == "postgresql":
            _continue_numbering(writing)
        # Before it commits: a bad copy never lands.
        _held_to_source(copied, held, differed, writing, target)
    return Copied(copied, renumbering.by if renumbering is not None else {})


def _seen_whole(target: Database) -> None:
    """Refuse a login that can't see every house (a manager's role on a server): what it
    sees of the database is not all there is."""
    if not target.sees_every_house():
        raise StorageError(
            f"This login can't see every house on {target.location}: moving a house there is "
            "for an operator's or the administrator's login. Nothing was copied."
        )


def _room_for(reading: Connection, writing: Connection, target: Database) -> None:
    """Refuse a copy into a database that has a house of the same name, case and spaces
    aside (most likely this very house, copied before)."""
    names = {_plain(n): str(n) for n in writing.scalars(select(orm.House.name))}
    copied = reading.scalars(select(orm.House.name))
    same = [names[_plain(n)] for n in copied if _plain(n) in names]
    if same:
        raise StorageError(
            f"{target.location} has a house called {same[0]} already: this house was copied "
            "there before, or another house has its name. Nothing was copied; if it is "
            "another house, give this one a different name in its Settings first."
        )


def _plain(name: object) -> str:
    return " ".join(str(name).split()).casefold()


def _held_to_source(
    copied: dict[str, int],
    held: dict[str, int],
    differed: set[Difference],
    writing: Connection,
    target: Database,
) -> None:
    """The copy, still uncommitted, holds every row that was read, its trail's chains are
    unbroken and every record is what the trail says; else StorageError (and no copy)."""
    differ = [
        t.name
        for t in tables()
        if _count(writing, t) != held.get(t.name, 0) + copied.get(t.name, 0)
    ]
    problem = f"not as many rows as the file in {', '.join(differ)}" if differ else ""
    if not problem:
        with Session(bind=writing) as session:
            entries = session.scalars(select(orm.AuditEntry).order_by(orm.AuditEntry.id))
            problem = broken_at(entries)
    if not problem and (changed := set(differences(writing)) - differed):
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


def _copy_table(
    reading: Connection, writing: Connection, table: Table, renumbering: Renumbering | None
) -> int:
    rows = 0
    result = reading.execute(select(table).order_by(*table.primary_key.columns))
    for batch in result.mappings().partitions(BATCH):
        values = [dict(row) for row in batch]
        if renumbering is not None:
            values = [renumbering.row(table.name, row) for row in values]
        writing.execute(insert(table), values)
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
