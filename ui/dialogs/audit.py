"""The audit trail, to read: every change, by whom, before and after; for one resident or a
period. Nothing here can change it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from residence.residents.records import Status
from residence.safety.audit import AuditLine, record_name
from residence.workspace import Workspace

from ui.widgets.date_field import DateField
from ui.widgets.form import fitting
from ui.widgets.sizing import open_at

COLUMNS = ("When", "Who", "Did", "Record", "What changed (before → after)")


class AuditDialog(QDialog):
    def __init__(self, services: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Audit trail"))
        self.services = services
        self.who = fitting(QComboBox())
        self.who.addItem(self.tr("Everyone and everything"), None)
        for person_id, name in services.queries.names(Status.ALL):
            self.who.addItem(name, person_id)
        self.first, self.last = DateField(), DateField()
        self.first.setPlaceholderText(self.tr("from"))
        self.last.setPlaceholderText(self.tr("to"))
        show = QPushButton(self.tr("Show"))
        show.clicked.connect(self.reload)
        self.check = QPushButton(self.tr("Check the trail"))
        self.check.clicked.connect(self.verify)
        self.verdict = QLabel()
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)
        filters = QHBoxLayout()
        for widget in (self.who, self.first, self.last, show):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.check)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.verdict)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        open_at(self, 1100, 640)
        self.reload()

    def reload(self) -> None:
        lines = self.services.audit.entries(
            self.who.currentData(), self.first.date(), self.last.date(), limit=2000
        )
        self.table.setRowCount(len(lines))
        for r, line in enumerate(lines):
            for c, text in enumerate(_cells(line)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.verdict.setText(
            self.tr("{n} changes shown, newest first (at most 2000).").format(n=len(lines))
        )

    def verify(self) -> str:
        """Check the chain, then every record against it; what is wrong, or ""."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # seconds on a big house
        try:
            broken = self.services.audit.verify()
            differ = [] if broken else self.services.audit.differences()
        finally:
            QApplication.restoreOverrideCursor()
        if broken:
            text = self.tr("⚠ The trail was tampered with: {where}.").format(where=broken)
        elif differ:
            shown = "; ".join(d.describe() for d in differ[:3])
            more = self.tr(" (and {n} more)").format(n=len(differ) - 3) if len(differ) > 3 else ""
            text = self.tr(
                "⚠ {n} records differ from the trail: {shown}{more}. Restore a backup you trust."
            ).format(n=len(differ), shown=shown, more=more)
        else:
            text = self.tr(
                "The trail is intact, and every record is what it says: nothing was changed "
                "or removed outside the app."
            )
        self.verdict.setText(text)
        self.verdict.setWordWrap(True)
        return "" if not broken and not differ else text


def _cells(line: AuditLine) -> tuple[str, ...]:
    # The name in Settings, then who was logged in: the computer's user, and on a server the
    # database role (which the server vouches for).
    logged_in = f"{line.os_user} · {line.db_role}" if line.db_role else line.os_user
    who = f"{line.manager} ({logged_in})" if line.manager else logged_in
    changed = "; ".join(
        f"{field}: {_short(before)} → {_short(after)}"
        for field, (before, after) in sorted(line.changes.items())
        if field != "id"
    )
    record = record_name(line.record)
    return (
        line.at.strftime("%d %b %Y %H:%M"),
        who,
        line.action,
        f"{record} #{line.record_id}",
        changed,
    )


def _short(value: object) -> str:
    text = "—" if value is None or value == "" else str(value)
    return text if len(text) <= 60 else text[:59] + "…"
