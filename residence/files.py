"""Writing a file so that a power cut leaves the old one or the new one, never half of each:
written aside, synced, renamed over, and the folder synced so that the rename itself lasts."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

OWNER_ONLY = 0o600


def write_whole(path: Path, data: bytes, mode: int = OWNER_ONLY) -> None:
    """Put ``data`` at ``path`` durably, readable by ``mode`` (the owner only by default)."""
    folder = path.parent if str(path.parent) else Path()
    handle, aside = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".partial")
    try:
        with os.fdopen(handle, "wb") as file:
            os.fchmod(file.fileno(), mode)
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        Path(aside).replace(path)
    except BaseException:
        Path(aside).unlink(missing_ok=True)
        raise
    sync_folder(folder)


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` survive a power cut (where the system allows it)."""
    if not hasattr(os, "O_DIRECTORY"):  # Windows: a rename is durable once it returns
        return
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
