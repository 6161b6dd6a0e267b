"""Admit a resident: a new person, or someone returning for a new stay."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget
from residence.changes import Done
from residence.dates import format_date
from residence.errors import ValidationError
from residence.residents.records import Admission, ResidentDetail, ReturningMatch
from residence.workspace import Workspace

from ui.dialogs.base import FormDialog, date_problem
from ui.dialogs.choices import bed_combo, phase_combo
from ui.dialogs.person_form import PersonFields
from ui.events import AppEvents
from ui.widgets.date_field import DateField
from ui.widgets.sizing import open_at


class AdmitDialog(FormDialog):
    def __init__(
        self,
        services: Workspace,
        events: AppEvents,
        today: date,
        parent: QWidget | None = None,
        returning: ResidentDetail | None = None,
    ) -> None:
        super().__init__(_title(returning), events, parent)
        self.services = services
        self.returning_id: int | None = None
        self.admitted_person: int | None = None
        self._match: ReturningMatch | None = None
        self.person = PersonFields(self)
        self.move_in = DateField(required=True)
        self.move_in.set_date(today)
        self.bed = bed_combo(services.queries.free_beds(today), allow_none=True)
        self.phase = phase_combo(services.house.phases())
        self.referral = QLineEdit()
        self.add_field(self.tr("Move-in date*"), "move_in", self.move_in)
        self.add_field(self.tr("Room / bed"), "bed", self.bed)
        self.add_field(self.tr("Phase"), "phase", self.phase)
        self.add_field(self.tr("Referral source"), "referral_source", self.referral)
        self._returning_bar = self._make_returning_bar()
        # Who first, then the stay: the order a manager fills a paper intake form.
        self.body.insertWidget(0, self._returning_bar)
        self.body.insertWidget(1, self.person.tabs)
        self.body.insertWidget(2, QLabel(self.tr("<b>This stay</b>")))
        for field in ("first_name", "last_name"):
            self.person.lines[field].editingFinished.connect(self._look_for_returning)
        self.person.date_of_birth.editingFinished.connect(self._look_for_returning)
        if returning is not None:
            self._use_returning(returning)
        open_at(self, 600, 600)

    def _make_returning_bar(self) -> QFrame:
        bar = QFrame()
        bar.setFrameShape(QFrame.Shape.StyledPanel)
        row = QHBoxLayout(bar)
        self._returning_text = QLabel()
        self._returning_text.setWordWrap(True)
        self._returning_button = QPushButton(self.tr("Admit as a return"))
        self._returning_button.clicked.connect(self._accept_match)
        row.addWidget(self._returning_text, 1)
        row.addWidget(self._returning_button)
        bar.hide()
        return bar

    def _look_for_returning(self) -> None:
        if self.returning_id is not None:
            return
        lines = self.person.lines
        try:
            born = self.person.date_of_birth.date()
        except ValueError:
            born = None
        matches = self.services.queries.likely_returning(
            lines["first_name"].text(), lines["last_name"].text(), born
        )
        self._match = matches[0] if matches else None
        self._show_match(self._match)

    def _show_match(self, match: ReturningMatch | None) -> None:
        if match is None:
            self._returning_bar.hide()
            return
        if match.last_move_out is None:
            self._returning_text.setText(
                self.tr("{name} already lives in the house (moved in {date}).").format(
                    name=match.name, date=format_date(match.last_move_in)
                )
            )
            self._returning_button.hide()
        else:
            born = f", born {format_date(match.date_of_birth)}" if match.date_of_birth else ""
            self._returning_text.setText(
                self.tr("{name}{born} stayed here before: moved out {date}. Same person?").format(
                    name=match.name, born=born, date=format_date(match.last_move_out)
                )
            )
            self._returning_button.show()
        self._returning_bar.show()

    def _accept_match(self) -> None:
        if self._match is not None:
            self._use_returning(self.services.queries.detail(self._match.person_id))

    def _use_returning(self, returning: ResidentDetail) -> None:
        """Admit as a new stay of this person, starting from the details on file."""
        self.returning_id = returning.person_id
        self.person.set_details(returning.details)
        last = returning.stays[-1] if returning.stays else None
        out = format_date(last.move_out) if last and last.move_out else ""
        self._returning_text.setText(
            self.tr("Returning resident: a new stay for {name} (last moved out {date}).").format(
                name=returning.details.display_name, date=out
            )
        )
        self._returning_button.hide()
        self._returning_bar.show()
        self.setWindowTitle(_title(returning))

    def submit(self) -> Done[int]:
        problems = {
            **self.person.date_problems(),
            **date_problem("move_in", "Move-in", self.move_in),
        }
        if problems:
            raise ValidationError(problems)
        move_in = self.move_in.date()
        assert move_in is not None
        admission = Admission(
            details=self.person.details(),
            move_in=move_in,
            bed_id=self.bed.currentData(),
            phase_id=self.phase.currentData(),
            referral_source=self.referral.text(),
            returning_person_id=self.returning_id,
        )
        done = self.services.residents.admit(admission)
        self.admitted_person = done.value
        return done


def _title(returning: ResidentDetail | None) -> str:
    if returning is None:
        return "Admit a resident"
    return f"Admit again: {returning.details.display_name}"
