"""Add or change a chore of the catalogue."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)
from residence.changes import Done
from residence.chores.records import ChoreInfo, Schedule
from residence.house.records import WEEKDAYS
from residence.workspace import Workspace

from ui.dialogs.base import FormDialog
from ui.events import AppEvents

SCHEDULES = (
    (Schedule.DAILY, "Every day"),
    (Schedule.WEEKDAYS, "On chosen days"),
    (Schedule.WEEKLY, "Once a week, by a day"),
)


class ChoreEditor(FormDialog):
    def __init__(
        self,
        services: Workspace,
        events: AppEvents,
        chore: ChoreInfo | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            self.tr("Add a chore") if chore is None else self.tr("Edit chore"), events, parent
        )
        self.services = services
        self.chore = chore or ChoreInfo(None, "", weight=2)
        self.name = QLineEdit(self.chore.name)
        self.area = QLineEdit(self.chore.area)
        self.area.setPlaceholderText(self.tr("Kitchen, bathrooms, yard…"))
        self.schedule = QComboBox()
        for schedule, label in SCHEDULES:
            self.schedule.addItem(self.tr(label), schedule.value)
        self.schedule.setCurrentIndex(self.schedule.findData(self.chore.schedule.value))
        self.days_row = QWidget()
        row = QHBoxLayout(self.days_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.day_boxes = []
        for number, day in enumerate(WEEKDAYS):
            box = QCheckBox(self.tr(day[:3]))
            box.setChecked(number in self.chore.days)
            self.day_boxes.append(box)
            row.addWidget(box)
        self.weight = QSpinBox()
        self.weight.setRange(1, 5)
        self.weight.setValue(self.chore.weight)
        self.weight.setSuffix(self.tr("  (1 light … 5 heavy, for the week)"))
        self.people = QSpinBox()
        self.people.setRange(1, 10)
        self.people.setValue(self.chore.people)
        self.instructions = QPlainTextEdit(self.chore.instructions)
        self.instructions.setTabChangesFocus(True)
        self.instructions.setFixedHeight(80)
        self.add_field(self.tr("Name*"), "name", self.name)
        self.add_field(self.tr("Area"), "area", self.area)
        self.add_field(self.tr("When"), "schedule", self.schedule)
        self.add_field(self.tr("Days"), "days", self.days_row)
        self.add_field(self.tr("Effort"), "weight", self.weight)
        self.add_field(self.tr("People needed"), "people", self.people)
        self.add_field(self.tr("Instructions"), "instructions", self.instructions)
        self.schedule.currentIndexChanged.connect(self._show_days)
        self._show_days()
        self.resize(520, 0)

    def _show_days(self) -> None:
        self.days_row.setEnabled(Schedule(self.schedule.currentData()) is not Schedule.DAILY)

    def submit(self) -> Done[ChoreInfo]:
        chore = ChoreInfo(
            id=self.chore.id,
            name=self.name.text(),
            area=self.area.text(),
            instructions=self.instructions.toPlainText(),
            schedule=Schedule(self.schedule.currentData()),
            days=frozenset(i for i, box in enumerate(self.day_boxes) if box.isChecked()),
            weight=self.weight.value(),
            people=self.people.value(),
            retired=self.chore.retired,
            version=self.chore.version,  # a change saved elsewhere since is not written over
        )
        return self.services.chores.save_chore(chore)
