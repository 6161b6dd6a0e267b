"""Starting the window: the application, the database, the services, the crash handler."""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from dataclasses import dataclass
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox
from residence.clock import Clock
from residence.crash_report import describe
from residence.errors import DamagedFile, HouseNeeded, ResidenceError
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
    # Which house, in a database of several: --house (RESIDENCE_HOUSE), else asked.
    house, house_before = os.environ.get("RESIDENCE_HOUSE") or None, None
    first = True  # a new house is set up only in the file the app was started on
    while True:
        ending = _run_on(app, where, house, clock, create=first)
        first = False
        if ending.next is not None:
            where, before = ending.next.location, where
            house, house_before = ending.next.house, house
        elif not ending.opened and before is not None:
            where, before = before, None  # the one chosen didn't open: back to the last one
            house = house_before
        else:
            return ending.status


@dataclass(frozen=True)
class Ending:
    """How a window's run ended: its exit status, whether the house opened at all, and the
    house to open next (File ▸ Open…)."""

    status: int
    opened: bool = True
    next: OpenOther | None = None


def _run_on(
    app: QApplication, where: Location | None, house: str | None, clock: Clock, *, create: bool
) -> Ending:
    if isinstance(where, Server):
        return _run_on_server(app, where, house, clock)
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
            return _run_house(app, where, house, clock, label, keep_backups=not demo, create=create)
        finally:
            lock.release()


def _run_on_server(app: QApplication, server: Server, house: str | None, clock: Clock) -> Ending:
    """The window on a server: the server keeps writers apart (no lock file) and its
    administrator keeps the backups, so there are none of the file's tasks to run."""
    workspace = _open_on_server(app, server, house, clock)
    if workspace is None:
        return Ending(1, opened=False)
    remember_recent(server)
    try:
        status, task = _show_window(app, workspace, str(server), keep_backups=False)
    finally:
        workspace.close()
    return Ending(status, next=task if isinstance(task, OpenOther) else None)


def _open_on_server(
    app: QApplication, server: Server, house: str | None, clock: Clock
) -> Workspace | None:
    """The workspace on ``server`` in ``house``, asking for the password when libpq found
    none (and which house, when there are several); None after saying why not."""
    address = server
    while True:
        try:
            return open_workspace(address, clock=clock, house=house)
        except HouseNeeded as several:
            if (house := _choose_house(app, several)) is None:
                return None
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
    app: QApplication,
    path: Path,
    house: str | None,
    clock: Clock,
    label: str,
    *,
    keep_backups: bool,
    create: bool,
) -> Ending:
    """Open the house and show the window; again after a task asked from the window (a
    restore, a passphrase set, changed or removed), which runs while the house is closed."""
    key: str | None = None
    shown = False
    while True:
        opened = _open(app, path, house, clock, key, create)
        create = False  # after a task, a missing file is an error, not a new house
        if opened is None:
            return Ending(1, opened=shown)
        workspace, key, house = opened
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
            return Ending(status, next=task)
        try:
            with showing_progress(None, task.doing()) as step:
                message, key = task.run(path, key, step)
        except ResidenceError as error:
            QMessageBox.warning(None, app.tr("Not done"), str(error))
            continue
        QMessageBox.information(None, "Residence", message)


def _open(
    app: QApplication, path: Path, house: str | None, clock: Clock, key: str | None, create: bool
) -> tuple[Workspace, str | None, str | None] | None:
    """The workspace in ``house``, its passphrase and the house, or None after saying why not.
    An encrypted file asks for its passphrase, a file of several houses which one; a damaged
    one offers the newest good backup."""
    while True:
        try:
            opened = open_workspace(path, clock=clock, create=create, passphrase=key, house=house)
            return opened, key, house
        except HouseNeeded as several:
            if (house := _choose_house(app, several)) is None:
                return None
        except PassphraseNeeded:
            text, ok = QInputDialog.getText(
                None,
                app.tr("Passphrase"),
                app.tr("The house file is encrypted. Passphrase:"),
                QLineEdit.EchoMode.Password,
            )
            if not ok:
                # A plain file whose first page was damaged looks encrypted too.
                why = app.tr("If this house file never had a passphrase, it is damaged.")
                if not _offer_backup(app, path, clock, why):
                    return None
                continue  # the backup is in place: open it
            key = text
        except WrongPassphrase as error:
            QMessageBox.warning(None, app.tr("Wrong passphrase"), str(error))
            key = None
        except DamagedFile as error:
            if not _offer_backup(app, path, clock, str(error), key):
                return None
        except ResidenceError as error:
            QMessageBox.critical(None, app.tr("Can't open the database"), str(error))
            return None


def _choose_house(app: QApplication, several: HouseNeeded) -> str | None:
    """Which of a database's houses to open; None if the manager cancels."""
    name, ok = QInputDialog.getItem(
        None,
        app.tr("Choose the house"),
        app.tr("This database holds several houses. Open:"),
        list(several.names),
        0,
        False,
    )
    return str(name) if ok else None


def _offer_backup(
    app: QApplication, path: Path, clock: Clock, why: str, key: str | None = None
) -> bool:
    """Offer the newest good backup of a damaged house file, and put it in place if the
    manager says so (the damaged file is kept aside); whether it was."""
    backup = newest_good(default_folder(path), path, key)
    if backup is None:
        none = app.tr("No good backup was found beside it.")
        QMessageBox.critical(None, app.tr("Can't open the database"), f"{why}\n\n{none}")
        return False
    answer = QMessageBox.question(
        None,
        app.tr("The house file is damaged"),
        app.tr(
            "{why}\n\nRestore the newest good backup, {backup}? The damaged file is kept aside, "
            "never deleted."
        ).format(why=why, backup=backup.name),
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    try:
        restore_backup(backup, path, clock.now(), key=key)
    except ResidenceError as failed:
        QMessageBox.critical(None, app.tr("Not restored"), str(failed))
        return False
    return True


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
