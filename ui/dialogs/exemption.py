"""Excuse a resident from all chores, or one, for a while (work shift, medical, first days)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget
from residence.changes import Done
from residence.chores.records import ExemptionInfo
from residence.errors import ValidationError
from residence.residents.records import Status
from residence.workspace import Workspace

from ui.dialogs.base import FormDialog, date_problem
from ui.events import AppEvents
from ui.widgets.date_field import DateField


class ExemptionDialog(FormDialog):
    def __init__(
        self, services: Workspace, events: AppEvents, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Exempt from chores"), events, parent)
        self.services = services
        self.person = QComboBox()
        for person_id, name in services.queries.names(Status.CURRENT):  # namesakes told apart
            self.person.addItem(name, person_id)
        self.chore = QComboBox()
        self.chore.addItem(self.tr("All chores"), None)
        for chore in services.chores.chores():
            self.chore.addItem(chore.name, chore.id)
        self.start = DateField(required=True)
        self.start.set_date(today)
        self.end = DateField()
        self.end.setPlaceholderText(self.tr("until further notice"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Work shift, medical, first days in the house…"))
        self.add_field(self.tr("Resident*"), "person", self.person)
        self.add_field(self.tr("From chores"), "chore", self.chore)
        self.add_field(self.tr("First day*"), "start", self.start)
        self.add_field(self.tr("Last day"), "end", self.end)
        self.add_field(self.tr("Reason*"), "reason", self.reason)

    def submit(self) -> Done[ExemptionInfo]:
        problems = {
            **date_problem("start", "First day", self.start),
            **date_problem("end", "Last day", self.end),
        }
        if problems:
            raise ValidationError(problems)
        if self.person.currentData() is None:
            raise ValidationError.single("person", self.tr("Nobody lives in the house yet."))
        start = self.start.date()
        assert start is not None
        return self.services.chores.add_exemption(
            self.person.currentData(),
            self.chore.currentData(),
            start,
            self.end.date(),
            self.reason.text(),
        )
