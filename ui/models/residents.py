"""The residents table: one row per person, by their latest stay."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from residence.dates import format_date
from residence.residents.records import ResidentRow
from residence.text_rules import fold, sort_text

Index = QModelIndex | QPersistentModelIndex

COL_NAME, COL_BED, COL_PHASE, COL_MOVE_IN, COL_MOVE_OUT, COL_SOBER, COL_CASE_MANAGER = range(7)
HEADERS = ("Name", "Room / bed", "Phase", "Move-in", "Move-out", "Days sober", "Case manager")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3
DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)


class ResidentTableModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: list[ResidentRow] = []
        self._cells: list[tuple[str, ...]] = []
        self._haystacks: list[str] = []

    def set_rows(self, rows: list[ResidentRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        # Made once here, so painting and a search keystroke only look strings up.
        self._cells = [tuple(_display(row, c) for c in range(len(HEADERS))) for row in rows]
        self._haystacks = [fold(" ".join(cells)) for cells in self._cells]
        self.endResetModel()

    def haystacks(self) -> list[str]:
        """Each row's folded text, for the search (see FoldedSearchProxy)."""
        return self._haystacks

    def row_of(self, person_id: int) -> int | None:
        return next((i for i, row in enumerate(self._rows) if row.person_id == person_id), None)

    def row_at(self, row: int) -> ResidentRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == DISPLAY:  # by far the most asked: first, and as a plain int
            return self._cells[index.row()][index.column()]
        row = self._rows[index.row()]
        if role == SORT_ROLE:
            return _sort_key(row, index.column())
        if role == ID_ROLE:
            return row.person_id
        if role == SEARCH_ROLE:
            return self._haystacks[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == COL_NAME:
            return row.name  # long names are elided in the cell
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == COL_SOBER:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def _display(row: ResidentRow, column: int) -> str:
    if column == COL_NAME:
        return row.name
    if column == COL_BED:
        return row.room_bed
    if column == COL_PHASE:
        return row.phase
    if column == COL_MOVE_IN:
        return format_date(row.move_in)
    if column == COL_MOVE_OUT:
        return format_date(row.move_out) if row.move_out else ""
    if column == COL_SOBER:
        return "" if row.days_sober is None else str(row.days_sober)
    return row.case_manager


def _sort_key(row: ResidentRow, column: int) -> Any:
    """Sort dates and numbers as such, names by last name."""
    if column == COL_NAME:
        return f"{sort_text(row.last_name)} {sort_text(row.first_name)}"
    if column == COL_MOVE_IN:
        return row.move_in.toordinal()
    if column == COL_MOVE_OUT:
        return row.move_out.toordinal() if row.move_out else 0
    if column == COL_SOBER:
        return -1 if row.days_sober is None else row.days_sober
    return sort_text(_display(row, column))
