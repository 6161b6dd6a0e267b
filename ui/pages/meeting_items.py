"""The Meetings page's action items: what the house meetings decided, open until done."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
)
from residence.dates import format_date
from residence.meetings.minutes import ActionItemInfo
from residence.workspace import Workspace

from ui.events import AppEvents
from ui.pages.meeting_tab import MeetingsTab


class ActionItemsTab(MeetingsTab):
    def __init__(self, services: Workspace, events: AppEvents) -> None:
        super().__init__(services, events)
        self.items: list[ActionItemInfo] = []
        self.open_items = QListWidget()
        done = QPushButton(self.tr("Mark done today"))
        done.clicked.connect(self.item_done)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(self.tr("Open action items from the house meetings, oldest first."))
        )
        layout.addWidget(self.open_items, 1)
        layout.addWidget(done)

    def reload(self) -> None:
        self.items = self.services.minutes.open_items()
        self.open_items.clear()
        for item in self.items:
            due = f", by {format_date(item.due)}" if item.due else ""
            late = "  — overdue" if item.due and item.due < self.today() else ""
            self.open_items.addItem(
                f"{item.what} — {item.who}{due} (raised {format_date(item.raised_on)}){late}"
            )

    def item_done(self) -> None:
        row = self.open_items.currentRow()
        if 0 <= row < len(self.items):
            item = self.items[row]
            self._run(
                lambda: self.services.minutes.complete_item(
                    item.id, max(self.today(), item.raised_on)
                )
            )
