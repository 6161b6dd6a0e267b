"""Resources in the window: one added through the editor, shared at a check-in."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from residence.mentors.records import MentorKey
from residence.residents.records import Admission, PersonDetails
from residence.resources.records import Kind
from residence.workspace import Workspace
from ui.dialogs.mentors import CheckInDialog
from ui.dialogs.resources import ResourceEditor, ResourcesDialog
from ui.events import AppEvents

from tests.conftest import TODAY


def test_a_resource_added_and_shared_at_a_check_in(
    qtbot: QtBot, workspace: Workspace, events: AppEvents
) -> None:
    editor = ResourceEditor(workspace, events, None)
    qtbot.addWidget(editor)
    editor.kind.setCurrentIndex(editor.kind.findData(Kind.LEGAL))
    editor.name.setText("Legal Aid of the Valley")
    editor.details.setPlainText("Free help with records expungement.")
    editor.phone.setText("555-0166")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    [aid] = workspace.resources.resources()
    assert (aid.kind, aid.name, aid.details, aid.phone) == (
        Kind.LEGAL, "Legal Aid of the Valley", "Free help with records expungement.", "555-0166",
    )  # fmt: skip
    listing = ResourcesDialog(workspace, events)
    qtbot.addWidget(listing)
    group = listing.tree.topLevelItem(0)
    assert group is not None and group.text(0) == "Legal aid"
    child = group.child(0)
    assert child is not None and child.text(0) == "Legal Aid of the Valley"

    phases = workspace.house.phases()
    senior = PersonDetails("Sam", "Senior", sobriety_date=TODAY - timedelta(days=400))
    sam = workspace.residents.admit(
        Admission(senior, TODAY - timedelta(days=200), phase_id=phases[2].id)
    ).value
    ann = workspace.residents.admit(Admission(PersonDetails("Ann", "New"), TODAY)).value
    pair = workspace.mentors.assign(ann, MentorKey(person_id=sam), TODAY).value
    dialog = CheckInDialog(workspace, events, pair, TODAY)
    qtbot.addWidget(dialog)
    assert dialog.shared is not None and dialog.steps is None  # no plan yet
    item = dialog.shared.item(0)
    assert item is not None and item.text() == "Legal Aid of the Valley · Legal aid"
    item.setCheckState(Qt.CheckState.Checked)
    dialog.save()
    [shared] = workspace.resources.shared_with(ann)
    assert (shared.day, shared.resource, shared.mentor) == (
        TODAY,
        "Legal Aid of the Valley",
        "Sam Senior",
    )
