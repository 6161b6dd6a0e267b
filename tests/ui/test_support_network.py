"""The support network in the window: a contact added through the dialog, with the consent
that lets the house call them."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from residence.consents.records import Category, ConsentInfo
from residence.recovery.records import Tie
from residence.residents.records import Admission, PersonDetails
from residence.workspace import Workspace
from ui.dialogs.network import ContactDialog, NetworkDialog
from ui.events import AppEvents

from tests.conftest import TODAY


def test_a_contact_added_with_the_consent_naming_them(
    qtbot: QtBot, workspace: Workspace, events: AppEvents
) -> None:
    ana = workspace.residents.admit(
        Admission(PersonDetails("Ana", "Quill"), TODAY - timedelta(days=9))
    ).value
    until = TODAY + timedelta(days=60)
    consent = ConsentInfo(None, ana, "Rosa Quill", "", "So the house may call my mother.",
                          frozenset({Category.STAY}), TODAY, until)  # fmt: skip
    consent_id = workspace.consents.save(consent).value.id
    dialog = ContactDialog(workspace, events, ana, None)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.errors.message("name") == "Give the contact's name."
    dialog.name.setText("Rosa Quill")
    dialog.relation.setText("mother")
    dialog.phone.setText("555-0142")
    dialog.consent.setCurrentIndex(dialog.consent.findData(consent_id))
    assert dialog.consent.currentText().startswith(f"#{consent_id} to Rosa Quill")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    [rosa] = workspace.network.network(ana)
    assert (rosa.draft.name, rosa.draft.tie, rosa.draft.relation, rosa.draft.phone) == (
        "Rosa Quill", Tie.FAMILY, "mother", "555-0142",
    )  # fmt: skip
    assert rosa.may_contact

    network = NetworkDialog(workspace, events, ana, "Ana Quill")
    qtbot.addWidget(network)
    row = network.tree.topLevelItem(0)
    assert row is not None
    assert [row.text(c) for c in range(4)] == ["Rosa Quill", "Family (mother)", "555-0142", "yes"]
    assert not network.edit_button.isEnabled()
    network.tree.setCurrentItem(row)
    assert network.edit_button.isEnabled() and network.remove_button.isEnabled()
