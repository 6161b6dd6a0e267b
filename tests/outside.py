"""Reaching a house's database as another program would: not through the app, its audit
trail or its checks — to show what the database itself refuses, and what ``check`` finds."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import psycopg

from residence.db.database import Location
from residence.db.server import Server

# What either engine raises when it refuses a statement for breaking one of its rules.
REFUSED = (sqlite3.IntegrityError, psycopg.errors.IntegrityError)


def outside(where: Location, script: str) -> None:
    """Run ``script`` (one or more statements, no parameters) on the house at ``where``, in one
    transaction, as another program with the same rights would."""
    if isinstance(where, Path):
        connection = sqlite3.connect(where)
        try:
            connection.executescript(script)
        finally:
            connection.close()
        return
    with psycopg.connect(libpq_address(where)) as server:
        server.execute(script.encode())  # bytes: taken as a whole script, several statements


def libpq_address(server: Server) -> str:
    """The server's address as libpq itself takes it (no SQLAlchemy driver name)."""
    return server.libpq()


def engine_of(where: Location) -> str:
    return "sqlite" if isinstance(where, Path) else "postgresql"
