"""Bringing a house into a database that holds houses already: every record numbered on from
the numbers there, and the audit trail told the same.

A record's number is unique in its table across the whole database, so a house file's
numbers, which start at 1, would clash with those of the houses already on a server. Each
table's numbers move up by one amount, the highest number that table holds there, and every
reference moves with the record it names: a stay's resident, a bed's room, and in the trail
the record, the resident, and the numbers inside each change. The trail then says what the
file's trail said, in the server's numbers, and is sealed again as the house's own chain. Its
hashes can't be the file's, so the file's chain is checked on the file before anything moves.

Numbers kept inside a record's text (the roll call a final set of minutes keeps, as JSON) are
not the database's to know: the areas that keep them say how to move them (``Embedded``).

One thing the file's trail left unsaid is said: records written before there were several
houses never mention their house (every record then was house 1's, see ``replay.IMPLIED``);
their first entry here names the house they now belong to.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Connection, Table, func, select, text

from residence.db import orm
from residence.db.audit import GENESIS, seal
from residence.db.replay import IMPLIED

TRAIL = orm.AuditEntry.__tablename__
Mover = Callable[[str, int | None], int | None]  # (table, number) -> the number moved
# A text column holding numbers, by (table, column): how to move them in its text.
Embedded = Mapping[tuple[str, str], Callable[[str, Mover], str]]
# The trail's own references: which table each of its numbers counts in.
TRAIL_MOVES = {"id": TRAIL, "house_id": "house", "person_id": "person"}


def own_number(table: Table) -> str | None:
    """The column that numbers a table's records, if they have a number of their own (a
    signed scan is numbered by its consent)."""
    keys = list(table.primary_key.columns)
    if len(keys) == 1 and not keys[0].foreign_keys:
        return keys[0].name
    return None


def moves(table: Table) -> dict[str, str]:
    """Each column of ``table`` that holds a record's number, and the table it counts in."""
    found = {c.name: fk.column.table.name for c in table.columns for fk in c.foreign_keys}
    if (key := own_number(table)) is not None:
        found[key] = table.name
    return TRAIL_MOVES if table.name == TRAIL else found


def highest_numbers(connection: Connection, tables: list[Table]) -> dict[str, int]:
    """The highest number each table holds or has given (0 when none): how far its copied
    records move. A server's sequence may have given numbers to records since removed, whose
    trail entries still name them: the copy's records never take those numbers."""
    found = {}
    for table in tables:
        if (key := own_number(table)) is None:
            continue
        highest = int(connection.scalar(select(func.max(table.c[key]))) or 0)
        if connection.dialect.name == "postgresql":
            highest = max(highest, _given(connection, table.name, key))
        found[table.name] = highest
    return found


def _given(connection: Connection, table: str, key: str) -> int:
    """The last number a server's sequence gave for ``table`` (0 if none yet)."""
    sequence = connection.scalar(
        text("SELECT pg_get_serial_sequence(:table, :key)"), {"table": table, "key": key}
    )
    if sequence is None:
        return 0
    # The sequence's name comes from the server's own catalog, quoted as an identifier there.
    given = connection.scalar(
        text(f"SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM {sequence}")
    )
    return int(given or 0)


@dataclass
class Renumbering:
    """Moves the rows of a copy past ``by`` (each table's highest number on the target), the
    trail's entries in the order they were written."""

    by: dict[str, int]
    tables: list[Table]
    embedded: Embedded
    _moves: dict[str, dict[str, str]] = field(init=False)
    _keys: dict[str, list[str]] = field(init=False)
    _housed: set[str] = field(init=False)
    _previous: dict[int, str] = field(default_factory=dict)  # each house's newest hash
    _named: set[tuple[str, str]] = field(default_factory=set)  # records whose house was said

    def __post_init__(self) -> None:
        self._moves = {t.name: moves(t) for t in self.tables}
        self._keys = {t.name: [c.name for c in t.primary_key.columns] for t in self.tables}
        self._housed = {t.name for t in self.tables if "house_id" in t.columns}

    def row(self, table: str, row: dict[str, Any]) -> dict[str, Any]:
        """A record (or, for the trail, an entry) in the target's numbers."""
        moved = self._moved_fields(table, row)
        return self._entry(row, moved) if table == TRAIL else moved

    def _moved_fields(self, table: str, row: dict[str, Any]) -> dict[str, Any]:
        numbers = self._moves[table]
        return {
            name: self._field(table, name, value, numbers.get(name)) for name, value in row.items()
        }

    def _field(self, table: str, name: str, value: Any, counted_in: str | None) -> Any:
        rewrite = self.embedded.get((table, name))
        if rewrite is not None and isinstance(value, str) and value:
            return rewrite(value, self._number)
        return self._moved(value, counted_in)

    def _number(self, table: str, value: int | None) -> int | None:
        return None if value is None else int(value) + self.by[table]

    def _moved(self, value: Any, counted_in: str | None) -> Any:
        if counted_in is None or value is None:
            return value
        return int(value) + self.by[counted_in]

    def _entry(self, original: dict[str, Any], entry: dict[str, Any]) -> dict[str, Any]:
        record, record_id = original["record"], original["record_id"]
        numbers = self._moves.get(record, {})
        changes = {
            name: [
                self._field(record, name, before, numbers.get(name)),
                self._field(record, name, after, numbers.get(name)),
            ]
            for name, (before, after) in json.loads(original["changes"]).items()
        }
        key = (record, record_id)
        if original["action"] == "removed":
            # A number SQLite gave again after a removal is a new record: its first entry
            # names the house again, as replay starts it afresh.
            self._named.discard(key)
        elif record in self._housed and key not in self._named:
            self._named.add(key)
            if "house_id" not in changes:  # a record from before there were several houses
                changes["house_id"] = [None, cast(int, IMPLIED["house_id"]) + self.by["house"]]
        if record in self._keys:  # else a table of the past, which no record refers to now
            entry["record_id"] = "/".join(
                str(self._moved(int(part), numbers.get(column)))
                for column, part in zip(self._keys[record], record_id.split("/"), strict=True)
            )
        entry["changes"] = json.dumps(changes, ensure_ascii=False, sort_keys=True)
        entry["previous_hash"] = self._previous.get(entry["house_id"], GENESIS)
        entry["hash"] = self._previous[entry["house_id"]] = seal(entry)
        return entry
