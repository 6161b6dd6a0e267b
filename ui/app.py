"""Starting the window: the application, the database, the services, the crash handler."""

from __future__ import annotations

import logging
import sys
import tempfile
from dataclasses import dataclass
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox
from residence.clock import Clock
from residence.crash_report import describe
from residence.errors import DamagedFile, ResidenceError
from residence.paths import log_folder
from residence.safety.backups import default_folder, newest_good
from residence.safety.backups import restore as restore_backup
from residence.safety.encryption import PassphraseNeeded, WrongPassphrase
from residence.safety.lock import HouseLock
from residence.workspace import (
    Location,
    PasswordNeeded,
    PasswordRefused,
    Server,
    Workspace,
    open_workspace,
)

from ui.backups import automatic_backup, showing_progress
from ui.dialogs.first_run import FirstRunDialog
from ui.events import AppEvents
from ui.house_tasks import HouseTask, OpenOther, SetPassphrase
from ui.main_window import MainWindow
from ui.recent import remember_recent

log = logging.getLogger("residence")


def run(database_path: Location | None, clock: Clock) -> int:
    """Open the window on ``database_path`` (a house file or a server), or on a fresh demo
    house when None; ``clock`` is the app's one clock. File ▸ Open… closes the window and
    opens the one chosen; if that can't be opened, the one before comes back."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setOrganizationName("Residence")
    app.setApplicationName("Residence")
    log_file = _start_logging()
    sys.excepthook = lambda *exc: _crash(log_file, *exc)
    where, before = database_path, None
    first = True  # a new house is set up only in the file the app was started on
    while True:
        ending = _run_on(app, where, clock, create=first)
        first = False
        if ending.next is not None:
            where, before = ending.next, where
        elif not ending.opened and before is not None:
            where, before = before, None  # the one chosen didn't open: back to the last one
        else:
            return ending.status


@dataclass(frozen=True)
class Ending:
    """How a window's run ended: its exit status, whether the house opened at all, and the
    house to open next (File ▸ Open…)."""

    status: int
    opened: bool = True
    next: Location | None = None


def _run_on(app: QApplication, where: Location | None, clock: Clock, *, create: bool) -> Ending:
    if isinstance(where, Server):
        return _run_on_server(app, where, clock)
    with tempfile.TemporaryDirectory(prefix="residence-demo-") as scratch:
        if where is None:
            from residence.demo.house import write_demo  # only for the demo: not at every start

            where = Path(scratch) / "demo.sqlite3"
            write_demo(where, clock.now())
            label = app.tr("Demo house (a temporary copy: changes are not kept)")
        else:
            label = str(where)
        lock = HouseLock(where, clock)
        try:
            lock.acquire()
        except ResidenceError as error:
            QMessageBox.critical(None, app.tr("Already open"), str(error))
            return Ending(1, opened=False)
        try:
            # The demo is a throwaway copy: no backups of it, and not among the recent houses.
            demo = where.is_relative_to(scratch)
            return _run_house(app, where, clock, label, keep_backups=not demo, create=create)
        finally:
            lock.release()


def _run_on_server(app: QApplication, server: Server, clock: Clock) -> Ending:
    """The window on a server: the server keeps writers apart (no lock file) and its
    administrator keeps the backups, so there are none of the file's tasks to run."""
    workspace = _open_on_server(app, server, clock)
    if workspace is None:
        return Ending(1, opened=False)
    remember_recent(server)
    try:
        status, task = _show_window(app, workspace, str(server), keep_backups=False)
    finally:
        workspace.close()
    return Ending(status, next=task.location if isinstance(task, OpenOther) else None)


def _open_on_server(app: QApplication, server: Server, clock: Clock) -> Workspace | None:
    """The workspace on ``server``, asking for the password when libpq found none; None after
    saying why not."""
    address = server
    while True:
        try:
            return open_workspace(address, clock=clock)
        except (PasswordNeeded, PasswordRefused) as error:
            if isinstance(error, PasswordRefused):
                # (Also when .pgpass holds a wrong one: asked here, not refused again and again.)
                QMessageBox.warning(None, app.tr("Wrong password"), str(error))
            text, ok = QInputDialog.getText(
                None,
                app.tr("Password"),
                app.tr("Password for {server}:").format(server=server),
                QLineEdit.EchoMode.Password,
            )
            if not ok:
                return None
            address = server.with_password(text)
        except ResidenceError as error:
            QMessageBox.critical(None, app.tr("Can't open the database"), str(error))
            return None


