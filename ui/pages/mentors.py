"""The mentors page: who mentors whom and whether they check in, who is waiting for a mentor,
every pair's history, and the mentors from outside the house."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from residence.changes import Area, Changes
from residence.dates import format_date
from residence.mentors.records import ExternalMentorInfo, Pair, Unpaired
from residence.text_rules import sort_key
from residence.workspace import Workspace

from ui.dialogs.mentors import (
    AssignDialog,
    CheckInDialog,
    EndPairDialog,
    ExternalMentorDialog,
    SuggestDialog,
)
from ui.events import AppEvents
from ui.pages.freshness import Freshness, read_tabs_when_opened
from ui.widgets.form import error_colour
from ui.widgets.lists import button_row, fill_table, list_table, tell

PAIR_COLUMNS = ("Mentor", "Role", "Mentee", "Since", "Last check-in", "Next check-in")
HISTORY_COLUMNS = ("Mentee", "Mentor", "From", "To", "Why it ended", "Note")
EXTERNAL_COLUMNS = ("Name", "Role", "Phone", "Email", "Mentoring")


class MentorsPage(QWidget):
    def __init__(self, services: Workspace, events: AppEvents) -> None:
        super().__init__()
        self.services, self.events = services, events
        self.today = services.clock.today
        self.pair_list: list[Pair] = []
        self.waiting: list[Unpaired] = []
        self.externals: list[ExternalMentorInfo] = []
        self.tabs = QTabWidget()
        self.tabs.addTab(self._pairs_tab(), self.tr("Pairs"))
        history = self._history_tab()
        self.history_freshness = history.freshness = Freshness(history, self._reload_history)  # type: ignore[attr-defined]
        self.tabs.addTab(history, self.tr("History"))
        read_tabs_when_opened(self.tabs)
        self.tabs.addTab(self._external_tab(), self.tr("Outside mentors"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        events.data_changed.connect(self._on_changed)
        self.freshness = Freshness(self, self.reload)  # read when opened

    # -- pairs -------------------------------------------------------------------------------

    def _pairs_tab(self) -> QWidget:
        tab = QWidget()
        self.summary = QLabel()
        self.pairs = list_table([self.tr(c) for c in PAIR_COLUMNS])
        # The due column sizes to its bold "overdue since …" rather than to what is left over.
        self.pairs.horizontalHeader().setStretchLastSection(False)
        self.pairs.currentCellChanged.connect(lambda *_: self._show_check_ins())
        self.pairs.doubleClicked.connect(lambda _i: self.log_check_in())
        self.check_ins = QListWidget()
        self.waiting_list = QListWidget()
        self.waiting_list.setWordWrap(True)
        self.waiting_list.itemDoubleClicked.connect(lambda _i: self.assign())
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.summary)
        left_layout.addWidget(self.pairs, 3)
        left_layout.addWidget(QLabel(self.tr("<b>Check-ins</b> of the selected pair")))
        left_layout.addWidget(self.check_ins, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel(self.tr("<b>Waiting for a mentor</b> (newest first)")))
        right_layout.addWidget(self.waiting_list, 1)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(tab)
        layout.addWidget(
            button_row(
                [
                    (self.tr("Assign a mentor…"), self.assign),
                    (self.tr("Suggest pairings…"), self.suggest),
                    (self.tr("Log check-in…"), self.log_check_in),
                    (self.tr("Replace mentor…"), self.replace),
                    (self.tr("End…"), self.end),
                    (self.tr("Print roster…"), self.print_roster),
                ]
            )
        )
        layout.addWidget(split, 1)
        return tab

    def reload(self) -> None:
        self.pair_list = self.services.mentors.pairs()
        rules = self.services.mentors.rules()
        overdue = sum(p.overdue for p in self.pair_list)
        self.summary.setText(
            self.tr("{n} pairs · check in every {days} days · {late} overdue").format(
                n=len(self.pair_list), days=rules.check_in_days, late=overdue
            )
        )
        fill_table(self.pairs, [_pair_cells(p) for p in self.pair_list])
        for r, pair in enumerate(self.pair_list):
            item = self.pairs.item(r, len(PAIR_COLUMNS) - 1)
            if pair.overdue and item is not None:
                item.setForeground(QColor(error_colour()))
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
        self.pairs.resizeColumnsToContents()  # again, for the bold
        if self.pair_list and self.pairs.currentRow() < 0:
            self.pairs.selectRow(0)
        self.waiting = self.services.mentors.unpaired()
        self.waiting_list.clear()
        for person in self.waiting:
            text = self.tr("{name} — moved in {day}").format(
                name=person.name, day=format_date(person.move_in)
            )
            if person.lost_mentor_on:
                text += self.tr(" (mentor moved out {day})").format(
                    day=format_date(person.lost_mentor_on)
                )
            self.waiting_list.addItem(QListWidgetItem(text))
        if not self.waiting:
            self.waiting_list.addItem(self.tr("Everyone who needs a mentor has one."))
        self._show_check_ins()
        self.history_freshness.changed()  # every pair ever: read when its tab is opened
        self._reload_external()

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(Area.MENTORS, Area.RESIDENTS, Area.HOUSE):
            self.freshness.changed()

    def selected_pair(self) -> Pair | None:
        row = self.pairs.currentRow()
        if 0 <= row < len(self.pair_list):
            return self.pair_list[row]
        self._tell(self.tr("Select a pair first."))
        return None

    def _show_check_ins(self) -> None:
        self.check_ins.clear()
        row = self.pairs.currentRow()
        if not 0 <= row < len(self.pair_list):
            return
        entries = self.services.mentors.check_ins(self.pair_list[row].id)
        for entry in entries:
            shared = self.tr(" · may be shared") if entry.shareable else ""
            note = f": {entry.note}" if entry.note else ""
            self.check_ins.addItem(
                f"{format_date(entry.day)} · {self.tr(entry.how.label)}{shared}{note}"
            )
        if not entries:
            self.check_ins.addItem(self.tr("No check-ins yet."))

    def assign(self) -> None:
        row = self.waiting_list.currentRow()
        if not 0 <= row < len(self.waiting):
            self._tell(self.tr("Select someone waiting for a mentor (on the right) first."))
            return
        person = self.waiting[row]
        AssignDialog(
            self.services, self.events, person.person_id, person.name, self.today(), self
        ).exec()

    def suggest(self) -> None:
        SuggestDialog(self.services, self.events, self.today(), self).exec()

    def log_check_in(self) -> None:
        if (pair := self.selected_pair()) is not None:
            CheckInDialog(self.services, self.events, pair, self.today(), self).exec()

    def replace(self) -> None:
        if (pair := self.selected_pair()) is not None:
            AssignDialog(
                self.services,
                self.events,
                pair.mentee_id,
                pair.mentee,
                self.today(),
                self,
                replacing=pair,
            ).exec()

    def end(self) -> None:
        if (pair := self.selected_pair()) is not None:
            EndPairDialog(self.services, self.events, pair, self.today(), self).exec()

    def print_roster(self) -> None:
        from residence.mentors.report import MentorRoster, roster_file_name, roster_pdf

        from ui.pdf_view import PdfPreview

        settings = self.services.house.settings()
        roster = MentorRoster(
            settings.name if settings else "",
            tuple(self.pair_list),
            tuple(self.waiting),
            self.services.mentors.rules(),
            self.today(),
            self.services.clock.now(),
        )
        PdfPreview(
            roster_pdf(roster), self.tr("Mentor roster"), roster_file_name(self.today()), self
        ).exec()

    # -- history -----------------------------------------------------------------------------

    def _history_tab(self) -> QWidget:
        tab = QWidget()
        self.history = list_table([self.tr(c) for c in HISTORY_COLUMNS])
        layout = QVBoxLayout(tab)
        layout.addWidget(QLabel(self.tr("Every pair, ended ones with why. Nothing is deleted.")))
        layout.addWidget(self.history, 1)
        return tab

    def _reload_history(self) -> None:
        pairs = sorted(
            self.services.mentors.pairs(active_only=False),
            key=lambda p: (sort_key(p.mentee), p.mentee_id, p.started),
        )
        rows = [
            (
                p.mentee,
                p.mentor_name,
                format_date(p.started),
                format_date(p.ended) if p.ended else self.tr("now"),
                self.tr(p.end_reason.label) if p.end_reason else "",
                p.end_note,
            )
            for p in pairs
        ]
        fill_table(self.history, rows)

    # -- outside mentors ---------------------------------------------------------------------

    def _external_tab(self) -> QWidget:
        tab = QWidget()
        self.external = list_table([self.tr(c) for c in EXTERNAL_COLUMNS])
        self.external.doubleClicked.connect(lambda _i: self.edit_external())
        layout = QVBoxLayout(tab)
        layout.addWidget(
            button_row(
                [(self.tr("Add…"), self.add_external), (self.tr("Edit…"), self.edit_external)]
            )
        )
        layout.addWidget(
            QLabel(
                self.tr(
                    "Alumni, certified peer specialists and recovery coaches who mentor "
                    "residents. Whether they may is set in Settings."
                )
            )
        )
        layout.addWidget(self.external, 1)
        return tab

    def _reload_external(self) -> None:
        self.externals = self.services.mentors.external_mentors()
        yes, no = self.tr("yes"), self.tr("no")
        rows = [
            (m.name, self.tr(m.role.label), m.phone, m.email, yes if m.active else no)
            for m in self.externals
        ]
        fill_table(self.external, rows)

    def add_external(self) -> None:
        ExternalMentorDialog(self.services, self.events, self).exec()

    def edit_external(self) -> None:
        row = self.external.currentRow()
        if 0 <= row < len(self.externals):
            ExternalMentorDialog(self.services, self.events, self, self.externals[row]).exec()
        else:
            self._tell(self.tr("Select a mentor first."))

    def _tell(self, message: str) -> None:
        tell(self, message)


def _pair_cells(pair: Pair) -> tuple[str, ...]:
    due = ""
    if pair.due is not None:
        due = f"overdue since {format_date(pair.due)}" if pair.overdue else format_date(pair.due)
    return (
        pair.mentor_name,
        pair.role.label,
        pair.mentee,
        format_date(pair.started),
        format_date(pair.last_check_in) if pair.last_check_in else "none yet",
        due,
    )
