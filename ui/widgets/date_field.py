"""A date typed as text (15 Mar 1990, YYYY-MM-DD or MM/DD/YYYY), optional unless required,
or picked from a calendar beside it; once typed, it reads as the app shows dates.

Typing is faster than a spin box for dates decades back (a date of birth), and an empty
field means "not known", which QDateEdit can't say.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QMenu, QWidget, QWidgetAction
from residence.dates import format_date, parse_date


class DateField(QLineEdit):
    problem_changed = Signal(str)  # "" when the text is a valid date or empty

    def __init__(self, parent: QWidget | None = None, *, required: bool = False) -> None:
        super().__init__(parent)
        self._required = required
        self.setPlaceholderText(self.tr("e.g. 15 Mar 1990"))
        self.setMaximumWidth(180)
        self.textChanged.connect(self._check)
        self.editingFinished.connect(self._echo)
        self.calendar_action = QAction(_calendar_icon(), self.tr("Pick from a calendar"), self)
        self.calendar_action.triggered.connect(self.pick)
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)

    def date(self) -> dt.date | None:
        """The date typed, or None when empty; raises ValueError with the reason when wrong."""
        text = self.text().strip()
        if not text:
            if self._required:
                raise ValueError(self.tr("A date is required."))
            return None
        return parse_date(text)

    def set_date(self, value: dt.date | None) -> None:
        self.setText(format_date(value) if value else "")

    def pick(self) -> None:
        """A month's calendar under the field, on the date typed (or today); a click fills it."""
        calendar = QCalendarWidget()
        calendar.setGridVisible(True)
        try:
            shown = self.date()
        except ValueError:
            shown = None
        if shown is not None:
            calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        menu = QMenu(self)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(calendar)
        menu.addAction(holder)

        def chosen(day: QDate) -> None:
            self.set_date(dt.date(day.year(), day.month(), day.day()))
            self.editingFinished.emit()
            menu.close()

        calendar.clicked.connect(chosen)
        self.calendar_menu = menu  # for a test to reach
        menu.popup(self.mapToGlobal(QPoint(0, self.height())))

    def _echo(self) -> None:
        """What was typed, as the app shows dates ("3/15/1990" becomes "15 Mar 1990")."""
        try:
            value = self.date()
        except ValueError:
            return  # left as typed, with its message
        if value is not None and self.text() != format_date(value):
            self.setText(format_date(value))

    def problem(self) -> str:
        try:
            self.date()
        except ValueError as error:
            return str(error)
        return ""

    def _check(self) -> None:
        text = self.text().strip()
        problem = self.problem()
        # While typing, only complain once the text is as long as a date can be.
        shown = problem if len(text) >= 10 else ""
        self.setToolTip("" if problem or not text else format_date(parse_date(text)))
        self.problem_changed.emit(shown)


def _calendar_icon() -> QIcon:
    """A small calendar page, drawn: the standard icons have none."""
    icon = QIcon.fromTheme("x-office-calendar")
    if not icon.isNull():
        return icon
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(Qt.GlobalColor.darkGray)
    painter.drawRect(1, 2, 13, 12)
    painter.fillRect(1, 2, 14, 3, Qt.GlobalColor.darkGray)
    for x in (4, 8, 12):
        for y in (8, 11):
            painter.drawPoint(x, y)
    painter.end()
    return QIcon(pixmap)
