"""Starting the window: the application, the database, the services, the crash handler."""

from __future__ import annotations

import logging
import sys
import tempfile
import traceback
from datetime import date
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox
from residence.demo import write_demo
from residence.errors import ResidenceError
from residence.paths import log_folder
from residence.workspace import Workspace, open_workspace

from ui.dialogs.first_run import FirstRunDialog
from ui.events import AppEvents
from ui.main_window import MainWindow

log = logging.getLogger("residence")


def run(database_path: Path | None) -> int:
    """Open the window on ``database_path``, or on a fresh demo house when None."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setOrganizationName("Residence")
    app.setApplicationName("Residence")
    log_file = _start_logging()
    sys.excepthook = lambda *exc: _crash(log_file, *exc)
    with tempfile.TemporaryDirectory(prefix="residence-demo-") as scratch:
        if database_path is None:
            database_path = Path(scratch) / "demo.sqlite3"
            write_demo(database_path, date.today())
            label = app.tr("Demo house (a temporary copy: changes are not kept)")
        else:
            label = str(database_path)
        try:
            workspace = open_workspace(database_path)
        except ResidenceError as error:
            QMessageBox.critical(None, app.tr("Can't open the database"), str(error))
            return 1
        try:
            return _show_window(app, workspace, label)
        finally:
            workspace.close()


def _show_window(app: QApplication, services: Workspace, label: str) -> int:
    events = AppEvents()
    if services.house.settings() is None and not FirstRunDialog(services, events).exec():
        return 0
    window = MainWindow(services, events, label)
    window.show()
    return app.exec()


def _start_logging() -> Path:
    """Log to a file in the user's log folder; never resident names, only what happened."""
    folder = log_folder()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "residence.log"
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return path


def _crash(
    log_file: Path,
    kind: type[BaseException],
    error: BaseException,
    trace: TracebackType | None,
) -> None:
    """A bug: log it, tell the user where the details are, keep the window open."""
    if isinstance(error, ResidenceError):  # an expected error that no dialog caught
        QMessageBox.warning(None, "Residence", str(error))
        return
    log.error("Unexpected error:\n%s", "".join(traceback.format_exception(kind, error, trace)))
    QMessageBox.critical(
        None,
        "Residence",
        f"Something went wrong inside Residence ({kind.__name__}). Your saved work is safe; "
        f"the last change may not have been saved.\n\nDetails are in {log_file}. "
        "Please send that file to whoever supports Residence for you.",
    )
