"""The main window: areas on the left, one page each, the house and file in the status bar."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QSize, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMenu,
    QMessageBox,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QWidget,
)
from residence import __version__
from residence.changes import Area, Changes
from residence.chores.records import SignOff
from residence.residents.records import Status
from residence.residents.spreadsheet import write_sheet
from residence.safety.exports import ExportError, export
from residence.workspace import Workspace

from ui.backups import automatic_backup, back_up_now, check_now, choose_restore
from ui.dialogs.audit import AuditDialog
from ui.dialogs.import_residents import ImportDialog
from ui.dialogs.open_house import OpenHouseDialog
from ui.events import AppEvents
from ui.house_tasks import HouseTask, OpenOther, RestoreBackup
from ui.lock_screen import IdleWatch, LockScreen
from ui.pages.all_houses import AllHousesPage, several_houses
from ui.pages.chores import ChoresPage
from ui.pages.consents import ConsentsPage
from ui.pages.freshness import Freshness
from ui.pages.home import HomePage
from ui.pages.meetings import MeetingsPage
from ui.pages.mentors import MentorsPage
from ui.pages.residents import ResidentsPage
from ui.pages.settings import SettingsPage
from ui.server_news import watch_server
from ui.widgets.sizing import within_screen

HOME, RESIDENTS, CHORES, MEETINGS, MENTORS, CONSENTS, SETTINGS = range(7)
NAV_STYLE = "QListWidget { font-size: 11pt; } QListWidget::item { padding: 8px; }"


class MainWindow(QMainWindow):
    def __init__(
        self,
        services: Workspace,
        events: AppEvents,
        database_label: str,
        *,
        backups: bool = False,
    ) -> None:
        super().__init__()
        self.task: HouseTask | None = None  # done to the file once the window has closed
        self.services = services
        self.events = events
        self.today = services.clock.today
        self.home = HomePage(services, events)
        self.residents = ResidentsPage(services, events)
        self.chores = ChoresPage(services, events)
        self.meetings = MeetingsPage(services, events)
        self.mentors = MentorsPage(services, events)
        self.consents = ConsentsPage(services, events)
        self.settings_page = SettingsPage(services, events)
        # For an operator (or a manager of several): every house, a line each.
        self.all_houses = AllHousesPage(services, events) if several_houses(services) else None
        self.nav = QListWidget()
        self.pages = QStackedWidget()
        self._page_list: list[QWidget] = []
        every = [(self.tr("All houses"), self.all_houses)] if self.all_houses else []
        for title, page in (
            (self.tr("Home"), self.home),
            (self.tr("Residents"), self.residents),
            (self.tr("Chores"), self.chores),
            (self.tr("Meetings"), self.meetings),
            (self.tr("Mentors"), self.mentors),
            (self.tr("Consents"), self.consents),
            (self.tr("Settings"), self.settings_page),
            *every,  # last: the pages' numbers (Ctrl+1…) are the same in every window
        ):
            self.nav.addItem(title)
            self._page_list.append(page)
            self.pages.addWidget(scrolling(page))
        self.nav.setFixedWidth(160)
        # Bigger targets than a plain list; colours stay the theme's.
        self.nav.setStyleSheet(NAV_STYLE)
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.pages.currentChanged.connect(self._opened)
        content = QWidget()
        layout = QHBoxLayout(content)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self.lock_screen = LockScreen(services.passphrase_matches)
        self.lock_screen.unlocked.connect(self.unlock)
        self.screens = QStackedWidget()
        self.screens.addWidget(content)
        self.screens.addWidget(self.lock_screen)
        self.setCentralWidget(self.screens)
        self.hidden_while_locked: list[QWidget] = []
        self.file_label = QLabel(database_label)
        self.file_label.setToolTip(database_label)
        # A long path must not set the window's width: the label gives way (its tooltip has it).
        self.file_label.setMinimumWidth(0)
        self.file_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.statusBar().addPermanentWidget(self.file_label)
        self.home.resident_chosen.connect(self.show_resident)
        if self.all_houses is not None:
            self.all_houses.house_chosen.connect(
                lambda name: self.run_task(OpenOther(services.location, house=name))
            )
        self.residents.import_requested.connect(self.import_residents)
        self.residents.progress_requested.connect(self.progress_report_for)
        events.data_changed.connect(self._on_changed)
        self._build_menus()
        if backups and services.path is not None:
            # At most once a day while the app runs (it also backs up when it closes).
            self.backup_timer = QTimer(self)
            daily = partial(
                automatic_backup,
                services.path,
                services.passphrase,
                services.clock,
                only_if_due=True,
            )
            self.backup_timer.timeout.connect(daily)
            self.backup_timer.start(60 * 60 * 1000)
            QTimer.singleShot(5000, daily)
        self.idle = IdleWatch(self, self.lock)
        self.news = watch_server(self, services, events, self.statusBar())
        self.settings_page.task_requested.connect(self.run_task)
        if not services.on_server:  # only an encrypted file locks the window (with its passphrase)
            self.settings_page.lock_after.valueChanged.connect(lambda _m: self.idle.restart())
        self._update_title()
        self._restore()
        self._opened(self.pages.currentIndex())

    def _opened(self, index: int) -> None:
        # Shown or not (a window still hidden), the page on top has its rows read.
        freshness = getattr(self._page_list[index], "freshness", None)
        if isinstance(freshness, Freshness):
            freshness.opened()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self._action(file_menu, self.tr("&Open…"), self.open_other, QKeySequence.StandardKey.Open)
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Import residents…"), self.import_residents)
        self._action(file_menu, self.tr("&Export residents (CSV)…"), self.export_residents)
        file_menu.addSeparator()
        if self.services.path is not None:  # a server's backups are its administrator's
            self._file_actions(file_menu, self.services.path)
        self._action(file_menu, self.tr("Audit &trail…"), self.show_audit)
        file_menu.addSeparator()
        self._action(
            file_menu, self.tr("&Print this page…"), self.print_page, QKeySequence.StandardKey.Print
        )
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        edit = self.menuBar().addMenu(self.tr("&Edit"))
        self.undo_sign_off = self._action(
            edit,
            self.tr("&Undo the chore's sign-off"),
            lambda: self.chores.sign(SignOff.PENDING),
            QKeySequence.StandardKey.Undo,
        )
        self.undo_sign_off.setEnabled(False)  # on the Chores page only
        self.pages.currentChanged.connect(
            lambda index: self.undo_sign_off.setEnabled(self._page_list[index] is self.chores)
        )
        residents = self.menuBar().addMenu(self.tr("&Residents"))
        self._action(
            residents, self.tr("&Admit resident…"), self._admit, QKeySequence.StandardKey.New
        )
        reports = self.menuBar().addMenu(self.tr("Re&ports"))
        self._action(reports, self.tr("&Outcomes…"), self._outcomes)
        self._action(reports, self.tr("&Resources the house connects people to…"), self._resources)
        go = self.menuBar().addMenu(self.tr("&Go"))
        for row in range(self.nav.count()):
            self._action(
                go,
                self.nav.item(row).text(),
                partial(self.nav.setCurrentRow, row),
                f"Ctrl+{row + 1}",
            )
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self._action(
            help_menu,
            self.tr("Residence &manual"),
            self._manual,
            QKeySequence.StandardKey.HelpContents,
        )
        self._action(help_menu, self.tr("&Keyboard shortcuts"), self._shortcuts)
        help_menu.addSeparator()
        self._action(help_menu, self.tr("&About Residence"), self._about)

    def print_page(self) -> None:
        """Ctrl+P: what the page on screen prints (the chart, the schedule, a roster)."""
        page = self._page_list[self.pages.currentIndex()]
        printing = {
            self.chores: self.chores.print_chart,
            self.meetings: self.meetings.calendar_tab.print_schedule,
            self.mentors: self.mentors.print_roster,
            self.consents: self.consents.print_roster,
            self.residents: self.consents.print_roster,
        }.get(page)
        if printing is None:
            self.statusBar().showMessage(self.tr("This page has nothing to print."), 6000)
        else:
            printing()

    def _outcomes(self) -> None:
        from ui.dialogs.outcomes import show_outcomes

        show_outcomes(self, self.services, self.events)

    def _resources(self) -> None:
        from ui.dialogs.resources import ResourcesDialog

        ResourcesDialog(self.services, self.events, self).exec()

    def _manual(self) -> None:
        from ui.help import show_manual

        show_manual(self)

    def _shortcuts(self) -> None:
        from ui.help import show_shortcuts

        show_shortcuts(self, self.menuBar().actions())

    def _file_actions(self, file_menu: QMenu, path: Path) -> None:
        key = self.services.passphrase
        self._action(
            file_menu,
            self.tr("&Back up now…"),
            lambda: back_up_now(self, path, self.services.clock, key),
        )
        self._action(file_menu, self.tr("&Restore from a backup…"), self.restore_backup)
        self._action(
            file_menu, self.tr("&Check the house file"), lambda: check_now(self, path, key)
        )

    def _action(
        self,
        menu: QMenu,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def show_audit(self) -> None:
        AuditDialog(self.services, self).exec()

    def restore_backup(self) -> None:
        """Close the window; the app restores the chosen backup and reopens the house."""
        chosen = choose_restore(self, self.services.file, self.services.passphrase)
        if chosen is not None:
            backup, key = chosen
            self.run_task(RestoreBackup(backup, self.services.clock, key))

    def run_task(self, task: HouseTask) -> None:
        """Close the window; the app does ``task`` to the closed file and opens it again."""
        self.task = task
        if not self.close():  # unsaved work the manager chose to stay with: no task after all
            self.task = None

    def open_other(self) -> None:
        """File ▸ Open…: another house file or a server; this house closes first."""
        dialog = OpenHouseDialog(self.events, self, current=self.services.location)
        if dialog.exec() and dialog.chosen is not None:
            self.run_task(OpenOther(dialog.chosen))

    # -- the lock screen ---------------------------------------------------------------------

    def lock(self) -> None:
        """Hide every record (this window's pages and any open dialog) until the passphrase."""
        if not self.services.encrypted or self.screens.currentWidget() is self.lock_screen:
            return
        app = QApplication.instance()
        others = app.topLevelWidgets() if isinstance(app, QApplication) else []
        self.hidden_while_locked = [w for w in others if w is not self and w.isVisible()]
        for widget in self.hidden_while_locked:
            widget.hide()
        self.menuBar().setEnabled(False)
        self.screens.setCurrentWidget(self.lock_screen)
        self.lock_screen.start()

    def unlock(self) -> None:
        self.screens.setCurrentIndex(0)
        self.menuBar().setEnabled(True)
        for widget in self.hidden_while_locked:
            widget.show()
        self.hidden_while_locked = []
        self.idle.restart()

    def _admit(self) -> None:
        self.nav.setCurrentRow(RESIDENTS)
        self.residents.admit()

    def show_resident(self, person_id: int) -> None:
        self.nav.setCurrentRow(RESIDENTS)
        if not self.residents.select_person(person_id):
            self.residents.status.setCurrentIndex(self.residents.status.findData(Status.ALL))
            self.residents.search.clear()
            self.residents.select_person(person_id)

    def progress_report_for(self, person_id: int) -> None:
        """From the resident's file: the Consents page, on their consents, making the report."""
        self.nav.setCurrentRow(CONSENTS)
        self.consents.report_for_resident(person_id)

    def import_residents(self) -> None:
        dialog = ImportDialog(self.services, self.events, self)
        if dialog.exec():
            self.statusBar().showMessage(
                self.tr("Imported {n} residents.").format(n=dialog.imported), 8000
            )

    def export_residents(self) -> None:
        # The default name says what and when, never who (no names in file names).
        default = str(Path.home() / f"residents-{self.today().isoformat()}.csv")
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export residents"), default, self.tr("CSV files (*.csv)")
        )
        if not name:
            return
        text = write_sheet(self.services.queries.details(Status.ALL))
        try:  # the save dialog asked before replacing a file; the house's own it refuses
            export(Path(name), text.encode("utf-8-sig"), replace=True)
        except ExportError as error:
            QMessageBox.warning(self, self.tr("Not exported"), str(error))
            return
        self.statusBar().showMessage(self.tr("Exported to {name}").format(name=name), 8000)

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Residence"),
            self.tr(
                "<b>Residence {v}</b><p>The house manager's app for a sober-living residence. "
                "Everything stays on this computer.</p><p>A tool, not legal advice.</p>"
            ).format(v=__version__),
        )

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(Area.HOUSE):
            self._update_title()

    def _update_title(self) -> None:
        settings = self.services.house.settings()
        name = settings.name if settings else ""
        self.setWindowTitle(f"{name} — Residence" if name else "Residence")

    # -- remembered between runs ----------------------------------------------------------

    def _restore(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(within_screen(self, QSize(1180, 760)))
        page = str(settings.value("window/page", HOME))
        last = int(page) if page.isdigit() and int(page) < self.nav.count() else HOME
        self.nav.setCurrentRow(last)

    def _settings_kept(self) -> bool:
        """Typing in Settings that wasn't saved is saved, or dropped, only when the manager
        says so; False to stay open (asked to, or a change was refused: it shows why)."""
        pending = self.settings_page.unsaved()
        if not pending:
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Save the changes in Settings?"),
            self.tr("These were changed and not saved: {what}. Save them before closing?").format(
                what=", ".join(pending)
            ),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Discard:
            return True
        if answer == QMessageBox.StandardButton.Save and self.settings_page.save_unsaved():
            return True
        self.nav.setCurrentRow(SETTINGS)
        return False

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self._settings_kept():
            event.ignore()
            return
        if self.news is not None:
            self.news.stop()
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/page", self.nav.currentRow())
        super().closeEvent(event)


def scrolling(page: QWidget) -> QWidget:
    """The page in a scroll area, so that a small screen (1024×600, or a laptop at 125 %)
    scrolls it rather than pushing the window's buttons off the screen."""
    if isinstance(page, QScrollArea):
        return page
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(page)
    return area
