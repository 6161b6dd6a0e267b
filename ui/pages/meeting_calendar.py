"""The Meetings page's calendar: the week's meetings and groups, with attendance, minutes,
sign-in sheets, moves and cancellations, and the weekly events themselves."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)
from residence.dates import format_date
from residence.meetings.records import Kind, Occurrence
from residence.workspace import Workspace

from ui.dialogs.attendance import AttendanceDialog
from ui.dialogs.events import EventDialog, MoveDialog, cancel_form
from ui.dialogs.minutes import MinutesDialog
from ui.events import AppEvents
from ui.pages.meeting_tab import MeetingsTab
from ui.widgets.flow import WrappingRow
from ui.widgets.week_bar import week_bar


class CalendarTab(MeetingsTab):
    def __init__(self, services: Workspace, events: AppEvents) -> None:
        super().__init__(services, events)
        self.week = self.today()
        self.occurrences: list[Occurrence] = []
        bar, self.week_label = week_bar(self.go)
        for text, slot in (
            (self.tr("Print schedule…"), self.print_schedule),
            (self.tr("Weekly events…"), self.add_series),
            (self.tr("One-off event…"), self.add_one_off),
        ):
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, slot=slot: slot())
            bar.addWidget(button)
        self.calendar = QTableWidget(0, 5)
        self.calendar.setHorizontalHeaderLabels(
            [self.tr("Day"), self.tr("Time"), self.tr("Event"), self.tr("Place"), self.tr("Status")]
        )
        self.calendar.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.calendar.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.calendar.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.calendar.verticalHeader().hide()
        self.calendar.horizontalHeader().setStretchLastSection(True)
        self.calendar.doubleClicked.connect(lambda _i: self.take_attendance())
        actions = WrappingRow()
        for text, slot in (
            (self.tr("Take attendance…"), self.take_attendance),
            (self.tr("Minutes…"), self.open_minutes),
            (self.tr("Sign-in sheet…"), self.print_sign_in),
            (self.tr("Move…"), self.move_event),
            (self.tr("Cancel…"), self.cancel),
            (self.tr("Undo cancel"), self.restore),
            (self.tr("Change weekly event…"), self.edit_series),
            (self.tr("End weekly event…"), self.end_series),
        ):
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, slot=slot: slot())
            actions.addWidget(button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(bar)
        layout.addWidget(self.calendar, 1)
        layout.addWidget(actions)

    def go(self, step: int) -> None:
        self.week = self.today() if step == 0 else self.week + timedelta(weeks=step)
        self.reload()

    def reload(self) -> None:
        start = self.services.weeks.week_of(self.week)
        self.week_label.setText(
            self.tr("Week of {first} – {last}").format(
                first=format_date(start), last=format_date(start + timedelta(days=6))
            )
        )
        self.occurrences = self.services.calendar.between(
            start, start + timedelta(days=6), include_cancelled=True
        )
        self.calendar.setRowCount(len(self.occurrences))
        for row, event in enumerate(self.occurrences):
            status = (
                self.tr("cancelled: {why}").format(why=event.cancel_reason)
                if event.cancelled
                else self.tr("moved from {day}").format(day=format_date(event.series_date))
                if event.moved and event.series_date
                else ""
            )
            if not status and event.meeting_id is not None:
                status = self._taken(event.meeting_id)
            kind = "" if event.kind is Kind.HOUSE else self.tr(" (group)")
            cells = (
                f"{event.day:%a} {format_date(event.day)}",
                event.start_time.strftime("%H:%M"),
                event.title + kind + ("" if event.mandatory else self.tr(", optional")),
                event.place,
                status,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if event.cancelled:
                    item.setForeground(QColor(128, 128, 128))
                self.calendar.setItem(row, column, item)
        self.calendar.resizeColumnsToContents()

    def _taken(self, meeting_id: int) -> str:
        """“11 present, 1 late” once attendance is taken."""
        counts: dict[str, int] = {}
        for line in self.services.attendance.sheet(meeting_id):
            if line.status is not None:
                counts[line.status.value] = counts.get(line.status.value, 0) + 1
        return ", ".join(f"{n} {status}" for status, n in counts.items())

    def selected(self) -> Occurrence | None:
        row = self.calendar.currentRow()
        if 0 <= row < len(self.occurrences):
            return self.occurrences[row]
        self._tell(self.tr("Select an event first."))
        return None

    def take_attendance(self) -> None:
        event = self._not_cancelled()
        if event is not None:
            AttendanceDialog(self.services, self.events, event, self).exec()

    def _not_cancelled(self) -> Occurrence | None:
        """The selected event, unless it was cancelled: then say how to bring it back."""
        event = self.selected()
        if event is not None and event.cancelled:
            self._tell(
                self.tr(
                    "This meeting was cancelled. If it took place after all, choose "
                    "“Undo cancel” first."
                )
            )
            return None
        return event

    def open_minutes(self) -> None:
        event = self._not_cancelled()
        if event is None:
            return
        if event.kind is not Kind.HOUSE:
            self._tell(self.tr("Minutes are kept for house meetings."))
            return
        meeting = self.services.calendar.hold(event)
        MinutesDialog(self.services, self.events, meeting, self).exec()
        self.reload()

    def move_event(self) -> None:
        event = self.selected()
        if event is not None:
            MoveDialog(self.services, self.events, event, self).exec()

    def cancel(self) -> None:
        event = self.selected()
        if event is not None:
            cancel_form(self.services, self.events, event, self).exec()

    def restore(self) -> None:
        event = self.selected()
        if event is not None and not event.cancelled:
            self._tell(self.tr("This meeting isn't cancelled."))
        elif event is not None:
            self._run(lambda: self.services.calendar.restore(event))

    def edit_series(self) -> None:
        event = self.selected()
        if event is None or event.series_id is None:
            self._tell(self.tr("Select a weekly event first."))
            return
        series = next(x for x in self.services.calendar.series() if x.id == event.series_id)
        EventDialog(self.services, self.events, False, self, series).exec()

    def end_series(self) -> None:
        event = self.selected()
        if event is None or event.series_id is None:
            self._tell(self.tr("Select a weekly event first."))
            return
        series_id = event.series_id
        answer = QMessageBox.question(
            self,
            self.tr("End the weekly event?"),
            self.tr("“{title}” stops after today; what happened before stays on record.").format(
                title=event.title
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._run(lambda: self.services.calendar.end_series(series_id, self.today()))

    def add_series(self) -> None:
        self._event_dialog(one_off=False)

    def add_one_off(self) -> None:
        self._event_dialog(one_off=True)

    def _event_dialog(self, *, one_off: bool) -> None:
        EventDialog(self.services, self.events, one_off, self).exec()

    def print_schedule(self) -> None:
        from residence.meetings.schedule_report import (
            WeeklySchedule,
            schedule_file_name,
            schedule_pdf,
        )

        from ui.pdf_view import PdfPreview

        start = self.services.weeks.week_of(self.week)
        settings = self.services.house.settings()
        house = settings.name if settings else ""
        events = tuple(self.services.calendar.week(start))
        schedule = WeeklySchedule(
            house, self.services.weeks.grid(start), events, self.services.clock.now()
        )
        PdfPreview(
            schedule_pdf(schedule), self.tr("Weekly schedule"), schedule_file_name(start), self
        ).exec()

    def print_sign_in(self) -> None:
        from residence.meetings.sheets_report import SignInSheet, sign_in_file_name, sign_in_pdf

        from ui.pdf_view import PdfPreview

        event = self._not_cancelled()
        if event is None:
            return
        names = tuple(self.services.attendance.residents_on(event.day))
        settings = self.services.house.settings()
        sheet = SignInSheet(
            settings.name if settings else "", event, names, self.services.clock.now()
        )
        PdfPreview(
            sign_in_pdf(sheet), self.tr("Sign-in sheet"), sign_in_file_name(event.day), self
        ).exec()
