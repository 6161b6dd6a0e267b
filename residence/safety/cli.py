"""``residence backup``, ``restore`` and ``check``: keeping the house file safe."""

from __future__ import annotations

from argparse import Namespace
from pathlib import Path
from typing import TYPE_CHECKING

from residence import command_line as cl
from residence.db.cipher import looks_encrypted
from residence.db.server import Server
from residence.errors import ResidenceError

if TYPE_CHECKING:
    from residence.safety.audit import Difference


def add_commands(commands: cl.Commands) -> None:
    backup = commands.add("backup", _backup, "back up the house file now")
    backup.add_argument(
        "--to", type=Path, metavar="FOLDER", help="where (default: the backups folder beside it)"
    )
    backup.add_argument(
        "--create",
        action="store_true",
        help="make the --to folder if it isn't there (not its parents)",
    )
    restore = commands.add(
        "restore", _restore, "put a backup in place (on a server: into an empty database)"
    )
    restore.add_argument("backup", type=Path, metavar="BACKUP")
    commands.add("check", _check, "check the house file's integrity")


def _backup(args: Namespace) -> int:
    from residence.safety.backups import default_folder, make_backup

    if isinstance(cl.location(args), Server):
        return _dump(args)
    path = cl.db_path(args)
    cl.open_house_database(
        args, choose_house=False
    ).close()  # the same checks (and upgrade) as for any command
    if args.create and not args.to:
        raise ResidenceError("--create makes the --to folder: give --to FOLDER too.")
    folder = args.to if args.to else default_folder(path)
    if args.to and not folder.exists() and _on_a_drive(folder):
        raise ResidenceError(
            f"{folder} isn't there: it would be a drive's own folder. Plug in the drive, or "
            "choose a folder on it."
        )
    _backup_folder(folder, args, beside=not args.to)
    print(make_backup(path, folder, args.clock.now(), key=cl.passphrase(args)))
    return 0


def _backup_folder(folder: Path, args: Namespace, *, beside: bool) -> None:
    if beside or args.create:
        _make_folder(folder)
    elif not folder.exists() and folder.parent.is_dir():
        raise ResidenceError(
            f"The backup folder {folder} doesn't exist. Check its name, or add --create to make it."
        )


def _dump(args: Namespace) -> int:
    """A server's backup: a checked pg_dump into --to (a server has no folder beside it)."""
    from residence.db.server_backup import dump

    if not args.to:
        raise ResidenceError("A backup of a server goes into a folder: give --to FOLDER.")
    if args.create and not args.to.exists() and _on_a_drive(args.to):
        raise ResidenceError(f"{args.to} isn't there: plug in the drive, or choose a folder.")
    _backup_folder(args.to, args, beside=False)
    database = cl.open_house_database(
        args, read_only=True, choose_house=False
    )  # the checks, and a password
    database.close()
    server = database.location
    assert isinstance(server, Server)
    print(dump(server, args.to, args.clock.now()))
    return 0


def _on_a_drive(folder: Path) -> bool:
    """Is ``folder`` where a removable drive appears (/media/USER/STICK, /Volumes/STICK…)?
    Made on the computer instead, it would take the backup away from the drive."""
    parent = folder.absolute().parent
    drives = {Path("/media"), Path("/mnt"), Path("/Volumes"), Path("/run/media")}
    return parent in drives or parent.parent in drives


def _make_folder(folder: Path) -> None:
    """The folder itself, never its parents: a missing parent is a drive not plugged in."""
    try:
        folder.mkdir(mode=0o700, exist_ok=True)  # backups: for the owner only
    except FileNotFoundError:
        raise ResidenceError(
            f"Can't make {folder}: {folder.parent} isn't there. Plug in the drive, or choose "
            "another folder."
        ) from None
    except OSError as error:
        raise ResidenceError(f"Can't make {folder}: {error.strerror}.") from None


def _restore(args: Namespace) -> int:
    from residence.safety.backups import lowers_protection, restore
    from residence.safety.lock import HouseLock

    if isinstance(where := cl.location(args), Server):
        return _restore_on_server(args, where)
    path = cl.db_path(args)
    # The restored house takes the backup's passphrase, whatever the file there had.
    key = cl.secret(f"Passphrase of {args.backup.name}: ") if looks_encrypted(args.backup) else None
    # ...but a plain backup over an encrypted house is encrypted with the house's passphrase.
    house_key = cl.secret(f"Passphrase of {path.name}: ") if lowers_protection(path, key) else None
    with HouseLock(path, args.clock):
        done = restore(args.backup, path, args.clock.now(), key=key, house_key=house_key)
    print(f"Restored {done.backup.name}; the file as it was is kept as {done.kept_aside}.")
    return 0


def _restore_on_server(args: Namespace, server: Server) -> int:
    """A dump goes back into a new, empty database, never over a house: the house there now
    stays as it is until the administrator drops it."""
    from residence.db import server_backup

    server.check_encrypted()  # before a byte of the dump crosses the network
    reached, held = cl.on_server(server, lambda s: (s, server_backup.holds_tables(s)))
    if held:
        raise ResidenceError(
            f"{server} isn't empty: a backup is restored only into a new, empty database "
            "(ask the administrator to create one), so that the house there now is kept. "
            "Nothing was changed."
        )
    server_backup.restore(args.backup, reached)
    print(f"Restored {args.backup.name} into {server}.")
    return _check(args)


def _check(args: Namespace) -> int:
    from residence.safety.audit import AuditTrail
    from residence.safety.backups import integrity

    database = cl.open_house_database(args, read_only=True, choose_house=False)  # byte for byte
    try:
        if not database.sees_every_house():
            raise ResidenceError(
                f"Your role sees only some of the houses in {database}: `check` holds the "
                "whole database to its trail, so an operator or the administrator runs it."
            )
        trail = AuditTrail(database)
        broken, missing = trail.verify(), trail.missing_safeguards()
        differ = trail.differences() if not broken else []
    finally:
        database.close()
    where = database.location
    if isinstance(where, Path):  # a server checks its own pages
        result = integrity(where, cl.passphrase(args))
        if result != "ok":
            raise ResidenceError(f"{where} is damaged ({result}): restore a backup.")
    if broken:
        raise ResidenceError(f"The audit trail was tampered with: {broken}.")
    if missing:
        raise ResidenceError(
            f"The house's safeguards were removed ({', '.join(missing)}): its records may have "
            "been changed outside Residence. Restore a backup you trust."
        )
    if differ:
        raise ResidenceError(_differ(differ))
    pages = "integrity ok; " if isinstance(where, Path) else ""
    print(f"{where}: {pages}audit trail intact; every record is what the trail says.")
    return 0


def _differ(found: list[Difference]) -> str:
    shown = "; ".join(d.describe() for d in found[:5])
    more = f" (and {len(found) - 5} more)" if len(found) > 5 else ""
    return (
        f"{len(found)} {'record differs' if len(found) == 1 else 'records differ'} from the "
        f"audit trail: "
        f"{shown}{more}. Restore a backup you trust (residence restore), or open the audit "
        "trail to see what the app last wrote."
    )
