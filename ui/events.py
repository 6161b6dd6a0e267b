"""The one app-wide signal: data changed. Pages listen and reload what concerns them."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class AppEvents(QObject):
    data_changed = Signal(object)  # carries a residence.changes.Changes
