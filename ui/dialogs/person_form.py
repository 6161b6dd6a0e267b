"""The person's details, on three tabs: the person, their contacts, work and notes."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLineEdit, QPlainTextEdit, QTabWidget, QWidget
from residence.residents.records import PersonDetails

from ui.dialogs.base import FormDialog, date_problem
from ui.widgets.date_field import DateField

# (field, label) for the plain text lines, tab by tab, in tab order.
PERSON_LINES = (
    ("first_name", "First name*"),
    ("last_name", "Last name*"),
    ("preferred_name", "Preferred name"),
)
CONTACT_LINES = (
    ("phone", "Phone"),
    ("email", "Email"),
)
SUPPORT_LINES = (
    ("emergency_name", "Emergency contact"),
    ("emergency_relation", "Relationship"),
    ("emergency_phone", "Emergency phone"),
    ("case_manager_name", "Case manager"),
    ("case_manager_org", "Organisation"),
    ("case_manager_phone", "Case manager phone"),
    ("case_manager_email", "Case manager email"),
    ("probation_officer", "Probation/parole officer"),
    ("probation_phone", "Officer phone"),
    ("sponsor_name", "Sponsor (12-step)"),
    ("sponsor_phone", "Sponsor phone"),
)


class PersonFields:
    """The widgets for a PersonDetails, laid out on tabs inside a FormDialog."""

    def __init__(self, dialog: FormDialog) -> None:
        self.tabs = QTabWidget()
        self.lines: dict[str, QLineEdit] = {}
        self.date_of_birth = DateField()
        self.sobriety_date = DateField()
        self.employment = QLineEdit()
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.person_form = self._tab(self.tabs.tr("Person"))
        for field, label in PERSON_LINES:
            dialog.add_field(label, field, self._line(field), self.person_form)
        dialog.add_field("Date of birth", "date_of_birth", self.date_of_birth, self.person_form)
        dialog.add_field("Sobriety date", "sobriety_date", self.sobriety_date, self.person_form)
        for field, label in CONTACT_LINES:
            dialog.add_field(label, field, self._line(field), self.person_form)
        support = self._tab(self.tabs.tr("Contacts and support"))
        for field, label in SUPPORT_LINES:
            dialog.add_field(label, field, self._line(field), support)
        other = self._tab(self.tabs.tr("Work and notes"))
        dialog.add_field("Employment or school", "employment", self.employment, other)
        dialog.add_field("Notes", "notes", self.notes, other)

    def _tab(self, title: str) -> QFormLayout:
        page = QWidget()
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.tabs.addTab(page, title)
        return form

    def _line(self, field: str) -> QLineEdit:
        line = QLineEdit()
        line.setObjectName(field)
        self.lines[field] = line
        return line

    def set_details(self, details: PersonDetails) -> None:
        for field, line in self.lines.items():
            line.setText(getattr(details, field))
        self.date_of_birth.set_date(details.date_of_birth)
        self.sobriety_date.set_date(details.sobriety_date)
        self.employment.setText(details.employment)
        self.notes.setPlainText(details.notes)

    def date_problems(self) -> dict[str, str]:
        return {
            **date_problem("date_of_birth", "Date of birth", self.date_of_birth),
            **date_problem("sobriety_date", "Sobriety date", self.sobriety_date),
        }

    def details(self) -> PersonDetails:
        """The typed details; call ``date_problems`` first (dates must parse)."""
        texts = {field: line.text() for field, line in self.lines.items()}
        return PersonDetails(
            **texts,
            date_of_birth=self.date_of_birth.date(),
            sobriety_date=self.sobriety_date.date(),
            employment=self.employment.text(),
            notes=self.notes.toPlainText(),
        )
