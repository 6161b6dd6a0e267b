"""Copying a person's details between the form's values and the database row."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from residence.db import orm
from residence.residents.records import PersonDetails

# The fields stored on the person row under the same name.
_OWN_FIELDS = (
    "first_name", "last_name", "preferred_name", "date_of_birth", "sobriety_date", "phone",
    "email", "emergency_name", "emergency_relation", "emergency_phone", "probation_officer",
    "probation_phone", "sponsor_name", "sponsor_phone", "employment", "notes",
)  # fmt: skip


def write_details(session: Session, person: orm.Person, details: PersonDetails) -> None:
    for name in _OWN_FIELDS:
        setattr(person, name, getattr(details, name))
    person.case_manager = _case_manager(session, details)


def read_details(person: orm.Person) -> PersonDetails:
    own = {name: getattr(person, name) for name in _OWN_FIELDS}
    manager = person.case_manager
    return PersonDetails(
        **own,
        case_manager_name=manager.name if manager else "",
        case_manager_org=manager.organisation if manager else "",
        case_manager_phone=manager.phone if manager else "",
        case_manager_email=manager.email if manager else "",
    )


def _case_manager(session: Session, details: PersonDetails) -> orm.CaseManager | None:
    """The case manager with this name and organisation, created on first mention.

    Several residents share a case manager; a new phone or email typed on any of them
    updates the one record they share.
    """
    if not details.case_manager_name:
        return None
    manager = session.scalar(
        select(orm.CaseManager).where(
            orm.CaseManager.name == details.case_manager_name,
            orm.CaseManager.organisation == details.case_manager_org,
        )
    )
    if manager is None:
        manager = orm.CaseManager(
            name=details.case_manager_name, organisation=details.case_manager_org
        )
        session.add(manager)
    if details.case_manager_phone:
        manager.phone = details.case_manager_phone
    if details.case_manager_email:
        manager.email = details.case_manager_email
    return manager
