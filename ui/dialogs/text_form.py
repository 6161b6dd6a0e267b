"""A short form of text fields saved by one service call: a room's name and beds, a bed's
label, why a chore was excused. Like every editing dialog it keeps what was typed and shows
the service's refusal beside its field."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtWidgets import QLineEdit, QWidget
from residence.changes import Done

from ui.dialogs.base import FormDialog
from ui.events import AppEvents

# (label, the service's field name, the text it starts with)
Field = tuple[str, str, str]


class TextForm(FormDialog):
    def __init__(
        self,
        title: str,
        events: AppEvents,
        fields: Sequence[Field],
        save: Callable[[Mapping[str, str]], Done[Any]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, events, parent)
        self._save = save
        self.edits: dict[str, QLineEdit] = {}
        for label, field, text in fields:
            edit = QLineEdit(text)
            self.edits[field] = edit
            self.add_field(label, field, edit)
        self.setMinimumWidth(520)  # a message under a field fits on one line

    def submit(self) -> Done[Any]:
        return self._save({field: edit.text() for field, edit in self.edits.items()})
