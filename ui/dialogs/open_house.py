"""File ▸ Open…: another house — a file on this computer, or a database on a server — typed,
chosen from the disk, or picked from the houses opened lately."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)
from residence.changes import Changes, Done
from residence.errors import ResidenceError, ValidationError
from residence.workspace import Location, Server, parse_location

from ui.dialogs.base import FormDialog
from ui.events import AppEvents
from ui.recent import recent_houses

ADDRESS_HINT = "postgresql://you@server/houses?sslmode=require"


class OpenHouseDialog(FormDialog):
    """Sets ``chosen`` to the house to open; the window then closes this one and opens it."""

    def __init__(self, events: AppEvents, parent: QWidget | None, *, current: Location) -> None:
        super().__init__(self.tr("Open a house"), events, parent)
        self.chosen: Location | None = None
        self.current = str(current)
        self.where = QLineEdit()
        self.where.setPlaceholderText(ADDRESS_HINT)
        self.where.setMinimumWidth(self.fontMetrics().horizontalAdvance(ADDRESS_HINT) + 40)
        browse = QPushButton(self.tr("Choose a file…"))
        browse.clicked.connect(self.choose_file)
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.where, 1)
        line.addWidget(browse)
        self.add_field(self.tr("House file or server"), "where", row)
        note = QLabel(
            self.tr(
                "A server's address is kept in the recent list without its password: the "
                "password comes from your .pgpass file, or is asked each time."
            )
        )
        note.setWordWrap(True)
        self.form.addRow("", note)
        self.recent = QListWidget()
        for shown in recent_houses():
            if shown != self.current:
                item = QListWidgetItem(shown)
                item.setToolTip(shown)
                self.recent.addItem(item)
        self.recent.currentTextChanged.connect(self.where.setText)
        self.recent.itemDoubleClicked.connect(lambda _item: self.save())
        if self.recent.count():
            self.form.addRow(self.tr("Opened lately"), self.recent)
        else:
            self.recent.hide()
        self.save_button.setText(self.tr("Open"))

    def choose_file(self) -> None:
        start = self.current if not self.current.startswith("postgres") else str(Path.home())
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Open a house file"),
            str(Path(start).parent),
            self.tr("House files (*.sqlite3);;All files (*)"),
        )
        if chosen:
            self.where.setText(chosen)

    def submit(self) -> Done[None]:
        typed = self.where.text().strip()
        if not typed:
            raise ValidationError.single(
                "where", self.tr("Choose a house file, or type a server's address.")
            )
        try:
            where = parse_location(typed)
            if isinstance(where, Server):
                where.check_encrypted()
        except ResidenceError as error:
            raise ValidationError.single("where", str(error)) from None
        if isinstance(where, Path) and not where.is_file():
            raise ValidationError.single(
                "where",
                self.tr(
                    "{file} isn't there (moved, renamed, or on a drive not plugged in)."
                ).format(file=where),
            )
        if str(where.absolute() if isinstance(where, Path) else where) == self.current:
            raise ValidationError.single("where", self.tr("This house is the one open now."))
        self.chosen = where
        return Done(None, Changes.of())

    def reject(self) -> None:
        QDialog.reject(self)  # nothing typed here is work to lose
