"""What the Meetings page's tabs share: the services, the day, reading when opened, and the
one action runner."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget
from residence.changes import Area, Changes, Done
from residence.workspace import Workspace

from ui.events import AppEvents
from ui.pages.freshness import Freshness
from ui.widgets.actions import run_action
from ui.widgets.lists import tell


class MeetingsTab(QWidget):
    """A tab that reads its rows when it is opened, and again when meetings, residents or the
    house change while it is on screen."""

    def __init__(self, services: Workspace, events: AppEvents) -> None:
        super().__init__()
        self.services, self.events = services, events
        self.today = services.clock.today
        events.data_changed.connect(self._on_changed)
        self.freshness = Freshness(self, self.reload)

    def reload(self) -> None:
        raise NotImplementedError

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(Area.MEETINGS, Area.RESIDENTS, Area.HOUSE):
            self.freshness.changed()

    def _run(self, action: Callable[[], Done[object]]) -> bool:
        return run_action(self, self.events, action) is not None

    def _tell(self, message: str) -> None:
        tell(self, message)
