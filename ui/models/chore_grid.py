"""The week's chore chart as a table: chores down the side, days across."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from residence.chores.records import GridCell, SignOff, WeekGrid

Index = QModelIndex | QPersistentModelIndex
COL_CHORE = 0
CELL_ROLE = Qt.ItemDataRole.UserRole + 1
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

# Tints with transparency read on light and dark themes alike.
TINTS = {
    SignOff.DONE: QColor(46, 160, 67, 60),
    SignOff.MISSED: QColor(220, 50, 47, 70),
    SignOff.EXCUSED: QColor(128, 128, 128, 60),
    SignOff.COVERED: QColor(38, 139, 210, 55),
}
NEEDS_SOMEONE = QColor(230, 160, 0, 80)
NOT_THAT_DAY = QColor(128, 128, 128, 28)


class ChoreGridModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.grid: WeekGrid | None = None
        self.apart: dict[int, str] = {}  # person -> what tells them from a namesake

    def set_grid(self, grid: WeekGrid) -> None:
        self.beginResetModel()
        self.grid = grid
        self.apart = _told_apart(grid)
        self.endResetModel()

    def cell_at(self, index: Index) -> GridCell | None:
        if self.grid is None or not index.isValid() or index.column() == COL_CHORE:
            return None
        return self.grid.rows[index.row()].cells[index.column() - 1]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() or self.grid is None else len(self.grid.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 8

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == COL_CHORE:
            return self.tr("Chore")
        if self.grid is None:
            return DAY_NAMES[section - 1]
        day = self.grid.days[section - 1]
        return f"{DAY_NAMES[day.weekday()]} {day.day}"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.grid is None or not index.isValid():
            return None
        row = self.grid.rows[index.row()]
        if index.column() == COL_CHORE:
            if role == Qt.ItemDataRole.DisplayRole:
                return row.label
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("{area} · effort {w} for the week").format(
                    area=row.area, w=row.weight
                )
            return None
        cell = row.cells[index.column() - 1]
        if role == CELL_ROLE:
            return cell
        if cell is None:
            return NOT_THAT_DAY if role == Qt.ItemDataRole.BackgroundRole else None
        return _cell_data(cell, role, self.apart)


def _told_apart(grid: WeekGrid) -> dict[int, str]:
    """Two people of one name on the week's chart get their record number beside it."""
    ids: dict[str, set[int]] = {}
    for cell in grid.cells():
        if cell.person_id is not None:
            ids.setdefault(cell.person_name, set()).add(cell.person_id)
    return {
        person: f" (record {person})" for same in ids.values() if len(same) > 1 for person in same
    }


def _cell_data(cell: GridCell, role: int, apart: dict[int, str]) -> Any:
    if role == Qt.ItemDataRole.DisplayRole:
        return cell_text(cell, apart.get(cell.person_id or 0, ""))
    if role == Qt.ItemDataRole.ToolTipRole:
        return cell_explanation(cell)
    if role == Qt.ItemDataRole.BackgroundRole:
        if cell.person_id is None or cell.away:
            return NEEDS_SOMEONE
        return TINTS.get(cell.status)
    if role == Qt.ItemDataRole.FontRole and cell.locked:
        font = QFont()
        font.setItalic(True)  # placed by hand: kept when the week is regenerated
        return font
    return None


def cell_text(cell: GridCell, apart: str = "") -> str:
    """Who, with how it went first: a narrow column elides the end of a name, never the mark,
    so the tint is never the only sign."""
    if cell.person_id is None:
        return "— nobody —"
    marks = {
        SignOff.DONE: "✓ ",
        SignOff.MISSED: "✗ missed: ",
        SignOff.EXCUSED: "excused: ",
        SignOff.COVERED: f"→ {cell.covered_by} for ",
    }
    away = " (moved out)" if cell.away else ""
    return f"{marks.get(cell.status, '')}{cell.person_name}{apart}{away}"


def cell_explanation(cell: GridCell) -> str:
    """The one line that says why this person has this chore, and how it went."""
    parts = [f"Why: {cell.reason}" if cell.reason else ""]
    if cell.locked:
        parts.append("placed by hand (kept when the week is regenerated)")
    if cell.status is not SignOff.PENDING:
        parts.append(cell.status.label + (f": {cell.note}" if cell.note else ""))
    return " · ".join(p for p in parts if p)
