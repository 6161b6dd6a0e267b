"""The lock screen of an encrypted house: nothing of the records stays visible, a wrong
passphrase says so, the right one brings everything back."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from residence.safety.backups import default_folder, make_backup, verify
from residence.safety.encryption import encrypt, looks_encrypted
from residence.workspace import open_workspace
from ui.events import AppEvents
from ui.main_window import MainWindow

from tests.conftest import clock_on
from tests.ui.typing import type_text

SECRET = "correct horse battery"


def test_locking_hides_the_records_until_the_passphrase(
    qtbot: QtBot, demo_copy: Path, events: AppEvents
) -> None:
    encrypt(demo_copy, SECRET)
    workspace = open_workspace(demo_copy, create=False, passphrase=SECRET, clock=clock_on())
    try:
        window = MainWindow(workspace, events, "house")
        qtbot.addWidget(window)
        window.show()
        dialog = QDialog(window)
        dialog.show()
        window.lock()
        assert window.screens.currentWidget() is window.lock_screen
        assert not window.pages.isVisible() and not dialog.isVisible()
        assert not window.menuBar().isEnabled()
        type_text(window.lock_screen.passphrase, "not the one")
        assert not window.lock_screen.try_unlock()
        assert window.lock_screen.message.text() == "That is not the passphrase."
        assert window.screens.currentWidget() is window.lock_screen
        type_text(window.lock_screen.passphrase, SECRET)
        assert window.lock_screen.try_unlock()
        assert window.pages.isVisible() and dialog.isVisible()
    finally:
        workspace.close()


def test_a_plain_house_never_locks(qtbot: QtBot, demo_copy: Path, events: AppEvents) -> None:
    workspace = open_workspace(demo_copy, create=False, clock=clock_on())
    try:
        window = MainWindow(workspace, events, "house")
        qtbot.addWidget(window)
        window.lock()
        assert window.screens.currentIndex() == 0
    finally:
        workspace.close()


def test_the_first_start_recommends_a_passphrase_and_checks_it(
    qtbot: QtBot, tmp_path: Path, events: AppEvents
) -> None:
    from ui.dialogs.first_run import FirstRunDialog
    from ui.house_tasks import SetPassphrase

    path = tmp_path / "new.sqlite3"
    workspace = open_workspace(path, clock=clock_on())
    try:
        dialog = FirstRunDialog(workspace, events)
        qtbot.addWidget(dialog)
        type_text(dialog.name, "Serenity House")
        type_text(dialog.passphrase, SECRET)
        type_text(dialog.again, "something else")
        dialog.save()
        assert dialog.errors.message("again") == "The two don't match."
        assert workspace.house.settings() is None  # nothing half-done
        dialog.again.clear()
        type_text(dialog.again, SECRET)
        dialog.save()
        assert dialog.chosen_passphrase() == SECRET
    finally:
        workspace.close()
    # A backup made while the house was plain, and a damaged copy kept aside by a restore.
    folder = default_folder(path)
    folder.mkdir()
    plain = make_backup(path, folder, datetime(2026, 6, 15, 9, 30))
    damaged = tmp_path / "new.before-restore-2026-06-01-120000.sqlite3"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    # What the app then does with the closed file: encrypt it, its backups and copies, and open
    # it with the passphrase.
    steps: list[tuple[int, int]] = []
    message, key = SetPassphrase(SECRET).run(path, None, lambda *step: steps.append(step))
    assert key == SECRET and "now encrypted" in message
    assert steps == [(0, 3), (1, 3), (2, 3)]
    assert looks_encrypted(plain) and verify(plain, SECRET)
    assert str(damaged) in message and not looks_encrypted(damaged)  # said, and left as it was
    reopened = open_workspace(path, create=False, passphrase=key, clock=clock_on())
    try:
        assert reopened.encrypted and reopened.house.settings() is not None
    finally:
        reopened.close()
