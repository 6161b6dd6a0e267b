"""The small pieces the list pages share: a read-only table, a row of buttons, a status line."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QPushButton, QTableWidget, QTableWidgetItem, QWidget

from ui.widgets.flow import WrappingRow


def list_table(columns: Sequence[str]) -> QTableWidget:
    """A read-only table of whole rows, one selected at a time, one line per cell."""
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(list(columns))
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    # Columns fit the first rows, not every one of ten years of them.
    table.horizontalHeader().setResizeContentsPrecision(100)
    table.setWordWrap(False)
    return table


def fill_table(table: QTableWidget, rows: Sequence[Sequence[str]]) -> None:
    """Put ``rows`` of text in ``table`` (sorting off while filling), then fit the columns."""
    table.setSortingEnabled(False)
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            table.setItem(r, c, QTableWidgetItem(text))
    table.resizeColumnsToContents()


def button_row(actions: Sequence[tuple[str, Callable[[], None]]]) -> WrappingRow:
    """The buttons in a row that wraps when the window is narrow."""
    bar = WrappingRow()
    for text, slot in actions:
        button = QPushButton(text)
        button.clicked.connect(lambda _c=False, slot=slot: slot())
        bar.addWidget(button)
    bar.addStretch(1)
    return bar


def tell(widget: QWidget, message: str) -> None:
    """A short message in the window's status bar (nothing modal to click away)."""
    status = getattr(widget.window(), "statusBar", None)
    if callable(status):
        status().showMessage(message, 8000)
