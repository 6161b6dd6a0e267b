"""Forms that show each error beside the field it is about."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)


def error_colour() -> str:
    """A red that reads well on the current theme's background (light or dark)."""
    window = QApplication.palette().color(QPalette.ColorRole.Window)
    return "#ff8a80" if window.lightness() < 128 else "#b00020"


class FieldErrors:
    """A red message under each field of a QFormLayout, keyed by the service's field names."""

    def __init__(self) -> None:
        self._labels: dict[str, QLabel] = {}
        self._widgets: dict[str, QWidget] = {}

    def add_row(self, form: QFormLayout, label: str, field: str, widget: QWidget) -> None:
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        message = QLabel()
        message.setObjectName(f"error_{field}")
        message.setWordWrap(True)
        message.setStyleSheet(f"color: {error_colour()}; font-weight: 600;")
        message.hide()
        column.addWidget(message)
        form.addRow(label, holder)
        self._labels[field] = message
        self._widgets[field] = widget

    def show(self, errors: Mapping[str, str]) -> list[str]:
        """Show the messages for known fields; return those that belong to no field."""
        self.clear()
        unplaced = []
        for field, text in errors.items():
            if field in self._labels:
                self._labels[field].setText(text)
                self._labels[field].show()
            else:
                unplaced.append(text)
        first = next((f for f in errors if f in self._widgets), None)
        if first is not None:
            _reveal(self._widgets[first])
            self._widgets[first].setFocus()
        return unplaced

    def set_one(self, field: str, text: str) -> None:
        label = self._labels[field]
        label.setText(text)
        label.setVisible(bool(text))

    def clear(self) -> None:
        for label in self._labels.values():
            label.clear()
            label.hide()

    def message(self, field: str) -> str:
        label = self._labels.get(field)
        return label.text() if label is not None and not label.isHidden() else ""


def _reveal(widget: QWidget) -> None:
    """Bring the tab (or stacked page) holding ``widget`` to the front."""
    child: QWidget | None = widget
    while child is not None:
        parent = child.parentWidget()
        if isinstance(parent, QStackedWidget):
            parent.setCurrentWidget(child)
        child = parent


def field_value(widget: QWidget) -> object:
    """What a field holds, to tell whether the user changed it."""
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentIndex(), widget.currentText()
    if isinstance(widget, QSpinBox):
        return widget.value()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QTimeEdit):
        return widget.time().toString()
    if isinstance(widget, QListWidget):  # a list to tick
        items = (widget.item(row) for row in range(widget.count()))
        return tuple(item.checkState() for item in items if item is not None)
    # A group of fields (a grid of check boxes): the values of what it holds.
    children = widget.findChildren(QWidget)
    return tuple(field_value(child) for child in children if isinstance(child, _INPUTS))


_INPUTS = (QLineEdit, QPlainTextEdit, QComboBox, QSpinBox, QCheckBox, QTimeEdit, QListWidget)


def input_fields(widget: QWidget) -> list[QWidget]:
    """``widget`` if it is a field, else the fields it holds (a grid of check boxes)."""
    if isinstance(widget, _INPUTS):
        return [widget]
    return [child for child in widget.findChildren(QWidget) if isinstance(child, _INPUTS)]


CHOOSER_LETTERS = 24  # a chooser shows this much of a long choice; its list shows it whole


def fitting(combo: QComboBox) -> QComboBox:
    """``combo`` no wider than a common name, however long its longest choice (a name in
    several scripts would otherwise widen its dialog off the screen); the choice shown is
    elided, its tooltip whole."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(CHOOSER_LETTERS)
    combo.setSizePolicy(QSizePolicy.Policy.Expanding, combo.sizePolicy().verticalPolicy())
    combo.currentTextChanged.connect(combo.setToolTip)
    return combo
