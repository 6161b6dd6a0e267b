"""A weekly event (the house meeting, a group) or a one-off one, added or changed: a form
that keeps what was typed and shows each refusal beside its field."""

from __future__ import annotations

from datetime import time
from typing import Any

from PySide6.QtCore import QCoreApplication, QTime
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QSpinBox, QTimeEdit, QWidget
from residence.changes import Done
from residence.errors import ValidationError
from residence.meetings.records import Kind, Occurrence, SeriesInfo
from residence.workspace import Workspace

from ui.dialogs.base import FormDialog, date_problem
from ui.dialogs.text_form import TextForm
from ui.events import AppEvents
from ui.widgets.date_field import DateField

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class EventDialog(FormDialog):
    """``one_off``: a single date (added); else a weekly event, new or ``existing``."""

    def __init__(
        self,
        services: Workspace,
        events: AppEvents,
        one_off: bool,
        parent: QWidget | None = None,
        existing: SeriesInfo | None = None,
    ) -> None:
        title = self.tr("One-off event") if one_off else self.tr("Weekly event")
        super().__init__(title, events, parent)
        self.services, self.one_off, self.existing = services, one_off, existing
        self.today = services.clock.today()
        if existing is not None:
            note = QLabel(self.tr("Changes apply from today on; past dates stay as they were."))
            self.form.addRow(note)
        self.title = QLineEdit()
        self.add_field(self.tr("Name*"), "title", self.title)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("House meeting"), Kind.HOUSE.value)
        self.kind.addItem(self.tr("In-house group"), Kind.GROUP.value)
        self.add_field(self.tr("Kind"), "kind", self.kind)
        self.weekday = QComboBox()
        self.weekday.addItems([self.tr(d) for d in WEEKDAYS])
        self.weekday.setCurrentIndex(6)
        self.day = DateField(required=True)
        self.day.set_date(self.today)
        if one_off:
            self.add_field(self.tr("Date*"), "day", self.day)
        else:
            self.add_field(self.tr("Every"), "weekday", self.weekday)
        self.start = QTimeEdit(QTime(19, 0))
        self.start.setDisplayFormat("HH:mm")
        self.add_field(self.tr("Starts at"), "start_time", self.start)
        self.minutes = QSpinBox()
        self.minutes.setRange(5, 720)
        self.minutes.setValue(60)
        self.minutes.setSuffix(self.tr(" minutes"))
        self.add_field(self.tr("Lasts"), "minutes", self.minutes)
        self.place = QLineEdit()
        self.add_field(self.tr("Place"), "place", self.place)
        self.mandatory = QCheckBox(self.tr("Everyone must come"))
        self.mandatory.setChecked(True)
        self.add_field("", "mandatory", self.mandatory)
        self.setMinimumWidth(460)  # room for a message under a field, on one or two lines
        if existing is not None:
            self._fill(existing)
        self.dirty = False  # filling in the event as it is is not a change

    def _fill(self, existing: SeriesInfo) -> None:
        """Start from the event as it is."""
        self.title.setText(existing.title)
        self.kind.setCurrentIndex(self.kind.findData(existing.kind.value))
        self.weekday.setCurrentIndex(existing.weekday)
        self.start.setTime(QTime(existing.start_time.hour, existing.start_time.minute))
        self.minutes.setValue(existing.minutes)
        self.place.setText(existing.place)
        self.mandatory.setChecked(existing.mandatory)

    def submit(self) -> Done[Any]:
        calendar = self.services.calendar
        if self.one_off:
            # Every field's problem at once: the date's, and the rest as the calendar sees them.
            if problem := date_problem("day", self.tr("Date"), self.day):
                try:
                    calendar.check(self.chosen())
                except ValidationError as error:
                    problem |= error.errors
                raise ValidationError(problem)
            return calendar.add_one_off(self.chosen(), self.day.date() or self.today)
        return calendar.save_series(self.chosen())

    def chosen(self) -> SeriesInfo:
        start = self.start.time()
        return SeriesInfo(
            self.existing.id if self.existing else None,
            Kind(self.kind.currentData()),
            self.title.text(),
            self.weekday.currentIndex(),
            time(start.hour(), start.minute()),
            self.minutes.value(),
            self.place.text(),
            self.mandatory.isChecked(),
            starts=self.existing.starts if self.existing else self.today,
            ends=self.existing.ends if self.existing else None,
            version=self.existing.version if self.existing else None,
        )


class MoveDialog(FormDialog):
    """One date of a meeting moved to another day or hour; the series goes on as it was."""

    def __init__(
        self, services: Workspace, events: AppEvents, event: Occurrence, parent: QWidget | None
    ) -> None:
        super().__init__(self.tr("Move {title}").format(title=event.title), events, parent)
        self.services, self.meeting = services, event
        self.day = DateField(required=True)
        self.day.set_date(event.day)
        self.add_field(self.tr("New date*"), "day", self.day)
        self.start = QTimeEdit(QTime(event.start_time.hour, event.start_time.minute))
        self.start.setDisplayFormat("HH:mm")
        self.add_field(self.tr("New time"), "start_time", self.start)
        self.setMinimumWidth(420)
        self.dirty = False

    def submit(self) -> Done[Any]:
        if problem := date_problem("day", self.tr("New date"), self.day):
            raise ValidationError(problem)
        start = self.start.time()
        day = self.day.date() or self.meeting.day
        return self.services.calendar.move(self.meeting, day, time(start.hour(), start.minute()))


def cancel_form(
    services: Workspace, events: AppEvents, event: Occurrence, parent: QWidget | None
) -> TextForm:
    """One date of a meeting cancelled, with why; it stays on record and can be undone."""
    calendar = services.calendar
    return TextForm(
        QCoreApplication.translate("CancelForm", "Cancel {title}").format(title=event.title),
        events,
        [(QCoreApplication.translate("CancelForm", "Why is it cancelled?"), "reason", "")],
        lambda typed: calendar.cancel(event, typed["reason"]),
        parent,
    )
