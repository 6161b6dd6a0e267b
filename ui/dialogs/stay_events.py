"""The events of a stay: a bed move, a phase change, the discharge and its amendment, a
transfer to another house."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QLabel, QPlainTextEdit, QWidget
from residence.changes import Done
from residence.dates import format_date
from residence.errors import ResidenceError, ValidationError
from residence.phaseup.records import Assessment
from residence.residents.reasons import DischargeReason
from residence.residents.records import Discharge, StayRecord, Transfer
from residence.workspace import Workspace

from ui.dialogs.base import FormDialog, date_problem
from ui.dialogs.choices import bed_combo, fill_beds, fill_phases, phase_combo, reason_combo
from ui.events import AppEvents
from ui.widgets.criteria import CriteriaPanel
from ui.widgets.date_field import DateField


class _StayDialog(FormDialog):
    """A dialog about one stay, with the date the event happened (today by default)."""

    date_field = "on"
    date_label = "Date*"

    def __init__(
        self,
        title: str,
        services: Workspace,
        events: AppEvents,
        stay: StayRecord,
        on: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, events, parent)
        self.services = services
        self.stay = stay
        self.on = DateField(required=True)
        self.on.set_date(on)
        self.add_field(self.tr(self.date_label), self.date_field, self.on)

    def event_date(self) -> date:
        if problem := date_problem(self.date_field, self.tr("Date"), self.on):
            raise ValidationError(problem)
        value = self.on.date()
        assert value is not None
        return value


def _note_box() -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(80)
    return box


class MoveBedDialog(_StayDialog):
    def __init__(
        self,
        services: Workspace,
        events: AppEvents,
        stay: StayRecord,
        on: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Move to another bed"), services, events, stay, on, parent)
        current = stay.current_bed
        self.form.insertRow(0, self.tr("Now in"), QLabel(current.bed if current else "—"))
        self.bed = bed_combo(services.queries.free_beds(on), allow_none=False)
        self.add_field(self.tr("New bed*"), "bed", self.bed)

    def submit(self) -> Done[None]:
        on = self.event_date()
        if self.bed.currentData() is None:
            raise ValidationError.single("bed", self.tr("There is no free bed to move to."))
        return self.services.residents.move_bed(self.stay.id, self.bed.currentData(), on)


class PhaseDialog(_StayDialog):
    """A phase change. Moving up to the next phase shows the house's criteria for it, judged
    from the records, and the move keeps them as its note (with the manager's reason, which
    a criterion not met needs)."""

    def __init__(
        self,
        services: Workspace,
        events: AppEvents,
        stay: StayRecord,
        on: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Change phase"), services, events, stay, on, parent)
        self.form.insertRow(0, self.tr("Now in"), QLabel(stay.current_phase or "—"))
        self.phase = phase_combo(services.house.phases(), _next_phase(services, stay))
        self.criteria = CriteriaPanel()
        self.note = _note_box()
        self.add_field(self.tr("New phase*"), "phase", self.phase)
        self.form.addRow(self.criteria)
        self.add_field(self.tr("Note"), "note", self.note)
        self.phase.currentIndexChanged.connect(self._judge)
        self.on.textChanged.connect(self._judge)
        self._judge()
        self.setMinimumWidth(600)  # room for the criteria's evidence beside their marks

    def _assessment(self) -> Assessment | None:
        """The criteria for the phase chosen, on the day typed, when it is the next one."""
        try:
            day = self.on.date()
            if day is None:
                return None
            assessment = self.services.phase_up.assess_stay(self.stay.id, day)
        except (ValueError, ResidenceError):
            return None  # a date that is wrong or out of the stay: its message says so
        chosen = self.phase.currentData()
        return assessment if chosen == assessment.next_phase_id else None

    def _judge(self) -> None:
        self.criteria.show_assessment(self._assessment())

    def submit(self) -> Done[None]:
        on = self.event_date()
        note = self.note.toPlainText()
        if (assessment := self._assessment()) is not None:
            note = assessment.note(note)
        return self.services.residents.change_phase(
            self.stay.id, self.phase.currentData(), on, note
        )


def _next_phase(services: Workspace, stay: StayRecord) -> str:
    """The phase after the current one: moving up is the usual change."""
    names = [phase.name for phase in services.house.phases()]
    if stay.current_phase in names:
        index = names.index(stay.current_phase)
        return names[min(index + 1, len(names) - 1)]
    return names[0] if names else ""


class DischargeDialog(_StayDialog):
    date_field = "move_out"
    date_label = "Move-out date*"

    def __init__(
        self,
        services: Workspace,
        events: AppEvents,
        stay: StayRecord,
        on: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Discharge"), services, events, stay, on, parent)
        self.form.insertRow(0, self.tr("Moved in"), QLabel(format_date(stay.move_in)))
        self.reason = reason_combo()
        self.note = _note_box()
        self.add_field(self.tr("Reason*"), "reason", self.reason)
        self.add_field(self.tr("Note"), "note", self.note)

    def discharge(self) -> Discharge:
        reason = DischargeReason(self.reason.currentData())
        return Discharge(self.event_date(), reason, self.note.toPlainText())

    def submit(self) -> Done[None]:
        return self.services.residents.discharge(self.stay.id, self.discharge())


class AmendDischargeDialog(DischargeDialog):
    """Correct a discharge; the original stays on file with who, when and why."""

    def __init__(
        self,
        services: Workspace,
        events: AppEvents,
        stay: StayRecord,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        assert stay.move_out is not None
        super().__init__(services, events, stay, stay.move_out, parent)
        self.setWindowTitle(self.tr("Amend the discharge"))
        if stay.discharge_reason is not None:
            self.reason.setCurrentIndex(self.reason.findData(stay.discharge_reason.value))
        self.note.setPlainText(stay.discharge_note)
        self.why = _note_box()
        self.add_field(self.tr("Why it is corrected*"), "why", self.why)
        self.dirty = False

    def submit(self) -> Done[None]:
        return self.services.residents.amend_discharge(
            self.stay.id, self.discharge(), self.why.toPlainText()
        )


class TransferDialog(_StayDialog):
    """Move a resident to another of the operator's houses: the stay here ends on the day
    ("transferred to …") and the next begins there, in its bed and phase, in one save."""

    date_field = "day"
    date_label = "Date of the move*"

    def __init__(
        self,
        services: Workspace,
        events: AppEvents,
        stay: StayRecord,
        on: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Transfer to another house"), services, events, stay, on, parent)
        here = services.house_id
        current = stay.current_bed
        self.form.insertRow(0, self.tr("Now in"), QLabel(current.bed if current else "—"))
        self.house = QComboBox()
        for house, name in services.house.houses():
            if house != here:
                self.house.addItem(name, house)
        self.bed, self.phase = QComboBox(), QComboBox()
        self.add_field(self.tr("To house*"), "to_house", self.house)
        self.add_field(self.tr("Bed there"), "bed", self.bed)
        self.add_field(self.tr("Phase there"), "phase", self.phase)
        self.house.currentIndexChanged.connect(lambda _i: self._fill_choices())
        self.on.editingFinished.connect(self._fill_choices)
        self._fill_choices()

    def _fill_choices(self) -> None:
        """The chosen house's free beds on the day, and its phases (its first, by default)."""
        house = self.house.currentData()
        if house is None:
            fill_beds(self.bed, [], allow_none=True)
            fill_phases(self.phase, [])
            return
        there = self.services.in_house(house)
        day = self.on.date() or self.services.clock.today()
        fill_beds(self.bed, there.queries.free_beds(day), allow_none=True)
        fill_phases(self.phase, there.house.phases())

    def submit(self) -> Done[int]:
        day = self.event_date()
        if self.house.currentData() is None:
            raise ValidationError.single("to_house", self.tr("Choose the house they move to."))
        move = Transfer(
            self.house.currentData(), day, self.bed.currentData(), self.phase.currentData()
        )
        return self.services.residents.transfer(self.stay.id, move)
