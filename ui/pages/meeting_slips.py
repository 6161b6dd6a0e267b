"""The Meetings page's outside meetings: a stack of slips logged at once, each resident's
count this week against their phase's quota, and their slips of the last four weeks."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from residence.dates import format_date
from residence.meetings.records import FELLOWSHIPS, OutsideEntry, QuotaLine
from residence.residents.records import Status
from residence.workspace import Workspace

from ui.events import AppEvents
from ui.pages.meeting_tab import MeetingsTab
from ui.widgets.date_field import DateField
from ui.widgets.form import error_colour


class SlipsTab(MeetingsTab):
    def __init__(self, services: Workspace, events: AppEvents) -> None:
        super().__init__(services, events)
        self.quota_lines: list[QuotaLine] = []
        self.entries: list[OutsideEntry] = []
        form = QFormLayout()
        self.slip_day = DateField(required=True)
        self.slip_day.set_date(self.today())
        self.fellowship = QComboBox()
        self.fellowship.addItems(list(FELLOWSHIPS))
        self.fellowship.setEditable(True)
        self.slip_meeting = QLineEdit()
        self.slip_meeting.setPlaceholderText(self.tr("Meeting name or place"))
        self.online = QCheckBox(self.tr("Online"))
        self.slip_seen = QCheckBox(self.tr("Slip seen and signed"))
        self.slip_seen.setChecked(True)
        self.who = QListWidget()
        form.addRow(self.tr("Date"), self.slip_day)
        form.addRow(self.tr("Fellowship"), self.fellowship)
        form.addRow(self.tr("Meeting"), self.slip_meeting)
        form.addRow("", self.online)
        form.addRow("", self.slip_seen)
        form.addRow(self.tr("Who went (tick all)"), self.who)
        save = QPushButton(self.tr("Log these slips"))
        save.clicked.connect(self.log_slips)
        form.addRow("", save)
        self.quota = QTableWidget(0, 4)
        self.quota.setHorizontalHeaderLabels(
            [self.tr("Resident"), self.tr("Phase"), self.tr("This week"), self.tr("Quota")]
        )
        self.quota.verticalHeader().hide()
        self.quota.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout = QHBoxLayout(self)
        left = QWidget()
        left.setLayout(form)
        layout.addWidget(left, 1)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("<b>Outside meetings this week</b> (short of quota first)")))
        right.addWidget(self.quota, 1)
        right.addWidget(
            QLabel(self.tr("<b>Their slips, last four weeks</b> (select a resident above)"))
        )
        self.log = QListWidget()
        right.addWidget(self.log, 1)
        remove = QPushButton(self.tr("Remove a slip logged by mistake"))
        remove.clicked.connect(self.remove_slip)
        right.addWidget(remove)
        self.quota.currentCellChanged.connect(lambda *_: self._show_log())
        layout.addLayout(right, 1)

    def _show_log(self) -> None:
        self.log.clear()
        self.entries = []
        row = self.quota.currentRow()
        if not 0 <= row < len(self.quota_lines):
            return
        person = self.quota_lines[row].person_id
        self.entries = self.services.attendance.outside_log(
            person, self.today() - timedelta(weeks=4), self.today()
        )
        for entry in reversed(self.entries):
            how = self.tr("online") if entry.online else self.tr("in person")
            slip = self.tr("slip seen") if entry.slip_seen else self.tr("no slip")
            self.log.addItem(
                f"{format_date(entry.day)} — {entry.fellowship} {entry.meeting} ({how}, {slip})"
            )

    def remove_slip(self) -> None:
        row = self.log.currentRow()
        if 0 <= row < len(self.entries):
            entry = list(reversed(self.entries))[row]
            self._run(lambda: self.services.attendance.remove_slip(entry.id))

    def reload(self) -> None:
        ticked = {
            self.who.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.who.count())
            if self.who.item(i).checkState() == Qt.CheckState.Checked
        }
        self.who.clear()
        for row in self.services.queries.rows(Status.CURRENT):
            item = QListWidgetItem(row.name)
            item.setData(Qt.ItemDataRole.UserRole, row.person_id)
            item.setCheckState(_checked(row.person_id in ticked))
            self.who.addItem(item)
        lines = self.services.attendance.quotas(self.today())
        self.quota_lines = lines
        self.quota.setRowCount(len(lines))
        for r, line in enumerate(lines):
            for c, text in enumerate((line.name, line.phase, str(line.count), str(line.quota))):
                cell = QTableWidgetItem(text)
                if line.short:
                    cell.setForeground(QColor(error_colour()))
                self.quota.setItem(r, c, cell)
        self.quota.resizeColumnsToContents()

    def log_slips(self) -> None:
        people = [
            self.who.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.who.count())
            if self.who.item(i).checkState() == Qt.CheckState.Checked
        ]
        try:
            day = self.slip_day.date()
        except ValueError as error:
            QMessageBox.warning(self, self.tr("Not logged"), str(error))
            return
        assert day is not None
        if self._run(
            lambda: self.services.attendance.log_slips(
                day,
                people,
                self.fellowship.currentText(),
                self.slip_meeting.text(),
                online=self.online.isChecked(),
                slip_seen=self.slip_seen.isChecked(),
            )
        ):
            for i in range(self.who.count()):
                self.who.item(i).setCheckState(_checked(False))
            self._tell(self.tr("{n} slips logged.").format(n=len(people)))


def _checked(on: bool) -> Qt.CheckState:
    return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
