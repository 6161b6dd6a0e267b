"""Take a meeting's attendance: everyone who lives here that day, one key per person."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from residence.errors import ResidenceError
from residence.meetings.records import AttendanceLine, Occurrence, Presence
from residence.workspace import Workspace

from ui.events import AppEvents
from ui.widgets.sizing import open_at

KEYS = {
    Qt.Key.Key_P: Presence.PRESENT,
    Qt.Key.Key_L: Presence.LATE,
    Qt.Key.Key_E: Presence.EXCUSED,
    Qt.Key.Key_A: Presence.ABSENT,
}
LABELS = {
    Presence.PRESENT: "Present",
    Presence.LATE: "Late",
    Presence.EXCUSED: "Excused",
    Presence.ABSENT: "Absent",
}


class AttendanceTable(QTableWidget):
    """P, L, E or A marks the current person and moves to the next."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        status = KEYS.get(Qt.Key(event.key()))
        typing_reason = self.currentColumn() == 2  # letters there are the reason's text
        if (
            status is None
            or typing_reason
            or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            super().keyPressEvent(event)
            return
        combo = self.cellWidget(self.currentRow(), 1)
        if isinstance(combo, QComboBox) and combo.isEnabled():
            combo.setCurrentIndex(combo.findData(status.value))
        self.setCurrentCell(min(self.currentRow() + 1, self.rowCount() - 1), 0)


class AttendanceDialog(QDialog):
    def __init__(
        self,
        services: Workspace,
        events: AppEvents,
        event: Occurrence,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.events = events
        self.meeting_id = services.calendar.hold(event)
        self.setWindowTitle(self.tr("Attendance: {title}").format(title=event.title))
        self.lines: list[AttendanceLine] = services.attendance.sheet(self.meeting_id)
        self.table = AttendanceTable(len(self.lines), 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Resident"), self.tr("Attendance"), self.tr("Reason")]
        )
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        for row, line in enumerate(self.lines):
            name = QTableWidgetItem(line.name)
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, 0, name)
            combo = QComboBox()
            combo.addItem(self.tr("—"), None)
            for status, label in LABELS.items():
                combo.addItem(self.tr(label), status.value)
            combo.setCurrentIndex(combo.findData(line.status.value) if line.status else 0)
            self.table.setCellWidget(row, 1, combo)
            self.table.setItem(row, 2, QTableWidgetItem(line.reason))
        everyone = QPushButton(self.tr("Everyone not marked: present"))
        everyone.clicked.connect(self.everyone_present)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        self.locked = services.attendance.locked(self.meeting_id)
        if self.locked:  # said before anyone is marked, and nothing can be
            self._read_only(self.locked, everyone, buttons)
        layout.addWidget(
            QLabel(self.locked)
            if self.locked
            else QLabel(
                self.tr("Keys: P present, L late, E excused, A absent (then the next person).")
            )
        )
        layout.addWidget(self.table, 1)
        layout.addWidget(everyone)
        layout.addWidget(buttons)
        self.table.setCurrentCell(0, 0)
        open_at(self, 620, 520)

    def _read_only(self, why: str, everyone: QPushButton, buttons: QDialogButtonBox) -> None:
        self.setWindowTitle(self.windowTitle() + self.tr(" (read only)"))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row in range(self.table.rowCount()):
            self.combo(row).setEnabled(False)
        everyone.setEnabled(False)
        buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
        buttons.setToolTip(why)

    def combo(self, row: int) -> QComboBox:
        widget = self.table.cellWidget(row, 1)
        assert isinstance(widget, QComboBox)
        return widget

    def everyone_present(self) -> None:
        for row in range(self.table.rowCount()):
            if self.combo(row).currentData() is None:
                self.combo(row).setCurrentIndex(self.combo(row).findData(Presence.PRESENT.value))

    def save(self) -> None:
        marks = {}
        for row, line in enumerate(self.lines):
            status = self.combo(row).currentData()
            if status is not None:
                cell = self.table.item(row, 2)
                reason = cell.text().strip() if cell else ""
                if status == Presence.EXCUSED.value and not reason:
                    # An excused absence is recorded with its reason: that is what makes it excused.
                    QMessageBox.information(
                        self,
                        self.tr("Excused why?"),
                        self.tr("Write why {name} was excused.").format(name=line.name),
                    )
                    self.table.setCurrentCell(row, 2)
                    return
                marks[line.person_id] = (Presence(status), reason)
        try:
            done = self.services.attendance.record(self.meeting_id, marks)
        except ResidenceError as error:
            QMessageBox.warning(self, self.tr("Not saved"), str(error))
            return
        self.accept()
        self.events.data_changed.emit(done.changes)
