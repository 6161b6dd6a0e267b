"""Dialogs for peer mentoring: assign (or replace) a mentor, end a pair, log a check-in,
an outside mentor's details, and the suggested pairings to review before saving."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)
from residence.changes import Done
from residence.dates import format_date
from residence.errors import ResidenceError, ValidationError
from residence.mentors.records import (
    Candidate,
    EndReason,
    ExternalMentorInfo,
    How,
    MentorKey,
    Pair,
    Role,
    Suggestion,
)
from residence.recovery.records import GoalState
from residence.workspace import Workspace

from ui.dialogs.base import FormDialog, date_problem
from ui.events import AppEvents
from ui.widgets.date_field import DateField
from ui.widgets.sizing import open_at

CANDIDATE_COLUMNS = ("Mentor", "Role", "Days sober", "Phase", "Mentees", "Last check-in", "Why not")


def _day(field: DateField, name: str, label: str) -> date:
    if problems := date_problem(name, label, field):
        raise ValidationError(problems)
    value = field.date()
    if value is None:
        raise ValidationError.single(name, f"{label}: give a date.")
    return value


def _grey(item: QTableWidgetItem) -> None:
    item.setForeground(QColor("#777777"))
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsSelectable & ~Qt.ItemFlag.ItemIsEnabled)


class AssignDialog(FormDialog):
    """Choose a mentor for one mentee from everyone who could, with the reason for those who
    can't. With ``replacing``, the old pair ends the day the new one starts."""

    def __init__(
        self,
        services: Workspace,
        events: AppEvents,
        mentee_id: int,
        mentee: str,
        today: date,
        parent: QWidget | None = None,
        replacing: Pair | None = None,
    ) -> None:
        title = self.tr("Replace the mentor") if replacing else self.tr("Assign a mentor")
        super().__init__(title, events, parent)
        self.services, self.mentee_id, self.replacing = services, mentee_id, replacing
        open_at(self, 1060, 520)
        leave_out = {MentorKey(person_id=mentee_id), replacing.mentor if replacing else None}
        self.candidates = [
            c for c in services.mentors.candidates(mentee_id) if c.facts.key not in leave_out
        ]
        self.table = QTableWidget(len(self.candidates), len(CANDIDATE_COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in CANDIDATE_COLUMNS])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        for r, candidate in enumerate(self.candidates):
            for c, text in enumerate(_candidate_cells(candidate)):
                item = QTableWidgetItem(text)
                if not candidate.eligible:
                    _grey(item)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        if self.candidates and self.candidates[0].eligible:
            self.table.selectRow(0)
        self.table.doubleClicked.connect(lambda _i: self.save())
        self.start = DateField(required=True)
        self.start.set_date(today)
        self.note = QLineEdit()
        self.form.addRow(self.tr("Mentee:"), QLabel(f"<b>{mentee}</b>"))
        if replacing is not None:
            self.form.addRow(self.tr("Now:"), QLabel(replacing.mentor_name))
        self.add_field(self.tr("Mentor*"), "mentor", self.table)
        self.add_field(self.tr("From*"), "start", self.start)
        if replacing is not None:
            self.add_field(self.tr("Why the change"), "note", self.note)

    def chosen(self) -> MentorKey | None:
        row = self.table.currentRow()
        rows = self.table.selectionModel().selectedRows()
        if not rows or not 0 <= row < len(self.candidates):
            return None
        candidate = self.candidates[row]
        return candidate.facts.key if candidate.eligible else None

    def submit(self) -> Done[Pair]:
        start = _day(self.start, "start", self.tr("From"))
        mentor = self.chosen()
        if mentor is None:
            raise ValidationError.single("mentor", self.tr("Choose a mentor who may mentor."))
        if self.replacing is not None:
            return self.services.mentors.replace(self.replacing.id, mentor, start, self.note.text())
        return self.services.mentors.assign(self.mentee_id, mentor, start)


def _candidate_cells(candidate: Candidate) -> tuple[str, ...]:
    facts = candidate.facts
    return (
        facts.name,
        facts.role.label,
        "" if facts.days_sober is None else str(facts.days_sober),
        facts.phase,
        str(facts.load),
        format_date(candidate.last_check_in) if candidate.last_check_in else "",
        str(candidate.why_not or ""),
    )


