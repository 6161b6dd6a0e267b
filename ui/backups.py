"""Backups from the window: Back up now (to a USB stick), Restore, Check, and the automatic
ones — when the app closes, and once a day while it runs."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QWidget,
)
from residence.clock import Clock
from residence.errors import StorageError
from residence.safety.backups import (
    KEEP_DAILY,
    KEEP_WEEKLY,
    Progress,
    default_folder,
    due_today,
    integrity,
    made_on,
    make_backup,
    thin,
    verify,
)
from residence.safety.encryption import looks_encrypted

log = logging.getLogger("residence")


def automatic_backup(
    database: Path, key: str | None, clock: Clock, *, only_if_due: bool, thin_old: bool = True
) -> Path | None:
    """The daily (or closing) backup beside the house file, then the old ones thinned.
    Never raises: a failed automatic backup is logged and tried again next time."""
    folder = default_folder(database)
    try:
        folder.mkdir(mode=0o700, exist_ok=True)  # backups: for the owner only
        if only_if_due and not due_today(folder, database, clock.today()):
            return None
        made = make_backup(database, folder, clock.now(), key=key)
        if thin_old:
            daily, weekly = kept_counts()
            thin(folder, database, daily, weekly)
    except (StorageError, OSError) as error:
        log.warning("Automatic backup failed: %s", error)
        return None
    log.info("Automatic backup made")
    return made


def kept_counts() -> tuple[int, int]:
    """How many daily and weekly backups to keep (Settings; 14 and 8 unless changed)."""
    settings = QSettings()
    daily = int(str(settings.value("backups/daily", KEEP_DAILY)))
    weekly = int(str(settings.value("backups/weekly", KEEP_WEEKLY)))
    return max(1, daily), max(0, weekly)


def set_kept_counts(daily: int, weekly: int) -> None:
    settings = QSettings()
    settings.setValue("backups/daily", daily)
    settings.setValue("backups/weekly", weekly)


def back_up_now(
    parent: QWidget, database: Path, clock: Clock, key: str | None = None
) -> Path | None:
    """Ask for a folder (a USB stick, say) and back up there, showing the progress."""
    folder = QFileDialog.getExistingDirectory(
        parent, parent.tr("Back up to which folder?"), str(default_folder(database))
    )
    if not folder:
        return None
    try:
        with showing_progress(parent, parent.tr("Backing up…")) as step:
            made = make_backup(database, Path(folder), clock.now(), step, key=key)
    except StorageError as error:
        QMessageBox.warning(parent, parent.tr("Not backed up"), str(error))
        return None
    text = parent.tr("The house is backed up in\n{path}").format(path=made)
    QMessageBox.information(parent, parent.tr("Backed up"), text)
    return made


@contextmanager
def showing_progress(parent: QWidget | None, label: str) -> Iterator[Progress]:
    """A progress dialog for long work done on this thread; ``step(done, total)`` moves it,
    and a total of 0 makes it a busy bar for work that can't count its steps."""
    dialog = QProgressDialog(label, "", 0, 100, parent)
    dialog.setWindowModality(
        Qt.WindowModality.WindowModal if parent else Qt.WindowModality.ApplicationModal
    )
    dialog.setCancelButton(None)
    dialog.setMinimumWidth(dialog.fontMetrics().horizontalAdvance(label) + 60)  # the whole label
    dialog.setMinimumDuration(300)
    dialog.setAutoReset(False)  # closed when the work is done, not when the bar is full
    dialog.setAutoClose(False)

    def step(done: int, total: int) -> None:
        if total == 0:
            dialog.setRange(0, 0)
            dialog.show()  # the work that follows blocks: show the bar now
        else:
            dialog.setRange(0, 100)
            dialog.setValue(int(100 * done / total))
        QApplication.processEvents()

    try:
        yield step
    finally:
        dialog.close()


def choose_restore(
    parent: QWidget, database: Path, key: str | None = None
) -> tuple[Path, str | None] | None:
    """The backup to restore and its passphrase, checked before anything changes; None when
    the manager stops. An encrypted backup made under another passphrase asks for it."""
    name, _ = QFileDialog.getOpenFileName(
        parent,
        parent.tr("Restore from which backup?"),
        str(default_folder(database)),
        parent.tr("Residence backups (*.sqlite3)"),
    )
    if not name:
        return None
    backup = Path(name)
    key = key if looks_encrypted(backup) else None
    while True:
        try:
            verify(backup, key)
            break
        except StorageError as error:
            if not looks_encrypted(backup):
                QMessageBox.warning(parent, parent.tr("Can't restore this file"), str(error))
                return None
            text, ok = QInputDialog.getText(
                parent,
                parent.tr("Passphrase of the backup"),
                parent.tr("{name} is encrypted. Its passphrase:").format(name=backup.name),
                QLineEdit.EchoMode.Password,
            )
            if not ok:
                return None
            key = text
    when = made_on(backup, database)
    made = when.strftime("%d %b %Y, %H:%M") if when else backup.name
    answer = QMessageBox.question(
        parent,
        parent.tr("Restore this backup?"),
        parent.tr(
            "The house will be as it was on {made}. Anything entered since then is not in "
            "this backup; the file as it is now is kept aside, not deleted.\n\n"
            "Residence reopens the house after the restore."
        ).format(made=made),
    )
    return (backup, key) if answer == QMessageBox.StandardButton.Yes else None


def check_now(parent: QWidget, database: Path, key: str | None = None) -> str:
    result = integrity(database, key)
    if result == "ok":
        QMessageBox.information(
            parent, parent.tr("Check"), parent.tr("The house file is sound: nothing damaged.")
        )
    else:
        QMessageBox.warning(
            parent,
            parent.tr("Check"),
            parent.tr(
                "The house file is damaged ({what}). Restore the newest backup (File menu); the "
                "damaged file will be kept aside."
            ).format(what=result),
        )
    return result
