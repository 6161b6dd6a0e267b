"""The window's figures, in this process: opening each page after a change, and a keystroke
in the residents search."""

from __future__ import annotations

import gc
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QSettings
from PySide6.QtWidgets import QApplication
from residence.workspace import Workspace

from bench.measures import EVERYTHING, median_ms

# The rows each page shows, read raw: the floor beside the page's figure.
PAGE_ROWS = {
    "Home": "SELECT * FROM stay JOIN person ON person.id = stay.person_id "
    "WHERE stay.move_out IS NULL",
    "Residents": "SELECT * FROM stay JOIN person ON person.id = stay.person_id "
    "WHERE stay.move_out IS NULL",
    "Chores": "SELECT * FROM chore_assignment WHERE week_id = (SELECT max(id) FROM chore_week)",
    "Meetings": "SELECT * FROM meeting ORDER BY day DESC LIMIT 7",
    "Mentors": "SELECT * FROM mentorship",
    "Consents": "SELECT * FROM consent JOIN person ON person.id = consent.person_id",
    "Settings": "SELECT * FROM house",
}


def window_on(workspace: Workspace, settings: Path) -> object:
    """The main window on the house, its settings (page, size) kept in ``settings``, not in
    the manager's own."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication([])
    QCoreApplication.setOrganizationName("Residence benchmark")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(settings))
    from ui.events import AppEvents
    from ui.main_window import MainWindow

    window = MainWindow(workspace, AppEvents(), "benchmark")
    window.resize(1180, 760)
    window.show()
    app.processEvents()
    return window


def page_open(window: object, row: int, runs: int) -> float:
    """Opening a page after something changed (so it reads its rows afresh), until painted:
    the events that follow include the window's paint."""
    nav, events = window.nav, window.events  # type: ignore[attr-defined]
    elsewhere = 0 if row != 0 else nav.count() - 1

    def leave() -> None:
        nav.setCurrentRow(elsewhere)
        events.data_changed.emit(EVERYTHING)
        QApplication.processEvents()

    def open_it() -> None:
        nav.setCurrentRow(row)
        QApplication.processEvents()

    return median_ms(open_it, runs, leave)


def search_keystroke(window: object, runs: int) -> float:
    """One more letter in the residents search, until the table shows the matches."""
    nav = window.nav  # type: ignore[attr-defined]
    nav.setCurrentRow(1)
    search = window.residents.search  # type: ignore[attr-defined]
    status = window.residents.status  # type: ignore[attr-defined]
    status.setCurrentIndex(status.count() - 1)  # everyone, former residents too
    QApplication.processEvents()
    letters = iter("aeioun" * (runs + 1))

    def clear() -> None:
        search.setText("")
        QApplication.processEvents()

    def type_one() -> None:
        search.insert(next(letters))
        QApplication.processEvents()

    return median_ms(type_one, runs, clear)


def page_names(window: object) -> list[str]:
    nav = window.nav  # type: ignore[attr-defined]
    return [nav.item(row).text() for row in range(nav.count())]


def close_window(window: object) -> None:
    """Closed and deleted now, while the house is open: left to the interpreter's exit, Qt's
    and Python's clean-ups can run in the wrong order and crash on the way out."""
    window.close()  # type: ignore[attr-defined]
    window.deleteLater()  # type: ignore[attr-defined]
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    gc.collect()
