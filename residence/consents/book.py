"""Consents on file: recording, revoking, the signed scan, and whether a report is allowed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from residence.changes import Area, Changes, Done
from residence.clock import Clock
from residence.consents.records import Category, ConsentInfo, ConsentRow, ConsentStatus
from residence.consents.rules import revocable, status, status_text, why_refused
from residence.dates import format_date
from residence.db import orm
from residence.db.database import Database
from residence.db.lookup import get_row
from residence.errors import Conflict, ResidenceError, ValidationError
from residence.residents.presence import short_name
from residence.text_rules import clean, sort_key, text_problem
from residence.who import who_changed

CONSENTS_CHANGED = Changes.of(Area.CONSENTS)
SCAN_LIMIT = 20 * 1024 * 1024
SCAN_TYPES = ((b"%PDF", "application/pdf"), (b"\x89PNG", "image/png"), (b"\xff\xd8", "image/jpeg"))


class NotAllowed(ResidenceError):
    """No consent in force lets this report go to that recipient; the message says why."""


class ConsentBook:
    def __init__(self, database: Database, clock: Clock) -> None:
        self._db = database
        self._today, self._now = clock.today, clock.now

    def rows(self, person_id: int | None = None, *, current_only: bool = False) -> list[ConsentRow]:
        """Consents on file (one resident's, everyone's, or those of the people living here
        now), newest signed first."""
        today = self._today()
        with self._db.read() as session:
            names = (orm.Person.first_name, orm.Person.last_name, orm.Person.preferred_name)
            query = select(orm.Consent, *names).join(orm.Person)
            if person_id is not None:
                query = query.where(orm.Consent.person_id == person_id)
            if current_only:
                here = select(orm.Stay.person_id).where(orm.Stay.move_out.is_(None))
                query = query.where(orm.Consent.person_id.in_(here))
            # The scans' names in one query, not one per consent.
            files = select(orm.ConsentScan.consent_id, orm.ConsentScan.file_name)
            scans = dict(session.execute(files).all())
            found = []
            for row, first, last, preferred in session.execute(query):
                info = _info(session, row, scans.get(row.id, ""))
                name = short_name(first, last, preferred)
                found.append(ConsentRow(info, name, status(info, today), status_text(info, today)))
        return sorted(found, key=lambda r: (r.info.signed_on, r.info.id or 0), reverse=True)

    def get(self, consent_id: int) -> ConsentInfo:
        with self._db.read() as session:
            return _info(session, get_row(session, orm.Consent, consent_id, "consent"))

    def save(self, info: ConsentInfo) -> Done[ConsentInfo]:
        """Record a consent; one already used for a disclosure can't be changed."""
        info = _checked(info, self._today())
        with self._db.write() as session:
            get_row(session, orm.Person, info.person_id, "resident")
            if info.case_manager_id is not None:
                get_row(session, orm.CaseManager, info.case_manager_id, "case manager")
            if info.id is None:
                row = orm.Consent(recorded_at=self._now(), recorded_by=who_changed(session))
                session.add(row)
            else:
                row = get_row(session, orm.Consent, info.id, "consent")
                if _used(session, row.id):
                    raise Conflict(
                        "Reports were disclosed under this consent, so it stays as it was "
                        "signed. Record a new consent instead."
                    )
            _write(row, info)
            session.flush()
            return Done(_info(session, row), CONSENTS_CHANGED)

    def revoke(
        self, consent_id: int, on: date, how: str, irrevocability_over: bool = False
    ) -> Done[ConsentInfo]:
        """The resident revoked it (a recorded event, not a deletion). For a court-ordered
        consent irrevocable until an event, the manager says the event has happened."""
        how = clean(how)
        if not how:
            raise ValidationError.single("how", "Say how it was revoked (in writing, by phone…).")
        if problem := text_problem(how, max_length=400):
            raise ValidationError.single("how", f"This {problem}.")
        return self._end(consent_id, on, how, by_event=False, over=irrevocability_over)

    def end_by_event(self, consent_id: int, on: date) -> Done[ConsentInfo]:
        """The event the consent expires on happened (left the program, case closed…)."""
        return self._end(consent_id, on, "", by_event=True, over=True)

    def _end(
        self, consent_id: int, on: date, how: str, *, by_event: bool, over: bool
    ) -> Done[ConsentInfo]:
        with self._db.write() as session:
            row = get_row(session, orm.Consent, consent_id, "consent")
            info = _info(session, row)
            if row.revoked_on is not None:
                raise Conflict(f"This consent already ended: {status_text(info, self._today())}.")
            if not row.signed_on <= on <= self._today():
                raise ValidationError.single(
                    "on", f"A date from {format_date(row.signed_on)} to today."
                )
            if by_event and not row.expiry_event:
                raise ValidationError.single("on", "This consent names no event to end on.")
            if not by_event and (reason := revocable(info, on, over)):
                raise ValidationError.single("on", reason)
            row.revoked_on, row.revoked_how, row.ended_by_event = on, how, by_event
            session.flush()
            return Done(_info(session, row), CONSENTS_CHANGED)

    # -- the signed form ---------------------------------------------------------------------

    def attach_scan(self, consent_id: int, file_name: str, data: bytes) -> Done[None]:
        media = next((kind for magic, kind in SCAN_TYPES if data.startswith(magic)), None)
        if media is None:
            raise ValidationError.single("scan", "Attach the scan as a PDF, PNG or JPEG file.")
        if len(data) > SCAN_LIMIT:
            raise ValidationError.single("scan", "The scan is over 20 MB: scan at a lower size.")
        with self._db.write() as session:
            get_row(session, orm.Consent, consent_id, "consent")
            existing = session.get(orm.ConsentScan, consent_id)
            if existing is not None and _used(session, consent_id):
                raise Conflict(
                    "Reports were disclosed under this consent: its signed form stays as it was."
                )
            scan = existing or orm.ConsentScan(consent_id=consent_id)
            scan.file_name, scan.media_type, scan.data = clean(file_name)[:200], media, data
            session.add(scan)
        return Done(None, CONSENTS_CHANGED)

    def scan(self, consent_id: int) -> tuple[str, str, bytes] | None:
        """The signed form: (file name, media type, bytes), or None when none is attached."""
        with self._db.read() as session:
            scan = session.get(orm.ConsentScan, consent_id)
            return (scan.file_name, scan.media_type, scan.data) if scan else None

    # -- may a report go? --------------------------------------------------------------------

    def allowed(self, consent_id: int) -> ConsentInfo:
        """The consent, if a report may be disclosed under it today; else NotAllowed says why."""
        info = self.get(consent_id)
        if reason := why_refused(info, self._today()):
            raise NotAllowed(reason)
        return info

    def for_case_manager(self, person_id: int, case_manager_id: int) -> ConsentInfo:
        """The consent in force for this resident's reports to this case manager."""
        today = self._today()
        rows = [r for r in self.rows(person_id) if r.info.case_manager_id == case_manager_id]
        if in_force := [r.info for r in rows if r.status.allows]:
            return in_force[0]
        if not rows:
            raise NotAllowed("No consent on file for reports to this case manager.")
        raise NotAllowed(why_refused(rows[0].info, today))

    def expiring(self) -> list[ConsentRow]:
        """Consents of current residents running out soon and not yet renewed."""
        rows = self.rows(current_only=True)
        return [
            r
            for r in rows
            if r.status is ConsentStatus.EXPIRING and not any(_renews(other, r) for other in rows)
        ]

    def without_consent(self) -> list[tuple[int, str]]:
        """Current residents with a case manager but no consent in force for them."""
        today = self._today()
        with self._db.read() as session:
            people = list(
                session.scalars(
                    select(orm.Person)
                    .join(orm.Stay)
                    .where(orm.Stay.move_out.is_(None), orm.Person.case_manager_id.is_not(None))
                )
            )
            # Their consents in one query (not one each); whether a scan is on file doesn't
            # change what a consent allows, so the scans' names aren't read.
            by_person: dict[int, list[orm.Consent]] = {}
            for consent in session.scalars(
                select(orm.Consent).where(orm.Consent.person_id.in_([p.id for p in people]))
            ):
                by_person.setdefault(consent.person_id, []).append(consent)
            missing = []
            for person in people:
                consents = [
                    c
                    for c in by_person.get(person.id, [])
                    if c.case_manager_id == person.case_manager_id
                ]
                if not any(status(_info(session, c, scan=""), today).allows for c in consents):
                    name = short_name(person.first_name, person.last_name, person.preferred_name)
                    missing.append((person.id, name))
        return sorted(missing, key=lambda p: (sort_key(p[1]), p[0]))


