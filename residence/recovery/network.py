"""The support network: the people a resident can call, each with phone and relationship, and
whether the house may contact them about the resident.

Contacting a resident's family or friend about them is a disclosure: the house may only under
a consent the resident signed naming that person, while it is in force. A contact names that
consent or none, and the permission is worked out from the consent's record each time it is
read, never stored: it ends on the day the consent does."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from residence.changes import Done
from residence.clock import Clock
from residence.consents.rules import status_of
from residence.dates import format_date
from residence.db import orm
from residence.db.database import Database
from residence.db.edits import refuse_if_changed, version, versions_of
from residence.db.lookup import get_row
from residence.errors import Conflict, ValidationError
from residence.recovery.records import ContactDraft, SupportContact, Tie
from residence.recovery.service import RECOVERY_CHANGED
from residence.text_rules import clean, fold, text_problem

FORM = ("name", "tie", "relation", "phone", "consent_id")


class NetworkBook:
    def __init__(self, database: Database, clock: Clock) -> None:
        self._db = database
        self._today = clock.today

    def add(self, person_id: int, draft: ContactDraft) -> Done[SupportContact]:
        draft = _checked(draft)
        with self._db.write() as session:
            get_row(session, orm.Person, person_id, "resident")
            _check_consent(session, person_id, draft)
            row = orm.SupportContact(person_id=person_id, added_on=self._today(),
                                     **_columns(draft))  # fmt: skip
            session.add(row)
            session.flush()
            return Done(self._contact(session, row, version(session, "support_contact", row.id)),
                        RECOVERY_CHANGED)  # fmt: skip

    def change(self, contact_id: int, draft: ContactDraft, seen: int | None) -> Done[None]:
        """Correct a contact (a new phone, the consent that now covers them): Conflict if it
        was changed at another desk since ``seen``."""
        draft = _checked(draft)
        with self._db.write() as session:
            row = _current(session, contact_id)
            refuse_if_changed(session, "support_contact", row.id, seen,
                              called=f"the contact “{row.name}”", fields=FORM)  # fmt: skip
            _check_consent(session, row.person_id, draft)
            for column, value in _columns(draft).items():
                setattr(row, column, value)
        return Done(None, RECOVERY_CHANGED)

    def remove(self, contact_id: int, why: str) -> Done[None]:
        """No longer in their network (kept on file, with the day and why)."""
        why = clean(why)
        if not why:
            raise ValidationError.single("why", "Say why they are no longer in the network.")
        if problem := text_problem(why, max_length=200):
            raise ValidationError.single("why", f"This {problem}.")
        with self._db.write() as session:
            row = _current(session, contact_id)
            row.removed_on, row.removed_why = self._today(), why
        return Done(None, RECOVERY_CHANGED)

    def network(self, person_id: int, *, removed: bool = False) -> list[SupportContact]:
        """Their contacts in the order they were added (``removed``: the former ones too)."""
        with self._db.read() as session:
            versions = versions_of(session, "support_contact")
            query = select(orm.SupportContact).where(orm.SupportContact.person_id == person_id)
            if not removed:
                query = query.where(orm.SupportContact.removed_on.is_(None))
            rows = session.scalars(query.order_by(orm.SupportContact.id))
            return [self._contact(session, row, versions.get(row.id)) for row in rows]

    def _contact(
        self, session: Session, row: orm.SupportContact, seen: int | None
    ) -> SupportContact:
        may, rule = _permission(session, row.name, row.consent_id, self._today())
        draft = ContactDraft(row.name, Tie(row.tie), row.relation, row.phone, row.consent_id)
        return SupportContact(row.id, row.person_id, draft, row.added_on, row.removed_on,
                              row.removed_why, may, rule, seen)  # fmt: skip


def _permission(
    session: Session, name: str, consent_id: int | None, today: date
) -> tuple[bool, str]:
    """Whether the house may contact them about the resident today, in a sentence."""
    if consent_id is None:
        return False, "No consent names them: the house doesn't contact them about the resident."
    consent = get_row(session, orm.Consent, consent_id, "consent")
    if not names(consent, name):  # the contact's name was corrected since: it must still match
        return False, (
            f"Consent #{consent.id} is to {consent.recipient_name or consent.recipient_class}, "
            "not to them: the house doesn't contact them about the resident."
        )
    state = status_of(consent.revoked_on, consent.ended_by_event, consent.expires_on, today)
    if state.allows:
        until = (
            f"until {format_date(consent.expires_on)}"
            if consent.expires_on
            else f"until {consent.expiry_event}"
        )
        return True, f"May be contacted about the resident: consent #{consent.id}, {until}."
    return False, (
        f"Consent #{consent.id} is no longer in force ({state.label.lower()}): "
        "the house doesn't contact them about the resident."
    )


def names(consent: orm.Consent, name: str) -> bool:
    """Whether the consent is to this person: their whole name is its recipient's (case,
    accents and spacing aside), alone or with what they are to the resident after it, in
    brackets or after a comma ("Rosa Quill (mother)", "Rosa Quill, mother"). "Rosa" or
    "Rosa Quill" is not "Rosa Quill Martinez"."""
    recipient, wanted = fold(consent.recipient_name), fold(name)
    if not wanted or not recipient.startswith(wanted):
        return False
    rest = recipient[len(wanted) :].strip()
    return not rest or rest[0] in "(,"


def _check_consent(session: Session, person_id: int, draft: ContactDraft) -> None:
    if draft.consent_id is None:
        return
    consent = get_row(session, orm.Consent, draft.consent_id, "consent")
    if consent.person_id != person_id:
        raise ValidationError.single("consent_id", "That consent is another resident's.")
    if not names(consent, draft.name):
        to = consent.recipient_name or consent.recipient_class
        raise ValidationError.single(
            "consent_id",
            f"Consent #{consent.id} is to {to}, not to {draft.name}: the house may call "
            "someone about a resident only under a consent naming them.",
        )


def _current(session: Session, contact_id: int) -> orm.SupportContact:
    row = get_row(session, orm.SupportContact, contact_id, "contact")
    if row.removed_on is not None:
        raise Conflict("That contact was taken off the network: add them again instead.")
    return row


def _checked(draft: ContactDraft) -> ContactDraft:
    name, relation, phone = clean(draft.name), clean(draft.relation), clean(draft.phone)
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = "Give the contact's name."
    for field, value, limit in (("name", name, 200), ("relation", relation, 80),
                                ("phone", phone, 80)):  # fmt: skip
        if field not in errors and (problem := text_problem(value, max_length=limit)):
            errors[field] = f"This {problem}."
    if errors:
        raise ValidationError(errors)
    return ContactDraft(name, draft.tie, relation, phone, draft.consent_id)


def _columns(draft: ContactDraft) -> dict[str, object]:
    return {"name": draft.name, "tie": draft.tie.value, "relation": draft.relation,
            "phone": draft.phone, "consent_id": draft.consent_id}  # fmt: skip