class EndPairDialog(FormDialog):
    def __init__(
        self,
        services: Workspace,
        events: AppEvents,
        pair: Pair,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("End the assignment"), events, parent)
        self.services, self.pair = services, pair
        self.day = DateField(required=True)
        self.day.set_date(today)
        self.reason = QComboBox()
        for reason in EndReason:
            if reason not in (
                EndReason.REPLACED,
                EndReason.MOVED_OUT,
            ):  # those happen by themselves
                self.reason.addItem(self.tr(reason.label), reason)
        self.note = QLineEdit()
        self.form.addRow(
            self.tr("Pair:"), QLabel(f"<b>{pair.mentor_name}</b> mentoring <b>{pair.mentee}</b>")
        )
        self.add_field(self.tr("Last day*"), "day", self.day)
        self.add_field(self.tr("Reason*"), "reason", self.reason)
        self.add_field(self.tr("Note"), "note", self.note)

    def submit(self) -> Done[None]:
        day = _day(self.day, "day", self.tr("Last day"))
        return self.services.mentors.end(
            self.pair.id, day, EndReason(self.reason.currentData()), self.note.text()
        )


class CheckInDialog(FormDialog):
    def __init__(
        self,
        services: Workspace,
        events: AppEvents,
        pair: Pair,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Log a check-in"), events, parent)
        self.services, self.pair = services, pair
        self.day = DateField(required=True)
        self.day.set_date(today)
        self.how = QComboBox()
        for how in How:
            self.how.addItem(self.tr(how.label), how)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("A line or two: what you talked about."))
        self.note.setFixedHeight(90)
        self.shareable = QCheckBox(self.tr("The note may be shared with the case manager"))
        self.form.addRow(
            self.tr("Pair:"), QLabel(f"<b>{pair.mentor_name}</b> with <b>{pair.mentee}</b>")
        )
        self.add_field(self.tr("Date*"), "day", self.day)
        self.add_field(self.tr("How"), "how", self.how)
        self.add_field(self.tr("Note"), "note", self.note)
        self.form.addRow("", self.shareable)
        self.steps = self._plan_steps()
        self.shared = self._resources()
        self.setMinimumWidth(600)  # a step and its goal on one line

    def _plan_steps(self) -> QListWidget | None:
        """The steps of the mentee's plan still to do, to tick those the mentor heard were
        done: they are done on the check-in's day (the plan itself keeps the progress)."""
        steps = [
            (step.id, f"{step.what}  ({goal.what})")
            for goal in self.services.plans.plan(self.pair.mentee_id)
            if goal.state is GoalState.OPEN
            for step in goal.steps
            if step.done_on is None
        ]
        return self._ticks(self.tr("Plan steps done"), "steps", steps)

    def _resources(self) -> QListWidget | None:
        """The house's resources, to tick those the mentor shared."""
        resources = [
            (r.id, f"{r.name} · {r.kind.label}") for r in self.services.resources.resources()
        ]
        return self._ticks(self.tr("Resources shared"), "resources", resources)

    def _ticks(
        self, label: str, field: str, choices: Sequence[tuple[int | None, str]]
    ) -> QListWidget | None:
        """A list to tick, or nothing when there is nothing to choose."""
        if not choices:
            return None
        ticks = QListWidget()
        for number, text in choices:
            item = QListWidgetItem(text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, number)
            ticks.addItem(item)
        ticks.setFixedHeight(min(110, 8 + 22 * len(choices)))
        self.add_field(label, field, ticks)
        return ticks

    @staticmethod
    def _texts(ticks: QListWidget | None) -> dict[int, str]:
        if ticks is None:
            return {}
        items = (ticks.item(row) for row in range(ticks.count()))
        return {item.data(Qt.ItemDataRole.UserRole): item.text() for item in items if item}

    @staticmethod
    def ticked(ticks: QListWidget | None) -> list[int]:
        if ticks is None:
            return []
        items = (ticks.item(row) for row in range(ticks.count()))
        return [
            item.data(Qt.ItemDataRole.UserRole)
            for item in items
            if item is not None and item.checkState() == Qt.CheckState.Checked
        ]

    def submit(self) -> Done[object]:
        day = _day(self.day, "day", self.tr("Date"))
        how, note = How(self.how.currentData()), self.note.toPlainText()
        done = self.services.mentors.check_in(
            self.pair.id, day, how, note, self.shareable.isChecked()
        )
        # The check-in is kept whatever follows: the dialog closes on it (a second Save would
        # log it twice), and says what of the rest wasn't kept.
        changes, refused = done.changes, []
        later: list[tuple[str, Callable[[], Done[None]]]] = []
        if shared := self.ticked(self.shared):
            share = partial(self.services.resources.share, done.value.id, shared)
            later.append((self.tr("The resources shared"), share))
        names = self._texts(self.steps)
        later += [
            (names[step], partial(self.services.plans.step_done, step, day))
            for step in self.ticked(self.steps)
        ]
        for what, action in later:
            try:
                changes = changes | action().changes
            except ResidenceError as error:
                refused.append(f"{what}: {error}")
        if refused:
            QMessageBox.warning(
                self,
                self.tr("Check-in logged"),
                self.tr("The check-in is logged; not kept with it:") + "\n" + "\n".join(refused),
            )
        return Done(done.value, changes)


