"""The exceptions a user may meet: each says what is wrong and what to do.

Anything else that escapes a service is a bug and goes to the crash handler.
"""

from __future__ import annotations

from collections.abc import Mapping


class ResidenceError(Exception):
    """An expected error: shown to the user as its message, never as a traceback."""

    def details(self) -> tuple[str, ...]:
        """Lines to show before the message (every bad row of a file, say)."""
        return ()


class ValidationError(ResidenceError):
    """Input refused; ``errors`` maps a field name to the message to show beside it."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__(" ".join(self.errors.values()))

    @classmethod
    def single(cls, field: str, message: str) -> ValidationError:
        return cls({field: message})


class NotFound(ResidenceError):
    """The record asked for does not exist (any more)."""


class Conflict(ResidenceError):
    """The change clashes with what is already recorded (a taken bed, an active stay)."""


class HouseNeeded(ResidenceError):
    """The database holds several houses and none was chosen; ``names`` are the choices."""

    def __init__(self, message: str, names: tuple[str, ...]) -> None:
        super().__init__(message)
        self.names = names


class StorageError(ResidenceError):
    """The database file can't be used: missing, locked, read-only, corrupt or too new."""


class DamagedFile(StorageError):
    """The house file is damaged (or not a database at all): a backup may bring it back."""
