"""Data safety from the window: Back up now to a chosen folder, Restore (the backup is checked
first, the window closes and the app restores), and the audit trail to read and check."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog
from pytestqt.qtbot import QtBot
from residence.residents.records import Admission, PersonDetails
from residence.safety.backups import make_backup, verify
from residence.workspace import Workspace, workspace_for
from ui.backups import back_up_now, showing_progress
from ui.dialogs.audit import AuditDialog
from ui.events import AppEvents
from ui.house_tasks import HouseTask, RestoreBackup
from ui.main_window import MainWindow

from tests.conftest import House
from tests.ui.reading import cell


@pytest.fixture
def ws(house: House) -> Workspace:
    workspace = workspace_for(house.db)
    workspace.residents.admit(Admission(PersonDetails("Ana", "Test"), date(2026, 6, 1)))
    return workspace


def _quiet(monkeypatch: pytest.MonkeyPatch, told: list[str]) -> None:
    def note(_parent: object, _title: str, text: str, *_a: object) -> None:
        told.append(text)

    for kind in ("information", "warning"):
        monkeypatch.setattr(f"ui.backups.QMessageBox.{kind}", note)


def test_back_up_now_to_a_chosen_folder(
    qtbot: QtBot,
    ws: Workspace,
    events: AppEvents,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = MainWindow(ws, events, "house")
    qtbot.addWidget(window)
    monkeypatch.setattr(
        "ui.backups.QFileDialog.getExistingDirectory", lambda *a, **k: str(tmp_path)
    )
    told: list[str] = []
    _quiet(monkeypatch, told)
    made = back_up_now(window, ws.file, ws.clock)
    assert made is not None and made.parent == tmp_path and verify(made)
    assert told == [f"The house is backed up in\n{made}"]


def test_restore_checks_the_backup_then_hands_it_to_the_app(
    qtbot: QtBot,
    ws: Workspace,
    events: AppEvents,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = MainWindow(ws, events, "house")
    qtbot.addWidget(window)
    told: list[str] = []
    _quiet(monkeypatch, told)
    bad = tmp_path / "residence-2026-06-01-080000.sqlite3"
    bad.write_text("not a backup")
    monkeypatch.setattr("ui.backups.QFileDialog.getOpenFileName", lambda *a, **k: (str(bad), ""))
    window.restore_backup()
    assert _task(window) is None and "not a Residence backup" in told[0]
    good = make_backup(ws.file, tmp_path, datetime(2026, 6, 14, 20, 0))
    monkeypatch.setattr("ui.backups.QFileDialog.getOpenFileName", lambda *a, **k: (str(good), ""))
    monkeypatch.setattr(
        "ui.backups.QMessageBox.question", lambda *a, **k: QMessageBox.StandardButton.Yes
    )
    window.restore_backup()
    task = _task(window)
    assert task == RestoreBackup(good, ws.clock)
    # What the app does with the task once the window is closed, showing the progress.
    ws.close()
    seen: list[int] = []
    before = set(_progress_dialogs())
    with showing_progress(None, task.doing()) as step:
        [dialog] = [d for d in _progress_dialogs() if d not in before]
        assert dialog.labelText() == f"Restoring {good.name}…"

        def watch(done: int, total: int) -> None:
            step(done, total)
            seen.append(dialog.value())

        message, _ = task.run(ws.file, None, watch)
    assert seen[-1] == 100 and "back as it was" in message


def _progress_dialogs() -> list[QProgressDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)]


def test_the_audit_trail_shows_the_changes_and_checks_them(qtbot: QtBot, ws: Workspace) -> None:
    dialog = AuditDialog(ws)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() > 0
    texts = [cell(dialog.table, r, 4).text() for r in range(dialog.table.rowCount())]
    assert any("first_name: — → Ana" in t for t in texts)
    assert dialog.verify() == ""
    assert dialog.verdict.text().startswith("The trail is intact")
    connection = sqlite3.connect(ws.file)
    connection.execute("UPDATE person SET last_name = 'Forged'")
    connection.commit()
    connection.close()
    assert "records differ from the trail: resident #" in dialog.verify()
    assert "last name changed outside the app" in dialog.verdict.text()
    assert "Forged" not in dialog.verdict.text()


def _task(window: MainWindow) -> HouseTask | None:
    """What the window asked the app to do once it closes (read afresh after each action)."""
    return window.task
