"""Windows that open at a size the screen can hold, and at the size the manager last gave them."""

from __future__ import annotations

from PySide6.QtCore import QSettings, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

MARGIN = 0.95  # of the screen's free area: its edges stay in sight


def open_at(window: QWidget, width: int, height: int) -> None:
    """Size ``window`` as it was last closed (per kind of window), else ``width`` × ``height``,
    never beyond the screen; it remembers its size when it closes."""
    key = f"sizes/{type(window).__name__}"
    remembered = QSettings().value(key)
    size = remembered if isinstance(remembered, QSize) else QSize(width, height)
    window.resize(within_screen(window, size))
    finished = getattr(window, "finished", None)
    if finished is not None:
        finished.connect(lambda _result: QSettings().setValue(key, window.size()))


def within_screen(window: QWidget, size: QSize) -> QSize:
    free = (window.screen() or QGuiApplication.primaryScreen()).availableGeometry()
    return size.boundedTo(QSize(int(free.width() * MARGIN), int(free.height() * MARGIN)))