def _checked(info: ConsentInfo, today: date) -> ConsentInfo:
    info = replace(
        info,
        recipient_name=clean(info.recipient_name),
        recipient_org=clean(info.recipient_org),
        recipient_class=clean(info.recipient_class),
        purpose=clean(info.purpose),
        expiry_event=clean(info.expiry_event),
        revoke_how=clean(info.revoke_how),
        irrevocable_event=clean(info.irrevocable_event),
    )
    errors: dict[str, str] = {}
    for field in (
        "recipient_name",
        "recipient_org",
        "recipient_class",
        "expiry_event",
        "irrevocable_event",
    ):
        if problem := text_problem(getattr(info, field), max_length=200):
            errors[field] = f"This {problem}."
    for field in ("purpose", "revoke_how"):
        if problem := text_problem(getattr(info, field), max_length=4000, multiline=True):
            errors[field] = f"This {problem}."
    if not info.recipient:
        errors["recipient_name"] = "Name the recipient: a person and organisation, or a class."
    if not info.purpose:
        errors["purpose"] = "Say what the information is for."
    if not info.categories:
        errors["categories"] = "Tick at least one kind of information."
    if info.signed_on > today:
        errors["signed_on"] = "The signature date can't be in the future."
    if info.expires_on is None and not info.expiry_event:
        errors["expires_on"] = "Give an expiry date or an event it ends on."
    elif info.expires_on is not None and info.expires_on < info.signed_on:
        errors["expires_on"] = "It can't expire before it was signed."
    if not info.revoke_how:
        errors["revoke_how"] = "Say how the resident may revoke it."
    if info.irrevocable_until is not None and info.irrevocable_until < info.signed_on:
        errors["irrevocable_until"] = "Irrevocable until a date after signing."
    if errors:
        raise ValidationError(errors)
    return info


