"""Connections to a house file, plain or encrypted with SQLCipher (a passphrase-protected
SQLite): every part of the app that touches the file directly goes through here."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher

from residence.errors import StorageError

SQLITE_HEADER = b"SQLite format 3\x00"
DATABASE_ERRORS = (sqlite3.DatabaseError, sqlcipher.DatabaseError)
INTEGRITY_ERRORS = (sqlite3.IntegrityError, sqlcipher.IntegrityError)
ALL_ERRORS = (sqlite3.Error, sqlcipher.Error)
MIN_PASSPHRASE = 8
DBAPI = sqlcipher  # the module SQLAlchemy is told about for an encrypted file


class PassphraseNeeded(StorageError):
    """The file is encrypted (or not a database at all): ask for its passphrase."""


class WrongPassphrase(StorageError):
    """The passphrase doesn't open the file."""


def looks_encrypted(path: Path) -> bool:
    """Whole pages of a database that doesn't start like a plain SQLite one: what SQLCipher
    writes (or a plain file damaged on its first page). A text file is neither."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError:
        return False
    return size >= 1024 and size % 512 == 0 and header != SQLITE_HEADER


def connect(
    path: Path, key: str | None = None, *, read_only: bool = False, timeout: float = 5.0
) -> Any:
    """A DB-API connection: sqlite3 for a plain file, SQLCipher with ``key``; a locked file is
    waited for ``timeout`` seconds. ``read_only``: nothing is written, side files included."""
    target = _read_only_uri(path) if read_only else str(path)
    if key is None:
        return sqlite3.connect(target, uri=read_only, timeout=timeout)
    if not key:
        raise WrongPassphrase("Type the passphrase: it can't be empty.")
    connection = sqlcipher.connect(target, uri=read_only, timeout=timeout)
    connection.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our message, not its log
    connection.execute(f"PRAGMA key = '{quote(key)}'")
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError:
        connection.close()
        raise WrongPassphrase(
            f"The passphrase doesn't open {path.name}. Check it (capital letters count) "
            "and try again."
        ) from None
    return connection


def _read_only_uri(path: Path) -> str:
    """Read-only. A plain house file in write-ahead-log mode that nobody has open (no log
    beside it) is read as immutable: SQLite would otherwise create its -wal and -shm beside it
    and leave them there. A writer that opens it meanwhile writes to a new log, not to the
    file, until a checkpoint (a thousand pages, or its close): a reading command's few
    seconds rarely meet one, and one that does may read a mix and say the file is damaged —
    running it again reads it whole. Any other file is read with SQLite's own locking."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        with path.open("rb") as handle:
            header = handle.read(20)
    except OSError:
        return uri
    in_wal_mode = header.startswith(SQLITE_HEADER) and header[18:20] == b"\x02\x02"
    logged = path.with_name(path.name + "-wal").exists()
    return uri + "&immutable=1" if in_wal_mode and not logged else uri


def findings(rows: list[tuple[object, ...]]) -> str:
    """SQLite's integrity check as one short line ("ok" when it found nothing): its report
    spans lines, and a message must not."""
    text = "; ".join(" ".join(str(row[0]).split()) for row in rows[:3])
    text = text.replace("*** in database main *** ", "")
    return text if len(text) <= 160 else text[:159] + "…"


def quote(key: str) -> str:
    """The passphrase inside an SQL string literal."""
    return key.replace("'", "''")


def check_passphrase(key: str) -> None:
    if len(key) < MIN_PASSPHRASE:
        raise StorageError(
            f"Choose a passphrase of at least {MIN_PASSPHRASE} characters: a few words are "
            "easier to remember and harder to guess."
        )
