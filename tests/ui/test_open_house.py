"""File ▸ Open…: another house file or a server, typed, chosen or picked from the recent
ones; the window closes this house and opens that one, or comes back to this one."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox
from pytestqt.qtbot import QtBot
from residence.workspace import Server, Workspace, open_workspace
from ui import app as ui_app
from ui.dialogs.open_house import OpenHouseDialog
from ui.events import AppEvents
from ui.house_tasks import OpenOther
from ui.main_window import MainWindow
from ui.recent import recent_houses, remember_recent

from tests.conftest import clock_on
from tests.ui.typing import type_text

LOCAL = "postgresql://dana@/houses?host=/run/postgresql"


@pytest.fixture
def other_house(tmp_path: Path) -> Path:
    path = tmp_path / "other.sqlite3"
    open_workspace(path, clock=clock_on()).close()
    return path


def _dialog(qtbot: QtBot, events: AppEvents, current: Path) -> OpenHouseDialog:
    dialog = OpenHouseDialog(events, None, current=current)
    qtbot.addWidget(dialog)
    return dialog


def test_the_recent_houses_are_offered_without_passwords_or_the_open_one(
    qtbot: QtBot, events: AppEvents, tmp_path: Path, other_house: Path
) -> None:
    current = tmp_path / "house.sqlite3"
    remember_recent(current)
    remember_recent(Server.parse("postgresql://dana:secret@/houses?host=/run/postgresql"))
    remember_recent(other_house)
    assert recent_houses()[:3] == [str(other_house), LOCAL, str(current)]
    dialog = _dialog(qtbot, events, current)
    listed = [dialog.recent.item(row).text() for row in range(dialog.recent.count())]
    assert listed[:2] == [str(other_house), LOCAL]
    assert str(current) not in listed and not any("secret" in shown for shown in listed)
    dialog.recent.setCurrentRow(0)
    assert dialog.where.text() == str(other_house)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.chosen == other_house


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("", "Choose a house file, or type a server's address"),
        ("gone.sqlite3", "isn't there"),
        ("postgresql://dana@db.example.org/houses", "sslmode=require"),
        ("postgresql://dana@db.example.org", "names no database"),
    ],
)
def test_what_cant_be_opened_is_said_under_the_field(
    qtbot: QtBot, events: AppEvents, tmp_path: Path, typed: str, said: str
) -> None:
    dialog = _dialog(qtbot, events, tmp_path / "house.sqlite3")
    type_text(dialog.where, typed)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert said in dialog.errors.message("where")
    assert dialog.chosen is None


def test_a_local_server_address_is_taken(qtbot: QtBot, events: AppEvents, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, events, tmp_path / "house.sqlite3")
    type_text(dialog.where, LOCAL)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert isinstance(dialog.chosen, Server) and str(dialog.chosen) == LOCAL


def test_open_closes_this_house_for_the_one_chosen(
    qtbot: QtBot,
    window: MainWindow,
    other_house: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    menu = window.menuBar().actions()[0].menu()
    assert isinstance(menu, QMenu)
    opening = next(a for a in menu.actions() if a.text() == "&Open…")
    assert opening.shortcut() == QKeySequence(QKeySequence.StandardKey.Open)
    monkeypatch.setattr(OpenHouseDialog, "exec", lambda self: self.where.setText(
        str(other_house)) or self.save() or 1)  # fmt: skip
    window.show()
    opening.trigger()
    assert window.task == OpenOther(other_house)
    assert not window.isVisible()


def test_the_app_opens_the_house_chosen_and_comes_back_when_it_cant(
    tmp_path: Path, other_house: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The loop around the window: Open another, that one opens; Open a damaged file, the
    house before it comes back."""
    first = tmp_path / "first.sqlite3"
    open_workspace(first, clock=clock_on()).close()
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"not a house at all" * 100)
    shown: list[Path | None] = []
    next_asked = iter([OpenOther(other_house), OpenOther(damaged), None])

    def show(app: object, services: Workspace, label: str, keep: bool) -> tuple[int, object]:
        shown.append(services.path)
        return 0, next(next_asked)

    monkeypatch.setattr(ui_app, "_show_window", show)
    monkeypatch.setattr(ui_app, "automatic_backup", lambda *a, **k: None)
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: None)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.No)
    assert ui_app.run(first, clock_on()) == 0
    assert shown == [first, other_house, other_house]
    assert recent_houses()[:2] == [str(other_house), str(first)]
