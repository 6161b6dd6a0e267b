"""The residents page: the table with search and filter, and the selected resident's file."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QItemSelection, Qt, QUrl, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from residence.changes import Area, Changes
from residence.dates import format_date
from residence.mentors.records import Pair
from residence.residents.records import ResidentDetail, Status, StayRecord
from residence.workspace import Workspace

from ui.dialogs.admit import AdmitDialog
from ui.dialogs.edit_person import EditPersonDialog
from ui.dialogs.network import NetworkDialog
from ui.dialogs.plans import PlanDialog
from ui.dialogs.recovery import BarcDialog
from ui.dialogs.stay_events import (
    AmendDischargeDialog,
    DischargeDialog,
    MoveBedDialog,
    PhaseDialog,
    TransferDialog,
)
from ui.events import AppEvents
from ui.models.residents import (
    COL_MOVE_OUT,
    COL_NAME,
    ID_ROLE,
    SEARCH_ROLE,
    SORT_ROLE,
    ResidentTableModel,
)
from ui.models.search import FoldedSearchProxy
from ui.pages.all_houses import several_houses
from ui.pages.freshness import Freshness
from ui.pages.resident_file import CHART, Capital, resident_html
from ui.widgets.capital_chart import capital_chart
from ui.widgets.flow import WrappingRow

NAME_WIDTH = 260
STATUS_CHOICES = (
    (Status.CURRENT, "Current residents"),
    (Status.FORMER, "Former residents"),
    (Status.ALL, "Everyone"),
)


class ResidentsPage(QWidget):
    import_requested = Signal()
    progress_requested = Signal(int)  # a progress report for this resident, under a consent

    def __init__(self, services: Workspace, events: AppEvents) -> None:
        super().__init__()
        self.services = services
        self.events = events
        self.today = services.clock.today
        self.model = ResidentTableModel()
        self.proxy = FoldedSearchProxy(SEARCH_ROLE, SORT_ROLE)
        self.proxy.setSourceModel(self.model)
        self._selected: ResidentDetail | None = None
        self._build()
        events.data_changed.connect(self._on_changed)
        self.freshness = Freshness(self, self.reload)  # read when opened

    # -- layout ------------------------------------------------------------------------------

    def _build(self) -> None:
        self.admit_button = QPushButton(self.tr("Admit resident…"))
        self.admit_button.setToolTip(self.tr("Admit a resident (Ctrl+N)"))
        self.admit_button.clicked.connect(lambda: self.admit())
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search name, room, phase, case manager…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search)
        self.status = QComboBox()
        for status, label in STATUS_CHOICES:
            self.status.addItem(self.tr(label), status)
        self.status.currentIndexChanged.connect(self.reload)
        self.import_button = QPushButton(self.tr("Import…"))
        self.import_button.clicked.connect(self.import_requested)
        self.count = QLabel()
        bar = QHBoxLayout()
        for widget in (self.admit_button, self.search, self.status, self.import_button):
            bar.addWidget(widget)
        bar.setStretch(1, 1)
        self.table = self._make_table()
        self.panel = ResidentPanel(self)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.count)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(COL_NAME, Qt.SortOrder.AscendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        table.selectionModel().selectionChanged.connect(self._on_selection)
        table.doubleClicked.connect(lambda _index: self.edit())
        return table

    # -- data --------------------------------------------------------------------------------

    def reload(self) -> None:
        keep = self._selected.person_id if self._selected else None
        self.model.set_rows(self.services.queries.rows(self.current_status()))
        # Everyone in the "current" list is still here: no move-out to show.
        self.table.setColumnHidden(COL_MOVE_OUT, self.current_status() == Status.CURRENT)
        self._fit_columns()
        self._update_count()
        if keep is not None and not self.select_person(keep):
            self._show(None)

    def current_status(self) -> Status:
        return Status(self.status.currentData())

    def _fit_columns(self) -> None:
        self.table.resizeColumnsToContents()
        # Long names are elided; the tooltip shows them whole.
        if self.table.columnWidth(COL_NAME) > NAME_WIDTH:
            self.table.setColumnWidth(COL_NAME, NAME_WIDTH)

    def select_person(self, person_id: int) -> bool:
        source_row = self.model.row_of(person_id)
        if source_row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if not index.isValid():
            return False
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        self._show(person_id)
        return True

    def _on_changed(self, changes: Changes) -> None:
        # A consent revoked changes who the house may call; a resource renamed, what was shared.
        areas = (Area.RESIDENTS, Area.HOUSE, Area.MENTORS, Area.RECOVERY, Area.CONSENTS)
        if changes.touches(*areas, Area.RESOURCES):
            self.freshness.changed()

    def _search(self, text: str) -> None:
        self.proxy.set_query(text)
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        text = self.tr("{shown} of {total} shown").format(shown=shown, total=total)
        self.count.setText(text if shown != total else self.tr("{n} residents").format(n=total))

    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        self._show(indexes[0].data(ID_ROLE) if indexes else None)

    def _show(self, person_id: int | None) -> None:
        self._selected = None if person_id is None else self.services.queries.detail(person_id)
        pairs = self.services.mentors.pairs_of(person_id) if person_id is not None else []
        capital = self._capital(self._selected) if self._selected is not None else None
        self.panel.show_resident(self._selected, pairs, capital)

    def _capital(self, resident: ResidentDetail) -> Capital:
        """Their BARC-10s and their latest stay's recovery plan, for the file."""
        person, recovery = resident.person_id, self.services.recovery
        latest = resident.stays[-1].id if resident.stays else None
        plan = [g for g in self.services.plans.plan(person) if g.stay_id == latest]
        network = self.services.network.network(person)
        shared = self.services.resources.shared_with(person)
        return Capital(recovery.history(person), recovery.next_due(person), plan, network, shared)

    # -- actions -----------------------------------------------------------------------------

    def admit(self, returning: ResidentDetail | None = None) -> None:
        dialog = AdmitDialog(self.services, self.events, self.today(), self, returning)
        if dialog.exec() and dialog.admitted_person is not None:
            if self.current_status() == Status.FORMER:
                self.status.setCurrentIndex(0)
            self.search.clear()
            self.select_person(dialog.admitted_person)

    def progress_report(self) -> None:
        if self._selected is not None:
            self.progress_requested.emit(self._selected.person_id)

    def recovery_plan(self) -> None:
        stay = self._current_stay()
        if self._selected is not None and stay is not None:
            name, person = self._selected.details.display_name, self._selected.person_id
            PlanDialog(self.services, self.events, person, name, stay.id, self).exec()
            self._show(person)

    def support_network(self) -> None:
        if self._selected is not None:
            name, person = self._selected.details.display_name, self._selected.person_id
            NetworkDialog(self.services, self.events, person, name, self).exec()
            self._show(person)

    def record_barc(self) -> None:
        if self._selected is not None:
            name = self._selected.details.display_name
            person = self._selected.person_id
            BarcDialog(self.services, self.events, person, name, self.today(), self).exec()

    def admit_again(self) -> None:
        if self._selected is not None:
            self.admit(self._selected)

    def edit(self) -> None:
        if self._selected is not None:
            EditPersonDialog(self.services, self.events, self._selected, self).exec()

    def move_bed(self) -> None:
        if (stay := self._current_stay()) is not None:
            MoveBedDialog(self.services, self.events, stay, self.today(), self).exec()

    def change_phase(self) -> None:
        if (stay := self._current_stay()) is not None:
            PhaseDialog(self.services, self.events, stay, self.today(), self).exec()

    def discharge(self) -> None:
        if (stay := self._current_stay()) is not None:
            DischargeDialog(self.services, self.events, stay, self.today(), self).exec()

    def transfer(self) -> None:
        if (stay := self._current_stay()) is not None:
            TransferDialog(self.services, self.events, stay, self.today(), self).exec()

    def amend_discharge(self) -> None:
        """Correct the discharge of one of their ended stays (the latest unless they choose)."""
        ended = [s for s in self._selected.stays if s.move_out] if self._selected else []
        if not ended:
            return
        stay = ended[-1]
        if len(ended) > 1:
            labels = [
                f"{format_date(s.move_in)} – {format_date(s.move_out)}" for s in ended if s.move_out
            ]
            choice, ok = QInputDialog.getItem(
                self,
                self.tr("Amend a discharge"),
                self.tr("Which stay?"),
                list(reversed(labels)),
                0,
                False,
            )
            if not ok:
                return
            stay = ended[labels.index(choice)]
        AmendDischargeDialog(self.services, self.events, stay, self.today(), self).exec()

    def _current_stay(self) -> StayRecord | None:
        return self._selected.current_stay if self._selected is not None else None