class ExternalMentorDialog(FormDialog):
    """An alumnus, peer specialist or recovery coach from outside the house."""

    def __init__(
        self,
        services: Workspace,
        events: AppEvents,
        parent: QWidget | None = None,
        mentor: ExternalMentorInfo | None = None,
    ) -> None:
        title = self.tr("Outside mentor") if mentor else self.tr("Add an outside mentor")
        super().__init__(title, events, parent)
        self.services, self.mentor_id = services, mentor.id if mentor else None
        self.version = mentor.version if mentor else None  # what the form was filled from
        self.name = QLineEdit(mentor.name if mentor else "")
        self.role = QComboBox()
        for role in Role:
            if role.external:
                self.role.addItem(self.tr(role.label), role)
        if mentor is not None:
            self.role.setCurrentIndex(self.role.findData(mentor.role))
        self.phone = QLineEdit(mentor.phone if mentor else "")
        self.email = QLineEdit(mentor.email if mentor else "")
        self.active = QCheckBox(self.tr("Still mentoring"))
        self.active.setChecked(mentor.active if mentor else True)
        self.add_field(self.tr("Name*"), "name", self.name)
        self.add_field(self.tr("Role*"), "role", self.role)
        self.add_field(self.tr("Phone"), "phone", self.phone)
        self.add_field(self.tr("Email"), "email", self.email)
        self.form.addRow("", self.active)

    def submit(self) -> Done[ExternalMentorInfo]:
        return self.services.mentors.save_external(
            ExternalMentorInfo(
                self.mentor_id,
                self.name.text(),
                Role(self.role.currentData()),
                self.phone.text(),
                self.email.text(),
                self.active.isChecked(),
                self.version,
            )
        )


class SuggestDialog(FormDialog):
    """The suggested pairings, each kept, changed to another mentor, or left out, before
    anything is saved; the service checks every rule again on saving."""

    def __init__(
        self, services: Workspace, events: AppEvents, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Suggested pairings"), events, parent)
        self.services = services
        open_at(self, 640, 400)
        self.suggestions = services.mentors.suggest()
        waiting = len(services.mentors.unpaired())
        self.table = QTableWidget(len(self.suggestions), 2)
        self.table.setHorizontalHeaderLabels([self.tr("Mentee"), self.tr("Mentor")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.mentors: list[QComboBox] = []
        for r, s in enumerate(self.suggestions):
            mentee = QTableWidgetItem(s.mentee)
            mentee.setFlags(mentee.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            mentee.setCheckState(Qt.CheckState.Checked)
            self.table.setItem(r, 0, mentee)
            choice = QComboBox()
            for candidate in services.mentors.candidates(s.mentee_id):
                if candidate.eligible:
                    facts = candidate.facts
                    choice.addItem(
                        f"{facts.name} ({facts.role.label}, {facts.load} now)", facts.key
                    )
            choice.setCurrentIndex(max(0, choice.findData(s.mentor)))
            self.mentors.append(choice)
            self.table.setCellWidget(r, 1, choice)
        self.table.resizeColumnsToContents()
        left = waiting - len(self.suggestions)
        summary = self.tr("Untick a pairing to leave it out, or choose another mentor.")
        if left > 0:
            summary += " " + self.tr("{n} waiting could not be matched within the rules.").format(
                n=left
            )
        if not self.suggestions:
            summary = self.tr("Nobody can be matched: no one is waiting, or no mentor has room.")
        self.start = DateField(required=True)
        self.start.set_date(today)
        explanation = QLabel(summary)
        explanation.setWordWrap(True)
        self.body.insertWidget(0, explanation)
        self.add_field(self.tr("Pairings"), "pairings", self.table)
        self.add_field(self.tr("From*"), "start", self.start)

    def kept(self) -> list[Suggestion]:
        kept = []
        for r, s in enumerate(self.suggestions):
            item = self.table.item(r, 0)
            if item is None or item.checkState() != Qt.CheckState.Checked:
                continue
            mentor = self.mentors[r].currentData()
            name = self.mentors[r].currentText().split(" (")[0]
            kept.append(Suggestion(s.mentee_id, s.mentee, mentor, name))
        return kept

    def submit(self) -> Done[object]:
        start = _day(self.start, "start", self.tr("From"))
        kept = self.kept()
        if not kept:
            raise ValidationError.single("pairings", self.tr("Keep at least one pairing."))
        return self.services.mentors.confirm(kept, start)
