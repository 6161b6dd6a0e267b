"""Help ▸ Residence manual (F1) and Help ▸ Keyboard shortcuts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ui.widgets.sizing import open_at

MANUAL = Path(__file__).resolve().parents[1] / "README.md"

# Keys that belong to one page or to every form, not to a menu.
PAGE_KEYS = (
    ("Chores: assign the selected day", "Enter"),
    ("Chores: done / missed / excused / covered", "D / M / E / C"),
    ("Any form: save", "Enter"),
    ("Any form: close (asks first if something was changed)", "Esc"),
)


def show_manual(parent: QWidget) -> None:
    dialog = _closable(parent, parent.tr("Residence manual"))
    browser = QTextBrowser()
    browser.setOpenExternalLinks(False)  # the manual is read here, offline
    try:
        browser.setMarkdown(MANUAL.read_text(encoding="utf-8"))
    except OSError:
        browser.setPlainText(parent.tr("The manual (README.md) isn't installed beside the app."))
    dialog.body.insertWidget(0, browser, 1)
    open_at(dialog, 820, 640)
    dialog.exec()


def show_shortcuts(parent: QWidget, menus: list[QAction]) -> None:
    rows = [
        (f"{menu.text().replace('&', '')} ▸ {action.text().replace('&', '')}", _key(action))
        for menu in menus
        if isinstance(submenu := menu.menu(), QMenu)
        for action in submenu.actions()
        if not action.isSeparator() and not action.shortcut().isEmpty()
    ]
    rows += [(parent.tr(what), keys) for what, keys in PAGE_KEYS]
    table = QTableWidget(len(rows), 2)
    table.setHorizontalHeaderLabels([parent.tr("What"), parent.tr("Keys")])
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    for r, (what, keys) in enumerate(rows):
        table.setItem(r, 0, QTableWidgetItem(what))
        table.setItem(r, 1, QTableWidgetItem(keys))
    table.resizeColumnsToContents()
    table.horizontalHeader().setStretchLastSection(True)
    dialog = _closable(parent, parent.tr("Keyboard shortcuts"))
    dialog.body.insertWidget(0, table, 1)
    open_at(dialog, 560, 520)
    dialog.exec()


def _key(action: QAction) -> str:
    return action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)


class _Closable(QDialog):
    """Something to read, and Close."""

    def __init__(self, parent: QWidget, title: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout(self)
        self.body.addWidget(buttons)


def _closable(parent: QWidget, title: str) -> _Closable:
    return _Closable(parent, title)
