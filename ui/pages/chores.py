"""The chores page: the week's chart (generate, reassign, sign off, print), fairness, the
catalogue, and exemptions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from residence.changes import Area, Changes, Done
from residence.chores.records import Generated, GridCell, SignOff
from residence.dates import format_date
from residence.workspace import Workspace

from ui.dialogs.assign import AssignDialog
from ui.dialogs.text_form import TextForm
from ui.events import AppEvents
from ui.models.chore_grid import COL_CHORE, ChoreGridModel, cell_explanation
from ui.pages.chore_lists import CatalogueTab, ExemptionsTab, FairnessTab
from ui.pages.freshness import Freshness, read_tabs_when_opened
from ui.widgets.actions import run_action
from ui.widgets.flow import WrappingRow
from ui.widgets.form import error_colour
from ui.widgets.week_bar import week_bar

SHOWN_CHANGES = 3  # the status bar holds a line: the rest are on the chart itself


class ChoresPage(QWidget):
    def __init__(self, services: Workspace, events: AppEvents) -> None:
        super().__init__()
        self.services = services
        self.events = events
        self.today = services.clock.today
        self.week = services.weeks.week_of(self.today())
        self.model = ChoreGridModel()
        self.tabs = QTabWidget()
        self.tabs.addTab(self._week_tab(), self.tr("Week"))
        self.fairness = FairnessTab(services, events)
        self.catalogue = CatalogueTab(services, events)
        self.exemptions = ExemptionsTab(services, events)
        self.tabs.addTab(self.fairness, self.tr("Fairness"))
        self.tabs.addTab(self.catalogue, self.tr("Catalogue"))
        self.tabs.addTab(self.exemptions, self.tr("Exemptions"))
        read_tabs_when_opened(self.tabs)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        events.data_changed.connect(self._on_changed)
        self.freshness = Freshness(self, self.reload)  # read when opened

    # -- layout ------------------------------------------------------------------------------

    def _week_tab(self) -> QWidget:
        tab = QWidget()
        bar, self.week_label = week_bar(self.go, emphasised=True)
        self.generate_button = QPushButton(self.tr("Generate the week"))
        self.generate_button.clicked.connect(self.generate)
        self.print_button = QPushButton(self.tr("Print chart…"))
        self.print_button.clicked.connect(self.print_chart)
        bar.addWidget(self.generate_button)
        bar.addWidget(self.print_button)
        self.table = self._make_table()
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(f"color: {error_colour()}; font-weight: 600;")
        layout = QVBoxLayout(tab)
        layout.addWidget(bar)
        layout.addWidget(self.banner)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.explain)
        layout.addWidget(self._sign_off_bar())
        return tab

    def _make_table(self) -> QTableView:
        table = KeyTable(
            {
                Qt.Key.Key_D: lambda: self.sign(SignOff.DONE),
                Qt.Key.Key_M: lambda: self.sign(SignOff.MISSED),
                Qt.Key.Key_E: self.excuse,
                Qt.Key.Key_C: self.covered,
                Qt.Key.Key_Return: self.assign,
                Qt.Key.Key_Enter: self.assign,
            }
        )
        table.setModel(self.model)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_CHORE, QHeaderView.ResizeMode.ResizeToContents)
        table.doubleClicked.connect(lambda _index: self.assign())
        table.selectionModel().currentChanged.connect(self._on_current)
        for text, slot in (
            (self.tr("Assign…\tEnter"), self.assign),
            (self.tr("Done\tD"), lambda: self.sign(SignOff.DONE)),
            (self.tr("Missed\tM"), lambda: self.sign(SignOff.MISSED)),
            (self.tr("Excused…\tE"), self.excuse),
            (self.tr("Covered by…\tC"), self.covered),
            (self.tr("Undo sign-off"), lambda: self.sign(SignOff.PENDING)),
        ):
            action = QAction(text, table)
            action.triggered.connect(lambda _c=False, slot=slot: slot())
            table.addAction(action)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        return table

    def _sign_off_bar(self) -> WrappingRow:
        bar = WrappingRow()
        bar.addWidget(QLabel(self.tr("Selected chore:")))
        for text, slot in (
            (self.tr("Assign… (Enter)"), self.assign),
            (self.tr("Done (D)"), lambda: self.sign(SignOff.DONE)),
            (self.tr("Missed (M)"), lambda: self.sign(SignOff.MISSED)),
            (self.tr("Excused… (E)"), self.excuse),
            (self.tr("Covered by… (C)"), self.covered),
            (self.tr("Undo sign-off"), lambda: self.sign(SignOff.PENDING)),
        ):
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, slot=slot: slot())
            bar.addWidget(button)
        bar.addStretch(1)
        self.day_button = QPushButton(self.tr("Mark the whole day done"))
        self.day_button.clicked.connect(self.mark_day_done)
        bar.addWidget(self.day_button)
        return bar

    # -- data --------------------------------------------------------------------------------

    def go(self, step: int) -> None:
        start = self.services.weeks.week_of(self.today())
        self.week = start if step == 0 else self.week + timedelta(weeks=step)
        self.reload()

    def reload(self) -> None:
        keep = self.table.currentIndex()
        row, column = keep.row(), keep.column()
        grid = self.services.weeks.grid(self.week)
        self.model.set_grid(grid)
        if keep.isValid() and row < self.model.rowCount():
            # The same cell stays selected: signing off a row goes on from where you were.
            self.table.setCurrentIndex(self.model.index(row, column))
        self.week_label.setText(
            self.tr("Week of {first} – {last}").format(
                first=format_date(grid.start), last=format_date(grid.end)
            )
        )
        past = grid.end < self.today()
        self.generate_button.setText(
            self.tr("Regenerate") if grid.generated else self.tr("Generate the week")
        )
        self.generate_button.setEnabled(not (past and grid.generated))
        self.generate_button.setToolTip(
            self.tr("Past weeks stay as they happened.")
            if past and grid.generated
            else self.tr(
                "Only cells with a reason to change are placed again: someone moved out or is "
                "exempt, a chore changed, or someone has no chore yet."
            )
        )
        self.table.setVisible(grid.generated)
        self.empty.setVisible(not grid.generated)
        self.empty.setText(
            self.tr(
                "No rotation for this week yet. “Generate the week” shares the chores out fairly."
            )
            if self.services.chores.chores()
            else self.tr("No chores yet: add them in the Catalogue tab, then generate the week.")
        )
        needing = [c for c in grid.cells() if c.away and c.day >= self.today()]
        self.banner.setVisible(bool(needing))
        self.banner.setText(
            self.tr(
                "{n} chores belong to someone who moved out or is now exempt. "
                "Regenerate to share them out again, or assign them by hand."
            ).format(n=len(needing))
        )
        self._on_current(self.table.currentIndex(), QModelIndex())

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(Area.CHORES, Area.RESIDENTS, Area.HOUSE):
            self.freshness.changed()

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        cell = self.model.cell_at(current)
        if cell is None:
            self.explain.setText(
                self.tr("Select a chore on a day to see why it went to that person.")
            )
            self.day_button.setEnabled(False)
            return
        self.day_button.setEnabled(cell.day <= self.today())
        self.day_button.setText(self.tr("Mark {day} done").format(day=format_date(cell.day)))
        who = cell.person_name or self.tr("nobody")
        self.explain.setText(f"{format_date(cell.day)}: {who}. {cell_explanation(cell)}")

    def selected(self) -> GridCell | None:
        return self.model.cell_at(self.table.currentIndex())

    # -- actions -----------------------------------------------------------------------------

    def generate(self) -> None:
        if self.model.grid is not None and self.model.grid.generated:
            answer = QMessageBox.question(
                self,
                self.tr("Regenerate the week?"),
                self.tr(
                    "Cells from today on change only where there is a reason: their person moved "
                    "out or is exempt, the chore changed, or someone has no chore this week. "
                    "Everything else, cells placed by hand (in italics) and days already past "
                    "stay as they are."
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        done = run_action(self, self.events, lambda: self.services.weeks.generate(self.week))
        if done is not None:
            self.tell(self._generated_message(done.value))

    def _generated_message(self, generated: Generated) -> str:
        """What generating did: “2 cells changed: Kitchen Thu–Sun: Ana → Ben (Ana moved out)”."""
        if not generated.remade:
            return self.tr("The week's chores are shared out.")
        if not generated.changes:
            return self.tr("Nothing needed changing: every cell is as it was.")
        shown = "; ".join(str(change) for change in generated.changes[:SHOWN_CHANGES])
        more = len(generated.changes) - SHOWN_CHANGES
        if more > 0:
            shown += self.tr("; and {n} more").format(n=more)
        return self.tr("{n} cells changed: {changes}.").format(
            n=generated.cells_changed, changes=shown
        )

    def tell(self, message: str) -> None:
        """A short note in the window's status bar."""
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(message, 8000)

    def selected_or_say(self) -> GridCell | None:
        cell = self.selected()
        if cell is None:
            self.tell(self.tr("Select a chore on a day first."))
        return cell

    def assign(self) -> None:
        cell = self.selected_or_say()
        if cell is None:
            return
        assert self.model.grid is not None
        row = self.model.grid.rows[self.table.currentIndex().row()]
        dialog = AssignDialog(
            cell, row.label, self.services.weeks.candidates(cell.assignment_id), self
        )
        if dialog.exec():
            self._run(lambda: self.services.weeks.reassign(cell.assignment_id, dialog.chosen))

    def _not_yet(self, cell: GridCell) -> bool:
        """A day still ahead can't be signed off: said the same way for every key (D, M, E,
        C), in the status bar, before anything is asked."""
        if cell.day <= self.today():
            return False
        self.tell(self.tr("{day} hasn't come yet.").format(day=format_date(cell.day)))
        return True

    def sign(self, status: SignOff, note: str = "", covered_by: int | None = None) -> None:
        cell = self.selected_or_say()
        if cell is not None and not (status != SignOff.PENDING and self._not_yet(cell)):
            index = self.table.currentIndex()
            self._run(
                lambda: self.services.weeks.sign_off(cell.assignment_id, status, note, covered_by)
            )
            self.table.setCurrentIndex(index)

    def excuse(self) -> None:
        cell = self.selected_or_say()
        if cell is None or self._not_yet(cell):
            return
        index, weeks = self.table.currentIndex(), self.services.weeks
        TextForm(
            self.tr("Excused"),
            self.events,
            [(self.tr("Why were they excused?*"), "note", "")],
            lambda typed: weeks.sign_off(cell.assignment_id, SignOff.EXCUSED, typed["note"]),
            self,
        ).exec()
        self.table.setCurrentIndex(index)

    def covered(self) -> None:
        cell = self.selected_or_say()
        if cell is None or self._not_yet(cell):
            return
        people = [
            c
            for c in self.services.weeks.candidates(cell.assignment_id)
            if c.person_id != cell.person_id and c.lives_here
        ]
        if not people:
            self.tell(self.tr("Nobody else lived in the house that day."))
            return
        name, ok = QInputDialog.getItem(
            self,
            self.tr("Covered"),
            self.tr("Who did it instead?"),
            [p.name for p in people],
            0,
            False,
        )
        if ok:
            chosen = next(p.person_id for p in people if p.name == name)
            self.sign(SignOff.COVERED, covered_by=chosen)

    def mark_day_done(self) -> None:
        cell = self.selected_or_say()
        if cell is None:
            return
        counted: list[int] = []

        def mark() -> Done[int]:
            done = self.services.weeks.sign_off_day(cell.day)
            counted.append(done.value)
            return done

        if self._run(mark):
            self.tell(
                self.tr("{n} chores of {day} marked done.").format(
                    n=counted[0], day=format_date(cell.day)
                )
            )

    def print_chart(self) -> None:
        from residence.chores.report import ChoreChart, chart_file_name, chore_chart_pdf

        from ui.pdf_view import PdfPreview

        grid = self.services.weeks.grid(self.week)
        if not grid.generated:
            QMessageBox.information(
                self, self.tr("Nothing to print"), self.tr("Generate the week first.")
            )
            return
        settings = self.services.house.settings()
        chart = ChoreChart(settings.name if settings else "", grid, self.services.clock.now())
        title = self.tr("Chore chart, week of {day}").format(day=format_date(grid.start))
        PdfPreview(chore_chart_pdf(chart), title, chart_file_name(grid.start), self).exec()

    def _run(self, action: Callable[[], Done[object]]) -> bool:
        return run_action(self, self.events, action) is not None


class KeyTable(QTableView):
    """A table where a plain key signs off the selected cell (D done, M missed, …)."""

    def __init__(self, keys: dict[Qt.Key, Callable[[], None]]) -> None:
        super().__init__()
        self._keys = keys

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        action = self._keys.get(Qt.Key(event.key()))
        if action is not None and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            action()
            return
        super().keyPressEvent(event)
