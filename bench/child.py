"""A new process for the cold-start and memory figures: ``bare`` (the floor: a bare PySide6
window) or ``app HOUSE`` (the real app on that house). Prints ``painted`` the moment the window
is first painted (the Home page filled in, for the app), then, after a tour of every page and a
search, ``peak <KiB>``, and exits at once."""

from __future__ import annotations

import os
import resource
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
from residence.clock import SystemClock
from residence.db.database import Location
from residence.db.server import Server, is_address


class FirstPaint(QObject):
    """Waits for the first paint of a main window, then runs ``then`` once."""

    def __init__(self, then: Callable[[], None]) -> None:
        super().__init__()
        self.then = then
        self.done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if not self.done and event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow):
            self.done = True
            QTimer.singleShot(0, self.then)  # once this paint is over
        return False


def bare() -> None:
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setCentralWidget(QLabel("Hello"))
    watcher = FirstPaint(lambda: _painted(lambda: None))
    app.installEventFilter(watcher)
    window.resize(1180, 760)
    window.show()
    app.exec()


def app(house: Location) -> None:
    from ui.app import run

    qt = QApplication(sys.argv)
    watcher = FirstPaint(lambda: _painted(_tour))
    qt.installEventFilter(watcher)
    run(house, SystemClock())


def _tour() -> None:
    """Every page, and a search: what a morning at the desk brings into memory."""
    from ui.main_window import MainWindow

    window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        QApplication.processEvents()
    window.nav.setCurrentRow(1)
    window.residents.search.setText("a")
    QApplication.processEvents()


def _painted(then: Callable[[], None]) -> None:
    print("painted", flush=True)
    then()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS
    if sys.platform == "darwin":
        peak //= 1024
    print(f"peak {peak}", flush=True)
    os._exit(0)  # no closing backup, no goodbyes: the figures are taken


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        bare()
    else:
        app(Server.parse(sys.argv[2]) if is_address(sys.argv[2]) else Path(sys.argv[2]))
