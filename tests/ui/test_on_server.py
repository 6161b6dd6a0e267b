"""The window on a house kept on a PostgreSQL server: what only a file has (backups, restore,
a passphrase, the lock file) isn't offered, and everything else works as on a file."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QGroupBox, QInputDialog, QLabel, QMenu, QMessageBox
from pytestqt.qtbot import QtBot
from residence.residents.records import Admission, PersonDetails
from residence.workspace import Server, Workspace, open_workspace
from ui.app import _open_on_server
from ui.dialogs.first_run import FirstRunDialog
from ui.events import AppEvents
from ui.main_window import RESIDENTS, SETTINGS, MainWindow

from tests.conftest import TODAY, clock_on
from tests.postgres import TestServer
from tests.ui.typing import type_text


@pytest.fixture
def server_house(postgres: TestServer) -> Iterator[Server]:
    name = postgres.new_database()
    yield postgres.address(name)
    postgres.drop(name)


@pytest.fixture
def on_server(server_house: Server) -> Iterator[Workspace]:
    workspace = open_workspace(server_house, clock=clock_on())
    yield workspace
    workspace.close()


def _menu_texts(window: MainWindow) -> list[str]:
    file_menu = window.menuBar().actions()[0].menu()
    assert isinstance(file_menu, QMenu)
    return [action.text().replace("&", "") for action in file_menu.actions()]


def _window_on_a_new_house(
    qtbot: QtBot, on_server: Workspace, events: AppEvents, server_house: Server
) -> MainWindow:
    """The window on the server's house, just set up as the first start does."""
    first_run = FirstRunDialog(on_server, events)
    first_run.name.setText("Harbor House")
    first_run.submit()
    window = MainWindow(on_server, events, str(server_house))
    qtbot.addWidget(window)
    return window


def test_first_start_on_a_server_asks_no_passphrase_and_sets_up_the_house(
    qtbot: QtBot, on_server: Workspace, events: AppEvents
) -> None:
    dialog = FirstRunDialog(on_server, events)
    qtbot.addWidget(dialog)
    assert not dialog.passphrase.isVisibleTo(dialog)
    assert "Passphrase" not in [label.text() for label in dialog.findChildren(QLabel)]
    type_text(dialog.name, "Harbor House")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert on_server.house.settings().name == "Harbor House"  # type: ignore[union-attr]
    assert dialog.chosen_passphrase() == ""


def test_the_window_on_a_server_offers_no_file_tasks(
    qtbot: QtBot, on_server: Workspace, events: AppEvents, server_house: Server
) -> None:
    window = _window_on_a_new_house(qtbot, on_server, events, server_house)
    menu = _menu_texts(window)
    assert "Export residents (CSV)…" in menu
    assert not [text for text in menu if "Back up" in text or "Restore" in text]
    window.nav.setCurrentRow(SETTINGS)
    boxes = {box.title(): box for box in window.findChildren(QGroupBox)}
    assert "Encryption" not in boxes
    said = " ".join(label.text() for label in boxes["Server"].findChildren(QLabel))
    assert str(server_house) in said
    assert "administrator" in " ".join(
        label.text()
        for label in boxes[next(t for t in boxes if "backups" in t)].findChildren(QLabel)
    )


def test_a_password_is_asked_when_the_server_wants_one(
    qtbot: QtBot, postgres: TestServer, server_house: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A role with a password: the window asks for it (never stores it), says so when it is
    wrong and asks again; Cancel opens nothing."""
    database = server_house.url.database or ""
    address = postgres.role_with_password(database, "manager_pw", "right horse battery")
    answers = iter([("wrong", True), ("right horse battery", True)])
    asked: list[str] = []

    def answer(*args: object, **kwargs: object) -> tuple[str, bool]:
        asked.append(str(args[2]))
        return next(answers)

    warnings: list[str] = []
    monkeypatch.setattr(QInputDialog, "getText", answer)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warnings.append(str(a[2])))
    workspace = _open_on_server(QApplication.instance(), address, None, clock_on())  # type: ignore[arg-type]
    assert workspace is not None
    try:
        assert workspace.house.settings() is None  # in, on the empty house
        assert len(asked) == 2 and "manager_pw@" in asked[0] and "horse" not in asked[0]
        assert "refused the password" in warnings[0]
        assert "horse" not in str(workspace.location)
    finally:
        workspace.close()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", False))
    assert _open_on_server(QApplication.instance(), address, None, clock_on()) is None  # type: ignore[arg-type]


def test_a_change_saved_at_another_desk_appears_without_a_restart(
    qtbot: QtBot, on_server: Workspace, events: AppEvents, server_house: Server
) -> None:
    window = _window_on_a_new_house(qtbot, on_server, events, server_house)
    window.show()
    window.nav.setCurrentRow(RESIDENTS)

    def listed() -> list[str]:
        proxy = window.residents.proxy
        return [proxy.index(row, 0).data() for row in range(proxy.rowCount())]

    # This window's own save: no news of it from the server.
    on_server.residents.admit(Admission(PersonDetails("Own", "Desk"), TODAY))
    qtbot.wait(300)
    assert "another desk" not in window.statusBar().currentMessage()
    elsewhere = open_workspace(server_house, clock=clock_on())
    try:
        elsewhere.residents.admit(Admission(PersonDetails("Marisol", "Elsewhere"), TODAY))
    finally:
        elsewhere.close()
    qtbot.waitUntil(lambda: "Marisol Elsewhere" in listed(), timeout=5000)
    assert "saved at another desk" in window.statusBar().currentMessage()
    window.close()
