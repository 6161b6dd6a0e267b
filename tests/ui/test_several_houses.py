"""A database of several houses in the window: which house opens, the All houses page, and a
transfer through its dialog, then the database."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot
from residence.house.records import HouseSettings
from residence.residents.reasons import DischargeReason
from residence.residents.records import Admission, PersonDetails, Status
from residence.workspace import Workspace
from ui.app import _open
from ui.dialogs.edit_person import EditPersonDialog
from ui.dialogs.stay_events import TransferDialog
from ui.events import AppEvents
from ui.house_tasks import OpenOther
from ui.main_window import MainWindow

from tests.conftest import TODAY, House, clock_on


@pytest.fixture
def two_houses(house: House, workspace: Workspace) -> Workspace:
    """Magnolia House (open, Ana living there) and Birch House, one loft of two beds."""
    workspace.house.add_house(HouseSettings(name="Birch House"), [("Loft", ["1", "2"])])
    details = PersonDetails("Ana", "Quill")
    bed = house.beds[0].id
    workspace.residents.admit(Admission(details, date(2026, 5, 1), bed_id=bed))
    return workspace


def _window(qtbot: QtBot, services: Workspace, events: AppEvents) -> MainWindow:
    window = MainWindow(services, events, "house.sqlite3")
    qtbot.addWidget(window)
    return window


def test_a_file_of_several_houses_asks_which_to_open(
    two_houses: Workspace, house: House, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = house.db.location
    assert isinstance(path, Path)
    offered: list[list[str]] = []

    def choose(*args: object) -> tuple[str, bool]:
        offered.append(list(args[3]))  # type: ignore[call-overload]
        return "Birch House", True

    monkeypatch.setattr(QInputDialog, "getItem", choose)
    app = QApplication.instance()
    opened = _open(app, path, None, clock_on(), None, False)  # type: ignore[arg-type]
    assert opened is not None
    workspace, _key, chosen = opened
    try:
        assert offered == [["Birch House", "Magnolia House"]] and chosen == "Birch House"
        assert workspace.house.settings().name == "Birch House"  # type: ignore[union-attr]
        assert workspace.queries.rows(Status.ALL) == []
    finally:
        workspace.close()
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a: ("", False))
    assert _open(app, path, None, clock_on(), None, False) is None  # type: ignore[arg-type]


def test_the_all_houses_page_has_a_line_per_house_and_opens_one(
    qtbot: QtBot, two_houses: Workspace, events: AppEvents
) -> None:
    window = _window(qtbot, two_houses, events)
    assert window.windowTitle().startswith("Magnolia House")
    names = [window.nav.item(row).text() for row in range(window.nav.count())]
    assert names[-1] == "All houses" and names[0] == "Home"
    window.nav.setCurrentRow(len(names) - 1)
    page = window.all_houses
    assert page is not None
    table = page.table
    cells = [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(2)]  # type: ignore[union-attr]
    assert cells[0][:2] == ["Birch House", "0 of 2 (2 free)"]
    assert cells[1][:2] == ["Magnolia House (open)", "1 of 4 (3 free)"]
    table.selectRow(0)
    page.open_selected()
    assert window.task == OpenOther(two_houses.location, house="Birch House")


def test_a_single_house_window_has_no_all_houses_page_nor_transfer(
    qtbot: QtBot, workspace: Workspace, events: AppEvents
) -> None:
    window = _window(qtbot, workspace, events)
    names = [window.nav.item(row).text() for row in range(window.nav.count())]
    assert "All houses" not in names and window.all_houses is None
    actions = window.residents.panel.current_actions.findChildren(QPushButton)
    assert "Discharge…" in [b.text() for b in actions]
    buttons = [b.text() for b in actions]
    assert "Transfer to another house…" not in buttons


def test_a_transfer_through_its_dialog(
    qtbot: QtBot, two_houses: Workspace, events: AppEvents
) -> None:
    [row] = two_houses.queries.rows()
    stay = two_houses.queries.detail(row.person_id).current_stay
    assert stay is not None
    moved = TODAY - timedelta(days=2)
    dialog = TransferDialog(two_houses, events, stay, moved)
    qtbot.addWidget(dialog)
    assert [dialog.house.itemText(i) for i in range(dialog.house.count())] == ["Birch House"]
    beds = [dialog.bed.itemText(i) for i in range(dialog.bed.count())]
    assert beds == ["No bed yet", "Loft · 1", "Loft · 2"]
    assert dialog.phase.currentText() == "Phase 1 · Orientation"
    dialog.bed.setCurrentIndex(2)
    dialog.phase.setCurrentIndex(1)
    with qtbot.waitSignal(events.data_changed):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == TransferDialog.DialogCode.Accepted
    here = two_houses.queries.detail(row.person_id).stays[-1]
    assert (here.move_out, here.discharge_reason) == (moved, DischargeReason.TRANSFERRED)
    birch = next(h for h, name in two_houses.house.houses() if name == "Birch House")
    there = two_houses.in_house(birch).queries.detail(row.person_id).current_stay
    assert there is not None and there.move_in == moved
    assert there.current_bed is not None and there.current_bed.bed == "Loft · 2"
    assert there.current_phase == "Phase 2"


def test_editing_a_resident_someone_changed_since_says_who_and_keeps_theirs(
    qtbot: QtBot, two_houses: Workspace, events: AppEvents
) -> None:
    [row] = two_houses.queries.rows()
    resident = two_houses.queries.detail(row.person_id)
    dialog = EditPersonDialog(two_houses, events, resident)
    qtbot.addWidget(dialog)
    # Meanwhile, at another desk:
    theirs = replace(resident.details, phone="555-0199")
    two_houses.residents.update_details(row.person_id, theirs, seen=resident.version)
    dialog.person.lines["email"].setText("ana@example.org")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() != EditPersonDialog.DialogCode.Accepted
    assert "changed this resident on 15 Jun 2026" in dialog.banner.text()
    assert "phone: 555-0199" in dialog.banner.text()
    now = two_houses.queries.detail(row.person_id).details
    assert (now.phone, now.email) == ("555-0199", "")


def test_settings_saved_at_another_desk_since_the_page_was_filled_are_kept(
    qtbot: QtBot, workspace: Workspace, events: AppEvents, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, workspace, events)
    window.nav.setCurrentRow(window._page_list.index(window.settings_page))
    page = window.settings_page
    assert page.name.text() == "Magnolia House"  # filled when opened
    filled = workspace.house.settings()
    assert filled is not None
    theirs = replace(filled, phone="555-0100")
    workspace.house.save_settings(theirs, seen=workspace.house.version())  # another desk
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(str(a[2])))
    page.manager.setText("Sam Other")
    qtbot.mouseClick(page.save_house_button, Qt.MouseButton.LeftButton)
    assert warned and "changed the house's details" in warned[0] and "555-0100" in warned[0]
    now = workspace.house.settings()
    assert now is not None and (now.phone, now.manager_name) == ("555-0100", "Dana Test")
    # The box shows what is saved now, theirs included, and nothing is left to ask about.
    assert (page.phone.text(), page.manager.text()) == ("555-0100", "Dana Test")
    assert page.unsaved() == []


def test_the_settings_boxes_save_one_after_another_without_tripping_on_each_other(
    qtbot: QtBot, workspace: Workspace, events: AppEvents, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, workspace, events)
    window.nav.setCurrentRow(window._page_list.index(window.settings_page))
    page = window.settings_page
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(str(a[2])))
    page.notice.setPlainText("Do not pass this on.")
    page.save_notice()
    page.max_mentees.setValue(5)
    page.save_mentor_rules()
    page.phone.setText("555-0100")
    qtbot.mouseClick(page.save_house_button, Qt.MouseButton.LeftButton)
    assert warned == []
    assert workspace.disclosures.notice() == "Do not pass this on."
    assert workspace.mentors.rules().max_mentees == 5
    settings = workspace.house.settings()
    assert settings is not None and settings.phone == "555-0100"
    # Another desk then changes the rules: this page's older rules are refused, and shown.
    workspace.mentors.save_rules(
        replace(workspace.mentors.rules(), check_in_days=14), seen=workspace.house.version()
    )
    page.alumni.setChecked(not page.alumni.isChecked())
    page.save_mentor_rules()
    assert warned and "changed who may mentor" in warned[0]
    assert page.check_in_days.value() == 14 and page.unsaved() == []
