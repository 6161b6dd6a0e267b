"""Edit a resident's details (not their stays: those change through their own events)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget
from residence.changes import Done
from residence.errors import ValidationError
from residence.residents.records import ResidentDetail
from residence.workspace import Workspace

from ui.dialogs.base import FormDialog
from ui.dialogs.person_form import PersonFields
from ui.events import AppEvents
from ui.widgets.sizing import open_at


class EditPersonDialog(FormDialog):
    def __init__(
        self,
        services: Workspace,
        events: AppEvents,
        resident: ResidentDetail,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            self.tr("Edit {name}").format(name=resident.details.display_name), events, parent
        )
        self.services = services
        self.person_id = resident.person_id
        self.version = resident.version  # a change saved elsewhere since is not written over
        self.person = PersonFields(self)
        self.person.set_details(resident.details)
        self.body.addWidget(self.person.tabs)
        open_at(self, 560, 560)

    def submit(self) -> Done[None]:
        if problems := self.person.date_problems():
            raise ValidationError(problems)
        return self.services.residents.update_details(
            self.person_id, self.person.details(), seen=self.version
        )
