"""A date field reads the forms people type, shows the date as the app shows dates, and has a
calendar beside it."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QCalendarWidget
from pytestqt.qtbot import QtBot
from ui.widgets.date_field import DateField


def test_a_typed_date_is_echoed_as_the_app_shows_dates(qtbot: QtBot) -> None:
    field = DateField()
    qtbot.addWidget(field)
    for typed in ("3/15/1990", "1990-03-15", "15 march 1990"):
        field.clear()
        qtbot.keyClicks(field, typed)
        qtbot.keyClick(field, Qt.Key.Key_Return)  # editing finished
        assert field.text() == "15 Mar 1990" and field.date() == date(1990, 3, 15)
    field.clear()
    qtbot.keyClicks(field, "31 Feb 1990")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.text() == "31 Feb 1990"  # left as typed, with the reason
    assert "not a real date" in field.problem()


@pytest.mark.qt_log_ignore("This plugin does not support")  # a popup, offscreen
def test_a_date_can_be_picked_from_a_calendar(qtbot: QtBot) -> None:
    field = DateField()
    qtbot.addWidget(field)
    field.set_date(date(2026, 6, 15))
    assert field.text() == "15 Jun 2026"
    field.pick()
    calendar = field.calendar_menu.findChild(QCalendarWidget)
    assert calendar is not None and calendar.selectedDate() == QDate(2026, 6, 15)
    calendar.clicked.emit(QDate(2026, 6, 19))
    assert field.date() == date(2026, 6, 19) and field.text() == "19 Jun 2026"
