"""The chores page as a manager uses it: generate the week, move a cell, sign off, print."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot
from residence.chores.records import ChoreInfo, Schedule, SignOff
from residence.residents.records import Admission, PersonDetails
from residence.workspace import Workspace
from ui.dialogs.assign import AssignDialog
from ui.dialogs.chore_editor import ChoreEditor
from ui.dialogs.text_form import TextForm
from ui.events import AppEvents
from ui.main_window import CHORES, HOME, MainWindow
from ui.pdf_view import PdfPreview

from tests.conftest import TODAY
from tests.ui.typing import type_text


@pytest.fixture(autouse=True)
def confirm_regenerate(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Answer Yes to "Regenerate the week?", and remember that it was asked."""
    asked: list[str] = []

    def yes(_parent: object, title: str, _text: str) -> QMessageBox.StandardButton:
        asked.append(title)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr("ui.pages.chores.QMessageBox.question", yes)
    return asked


@pytest.fixture
def house_with_chores(workspace: Workspace) -> Workspace:
    for first in ("Ana", "Ben", "Cy"):
        workspace.residents.admit(
            Admission(PersonDetails(first, "Test"), TODAY - timedelta(days=30))
        )
    workspace.chores.save_chore(ChoreInfo(None, "Kitchen", "Kitchen", "", Schedule.DAILY, weight=3))
    workspace.chores.save_chore(
        ChoreInfo(None, "Yard", "Yard", "", Schedule.WEEKLY, frozenset({5}), weight=4)
    )
    return workspace


def _chores_page(window: MainWindow, qtbot: QtBot | None = None):  # type: ignore[no-untyped-def]
    window.nav.setCurrentRow(CHORES)
    if qtbot is not None:  # keyboard shortcuts need a shown, active window
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
    return window.chores


def test_generating_the_week_fills_the_grid(
    qtbot: QtBot, house_with_chores: Workspace, window: MainWindow
) -> None:
    page = _chores_page(window)
    assert not page.empty.isHidden() and page.table.isHidden()
    qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 2
    grid = house_with_chores.weeks.grid(TODAY)
    assert grid.generated and len(grid.cells()) == 8  # 7 kitchen days + the yard
    assert all(c.person_id is not None for c in grid.cells())
    assert page.generate_button.text() == "Regenerate"


def test_reassigning_a_cell_by_hand_keeps_it(
    qtbot: QtBot,
    house_with_chores: Workspace,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    confirm_regenerate: list[str],
) -> None:
    page = _chores_page(window, qtbot)
    page.generate()
    monday = page.model.index(0, 1)  # Kitchen, Monday (rows sort by area: Kitchen first)
    cell = page.model.cell_at(monday)
    assert cell is not None
    other = next(
        c
        for c in house_with_chores.weeks.candidates(cell.assignment_id)
        if c.person_id != cell.person_id
    )

    def choose(dialog: AssignDialog) -> int:
        for row in range(dialog.list.count()):
            if dialog.list.item(row).data(Qt.ItemDataRole.UserRole) == other.person_id:
                dialog.list.setCurrentRow(row)
        dialog.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(AssignDialog, "exec", choose)
    page.table.setCurrentIndex(monday)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    moved = next(
        c
        for c in house_with_chores.weeks.grid(TODAY).cells()
        if c.assignment_id == cell.assignment_id
    )
    assert (moved.person_id, moved.locked) == (other.person_id, True)
    page.generate()  # regenerating keeps the hand-made cell (after asking)
    assert confirm_regenerate == ["Regenerate the week?"]
    kept = next(
        c
        for c in house_with_chores.weeks.grid(TODAY).cells()
        if c.assignment_id == cell.assignment_id
    )
    assert kept.person_id == other.person_id
    assert "placed by hand" in page.explain.text()  # the cell stays selected, with its reason


