"""Add or change a phase: its name, curfew, weekly outside-meeting quota and notes."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTimeEdit,
    QWidget,
)
from residence.changes import Done
from residence.house.records import MOVE_UP_LIMITS, MoveUpRules, PhaseInfo
from residence.workspace import Workspace

from ui.dialogs.base import FormDialog
from ui.events import AppEvents

# name: (label, text after the amount, the amount when first ticked)
CRITERIA = {
    "days_in_phase": ("Days in the phase before", "days at least", 30),
    "quota_weeks": ("Outside-meeting quota", "weeks in a row, the last ones", 4),
    "house_meeting_percent": ("House meetings", "% at least, in the last 30 days", 80),
    "missed_chores_at_most": ("Missed chores", "at most, in the last 30 days", 1),
}


class _MoveUpRows:
    """A box to tick and an amount for each criterion the house may ask; unticked, it isn't
    asked."""

    def __init__(self, rules: MoveUpRules) -> None:
        self.boxes: dict[str, tuple[QCheckBox, QSpinBox]] = {}
        for name, (_label, _after, first) in CRITERIA.items():
            low, high, _what = MOVE_UP_LIMITS[name]
            amount = getattr(rules, name)
            asked, spin = QCheckBox(), QSpinBox()
            spin.setRange(low, high)
            spin.setValue(first if amount is None else amount)
            asked.setChecked(amount is not None)
            spin.setEnabled(amount is not None)
            asked.toggled.connect(spin.setEnabled)
            self.boxes[name] = (asked, spin)

    def rows(self) -> list[tuple[str, str, QWidget]]:
        rows = []
        for name, (label, after, _first) in CRITERIA.items():
            asked, spin = self.boxes[name]
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(asked)
            line.addWidget(spin)
            line.addWidget(QLabel(after))
            line.addStretch(1)
            asked.setAccessibleName(label)
            rows.append((name, label, row))
        return rows

    def rules(self) -> MoveUpRules:
        asked = {
            name: spin.value() if box.isChecked() else None
            for name, (box, spin) in self.boxes.items()
        }
        return MoveUpRules(**asked)


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
        self.move_up = _MoveUpRows(phase.move_up if phase else MoveUpRules())
        heading = QLabel(self.tr("<b>To move up to this phase</b> (the house's criteria)"))
        self.form.addRow(heading)
        for name, label, widget in self.move_up.rows():
            self.add_field(label, name, widget)

    def submit(self) -> Done[PhaseInfo]:
        qtime = self.curfew.time()
        phase = PhaseInfo(
            id=self.phase.id if self.phase else None,
            name=self.name.text(),
            position=self.phase.position if self.phase else 0,
            curfew=time(qtime.hour(), qtime.minute()) if self.has_curfew.isChecked() else None,
            weekly_meetings=self.meetings.value(),
            description=self.description.toPlainText(),
            move_up=self.move_up.rules(),
            version=self.phase.version if self.phase else None,
        )
        return self.services.house.save_phase(phase)
