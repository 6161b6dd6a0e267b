"""The chores page's smaller tabs: fairness, the catalogue, exemptions."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)
from residence.changes import Area, Changes, Done
from residence.chores.records import ChoreInfo, ExemptionInfo, FairnessRow
from residence.dates import format_date
from residence.workspace import Workspace

from ui.dialogs.chore_editor import ChoreEditor
from ui.dialogs.exemption import ExemptionDialog
from ui.events import AppEvents
from ui.pages.freshness import Freshness
from ui.widgets.actions import run_action
from ui.widgets.lists import fill_table, list_table


def _table(headers: Sequence[str]) -> QTableWidget:
    table = list_table(headers)
    table.setWordWrap(True)  # a long list of heaviest chores wraps rather than ends in "…"
    return table


class _Tab(QWidget):
    def __init__(self, services: Workspace, events: AppEvents, note: str) -> None:
        super().__init__()
        self.services = services
        self.events = events
        self.layout_ = QVBoxLayout(self)
        label = QLabel(note)
        label.setWordWrap(True)
        self.layout_.addWidget(label)
        self.freshness = Freshness(self, self.reload)  # read when the tab is opened
        events.data_changed.connect(self._on_changed)

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(Area.CHORES, Area.RESIDENTS):
            self.freshness.changed()

    def reload(self) -> None:
        raise NotImplementedError

    def buttons(self, *actions: tuple[str, Callable[[], None]]) -> None:
        row = QHBoxLayout()
        for text, slot in actions:
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, slot=slot: slot())
            row.addWidget(button)
        row.addStretch(1)
        self.layout_.addLayout(row)

    def run(self, action: Callable[[], Done[object]]) -> None:
        run_action(self, self.events, action)


class FairnessTab(_Tab):
    def __init__(self, services: Workspace, events: AppEvents) -> None:
        super().__init__(
            services,
            events,
            self.tr(
                "Each resident's chores this week (everyone has one before anyone has two, and "
                "why someone has none), their chore effort (the sum of their chores' weights), "
                "this week included, and how many weeks they had each of the heaviest chores."
            ),
        )
        self.table = _table(
            [
                self.tr("Resident"),
                self.tr("This week"),
                self.tr("Last 4 weeks"),
                self.tr("Last 8 weeks"),
                self.tr("Heaviest chores (weeks)"),
            ]
        )
        self.layout_.addWidget(self.table, 1)

    def reload(self) -> None:
        rows = sorted(self.services.weeks.fairness(), key=lambda r: -r.last_4_weeks)
        fill_table(
            self.table,
            [
                (
                    r.name,
                    self._this_week(r),
                    f"{r.last_4_weeks:.1f}",
                    f"{r.last_8_weeks:.1f}",
                    ", ".join(f"{chore} ×{n}" for chore, n in r.heavy_counts) or "—",
                )
                for r in rows
            ],
        )

    def _this_week(self, row: FairnessRow) -> str:
        if row.rest is not None:
            return self.tr("none: {why}").format(why=row.why_none)
        return (
            self.tr("{n} chores").format(n=row.this_week)
            if row.this_week > 1
            else self.tr("1 chore")
        )


class CatalogueTab(_Tab):
    def __init__(self, services: Workspace, events: AppEvents) -> None:
        super().__init__(
            services,
            events,
            self.tr(
                "The house's chores. Changes apply to weeks generated from now on; past weeks keep "
                "what they had."
            ),
        )
        self.table = _table(
            [
                self.tr("Chore"),
                self.tr("Area"),
                self.tr("When"),
                self.tr("Effort"),
                self.tr("People"),
                self.tr("Status"),
            ]
        )
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.layout_.addWidget(self.table, 1)
        self.buttons(
            (self.tr("Add…"), self.add),
            (self.tr("Edit…"), self.edit),
            (self.tr("Retire / bring back"), self.toggle),
        )

    def reload(self) -> None:
        self.chores = self.services.chores.chores(include_retired=True)
        fill_table(
            self.table,
            [
                (
                    c.name,
                    c.area,
                    c.when,
                    str(c.weight),
                    str(c.people),
                    self.tr("retired") if c.retired else "",
                )
                for c in self.chores
            ],
        )

    def _current(self) -> ChoreInfo | None:
        row = self.table.currentRow()
        return self.chores[row] if 0 <= row < len(self.chores) else None

    def add(self) -> None:
        ChoreEditor(self.services, self.events, None, self).exec()

    def edit(self) -> None:
        if (chore := self._current()) is not None:
            ChoreEditor(self.services, self.events, chore, self).exec()

    def toggle(self) -> None:
        if (chore := self._current()) is not None and chore.id is not None:
            chore_id = chore.id
            self.run(lambda: self.services.chores.set_retired(chore_id, not chore.retired))


class ExemptionsTab(_Tab):
    def __init__(self, services: Workspace, events: AppEvents) -> None:
        super().__init__(
            services,
            events,
            self.tr(
                "Residents excused from chores for a while. They get no chores (or not that chore) "
                "on those days."
            ),
        )
        self.today = services.clock.today
        self.table = _table(
            [
                self.tr("Resident"),
                self.tr("From"),
                self.tr("First day"),
                self.tr("Last day"),
                self.tr("Reason"),
            ]
        )
        self.layout_.addWidget(self.table, 1)
        self.buttons((self.tr("Add…"), self.add), (self.tr("End today"), self.end))

    def reload(self) -> None:
        self.items: list[ExemptionInfo] = self.services.chores.exemptions()
        fill_table(
            self.table,
            [
                (
                    e.person_name,
                    e.chore_name,
                    format_date(e.start),
                    format_date(e.end) if e.end else self.tr("until further notice"),
                    e.reason,
                )
                for e in self.items
            ],
        )

    def add(self) -> None:
        ExemptionDialog(self.services, self.events, self.today(), self).exec()

    def end(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.items) and (exemption_id := self.items[row].id) is not None:
            self.run(lambda: self.services.chores.end_exemption(exemption_id, self.today()))