def _run_house(
    app: QApplication, path: Path, clock: Clock, label: str, *, keep_backups: bool, create: bool
) -> Ending:
    """Open the house and show the window; again after a task asked from the window (a
    restore, a passphrase set, changed or removed), which runs while the house is closed."""
    key: str | None = None
    shown = False
    while True:
        opened = _open(app, path, clock, key, create)
        create = False  # after a task, a missing file is an error, not a new house
        if opened is None:
            return Ending(1, opened=shown)
        workspace, key = opened
        shown = True
        if keep_backups:
            remember_recent(path)
        try:
            status, task = _show_window(app, workspace, label, keep_backups)
        finally:
            workspace.close()
        if keep_backups and not isinstance(task, SetPassphrase):
            # On closing, or before a task; never thinning, lest the backup to restore go, and
            # never unencrypted just before encrypting.
            automatic_backup(path, key, clock, only_if_due=False, thin_old=task is None)
        if task is None or isinstance(task, OpenOther):
            return Ending(status, next=task.location if task is not None else None)
        try:
            with showing_progress(None, task.doing()) as step:
                message, key = task.run(path, key, step)
        except ResidenceError as error:
            QMessageBox.warning(None, app.tr("Not done"), str(error))
            continue
        QMessageBox.information(None, "Residence", message)


def _open(
    app: QApplication, path: Path, clock: Clock, key: str | None, create: bool
) -> tuple[Workspace, str | None] | None:
    """The workspace and its passphrase, or None after saying why not. An encrypted file asks
    for its passphrase; a damaged one offers the newest good backup."""
    while True:
        try:
            return open_workspace(path, clock=clock, create=create, passphrase=key), key
        except PassphraseNeeded:
            text, ok = QInputDialog.getText(
                None,
                app.tr("Passphrase"),
                app.tr("The house file is encrypted. Passphrase:"),
                QLineEdit.EchoMode.Password,
            )
            if not ok:
                # A plain file whose first page was damaged looks encrypted too.
                return _offer_backup(
                    app,
                    path,
                    clock,
                    app.tr("If this house file never had a passphrase, it is damaged."),
                )
            key = text
        except WrongPassphrase as error:
            QMessageBox.warning(None, app.tr("Wrong passphrase"), str(error))
            key = None
        except DamagedFile as error:
            reopened = _offer_backup(app, path, clock, str(error), key)
            if reopened is None:
                return None
            key = reopened[1]
            reopened[0].close()
        except ResidenceError as error:
            QMessageBox.critical(None, app.tr("Can't open the database"), str(error))
            return None


def _offer_backup(
    app: QApplication, path: Path, clock: Clock, why: str, key: str | None = None
) -> tuple[Workspace, str | None] | None:
    """Offer the newest good backup of a damaged house file; the damaged file is kept aside."""
    backup = newest_good(default_folder(path), path, key)
    if backup is None:
        none = app.tr("No good backup was found beside it.")
        QMessageBox.critical(None, app.tr("Can't open the database"), f"{why}\n\n{none}")
        return None
    answer = QMessageBox.question(
        None,
        app.tr("The house file is damaged"),
        app.tr(
            "{why}\n\nRestore the newest good backup, {backup}? The damaged file is kept aside, "
            "never deleted."
        ).format(why=why, backup=backup.name),
    )
    if answer != QMessageBox.StandardButton.Yes:
        return None
    try:
        restore_backup(backup, path, clock.now(), key=key)
        return open_workspace(path, clock=clock, create=False, passphrase=key), key
    except ResidenceError as failed:
        QMessageBox.critical(None, app.tr("Not restored"), str(failed))
        return None


def _show_window(
    app: QApplication, services: Workspace, label: str, keep_backups: bool
) -> tuple[int, HouseTask | None]:
    events = AppEvents()
    if services.house.settings() is None:
        first_run = FirstRunDialog(services, events)
        if not first_run.exec():
            return 0, None
        if first_run.chosen_passphrase():  # encrypt the new file, then open it with the passphrase
            return 0, SetPassphrase(first_run.chosen_passphrase())
    window = MainWindow(services, events, label, backups=keep_backups)
    window.show()
    status = app.exec()
    return status, window.task


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
    log.error("Unexpected error:\n%s", describe(kind, error, trace))
    QMessageBox.critical(
        None,
        "Residence",
        f"Something went wrong inside Residence ({kind.__name__}). Your saved work is safe; "
        f"the last change may not have been saved.\n\nDetails are in {log_file}. "
        "Please send that file to whoever supports Residence for you.",
    )
