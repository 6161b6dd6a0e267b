"""Writing a file the user asked for (a report's PDF, an export) without harming anything.

The app never writes over its own files — a house, its side files (``-wal``, ``-shm``, the
lock, the audit anchor), a backup or a copy kept aside — whatever name it is given: a PDF
written over a live write-ahead log loses the house. An existing file of the user's is
replaced only when they said so (``--force``, or yes to the save dialog's question), and then
whole or not at all: written aside, synced, renamed over, the folder synced, so a power cut
leaves the old file or the new one, never half of each. What it writes is for its owner only.
"""

from __future__ import annotations

from pathlib import Path

from residence.db.cipher import SQLITE_HEADER, looks_encrypted
from residence.errors import ResidenceError
from residence.files import write_whole

# The side files a house has beside it (SQLite's and the app's own), by how their names end.
SIDE_FILES = (
    "-wal",
    "-shm",
    "-journal",
    ".audit-head",
    ".lock",
    ".in-use",
    ".partial",
    ".restoring",
)
WAL_MAGIC = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")
DOCUMENTS = (b"%PDF", b"\xef\xbb\xbf", b"PK")  # a PDF, a UTF-8 text or CSV, an office file


class ExportError(ResidenceError):
    """The file can't be written where asked; the message says what to do instead."""


def export(
    path: Path, data: bytes, *, replace: bool = False, instead: str = "add --force to replace it"
) -> None:
    """Write ``data`` to ``path``, whole and owner-only; refuse the app's own files, and an
    existing file unless ``replace`` (``instead`` says what the user can do then)."""
    if (why := refusal(path, replace=replace, instead=instead)) is not None:
        raise ExportError(why)
    try:
        write_whole(path, data)
    except OSError as error:
        raise ExportError(f"Can't write {path}: {error.strerror or error}.") from None


def refusal(
    path: Path, *, replace: bool = False, instead: str = "add --force to replace it"
) -> str | None:
    """Why ``path`` must not be written, or None."""
    if path.is_dir():
        return f"{path} is a folder: give the file's name too."
    if is_house_file(path):
        return (
            f"{path.name} is one of the house's own files (its database, a side file or a "
            "backup): choose another name."
        )
    if path.exists() and not replace:
        return f"{path} already exists: {instead}, or choose another name."
    return None


def is_house_file(path: Path) -> bool:
    """A database (plain or encrypted), its side files, or what looks like one of them."""
    if path.name.endswith(SIDE_FILES):
        return True
    try:
        with path.open("rb") as handle:
            start = handle.read(len(SQLITE_HEADER))
    except OSError:
        return False  # not there (or not readable): nothing of ours to lose
    if start.startswith(SQLITE_HEADER) or start[:4] in WAL_MAGIC:
        return True
    return looks_encrypted(path) and not start.startswith(DOCUMENTS)
