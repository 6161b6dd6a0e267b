"""Import residents from a spreadsheet: pick the file, see every row, then import all or none."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from residence.errors import ResidenceError
from residence.residents.importing import ImportPreview
from residence.residents.spreadsheet import COLUMNS, IGNORED, REQUIRED
from residence.workspace import Workspace

from ui.events import AppEvents
from ui.widgets.form import error_colour
from ui.widgets.sizing import open_at

HEADERS = ("Line", "Name", "Move-in", "Room / bed", "Phase", "Check")


class ImportDialog(QDialog):
    def __init__(
        self, services: Workspace, events: AppEvents, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import residents from a spreadsheet"))
        self.services = services
        self.events = events
        self.data: bytes | None = None
        self.imported = 0
        help_text = QLabel(
            self.tr(
                "A CSV file (in Excel: Save As → CSV UTF-8) with a header row. Required "
                "columns: {required}. Optional: {optional}. Dates as 15 Mar 1990, YYYY-MM-DD "
                "or MM/DD/YYYY."
            ).format(
                required=", ".join(REQUIRED),
                optional=", ".join(c for c in COLUMNS if c not in (*REQUIRED, *IGNORED)),
            )
        )
        help_text.setWordWrap(True)
        self.path = QLineEdit()
        self.path.setReadOnly(True)
        self.path.setPlaceholderText(self.tr("No file chosen"))
        browse = QPushButton(self.tr("Choose file…"))
        browse.clicked.connect(self.choose_file)
        picker = QHBoxLayout()
        picker.addWidget(self.path, 1)
        picker.addWidget(browse)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(help_text)
        layout.addLayout(picker)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        open_at(self, 820, 520)

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the spreadsheet"), "", self.tr("CSV files (*.csv);;All files (*)")
        )
        if name:
            self.load(Path(name))

    def load(self, path: Path) -> None:
        """Read the file and show what would be imported; nothing is saved yet."""
        self.path.setText(str(path))
        try:
            self.data = path.read_bytes()
        except OSError as error:
            self.data = None
            self._show_summary(self.tr("Can't read the file: {e}.").format(e=error.strerror), False)
            return
        self.show_preview(self.services.importer.preview(self.data))

    def show_preview(self, preview: ImportPreview) -> None:
        self.table.setRowCount(len(preview.rows))
        for row, item in enumerate(preview.rows):
            check = item.problem or (
                self.tr("OK · returning resident") if item.returning else self.tr("OK")
            )
            cells = (str(item.line), item.name, item.move_in, item.room_bed, item.phase, check)
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if item.problem and column == len(cells) - 1:
                    cell.setForeground(QColor(error_colour()))
                self.table.setItem(row, column, cell)
        if preview.can_import:
            text = self.tr("{n} residents will be imported.").format(n=len(preview.rows))
        else:
            problems = "\n".join(str(p) for p in preview.problems[:8])
            more = len(preview.problems) - 8
            extra = self.tr("\n…and {n} more.").format(n=more) if more > 0 else ""
            text = (
                self.tr("Nothing can be imported until these are fixed in the file:\n")
                + problems
                + extra
            )
        self._show_summary(text, preview.can_import)

    def _show_summary(self, text: str, ok: bool) -> None:
        self.summary.setText(text)
        self.summary.setStyleSheet("" if ok else f"color: {error_colour()};")
        self.import_button.setEnabled(ok)

    def run_import(self) -> None:
        if self.data is None:
            return
        try:
            done = self.services.importer.run(self.data)
        except ResidenceError as error:
            QMessageBox.warning(self, self.tr("Nothing was imported"), str(error))
            return
        self.imported = done.value
        self.accept()
        self.events.data_changed.emit(done.changes)