def _write(row: orm.Consent, info: ConsentInfo) -> None:
    row.person_id, row.case_manager_id = info.person_id, info.case_manager_id
    row.recipient_name, row.recipient_org = info.recipient_name, info.recipient_org
    row.recipient_class, row.purpose = info.recipient_class, info.purpose
    row.categories = ",".join(c.value for c in Category if c in info.categories)
    row.signed_on, row.expires_on, row.expiry_event = (
        info.signed_on,
        info.expires_on,
        info.expiry_event,
    )
    row.revoke_how = info.revoke_how
    row.irrevocable_until, row.irrevocable_event = info.irrevocable_until, info.irrevocable_event


def _info(session: Session, row: orm.Consent, scan: str | None = None) -> ConsentInfo:
    """``scan``: the name of its scan, when the caller has already read it."""
    if scan is None:  # only the scan's name: the file itself may be megabytes
        scan = session.scalar(
            select(orm.ConsentScan.file_name).where(orm.ConsentScan.consent_id == row.id)
        )
    return ConsentInfo(
        id=row.id,
        person_id=row.person_id,
        recipient_name=row.recipient_name,
        recipient_org=row.recipient_org,
        purpose=row.purpose,
        categories=frozenset(Category(c) for c in row.categories.split(",") if c),
        signed_on=row.signed_on,
        expires_on=row.expires_on,
        expiry_event=row.expiry_event,
        revoke_how=row.revoke_how,
        recipient_class=row.recipient_class,
        case_manager_id=row.case_manager_id,
        irrevocable_until=row.irrevocable_until,
        irrevocable_event=row.irrevocable_event,
        revoked_on=row.revoked_on,
        revoked_how=row.revoked_how,
        ended_by_event=row.ended_by_event,
        scan_name=scan or "",
    )


def _used(session: Session, consent_id: int) -> bool:
    found = session.scalar(
        select(orm.Disclosure.id).where(orm.Disclosure.consent_id == consent_id).limit(1)
    )
    return found is not None


def _renews(other: ConsentRow, old: ConsentRow) -> bool:
    """``other`` is a later consent in force to the same recipient, for the same resident."""
    return (
        other.info.id != old.info.id
        and other.info.person_id == old.info.person_id
        and other.info.recipient == old.info.recipient
        and other.info.signed_on >= old.info.signed_on
        and other.status is ConsentStatus.ACTIVE
    )
