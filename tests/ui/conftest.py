"""Qt fixtures: a test-only application identity, settings in a temporary folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from residence.workspace import Workspace, workspace_for
from ui.events import AppEvents
from ui.main_window import MainWindow

from tests.conftest import House


@pytest.fixture(scope="session")
def qapp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[QApplication]:
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    # Never touch the real user's settings.
    app.setOrganizationName("ResidenceTests")
    app.setApplicationName("ResidenceTests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    settings_dir = tmp_path_factory.mktemp("settings")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(settings_dir))
    yield app


@pytest.fixture(autouse=True)
def fresh_window_settings(qapp: QApplication) -> None:
    """Every window starts on Home, not on the page an earlier test's window closed on, and
    every dialog at its own size."""
    QSettings().remove("window")
    QSettings().remove("sizes")


@pytest.fixture
def workspace(house: House) -> Workspace:
    return workspace_for(house.db)


@pytest.fixture
def events() -> AppEvents:
    return AppEvents()


@pytest.fixture
def window(qtbot, workspace: Workspace, events: AppEvents) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(workspace, events, str(Path("house.sqlite3")))
    qtbot.addWidget(window)
    return window
