"""Pages, and the tabs inside them, read their rows when they are opened, not while hidden: the
window starts with only the Home page read, and a change made on one page costs the others
nothing until they are opened again."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QStackedWidget, QTabWidget, QWidget


class Freshness(QObject):
    """Whether a page's rows are still as the database has them; reloads it when it is opened
    stale, or at once when a change comes while it is the page on screen."""

    def __init__(self, page: QWidget, reload: Callable[[], None]) -> None:
        super().__init__(page)
        self.page, self.reload, self.stale = page, reload, True
        page.installEventFilter(self)

    def changed(self) -> None:
        if on_screen(self.page):
            self.stale = False
            self.reload()
        else:
            self.stale = True

    def opened(self) -> None:
        if self.stale:
            self.stale = False
            self.reload()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # (Asked first: a page being torn down still sends events, its Python side half gone.)
        if event.type() == QEvent.Type.Show and watched is getattr(self, "page", None):
            self.opened()
        return False


def on_screen(widget: QWidget) -> bool:
    """The current page of every stack it sits in (the window itself may not be shown yet)."""
    child, parent = widget, widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QStackedWidget) and parent.currentWidget() is not child:
            return False
        child, parent = parent, parent.parentWidget()
    return True


def read_tabs_when_opened(tabs: QTabWidget) -> None:
    """A tab with its own Freshness reads its rows when chosen, even in a window not shown
    yet (where no Show event comes)."""

    def opened(index: int) -> None:
        freshness = getattr(tabs.widget(index), "freshness", None)
        if isinstance(freshness, Freshness):
            freshness.opened()

    tabs.currentChanged.connect(opened)
