"""Setting, changing and removing a house file's passphrase (SQLCipher). The file must be
closed: the window does this between closing the house and opening it again."""

from __future__ import annotations

from glob import escape
from pathlib import Path

from residence.db import cipher
from residence.db.cipher import (
    MIN_PASSPHRASE,
    PassphraseNeeded,
    WrongPassphrase,
    looks_encrypted,
)
from residence.errors import StorageError
from residence.safety.backups import Progress, backups, default_folder

__all__ = [
    "MIN_PASSPHRASE",
    "PassphraseNeeded",
    "WrongPassphrase",
    "change",
    "decrypt",
    "encrypt",
    "encrypt_copies",
    "looks_encrypted",
    "plain_copies",
]


def encrypt(path: Path, passphrase: str) -> None:
    """Encrypt a plain house file in place with ``passphrase``."""
    cipher.check_passphrase(passphrase)
    _export(path, None, passphrase)


def plain_copies(path: Path) -> list[Path]:
    """The house's unencrypted copies: its backups beside it and the files kept aside before
    an upgrade or a restore. Encrypting the house alone would leave these readable."""
    aside = path.parent.glob(f"{escape(path.stem)}.before-*{escape(path.suffix)}")
    found = [*backups(default_folder(path), path), *aside]
    return sorted(p for p in found if p.is_file() and not looks_encrypted(p))


def encrypt_copies(
    copies: list[Path], passphrase: str, progress: Progress | None = None
) -> list[Path]:
    """Encrypt each copy in place; the ones that couldn't be (a damaged file kept aside, say),
    which stay as they were."""
    failed = []
    for done, copy in enumerate(copies):
        if progress is not None:
            progress(done, len(copies))
        try:
            _export(copy, None, passphrase)
        except StorageError:
            failed.append(copy)
    return failed


def decrypt(path: Path, passphrase: str) -> None:
    """Store the house file unencrypted again (its passphrase proves the right to)."""
    _export(path, passphrase, None)


def change(path: Path, old: str, new: str) -> None:
    cipher.check_passphrase(new)
    connection = cipher.connect(path, old)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute(f"PRAGMA rekey = '{cipher.quote(new)}'")
    except cipher.ALL_ERRORS as error:
        raise StorageError(f"The passphrase was not changed ({error}).") from None
    finally:
        connection.close()


def _export(path: Path, old: str | None, new: str | None) -> None:
    """Copy every table into a new file under ``new`` (None: plain), check it, then put it in
    place of the old one. On any failure the old file stays as it was."""
    fresh = path.with_name(path.name + ".converting")
    fresh.unlink(missing_ok=True)
    connection = cipher.DBAPI.connect(str(path))
    try:
        if old is not None:
            connection.execute(f"PRAGMA key = '{cipher.quote(old)}'")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        key = cipher.quote(new or "")
        connection.execute(f"ATTACH DATABASE '{cipher.quote(str(fresh))}' AS fresh KEY '{key}'")
        connection.execute("SELECT sqlcipher_export('fresh')")
        connection.execute("DETACH DATABASE fresh")
    except cipher.ALL_ERRORS as error:
        fresh.unlink(missing_ok=True)
        raise StorageError(f"The house file was left as it was ({error}).") from None
    finally:
        connection.close()
    check = cipher.connect(fresh, new)
    try:
        result = check.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        check.close()
    if result != "ok":
        fresh.unlink(missing_ok=True)
        raise StorageError(f"The converted file failed its check ({result}); nothing changed.")
    for extra in ("-wal", "-shm"):
        path.with_name(path.name + extra).unlink(missing_ok=True)
    fresh.replace(path)
    path.chmod(0o600)
