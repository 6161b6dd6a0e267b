"""One copy of the app at a time on a house file.

An operating-system lock on ``<file>.lock``: the system drops it when the process ends, however
it ends, so a crash never leaves the house locked. Beside it, who holds it, to say so."""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
from datetime import datetime
from pathlib import Path

from filelock import FileLock, Timeout

from residence.clock import Clock
from residence.errors import StorageError


class HouseLock:
    def __init__(self, database: Path, clock: Clock) -> None:
        self.database = database
        self._clock = clock
        self._lock = FileLock(
            database.with_name(database.name + ".lock"), timeout=0, mode=0o600
        )  # owner-only: it names who holds the house
        self._holder = database.with_name(database.name + ".in-use")

    def acquire(self) -> None:
        try:
            self._lock.acquire()
        except Timeout:
            raise StorageError(
                f"{self.database.name} is already open in Residence{self._who()}. Close it there "
                "first; two copies writing to one house file could undo each other's work."
            ) from None
        except OSError as error:
            raise StorageError(
                f"Can't take {self.database.name} for this copy of the app: {error.strerror}. "
                "Check that you may write to its folder."
            ) from None
        with contextlib.suppress(OSError):  # only used to name the holder in a message
            # Owner-only, like everything the app writes: it holds the user, host and pid.
            descriptor = os.open(self._holder, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(descriptor, "w", encoding="utf-8") as holder:
                holder.write(json.dumps(_me(self._clock.now())))

    def release(self) -> None:
        if self._lock.is_locked:
            self._holder.unlink(missing_ok=True)
            self._lock.release()

    def __enter__(self) -> HouseLock:
        self.acquire()
        return self

    def __exit__(self, *_: object) -> None:
        self.release()

    def _who(self) -> str:
        try:
            holder = json.loads(self._holder.read_text(encoding="utf-8"))
            since = datetime.fromisoformat(holder["since"]).strftime("%d %b %Y, %H:%M")
            return f" by {holder['user']} on {holder['host']} (since {since})"
        except (OSError, ValueError, KeyError, TypeError):
            return ""


def _me(since: datetime) -> dict[str, object]:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "another user"
    return {
        "user": user,
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "since": since.isoformat(timespec="seconds"),
    }
