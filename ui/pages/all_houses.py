"""All houses: one line per house the database shows the one who opened it, with what each
house's Home would flag; opening a line opens that house (the window works in one at a time)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QVBoxLayout, QWidget
from residence.changes import Area, Changes
from residence.houses_glance import HouseLine, houses_glance
from residence.workspace import Workspace

from ui.events import AppEvents
from ui.pages.freshness import Freshness
from ui.widgets.lists import button_row, fill_table, list_table


class AllHousesPage(QWidget):
    house_chosen = Signal(str)  # the name of the house to open

    def __init__(self, services: Workspace, events: AppEvents) -> None:
        super().__init__()
        self.services = services
        self.intro = QLabel(
            self.tr(
                "Every house you may see, as its Home page has it this week. "
                "Open one to work in it (the window works in one house at a time)."
            )
        )
        self.intro.setWordWrap(True)
        self.table = list_table(
            [
                self.tr("House"),
                self.tr("Beds filled"),
                self.tr("In / out\nthis week"),
                self.tr("Consents\nrunning out"),
                self.tr("Check-ins\noverdue"),
                self.tr("House meeting\nlast week"),
            ]
        )
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.lines: list[HouseLine] = []
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(button_row([(self.tr("Open this house"), self.open_selected)]))
        layout.addWidget(self.table, 1)
        events.data_changed.connect(self._on_changed)
        self.freshness = Freshness(self, self.reload)

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(Area.RESIDENTS, Area.HOUSE, Area.MEETINGS, Area.MENTORS, Area.CONSENTS):
            self.freshness.changed()

    def reload(self) -> None:
        self.lines = houses_glance(self.services)
        fill_table(self.table, [self._cells(line) for line in self.lines])
        # The name takes the room there is (a long one is cut short, whole in its tooltip);
        # the figures, what they need.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.table.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for row, line in enumerate(self.lines):
            for column in range(self.table.columnCount()):
                item = self.table.item(row, column)
                assert item is not None  # fill_table made every cell
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                    continue
                item.setToolTip(line.name)
                if line.house_id == self.services.house_id:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                    item.setToolTip(self.tr("{name}: open in this window").format(name=line.name))

    def _cells(self, line: HouseLine) -> list[str]:
        name = line.name + (self.tr(" (open)") if line.house_id == self.services.house_id else "")
        return [
            name,
            self.tr("{filled} of {beds} ({free} free)").format(
                filled=line.occupied, beds=line.beds, free=line.free
            ),
            f"{line.moved_in} / {line.moved_out}",
            str(line.consents_expiring) if line.consents_expiring else "—",
            str(line.check_ins_overdue) if line.check_ins_overdue else "—",
            self.tr("Missing") if line.house_meeting_missed else self.tr("Held or none due"),
        ]

    def open_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        line = self.lines[rows[0].row()]
        if line.house_id != self.services.house_id:
            self.house_chosen.emit(line.name)


def several_houses(services: Workspace) -> bool:
    """Whether the database shows more than one house (then the window has this page)."""
    return len(services.house.houses()) > 1
