"""What the others working on a house on a server save, shown here without a restart: the
server announces each save (LISTEN/NOTIFY) and the pages hear it as the same data-changed
signal their own saves send, so the page on screen reloads and the others when opened."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSocketNotifier
from PySide6.QtWidgets import QStatusBar
from residence.changes import Area, Changes
from residence.errors import ResidenceError
from residence.workspace import ChangeListener, Workspace

from ui.events import AppEvents


class ServerNews(QObject):
    def __init__(
        self, parent: QObject, listener: ChangeListener, events: AppEvents, status: QStatusBar
    ) -> None:
        super().__init__(parent)
        self.listener, self.events, self.status = listener, events, status
        self.notifier = QSocketNotifier(listener.fileno(), QSocketNotifier.Type.Read, self)
        self.notifier.activated.connect(self._heard)

    def _heard(self) -> None:
        changed = self.listener.changed_elsewhere()
        if self.listener.lost:  # else its socket would stay readable and wake us forever
            self.stop()
            self.status.showMessage(
                self.tr(
                    "Lost the server's news: changes saved at other desks will show when "
                    "the house is next opened."
                )
            )
            return
        if changed:
            # Which records changed isn't announced: every page is stale, the one on screen
            # reloads now (a page reads in well under a tenth of a second).
            self.events.data_changed.emit(Changes.of(*Area))
            self.status.showMessage(self.tr("Updated with a change saved at another desk."), 8000)

    def stop(self) -> None:
        self.notifier.setEnabled(False)
        self.listener.close()


def watch_server(
    parent: QObject, services: Workspace, events: AppEvents, status: QStatusBar
) -> ServerNews | None:
    """The news of a house on a server; None for a file, or when the server won't listen
    (then the window works as before, and says so)."""
    try:
        listener = services.listen_for_changes()
    except ResidenceError:
        status.showMessage(
            parent.tr("Changes saved at other desks will show when the house is next opened.")
        )
        return None
    return None if listener is None else ServerNews(parent, listener, events, status)
