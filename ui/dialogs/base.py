"""The shape every editing dialog shares: fields with their errors, Save and Cancel.

Enter saves, Escape cancels, and closing with unsaved typing asks first. Unsaved means the
user changed something: the fields are compared with what they held when the dialog opened,
so filling them in is not a change, and typing a value back as it was is none either.
"""

from __future__ import annotations

from functools import partial
from itertools import pairwise
from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)
from residence.changes import Done
from residence.errors import ResidenceError, ValidationError

from ui.events import AppEvents
from ui.widgets.date_field import DateField
from ui.widgets.form import FieldErrors, error_colour, field_value, fitting, input_fields


class FormDialog(QDialog):
    """Subclasses add rows with ``add_field`` and implement ``submit``."""

    def __init__(self, title: str, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.events = events
        self.errors = FieldErrors()
        self._watched: list[QWidget] = []
        self._opened_with: list[object] | None = None  # the fields' values when it opened
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(f"color: {error_colour()}; font-weight: 600;")
        self.banner.hide()
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        self.body = QVBoxLayout()  # subclasses may put tabs here instead of the form
        self.body.addLayout(self.form)
        layout.addLayout(self.body)
        layout.addWidget(self.buttons)

    @property
    def save_button(self) -> QAbstractButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    def add_field(
        self, label: str, field: str, widget: QWidget, form: QFormLayout | None = None
    ) -> None:
        if isinstance(widget, QComboBox):
            fitting(widget)
        self.errors.add_row(form or self.form, label, field, widget)
        self.watch(widget)
        if isinstance(widget, DateField):
            # Dates are checked as they are typed: the message appears under the field.
            widget.problem_changed.connect(partial(self.errors.set_one, field))

    def watch(self, widget: QWidget) -> None:
        """Count a change to ``widget`` as unsaved work."""
        self._watched.append(widget)
        self._opened_with = None

    @property
    def dirty(self) -> bool:
        """Whether a field holds anything else than when the dialog opened."""
        return self._opened_with is not None and self._opened_with != self._values()

    @dirty.setter
    def dirty(self, value: bool) -> None:
        """``False``: the fields as they are now are the starting point (a subclass filled
        them in, or they were saved)."""
        if not value:
            self._opened_with = self._values()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        if self._opened_with is None:
            self._opened_with = self._values()
            self._reading_order()
        super().showEvent(event)

    def _reading_order(self) -> None:
        """Tab goes through the fields in the order they are read, then the buttons; the
        dialog opens on its first field (not on a button)."""
        chain = [field for widget in self._watched for field in input_fields(widget)]
        chain += self.buttons.buttons()
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)
        focused = self.focusWidget()
        if chain and (focused is None or isinstance(focused, QAbstractButton)):
            first = next((f for f in chain if f.isEnabled() and not f.isHidden()), chain[0])
            first.setFocus()

    def _values(self) -> list[object]:
        return [field_value(widget) for widget in self._watched]

    def submit(self) -> Done[Any]:
        raise NotImplementedError

    def save(self) -> None:
        self.banner.hide()
        try:
            done = self.submit()
        except ValidationError as error:
            unplaced = self.errors.show(error.errors)
            if unplaced:
                self.show_banner(" ".join(unplaced))
            self._make_room()
            return
        except ResidenceError as error:
            self.errors.clear()
            self.show_banner(str(error))
            return
        self.dirty = False
        self.accept()
        self.events.data_changed.emit(done.changes)

    def show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.show()
        self._make_room()

    def _make_room(self) -> None:
        """Grow (never shrink) so that every message shows whole."""
        self.resize(self.size().expandedTo(self.sizeHint()))

    def reject(self) -> None:
        if self.dirty and not self._confirm_discard():
            return
        super().reject()

    def _confirm_discard(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Discard changes?"),
            self.tr("You have typed changes that are not saved. Discard them?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard


def date_problem(field: str, label: str, widget: Any) -> dict[str, str]:
    """The error for a DateField whose text isn't a date, keyed by its field."""
    problem = widget.problem()
    return {field: f"{label}: {problem}"} if problem else {}
