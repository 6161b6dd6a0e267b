"""The houses opened lately, for File ▸ Open…: file paths and server addresses, never a
password (a server's address is remembered as it is shown, without one)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from residence.workspace import Location

KEY = "recent/houses"
KEPT = 8


def recent_houses() -> list[str]:
    value = QSettings().value(KEY, [])
    if isinstance(value, str):  # QSettings gives one string for a list of one
        return [value]
    return [str(v) for v in value] if isinstance(value, list) else []


def remember_recent(where: Location) -> None:
    """Put ``where`` first in the list (str() of a server never holds its password)."""
    shown = str(where.absolute()) if isinstance(where, Path) else str(where)
    kept = [shown, *(h for h in recent_houses() if h != shown)][:KEPT]
    QSettings().setValue(KEY, kept)


def forget_recent(shown: str) -> None:
    QSettings().setValue(KEY, [h for h in recent_houses() if h != shown])
