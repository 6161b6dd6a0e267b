"""Add or change a phase: its name, curfew, weekly outside-meeting quota and notes."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTimeEdit,
    QWidget,
)
from residence.changes import Done
from residence.house.records import PhaseInfo
from residence.workspace import Workspace

from ui.dialogs.base import FormDialog
from ui.events import AppEvents


class PhaseEditor(FormDialog):
    def __init__(
        self,
        services: Workspace,
        events: AppEvents,
        phase: PhaseInfo | None,
        parent: QWidget | None = None,
    ) -> None:
        title = self.tr("Add a phase") if phase is None else self.tr("Edit phase")
        super().__init__(title, events, parent)
        self.services = services
        self.phase = phase
        self.name = QLineEdit(phase.name if phase else "")
        self.has_curfew = QCheckBox(self.tr("Curfew at"))
        self.curfew = QTimeEdit()
        self.curfew.setDisplayFormat("HH:mm")
        curfew = phase.curfew if phase else time(22, 0)
        self.has_curfew.setChecked(curfew is not None)
        self.curfew.setTime(QTime(curfew.hour, curfew.minute) if curfew else QTime(22, 0))
        self.curfew.setEnabled(curfew is not None)
        self.has_curfew.toggled.connect(self.curfew.setEnabled)
        curfew_row = QWidget()
        row = QHBoxLayout(curfew_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.has_curfew)
        row.addWidget(self.curfew)
        row.addStretch(1)
        self.meetings = QSpinBox()
        self.meetings.setRange(0, 21)
        self.meetings.setValue(phase.weekly_meetings if phase else 3)
        self.description = QPlainTextEdit(phase.description if phase else "")
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(70)
        self.add_field(self.tr("Name*"), "name", self.name)
        self.add_field(self.tr("Curfew"), "curfew", curfew_row)
        self.add_field(self.tr("Outside meetings a week"), "weekly_meetings", self.meetings)
        self.add_field(self.tr("Notes"), "description", self.description)

    def submit(self) -> Done[PhaseInfo]:
        qtime = self.curfew.time()
        phase = PhaseInfo(
            id=self.phase.id if self.phase else None,
            name=self.name.text(),
            position=self.phase.position if self.phase else 0,
            curfew=time(qtime.hour(), qtime.minute()) if self.has_curfew.isChecked() else None,
            weekly_meetings=self.meetings.value(),
            description=self.description.toPlainText(),
            version=self.phase.version if self.phase else None,
        )
        return self.services.house.save_phase(phase)
