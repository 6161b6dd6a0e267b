"""Backups with SQLite's online backup API: made while the app runs, checked before they are
kept or restored, thinned to the last days and weeks. A file is never overwritten."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from glob import escape
from pathlib import Path
from typing import Any

from residence.db import cipher, schema
from residence.db.audit import anchor_file, remember_head
from residence.errors import StorageError
from residence.files import sync_folder, write_whole

SUFFIX = ".sqlite3"
STAMP = "%Y-%m-%d-%H%M%S"  # in every backup's name, after the house file's own name
KEEP_DAILY = 14
KEEP_WEEKLY = 8
Progress = Callable[[int, int], None]  # (pages done, pages in all)


@dataclass(frozen=True)
class Restored:
    backup: Path
    kept_aside: Path  # the file as it was before the restore
    revision: str


def default_folder(database: Path) -> Path:
    return database.parent / "backups"


def backup_name(database: Path, at: datetime) -> str:
    """“residence-2026-06-15-093000.sqlite3”: the house's own name, so that two houses in one
    folder never mix (or thin away) each other's backups."""
    return f"{database.stem}-{at:{STAMP}}{SUFFIX}"


def make_backup(
    database: Path,
    folder: Path,
    at: datetime,
    progress: Progress | None = None,
    key: str | None = None,
) -> Path:
    """A checked copy of ``database`` in ``folder``; the path of the new backup. The backup of
    an encrypted house (``key``) is encrypted with the same passphrase."""
    if not folder.is_dir():
        raise StorageError(
            f"The backup folder {folder} isn't there. Plug in the drive or choose another folder."
        )
    target = _free_name(folder / backup_name(database, at))
    partial = target.with_name(target.name + ".partial")
    try:
        _copy(database, partial, progress, key)
        verify(partial, key)
        partial.replace(target)
        target.chmod(0o600)
        sync_folder(folder)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise StorageError(_why_not(folder, error.strerror or str(error))) from None
    except cipher.ALL_ERRORS as error:
        partial.unlink(missing_ok=True)
        raise StorageError(_why_not(folder, str(error))) from None
    except StorageError:
        partial.unlink(missing_ok=True)
        raise
    return target


def verify(path: Path, key: str | None = None) -> str:
    """The schema revision of a good backup; StorageError says what is wrong with a bad one."""
    try:
        with path.open("rb") as handle:
            header = handle.read(16)
    except OSError as error:
        raise StorageError(f"Can't read {path.name}: {error.strerror}.") from None
    if header != cipher.SQLITE_HEADER and key is None:
        raise StorageError(f"{path.name} is not a Residence backup (or it is damaged).")
    try:
        connection = cipher.connect(path, key, read_only=True)
        try:
            result = connection.execute("PRAGMA integrity_check").fetchone()[0]
            if result != "ok":
                raise StorageError(f"{path.name} is damaged ({result}); choose another backup.")
            tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
            if "alembic_version" not in tables:
                raise StorageError(f"{path.name} is another program's database, not a backup.")
            revision = str(
                connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
            )
        finally:
            connection.close()
    except cipher.WrongPassphrase:
        raise StorageError(
            f"{path.name} isn't a backup of this house, or was made under another passphrase."
        ) from None
    except cipher.ALL_ERRORS as error:
        raise StorageError(f"{path.name} can't be read as a backup ({error}).") from None
    if revision not in schema.known_revisions():
        raise StorageError(
            f"{path.name} comes from a newer version of Residence: install it to restore this."
        )
    return revision


def integrity(database: Path, key: str | None = None) -> str:
    """The full integrity check: "ok", or what SQLite found wrong."""
    try:
        connection = cipher.connect(database, key, read_only=True)
        try:
            rows = connection.execute("PRAGMA integrity_check").fetchall()
        finally:
            connection.close()
    except (*cipher.ALL_ERRORS, StorageError) as error:
        return str(error)
    return cipher.findings(rows)