class ResidentPanel(QWidget):
    """The selected resident's file, with the actions that fit their status."""

    def __init__(self, page: ResidentsPage) -> None:
        super().__init__()
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.placeholder = QLabel(self.tr("Select a resident to see their file."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Only where there is another house to move to.
        several = several_houses(page.services)
        transfer = [(self.tr("Transfer to another house…"), page.transfer)] if several else []
        self.current_actions = self._buttons(
            (self.tr("Edit details…"), page.edit),
            (self.tr("Move bed…"), page.move_bed),
            (self.tr("Change phase…"), page.change_phase),
            (self.tr("Discharge…"), page.discharge),
            *transfer,
            (self.tr("Recovery plan…"), page.recovery_plan),
            (self.tr("Support network…"), page.support_network),
            (self.tr("BARC-10…"), page.record_barc),
            (self.tr("Progress report…"), page.progress_report),
            (self.tr("Amend an earlier discharge…"), page.amend_discharge),
        )
        self.amend_earlier = self.current_actions.findChildren(QPushButton)[-1]
        self.former_actions = self._buttons(
            (self.tr("Edit details…"), page.edit),
            (self.tr("Admit again…"), page.admit_again),
            (self.tr("Progress report…"), page.progress_report),
            (self.tr("Amend discharge…"), page.amend_discharge),
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.current_actions)
        layout.addWidget(self.former_actions)
        layout.addWidget(self.placeholder, 1)
        layout.addWidget(self.text, 1)
        self.show_resident(None)

    def _buttons(self, *actions: tuple[str, Callable[[], None]]) -> QWidget:
        row = WrappingRow()
        for label, slot in actions:
            button = QPushButton(label)
            button.clicked.connect(lambda _checked=False, slot=slot: slot())
            row.addWidget(button)
        return row

    def show_resident(
        self,
        resident: ResidentDetail | None,
        pairs: Sequence[Pair] = (),
        capital: Capital | None = None,
    ) -> None:
        current = resident is not None and resident.current_stay is not None
        self.current_actions.setVisible(current)
        earlier = resident is not None and any(s.move_out for s in resident.stays)
        self.amend_earlier.setVisible(current and earlier)
        self.former_actions.setVisible(resident is not None and not current)
        self.placeholder.setVisible(resident is None)
        self.text.setVisible(resident is not None)
        if resident is None:
            self.text.setHtml("")
            return
        if capital is not None and capital.taken:
            points = [(a.taken_on, a.total, a.stay_id) for a in capital.taken if a.counts]
            # As wide as the file's pane allows (a small laptop's is narrow), up to 420.
            width = max(220, min(420, self.text.viewport().width() - 40))
            chart = capital_chart(points, width, 170, self.palette(), self.devicePixelRatioF())
            self.text.document().addResource(
                QTextDocument.ResourceType.ImageResource, QUrl(CHART), chart
            )
        self.text.setHtml(resident_html(resident, pairs, capital))
