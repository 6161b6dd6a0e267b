"""Reading what a table shows, as a person reads its cells."""

from __future__ import annotations

from PySide6.QtWidgets import QTableWidget, QTableWidgetItem


def cell(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    """The item in a cell that must have one (a test fails here if it is empty)."""
    item = table.item(row, column)
    assert item is not None, f"no item at row {row}, column {column}"
    return item