def backups(folder: Path, database: Path) -> list[Path]:
    """This house's backups in ``folder``, newest first."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.glob(f"{escape(database.stem)}-*{SUFFIX}") if made_on(p, database)]
    return sorted(found, key=lambda p: (made_on(p, database), p.name), reverse=True)


def newest_good(folder: Path, database: Path, key: str | None = None) -> Path | None:
    for path in backups(folder, database):
        try:
            verify(path, key)
        except StorageError:
            continue
        return path
    return None


def made_on(path: Path, database: Path) -> datetime | None:
    """When the backup of ``database`` at ``path`` was made; None for any other file."""
    prefix = f"{database.stem}-"
    if not path.name.startswith(prefix) or not path.name.endswith(SUFFIX):
        return None
    stamp = path.name[len(prefix) : -len(SUFFIX)]
    extra = stamp[17:]  # "-2" for a second backup in the same second
    if extra and not (extra.startswith("-") and extra[1:].isdigit()):
        return None
    try:
        return datetime.strptime(stamp[:17], STAMP)
    except ValueError:
        return None


def due_today(folder: Path, database: Path, today: date) -> bool:
    """No backup of this house yet today: the once-a-day backup is due."""
    return not any(
        (made_on(p, database) or datetime.min).date() == today for p in backups(folder, database)
    )


def thin(
    folder: Path, database: Path, daily: int = KEEP_DAILY, weekly: int = KEEP_WEEKLY
) -> list[Path]:
    """Keep the newest backup of each of the last ``daily`` days that have one, then the newest
    of each of the ``weekly`` weeks before them; delete the rest. Returns what was deleted."""
    days: set[date] = set()
    weeks: set[tuple[int, int]] = set()  # weeks with a kept backup, daily or weekly
    weekly_kept = 0
    deleted = []
    for path in backups(folder, database):
        when = made_on(path, database)
        if when is None:
            continue  # not named by this app: not ours to delete
        day, week = when.date(), tuple(when.isocalendar()[:2])
        if day not in days and len(days) < daily:
            days.add(day)
            weeks.add(week)  # type: ignore[arg-type]
            continue
        if day not in days and week not in weeks and weekly_kept < weekly:
            weeks.add(week)  # type: ignore[arg-type]
            weekly_kept += 1
            continue
        path.unlink(missing_ok=True)
        deleted.append(path)
    return deleted


def lowers_protection(database: Path, backup_key: str | None) -> bool:
    """Would restoring a backup (with ``backup_key``, None: a plain one) over ``database``
    leave an encrypted house readable? Then the house's passphrase is needed to restore it."""
    return backup_key is None and database.exists() and cipher.looks_encrypted(database)


