"""Running a change the manager asked for: on refusal say why, on success tell every page."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QBoxLayout, QMessageBox, QPushButton, QWidget
from residence.changes import Done
from residence.errors import ResidenceError, ValidationError

from ui.events import AppEvents

T = TypeVar("T")


def run_action(
    parent: QWidget, events: AppEvents, action: Callable[[], Done[T]], title: str = "Not changed"
) -> Done[T] | None:
    """The result of ``action``, or None after showing the user why it was refused."""
    try:
        done = action()
    except ValidationError as error:
        QMessageBox.warning(parent, parent.tr(title), " ".join(error.errors.values()))
        return None
    except ResidenceError as error:
        QMessageBox.warning(parent, parent.tr(title), str(error))
        return None
    events.data_changed.emit(done.changes)
    return done


def add_button(row: QBoxLayout, text: str, slot: Callable[[], object]) -> QPushButton:
    """A push button at the end of ``row`` that runs ``slot`` (Qt's ``checked`` argument
    dropped), returned so the caller can enable or rename it."""
    button = QPushButton(text)
    button.clicked.connect(lambda _checked=False: slot())
    row.addWidget(button)
    return button
