"""Dialogs for consents: record one (every element 42 CFR § 2.31 asks for), revoke one or end
it on its event, and choose the period of a progress report."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from residence.changes import Done
from residence.consents.records import Category, ConsentInfo, Standing
from residence.errors import ValidationError
from residence.residents.records import Status
from residence.workspace import Workspace

from ui.dialogs.base import FormDialog, date_problem
from ui.events import AppEvents
from ui.widgets.date_field import DateField

DEFAULT_REVOKE = "In writing to the house manager, at any time."


def _dates(*fields: tuple[str, str, DateField]) -> None:
    problems: dict[str, str] = {}
    for name, label, field in fields:
        problems |= date_problem(name, label, field)
    if problems:
        raise ValidationError(problems)


class ConsentDialog(FormDialog):
    """Record a signed consent; ``like`` prefills the recipient and scope (a renewal)."""

    def __init__(
        self,
        services: Workspace,
        events: AppEvents,
        today: date,
        parent: QWidget | None = None,
        person_id: int | None = None,
        like: ConsentInfo | None = None,
    ) -> None:
        super().__init__(self.tr("Record a consent"), events, parent)
        self.services = services
        self.person = QComboBox()
        for person_id, name in services.queries.names(Status.CURRENT):  # namesakes told apart
            self.person.addItem(name, person_id)
        if person_id is not None and self.person.findData(person_id) < 0:
            detail = services.queries.detail(person_id).details
            self.person.addItem(detail.display_name, person_id)
        if person_id is not None:
            self.person.setCurrentIndex(self.person.findData(person_id))
        self.case_manager = QComboBox()
        self.case_manager.addItem(self.tr("Someone else (type below)"), None)
        for manager in services.queries.case_managers():
            self.case_manager.addItem(manager.label, manager.id)
        self.case_manager.activated.connect(lambda _i: self._fill_from_case_manager())
        self.recipient_name = QLineEdit()
        self.recipient_org = QLineEdit()
        self.recipient_class = QLineEdit()
        self.recipient_class.setPlaceholderText(
            self.tr("or a class, e.g. “my case managers at Riverside Treatment Center”")
        )
        self.purpose = QPlainTextEdit()
        self.purpose.setFixedHeight(60)
        self.purpose.setPlaceholderText(self.tr("e.g. To coordinate my treatment and housing."))
        self.categories = {c: QCheckBox(self.tr(c.label)) for c in Category}
        boxes = QWidget()
        grid = QGridLayout(boxes)
        grid.setContentsMargins(0, 0, 0, 0)
        for n, box in enumerate(self.categories.values()):
            grid.addWidget(box, n // 2, n % 2)
        self.signed_on = DateField(required=True)
        self.signed_on.set_date(today)
        self.expires_on = DateField()
        self.expires_on.set_date(today + timedelta(days=365))
        self.expiry_event = QLineEdit()
        self.expiry_event.setPlaceholderText(self.tr("and/or an event, e.g. “when I move out”"))
        self.revoke_how = QLineEdit(DEFAULT_REVOKE)
        self.irrevocable_until = DateField()
        self.irrevocable_until.setPlaceholderText(self.tr("only for court-ordered placements"))
        self.irrevocable_event = QLineEdit()
        rows = (
            (self.tr("Resident*"), "person", self.person),
            (self.tr("Recipient"), "case_manager", self.case_manager),
            (self.tr("Recipient's name"), "recipient_name", self.recipient_name),
            (self.tr("Organisation"), "recipient_org", self.recipient_org),
            (self.tr("Class of recipient"), "recipient_class", self.recipient_class),
            (self.tr("Purpose*"), "purpose", self.purpose),
            (self.tr("May disclose*"), "categories", boxes),
            (self.tr("Signed on*"), "signed_on", self.signed_on),
            (self.tr("Expires on"), "expires_on", self.expires_on),
            (self.tr("Or ends when"), "expiry_event", self.expiry_event),
            (self.tr("How to revoke*"), "revoke_how", self.revoke_how),
            (self.tr("Irrevocable until"), "irrevocable_until", self.irrevocable_until),
            (self.tr("…or until (event)"), "irrevocable_event", self.irrevocable_event),
        )
        for label, field, widget in rows:
            self.add_field(label, field, widget)
        if like is not None:
            self._prefill(like)
        self.resize(640, self.sizeHint().height())

    def _prefill(self, like: ConsentInfo) -> None:
        self.case_manager.setCurrentIndex(max(0, self.case_manager.findData(like.case_manager_id)))
        self.recipient_name.setText(like.recipient_name)
        self.recipient_org.setText(like.recipient_org)
        self.recipient_name.setReadOnly(like.case_manager_id is not None)
        self.recipient_org.setReadOnly(like.case_manager_id is not None)
        self.recipient_class.setText(like.recipient_class)
        self.purpose.setPlainText(like.purpose)
        for category, box in self.categories.items():
            box.setChecked(category in like.categories)
        self.revoke_how.setText(like.revoke_how)

    def _fill_from_case_manager(self) -> None:
        manager_id = self.case_manager.currentData()
        # The consent is to that case manager: their name can't be edited into someone else's.
        self.recipient_name.setReadOnly(manager_id is not None)
        self.recipient_org.setReadOnly(manager_id is not None)
        manager = next(
            (m for m in self.services.queries.case_managers() if m.id == manager_id), None
        )
        if manager is not None:
            self.recipient_name.setText(manager.name)
            self.recipient_org.setText(manager.organisation)

    def submit(self) -> Done[ConsentInfo]:
        _dates(
            ("signed_on", self.tr("Signed on"), self.signed_on),
            ("expires_on", self.tr("Expires on"), self.expires_on),
            ("irrevocable_until", self.tr("Irrevocable until"), self.irrevocable_until),
        )
        person = self.person.currentData()
        if person is None:
            raise ValidationError.single("person", self.tr("Choose the resident."))
        signed = self.signed_on.date()
        assert signed is not None
        info = ConsentInfo(
            None,
            person,
            self.recipient_name.text(),
            self.recipient_org.text(),
            self.purpose.toPlainText(),
            frozenset(c for c, box in self.categories.items() if box.isChecked()),
            signed,
            self.expires_on.date(),
            self.expiry_event.text(),
            self.revoke_how.text(),
            self.recipient_class.text(),
            self.case_manager.currentData(),
            self.irrevocable_until.date(),
            self.irrevocable_event.text(),
        )
        return self.services.consents.save(info)


class RevokeDialog(FormDialog):
    """The resident revoked the consent, or the event it ends on happened."""

    def __init__(
        self,
        services: Workspace,
        events: AppEvents,
        consent: ConsentInfo,
        resident: str,
        today: date,
        parent: QWidget | None = None,
        *,
        by_event: bool = False,
    ) -> None:
        title = self.tr("The consent's event happened") if by_event else self.tr("Revoke")
        super().__init__(title, events, parent)
        self.services, self.consent, self.by_event = services, consent, by_event
        self.on = DateField(required=True)
        self.on.set_date(today)
        self.how = QLineEdit()
        self.how.setPlaceholderText(self.tr("In writing, by phone (then in writing)…"))
        explain = QLabel(
            self.tr(
                "{resident}'s consent to {recipient}. It stays on file, marked as ended; "
                "no report can be made under it from that day."
            ).format(resident=resident, recipient=consent.recipient)
        )
        explain.setWordWrap(True)
        self.body.insertWidget(0, explain)
        if by_event:
            self.form.addRow(self.tr("Event:"), QLabel(consent.expiry_event))
        self.add_field(self.tr("On*"), "on", self.on)
        self.over = QCheckBox()
        if not by_event:
            self.add_field(self.tr("How*"), "how", self.how)
            if consent.irrevocable_event:
                # Court-ordered: revocable once its event has happened, and only the manager
                # can say so.
                self.over.setText(
                    self.tr("It can't be revoked until {event}: that has happened").format(
                        event=consent.irrevocable_event
                    )
                )
                self.form.addRow("", self.over)

    def submit(self) -> Done[ConsentInfo]:
        _dates(("on", self.tr("On"), self.on))
        on = self.on.date()
        assert on is not None
        consent_id = self.consent.id or 0
        if self.by_event:
            return self.services.consents.end_by_event(consent_id, on)
        return self.services.consents.revoke(consent_id, on, self.how.text(), self.over.isChecked())


class PeriodDialog(FormDialog):
    """The period a progress report covers (the last 30 days unless changed) and, for one
    resident's report, the overall standing it ends with, in the manager's words."""

    def __init__(
        self,
        events: AppEvents,
        title: str,
        today: date,
        parent: QWidget | None = None,
        left_out: Sequence[str] = (),
        *,
        standing: bool = False,
    ) -> None:
        super().__init__(title, events, parent)
        self.save_button.setText(self.tr("Make the report"))
        if left_out:
            # Minimum necessary: say what the consent does not cover, so nobody expects it.
            note = QLabel(
                self.tr("This consent does not cover, so the report leaves out: {what}.").format(
                    what=", ".join(left_out).lower()
                )
            )
            note.setWordWrap(True)
            self.body.insertWidget(0, note)
        self.first = DateField(required=True)
        self.first.set_date(today - timedelta(days=30))
        self.last = DateField(required=True)
        self.last.set_date(today)
        self.add_field(self.tr("From*"), "first", self.first)
        self.add_field(self.tr("To*"), "last", self.last)
        self.period: tuple[date, date] | None = None
        self.standing: QComboBox | None = None
        self.statement = QPlainTextEdit()
        if standing:
            self._standing_fields()

    def _standing_fields(self) -> None:
        # No choice made for the manager: a report never says "good standing" by default.
        self.standing = QComboBox()
        self.standing.addItem(self.tr("Choose…"), None)
        for choice in (Standing.GOOD, Standing.CONCERNS, Standing.NOT_STATED):
            self.standing.addItem(self.tr(choice.label), choice)
        self.statement.setTabChangesFocus(True)
        self.statement.setFixedHeight(70)
        self.statement.setPlaceholderText(
            self.tr("In your own words, for the case manager (needed for concerns)")
        )
        self.add_field(self.tr("Overall standing*"), "standing", self.standing)
        self.add_field(self.tr("Statement"), "statement", self.statement)

    @property
    def chosen_standing(self) -> Standing:
        data = self.standing.currentData() if self.standing is not None else None
        return Standing.NOT_STATED if data is None else Standing(data)  # Qt hands back a str

    def submit(self) -> Done[None]:
        _dates(("first", self.tr("From"), self.first), ("last", self.tr("To"), self.last))
        first, last = self.first.date(), self.last.date()
        assert first is not None and last is not None
        if first > last:
            raise ValidationError.single("first", self.tr("From must come before To."))
        if self.standing is not None and self.standing.currentData() is None:
            raise ValidationError.single(
                "standing", self.tr("Choose the resident's overall standing for this report.")
            )
        if self.chosen_standing is Standing.CONCERNS and not self.statement.toPlainText().strip():
            raise ValidationError.single("statement", self.tr("Say what the concerns are."))
        self.period = (first, last)
        from residence.changes import Changes

        return Done(None, Changes.of())
