"""The pages as a manager meets them: search, filters, home cards, settings, first start."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from residence.house.records import HouseSettings
from residence.residents.reasons import DischargeReason
from residence.residents.records import Admission, Discharge, PersonDetails, Status
from residence.workspace import Workspace, open_workspace
from ui.dialogs.first_run import FirstRunDialog
from ui.dialogs.import_residents import ImportDialog
from ui.dialogs.phase import PhaseEditor
from ui.dialogs.text_form import TextForm
from ui.events import AppEvents
from ui.main_window import HOME, RESIDENTS, SETTINGS, MainWindow
from ui.models.residents import ResidentTableModel

from tests.conftest import TODAY, clock_on
from tests.ui.reading import cell
from tests.ui.typing import type_text


def _admit(workspace: Workspace, first: str, last: str, **details: object) -> int:
    admission = Admission(PersonDetails(first, last, **details), date(2026, 5, 1))  # type: ignore[arg-type]
    return workspace.residents.admit(admission).value


def _plain(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def _names(window: MainWindow) -> list[str]:
    proxy = window.residents.proxy
    return [proxy.index(row, 0).data() for row in range(proxy.rowCount())]


def test_search_as_you_type_ignores_accents_and_case(
    qtbot: QtBot, workspace: Workspace, window: MainWindow
) -> None:
    _admit(workspace, "José", "Ñúñez")
    _admit(workspace, "Marcus", "Bell")
    window.residents.reload()
    qtbot.keyClicks(window.residents.search, "nun")
    assert _names(window) == ["José Ñúñez"]
    assert window.residents.count.text() == "1 of 2 shown"
    window.residents.search.clear()
    assert len(_names(window)) == 2
    _admit(workspace, "Zoë", "O'Brien-Łukasz")
    _admit(workspace, "Minh", "Đặng")
    window.residents.reload()
    for typed, found in (("lukasz", "Zoë O'Brien-Łukasz"), ("dang", "Minh Đặng")):
        window.residents.search.clear()
        qtbot.keyClicks(window.residents.search, typed)
        assert _names(window) == [found]


def test_the_status_filter_shows_former_residents(
    qtbot: QtBot, workspace: Workspace, window: MainWindow
) -> None:
    gone = _admit(workspace, "Travis", "Hale")
    _admit(workspace, "Priya", "Raman")
    stay = workspace.queries.detail(gone).stays[-1]
    workspace.residents.discharge(
        stay.id, Discharge(date(2026, 6, 1), DischargeReason.INCARCERATED)
    )
    page = window.residents
    page.reload()
    assert _names(window) == ["Priya Raman"]
    page.status.setCurrentIndex(page.status.findData(Status.FORMER))
    assert _names(window) == ["Travis Hale"]
    page.status.setCurrentIndex(page.status.findData(Status.ALL))
    assert sorted(_names(window)) == ["Priya Raman", "Travis Hale"]


def test_selecting_a_resident_shows_their_file_and_the_right_actions(
    qtbot: QtBot, workspace: Workspace, window: MainWindow
) -> None:
    _admit(
        workspace,
        "Zoë",
        "O'Brien-Łukasz",
        sobriety_date=date(2026, 3, 17),
        employment="Community college",
    )
    page = window.residents
    page.reload()
    page.table.selectRow(0)
    html = page.panel.text.toPlainText()
    assert "Zoë O'Brien-Łukasz" in html
    assert "90 days sober" in html  # 17 Mar to 15 Jun
    assert "Community college" in html
    assert not page.panel.current_actions.isHidden()
    assert page.panel.former_actions.isHidden()


def test_a_saved_change_reloads_the_page_on_screen_and_the_others_when_opened(
    qtbot: QtBot, workspace: Workspace, window: MainWindow
) -> None:
    assert "0 of 4 beds filled" in _plain(window.home.census.body.text())
    assert window.residents.freshness.stale  # never opened: never read
    bed = workspace.house.beds()[0].id
    done = workspace.residents.admit(Admission(PersonDetails("Omar", "Haddad"), TODAY, bed_id=bed))
    window.events.data_changed.emit(done.changes)
    assert "1 of 4 beds filled" in _plain(window.home.census.body.text())
    assert "Omar Haddad" in window.home.moves.body.text()
    assert _names(window) == []  # hidden: not read yet
    window.nav.setCurrentRow(RESIDENTS)
    assert _names(window) == ["Omar Haddad"]
    assert not window.residents.freshness.stale


def test_a_milestone_link_on_home_opens_the_resident(
    qtbot: QtBot, workspace: Workspace, window: MainWindow
) -> None:
    person = _admit(workspace, "Kevin", "O'Malley", sobriety_date=date(2025, 6, 17))
    window.home.reload()
    assert "1 year" in window.home.milestones.body.text()
    window.home.milestones.body.linkActivated.emit(f"person:{person}")
    assert window.nav.currentRow() == RESIDENTS
    assert "Kevin O'Malley" in window.residents.panel.text.toPlainText()


def test_the_residents_table_model_behaves(qtmodeltester, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    _admit(workspace, "Nguyễn", "Thị Minh")
    _admit(workspace, "A" * 200, "Long")
    model = ResidentTableModel()
    model.set_rows(workspace.queries.rows(Status.ALL))
    qtmodeltester.check(model)


def test_the_window_remembers_its_page(
    qtbot: QtBot, workspace: Workspace, events: AppEvents
) -> None:
    first = MainWindow(workspace, events, "house")
    qtbot.addWidget(first)
    first.nav.setCurrentRow(SETTINGS)
    first.close()
    assert QSettings().value("window/page") in (SETTINGS, str(SETTINGS))
    second = MainWindow(workspace, events, "house")
    qtbot.addWidget(second)
    assert second.nav.currentRow() == SETTINGS
    second.nav.setCurrentRow(HOME)
    second.close()


def test_house_settings_refuse_an_empty_name_and_save_a_good_one(
    qtbot: QtBot, workspace: Workspace, window: MainWindow
) -> None:
    page = window.settings_page
    type_text(page.name, "   ")
    qtbot.mouseClick(page.save_house_button, Qt.MouseButton.LeftButton)
    assert "Give the house a name" in page.house_errors.message("name")
    assert workspace.house.settings().name == "Magnolia House"  # type: ignore[union-attr]

    type_text(page.name, "Casa Esperanza")
    page.week_start.setCurrentIndex(6)
    type_text(page.role, "Program director")
    page.report_names.setCurrentIndex(page.report_names.findData("initials"))
    qtbot.mouseClick(page.save_house_button, Qt.MouseButton.LeftButton)
    assert workspace.house.settings() == HouseSettings(
        "Casa Esperanza",
        manager_name="Dana Test",
        week_starts_on=6,
        manager_role="Program director",
        report_names="initials",
    )
    assert window.windowTitle() == "Casa Esperanza — Residence"


def test_the_full_federal_statement_can_be_typed_as_the_house_notice(
    qtbot: QtBot, workspace: Workspace, window: MainWindow
) -> None:
    from tests.residence.test_redisclosure_notice import FULL_STATEMENT

    page = window.settings_page
    type_text(page.notice, FULL_STATEMENT)
    page.save_notice()
    assert workspace.disclosures.notice() == FULL_STATEMENT
    assert not page.notice_errors.message("notice")
    type_text(page.notice, "x" * 2001)
    page.save_notice()
    assert "at most 2000" in page.notice_errors.message("notice")
    assert workspace.disclosures.notice() == FULL_STATEMENT


def test_adding_a_phase_in_settings(qtbot: QtBot, workspace: Workspace, events: AppEvents) -> None:
    dialog = PhaseEditor(workspace, events, None)
    qtbot.addWidget(dialog)
    type_text(dialog.name, "Phase 4 · Alumni")
    dialog.has_curfew.setChecked(False)
    dialog.meetings.setValue(2)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    last = workspace.house.phases()[-1]
    assert (last.name, last.curfew, last.weekly_meetings, last.position) == (
        "Phase 4 · Alumni",
        None,
        2,
        4,
    )


def test_first_start_names_the_house_and_makes_its_rooms(
    qtbot: QtBot, tmp_path: Path, events: AppEvents
) -> None:
    workspace = open_workspace(tmp_path / "new.sqlite3", clock=clock_on())
    try:
        dialog = FirstRunDialog(workspace, events)
        qtbot.addWidget(dialog)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert "Give the house a name" in dialog.errors.message("name")
        type_text(dialog.name, "Serenity House")
        dialog.rooms.setValue(3)
        dialog.beds.setValue(2)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert workspace.house.settings().name == "Serenity House"  # type: ignore[union-attr]
        assert [b.full_label for b in workspace.house.beds()][:3] == [
            "Room 1 · A",
            "Room 1 · B",
            "Room 2 · A",
        ]
        assert len(workspace.house.beds()) == 6
        assert len(workspace.house.phases()) == 3
    finally:
        workspace.close()


def test_the_import_dialog_previews_then_imports(
    qtbot: QtBot, workspace: Workspace, events: AppEvents, tmp_path: Path
) -> None:
    sheet = tmp_path / "residents.csv"
    sheet.write_bytes(
        "\ufefffirst_name,last_name,move_in,room,bed\n"
        "Lucía,Fernández-Ortega,2026-05-02,Room 1,A\n"
        "Dylan,Reyes,05/20/2026,,\n".encode()
    )
    dialog = ImportDialog(workspace, events)
    qtbot.addWidget(dialog)
    dialog.load(sheet)
    assert dialog.table.rowCount() == 2
    assert dialog.import_button.isEnabled()
    assert workspace.queries.rows() == []  # the preview saves nothing
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert sorted(r.name for r in workspace.queries.rows()) == [
        "Dylan Reyes",
        "Lucía Fernández-Ortega",
    ]


def test_the_import_dialog_refuses_a_file_with_a_bad_row(
    qtbot: QtBot, workspace: Workspace, events: AppEvents, tmp_path: Path
) -> None:
    sheet = tmp_path / "residents.csv"
    sheet.write_text("first_name,last_name,move_in\nAna,Silva,2026-02-30\nBen,Ode,2026-05-01\n")
    dialog = ImportDialog(workspace, events)
    qtbot.addWidget(dialog)
    dialog.load(sheet)
    assert not dialog.import_button.isEnabled()
    assert "line 2" in dialog.summary.text()
    assert "not a real date" in cell(dialog.table, 0, 5).text()
    assert cell(dialog.table, 1, 5).text() == "OK"


@pytest.mark.parametrize("long_name", ["B" * 200])
def test_a_very_long_name_does_not_widen_the_table(
    qtbot: QtBot, workspace: Workspace, window: MainWindow, long_name: str
) -> None:
    _admit(workspace, long_name, "Featherstonehaugh")
    window.residents.reload()
    assert window.residents.table.columnWidth(0) <= 260


def test_a_room_refused_keeps_what_was_typed_and_says_why_beside_the_name(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    def answer(form: TextForm) -> int:
        type_text(form.edits["room"], "Room 1")  # the house already has a Room 1
        type_text(form.edits["bed"], "A, B, C")
        form.save()
        assert form.errors.message("room") == "There is already a room called “Room 1”."
        assert form.edits["bed"].text() == "A, B, C"
        type_text(form.edits["room"], "Garden room")
        form.save()
        return int(form.result())

    monkeypatch.setattr(TextForm, "exec", answer)
    window.settings_page.add_room()
    garden = [bed.label for bed in workspace.house.beds() if bed.room_name == "Garden room"]
    assert garden == ["A", "B", "C"]


@pytest.mark.parametrize(
    ("answer", "name", "closed"),
    [
        (QMessageBox.StandardButton.Save, "Magnolia House North", True),
        (QMessageBox.StandardButton.Discard, "Magnolia House", True),
        (QMessageBox.StandardButton.Cancel, "Magnolia House", False),
    ],
)
def test_quitting_with_an_unsaved_settings_edit_asks(
    qtbot: QtBot,
    workspace: Workspace,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    answer: QMessageBox.StandardButton,
    name: str,
    closed: bool,
) -> None:
    asked: list[str] = []

    def reply(*args: object, **_kwargs: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return answer

    monkeypatch.setattr("ui.main_window.QMessageBox.question", reply)
    window.show()
    window.nav.setCurrentRow(SETTINGS)
    qtbot.keyClicks(window.settings_page.name, " North")
    window.close()
    assert asked == ["These were changed and not saved: House details. Save them before closing?"]
    assert window.isVisible() is not closed
    settings = workspace.house.settings()
    assert settings is not None and settings.name == name


def test_quitting_after_looking_at_settings_asks_nothing(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[object] = []
    monkeypatch.setattr("ui.main_window.QMessageBox.question", lambda *a: asked.append(a))
    window.show()
    window.nav.setCurrentRow(SETTINGS)
    window.close()
    assert asked == [] and not window.isVisible()


def test_ctrl_p_prints_the_page_and_undo_is_in_an_edit_menu(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    printed: list[str] = []
    monkeypatch.setattr(window.chores, "print_chart", lambda: printed.append("chart"))
    monkeypatch.setattr(window.mentors, "print_roster", lambda: printed.append("mentors"))
    [ctrl_p] = [a for a in window.findChildren(QAction) if a.shortcut() == QKeySequence("Ctrl+P")]
    window.show()
    window.nav.setCurrentRow(HOME)
    ctrl_p.trigger()
    assert printed == [] and "nothing to print" in window.statusBar().currentMessage()
    assert not window.undo_sign_off.isEnabled()
    window.nav.setCurrentRow(2)  # Chores
    assert window.undo_sign_off.isEnabled()
    assert window.undo_sign_off.shortcut() == QKeySequence("Ctrl+Z")
    ctrl_p.trigger()
    window.nav.setCurrentRow(4)  # Mentors
    ctrl_p.trigger()
    assert printed == ["chart", "mentors"]


def test_help_has_the_manual_and_the_keyboard_shortcuts(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QDialog, QTableWidget, QTextBrowser

    seen: list[QDialog] = []

    def shown(self: QDialog) -> int:
        seen.append(self)
        return 0

    monkeypatch.setattr(QDialog, "exec", shown)
    window._manual()
    window._shortcuts()
    manual, shortcuts = seen
    browser = manual.findChild(QTextBrowser)
    assert browser is not None and "Quick start" in browser.toPlainText()
    table = shortcuts.findChild(QTableWidget)
    assert table is not None
    rows = {}
    for r in range(table.rowCount()):
        what, keys = table.item(r, 0), table.item(r, 1)
        assert what is not None and keys is not None
        rows[what.text()] = keys.text()
    assert rows["File ▸ Print this page…"] == "Ctrl+P"
    assert rows["Edit ▸ Undo the chore's sign-off"] == "Ctrl+Z"
    assert rows["Chores: done / missed / excused / covered"] == "D / M / E / C"
