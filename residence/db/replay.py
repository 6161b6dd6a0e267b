"""Comparing the records with the audit trail.

Every change the app makes is in the trail with the values it wrote, so replaying the trail
from its first entry gives what each record must hold now. A record that holds anything else,
that has no entry, or that is gone without one was changed outside the app — or damaged on the
disk: a flipped byte in a name shows here as a changed record, one in a date as a record that
can't be read. This is what makes ``check`` look at the records and not only at the trail.

The tables are read as the file has them (reflected, not from the app's models), so the same
code seals the records of an older file while it is upgraded.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, LargeBinary, inspect, text

from residence.db.audit import NOT_AUDITED, append, plain, record_name

Record = tuple[str, str]  # table, record id
# What a record holds in a column its trail never mentions: columns added to every record at
# once by a migration, with the one value every record then had — so that the upgrade needn't
# write an entry for each record (a ten-year house has hundreds of thousands). Every record
# before schema 0013 was house 1's, and continued no stay in another house.
IMPLIED: dict[str, object] = {"house_id": 1, "transferred_from_id": None}
UNREADABLE = object()  # a value the file holds that can't be decoded


@dataclass(frozen=True)
class Difference:
    """A record that isn't what the trail says. Never holds the record's contents: a check's
    report may be read by someone who mustn't see them."""

    record: str
    record_id: str
    kind: str  # "changed", "added", "removed", "unreadable"
    fields: tuple[str, ...] = ()

    def describe(self) -> str:
        what = f"{record_name(self.record)} #{self.record_id}"
        fields = ", ".join(f.replace("_", " ") for f in self.fields)
        return {
            "changed": f"{what}: {fields} changed outside the app",
            "added": f"{what} was added outside the app",
            "removed": f"{what} was removed outside the app",
            "unreadable": f"{what} is damaged and can't be read ({fields})",
        }[self.kind]


def expected(connection: Connection) -> dict[Record, dict[str, object] | None]:
    """What each record must hold, by replaying the trail; None for a removed record."""
    state: dict[Record, dict[str, object] | None] = {}
    rows = connection.execute(
        text("SELECT action, record, record_id, changes FROM audit_entry ORDER BY id")
    )
    for action, record, record_id, changes in rows:
        key = (record, record_id)
        if action == "removed":
            state[key] = None
            continue
        fields = state.get(key) or {}
        for name, (_before, after) in json.loads(changes).items():
            fields[name] = after
        state[key] = fields
    return state


def current(connection: Connection) -> Iterator[tuple[Record, dict[str, object]]]:
    """Every record in the file, each value as the trail writes it (UNREADABLE where the
    file's bytes don't decode)."""
    inspector = inspect(connection)
    for name in sorted(inspector.get_table_names()):
        if name in NOT_AUDITED or name.startswith("sqlite_"):
            continue
        columns = {c["name"]: _Decoder(connection, c["type"]) for c in inspector.get_columns(name)}
        keys = inspector.get_pk_constraint(name)["constrained_columns"]
        for raw in _rows(connection, name, list(columns)):
            values = {c: decode(raw[c]) for c, decode in columns.items()}
            yield (name, "/".join(str(raw[k]) for k in keys)), values


def differences(connection: Connection) -> list[Difference]:
    """The records that aren't what the trail says, in table and record order."""
    state = expected(connection)
    found: list[Difference] = []
    for key, values in current(connection):
        found.extend(_compare(key, values, state.pop(key, None)))
    found += [Difference(*key, "removed") for key, fields in state.items() if fields is not None]
    return found


def seal_unrecorded(connection: Connection, at: datetime, user: str) -> int:
    """Append a trail entry ("on file") for each record the trail has no entry for, and for the
    fields it never mentioned: the records an older version wrote before it kept a trail, and
    the columns an upgrade adds. A value that differs from the trail is not sealed over: that
    is for ``check`` to report. Returns how many records were sealed."""
    state = expected(connection)
    rows = []
    # A record of no house of its own goes on the first house's trail.
    first_house = connection.scalar(text("SELECT min(id) FROM house"))
    for (record, record_id), values in current(connection):
        known = IMPLIED | (state.get((record, record_id)) or {})
        missing = {k: [None, v] for k, v in values.items() if k not in known}
        if missing and all(v is not UNREADABLE for _, v in missing.values()):
            rows.append(
                {
                    "house_id": _house(record, values, first_house),
                    "action": "on file",
                    "record": record,
                    "record_id": record_id,
                    "person_id": _person(values),
                    "changes": json.dumps(missing, ensure_ascii=False, sort_keys=True),
                }
            )
    if rows:
        append(connection, rows, at, user)
    return len(rows)


def _compare(
    key: Record, values: dict[str, object], wanted: dict[str, object] | None
) -> list[Difference]:
    broken = tuple(k for k, v in values.items() if v is UNREADABLE)
    if broken:
        return [Difference(*key, "unreadable", broken)]
    if wanted is None:
        return [Difference(*key, "added")]
    wanted = IMPLIED | wanted
    changed = tuple(k for k, v in values.items() if not _same(wanted.get(k, _ABSENT), v))
    return [Difference(*key, "changed", changed)] if changed else []


_ABSENT = object()


def _same(wanted: object, found: object) -> bool:
    if wanted == found:
        return True
    # Entries written before scans were sealed by their digest give only the size.
    return (
        isinstance(wanted, str)
        and isinstance(found, str)
        and wanted.endswith(" bytes>")
        and found.startswith(wanted[:-1] + ",")
    )


def _house(record: str, values: dict[str, object], first_house: int | None) -> int | None:
    if record == "house":
        return values["id"]  # type: ignore[return-value]
    house = values.get("house_id")
    return house if isinstance(house, int) else first_house


def _person(values: dict[str, object]) -> int | None:
    for name in ("person_id", "mentee_id"):
        if isinstance(value := values.get(name), int):
            return value
    return None


def _rows(connection: Connection, name: str, columns: list[str]) -> Iterator[dict[str, Any]]:
    quoted = ", ".join(f'"{c}"' for c in columns)
    query = f'SELECT {quoted} FROM "{name}"'
    if connection.dialect.name != "sqlite":
        yield from (dict(row._mapping) for row in connection.execute(text(query)))
        return
    # Text as bytes: a damaged value must be reported, not stop the whole reading.
    driver = connection.connection.driver_connection
    factory = driver.text_factory  # type: ignore[union-attr]
    driver.text_factory = bytes  # type: ignore[union-attr]
    try:
        for row in driver.execute(query):  # type: ignore[union-attr]
            yield dict(zip(columns, row, strict=True))
    finally:
        driver.text_factory = factory  # type: ignore[union-attr]


class _Decoder:
    """A column's raw value as the app would read it, then as the trail writes it."""

    def __init__(self, connection: Connection, kind: Any) -> None:
        self.text = not isinstance(kind, LargeBinary)
        dialect = connection.dialect
        # SQLite's values are read raw (above) and decoded here; a server's driver has decoded
        # them already.
        self.process = (
            kind.dialect_impl(dialect).result_processor(dialect, None)
            if dialect.name == "sqlite"
            else None
        )

    def __call__(self, raw: object) -> object:
        try:
            if isinstance(raw, bytes) and self.text:
                raw = raw.decode("utf-8")
            if self.process is not None and raw is not None:
                raw = self.process(raw)
            return plain(raw)
        except (UnicodeDecodeError, ValueError, TypeError, OverflowError):
            return UNREADABLE
