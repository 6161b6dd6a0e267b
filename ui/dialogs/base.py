"""The shape every editing dialog shares: fields with their errors, Save and Cancel.

Enter saves, Escape cancels, and closing with unsaved typing asks first.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)
from residence.changes import Done
from residence.errors import ResidenceError, ValidationError

from ui.events import AppEvents
from ui.widgets.date_field import DateField
from ui.widgets.form import FieldErrors, error_colour


class FormDialog(QDialog):
    """Subclasses add rows with ``add_field`` and implement ``submit``."""

    def __init__(self, title: str, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.events = events
        self.errors = FieldErrors()
        self.dirty = False
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
        self.errors.add_row(form or self.form, label, field, widget)
        self.watch(widget)
        if isinstance(widget, DateField):
            # Dates are checked as they are typed: the message appears under the field.
            widget.problem_changed.connect(partial(self.errors.set_one, field))

    def watch(self, widget: QWidget) -> None:
        """Count typing in ``widget`` as unsaved work."""
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(self._mark_dirty)
        elif isinstance(widget, QPlainTextEdit):
            widget.textChanged.connect(self._mark_dirty)
        elif isinstance(widget, QComboBox):
            widget.activated.connect(self._mark_dirty)
        elif isinstance(widget, QSpinBox):
            widget.valueChanged.connect(self._mark_dirty)
        elif isinstance(widget, QCheckBox):
            widget.toggled.connect(self._mark_dirty)
        elif isinstance(widget, QTimeEdit):
            widget.timeChanged.connect(self._mark_dirty)

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

    def _mark_dirty(self, *_: object) -> None:
        self.dirty = True


def date_problem(field: str, label: str, widget: Any) -> dict[str, str]:
    """The error for a DateField whose text isn't a date, keyed by its field."""
    problem = widget.problem()
    return {field: f"{label}: {problem}"} if problem else {}