def restore(
    backup: Path,
    database: Path,
    at: datetime,
    progress: Progress | None = None,
    key: str | None = None,
    house_key: str | None = None,
) -> Restored:
    """Put ``backup`` in place of ``database``, after checking it. The backup is copied into a
    new file first, which only then takes the house file's place: whatever happens, the house
    file is either as it was or restored. The old one is kept aside, never deleted. ``key`` is
    the backup's passphrase (the restored house has it too). A restore never lowers the
    protection: a plain backup restored over an encrypted house is encrypted with the house's
    passphrase (``house_key``) before it takes its place. The caller holds the house lock."""
    if database.exists() and backup.resolve() == database.resolve():
        raise StorageError("That is the house file itself, not a backup: choose a backup.")
    lowering = lowers_protection(database, key)
    if lowering and not house_key:
        raise StorageError(
            "The house is encrypted and this backup is not: give the house's passphrase, and "
            "the restored house is encrypted with it."
        )
    revision = verify(backup, key)
    stamp = f"{at:{STAMP}}"
    aside = _free_name(
        database.with_name(f"{database.stem}.before-restore-{stamp}{database.suffix}")
    )
    fresh = database.with_name(database.name + ".restoring")
    try:
        fresh.unlink(missing_ok=True)
        fresh.touch(mode=0o600)
        source = cipher.connect(backup, key, read_only=True)
        target = cipher.connect(fresh, key)
        try:
            _backup(source, target, progress)
        finally:
            source.close()
            target.close()
        fresh.chmod(0o600)
        if lowering and house_key:
            from residence.safety.encryption import encrypt  # it builds on this module

            encrypt(fresh, house_key)
            key = house_key
        if database.exists():
            _fold_in_log(database, key)  # so that the house without its log is still whole
            # As it is, byte for byte (even damaged or unreadable), with its write-ahead log.
            _keep(database, aside)
            wal = database.with_name(database.name + "-wal")
            if wal.exists():
                _keep(wal, aside.with_name(aside.name + "-wal"))
        # The old log must not replay onto the backup, and the old anchor must not outlive the
        # old trail: both go, for good, before the restored file takes the house's name.
        for extra in ("-wal", "-shm"):
            database.with_name(database.name + extra).unlink(missing_ok=True)
        anchor_file(database).unlink(missing_ok=True)
        sync_folder(database.parent)
        fresh.replace(database)
        sync_folder(database.parent)  # the restored file is the house, even after a power cut
        _reanchor(database, key)
    except (OSError, *cipher.ALL_ERRORS) as error:
        fresh.unlink(missing_ok=True)
        raise StorageError(
            f"The restore didn't finish ({error}); the house file is as it was."
        ) from None
    except StorageError:  # the restored copy couldn't be encrypted: the house stays as it was
        fresh.unlink(missing_ok=True)
        raise
    return Restored(backup, aside, revision)


def _fold_in_log(database: Path, key: str | None) -> None:
    """Copy the write-ahead log's commits into the house file itself, where it can be read;
    a house that can't be opened (damaged) keeps its log beside the copy kept aside."""
    try:
        connection = cipher.connect(database, key)
        try:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            connection.close()
    except (*cipher.ALL_ERRORS, StorageError):
        pass


def _reanchor(database: Path, key: str | None) -> None:
    """The restored trail ends where the backup's did: that is its newest entry now."""
    anchor_file(database).unlink(missing_ok=True)
    connection = cipher.connect(database, key, read_only=True)
    try:
        newest = connection.execute(
            "SELECT id, hash FROM audit_entry ORDER BY id DESC LIMIT 1"
        ).fetchone()
    except cipher.ALL_ERRORS:
        newest = None  # a backup from before the audit trail
    finally:
        connection.close()
    remember_head(database, (int(newest[0]), str(newest[1])) if newest else None)


def _keep(path: Path, copy: Path) -> None:
    write_whole(copy, path.read_bytes())  # owner-only, and synced before the house is replaced


def _copy(database: Path, target: Path, progress: Progress | None, key: str | None) -> None:
    source = cipher.connect(database, key, read_only=True)
    try:
        destination = cipher.connect(target, key)
        try:
            _backup(source, destination, progress)
        finally:
            destination.close()
    finally:
        source.close()


def _backup(source: Any, target: Any, progress: Progress | None) -> None:
    def report(_status: int, remaining: int, total: int) -> None:
        if progress is not None:
            progress(total - remaining, total)

    # A few hundred pages at a time: the app stays responsive and sees the progress.
    source.backup(target, pages=512, progress=report)
    target.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file


def _free_name(path: Path) -> Path:
    number = 1
    candidate = path
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
    return candidate


def _why_not(folder: Path, reason: str) -> str:
    text = reason.lower()
    if "space" in text or "full" in text:
        return f"The backup drive is full ({folder}). Free some space or choose another folder."
    if "read-only" in text or "permission" in text or "readonly" in text:
        return f"Can't write in {folder}: choose a folder you may write to."
    return f"The backup to {folder} failed ({reason}); the house file is unchanged."
