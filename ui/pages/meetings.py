"""The meetings page: the week's calendar (attendance, minutes, moves and cancellations),
the outside-meeting slips with each resident's quota, and open action items — a tab each, each
read when it is opened."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget
from residence.workspace import Workspace

from ui.events import AppEvents
from ui.pages.freshness import read_tabs_when_opened
from ui.pages.meeting_calendar import CalendarTab
from ui.pages.meeting_items import ActionItemsTab
from ui.pages.meeting_slips import SlipsTab


class MeetingsPage(QWidget):
    def __init__(self, services: Workspace, events: AppEvents) -> None:
        super().__init__()
        self.calendar_tab = CalendarTab(services, events)
        self.slips = SlipsTab(services, events)
        self.items = ActionItemsTab(services, events)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.calendar_tab, self.tr("Calendar"))
        self.tabs.addTab(self.slips, self.tr("Outside meetings"))
        self.tabs.addTab(self.items, self.tr("Action items"))
        read_tabs_when_opened(self.tabs)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    @property
    def freshness(self) -> object:
        """The tab on top is read when the page is opened (the window asks the page)."""
        return getattr(self.tabs.currentWidget(), "freshness", None)
