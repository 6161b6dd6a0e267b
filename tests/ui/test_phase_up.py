"""The phase-up assistant in the window: the house's criteria written in Settings, judged in
the phase change, and the move kept with its facts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from residence.house.records import MoveUpRules
from residence.residents.records import Admission, PersonDetails
from residence.workspace import Workspace
from ui.dialogs.phase import PhaseEditor
from ui.dialogs.stay_events import PhaseDialog
from ui.events import AppEvents

from tests.conftest import TODAY


def test_the_criteria_are_written_in_the_phase_editor(
    qtbot: QtBot, workspace: Workspace, events: AppEvents
) -> None:
    editor = PhaseEditor(workspace, events, workspace.house.phases()[1])
    qtbot.addWidget(editor)
    days_asked, days = editor.move_up.boxes["days_in_phase"]
    assert not days_asked.isChecked() and not days.isEnabled()  # the house asks nothing yet
    days_asked.setChecked(True)
    days.setValue(45)
    chores_asked, chores = editor.move_up.boxes["missed_chores_at_most"]
    chores_asked.setChecked(True)
    chores.setValue(0)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    saved = workspace.house.phases()[1].move_up
    assert saved == MoveUpRules(days_in_phase=45, missed_chores_at_most=0)


def test_moving_up_shows_the_criteria_and_keeps_them_with_the_move(
    qtbot: QtBot, workspace: Workspace, events: AppEvents
) -> None:
    phase_2 = workspace.house.phases()[1]
    workspace.house.save_phase(replace(phase_2, move_up=MoveUpRules(days_in_phase=60)))
    moved_in = date(2026, 5, 1)  # 45 days before TODAY
    person = workspace.residents.admit(Admission(PersonDetails("Marcus", "Bell"), moved_in)).value
    dialog = PhaseDialog(workspace, events, workspace.queries.detail(person).stays[-1], TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    shown = dialog.criteria.text()
    assert "At least 60 days in Phase 1" in shown and "45 days, since 1 May 2026" in shown
    assert "not met" in shown and "the move needs a note saying why" in shown

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "say why they move up all the same" in dialog.errors.message("note")
    assert workspace.queries.detail(person).stays[-1].current_phase.startswith("Phase 1")

    dialog.note.setPlainText("Court date moved; the case manager asked for it.")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    stay = workspace.queries.detail(person).stays[-1]
    assert stay.current_phase == "Phase 2"
    note = stay.phases[-1].note
    assert "At least 60 days in Phase 1 · Orientation: not met (45 days" in note
    assert note.endswith("Court date moved; the case manager asked for it.")


def test_another_phase_than_the_next_is_not_judged(
    qtbot: QtBot, workspace: Workspace, events: AppEvents
) -> None:
    phase_3 = workspace.house.phases()[2]
    workspace.house.save_phase(replace(phase_3, move_up=MoveUpRules(days_in_phase=60)))
    person = workspace.residents.admit(
        Admission(PersonDetails("Marcus", "Bell"), date(2026, 5, 1))
    ).value
    dialog = PhaseDialog(workspace, events, workspace.queries.detail(person).stays[-1], TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.criteria.isVisible() and "The house sets none" in dialog.criteria.text()
    dialog.phase.setCurrentIndex(dialog.phase.findText(phase_3.name))
    assert not dialog.criteria.isVisible()  # a skip isn't a move up: no criteria to judge


def test_skipping_a_phase_needs_a_note(
    qtbot: QtBot, workspace: Workspace, events: AppEvents
) -> None:
    person = workspace.residents.admit(
        Admission(PersonDetails("Marcus", "Bell"), date(2026, 5, 1))
    ).value
    dialog = PhaseDialog(workspace, events, workspace.queries.detail(person).stays[-1], TODAY)
    qtbot.addWidget(dialog)
    dialog.phase.setCurrentIndex(dialog.phase.findText("Phase 3"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "skips a phase" in dialog.errors.message("note")
    dialog.note.setPlainText("Transferred from a sister house in its Phase 3.")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert workspace.queries.detail(person).stays[-1].current_phase == "Phase 3"
