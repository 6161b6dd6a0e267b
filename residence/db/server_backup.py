"""Backups of a house database on a server: PostgreSQL's own ``pg_dump`` (custom format),
checked before it is given its name, and ``pg_restore`` into a new, empty database.

A file's backups are a copy of the file; a server's are a dump made by the server's own tool,
which reads one consistent snapshot while others keep working. What this does not do — and the
server's administrator does — is keep the server's write-ahead log for recovery to a moment, or
run replicas.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

from sqlalchemy import text

from residence.db.server import Server, make_server_engine, server_errors
from residence.errors import StorageError
from residence.files import sync_folder

SUFFIX = ".dump"


def tool(name: str) -> str:
    """Where ``pg_dump`` or ``pg_restore`` is: on PATH, or where Debian keeps the newest."""
    if found := shutil.which(name):
        return found
    versions = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=_version)
    if versions:
        return str(versions[-1])
    raise StorageError(
        f"{name} isn't installed on this computer: install PostgreSQL's client programs "
        "(postgresql-client), then try again."
    )


def dump(server: Server, folder: Path, at: datetime) -> Path:
    """Write a checked dump of ``server``'s database into ``folder``; its path. The name tells
    the database and the moment, never a resident."""
    name = f"residence-{server.url.database}-{at:%Y-%m-%d-%H%M%S}{SUFFIX}"
    final, partial = folder / name, folder / f".{name}.partial"
    if final.exists():
        raise StorageError(f"{final} exists already; nothing was written.")
    # Made first, for the owner alone (the records of people in recovery): pg_dump writes
    # into it and keeps its mode.
    partial.unlink(missing_ok=True)  # a dump cut short at this very second (a crash)
    try:
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except OSError as error:
        raise StorageError(
            f"Can't write in {folder}: {error.strerror}. Choose a folder you can write to."
        ) from None
    try:
        _run(server, tool("pg_dump"), "--format=custom", f"--file={partial}", _address(server))
        _check(partial)
        with partial.open("rb") as written:
            os.fsync(written.fileno())
        partial.rename(final)
        sync_folder(folder)
    finally:
        partial.unlink(missing_ok=True)
    return final


def restore(backup: Path, server: Server) -> None:
    """Restore ``backup`` into ``server``'s database, which must be empty: all of it, in one
    transaction, or nothing."""
    if not backup.is_file():
        raise StorageError(f"{backup} isn't there: check the name.")
    _check(backup)
    _run(server, tool("pg_restore"), "--single-transaction", "--exit-on-error", "--no-owner",
         f"--dbname={_address(server)}", str(backup))  # fmt: skip


def holds_tables(server: Server) -> bool:
    """Whether the database has any tables of its own (a restore goes only into an empty one)."""
    engine = make_server_engine(server, read_only=True)
    try:
        with server_errors(server), engine.connect() as connection:
            query = "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
            return bool(connection.scalar(text(query)))
    finally:
        engine.dispose()


def _check(dumped: Path) -> None:
    """Refuse a dump that pg_restore can't read, or that lacks the house's records."""
    listing = subprocess.run(
        [tool("pg_restore"), "--list", str(dumped)], capture_output=True, text=True, check=False
    )
    if listing.returncode != 0:
        raise StorageError(f"{dumped.name} is not a readable backup of a house database.")
    if "TABLE DATA public audit_entry" not in listing.stdout:
        raise StorageError(f"{dumped.name} is a database backup, but not of a house.")


def _run(server: Server, *command: str) -> None:
    """Run a PostgreSQL tool; the password (if one was typed) goes in its environment, never on
    its command line, where other users of the computer could read it."""
    env = dict(os.environ)
    if server.url.password:
        env["PGPASSWORD"] = str(server.url.password)
    program, *arguments = command
    done = subprocess.run(
        [program, "--no-password", *arguments], capture_output=True, text=True, env=env, check=False
    )
    if done.returncode != 0:
        said = (done.stderr.strip().splitlines() or ["no reason given"])[-1]
        raise StorageError(f"{Path(command[0]).name} failed on {server}: {said}")


def _address(server: Server) -> str:
    return server.libpq(password=False)


def _version(path: Path) -> int:
    try:
        return int(path.parent.parent.name)
    except ValueError:
        return 0
