"""The SQLite engine and the settings every connection gets (SQLite-only tricks stay here)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

from residence.db import cipher

DEFAULT_BUSY_TIMEOUT_MS = 5000


def make_engine(
    path: Path,
    *,
    busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
    key: str | None = None,
    read_only: bool = False,
) -> Engine:
    """An engine on the SQLite file at ``path`` with foreign keys on, WAL and full sync;
    with ``key``, on the SQLCipher-encrypted file it opens. ``read_only``: the file is opened
    read-only and its journal mode left as it is, so a backup it reads stays byte for byte."""
    timeout = busy_timeout_ms / 1000
    if key is None and not read_only:
        engine = create_engine(f"sqlite:///{path}")
    else:
        engine = create_engine(
            f"sqlite:///{path}",
            module=cipher.DBAPI if key is not None else None,
            creator=lambda: cipher.connect(path, key, read_only=read_only, timeout=timeout),
        )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # pysqlite's own transaction handling would delay BEGIN; let SQLAlchemy emit it.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if read_only:
            cursor.execute("PRAGMA query_only = ON")
        else:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # A writer takes the lock up front, so two writers wait (busy_timeout) for each
        # other instead of one failing half-way through its transaction.
        writes = connection.get_execution_options().get("writes", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")

    return engine
