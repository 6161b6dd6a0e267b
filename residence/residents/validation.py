"""The rules for what a person's details and a stay's dates may be: an adult's date of birth,
no sobriety date in the future, a move-out not before the move-in."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from residence.dates import format_date, years_between
from residence.errors import ValidationError
from residence.residents.records import PersonDetails
from residence.text_rules import clean, text_problem

MIN_AGE, MAX_AGE = 18, 110
EARLIEST = date(1900, 1, 1)  # before this, a date is a typo in the year
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

# Field -> (label used in messages, longest length). Notes may span lines.
TEXT_FIELDS = {
    "first_name": ("First name", 200),
    "last_name": ("Last name", 200),
    "preferred_name": ("Preferred name", 200),
    "phone": ("Phone", 80),
    "email": ("Email", 200),
    "emergency_name": ("Emergency contact", 200),
    "emergency_relation": ("Relationship", 80),
    "emergency_phone": ("Emergency phone", 80),
    "case_manager_name": ("Case manager", 200),
    "case_manager_org": ("Organisation", 200),
    "case_manager_phone": ("Case manager phone", 80),
    "case_manager_email": ("Case manager email", 200),
    "probation_officer": ("Probation/parole officer", 200),
    "probation_phone": ("Officer phone", 80),
    "sponsor_name": ("Sponsor", 200),
    "sponsor_phone": ("Sponsor phone", 80),
    "employment": ("Employment or school", 200),
    "notes": ("Notes", 20000),
}


def validated_details(details: PersonDetails, today: date) -> PersonDetails:
    """The details trimmed, or a ValidationError naming every field that is wrong."""
    cleaned = _trimmed(details)
    errors: dict[str, str] = {}
    for name, (label, limit) in TEXT_FIELDS.items():
        problem = text_problem(getattr(cleaned, name), max_length=limit, multiline=name == "notes")
        if problem:
            errors[name] = f"{label} {problem}."
    for name in ("first_name", "last_name"):
        value = getattr(cleaned, name)
        if not value:
            errors.setdefault(name, f"{TEXT_FIELDS[name][0]} is required.")
        elif not any(ch.isalnum() for ch in value):
            errors.setdefault(name, f"{TEXT_FIELDS[name][0]} needs at least one letter.")
    for name in ("email", "case_manager_email"):
        value = getattr(cleaned, name)
        if value and not _EMAIL.match(value):
            errors.setdefault(name, f"“{value}” is not an email address (name@example.org).")
    errors.update(_date_problems(cleaned, today))
    if _case_manager_without_name(cleaned):
        errors.setdefault("case_manager_name", "Give the case manager's name too.")
    if errors:
        raise ValidationError(errors)
    return cleaned


def check_move_in(move_in: date, today: date, born: date | None = None) -> None:
    if move_in > today:
        raise ValidationError.single(
            "move_in", f"Move-in date {format_date(move_in)} is in the future; admit on arrival."
        )
    if move_in < EARLIEST or (born is not None and move_in < born):
        raise ValidationError.single(
            "move_in", f"Move-in date {format_date(move_in)} is too early; check the year."
        )


def check_event_date(day: date, *, after: date, after_what: str, today: date, field: str) -> None:
    """A stay event (move, phase change, move-out) happens from ``after`` up to today."""
    if day > today:
        raise ValidationError.single(field, f"{format_date(day)} is in the future.")
    if day < after:
        raise ValidationError.single(
            field, f"{format_date(day)} is before {after_what} ({format_date(after)})."
        )


def _trimmed(details: PersonDetails) -> PersonDetails:
    changes: dict[str, object] = {name: clean(getattr(details, name)) for name in TEXT_FIELDS}
    return replace(details, **changes)  # type: ignore[arg-type]


def _date_problems(details: PersonDetails, today: date) -> dict[str, str]:
    errors: dict[str, str] = {}
    born = details.date_of_birth
    if born is not None:
        age = years_between(born, today)
        if born > today or age < MIN_AGE:
            errors["date_of_birth"] = (
                f"Date of birth {format_date(born)} makes them under {MIN_AGE}; check the year."
            )
        elif age > MAX_AGE:
            errors["date_of_birth"] = (
                f"Date of birth {format_date(born)} makes them over {MAX_AGE}; check the year."
            )
    sober = details.sobriety_date
    if sober is not None:
        if sober > today:
            errors["sobriety_date"] = f"Sobriety date {format_date(sober)} is in the future."
        elif sober < EARLIEST:
            errors["sobriety_date"] = (
                f"Sobriety date {format_date(sober)} is too early; check the year."
            )
        elif born is not None and sober < born:
            errors["sobriety_date"] = "Sobriety date is before the date of birth."
    return errors


def _case_manager_without_name(details: PersonDetails) -> bool:
    contact = (details.case_manager_org, details.case_manager_phone, details.case_manager_email)
    return not details.case_manager_name and any(contact)
