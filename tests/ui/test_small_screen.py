"""A cheap laptop's screen: 1024×600, on the hard house (40 residents, long names in several
scripts, many chores). The window fits, every page works without scrolling sideways, every
dialog opens within the screen and remembers the size it was given."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QDialog, QScrollArea
from pytestqt.qtbot import QtBot
from residence.workspace import Workspace, open_workspace
from ui.dialogs.admit import AdmitDialog
from ui.dialogs.audit import AuditDialog
from ui.dialogs.consents import ConsentDialog
from ui.dialogs.edit_person import EditPersonDialog
from ui.events import AppEvents
from ui.main_window import MainWindow
from ui.widgets.sizing import open_at

from tests.conftest import clock_on
from tests.residence.hard_house import WEDNESDAY, build_hard_house

SMALL = QSize(1024, 600)


@pytest.fixture(scope="module")
def hard_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hard")
    build_hard_house(folder)
    return folder / "hard.sqlite3"


@pytest.fixture
def hard(hard_file: Path) -> Iterator[Workspace]:
    workspace = open_workspace(hard_file, clock=clock_on(WEDNESDAY), create=False)
    yield workspace
    workspace.close()


def test_the_window_and_every_page_fit_1024_by_600(qtbot: QtBot, hard: Workspace) -> None:
    window = MainWindow(hard, AppEvents(), "/a/very/long/folder/name/" * 6 + "house.sqlite3")
    qtbot.addWidget(window)
    window.show()
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        window.resize(SMALL)
        qtbot.wait(1)
        assert window.size() == SMALL, window.nav.item(row).text()
        area = window.pages.currentWidget()
        assert isinstance(area, QScrollArea)
        # Up and down it may scroll; sideways, nothing is out of reach.
        assert area.horizontalScrollBar().maximum() == 0, window.nav.item(row).text()


def test_dialogs_fit_a_small_screen_whatever_the_names(qtbot: QtBot, hard: Workspace) -> None:
    events = AppEvents()
    person = hard.queries.rows()[0].person_id
    for dialog in (
        AdmitDialog(hard, events, WEDNESDAY),
        EditPersonDialog(hard, events, hard.queries.detail(person)),
        ConsentDialog(hard, events, WEDNESDAY, person_id=person),
        AuditDialog(hard),
    ):
        qtbot.addWidget(dialog)
        dialog.show()
        least = dialog.minimumSizeHint()
        assert least.width() <= SMALL.width() and least.height() <= SMALL.height(), (
            type(dialog).__name__,
            least,
        )
        free = dialog.screen().availableGeometry()
        assert dialog.width() <= free.width() and dialog.height() <= free.height()


def test_a_dialog_opens_at_the_size_it_was_last_given(qtbot: QtBot) -> None:
    class Sized(QDialog):
        pass

    first = Sized()
    qtbot.addWidget(first)
    open_at(first, 5000, 5000)  # bigger than any screen: held to it
    free = first.screen().availableGeometry()
    assert first.width() <= free.width() and first.height() <= free.height()
    first.resize(420, 300)
    first.done(0)
    again = Sized()
    qtbot.addWidget(again)
    open_at(again, 700, 500)
    assert again.size() == QSize(420, 300)


def test_two_people_of_one_name_are_told_apart_on_home_and_the_chart(
    qtbot: QtBot, hard: Workspace
) -> None:
    bells = [p for p, name in hard.queries.names() if name.startswith("Christopher Bell")]
    assert len(bells) == 2
    window = MainWindow(hard, AppEvents(), "house")
    qtbot.addWidget(window)
    window.nav.setCurrentRow(2)  # Chores
    model = window.chores.model
    shown = {
        model.index(r, c).data()
        for r in range(model.rowCount())
        for c in range(1, model.columnCount())
        if "Christopher Bell" in (model.index(r, c).data() or "")
    }
    assert {f"Christopher Bell (record {p})" for p in bells} <= {
        text.removeprefix("✓ ") for text in shown
    }
    window.nav.setCurrentRow(0)  # Home: the links to their files tell them apart too
    told = dict(hard.queries.names())
    waiting = window.home.mentors.body.text()  # nobody in the hard house has a mentor
    assert all(told[p] in waiting for p in bells), waiting
