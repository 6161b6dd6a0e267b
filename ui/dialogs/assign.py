"""Give one chore cell to someone by hand: who is free, and how much they already have."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)
from residence.chores.records import Candidate, GridCell
from residence.dates import format_date

from ui.widgets.sizing import open_at

NOBODY, ROTATION = -1, -2


class AssignDialog(QDialog):
    """Pick a person for ``cell``; ``chosen`` is their id, None to leave the cell empty."""

    def __init__(
        self, cell: GridCell, chore: str, candidates: list[Candidate], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Who does it?"))
        self.chosen: int | None = None
        self.back_to_rotation = False
        heading = QLabel(
            self.tr("<b>{chore}</b> on {day}").format(chore=chore, day=format_date(cell.day))
        )
        self.list = QListWidget()
        for candidate in candidates:
            text = self.tr("{name} — {load:.1f} effort this week").format(
                name=candidate.name, load=candidate.week_load
            )
            if candidate.why_not is not None:
                text += f" — {candidate.why_not}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, candidate.person_id)
            if not candidate.may_be_given:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.list.addItem(item)
            if candidate.person_id == cell.person_id:
                self.list.setCurrentItem(item)
        empty = QListWidgetItem(self.tr("Nobody: leave it empty"))
        empty.setData(Qt.ItemDataRole.UserRole, NOBODY)
        self.list.addItem(empty)
        if cell.locked:
            back = QListWidgetItem(self.tr("Back to the rotation (the next Regenerate decides)"))
            back.setData(Qt.ItemDataRole.UserRole, ROTATION)
            self.list.addItem(back)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(
            QLabel(self.tr("Least busy first. Exempt people can be chosen on purpose."))
        )
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        open_at(self, 460, 420)

    def accept(self) -> None:
        item = self.list.currentItem()
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return
        person = item.data(Qt.ItemDataRole.UserRole)
        self.back_to_rotation = person == ROTATION
        self.chosen = None if person in (NOBODY, ROTATION) else int(person)
        super().accept()