def test_signing_off_from_the_keyboard(
    qtbot: QtBot, house_with_chores: Workspace, window: MainWindow
) -> None:
    page = _chores_page(window, qtbot)
    page.generate()
    page.table.setCurrentIndex(page.model.index(0, 1))  # Kitchen, Monday = today
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_D)
    [monday] = [c for c in house_with_chores.weeks.grid(TODAY).cells() if c.day == TODAY]
    assert monday.status is SignOff.DONE
    # the mark first: a narrow column elides the end of the name, never how it went
    assert page.model.index(0, 1).data().startswith("✓ ")
    qtbot.keyClick(page.table, Qt.Key.Key_M)
    [monday] = [c for c in house_with_chores.weeks.grid(TODAY).cells() if c.day == TODAY]
    assert monday.status is SignOff.MISSED


def test_excused_asks_why_and_keeps_the_reason(
    qtbot: QtBot, house_with_chores: Workspace, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _chores_page(window)
    page.generate()
    page.table.setCurrentIndex(page.model.index(0, 1))

    def answer(form: TextForm) -> int:
        form.save()  # refused: nothing typed yet, so it says why and stays open
        assert form.errors.message("note") == "Say why they were excused."
        type_text(form.edits["note"], "Court date")
        form.save()
        return int(form.result())

    monkeypatch.setattr(TextForm, "exec", answer)
    page.excuse()
    [monday] = [c for c in house_with_chores.weeks.grid(TODAY).cells() if c.day == TODAY]
    assert (monday.status, monday.note) == (SignOff.EXCUSED, "Court date")


def test_a_future_day_cannot_be_signed_off_and_every_key_says_so_the_same_way(
    qtbot: QtBot, house_with_chores: Workspace, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    boxes: list[str] = []
    monkeypatch.setattr(
        "ui.pages.chores.QMessageBox.warning", lambda _p, _t, text: boxes.append(text)
    )
    page = _chores_page(window)
    page.generate()
    page.table.setCurrentIndex(page.model.index(0, 2))  # Tuesday
    for key in (Qt.Key.Key_D, Qt.Key.Key_M, Qt.Key.Key_E, Qt.Key.Key_C):
        window.statusBar().clearMessage()
        qtbot.keyClick(page.table, key)
        assert "hasn't come yet" in window.statusBar().currentMessage(), key
    assert boxes == []  # no box to click away, for any of them
    assert all(c.status == SignOff.PENDING for c in house_with_chores.weeks.grid(TODAY).cells())


def test_printing_shows_the_chart_in_the_preview(
    qtbot: QtBot,
    house_with_chores: Workspace,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    shown: list[PdfPreview] = []

    def keep(self: PdfPreview) -> int:
        shown.append(self)
        return 0

    monkeypatch.setattr(PdfPreview, "exec", keep)
    page = _chores_page(window)
    page.generate()
    page.print_chart()
    [preview] = shown
    qtbot.addWidget(preview)
    assert preview.page_count() == 1
    assert preview.file_name == f"chore-chart-{TODAY.isoformat()}.pdf"
    assert preview.save_to(tmp_path / preview.file_name)
    assert (tmp_path / preview.file_name).read_bytes().startswith(b"%PDF")


def test_adding_a_chore_in_the_catalogue(
    qtbot: QtBot, workspace: Workspace, events: AppEvents
) -> None:
    dialog = ChoreEditor(workspace, events, None)
    qtbot.addWidget(dialog)
    type_text(dialog.name, "Bathroom deep clean")
    dialog.schedule.setCurrentIndex(dialog.schedule.findData(Schedule.WEEKLY.value))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "Choose the one day" in dialog.errors.message("days")
    dialog.day_boxes[5].setChecked(True)
    dialog.weight.setValue(5)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    [chore] = workspace.chores.chores()
    assert (chore.name, chore.schedule, chore.days, chore.weight) == (
        "Bathroom deep clean",
        Schedule.WEEKLY,
        frozenset({5}),
        5,
    )


def test_the_grid_model_behaves(qtmodeltester, house_with_chores: Workspace) -> None:  # type: ignore[no-untyped-def]
    from ui.models.chore_grid import ChoreGridModel

    model = ChoreGridModel()
    model.set_grid(house_with_chores.weeks.generate(TODAY).value.grid)
    qtmodeltester.check(model)


def test_home_shows_todays_chores(
    qtbot: QtBot, house_with_chores: Workspace, window: MainWindow
) -> None:
    window.chores.generate()
    window.nav.setCurrentRow(HOME)  # pages read their rows when opened
    text = window.home.chores_today.body.text()
    assert "Kitchen" in text and "Test" in text


def test_print_sends_every_page_to_the_printer(
    qtbot: QtBot, house_with_chores: Workspace, tmp_path: Path
) -> None:
    from datetime import datetime

    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrinter
    from residence.chores.report import ChoreChart, chore_chart_pdf
    from ui.pdf_view import match_orientation, print_document

    grid = house_with_chores.weeks.generate(TODAY).value.grid
    preview = PdfPreview(
        chore_chart_pdf(ChoreChart("M", grid, datetime(2026, 6, 15))), "t", "t.pdf"
    )
    qtbot.addWidget(preview)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # a file stands in for the printer
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    match_orientation(preview.document, printer)
    print_document(preview.document, printer)
    [page] = PdfReader(printed).pages
    assert float(page.mediabox.width) > float(page.mediabox.height)  # the chart prints landscape
    assert printed.stat().st_size > 10_000  # the page was drawn, not left blank


def test_the_catalogue_tab_reads_its_rows_when_opened_and_after_a_change(
    qtbot: QtBot, house_with_chores: Workspace, window: MainWindow
) -> None:
    page = _chores_page(window)
    catalogue = page.catalogue
    assert catalogue.table.rowCount() == 0 and catalogue.freshness.stale  # not opened yet
    page.tabs.setCurrentWidget(catalogue)
    assert catalogue.table.rowCount() == 2
    done = house_with_chores.chores.save_chore(ChoreInfo(None, "Porch", "Yard", "", Schedule.DAILY))
    window.events.data_changed.emit(done.changes)
    assert catalogue.table.rowCount() == 3  # on screen: read again at once


def test_regenerating_tells_the_manager_which_cells_changed_and_why(
    qtbot: QtBot, house_with_chores: Workspace, window: MainWindow
) -> None:
    page = _chores_page(window)
    page.generate()
    page.generate()  # nothing changed: nothing moves
    assert window.statusBar().currentMessage() == (
        "Nothing needed changing: every cell is as it was."
    )
    house_with_chores.chores.save_chore(ChoreInfo(None, "Porch", "Yard", "", Schedule.DAILY))
    page.generate()
    message = window.statusBar().currentMessage()
    assert message.startswith("7 cells changed: Porch Mon–Sun: nobody → ")
    assert message.endswith("(new on the chart).")


def test_the_fairness_tab_shows_each_residents_chores_this_week(
    qtbot: QtBot, house_with_chores: Workspace, window: MainWindow
) -> None:
    page = _chores_page(window)
    page.generate()  # two chores, three residents: one rests
    page.tabs.setCurrentWidget(page.fairness)
    column = [page.fairness.table.item(r, 1).text() for r in range(3)]
    assert sorted(column)[:2] == ["1 chore", "1 chore"]
    assert sorted(column)[2].startswith("none: rests this week: fewer chores than people")


def test_a_chore_changed_at_another_desk_while_the_editor_was_open_is_kept(
    qtbot: QtBot, workspace: Workspace, events: AppEvents
) -> None:
    workspace.chores.save_chore(ChoreInfo(None, "Porch"))
    [chore] = workspace.chores.chores()
    dialog = ChoreEditor(workspace, events, chore)
    qtbot.addWidget(dialog)
    workspace.chores.save_chore(replace(chore, instructions="Sweep, shake the mat."))  # elsewhere
    dialog.weight.setValue(4)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() != ChoreEditor.DialogCode.Accepted  # still open, with what was typed
    assert "changed the chore “Porch”" in dialog.banner.text()
    assert "Sweep, shake the mat." in dialog.banner.text()
    [now] = workspace.chores.chores()
    assert (now.instructions, now.weight) == ("Sweep, shake the mat.", 1)
