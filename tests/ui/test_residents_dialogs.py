"""Admitting, editing and discharging through the dialogs, as a manager would, then the database."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from residence.residents.reasons import DischargeReason
from residence.residents.records import Admission, PersonDetails, Status
from residence.workspace import Workspace
from ui.dialogs.admit import AdmitDialog
from ui.dialogs.edit_person import EditPersonDialog
from ui.dialogs.stay_events import AmendDischargeDialog, DischargeDialog, MoveBedDialog, PhaseDialog
from ui.events import AppEvents

from tests.conftest import TODAY
from tests.ui.typing import type_text


def _admit_dialog(qtbot: QtBot, workspace: Workspace, events: AppEvents) -> AdmitDialog:
    dialog = AdmitDialog(workspace, events, TODAY)
    qtbot.addWidget(dialog)
    return dialog


def _type(qtbot: QtBot, widget: QWidget, text: str) -> None:
    type_text(widget, text)


def test_admitting_through_the_dialog_saves_the_resident(
    qtbot: QtBot, workspace: Workspace, events: AppEvents
) -> None:
    dialog = _admit_dialog(qtbot, workspace, events)
    _type(qtbot, dialog.person.lines["first_name"], "Zoë")
    _type(qtbot, dialog.person.lines["last_name"], "O'Brien-Łukasz")
    _type(qtbot, dialog.person.date_of_birth, "07/21/1999")
    _type(qtbot, dialog.person.sobriety_date, "2026-03-01")
    dialog.bed.setCurrentIndex(dialog.bed.findText("Room 2 · A"))
    with qtbot.waitSignal(events.data_changed):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == AdmitDialog.DialogCode.Accepted
    [row] = workspace.queries.rows(Status.CURRENT)
    assert row.name == "Zoë O'Brien-Łukasz"
    assert row.room_bed == "Room 2 · A"
    assert row.move_in == TODAY
    detail = workspace.queries.detail(row.person_id)
    assert detail.details.date_of_birth == date(1999, 7, 21)
    assert detail.days_sober == (TODAY - date(2026, 3, 1)).days


def test_an_impossible_date_is_shown_beside_its_field_and_nothing_is_saved(
    qtbot: QtBot, workspace: Workspace, events: AppEvents
) -> None:
    dialog = _admit_dialog(qtbot, workspace, events)
    _type(qtbot, dialog.person.lines["first_name"], "Ana")
    _type(qtbot, dialog.person.lines["last_name"], "Silva")
    _type(qtbot, dialog.person.date_of_birth, "1990-02-30")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert "not a real date" in dialog.errors.message("date_of_birth")
    assert dialog.result() != AdmitDialog.DialogCode.Accepted
    assert workspace.queries.rows(Status.ALL) == []


def test_a_service_rule_is_shown_beside_its_field(
    qtbot: QtBot, workspace: Workspace, events: AppEvents
) -> None:
    dialog = _admit_dialog(qtbot, workspace, events)
    _type(qtbot, dialog.person.lines["first_name"], "Teen")
    _type(qtbot, dialog.person.lines["last_name"], "Ager")
    _type(qtbot, dialog.person.date_of_birth, "2012-01-01")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert "under 18" in dialog.errors.message("date_of_birth")
    # The field is on the "Person" tab, which is brought to the front.
    assert dialog.person.tabs.currentIndex() == 0
    assert workspace.queries.rows(Status.ALL) == []


def test_a_former_resident_is_recognised_and_readmitted_as_a_return(
    qtbot: QtBot, workspace: Workspace, events: AppEvents
) -> None:
    first = workspace.residents.admit(
        Admission(
            PersonDetails("José", "Ñúñez", date_of_birth=date(1988, 3, 14), phone="555-0101"),
            date(2025, 1, 10),
        )
    ).value
    stay = workspace.queries.detail(first).stays[0]
    from residence.residents.records import Discharge

    workspace.residents.discharge(
        stay.id, Discharge(date(2025, 9, 1), DischargeReason.RETURNED_TO_USE)
    )

    dialog = _admit_dialog(qtbot, workspace, events)
    _type(qtbot, dialog.person.lines["first_name"], "jose")
    _type(qtbot, dialog.person.lines["last_name"], "nunez")
    dialog.person.lines["last_name"].editingFinished.emit()
    assert dialog._returning_bar.isVisibleTo(dialog)
    assert "stayed here before" in dialog._returning_text.text()
    qtbot.mouseClick(dialog._returning_button, Qt.MouseButton.LeftButton)
    assert dialog.person.lines["phone"].text() == "555-0101"  # details from the file
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.admitted_person == first
    detail = workspace.queries.detail(first)
    assert [s.move_in for s in detail.stays] == [date(2025, 1, 10), TODAY]
    assert detail.details.first_name == "José"  # the name on file, not the typed folding


def test_editing_details_saves_them(qtbot: QtBot, workspace: Workspace, events: AppEvents) -> None:
    person = workspace.residents.admit(Admission(PersonDetails("Nguyễn", "Thị Minh"), TODAY)).value
    dialog = EditPersonDialog(workspace, events, workspace.queries.detail(person))
    qtbot.addWidget(dialog)
    _type(qtbot, dialog.person.lines["case_manager_name"], "Alicia Gómez")
    _type(qtbot, dialog.person.lines["case_manager_org"], "Riverside")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    [row] = workspace.queries.rows()
    assert row.case_manager == "Alicia Gómez (Riverside)"


def test_closing_with_unsaved_typing_asks_first(
    qtbot: QtBot, workspace: Workspace, events: AppEvents, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def keep_editing(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        asked.append(str(args[1]))
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", keep_editing)
    dialog = _admit_dialog(qtbot, workspace, events)
    dialog.show()
    qtbot.keyClicks(dialog.person.lines["first_name"], "Half-typed")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    assert asked == ["Discard changes?"]
    assert dialog.isVisible()


def _admitted(workspace: Workspace, bed: str = "Room 1 · A") -> int:
    bed_id = next(b.id for b in workspace.house.beds() if b.full_label == bed)
    admission = Admission(PersonDetails("Marcus", "Bell"), date(2026, 5, 1), bed_id=bed_id)
    return workspace.residents.admit(admission).value


def test_discharging_through_the_dialog_ends_the_stay_and_frees_the_bed(
    qtbot: QtBot, workspace: Workspace, events: AppEvents
) -> None:
    person = _admitted(workspace)
    stay = workspace.queries.detail(person).stays[-1]
    dialog = DischargeDialog(workspace, events, stay, TODAY)
    qtbot.addWidget(dialog)
    _type(qtbot, dialog.on, "2026-06-10")
    dialog.reason.setCurrentIndex(dialog.reason.findData(DischargeReason.ASKED_TO_LEAVE.value))
    qtbot.keyClicks(dialog.note, "Curfew violations")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    ended = workspace.queries.detail(person).stays[-1]
    assert ended.move_out == date(2026, 6, 10)
    assert ended.discharge_reason is DischargeReason.ASKED_TO_LEAVE
    assert ended.discharge_note == "Curfew violations"
    assert "Room 1 · A" in [b.full_label for b in workspace.queries.free_beds(TODAY)]


def test_a_move_out_before_move_in_is_refused_in_the_dialog(
    qtbot: QtBot, workspace: Workspace, events: AppEvents
) -> None:
    person = _admitted(workspace)
    dialog = DischargeDialog(workspace, events, workspace.queries.detail(person).stays[-1], TODAY)
    qtbot.addWidget(dialog)
    _type(qtbot, dialog.on, "2026-04-01")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert "before move-in (1 May 2026)" in dialog.errors.message("move_out")
    assert workspace.queries.detail(person).current_stay is not None


def test_amending_a_discharge_needs_a_reason_and_keeps_the_original(
    qtbot: QtBot, workspace: Workspace, events: AppEvents
) -> None:
    from residence.residents.records import Discharge

    person = _admitted(workspace)
    stay = workspace.queries.detail(person).stays[-1]
    workspace.residents.discharge(stay.id, Discharge(date(2026, 6, 1), DischargeReason.LEFT_EARLY))
    stay = workspace.queries.detail(person).stays[-1]
    dialog = AmendDischargeDialog(workspace, events, stay, TODAY)
    qtbot.addWidget(dialog)
    _type(qtbot, dialog.on, "2026-06-03")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "Say why" in dialog.errors.message("why")

    qtbot.keyClicks(dialog.why, "He left on the 3rd, not the 1st.")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    amended = workspace.queries.detail(person).stays[-1]
    assert amended.move_out == date(2026, 6, 3)
    [amendment] = amended.amendments
    assert amendment.old_move_out == date(2026, 6, 1)
    assert amendment.why == "He left on the 3rd, not the 1st."


def test_moving_bed_and_changing_phase_are_kept_in_the_stay_history(
    qtbot: QtBot, workspace: Workspace, events: AppEvents
) -> None:
    person = _admitted(workspace)
    stay = workspace.queries.detail(person).stays[-1]
    move = MoveBedDialog(workspace, events, stay, TODAY)
    qtbot.addWidget(move)
    move.bed.setCurrentIndex(move.bed.findText("Room 2 · B"))
    qtbot.mouseClick(move.save_button, Qt.MouseButton.LeftButton)
    phase = PhaseDialog(workspace, events, workspace.queries.detail(person).stays[-1], TODAY)
    qtbot.addWidget(phase)
    assert phase.phase.currentText() == "Phase 2"  # moving up is what's offered
    qtbot.mouseClick(phase.save_button, Qt.MouseButton.LeftButton)

    history = workspace.queries.detail(person).stays[-1]
    assert [(b.bed, b.start, b.end) for b in history.beds] == [
        ("Room 1 · A", date(2026, 5, 1), TODAY),
        ("Room 2 · B", TODAY, None),
    ]
    assert [p.phase for p in history.phases] == ["Phase 1 · Orientation", "Phase 2"]


def test_enter_saves_the_form(qtbot: QtBot, workspace: Workspace, events: AppEvents) -> None:
    dialog = _admit_dialog(qtbot, workspace, events)
    dialog.show()
    type_text(dialog.person.lines["first_name"], "Priya")
    type_text(dialog.person.lines["last_name"], "Raman")
    with qtbot.waitSignal(events.data_changed):
        qtbot.keyClick(dialog.person.lines["last_name"], Qt.Key.Key_Return)
    assert [row.name for row in workspace.queries.rows()] == ["Priya Raman"]
    assert not dialog.isVisible()


def test_an_untouched_dialog_closes_without_a_question(
    qtbot: QtBot, workspace: Workspace, events: AppEvents, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Dirty means the user changed something: filling the fields in is not a change, and a
    field typed back to what it was is none either."""
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(str(a[1])))
    details = PersonDetails("Ana", "Quill", notes="Works nights.\nCall after noon.")
    person = workspace.residents.admit(Admission(details, TODAY)).value
    dialog = EditPersonDialog(workspace, events, workspace.queries.detail(person))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked == [] and not dialog.isVisible()

    dialog = EditPersonDialog(workspace, events, workspace.queries.detail(person))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog.person.lines["first_name"], Qt.Key.Key_End)
    qtbot.keyClicks(dialog.person.lines["first_name"], "x")
    qtbot.keyClick(dialog.person.lines["first_name"], Qt.Key.Key_Backspace)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked == [] and not dialog.isVisible()


def test_the_admit_dialog_opens_on_first_name_and_tabs_in_reading_order(
    qtbot: QtBot, workspace: Workspace, events: AppEvents
) -> None:
    dialog = _admit_dialog(qtbot, workspace, events)
    dialog.show()
    qtbot.waitExposed(dialog)
    first = dialog.person.lines["first_name"]
    assert dialog.focusWidget() is first
    chain: list[QWidget] = []
    widget: QWidget | None = first
    while widget is not None and widget is not dialog.save_button and len(chain) < 200:
        chain.append(widget)
        widget = widget.nextInFocusChain()
    visible = [w for w in chain if w.isVisible()]
    stay = [dialog.move_in, dialog.bed, dialog.phase, dialog.referral]
    assert visible.index(dialog.person.lines["last_name"]) < visible.index(dialog.move_in)
    assert [w for w in visible if w in stay] == stay  # all before Save, in order
