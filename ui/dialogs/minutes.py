"""Write a house meeting's minutes on the steady agenda; add action items; finalise; print."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from html import escape

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from residence.changes import Done
from residence.dates import format_date
from residence.meetings.minutes import LIVE_NOTE, SECTIONS, MinutesView
from residence.workspace import Workspace

from ui.dialogs.amend_minutes import AmendMinutesDialog
from ui.events import AppEvents
from ui.widgets.actions import run_action
from ui.widgets.date_field import DateField
from ui.widgets.form import fitting
from ui.widgets.sizing import open_at


class MinutesDialog(QDialog):
    def __init__(
        self,
        services: Workspace,
        events: AppEvents,
        meeting_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services, self.events, self.meeting_id = services, events, meeting_id
        self.today = services.clock.today
        self.edits: dict[str, QPlainTextEdit] = {}
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        form_host = QWidget()
        form = QFormLayout(form_host)
        form.addRow(self.facts)
        for name, heading in SECTIONS:
            edit = QPlainTextEdit()
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(64)
            self.edits[name] = edit
            form.addRow(self.tr(heading), edit)
        self.items = QListWidget()
        self.items.setFixedHeight(90)
        form.addRow(self.tr("Action items"), self.items)
        form.addRow("", self._item_row())
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_host)
        self.status = QLabel()
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Save draft"))
        self.finalise_button = QPushButton(self.tr("Finalise…"))
        self.amend_button = QPushButton(self.tr("Amend a section…"))
        print_button = QPushButton(self.tr("Print…"))
        close = QPushButton(self.tr("Close"))
        for button, slot in (
            (self.save_button, self.save),
            (self.finalise_button, self.finalise),
            (self.amend_button, self.amend),
            (print_button, self.print_minutes),
            (close, self.close_dialog),
        ):
            button.clicked.connect(lambda _c=False, slot=slot: slot())
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        open_at(self, 760, 720)
        self.load()
        # Opens on the first section to write (draft minutes), never on a button.
        first = next(iter(self.edits.values()))
        if not first.isReadOnly():
            first.setFocus()

    def _item_row(self) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        self.item_what = QLineEdit()
        self.item_what.setPlaceholderText(self.tr("What is to be done"))
        self.item_who = fitting(QComboBox())
        self.item_due = DateField()
        self.item_due.setPlaceholderText(self.tr("by (date)"))
        self.add_button = QPushButton(self.tr("Add item"))
        self.add_button.clicked.connect(self.add_item)
        self.done_button = QPushButton(self.tr("Mark done"))
        self.done_button.clicked.connect(self.mark_done)
        for widget in (
            self.item_what,
            self.item_who,
            self.item_due,
            self.add_button,
            self.done_button,
        ):
            layout.addWidget(widget)
        layout.setStretch(0, 1)
        return row

    def load(self) -> None:
        self.view: MinutesView = self.services.minutes.view(self.meeting_id)
        view = self.view
        self.setWindowTitle(
            self.tr("Minutes: {title}, {day}").format(
                title=view.meeting.title, day=format_date(view.meeting.day)
            )
        )
        for name, edit in self.edits.items():
            edit.setPlainText(view.sections.get(name, ""))
            edit.setReadOnly(view.finalised_at is not None)
        self.facts.setText(_facts(view))
        self.item_who.clear()
        for line in view.roll_call:
            self.item_who.addItem(line.name, line.person_id)
        self.items.clear()
        self._open_items = [*view.carried, *view.raised]
        for item in self._open_items:
            due = f" — by {format_date(item.due)}" if item.due else ""
            state = f" ✓ {format_date(item.done_on)}" if item.done_on else ""
            self.items.addItem(f"{item.what} — {item.who}{due}{state}")
        final = view.finalised_at is not None
        self.status.setText(
            self.tr("Final since {when}, by {who}. Changes are amendments.").format(
                when=f"{view.finalised_at:%d %b %Y %H:%M}", who=view.finalised_by
            )
            if final
            else self.tr("Draft: save as you go; finalise once the meeting has approved them.")
        )
        if view.records_live_though_final:
            self.status.setText(self.status.text() + " " + self.tr(LIVE_NOTE))
        if view.amendments:
            last = view.amendments[-1]
            self.status.setText(
                self.status.text()
                + self.tr(" Amended {n} times; last: {section}, {why}").format(
                    n=len(view.amendments), section=last.section, why=last.why
                )
            )
        self.save_button.setEnabled(not final)
        ahead = view.meeting.day > self.today()  # the agenda can be prepared; not finalised
        self.finalise_button.setEnabled(not final and not ahead)
        self.finalise_button.setToolTip(
            self.tr("Minutes are finalised once the meeting has been held.") if ahead else ""
        )
        self.amend_button.setEnabled(final)
        # Final minutes show the items as they stood then; later work is done elsewhere.
        self.add_button.setEnabled(not final)
        self.done_button.setEnabled(not final)
        self.done_button.setToolTip(
            self.tr("Final minutes show the items as they stood; mark them done on Action items.")
            if final
            else ""
        )

    def sections(self) -> dict[str, str]:
        return {name: edit.toPlainText() for name, edit in self.edits.items()}

    def save(self) -> bool:
        return self._run(
            lambda: self.services.minutes.save(
                self.meeting_id, self.sections(), seen=self.view.version
            )
        )

    def finalise(self) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Finalise the minutes?"),
            self.tr(
                "Final minutes are kept as evidence that meetings happen; after this, "
                "changes are amendments that say why."
            ),
        )
        if answer == QMessageBox.StandardButton.Yes and self.save():
            self._run(lambda: self.services.minutes.finalise(self.meeting_id))

    def amend(self) -> None:
        dialog = AmendMinutesDialog(
            self.services, self.events, self.meeting_id, self.view.sections, self, self.view.version
        )
        if dialog.exec():
            self.load()

    def add_item(self) -> None:
        try:
            due = self.item_due.date()
        except ValueError as error:
            QMessageBox.warning(self, self.tr("Not added"), str(error))
            return
        person = self.item_who.currentData()
        if self._run(
            lambda: self.services.minutes.add_item(
                self.meeting_id, self.item_what.text(), person, due=due
            )
        ):
            self.item_what.clear()
            self.item_due.clear()

    def mark_done(self) -> None:
        row = self.items.currentRow()
        if 0 <= row < len(self._open_items):
            item = self._open_items[row]
            on = max(self.today(), item.raised_on)
            self._run(lambda: self.services.minutes.complete_item(item.id, on))

    def print_minutes(self) -> None:
        from residence.meetings.sheets_report import MinutesDocument, minutes_file_name, minutes_pdf

        from ui.pdf_view import PdfPreview

        if self.view.finalised_at is None and not self.save():
            return
        settings = self.services.house.settings()
        pdf = minutes_pdf(
            MinutesDocument(
                settings.name if settings else "",
                self.services.minutes.view(self.meeting_id),
                self.services.clock.now(),
            )
        )
        PdfPreview(pdf, self.tr("Minutes"), minutes_file_name(self.view.meeting.day), self).exec()

    def close_dialog(self) -> None:
        """Close saves what was typed; if it can't be saved, the dialog stays open with it."""
        if self._unsaved() and not self.save():
            return
        self.accept()

    def reject(self) -> None:
        """Escape or the window's ×: typed minutes are never dropped without a question."""
        if not self._unsaved():
            super().reject()
            return
        answer = QMessageBox.question(
            self,
            self.tr("Save the minutes?"),
            self.tr("You typed minutes that are not saved yet. Save them before closing?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save and self.save():
            self.accept()
        elif answer == QMessageBox.StandardButton.Discard:
            super().reject()

    def _unsaved(self) -> bool:
        return self.view.finalised_at is None and self.sections() != self._saved_sections()

    def _run(self, action: Callable[[], Done[object]]) -> bool:
        if run_action(self, self.events, action, "Not saved") is None:
            return False
        typed, read = self.sections(), self.view
        self.load()
        if self.view.finalised_at is None and typed != self._saved_sections():
            # Kept: what was typed but not saved yet, and the reading it was typed over, so
            # that a save made meanwhile at another desk is refused rather than typed over.
            for name, edit in self.edits.items():
                edit.setPlainText(typed[name])
            self.view = replace(self.view, version=read.version)
        return True

    def _saved_sections(self) -> dict[str, str]:
        return {name: self.view.sections.get(name, "") for name in self.edits}


def _facts(view: MinutesView) -> str:
    """What the agenda takes from elsewhere: attendance, chores, open action items."""
    counts: dict[str, int] = {}
    for line in view.roll_call:
        key = line.status.value if line.status else "not recorded"
        counts[key] = counts.get(key, 0) + 1
    roll = ", ".join(f"{n} {status}" for status, n in counts.items()) or "no one on the roll"
    chores = view.chores
    chore_line = (
        f"{chores.done} done, {len(chores.missed)} missed last week"
        if chores.week_start
        else "no chores last week"
    )
    carried = (
        f"{len(view.carried)} open item(s) carried over" if view.carried else "nothing carried over"
    )
    return (
        f"<b>Roll call</b> (from attendance): {escape(roll)}. <b>Chores:</b> {escape(chore_line)}. "
        f"<b>Old business:</b> {escape(carried)}."
    )
