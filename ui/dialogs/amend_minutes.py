"""Amending final minutes: which section, its corrected text, and why. A form dialog, so a
refusal (no reason given) keeps the corrected text and says so beside its field."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget
from residence.changes import Done
from residence.meetings.minutes import SECTIONS
from residence.workspace import Workspace

from ui.dialogs.base import FormDialog
from ui.events import AppEvents


class AmendMinutesDialog(FormDialog):
    def __init__(
        self,
        services: Workspace,
        events: AppEvents,
        meeting_id: int,
        sections: Mapping[str, str],
        parent: QWidget | None = None,
        version: int | None = None,
    ) -> None:
        super().__init__(self.tr("Amend the minutes"), events, parent)
        self.services, self.meeting_id, self.sections = services, meeting_id, sections
        self.version = version  # the sections as read: a correction saved since isn't lost
        self.section = QComboBox()
        for name, heading in SECTIONS:
            self.section.addItem(self.tr(heading), name)
        self.add_field(self.tr("Section"), "section", self.section)
        self.text = QPlainTextEdit()
        self.add_field(self.tr("As it should read"), "text", self.text)
        self.why = QLineEdit()
        self.add_field(self.tr("Why is it corrected?*"), "why", self.why)
        self.section.currentIndexChanged.connect(self._show_section)
        self._show_section()
        self.setMinimumWidth(560)

    def _show_section(self) -> None:
        """The chosen section as it stands, to correct; choosing one is not a change."""
        self.text.setPlainText(self.sections.get(self.section.currentData(), ""))
        self.dirty = False

    def submit(self) -> Done[Any]:
        return self.services.minutes.amend(
            self.meeting_id,
            self.section.currentData(),
            self.text.toPlainText(),
            self.why.text(),
            seen=self.version,
        )
